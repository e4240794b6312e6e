"""The national-scale generator (`nrm/demo/volume.py`): a consistent world in bulk.

Runs on SQLite (`bulk_create`) and on PostgreSQL (COPY) alike: `make test` runs both.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from nrm.access.audit import audit_record, audit_verify
from nrm.access.models import AuditEvent, AuditEventType, Involvement, Purpose
from nrm.demo.management.commands import demo as demo_command
from nrm.demo.volume import PER_PERSON, scrambled_reference, volume_load
from nrm.demo.world import build_world
from nrm.inspections.models import ChainLink, Company, Inspection, Worksite
from nrm.people.models import Person
from nrm.prosecution.models import CaseFile, CaseVictim
from nrm.referrals.models import Referral, ReferralStatus

PERSONS = 400


@pytest.fixture
def volume_world(db: None) -> dict[str, int]:
    build_world(persons=2)
    before = {
        "persons": Person.objects.count(),
        "involvements": Involvement.objects.count(),
        "audit": AuditEvent.objects.count(),
        "referrals": Referral.objects.count(),
        "inspections": Inspection.objects.count(),
        "companies": Company.objects.count(),
        "cases": CaseFile.objects.count(),
    }
    volume_load(persons=PERSONS, progress=False)
    return before


def test_it_writes_the_proportions_of_a_national_installation(
    volume_world: dict[str, int],
) -> None:
    before = volume_world

    def added(count: int, name: str) -> float:
        return (count - before[name]) / PERSONS

    assert Person.objects.count() - before["persons"] == PERSONS
    assert added(Company.objects.count(), "companies") == PER_PERSON["companies"]
    assert added(Inspection.objects.count(), "inspections") == PER_PERSON["inspections"]
    assert added(CaseFile.objects.count(), "cases") == PER_PERSON["case_files"]
    assert Worksite.objects.count() >= PER_PERSON["worksites"] * PERSONS
    # Drawn at random per person: within a margin of the installation's proportions.
    assert 0.6 <= added(Referral.objects.count(), "referrals") <= 0.9
    assert 2.3 <= added(Involvement.objects.count(), "involvements") <= 3.2
    assert added(AuditEvent.objects.count(), "audit") == pytest.approx(
        PER_PERSON["audit_events"], rel=0.05
    )


def test_every_generated_record_hangs_together(volume_world: dict[str, int]) -> None:
    generated = Person.objects.order_by("-pk")[:PERSONS]
    # Every person is followed by at least the organisation that met them first.
    assert not Person.objects.filter(pk__in=[p.pk for p in generated], involvements=None).exists()
    # Identities are encrypted at rest and read back through the fields.
    person = generated[0]
    assert person.given_names
    assert person.birth_date is not None
    raw = Person.objects.filter(pk=person.pk).values_list("given_names", flat=True)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT given_names FROM people_person WHERE id = %s", [person.pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith("fernet:")
    assert person.given_names not in stored
    assert list(raw) == [person.given_names]
    # A pending referral keeps the centre's received involvement; an accepted one has the
    # centre's care involvement open.
    for referral in Referral.objects.filter(status=ReferralStatus.PENDING):
        assert referral.received_involvement is not None
        assert referral.received_involvement.organisation_id == referral.referred_organisation_id
    accepted = Referral.objects.filter(status=ReferralStatus.ACCEPTED).order_by("-pk")[:50]
    for referral in accepted:
        assert Involvement.objects.filter(
            person=referral.person,
            organisation=referral.referred_organisation,
            purpose=Purpose.CARE,
            until__isnull=True,
        ).exists()
    # Victims of a case file are followed by its office, for investigation.
    for victim in CaseVictim.objects.select_related("case").order_by("-pk")[:50]:
        assert Involvement.objects.filter(
            person_id=victim.person_id,
            organisation_id=victim.case.office_id,
            purpose=Purpose.INVESTIGATION,
        ).exists()
    # Each worksite's chain has exactly one principal.
    principals = ChainLink.objects.filter(parent=None).values("worksite").annotate(n=Count("pk"))
    assert {row["n"] for row in principals} == {1}


def test_the_audit_chain_still_verifies_and_goes_on_after_the_load(
    volume_world: dict[str, int],
) -> None:
    check = audit_verify()
    assert check.ok, check.problem
    assert check.checked == AuditEvent.objects.count()
    # The heads were moved to the generated rows: the next real row continues the chain.
    audit_record(
        actor=None,
        event_type=AuditEventType.READ,
        action="after_volume",
        record_type="people.person",
        record_id="1",
        purpose=Purpose.ADMINISTRATION,
        actor_label="test",
    )
    assert audit_verify().ok


def test_references_are_unique_and_in_the_readable_format() -> None:
    references = {scrambled_reference("P", n) for n in range(50_000)}
    assert len(references) == 50_000
    assert all(len(r) == 11 and r[1] == "-" and r[6] == "-" for r in references)
    assert not any(c in r[2:] for r in references for c in "01IO")


def test_the_command_writes_a_large_world_in_bulk_around_the_demo_world(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo_command, "VOLUME_FROM", 100)
    out = StringIO()
    call_command("demo", "load", persons=148, no_progress=True, stdout=out)
    assert "people_person: 100 rows in bulk" in out.getvalue()
    assert Person.objects.count() >= 148
    assert audit_verify().ok


def test_generated_persons_are_found_by_name(volume_world: dict[str, int]) -> None:
    from nrm.people.search import name_index_stale, persons_matching

    person = Person.objects.order_by("-pk").first()
    assert person is not None
    assert not name_index_stale().exists()
    found = persons_matching(Person.objects.all(), f"{person.family_name} {person.given_names}")
    assert person.pk in {p.pk for p in found}

"""`nrm export htcds`: HTCDS 2.0 names, one row per person-case, de-identified unless allowed."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client

from nrm.access.models import AuditEvent, AuditEventType
from nrm.exchange import htcds
from nrm.exchange.models import HtcdsRecord, ImportBatch
from nrm.people.models import Person
from nrm.referrals.actions import referral_accept
from nrm.referrals.models import ReferralReason
from nrm.referrals.tests.builders import refer
from nrm.testing import World

pytestmark = pytest.mark.django_db


def export(*args: str) -> str:
    out = StringIO()
    call_command("export", "htcds", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def mechanism(world: World) -> None:
    """Two persons: one referred by the inspection and accepted by PAG-ASA, one never referred."""
    referred = world.person(
        "inspector",
        given_names="Ana",
        family_name="Ionescu",
        nationalities=["RO", "MD"],
        languages=["ro", "ru"],
        age_at_first_contact=27,
        birth_date=date(1998, 2, 3),
        phone="+32 470 12 34 56",
    )
    referral = refer(
        world,
        "inspector",
        person=referred,
        reason=ReferralReason.ADDITIONAL_SERVICES_REQUIRED,
        details="Met at the site on Monday",
        referred_on=date(2025, 3, 4),
        centre=world.organisations["PAG-ASA"],
    )
    referral_accept(actor=world.actor("director_a"), referral=referral, expected_version=1)
    world.person(
        "caseworker_b",
        given_names="Tran",
        family_name="Van",
        nationalities=["VN"],
        languages=["vi"],
        first_contact_on=date(2024, 6, 1),
    )


def test_it_writes_htcds_names_one_row_per_person_case_without_identities(
    world: World, tmp_path: Path
) -> None:
    mechanism(world)
    out = tmp_path / "cases.csv"
    message = export("--out", str(out))
    assert "2 person-cases" in message
    rows = read(out)
    assert tuple(rows[0]) == htcds.DEIDENTIFIED
    assert all(name[:4] in {"prs_", "vic_", "per_", "cas_"} for name in rows[0])
    by_citizenship = {r["prs_Citizenship"]: r for r in rows}
    ana = by_citizenship["RO;MD"]
    assert ana["prs_PrimaryLanguage"] == "ro"
    assert ana["prs_SecondaryLanguage"] == "ru"
    assert ana["vic_AgeWhenTrafficked"] == "27"
    assert ana["cas_Status"] == "Active"
    assert ana["cas_ReferredOrganisation"] == "PAG-ASA"
    assert ana["cas_ReferringOrganisation"] == "ECOSOC team Brussels"
    assert ana["cas_IncomingReferralDate"] == "2025-03-04"
    assert ana["cas_ReasonForIncomingReferral"] == "AdditionalServicesRequired"
    assert by_citizenship["VN"]["cas_ReferredOrganisation"] == ""
    text = out.read_text()
    for identity in ("Ana", "Ionescu", "1998-02-03", "Monday", "470"):
        assert identity not in text
    audit = AuditEvent.objects.get(action="htcds_export")
    assert audit.event_type == AuditEventType.EXPORT
    assert audit.purpose == "STATISTICS"
    assert audit.changes == {
        "format": "htcds-2.0",
        "year": None,
        "identities": False,
        "rows": 2,
        "left_out_without_consent": 0,
    }


def test_the_year_filter_keeps_the_cases_of_that_year(world: World, tmp_path: Path) -> None:
    mechanism(world)
    out = tmp_path / "cases.csv"
    export("--year", "2024", "--out", str(out))
    assert [r["prs_Citizenship"] for r in read(out)] == ["VN"]


def test_identities_only_for_a_centre_director_and_only_their_centres_persons(
    world: World, tmp_path: Path
) -> None:
    mechanism(world)
    out = tmp_path / "cases.csv"
    export("--identities", "--as", "director_a", "--out", str(out))
    rows = read(out)
    assert tuple(rows[0]) == htcds.IDENTIFIED
    assert [(r["prs_FirstName"], r["prs_SecondName"]) for r in rows] == [("Ana", "Ionescu")]
    assert rows[0]["prs_Birthdate"] == "1998-02-03"
    assert rows[0]["prs_MobilePhone"] == "+32470123456"
    assert rows[0]["cas_IncomingReferralDetails"] == "Met at the site on Monday"
    audit = AuditEvent.objects.get(action="htcds_export")
    assert audit.purpose == "CARE"
    assert audit.actor_id == world.users["director_a"].pk
    assert audit.changes is not None
    assert len(audit.changes["references"]) == 1


@pytest.mark.parametrize("persona", ["analyst", "coordinator", "caseworker_a", "prosecutor"])
def test_nobody_else_gets_identities(world: World, tmp_path: Path, persona: str) -> None:
    out = tmp_path / "cases.csv"
    with pytest.raises(CommandError) as caught:
        export("--identities", "--as", persona, "--out", str(out))
    assert caught.value.returncode == 2
    assert not out.exists()
    assert not AuditEvent.objects.filter(action="htcds_export").exists()


def test_identities_without_a_named_caller_are_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError):
        export("--identities", "--out", str(tmp_path / "x.csv"))


def test_a_frontline_caller_gets_no_mechanism_wide_export(world: World, tmp_path: Path) -> None:
    with pytest.raises(CommandError) as caught:
        export("--as", "inspector", "--out", str(tmp_path / "x.csv"))
    assert caught.value.returncode == 2


def test_round_trip_export_import_into_a_fresh_database_export_is_identical(
    world: World, tmp_path: Path
) -> None:
    first = tmp_path / "first.csv"
    # Everything up to the first export is rolled back: the import then meets a database
    # without any operational person, as a fresh installation would be.
    with transaction.atomic():
        mechanism(world)
        export("--out", str(first))
        transaction.set_rollback(True)
    assert not Person.objects.exists()
    call_command("import", "htcds", str(first), stdout=StringIO(), stderr=StringIO())
    assert ImportBatch.objects.get().source == "HTCDS"
    assert HtcdsRecord.objects.count() == 2
    second = tmp_path / "second.csv"
    export("--out", str(second))
    assert second.read_bytes() == first.read_bytes()


def test_importing_a_bad_htcds_file_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    header = ",".join(htcds.DEIDENTIFIED)
    good = ["Active", "Feminine", "RO"] + [""] * (len(htcds.DEIDENTIFIED) - 3)
    bad = ["Open", "Feminine", "ZZ"] + [""] * (len(htcds.DEIDENTIFIED) - 3)
    path.write_text(f"{header}\n{','.join(good)}\n{','.join(bad)}\n")
    err = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import", "htcds", str(path), stdout=StringIO(), stderr=err)
    assert caught.value.returncode == 2
    assert "line 3, column cas_Status, value 'Open'" in err.getvalue()
    assert "line 3, column prs_Citizenship, value 'ZZ'" in err.getvalue()
    assert HtcdsRecord.objects.count() == 0


def test_the_rapporteur_downloads_the_same_export(
    world: World, client_as: Callable[[str], Client], tmp_path: Path
) -> None:
    mechanism(world)
    out = tmp_path / "cases.csv"
    export("--out", str(out))
    response = client_as("analyst").get("/exchange/htcds.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Cache-Control"] == "no-store"
    assert response.content == out.read_bytes()
    assert AuditEvent.objects.filter(action="htcds_export", actor=world.users["analyst"]).exists()


@pytest.mark.parametrize("persona", ["inspector", "caseworker_a", "prosecutor", "admin"])
def test_other_roles_cannot_download(
    world: World, client_as: Callable[[str], Client], persona: str
) -> None:
    assert client_as(persona).get("/exchange/htcds.csv").status_code == 404


def test_the_export_query_count_does_not_grow_with_the_persons(world: World) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from nrm.exchange.queries import htcds_export

    mechanism(world)
    with CaptureQueriesContext(connection) as few:
        htcds_export(world.actor("analyst"))
    for n in range(4):
        referral = refer(
            world,
            "inspector",
            referred_on=date(2025, 4, 1 + n),
            centre=world.organisations["PAG-ASA"],
        )
        referral_accept(actor=world.actor("director_a"), referral=referral, expected_version=1)
    with CaptureQueriesContext(connection) as many:
        export = htcds_export(world.actor("analyst"))
    assert len(export.rows) == 6
    assert len(many.captured_queries) == len(few.captured_queries)


def case_with_suspects(world: World, *, company: bool = True) -> Person:
    """A labour case file: a victim met by the police, a suspect person (born 35 years before
    the case opened) and the employer company as suspect."""
    from nrm.people.actions import PersonData
    from nrm.prosecution import actions
    from nrm.prosecution.tests.support import chain, named_victim, opened_case

    case = opened_case(world)
    victim = named_victim(world, case).person
    prosecutor = world.actor("prosecutor")
    actions.case_suspect_add(
        actor=prosecutor,
        case=case,
        new_person=PersonData(
            given_names="Victor",
            family_name="Suspectescu",
            gender="Masculine",
            nationalities=["RO"],
            birth_date=date(case.opened_on.year - 35, 1, 1),
        ),
    )
    if not company:
        return victim
    site, _principal, _contractor, employer = chain(world)
    actions.case_company_link(
        actor=prosecutor, case=case, company=employer, role="EMPLOYER", worksite=site
    )
    actions.case_suspect_add(actor=prosecutor, case=case, company=employer)
    return victim


def test_exploitation_and_perpetrator_context_come_from_the_case_file(
    world: World, tmp_path: Path
) -> None:
    mechanism(world)
    victim = case_with_suspects(world)
    out = tmp_path / "cases.csv"
    export("--out", str(out))
    text = out.read_text(encoding="utf-8")
    for name in ("Suspectescu", "Victor", "Renov"):
        assert name not in text
    rows = read(out)
    assert tuple(rows[0]) == htcds.DEIDENTIFIED
    (row,) = [r for r in rows if r["per_RoleDetails"]]
    assert row["vic_TypeOfExploitation"] == "ForcedLabour"
    assert row["per_RoleInProcess"] == "Exploiter"
    # Sex, nationality and CTDC age band of the person; the company by its part only.
    assert row["per_RoleDetails"] == "person, Masculine, RO, 30--38 | company, employer"
    assert row["prs_Gender"] == victim.gender
    # The inspection's referral without a case file is about labour; no referral, no form.
    referred = [r for r in rows if r["cas_ReferringOrganisation"] and not r["per_RoleDetails"]]
    assert [r["vic_TypeOfExploitation"] for r in referred] == ["ForcedLabour"]
    viet = [r for r in rows if r["prs_Citizenship"] == "VN"]
    assert [r["vic_TypeOfExploitation"] for r in viet] == [""]


def test_a_person_recorded_only_as_a_suspect_gets_no_victim_row(
    world: World, tmp_path: Path
) -> None:
    mechanism(world)
    victim = case_with_suspects(world, company=False)
    out = tmp_path / "cases.csv"
    export("--out", str(out))
    rows = read(out)
    suspect = Person.objects.get(suspect_markers__isnull=False)
    # Three persons: the referred worker, the unreferred one, the case's victim; the
    # suspect (RO, born 35 years before the case) only in the victim's perpetrator context.
    assert len(rows) == 3
    assert Person.objects.count() == 4
    assert victim.pk != suspect.pk
    assert sum(1 for r in rows if r["per_RoleDetails"].startswith("person, ")) == 1


def test_an_identified_export_still_names_no_suspect(world: World, tmp_path: Path) -> None:
    case_with_suspects(world)
    out = tmp_path / "cases.csv"
    export("--out", str(out), "--as", "director_a", "--identities")
    assert "Suspectescu" not in out.read_text(encoding="utf-8")


def test_round_trip_keeps_the_perpetrator_context(world: World, tmp_path: Path) -> None:
    first = tmp_path / "first.csv"
    with transaction.atomic():
        mechanism(world)
        case_with_suspects(world)
        export("--out", str(first))
        transaction.set_rollback(True)
    assert "Exploiter" in first.read_text(encoding="utf-8")
    call_command("import", "htcds", str(first), stdout=StringIO(), stderr=StringIO())
    second = tmp_path / "second.csv"
    export("--out", str(second))
    assert second.read_bytes() == first.read_bytes()


def test_a_file_with_the_earlier_header_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "old.csv"
    old = [n for n in htcds.DEIDENTIFIED if n not in {"vic_TypeOfExploitation", "per_RoleDetails"}]
    path.write_text(",".join(old) + "\nActive,Feminine,RO" + "," * (len(old) - 3) + "\n")
    call_command("import", "htcds", str(path), stdout=StringIO(), stderr=StringIO())
    assert HtcdsRecord.objects.get().values["prs_Citizenship"] == "RO"


def test_the_export_query_count_does_not_grow_with_case_files(world: World) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from nrm.exchange.queries import htcds_export

    case_with_suspects(world)
    with CaptureQueriesContext(connection) as few:
        htcds_export(world.actor("analyst"))
    mechanism(world)
    case_with_suspects(world, company=False)
    with CaptureQueriesContext(connection) as many:
        htcds_export(world.actor("analyst"))
    assert len(many.captured_queries) == len(few.captured_queries)

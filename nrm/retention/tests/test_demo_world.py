"""Retention on the demo world: even when every organisation has stopped working with
every person and thirty years have passed, the persons of open case files, pending status
procedures and open referrals keep every record; the others are anonymised, the statistics
facts stay the same, and the audit trail still verifies."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Model
from django.utils import timezone

from nrm.access.audit import audit_verify
from nrm.access.models import AuditEvent, Involvement
from nrm.people.models import Person
from nrm.prosecution.models import CaseFile, CaseSuspect, CaseVictim
from nrm.retention.holds import CLOSED_CASE_STATUSES, HoldKind, holds_by_person
from nrm.retention.models import FlagStatus, RetentionFlag
from nrm.retention.sources import PERSON_FIELDS, RECORD_TYPES
from nrm.retention.tests.support import at, run
from nrm.statistics.actions import facts_refresh
from nrm.statistics.models import Fact

pytestmark = pytest.mark.django_db


def identity(person: Person) -> tuple[Any, ...]:
    return tuple(getattr(person, name) for name in PERSON_FIELDS)


def records_of(person_ids: set[int]) -> dict[tuple[str, int], tuple[Any, ...]]:
    """Every blankable field of every record of these persons, by record type and id."""
    found: dict[tuple[str, int], tuple[Any, ...]] = {}
    for kind in RECORD_TYPES:
        if kind.person is None:
            continue
        model: type[Model] = kind.model
        for record in model._default_manager.filter(**{f"{kind.person}__in": person_ids}):
            found[(kind.key, record.pk)] = tuple(getattr(record, f) for f in kind.fields)
    return found


def facts() -> list[tuple[Any, ...]]:
    return sorted(
        Fact.objects.exclude(generated=True).values_list(
            "figure",
            "year",
            "unit_key",
            "form",
            "sector",
            "sex",
            "age_group",
            "nationality",
            "region",
            "referrer",
            "phase",
            "category",
            "detail",
            "amount_eur",
        )
    )


def test_retention_leaves_the_demo_worlds_open_cases_untouched(db: None) -> None:
    call_command("demo", "load", persons=12, stdout=StringIO())
    open_cases = CaseFile.objects.exclude(status__in=CLOSED_CASE_STATUSES)
    assert open_cases.exists(), "the demo world has open case files"
    in_open_cases = set(
        CaseVictim.objects.filter(case__in=open_cases).values_list("person_id", flat=True)
    ) | set(
        CaseSuspect.objects.filter(case__in=open_cases, person__isnull=False).values_list(
            "person_id", flat=True
        )
    )
    held = holds_by_person()
    # The demo world has ongoing procedures of each kind the retention must respect.
    assert {HoldKind.OPEN_CASE, HoldKind.STATUS_PROCEDURE} <= set().union(*held.values())
    assert in_open_cases <= set(held)
    assert all(HoldKind.OPEN_CASE in held[pid] for pid in in_open_cases)
    before_identity = {p.pk: identity(p) for p in Person.objects.filter(pk__in=held)}
    before_records = records_of(set(held))
    assert before_records, "the held persons have records"
    years = set(Fact.objects.values_list("year", flat=True)) or {timezone.localdate().year}
    for year in sorted(years):
        facts_refresh(actor=None, year=year)
    before_facts = facts()

    # Everyone stops working with everyone: only the holds remain to protect anything.
    now = timezone.now()
    Involvement.objects.filter(until__isnull=True).update(until=now)
    first = at(now, years=30)
    run(first)
    run(at(first, days=31))

    for person in Person.objects.filter(pk__in=held):
        assert identity(person) == before_identity[person.pk], person.reference
    assert records_of(set(held)) == before_records
    flags = RetentionFlag.objects.filter(person_id__in=held)
    assert not flags.filter(status=FlagStatus.DONE).exists()
    assert flags.filter(status=FlagStatus.HELD).exists()

    # The others were anonymised, and what the statistics count did not change.
    others = Person.objects.exclude(pk__in=held)
    assert others.exists()
    assert all(not any(identity(person)) for person in others)
    assert RetentionFlag.objects.filter(status=FlagStatus.DONE).count() > others.count()
    for year in sorted(years):
        facts_refresh(actor=None, year=year)
    assert facts() == before_facts

    check = audit_verify()
    assert check.ok, check.problem
    # The worker's audit rows name fields, never values.
    for event in AuditEvent.objects.filter(action="retention_anonymise"):
        assert set(event.changes) == {"flag", "rule", "fields"}

"""After support: the exit plan schedules follow-up contacts, the worker reminds the centre
once, outcomes are counted for the rapporteur, and a person met again raises a flag."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from nrm.access.actions import involvement_open
from nrm.access.models import AuditEvent, InvolvementBasis, Purpose
from nrm.aftercare.actions import (
    exit_plan_record,
    follow_up_contact_record,
    months_after,
    retrafficking_flag_review,
)
from nrm.aftercare.models import ExitPlan, FollowUpContact, RetraffickingFlag
from nrm.aftercare.queries import aftercare_counts
from nrm.aftercare.worker import aftercare_process, meetings_scan
from nrm.core.errors import Conflict, DomainError, NotFound
from nrm.inbox.queries import inbox_for_actor
from nrm.people.models import Person
from nrm.testing import World

ClientAs = Callable[[str], Client]


@pytest.fixture
def cared(world: World) -> Person:
    person = world.person("inspector")
    world.involve(person, "caseworker_a", Purpose.CARE)
    return person


def _plan(world: World, person: Person, ended: dt.date, **options: object) -> ExitPlan:
    return exit_plan_record(
        actor=world.actor("caseworker_a"),
        person=person,
        pathway="INDEPENDENT_LIVING",
        support_ended_on=ended,
        summary="Own flat in Schaerbeek; job at a bakery.",
        **options,  # type: ignore[arg-type]
    )


def test_months_after_keeps_the_day_or_takes_the_months_last() -> None:
    assert months_after(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert months_after(dt.date(2026, 11, 15), 3) == dt.date(2027, 2, 15)


def test_an_exit_plan_schedules_the_configured_contacts(
    world: World, cared: Person, settings: object
) -> None:
    ended = dt.date(2026, 1, 10)
    plan = _plan(world, cared, ended)
    assert [(c.months, c.due_on) for c in plan.contacts.all()] == [
        (3, dt.date(2026, 4, 10)),
        (6, dt.date(2026, 7, 10)),
        (12, dt.date(2027, 1, 10)),
    ]
    assert AuditEvent.objects.filter(action="exit_plan_record").exists()
    # The free text is care data: encrypted, and not in the audit row.
    assert "bakery" not in str(AuditEvent.objects.get(action="exit_plan_record").changes)
    with pytest.raises(Conflict):
        _plan(world, cared, ended)


def test_a_person_who_declines_follow_up_gets_no_contact(world: World, cared: Person) -> None:
    plan = _plan(world, cared, dt.date(2026, 1, 10), follow_up_agreed=False)
    assert not plan.contacts.exists()


def test_only_the_centre_holding_the_care_records_it(world: World, cared: Person) -> None:
    with pytest.raises(NotFound):
        exit_plan_record(
            actor=world.actor("caseworker_b"),
            person=cared,
            pathway="RETURN",
            support_ended_on=dt.date(2026, 1, 10),
        )
    with pytest.raises(DomainError) as refused:
        _plan(world, cared, timezone.localdate() + dt.timedelta(days=1))
    assert refused.value.field == "support_ended_on"


def test_the_worker_reminds_the_centre_once_and_the_inbox_shows_the_contact(
    world: World, cared: Person
) -> None:
    ended = timezone.localdate() - dt.timedelta(days=100)
    _plan(world, cared, ended)
    mail.outbox.clear()
    now = timezone.now()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda fn, *a, **k: fn())
        assert aftercare_process(now=now).contacts_due == 1  # the 3-month contact only
        assert aftercare_process(now=now).contacts_due == 0
    assert any(cared.reference in m.body for m in mail.outbox)
    assert not any("Maria" in m.body or "Popescu" in m.body for m in mail.outbox)
    inbox = inbox_for_actor(world.actor("caseworker_a"), now=now, today=timezone.localdate())
    section = next(s for s in inbox.sections if s.key == "aftercare")
    assert any(cared.reference in item.label for item in section.items)


def test_outcomes_are_recorded_once_and_counted_for_the_rapporteur(
    world: World, cared: Person
) -> None:
    ended = timezone.localdate() - dt.timedelta(days=100)
    plan = _plan(world, cared, ended)
    first = plan.contacts.order_by("months").first()
    assert first is not None
    with pytest.raises(DomainError) as refused:
        follow_up_contact_record(
            actor=world.actor("caseworker_a"),
            contact_id=first.pk,
            done_on=ended - dt.timedelta(days=1),
            channel="PHONE",
            outcome="SAFE_AND_STABLE",
        )
    assert refused.value.field == "done_on"
    follow_up_contact_record(
        actor=world.actor("caseworker_a"),
        contact_id=first.pk,
        done_on=timezone.localdate(),
        channel="PHONE",
        outcome="AT_RISK",
        note="Lost the job; rent arrears.",
    )
    with pytest.raises(Conflict):
        follow_up_contact_record(
            actor=world.actor("caseworker_a"),
            contact_id=first.pk,
            done_on=timezone.localdate(),
            channel="PHONE",
            outcome="SAFE_AND_STABLE",
        )
    counts = aftercare_counts(year=timezone.localdate().year)
    assert counts.outcomes == {"AT_RISK": 1}
    assert counts.exits.get("INDEPENDENT_LIVING") == (
        1 if ended.year == timezone.localdate().year else None
    )


def test_a_person_met_again_by_another_organisation_raises_a_flag_once(
    world: World, cared: Person
) -> None:
    ended = timezone.localdate() - dt.timedelta(days=30)
    plan = _plan(world, cared, ended)
    start = timezone.now()
    assert meetings_scan(now=start) == 0  # the first pass only sets where to start
    # The police meet the person again.
    investigator = world.actor("investigator")
    assert investigator.organisation is not None
    involvement_open(
        actor=investigator,
        person=cared,
        organisation=investigator.organisation,
        purpose=Purpose.INVESTIGATION,
        basis=InvolvementBasis.CASE_FILE,
    )
    later = timezone.now() + dt.timedelta(seconds=1)
    assert meetings_scan(now=later) == 1
    assert meetings_scan(now=later + dt.timedelta(seconds=1)) == 0  # seen once
    flag = RetraffickingFlag.objects.get(plan=plan)
    assert flag.met_by == investigator.organisation
    retrafficking_flag_review(actor=world.actor("caseworker_a"), flag_id=flag.pk, confirmed=True)
    assert aftercare_counts(year=timezone.localdate().year).retrafficked == 1
    with pytest.raises(Conflict):
        retrafficking_flag_review(
            actor=world.actor("caseworker_a"), flag_id=flag.pk, confirmed=False
        )


def test_the_pages_record_a_plan_and_refuse_outsiders(
    world: World, cared: Person, client_as: ClientAs
) -> None:
    url = f"/aftercare/{cared.reference}/"
    assert client_as("caseworker_b").get(url).status_code == 404
    assert client_as("inspector").get(url).status_code == 404
    centre = client_as("caseworker_a")
    assert centre.get(url).status_code == 200
    bad = centre.post(url, {"step": "plan", "pathway": "MOON", "support_ended_on": "2026-01-10"})
    assert bad.status_code == 400
    assert not ExitPlan.objects.exists()
    good = centre.post(
        url,
        {
            "step": "plan",
            "pathway": "RETURN",
            "support_ended_on": "2026-01-10",
            "follow_up_agreed": "on",
        },
    )
    assert good.status_code == 302
    assert FollowUpContact.objects.filter(plan__person=cared).count() == 3
    assert centre.get("/aftercare/").status_code == 200


def test_a_new_record_that_links_to_the_person_raises_a_flag(world: World) -> None:
    from nrm.exchange.actions import linkage_keys_refresh

    born = dt.date(1994, 5, 2)
    cared = world.person("inspector", birth_date=born, gender="Feminine")
    world.involve(cared, "caseworker_a", Purpose.CARE)
    plan = _plan(world, cared, timezone.localdate() - dt.timedelta(days=30))
    meetings_scan(now=timezone.now())
    # The police record the same woman again, not knowing her earlier record.
    again = world.person(
        "investigator",
        given_names="Maria",
        family_name="Popesku",
        birth_date=born,
        gender="Feminine",
    )
    linkage_keys_refresh(actor=None, actor_label="test operator", everything=False)
    assert meetings_scan(now=timezone.now() + dt.timedelta(seconds=1)) == 1
    flag = RetraffickingFlag.objects.get(plan=plan)
    assert flag.met_person == again
    assert flag.basis == "LINKAGE"

"""Feedback to the referrer (issue 18 §3): the referral's course without care data,
information added to a sent referral, a declined referral sent again in one step, and the
escalation of an unanswered referral to the centre's director, then the coordination unit.

Time is passed to the actions and the worker as `now`: no test sleeps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from nrm.access.models import AuditEvent, InvolvementBasis, Purpose
from nrm.accounts.actions import api_token_create
from nrm.aftercare.actions import exit_plan_record
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.inbox.queries import inbox_for_actor
from nrm.protection.actions import pathway_event_record
from nrm.protection.models import PathwayRecord
from nrm.referrals.actions import (
    referral_accept,
    referral_addendum_add,
    referral_decline,
    referral_resend,
)
from nrm.referrals.escalation import escalations_process
from nrm.referrals.models import Referral, ReferralStatus
from nrm.referrals.tests.builders import refer
from nrm.testing import World

ClientAs = Callable[[str], Client]
NOTE = "Told the police about the cellar in Anderlecht"
SUMMARY = "Own flat in Schaerbeek; job at a bakery."


def _version(referral: Referral) -> int:
    referral.refresh_from_db()
    return referral.version


def _accepted(world: World) -> Referral:
    referral = refer(world, details="Sleeps on the building site.")
    return referral_accept(actor=world.actor("caseworker_a"), referral=referral, expected_version=1)


def _declined(world: World, **options: Any) -> Referral:
    referral = refer(world, details="Sleeps on the building site.", **options)
    return referral_decline(
        actor=world.actor("caseworker_a"),
        referral=referral,
        expected_version=1,
        reason="No bed free this week.",
    )


# The course ---------------------------------------------------------------------------------


def test_the_referrer_sees_the_course_by_kind_and_date_and_no_care_data(
    world: World, client_as: ClientAs
) -> None:
    referral = _accepted(world)
    person = referral.person
    today = timezone.localdate()
    world.involve(
        person, "immigration", Purpose.RESIDENCE_DECISION, InvolvementBasis.DECISION_REQUIRED
    )
    version = PathwayRecord.objects.get(person=person).version
    pathway_event_record(
        actor=world.actor("immigration"),
        person=person,
        event_type="REFLECTION_DOCUMENT_ISSUED",
        on=today,
        expected_version=version,
        note=NOTE,
    )
    exit_plan_record(
        actor=world.actor("caseworker_a"),
        person=person,
        pathway="INDEPENDENT_LIVING",
        support_ended_on=today,
        summary=SUMMARY,
    )

    page = client_as("inspector").get(reverse("referrals:detail", args=[referral.reference]))

    assert page.status_code == 200
    text = page.content.decode()
    assert "What became of this referral" in text
    assert "Accepted by the centre" in text
    assert "Reflection-period document issued" in text
    assert "Support ended" in text
    # Never the event's note or the exit plan's content.
    assert NOTE not in text
    assert "Schaerbeek" not in text
    assert "Independent living" not in text


def test_a_pending_referral_has_no_course(world: World, client_as: ClientAs) -> None:
    referral = refer(world)

    page = client_as("inspector").get(reverse("referrals:detail", args=[referral.reference]))

    assert "What became of this referral" not in page.content.decode()


# Information added -------------------------------------------------------------------------


def test_the_referrer_adds_information_the_centre_sees(world: World, client_as: ClientAs) -> None:
    referral = refer(world)

    page = client_as("inspector").post(
        reverse("referrals:add", args=[referral.reference]),
        {"text": "He also speaks Romanian."},
    )

    assert page.status_code == 302
    addendum = referral.addenda.get()
    assert addendum.text == "He also speaks Romanian."
    audit = AuditEvent.objects.get(action="referral_addendum_add")
    assert audit.record_id == str(addendum.pk)
    centre_page = client_as("caseworker_a").get(
        reverse("referrals:detail", args=[referral.reference])
    )
    assert "He also speaks Romanian." in centre_page.content.decode()


def test_only_the_referrer_adds_and_not_to_a_finished_referral(world: World) -> None:
    referral = refer(world)
    with pytest.raises(PermissionDenied):
        referral_addendum_add(actor=world.actor("caseworker_a"), referral=referral, text="x")
    with pytest.raises(NotFound):
        referral_addendum_add(actor=world.actor("caseworker_b"), referral=referral, text="x")
    with pytest.raises(DomainError) as empty:
        referral_addendum_add(actor=world.actor("inspector"), referral=referral, text="   ")
    assert empty.value.field == "text"

    declined = _declined(world, person=world.person("inspector"))
    with pytest.raises(Conflict):
        referral_addendum_add(actor=world.actor("inspector"), referral=declined, text="More.")
    assert not referral.addenda.exists()
    assert not declined.addenda.exists()


# Sent again ---------------------------------------------------------------------------------


def test_a_declined_referral_is_sent_to_another_centre_in_one_step(
    world: World, client_as: ClientAs
) -> None:
    declined = _declined(world)
    payoke = world.organisations["Payoke"]

    page = client_as("inspector").post(
        reverse("referrals:resend", args=[declined.reference]), {"centre": str(payoke.pk)}
    )

    assert page.status_code == 302
    made = Referral.objects.get(resent_from=declined)
    assert page["Location"] == reverse("referrals:detail", args=[made.reference])
    assert made.person_id == declined.person_id
    assert made.details == declined.details
    assert made.reason == declined.reason
    assert made.referred_organisation == payoke
    assert made.status == ReferralStatus.PENDING
    with pytest.raises(Conflict):
        referral_resend(actor=world.actor("inspector"), referral=declined, centre=payoke)


def test_sending_again_is_refused_to_the_declining_centre_and_for_a_pending_referral(
    world: World,
) -> None:
    declined = _declined(world)
    with pytest.raises(DomainError) as same:
        referral_resend(
            actor=world.actor("inspector"),
            referral=declined,
            centre=world.organisations["PAG-ASA"],
        )
    assert same.value.field == "centre"
    pending = refer(world)
    with pytest.raises(Conflict):
        referral_resend(
            actor=world.actor("inspector"), referral=pending, centre=world.organisations["Payoke"]
        )
    with pytest.raises(PermissionDenied):
        referral_resend(
            actor=world.actor("caseworker_a"),
            referral=declined,
            centre=world.organisations["Payoke"],
        )
    assert not Referral.objects.filter(resent_from__isnull=False).exists()


# Escalation ---------------------------------------------------------------------------------


def _run(now: dt.datetime, capture: Any) -> tuple[int, int]:
    with capture(execute=True):
        run = escalations_process(now=now)
    return run.director, run.coordination


def test_an_unanswered_referral_escalates_once_to_the_director_then_to_coordination(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    now = timezone.now()
    late = refer(world, now=now - timedelta(hours=30))
    answered = refer(world, person=world.person("inspector"), now=now - timedelta(hours=30))
    referral_accept(actor=world.actor("caseworker_a"), referral=answered, expected_version=1)
    refer(world, person=world.person("inspector"), now=now)  # not yet due
    mail.outbox.clear()

    assert _run(now, django_capture_on_commit_callbacks) == (1, 0)
    assert [m.to for m in mail.outbox] == [["director_a@example.invalid"]]
    assert late.reference in mail.outbox[0].body
    # References only: never the person or the details.
    assert late.person.reference not in mail.outbox[0].body
    mail.outbox.clear()
    # Claimed once: a second pass (or a second worker) finds nothing.
    assert _run(now, django_capture_on_commit_callbacks) == (0, 0)
    assert mail.outbox == []

    # 6 hours late now; coordination after a further 24 (the default).
    assert _run(now + timedelta(hours=17), django_capture_on_commit_callbacks) == (0, 0)
    assert _run(now + timedelta(hours=18), django_capture_on_commit_callbacks) == (0, 1)
    assert [m.to for m in mail.outbox] == [["coordinator@example.invalid"]]
    assert late.reference in mail.outbox[0].body
    # The third referral: 23 hours past its answer time, the director only.
    assert _run(now + timedelta(hours=47), django_capture_on_commit_callbacks) == (1, 0)
    late.refresh_from_db()
    assert late.escalated_director_at == now
    assert late.escalated_coordination_at == now + timedelta(hours=18)


@override_settings(NRM_REFERRAL_ESCALATE_COORDINATION_HOURS=2)
def test_the_delay_before_coordination_is_configurable(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    now = timezone.now()
    refer(world, now=now - timedelta(hours=26))  # 2 hours past its answer time

    assert _run(now, django_capture_on_commit_callbacks) == (1, 1)


def test_the_worker_command_escalates_and_says_so(world: World) -> None:
    refer(world, now=timezone.now() - timedelta(hours=30))
    out: list[str] = []

    class Out:
        def write(self, text: str) -> None:
            out.append(text)

        def flush(self) -> None:
            pass

    call_command("deadlines", "run", stdout=Out())

    assert any("escalated to the centre's director: 1" in line for line in out)
    assert Referral.objects.filter(escalated_director_at__isnull=False).count() == 1


def test_escalations_are_on_the_director_and_coordinator_inboxes(
    world: World, client_as: ClientAs, django_capture_on_commit_callbacks: Any
) -> None:
    now = timezone.now()
    late = refer(world, now=now - timedelta(hours=60))
    assert _run(now, django_capture_on_commit_callbacks) == (1, 1)

    def sections(persona: str) -> dict[str, list[str]]:
        inbox = inbox_for_actor(world.actor(persona), now=now, today=timezone.localdate(now))
        return {s.key: [i.label for i in s.items] for s in inbox.sections}

    assert any(late.reference in label for label in sections("director_a")["referral_escalations"])
    assert any(late.reference in label for label in sections("coordinator")["referral_escalations"])
    assert "referral_escalations" not in sections("caseworker_a")
    assert "referral_escalations" not in sections("caseworker_b")
    page = client_as("coordinator").get(reverse("referrals:escalations"))
    assert page.status_code == 200
    text = page.content.decode()
    assert late.reference in text
    assert late.person.reference not in text
    # The unit is no party to the referral: its page stays closed to it.
    detail = client_as("coordinator").get(reverse("referrals:detail", args=[late.reference]))
    assert detail.status_code == 404
    assert client_as("inspector").get(reverse("referrals:escalations")).status_code == 403


# The API --------------------------------------------------------------------------------------


def _api(world: World, persona: str) -> Client:
    _token, secret = api_token_create(actor=world.actor(persona), label="case system", days=30)
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_the_api_adds_information_resends_and_shows_the_course(world: World) -> None:
    pending = refer(world)
    inspector = _api(world, "inspector")

    added = inspector.post(
        f"/api/v1/referrals/{pending.reference}/addenda",
        {"text": "He also speaks Romanian."},
        content_type="application/json",
    )
    assert added.status_code == 201, added.content
    assert added.json()["text"] == "He also speaks Romanian."
    refused = _api(world, "caseworker_a").post(
        f"/api/v1/referrals/{pending.reference}/addenda",
        {"text": "x"},
        content_type="application/json",
    )
    assert refused.status_code == 403

    declined = _declined(world)
    payoke = world.organisations["Payoke"]
    resent = inspector.post(
        f"/api/v1/referrals/{declined.reference}/resend",
        {"centre": payoke.pk},
        content_type="application/json",
    )
    assert resent.status_code == 201, resent.content
    assert resent.json()["resent_from"] == declined.reference
    assert resent.json()["referred_organisation"]["id"] == payoke.pk

    accepted = _accepted(world)
    shown = inspector.get(f"/api/v1/referrals/{accepted.reference}").json()
    assert [step["label"] for step in shown["course"]] == ["Accepted by the centre"]

"""/inbox/: what waits for the user's organisation, through each app's own audited query."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.test import Client
from django.utils import timezone

from nrm.access.models import AuditEvent, InvolvementBasis, Purpose
from nrm.coordination import actions as coordination
from nrm.coordination.tests.support import days_from_today, operational_meeting
from nrm.inbox.queries import inbox_count, inbox_for_actor
from nrm.protection.tests.support import record
from nrm.referrals.tests.builders import refer
from nrm.testing import World

ClientAs = Callable[[str], Client]


def _sections(world: World, persona: str) -> dict[str, list[str]]:
    now = timezone.now()
    inbox = inbox_for_actor(world.actor(persona), now=now, today=timezone.localdate(now))
    return {section.key: [item.label for item in section.items] for section in inbox.sections}


def _count(world: World, persona: str) -> int:
    now = timezone.now()
    return inbox_count(world.actor(persona), now=now, today=timezone.localdate(now))


def test_a_centre_sees_the_referral_it_must_answer_and_the_menu_counts_it(
    world: World, client_as: ClientAs
) -> None:
    before = _count(world, "caseworker_a")
    referral = refer(world, centre=world.organisations["PAG-ASA"])
    sections = _sections(world, "caseworker_a")
    assert any(referral.reference in label for label in sections["referrals"])
    assert _count(world, "caseworker_a") == before + 1
    # The other centre and the referring inspector have nothing to answer.
    assert not any(
        referral.reference in label
        for label in _sections(world, "caseworker_b").get("referrals", [])
    )
    assert "referrals" not in _sections(world, "inspector")

    page = client_as("caseworker_a").get("/inbox/")
    assert page.status_code == 200
    assert referral.reference in page.content.decode()
    assert page["Cache-Control"].startswith("no-store") or "no-store" in page["Cache-Control"]
    # The list shown is a read of who waits: audited as the referral inbox is.
    assert AuditEvent.objects.filter(action="inbox_referrals").exists()
    badge = client_as("caseworker_a").get("/inbox/count/")
    assert badge.status_code == 200
    assert f">{_count(world, 'caseworker_a')}<" in badge.content.decode()


def test_the_immigration_office_sees_its_deadlines_and_follow_ups(world: World) -> None:
    person = world.person("inspector")
    world.involve(person, "caseworker_a", Purpose.CARE)
    world.involve(person, "investigator", Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)
    record(world, "caseworker_a", person, "REFERRED", timezone.localdate() - dt.timedelta(days=50))
    record(
        world,
        "immigration",
        person,
        "REFLECTION_DOCUMENT_ISSUED",
        timezone.localdate() - dt.timedelta(days=50),
    )
    follow_up = coordination.forum_follow_up_add(
        actor=world.actor("coordinator"),
        meeting=operational_meeting(world),
        description="Report on late renewals.",
        owner=world.organisations["Immigration Office"],
        due_on=days_from_today(5),
    )
    sections = _sections(world, "immigration")
    assert any(person.reference in label for label in sections["deadlines"])
    assert follow_up.description in sections["follow_ups"]
    # The deadline lies in the past: counted, and flagged overdue on the page.
    assert _count(world, "immigration") >= 2
    # A centre does not see the office's follow-ups.
    assert follow_up.description not in _sections(world, "caseworker_b").get("follow_ups", [])


def test_a_role_with_nothing_addressed_to_it_is_told_so(client_as: ClientAs) -> None:
    page = client_as("judge").get("/inbox/").content.decode()
    assert "Your role has no inbox of its own" in page or "Nothing waiting" in page


def test_signed_out_users_are_sent_to_sign_in(client: Client) -> None:
    answer = client.get("/inbox/")
    assert answer.status_code in (302, 403)


def test_the_menus_count_neither_writes_nor_extends_the_session(
    world: World, client_as: ClientAs
) -> None:
    from django.contrib.sessions.models import Session

    client = client_as("caseworker_a")
    key = client.session.session_key
    expiry = timezone.now() + dt.timedelta(minutes=5)
    Session.objects.filter(session_key=key).update(expire_date=expiry)
    assert client.get("/inbox/count/").status_code == 200
    assert Session.objects.get(session_key=key).expire_date == expiry
    # The page itself is activity: it extends the session as every page does.
    assert client.get("/inbox/").status_code == 200
    assert Session.objects.get(session_key=key).expire_date > expiry

"""/inbox/: the open reviews the user sits on (issue 18 §6) and the transfer requests another
centre sent to the user's centre (issue 16 §5)."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nrm.access.models import AuditEvent
from nrm.access.tests.test_access_matrix import add_member
from nrm.care.models import Shelter
from nrm.care.tests.setup import cared_person, days_ago
from nrm.care.tests.test_transfers import ask, payoke  # noqa: F401  # the fixture
from nrm.inbox.queries import inbox_count, inbox_for_actor
from nrm.protection.models import StatusEvent
from nrm.protection.tests.support import PROVISIONAL, ev, involved_person, walk
from nrm.referrals.review import review_decide, review_request_opinion
from nrm.testing import World

ClientAs = Callable[[str], Client]


def _inbox(world: World, persona: str) -> dict[str, tuple[str, list[str], int]]:
    now = timezone.now()
    inbox = inbox_for_actor(world.actor(persona), now=now, today=timezone.localdate(now))
    return {s.key: (s.url, [i.url for i in s.items], s.count) for s in inbox.sections}


def _count(world: World, persona: str) -> int:
    now = timezone.now()
    return inbox_count(world.actor(persona), now=now, today=timezone.localdate(now))


def test_an_open_review_is_in_the_reviewers_inbox_until_decided(
    world: World, client_as: ClientAs
) -> None:
    person = involved_person(world)
    walk(world, person, (*PROVISIONAL, ev("2024-04-15", "PROSECUTOR_OPINION", positive=False)))
    add_member(world, "prosecutor_2", "Auditorate Brussels", "PROSECUTOR")
    before = _count(world, "prosecutor_2")
    made = review_request_opinion(
        actor=world.actor("caseworker_a"),
        opinion=StatusEvent.objects.get(record__person=person, type="PROSECUTOR_OPINION"),
        reviewers=[world.users["prosecutor_2"]],
        grounds="Corroborated.",
    )

    url, items, count = _inbox(world, "prosecutor_2")["reviews"]

    assert url == reverse("referrals:reviews")
    assert items == [reverse("referrals:review", args=[made.pk])]
    assert count == 1
    assert _count(world, "prosecutor_2") == before + 1
    assert AuditEvent.objects.filter(action="inbox_reviews", actor=world.users["prosecutor_2"])
    assert "reviews" not in _inbox(world, "prosecutor")  # the first decider never reviews
    page = client_as("prosecutor_2").get("/inbox/")
    assert reverse("referrals:review", args=[made.pk]) in page.content.decode()
    review_decide(actor=world.actor("prosecutor_2"), review=made, overturn=False, reasons="No.")
    assert "reviews" not in _inbox(world, "prosecutor_2")


def test_a_transfer_request_waits_in_the_receiving_centres_inbox(
    world: World,
    payoke: Shelter,  # noqa: F811  # the fixture
) -> None:
    person = cared_person(world, gender="Feminine", first_contact_on=days_ago(30))
    before = _count(world, "caseworker_b")
    transfer = ask(world, person)

    url, items, count = _inbox(world, "caseworker_b")["transfers"]

    assert url == reverse("care:transfers")
    assert items == [reverse("care:transfer", args=[transfer.pk])]
    assert count == 1
    assert _count(world, "caseworker_b") == before + 1
    assert "transfers" not in _inbox(world, "caseworker_a")  # the asking centre
    assert "transfers" not in _inbox(world, "inspector")

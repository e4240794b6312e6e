"""Reviews of a negative opinion on victim status through the pages and the API (issue 18
§6): sent for review from the person's status page, decided on the review's page by a second
prosecutor (never the first), listed for the reviewer and their organisation, in the inbox."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nrm.access.models import AuditEvent
from nrm.access.tests.test_access_matrix import add_member
from nrm.accounts.actions import api_token_create
from nrm.inbox.queries import inbox_for_actor
from nrm.people.models import Person
from nrm.protection.models import StatusEvent
from nrm.protection.tests.support import PROVISIONAL, ev, involved_person, walk
from nrm.referrals.models import Review, ReviewStatus, ReviewSubject
from nrm.referrals.review import Scope, review_request_opinion, reviews_visible_to
from nrm.testing import World

ClientAs = Callable[[str], Client]
GROUNDS = "Her statements were corroborated by the labour inspection."


@pytest.fixture
def negative(world: World) -> StatusEvent:
    """The prosecutor's negative opinion on a person the centre supports; a second
    prosecutor at the same office."""
    person = involved_person(world)
    walk(world, person, (*PROVISIONAL, ev("2024-04-15", "PROSECUTOR_OPINION", positive=False)))
    add_member(world, "prosecutor_2", "Auditorate Brussels", "PROSECUTOR")
    return StatusEvent.objects.get(record__person=person, type="PROSECUTOR_OPINION")


def _person(opinion: StatusEvent) -> Person:
    return opinion.record.person


def _page(opinion: StatusEvent) -> str:
    return reverse("referrals:opinion_review", args=[_person(opinion).reference, opinion.sequence])


def _asked(world: World, opinion: StatusEvent) -> Review:
    return review_request_opinion(
        actor=world.actor("caseworker_a"),
        opinion=opinion,
        reviewers=[world.users["prosecutor_2"]],
        grounds=GROUNDS,
    )


def test_the_status_page_sends_a_negative_opinion_for_review(
    world: World, negative: StatusEvent, client_as: ClientAs
) -> None:
    centre = client_as("caseworker_a")
    status = centre.get(reverse("protection:status", args=[_person(negative).reference]))
    assert _page(negative) in status.content.decode()
    page = centre.get(_page(negative))
    assert page.status_code == 200
    offered = set(page.context["form"].fields["reviewers"].queryset)
    assert world.users["prosecutor_2"] in offered
    assert world.users["prosecutor"] not in offered  # the first decider is never offered

    first = centre.post(
        _page(negative), {"reviewers": [str(world.users["prosecutor"].pk)], "grounds": GROUNDS}
    )
    assert first.status_code == 400
    blank = centre.post(_page(negative), {"reviewers": [str(world.users["prosecutor_2"].pk)]})
    assert blank.status_code == 400
    assert not Review.objects.exists()  # bad input saves nothing

    asked = centre.post(
        _page(negative), {"reviewers": [str(world.users["prosecutor_2"].pk)], "grounds": GROUNDS}
    )

    made = Review.objects.get()
    assert asked.status_code == 302
    assert asked["Location"] == reverse("referrals:review", args=[made.pk])
    assert made.subject == ReviewSubject.PROSECUTOR_OPINION
    assert made.first_decider == world.users["prosecutor"]
    row = AuditEvent.objects.get(action="review_request", record_id=str(made.pk))
    assert GROUNDS not in str(row.changes)  # a marker, never the text
    again = centre.get(_page(negative))
    assert again.context["may_ask"] is False  # one open review per decision
    assert reverse("referrals:review", args=[made.pk]) in again.content.decode()
    twice = centre.post(
        _page(negative), {"reviewers": [str(world.users["prosecutor_2"].pk)], "grounds": GROUNDS}
    )
    assert twice.status_code == 409


def test_the_second_prosecutor_decides_and_the_first_cannot(
    world: World, negative: StatusEvent, client_as: ClientAs
) -> None:
    made = _asked(world, negative)
    url = reverse("referrals:review", args=[made.pk])
    first = client_as("prosecutor")
    assert first.get(url).context["may_decide"] is False  # sees the colleague's review
    assert first.post(url, {"overturn": "1", "reasons": "Mine."}).status_code == 403
    second = client_as("prosecutor_2")
    assert second.get(url).context["may_decide"] is True
    assert second.post(url, {"overturn": "0", "reasons": "  "}).status_code == 400
    made.refresh_from_db()
    assert made.status == ReviewStatus.REQUESTED

    decided = second.post(
        url, {"overturn": "0", "reasons": "The corroboration does not concern exploitation."}
    )

    assert decided.status_code == 302
    made.refresh_from_db()
    assert made.status == ReviewStatus.UPHELD
    assert made.decided_by == world.users["prosecutor_2"]
    row = AuditEvent.objects.get(action="review_decide", record_id=str(made.pk))
    assert row.changes["reasons"] == "set"
    assert "exploitation" in client_as("caseworker_a").get(url).content.decode()


def test_outsiders_are_not_told_and_a_positive_opinion_is_not_reviewed(
    world: World, negative: StatusEvent, client_as: ClientAs
) -> None:
    made = _asked(world, negative)
    outsider = client_as("caseworker_b")
    assert outsider.get(_page(negative)).status_code == 404
    assert outsider.get(reverse("referrals:review", args=[made.pk])).status_code == 404
    missing = reverse("referrals:opinion_review", args=[_person(negative).reference, 999])
    assert client_as("caseworker_a").get(missing).status_code == 404
    earlier = StatusEvent.objects.filter(record=negative.record).exclude(pk=negative.pk).first()
    assert earlier is not None
    not_an_opinion = reverse(
        "referrals:opinion_review", args=[_person(negative).reference, earlier.sequence]
    )
    assert client_as("caseworker_a").get(not_an_opinion).status_code == 409


def test_the_lists_show_mine_and_my_organisations_reviews(
    world: World, negative: StatusEvent, client_as: ClientAs
) -> None:
    made = _asked(world, negative)
    assert list(reviews_visible_to(world.actor("prosecutor_2"), scope=Scope.MINE)) == [made]
    assert list(reviews_visible_to(world.actor("prosecutor"), scope=Scope.MINE)) == []
    # The colleague of the panel and the organisation that asked follow it.
    for persona in ("prosecutor", "caseworker_a"):
        found = reviews_visible_to(world.actor(persona), scope=Scope.ORGANISATION)
        assert list(found) == [made]
    assert not reviews_visible_to(world.actor("immigration"), scope=Scope.ORGANISATION).exists()

    page = client_as("prosecutor_2").get(reverse("referrals:reviews"))
    assert page.status_code == 200
    assert reverse("referrals:review", args=[made.pk]) in page.content.decode()
    assert AuditEvent.objects.filter(action="review_list", actor=world.users["prosecutor_2"])
    organisation = client_as("caseworker_a").get(
        reverse("referrals:reviews") + "?scope=organisation"
    )
    assert _person(negative).reference in organisation.content.decode()
    inbox = inbox_for_actor(
        world.actor("prosecutor_2"), now=timezone.now(), today=timezone.localdate()
    )
    assert [s.count for s in inbox.sections if s.key == "reviews"] == [1]


def _api(world: World, persona: str) -> Client:
    _token, secret = api_token_create(actor=world.actor(persona), label="case system", days=30)
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_the_opinion_review_goes_through_the_api(world: World, negative: StatusEvent) -> None:
    url = (
        f"/api/v1/persons/{_person(negative).reference}/pathway/events/{negative.sequence}/reviews"
    )
    centre = _api(world, "caseworker_a")
    first = centre.post(
        url,
        {"reviewers": [world.users["prosecutor"].pk], "grounds": GROUNDS},
        content_type="application/json",
    )
    assert first.status_code == 400
    assert first.json()["error"]["field"] == "reviewers"
    assert (
        _api(world, "caseworker_b")
        .post(
            url,
            {"reviewers": [world.users["prosecutor_2"].pk], "grounds": GROUNDS},
            content_type="application/json",
        )
        .status_code
        == 404
    )

    asked = centre.post(
        url,
        {"reviewers": [world.users["prosecutor_2"].pk], "grounds": GROUNDS},
        content_type="application/json",
    )

    assert asked.status_code == 201, asked.content
    review_id = asked.json()["id"]
    assert asked.json()["subject"] == "PROSECUTOR_OPINION"
    again = centre.post(
        url,
        {"reviewers": [world.users["prosecutor_2"].pk], "grounds": GROUNDS},
        content_type="application/json",
    )
    assert again.status_code == 409
    listed = _api(world, "prosecutor_2").get("/api/v1/reviews").json()
    assert [r["id"] for r in listed["results"]] == [review_id]
    assert listed["results"][0]["opinion"]["sequence"] == negative.sequence
    assert listed["results"][0]["may_decide"] is True
    assert listed["results"][0]["overdue"] is False
    assert "grounds" not in listed["results"][0]  # lists carry no free text
    asked_by_us = centre.get("/api/v1/reviews?scope=organisation").json()["results"]
    assert [r["may_decide"] for r in asked_by_us] == [False]
    assert centre.get("/api/v1/reviews").json()["results"] == []
    assert centre.get("/api/v1/reviews?scope=everyone").status_code == 400

    decided = _api(world, "prosecutor_2").post(
        f"/api/v1/reviews/{review_id}/decide",
        {"overturn": True, "reasons": "The corroboration is about the exploitation."},
        content_type="application/json",
    )

    assert decided.status_code == 200, decided.content
    assert decided.json()["status"] == "OVERTURNED"
    assert _api(world, "prosecutor_2").get("/api/v1/reviews").json()["results"] == []
    decided_too = _api(world, "prosecutor_2").get("/api/v1/reviews?open=false").json()
    assert [r["status"] for r in decided_too["results"]] == ["OVERTURNED"]

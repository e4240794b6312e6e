"""A second look at negative decisions (issue 18 §6): a declined referral and a prosecutor's
negative opinion go to a second person or a panel with its own decision and reasons; the
reviewer is never the first decider, when the review is asked for and when it is decided."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nrm.access.models import AuditEvent
from nrm.access.tests.test_access_matrix import add_member
from nrm.accounts.actions import api_token_create
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.inbox.queries import inbox_for_actor
from nrm.protection.models import StatusEvent
from nrm.protection.tests.support import PROVISIONAL, ev, involved_person, walk
from nrm.referrals.actions import referral_decline, referral_resend
from nrm.referrals.models import Referral, ReviewStatus
from nrm.referrals.review import (
    REVIEW_DAYS,
    review_decide,
    review_request_opinion,
    review_request_referral,
    reviews_open_for,
)
from nrm.referrals.tests.builders import refer
from nrm.testing import World


def _declined(world: World) -> Referral:
    return referral_decline(
        actor=world.actor("caseworker_a"),
        referral=refer(world),
        expected_version=1,
        reason="No bed free this week.",
    )


def test_the_first_decider_is_never_named_a_reviewer(world: World) -> None:
    declined = _declined(world)
    with pytest.raises(DomainError) as first:
        review_request_referral(
            actor=world.actor("inspector"),
            referral=declined,
            reviewers=[world.users["caseworker_a"], world.users["director_a"]],
            grounds="The person has nowhere to sleep tonight.",
        )
    assert first.value.field == "reviewers"
    with pytest.raises(DomainError):  # not a member of the centre nor the unit
        review_request_referral(
            actor=world.actor("inspector"),
            referral=declined,
            reviewers=[world.users["caseworker_b"]],
            grounds="The person has nowhere to sleep tonight.",
        )
    assert not declined.reviews.exists()


def test_a_panel_reviews_a_declined_referral_and_may_send_it_back(world: World) -> None:
    declined = _declined(world)
    review = review_request_referral(
        actor=world.actor("inspector"),
        referral=declined,
        reviewers=[world.users["director_a"], world.users["coordinator"]],
        grounds="The person has nowhere to sleep tonight.",
    )
    assert review.respond_by == timezone.localdate() + dt.timedelta(days=REVIEW_DAYS)
    assert list(reviews_open_for(world.actor("coordinator"))) == [review]
    assert AuditEvent.objects.filter(action="review_request", record_id=str(review.pk)).exists()
    with pytest.raises(Conflict):  # one open review per decision
        review_request_referral(
            actor=world.actor("inspector"),
            referral=declined,
            reviewers=[world.users["director_a"]],
            grounds="Again.",
        )
    # The first decider, even if named since, cannot decide it.
    review.reviewers.add(world.users["caseworker_a"])
    with pytest.raises(PermissionDenied):
        review_decide(actor=world.actor("caseworker_a"), review=review, overturn=True, reasons="x")
    assert reviews_open_for(world.actor("caseworker_a")).count() == 0
    with pytest.raises(NotFound):
        review_decide(actor=world.actor("caseworker_b"), review=review, overturn=True, reasons="x")

    decided = review_decide(
        actor=world.actor("director_a"),
        review=review,
        overturn=True,
        reasons="A bed is free from tomorrow.",
    )

    assert decided.status == ReviewStatus.OVERTURNED
    assert decided.decision_reason == "A bed is free from tomorrow."
    with pytest.raises(Conflict):
        review_decide(actor=world.actor("coordinator"), review=review, overturn=False, reasons="y")
    # Overturned: the referral may go back to the centre that declined it.
    again = referral_resend(
        actor=world.actor("inspector"), referral=declined, centre=world.organisations["PAG-ASA"]
    )
    assert again.resent_from == declined


def test_a_negative_prosecutor_opinion_is_reviewed_by_another_prosecutor(world: World) -> None:
    person = involved_person(world)
    walk(world, person, (*PROVISIONAL, ev("2024-04-15", "PROSECUTOR_OPINION", positive=False)))
    opinion = StatusEvent.objects.get(record__person=person, type="PROSECUTOR_OPINION")
    add_member(world, "prosecutor_2", "Auditorate Brussels", "PROSECUTOR")

    with pytest.raises(DomainError):
        review_request_opinion(
            actor=world.actor("caseworker_a"),
            opinion=opinion,
            reviewers=[world.users["prosecutor"]],
            grounds="Her statements were corroborated.",
        )
    review = review_request_opinion(
        actor=world.actor("caseworker_a"),
        opinion=opinion,
        reviewers=[world.users["prosecutor_2"]],
        grounds="Her statements were corroborated.",
    )
    decided = review_decide(
        actor=world.actor("prosecutor_2"),
        review=review,
        overturn=False,
        reasons="The corroboration does not concern the exploitation.",
    )
    assert decided.status == ReviewStatus.UPHELD
    # A stranger to the person cannot even name the opinion.
    with pytest.raises(NotFound):
        review_request_opinion(
            actor=world.actor("caseworker_b"),
            opinion=opinion,
            reviewers=[world.users["prosecutor_2"]],
            grounds="x",
        )


def test_a_positive_opinion_is_not_reviewed(world: World) -> None:
    person = involved_person(world)
    walk(world, person, (*PROVISIONAL, ev("2024-04-15", "PROSECUTOR_OPINION", positive=True)))
    opinion = StatusEvent.objects.get(record__person=person, type="PROSECUTOR_OPINION")
    with pytest.raises(Conflict):
        review_request_opinion(
            actor=world.actor("caseworker_a"),
            opinion=opinion,
            reviewers=[world.users["director_a"]],
            grounds="x",
        )


def test_the_review_goes_through_the_pages_and_the_inbox(world: World, client_as: Any) -> None:
    declined = _declined(world)
    page = client_as("inspector").get(reverse("referrals:detail", args=[declined.reference]))
    text = page.content.decode()
    assert "Ask for a review" in text
    # The first decider is not offered as a reviewer.
    offered = set(page.context["review_form"].fields["reviewers"].queryset)
    assert world.users["caseworker_a"] not in offered
    assert world.users["director_a"] in offered

    asked = client_as("inspector").post(
        reverse("referrals:review_request", args=[declined.reference]),
        {"reviewers": [str(world.users["director_a"].pk)], "grounds": "Nowhere to sleep."},
    )

    assert asked.status_code == 302
    made = declined.reviews.get()
    inbox = inbox_for_actor(
        world.actor("director_a"), now=timezone.now(), today=timezone.localdate()
    )
    assert [s.key for s in inbox.sections if s.key == "reviews"] == ["reviews"]
    url = reverse("referrals:review", args=[made.pk])
    assert client_as("caseworker_b").get(url).status_code == 404
    decided = client_as("director_a").post(url, {"overturn": "1", "reasons": "A bed is free."})
    assert decided.status_code == 302
    made.refresh_from_db()
    assert made.status == ReviewStatus.OVERTURNED
    assert made.decided_by == world.users["director_a"]


def _api(world: World, persona: str) -> Client:
    _token, secret = api_token_create(actor=world.actor(persona), label="case system", days=30)
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_the_review_goes_through_the_api(world: World) -> None:
    declined = _declined(world)
    inspector = _api(world, "inspector")
    first = inspector.post(
        f"/api/v1/referrals/{declined.reference}/reviews",
        {"reviewers": [world.users["caseworker_a"].pk], "grounds": "Nowhere to sleep."},
        content_type="application/json",
    )
    assert first.status_code == 400
    assert first.json()["error"]["field"] == "reviewers"

    asked = inspector.post(
        f"/api/v1/referrals/{declined.reference}/reviews",
        {"reviewers": [world.users["director_a"].pk], "grounds": "Nowhere to sleep."},
        content_type="application/json",
    )
    assert asked.status_code == 201, asked.content
    review_id = asked.json()["id"]
    assert asked.json()["status"] == "REQUESTED"
    not_theirs = inspector.post(
        f"/api/v1/reviews/{review_id}/decide",
        {"overturn": True, "reasons": "x"},
        content_type="application/json",
    )
    assert not_theirs.status_code == 403
    assert _api(world, "caseworker_b").get(f"/api/v1/reviews/{review_id}").status_code == 404

    decided = _api(world, "director_a").post(
        f"/api/v1/reviews/{review_id}/decide",
        {"overturn": False, "reasons": "Still no bed."},
        content_type="application/json",
    )

    assert decided.status_code == 200, decided.content
    assert decided.json()["status"] == "UPHELD"
    assert decided.json()["decision_reason"] == "Still no bed."

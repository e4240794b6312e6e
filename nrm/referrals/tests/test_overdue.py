"""The response-time target: `respond_by` stored, overdue flagged in the inbox and counted.

Time is frozen by passing `now` to the queries and actions: no sleeping.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.test import Client, override_settings
from django.utils import timezone

from nrm.referrals.actions import referral_accept
from nrm.referrals.queries import Box, State, referral_inbox_counts, referrals_in_box
from nrm.referrals.tests.builders import refer
from nrm.referrals.workflow import DEFAULT_RESPONSE_HOURS
from nrm.testing import World

ClientAs = Callable[[str], Client]


def test_the_default_target_is_a_day_after_the_referral(world: World) -> None:
    now = timezone.now()

    referral = refer(world, now=now)

    assert DEFAULT_RESPONSE_HOURS == 24
    assert referral.respond_by == now + timedelta(hours=24)


@override_settings(NRM_REFERRAL_RESPONSE_HOURS=4)
def test_the_target_is_configurable(world: World) -> None:
    now = timezone.now()

    assert refer(world, now=now).respond_by == now + timedelta(hours=4)


def test_a_pending_referral_becomes_overdue_when_its_target_passes(world: World) -> None:
    now = timezone.now()
    referral = refer(world, now=now)
    centre = world.actor("caseworker_a")

    def overdue(at: datetime) -> list[str]:
        return [
            r.reference
            for r in referrals_in_box(centre, box=Box.RECEIVED, state=State.OVERDUE, now=at)
        ]

    assert overdue(now + timedelta(hours=23, minutes=59)) == []
    assert overdue(now + timedelta(hours=24)) == [referral.reference]
    assert referral_inbox_counts(centre, now=now + timedelta(hours=25)).overdue == 1
    assert referral_inbox_counts(centre, now=now).overdue == 0


def test_a_decided_referral_is_never_overdue(world: World) -> None:
    now = timezone.now()
    referral = refer(world, now=now - timedelta(hours=30))
    centre = world.actor("caseworker_a")
    assert referral_inbox_counts(centre, now=now).overdue == 1

    referral_accept(actor=centre, referral=referral, expected_version=1)

    assert referral_inbox_counts(centre, now=now).pending == 0
    assert referral_inbox_counts(centre, now=now).overdue == 0
    referral.refresh_from_db()
    assert not referral.is_overdue(now)


def test_counts_are_the_centres_own(world: World) -> None:
    now = timezone.now()
    refer(world, now=now - timedelta(hours=30))
    refer(world, now=now)
    refer(world, "investigator", region=world.organisations["Payoke"].region)

    assert referral_inbox_counts(world.actor("caseworker_a"), now=now).pending == 2
    assert referral_inbox_counts(world.actor("caseworker_a"), now=now).overdue == 1
    assert referral_inbox_counts(world.actor("caseworker_b"), now=now).pending == 1
    assert referral_inbox_counts(world.actor("caseworker_minors"), now=now).pending == 0
    # The referrer's "received" box is empty: counts are about referrals made to a centre.
    assert referral_inbox_counts(world.actor("inspector"), now=now).pending == 0


def test_the_inbox_flags_overdue_referrals(world: World, client_as: ClientAs) -> None:
    late = refer(world, now=timezone.now() - timedelta(hours=30))
    fresh = refer(world)

    page = client_as("caseworker_a").get("/referrals/").content.decode()

    late_row = page[page.index(late.reference) :].split("</tr>")[0]
    fresh_row = page[page.index(fresh.reference) :].split("</tr>")[0]
    assert "overdue" in late_row
    assert "overdue" not in fresh_row
    assert "2 referrals await your centre's decision." in page


def test_the_centres_home_page_counts_what_waits_and_what_is_late(
    world: World, client_as: ClientAs
) -> None:
    refer(world, now=timezone.now() - timedelta(hours=30))
    refer(world)

    page = client_as("director_a").get("/").content.decode()

    assert 'id="referrals-heading"' in page
    card = page[page.index('id="referrals-heading"') :].split("</section>")[0]
    assert '<p class="figure">2</p>' in card
    assert "1 overdue" in card

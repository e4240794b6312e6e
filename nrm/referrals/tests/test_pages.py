"""The referral pages: inbox, detail with its decisions, and "refer this person".

Per page: it works, an outsider gets 404, a role that may not act gets 403, bad input gets
400 with a clear message and changes nothing, a stale or decided referral gets 409, and the
audit row is written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from nrm.access.models import AuditEvent, AuditEventType
from nrm.referrals.actions import referral_accept
from nrm.referrals.models import Referral, ReferralStatus
from nrm.referrals.tests.builders import refer
from nrm.testing import World

ClientAs = Callable[[str], Client]


def referral_form(world: World, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "source": "INSPECTION",
        "reason": "AdditionalServicesRequired",
        "details": "Sleeps on the building site.",
        "region": str(world.organisations["PAG-ASA"].region_id),
        "centre": "",
        "referred_on": timezone.localdate().isoformat(),
        "consent_confirmed": "on",
        "consent_language": "ro",
    }
    data.update(overrides)
    return data


# Navigation and the person page --------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "referrals", "hotline"),
    [
        ("caseworker_a", True, True),
        ("director_a", True, True),
        ("inspector", True, False),
        ("investigator", True, False),
        ("prosecutor", False, False),
        ("immigration", False, False),
        ("admin", False, False),
    ],
)
def test_the_menu_offers_referrals_and_hotline_to_those_who_use_them(
    world: World, client_as: ClientAs, persona: str, referrals: bool, hotline: bool
) -> None:
    page = client_as(persona).get("/").content.decode()

    assert ('href="/referrals/"' in page) is referrals
    assert ('href="/referrals/hotline/"' in page) is hotline


def test_the_person_page_offers_to_refer_to_roles_that_refer(
    world: World, client_as: ClientAs
) -> None:
    person = world.person("inspector")
    world.involve(person, "prosecutor", "INVESTIGATION")

    link = f'href="/referrals/refer/{person.reference}/"'
    assert link in client_as("inspector").get(f"/people/{person.reference}/").content.decode()
    assert link not in client_as("prosecutor").get(f"/people/{person.reference}/").content.decode()


# Refer a person ------------------------------------------------------------------------


def test_the_refer_form_shows_where_the_person_will_go(world: World, client_as: ClientAs) -> None:
    person = world.person("inspector")

    page = client_as("inspector").get(f"/referrals/refer/{person.reference}/").content.decode()

    assert "In your region, the routing rule chooses PAG-ASA." in page
    assert "The centre is asked to answer within 24 hours." in page
    assert AuditEvent.objects.filter(action="referral_new_view", record_id=str(person.pk)).exists()


def test_the_refer_form_sends_the_referral(world: World, client_as: ClientAs) -> None:
    person = world.person("inspector")

    response = client_as("inspector").post(
        f"/referrals/refer/{person.reference}/", referral_form(world)
    )

    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/referrals/{referral.reference}/"
    assert referral.referred_organisation == world.organisations["PAG-ASA"]
    assert referral.details == "Sleeps on the building site."
    assert AuditEvent.objects.filter(action="referral_create").count() == 1


def test_an_outsider_cannot_open_the_refer_form(world: World, client_as: ClientAs) -> None:
    person = world.person("caseworker_b")

    client = client_as("inspector")
    assert client.get(f"/referrals/refer/{person.reference}/").status_code == 404
    assert (
        client.post(f"/referrals/refer/{person.reference}/", referral_form(world)).status_code
        == 404
    )
    assert client.get("/referrals/refer/P-ZZZZ-ZZZZ/").status_code == 404
    assert not Referral.objects.exists()


def test_a_role_that_does_not_refer_is_refused(world: World, client_as: ClientAs) -> None:
    person = world.person("inspector")
    world.involve(person, "prosecutor", "INVESTIGATION")

    response = client_as("prosecutor").post(
        f"/referrals/refer/{person.reference}/", referral_form(world)
    )

    assert response.status_code == 403
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"reason": "Whim"}, "Select a valid choice. Whim is not one of the available choices."),
        (
            {"source": "POLICE"},
            "Select a valid choice. POLICE is not one of the available choices.",
        ),
        (
            {"centre": "__immigration__"},
            "Select a valid choice. That choice is not one of the available choices.",
        ),
        ({"centre": "__esperanto__"}, "An adult is referred to a specialised centre for adults."),
        (
            {"referred_on": (timezone.localdate() + timedelta(days=1)).isoformat()},
            "A referral cannot be dated in the future.",
        ),
    ],
)
def test_bad_input_on_the_refer_form_is_explained_and_nothing_is_sent(
    world: World, client_as: ClientAs, overrides: dict[str, str], message: str
) -> None:
    person = world.person("inspector")
    names = {"__immigration__": "Immigration Office", "__esperanto__": "Esperanto"}
    overrides = {
        k: str(world.organisations[names[v]].pk) if v in names else v for k, v in overrides.items()
    }

    response = client_as("inspector").post(
        f"/referrals/refer/{person.reference}/", referral_form(world, **overrides)
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Referral.objects.exists()


def test_referring_twice_to_the_same_centre_is_a_conflict(
    world: World, client_as: ClientAs
) -> None:
    person = world.person("inspector")
    refer(world, person=person)

    response = client_as("inspector").post(
        f"/referrals/refer/{person.reference}/", referral_form(world)
    )

    assert response.status_code == 409
    assert "already has a referral awaiting the decision of PAG-ASA" in response.content.decode()
    assert Referral.objects.count() == 1


# Detail --------------------------------------------------------------------------------


def test_the_detail_shows_the_referral_and_audits_the_read(
    world: World, client_as: ClientAs
) -> None:
    referral = refer(world, details="Sleeps on the building site.")

    page = client_as("caseworker_a").get(f"/referrals/{referral.reference}/").content.decode()

    assert "Sleeps on the building site." in page
    assert "cas_" not in page
    assert "ECOSOC team Brussels" in page
    row = AuditEvent.objects.get(action="referral_view")
    assert row.event_type == AuditEventType.READ
    assert row.actor == world.users["caseworker_a"]
    assert row.changes == {"person": referral.person.reference}


def test_disabled_buttons_say_why(world: World, client_as: ClientAs) -> None:
    referral = refer(world)

    page = client_as("inspector").get(f"/referrals/{referral.reference}/").content.decode()

    # Not possible now: said as text with its reason, not a button (issue 16 item 7).
    assert f"/referrals/{referral.reference}/accept/" not in page
    accept = page[page.index('id="accept-heading"') :].split("</section>")[0]
    assert "Not possible now:" in accept
    assert "Only the centre the person was referred to decides on a referral." in accept
    withdraw = page[page.index("/withdraw/") :].split("</form>")[0]
    assert "disabled" not in withdraw


# Decisions -----------------------------------------------------------------------------


def test_the_centre_accepts_from_the_page(world: World, client_as: ClientAs) -> None:
    referral = refer(world)

    response = client_as("caseworker_a").post(
        f"/referrals/{referral.reference}/accept/", {"accept-version": "1"}
    )

    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    assert AuditEvent.objects.filter(action="referral_accept").count() == 1


def test_the_centre_declines_from_the_page_with_a_reason(world: World, client_as: ClientAs) -> None:
    referral = refer(world)

    response = client_as("director_a").post(
        f"/referrals/{referral.reference}/decline/",
        {"decline-version": "1", "decline-reason": "No place."},
    )

    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED
    assert referral.decision_reason == "No place."


def test_declining_without_a_reason_is_explained(world: World, client_as: ClientAs) -> None:
    referral = refer(world)

    response = client_as("caseworker_a").post(
        f"/referrals/{referral.reference}/decline/", {"decline-version": "1", "decline-reason": ""}
    )

    assert response.status_code == 400
    assert "Say why your centre declines this referral." in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PENDING


def test_the_referrer_withdraws_from_the_page(world: World, client_as: ClientAs) -> None:
    referral = refer(world)

    response = client_as("inspector").post(
        f"/referrals/{referral.reference}/withdraw/", {"withdraw-version": "1"}
    )

    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WITHDRAWN


@pytest.mark.parametrize(
    ("persona", "action", "status"),
    [
        ("inspector", "accept", 403),
        ("inspector", "decline", 403),
        ("caseworker_a", "withdraw", 403),
        ("caseworker_b", "accept", 404),
        ("investigator", "withdraw", 404),
        ("prosecutor", "accept", 404),
        ("admin", "accept", 404),
    ],
)
def test_decisions_are_refused_to_everyone_but_the_right_party(
    world: World, client_as: ClientAs, persona: str, action: str, status: int
) -> None:
    referral = refer(world)

    response = client_as(persona).post(
        f"/referrals/{referral.reference}/{action}/",
        {f"{action}-version": "1", f"{action}-reason": "Because."},
    )

    assert response.status_code == status
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PENDING


def test_a_decision_on_a_stale_page_is_a_conflict(world: World, client_as: ClientAs) -> None:
    referral = refer(world)
    referral_accept(actor=world.actor("director_a"), referral=referral, expected_version=1)

    response = client_as("caseworker_a").post(
        f"/referrals/{referral.reference}/decline/",
        {"decline-version": "1", "decline-reason": "Full."},
    )

    assert response.status_code == 409
    assert "Someone else acted on this referral meanwhile." in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED


def test_a_decision_on_a_decided_referral_is_a_conflict(world: World, client_as: ClientAs) -> None:
    referral = refer(world)
    referral_accept(actor=world.actor("director_a"), referral=referral, expected_version=1)

    response = client_as("caseworker_a").post(
        f"/referrals/{referral.reference}/accept/", {"accept-version": "2"}
    )

    assert response.status_code == 409
    assert "This referral has already been accepted." in response.content.decode()


def test_decisions_answer_only_to_post(world: World, client_as: ClientAs) -> None:
    referral = refer(world)

    assert (
        client_as("caseworker_a").get(f"/referrals/{referral.reference}/accept/").status_code == 405
    )


# Inbox ---------------------------------------------------------------------------------


def test_the_centre_sees_what_waits_and_the_referrer_what_it_sent(
    world: World, client_as: ClientAs
) -> None:
    to_a = refer(world)
    to_b = refer(world, "investigator", region=world.organisations["Payoke"].region)

    centre_a = client_as("caseworker_a").get("/referrals/").content.decode()
    inspector = client_as("inspector").get("/referrals/").content.decode()
    investigator = client_as("investigator").get("/referrals/").content.decode()

    assert to_a.reference in centre_a
    assert to_b.reference not in centre_a
    assert to_a.reference in inspector
    assert to_b.reference not in inspector
    assert to_b.reference in investigator
    assert to_a.reference not in investigator
    row = AuditEvent.objects.filter(action="referral_list", actor=world.users["caseworker_a"]).get()
    assert row.changes == {"referrals": [to_a.reference], "persons": [to_a.person.reference]}


def test_the_inbox_filters_decided_referrals_with_an_htmx_partial(
    world: World, client_as: ClientAs
) -> None:
    waiting = refer(world)
    decided = refer(world)
    referral_accept(actor=world.actor("caseworker_a"), referral=decided, expected_version=1)
    client = client_as("caseworker_a")

    response = client.get(
        "/referrals/", {"box": "received", "state": "decided"}, headers={"HX-Request": "true"}
    )

    page = response.content.decode()
    assert page.lstrip().startswith('<div id="inbox-table"')
    assert decided.reference in page
    assert waiting.reference not in page


def test_a_bad_inbox_filter_is_a_400_that_lists_nothing(world: World, client_as: ClientAs) -> None:
    refer(world)

    response = client_as("caseworker_a").get("/referrals/", {"state": "lost"})

    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert "R-" not in response.content.decode().split('id="inbox-table"')[1]


@pytest.mark.parametrize("persona", ["prosecutor", "judge", "immigration", "analyst", "admin"])
def test_roles_without_referrals_have_no_inbox(
    world: World, client_as: ClientAs, persona: str
) -> None:
    assert client_as(persona).get("/referrals/").status_code == 403


@pytest.mark.parametrize("count", [1, 12])
def test_the_inbox_makes_the_same_few_queries_however_many_referrals(
    world: World,
    client_as: ClientAs,
    django_assert_num_queries: DjangoAssertNumQueries,
    count: int,
) -> None:
    for _ in range(count):
        refer(world)
    client = client_as("caseworker_a")

    # Sign-in: session, user, second factor, membership. The counts card (one bounded read
    # of answer times), then the list: one page read from the inbox index, no count (person
    # and both organisations joined). Its audit row: savepoint, chain head, insert, head
    # update, release. The layout's memberships. Saving the session: savepoint, update,
    # release.
    with django_assert_num_queries(15):
        response = client.get("/referrals/")

    assert response.status_code == 200


def test_after_accepting_the_centre_is_offered_the_next_steps(
    world: World, client_as: ClientAs
) -> None:
    referral = refer(world)
    url = f"/referrals/{referral.reference}/"
    # Pending: nothing to offer yet.
    assert "Next steps" not in client_as("caseworker_a").get(url).content.decode()
    referral_accept(actor=world.actor("director_a"), referral=referral, expected_version=1)
    page = client_as("caseworker_a").get(url).content.decode()
    assert "Next steps" in page
    reference = referral.person.reference
    for link in (
        f"/care/{reference}/placements/new/",
        f"/care/{reference}/plan/new/",
        f"/protection/{reference}/",
    ):
        assert link in page
    # The referrer sees the course, not the centre's next steps.
    assert "Next steps" not in client_as("inspector").get(url).content.decode()

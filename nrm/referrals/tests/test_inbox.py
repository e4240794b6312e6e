"""The referral inbox as a triage list (issue 16 item 4) at national volume (issue 17): the
columns each party may see, the urgency and its reasons, sorting by column, the recipient
only where it varies, no HTCDS codes, pages without a count and a bounded number of queries.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from nrm.consent.actions import ConsentConfirmation
from nrm.people.actions import PersonData
from nrm.referrals import queries
from nrm.referrals.actions import (
    HotlineEntryData,
    HotlineReferralData,
    hotline_entry_create,
    referral_create,
    referral_decline,
)
from nrm.referrals.models import ExploitationForm, HotlineOutcome, Referral, ReferralReason
from nrm.referrals.views import inbox as inbox_view
from nrm.referrals.views._common import PAGE_SIZE
from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]
REFERENCE = re.compile(r">(R-[0-9A-Z]{4}-[0-9A-Z]{4})</a>")


def refer(world: World, persona: str = "inspector", person: Any = None, **options: Any) -> Referral:
    """A referral by the persona of a person it met, who agreed to be referred."""
    if person is None:
        person = world.person(persona)
    options.setdefault("reason", ReferralReason.ADDITIONAL_SERVICES_REQUIRED)
    options.setdefault("consent", ConsentConfirmation(language="ro"))
    return referral_create(actor=world.actor(persona), person=person, **options)


def refer_minor(world: World, persona: str = "inspector") -> Referral:
    person = world.person(persona, age_at_first_contact=15, first_contact_on=date(2026, 1, 5))
    return refer(world, persona, person=person, consent=None)


def refer_from_an_emergency_call(world: World) -> Referral:
    entry = hotline_entry_create(
        actor=world.actor("caseworker_a"),
        data=HotlineEntryData(
            contact_at=timezone.now() - timedelta(minutes=5),
            channel="PHONE",
            language="bg",
            caller_type="POTENTIAL_VICTIM",
            summary="Locked in a flat; the door is watched.",
            outcome=HotlineOutcome.REFERRAL,
            emergency=True,
            referral_consent=True,
        ),
        new_person=PersonData(age_at_first_contact=27, languages=["bg"]),
        referral=HotlineReferralData(),
    )
    assert entry.referral is not None
    return entry.referral


def listed(html: str) -> list[str]:
    return REFERENCE.findall(html)


def row(html: str, reference: str) -> str:
    return html[html.index(f">{reference}</a>") :].split("</tr>")[0]


def headings(html: str) -> list[str]:
    head = html.split("<thead>")[1].split("</thead>")[0]
    return [re.sub(r"<[^>]+>|[▲▼]", "", cell).strip() for cell in head.split("</th>")[:-1]]


def link(html: str, label: str) -> str | None:
    found = re.search(rf'<a href="\?([^"]*)">{label}</a>', html)
    return found.group(1).replace("&amp;", "&") if found else None


# Columns, per party ------------------------------------------------------------------------


def test_a_centre_triages_on_age_language_reason_referrer_waiting_and_urgency(
    world: World, client_as: ClientAs
) -> None:
    referral = refer(world)

    page = client_as("caseworker_a").get("/referrals/").content.decode()

    assert headings(page) == [
        "Referral",
        "Person",
        "Age",
        "Language",
        "Form of exploitation",
        "Reason",
        "From",
        "Waiting",
        "Urgency",
        "Status",
    ]
    cells = row(page, referral.reference)
    # 31 at first contact on 1 March 2025: at least 31 on the referral date, 32 after March.
    today = timezone.localdate()
    age = 31 + (today.year - 2025) - ((today.month, today.day) < (3, 1))
    assert f'data-label="Age">{age}<' in cells
    assert "Romanian" in cells
    assert "ECOSOC Brussels" in cells
    assert "Labour inspection" in cells
    assert "Needs a specialised centre&#x27;s support" in cells
    assert "Not urgent" in cells
    assert "answer by" in cells


def test_the_language_is_named_in_the_users_language(world: World, client_as: ClientAs) -> None:
    refer(world)
    client = client_as("caseworker_a")

    page = client.get("/referrals/", headers={"Accept-Language": "fr"}).content.decode()

    assert "Roumain" in page


def test_the_presumed_form_of_exploitation_is_named_and_sorts_with_unknown_last(
    world: World, client_as: ClientAs
) -> None:
    sexual = refer(world, exploitation_form=ExploitationForm.SEXUAL)
    labour = refer(world, exploitation_form=ExploitationForm.LABOUR)
    unknown = refer(world)
    client = client_as("caseworker_a")

    page = client.get("/referrals/", {"sort": "exploitation"}).content.decode()
    french = client.get(
        "/referrals/", {"sort": "-exploitation"}, headers={"Accept-Language": "fr"}
    ).content.decode()

    assert listed(page) == [labour.reference, sexual.reference, unknown.reference]
    assert "Sexual exploitation" in row(page, sexual.reference)
    assert "Not known" in row(page, unknown.reference)
    assert "LABOUR" not in page
    assert listed(french) == [sexual.reference, labour.reference, unknown.reference]
    assert "Labour exploitation" not in french


def test_the_to_column_is_left_out_while_every_referral_went_to_one_centre(
    world: World, client_as: ClientAs
) -> None:
    first = refer(world)
    refer(world)
    client = client_as("inspector")

    one_centre = client.get("/referrals/").content.decode()
    assert "To" not in headings(one_centre)
    assert "From" not in headings(one_centre)  # the inspector's own team on every row
    assert "All referrals on this page went to PAG-ASA." in one_centre
    assert "PAG-ASA" not in row(one_centre, first.reference)

    minor = refer_minor(world)
    two_centres = client.get("/referrals/").content.decode()
    assert "To" in headings(two_centres)
    assert "went to" not in two_centres
    assert "Minor-Ndako" in row(two_centres, minor.reference)
    assert "PAG-ASA" in row(two_centres, first.reference)


def test_a_centre_never_has_a_to_column_for_what_it_received(
    world: World, client_as: ClientAs
) -> None:
    refer(world)
    refer(world, "investigator")

    page = client_as("caseworker_a").get("/referrals/").content.decode()

    assert "To" not in headings(page)
    assert "went to" not in page


def test_the_person_s_record_is_shown_only_to_those_who_may_open_it(
    world: World, client_as: ClientAs
) -> None:
    declined = refer(world)
    referral_decline(
        actor=world.actor("caseworker_a"),
        referral=declined,
        expected_version=1,
        reason="No place this week.",
    )
    client = client_as("caseworker_a")

    page = client.get("/referrals/", {"state": "decided"}).content.decode()

    # The decline ended the centre's reason to see the person: the referral's own facts
    # stay, the person's age and languages do not.
    cells = row(page, declined.reference)
    assert "Romanian" not in cells
    assert 'data-label="Age">—<' in cells
    assert "answered after" in cells
    # The referrer still accompanies the person.
    sent = client_as("inspector").get("/referrals/").content.decode()
    assert "Romanian" in row(sent, declined.reference)


def test_no_htcds_code_or_term_is_shown_under_a_label(world: World, client_as: ClientAs) -> None:
    refer(world)
    refer(world, reason=ReferralReason.MIGRATION_OR_CHANGE_OF_LOCATION)
    refer(world, reason=ReferralReason.OTHER)

    page = client_as("caseworker_a").get("/referrals/").content.decode()

    assert "cas_" not in page
    for code, label in ReferralReason.choices:
        assert code not in page
        assert str(label) not in page
    assert "Moved away: needs the centre of the place where the person now is" in page
    assert "Another reason, given in the details" in page


# Urgency -----------------------------------------------------------------------------------


def test_urgency_says_why_danger_first_then_a_child_then_lateness(
    world: World, client_as: ClientAs
) -> None:
    plain = refer(world)
    late = refer(world, now=timezone.now() - timedelta(hours=30))
    emergency = refer_from_an_emergency_call(world)
    presumed = refer(world, presumed_minor=True, consent=None)
    client = client_as("caseworker_a")

    adults = client.get("/referrals/", {"sort": "urgency"}).content.decode()
    minors = client_as("caseworker_minors").get("/referrals/").content.decode()

    assert listed(adults) == [emergency.reference, late.reference, plain.reference]
    assert "In danger now" in row(adults, emergency.reference)
    assert "Answer overdue" in row(adults, late.reference)
    assert "Minor" not in row(adults, late.reference)
    assert "Not urgent" in row(adults, plain.reference)
    assert "Minor" in row(minors, presumed.reference)
    assert "presumed" in row(minors, presumed.reference)


def test_the_referrers_word_that_the_person_is_in_danger_makes_it_most_urgent(
    world: World, client_as: ClientAs
) -> None:
    late = refer(world, now=timezone.now() - timedelta(hours=30))
    danger = refer(world, imminent_danger=True)

    page = client_as("caseworker_a").get("/referrals/", {"sort": "urgency"}).content.decode()

    assert listed(page) == [danger.reference, late.reference]
    assert "In danger now" in row(page, danger.reference)
    assert "In danger now" not in row(page, late.reference)


def test_urgency_weights_put_a_child_before_a_late_adult(world: World) -> None:
    now = timezone.now()
    late_adult = refer(world, now=now - timedelta(hours=30))
    child = refer_minor(world)

    # The referrer's box holds both: a centre receives either adults or children.
    page = queries.referral_inbox_page(
        world.actor("inspector"), box="sent", state="pending", sort="urgency", now=now
    )

    assert [r.reference for r in page.rows] == [child.reference, late_adult.reference]
    assert queries.urgency_of(page.rows[0]) == [queries.Urgency.MINOR]
    assert queries.urgency_of(page.rows[1]) == [queries.Urgency.OVERDUE]


def test_a_decided_referral_is_not_urgent(world: World) -> None:
    late = refer(world, now=timezone.now() - timedelta(hours=30))
    referral_decline(
        actor=world.actor("caseworker_a"), referral=late, expected_version=1, reason="Full."
    )

    page = queries.referral_inbox_page(
        world.actor("caseworker_a"), box="received", state="all", now=timezone.now()
    )

    assert queries.urgency_of(page.rows[0]) == []


# Sorting -----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", queries.SORT_KEYS)
def test_every_column_sorts_both_ways(world: World, client_as: ClientAs, key: str) -> None:
    made = {refer(world).reference, refer(world, "investigator").reference}
    made.add(refer(world, reason=ReferralReason.OTHER).reference)

    response = client_as("caseworker_a").get("/referrals/", {"sort": key})

    assert response.status_code == 200
    assert sorted(listed(response.content.decode())) == sorted(made)


def test_sorting_by_referrer_and_by_waiting_time(world: World, client_as: ClientAs) -> None:
    older = refer(world, "investigator", now=timezone.now() - timedelta(hours=3))
    newer = refer(world, now=timezone.now() - timedelta(hours=1))
    client = client_as("caseworker_a")

    def order(sort: str) -> list[str]:
        return listed(client.get("/referrals/", {"sort": sort}).content.decode())

    # "ECOSOC Brussels" before "FJP Brussels".
    assert order("from") == [newer.reference, older.reference]
    assert order("-from") == [older.reference, newer.reference]
    assert order("waiting") == [older.reference, newer.reference]
    assert order("-waiting") == [newer.reference, older.reference]


def test_sorting_by_age_puts_children_first_and_unknown_ages_last(world: World) -> None:
    now = timezone.now()
    unknown = refer(world, person=world.person("inspector", age_at_first_contact=None))
    old = refer(world, person=world.person("inspector", age_at_first_contact=60))
    young = refer(world, person=world.person("inspector", age_at_first_contact=19))
    child = refer_minor(world)
    actor = world.actor("inspector")

    def order(sort: str) -> list[str]:
        page = queries.referral_inbox_page(actor, box="sent", state="pending", sort=sort, now=now)
        return [r.reference for r in page.rows]

    assert order("age")[:3] == [child.reference, young.reference, old.reference]
    assert order("age")[-1] == unknown.reference
    assert order("-age")[0] == old.reference


def test_sorting_by_language(world: World) -> None:
    romanian = refer(world)
    bulgarian = refer_from_an_emergency_call(world)
    actor = world.actor("caseworker_a")
    now = timezone.now()

    def order(sort: str) -> list[str]:
        rows = queries.referral_inbox_page(
            actor, box="received", state="pending", sort=sort, now=now
        )
        return [r.reference for r in rows.rows]

    assert order("language") == [bulgarian.reference, romanian.reference]
    assert order("-language") == [romanian.reference, bulgarian.reference]


def test_a_column_heading_sorts_and_a_second_click_reverses(
    world: World, client_as: ClientAs
) -> None:
    refer(world)
    client = client_as("caseworker_a")

    page = client.get("/referrals/", {"sort": "age"}).content.decode()

    assert 'aria-sort="ascending"><a href="?sort=-age"' in page
    assert '<a href="?sort=urgency"' in page


def test_a_bad_sort_key_is_a_400_that_says_so_and_lists_nothing(
    world: World, client_as: ClientAs
) -> None:
    refer(world)

    response = client_as("caseworker_a").get("/referrals/", {"sort": "person__given_names"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "The list cannot be sorted that way." in html
    assert listed(html) == []


def test_the_query_function_refuses_a_sort_outside_the_list(world: World) -> None:
    from nrm.core.errors import DomainError

    with pytest.raises(DomainError):
        queries.referral_inbox_page(
            world.actor("caseworker_a"),
            box="received",
            state="pending",
            sort="person__family_name",
            now=timezone.now(),
        )


# Pages without a count ---------------------------------------------------------------------


def _walk(client: Client, query: str) -> tuple[list[str], list[int], str]:
    """Follow the Next links from `query`: the references seen, each page's query count, and
    the last page's HTML."""
    seen: list[str] = []
    costs: list[int] = []
    html = ""
    next_query: str | None = query
    while next_query is not None:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/referrals/?{next_query}")
        assert response.status_code == 200
        assert not any("COUNT(" in q["sql"].upper() for q in captured.captured_queries)
        html = response.content.decode()
        seen += listed(html)
        costs.append(len(captured.captured_queries))
        next_query = link(html, "Next")
    return seen, costs, html


@pytest.mark.parametrize("state", ["pending", "all"])
def test_pages_follow_one_another_without_a_count_and_go_back(
    world: World, client_as: ClientAs, monkeypatch: pytest.MonkeyPatch, state: str
) -> None:
    monkeypatch.setattr(inbox_view, "PAGE_SIZE", 4)
    start = timezone.now() - timedelta(hours=10)
    made = [refer(world, now=start + timedelta(minutes=index)).reference for index in range(10)]
    client = client_as("caseworker_a")
    client.get("/referrals/")  # the session's first request settles it

    seen, costs, last = _walk(client, f"state={state}")

    assert sorted(seen) == sorted(made)
    assert len(seen) == len(set(seen)) == 10
    assert len(costs) == 3
    assert len(set(costs)) == 1, costs
    # Back from the last page: the page before it, in the same order.
    previous = link(last, "Previous")
    assert previous is not None
    back = listed(client.get(f"/referrals/?{previous}").content.decode())
    assert back == seen[4:8]
    first_again = link(client.get(f"/referrals/?{previous}").content.decode(), "Previous")
    assert first_again is not None
    first = client.get(f"/referrals/?{first_again}").content.decode()
    assert listed(first) == seen[:4]
    assert link(first, "Previous") is None


def test_sorted_pages_follow_one_another_without_a_count(
    world: World, client_as: ClientAs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inbox_view, "PAGE_SIZE", 4)
    made = [refer(world).reference for _ in range(9)]
    client = client_as("caseworker_a")
    client.get("/referrals/")

    seen, costs, _last = _walk(client, "sort=-waiting")

    assert sorted(seen) == sorted(made)
    assert len(seen) == 9
    assert len(set(costs)) == 1, costs


def test_a_column_sort_is_bounded_and_says_when_it_cut(
    world: World, client_as: ClientAs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queries, "SORT_WINDOW", 3)
    start = timezone.now() - timedelta(hours=10)
    made = [refer(world, now=start + timedelta(minutes=i)).reference for i in range(5)]
    client = client_as("caseworker_a")

    page = client.get("/referrals/", {"sort": "-waiting"}).content.decode()

    # The window is the box's first three in its own order (soonest answer first).
    assert listed(page) == list(reversed(made[:3]))
    assert "Sorted among the first 3 referrals of this list." in page
    assert "Sorted among" not in client.get("/referrals/").content.decode()


def test_a_damaged_cursor_starts_from_the_first_page(world: World, client_as: ClientAs) -> None:
    referral = refer(world)

    response = client_as("caseworker_a").get("/referrals/", {"after": "not-a-cursor"})

    assert response.status_code == 200
    assert referral.reference in response.content.decode()


@pytest.mark.parametrize("sort", ["", "urgency", "age"])
def test_the_inbox_s_queries_do_not_grow_with_the_referrals(
    world: World,
    client_as: ClientAs,
    django_assert_max_num_queries: DjangoAssertNumQueries,
    sort: str,
) -> None:
    for index in range(60):
        person = world.person("inspector", languages=["ro", "fr"] if index % 2 else ["bg"])
        refer(world, person=person)
    refer_from_an_emergency_call(world)
    client = client_as("caseworker_a")
    client.get("/referrals/")

    # Sign-in (session, user, second factor, membership); the counts; the page's rows, with
    # the person, both organisations and the hotline call joined; for a column sort, whether
    # the window was cut; the audit row (savepoint, chain head, insert, head update,
    # release); the layout's memberships; saving the session.
    with django_assert_max_num_queries(17) as captured:
        response = client.get("/referrals/", {"sort": sort} if sort else {})

    assert response.status_code == 200
    assert len(listed(response.content.decode())) == PAGE_SIZE
    assert not any("COUNT(" in q["sql"].upper() for q in captured.captured_queries)


# Counts ------------------------------------------------------------------------------------


def test_the_counts_stop_at_their_limit(
    world: World, client_as: ClientAs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queries, "COUNT_LIMIT", 2)
    for _ in range(3):
        refer(world, now=timezone.now() - timedelta(hours=30))

    counts = queries.referral_inbox_counts(world.actor("caseworker_a"), now=timezone.now())
    page = client_as("caseworker_a").get("/referrals/").content.decode()

    assert (counts.pending, counts.more_pending, counts.pending_shown) == (2, True, "2+")
    assert (counts.overdue, counts.more_overdue, counts.overdue_shown) == (2, True, "2+")
    assert "More than 2+ referrals" not in page
    assert "More than 2 referrals await your centre's decision." in page
    assert "more than 2 overdue" in page


def test_the_counts_are_exact_below_the_limit(world: World) -> None:
    refer(world, now=timezone.now() - timedelta(hours=30))
    refer(world)

    counts = queries.referral_inbox_counts(world.actor("caseworker_a"), now=timezone.now())

    assert (counts.pending, counts.overdue, counts.more_pending) == (2, 1, False)
    assert counts.pending_shown == "2"

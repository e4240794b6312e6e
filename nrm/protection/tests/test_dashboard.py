"""The organisation's deadline dashboard and its notifications: for the roles that answer
for deadlines, references only, audited, a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from nrm.access.context import actor_for
from nrm.access.models import AuditEvent, Purpose
from nrm.administration.actions import membership_grant, organisation_create, user_create
from nrm.core.errors import NotFound, PermissionDenied
from nrm.organisations.models import OrganisationType, Role
from nrm.people.models import Person
from nrm.protection.actions import notification_mark_read
from nrm.protection.models import Notification
from nrm.protection.notices import deadlines_process
from nrm.testing import World

from .support import NAMES, REFLECTION, involved_person, record, walk

ClientAs = Callable[[str], Client]


def reflection_started(world: World, days_ago: int) -> Person:
    person = involved_person(world)
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    record(world, "caseworker_a", person, "REFERRED", day)
    record(world, "immigration", person, "REFLECTION_DOCUMENT_ISSUED", day)
    return person


def test_the_dashboard_shows_overdue_and_upcoming_deadlines(
    world: World, client_as: ClientAs
) -> None:
    overdue = involved_person(world)
    walk(world, overdue, REFLECTION)
    soon = reflection_started(world, 42)  # due in 3 days
    far = reflection_started(world, 0)  # due in 45 days

    response = client_as("immigration").get("/protection/deadlines/")

    assert response.status_code == 200
    html = response.text
    assert "Overdue: 1 deadline" in html
    assert "Due in the next 30 days: 1 deadline" in html
    assert f'href="/protection/{overdue.reference}/"' in html
    assert f'href="/protection/{soon.reference}/"' in html
    assert far.reference not in html
    assert far.reference in client_as("immigration").get("/protection/deadlines/?within=60").text
    assert not any(name in html for name in NAMES)
    row = AuditEvent.objects.filter(action="deadline_board_view").first()
    assert row is not None
    assert row.purpose == Purpose.RESIDENCE_DECISION
    assert row.changes == {"references": sorted([overdue.reference, soon.reference])}


@pytest.mark.parametrize("within", ["0", "400", "soon"])
def test_a_bad_number_of_days_gets_400(world: World, client_as: ClientAs, within: str) -> None:
    response = client_as("immigration").get("/protection/deadlines/", {"within": within})

    assert response.status_code == 400
    assert "Give a number of days between 1 and 366." in response.text


@pytest.mark.parametrize("persona", ["prosecutor", "inspector", "analyst"])
def test_roles_that_answer_for_no_deadline_get_403_and_no_menu_entry(
    world: World, client_as: ClientAs, persona: str
) -> None:
    client = client_as(persona)

    assert client.get("/protection/deadlines/").status_code == 403
    assert client.get("/protection/notifications/").status_code == 403
    assert 'href="/protection/deadlines/"' not in client.get("/").text


def test_the_immigration_office_has_the_menu_entry(world: World, client_as: ClientAs) -> None:
    assert 'href="/protection/deadlines/"' in client_as("immigration").get("/").text


def test_a_centre_answers_for_the_deadlines_it_prepares(world: World, client_as: ClientAs) -> None:
    # RULES.md §3.6: the centre files the requests, so the expiries are its deadlines too.
    client = client_as("caseworker_a")

    assert client.get("/protection/deadlines/").status_code == 200
    assert 'href="/protection/deadlines/"' in client.get("/").text


@pytest.mark.parametrize("count", [1, 8])
def test_the_dashboard_makes_the_same_few_queries_however_many_deadlines(
    world: World,
    client_as: ClientAs,
    django_assert_num_queries: DjangoAssertNumQueries,
    count: int,
) -> None:
    for _ in range(count):
        walk(world, involved_person(world), REFLECTION)
    client = client_as("immigration")

    # Sign-in: session, user, second factor, membership. The overdue and upcoming rows,
    # the audit row (savepoint, chain head, insert, head update, release). The layout's
    # memberships. Saving the session: savepoint, update, release.
    with django_assert_num_queries(15):
        response = client.get("/protection/deadlines/")

    assert response.status_code == 200


# Notifications -------------------------------------------------------------------------------


def notified(world: World) -> list[Notification]:
    for _ in range(2):
        walk(world, involved_person(world), REFLECTION)
    deadlines_process(now=timezone.now())
    return list(Notification.objects.order_by("pk"))


def test_the_notifications_page_lists_them_in_the_readers_language(
    world: World, client_as: ClientAs
) -> None:
    first, _second = notified(world)

    html = client_as("immigration").get("/protection/notifications/").text

    assert "2 unread notifications." in html
    assert (
        f"End of the reflection period for {first.params['reference']} is due on 2024-02-24" in html
    )


def test_marking_one_as_read_is_audited_and_idempotent(world: World, client_as: ClientAs) -> None:
    first, _second = notified(world)
    client = client_as("immigration")

    response = client.post(f"/protection/notifications/{first.pk}/read/")
    client.post(f"/protection/notifications/{first.pk}/read/")

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.read_by == world.users["immigration"]
    assert AuditEvent.objects.filter(action="notification_mark_read").count() == 1
    assert "1 unread notification." in client.get("/protection/notifications/").text


def test_marking_all_as_read(world: World, client_as: ClientAs) -> None:
    notified(world)

    client_as("immigration").post("/protection/notifications/read/")

    assert not Notification.objects.filter(read_at__isnull=True).exists()
    row = AuditEvent.objects.get(action="notifications_mark_all_read")
    assert row.changes is not None
    assert len(row.changes["notifications"]) == 2


def test_another_organisations_notification_is_not_found(world: World) -> None:
    (first, *_rest) = notified(world)
    admin = world.actor("admin")
    other = organisation_create(
        actor=admin,
        name="Another immigration office",
        short_name="Other",
        type=OrganisationType.IMMIGRATION_OFFICE,
        country="BE",
        region=None,
        judicial_district=None,
    )
    user, _password = user_create(
        actor=admin, username="other", first_name="O", last_name="T", email="o@x.invalid"
    )
    actor = actor_for(
        user,
        membership_grant(actor=admin, user=user, organisation=other, role=Role.IMMIGRATION_OFFICER),
    )

    with pytest.raises(NotFound):
        notification_mark_read(actor=actor, notification_id=first.pk)
    with pytest.raises(NotFound):
        # Another organisation's notification: the centre learns nothing about it.
        notification_mark_read(actor=world.actor("caseworker_a"), notification_id=first.pk)
    with pytest.raises(PermissionDenied):
        notification_mark_read(actor=world.actor("prosecutor"), notification_id=first.pk)


def test_the_notification_links_to_the_status_page(world: World, client_as: ClientAs) -> None:
    first, _second = notified(world)

    html: Any = client_as("immigration").get("/protection/notifications/").text

    assert f'href="/protection/{first.params["reference"]}/"' in html

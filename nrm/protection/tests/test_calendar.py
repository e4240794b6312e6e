"""The organisation's iCalendar feed: a secret address created and rotated by the heads,
shown once and stored hashed; RFC 5545 text with escaping and folding; references only."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from nrm.access.models import AuditEvent, AuditEventType
from nrm.core.errors import PermissionDenied
from nrm.protection.actions import calendar_feed_revoke, calendar_feed_rotate
from nrm.protection.calendar import escape_text, fold
from nrm.protection.models import CalendarFeed, feed_digest
from nrm.testing import World

from .support import NAMES, REFLECTION, TEMPORARY, involved_person, walk

ClientAs = Callable[[str], Client]


def feed_path(token: str) -> str:
    return f"/protection/calendar/{token}.ics"


def unfold(body: str) -> list[str]:
    return body.replace("\r\n ", "").split("\r\n")


def test_an_immigration_officer_creates_the_address_and_sees_it_once(
    world: World, client_as: ClientAs
) -> None:
    client = client_as("immigration")

    response = client.post("/protection/calendar/", {"action": "rotate"})

    assert response.status_code == 200
    found = re.search(r"http://testserver/protection/calendar/([\w-]+)\.ics", response.text)
    assert found is not None
    token = found.group(1)
    feed = CalendarFeed.objects.get()
    assert feed.digest == feed_digest(token)  # only the digest is stored
    assert token not in str(AuditEvent.objects.get(action="calendar_feed_rotate").changes)
    assert token not in client.get("/protection/calendar/").text
    assert Client().get(feed_path(token)).status_code == 200


def test_rotating_ends_the_old_address_and_revoking_ends_the_new(world: World) -> None:
    actor = world.actor("immigration")
    _feed, old = calendar_feed_rotate(actor=actor)
    _feed, new = calendar_feed_rotate(actor=actor)

    assert Client().get(feed_path(old)).status_code == 404
    assert Client().get(feed_path(new)).status_code == 200
    assert calendar_feed_revoke(actor=actor)
    assert Client().get(feed_path(new)).status_code == 404
    assert not calendar_feed_revoke(actor=actor)


@pytest.mark.parametrize("persona", ["caseworker_a", "prosecutor", "inspector", "analyst"])
def test_only_the_heads_and_the_immigration_office_manage_the_address(
    world: World, client_as: ClientAs, persona: str
) -> None:
    with pytest.raises(PermissionDenied):
        calendar_feed_rotate(actor=world.actor(persona))
    assert client_as(persona).post("/protection/calendar/", {"action": "rotate"}).status_code == (
        403
    )
    assert not CalendarFeed.objects.exists()


@pytest.mark.parametrize("persona", ["director_a", "teamlead"])
def test_a_centre_director_or_team_lead_manages_their_organisations_address(
    world: World, persona: str
) -> None:
    feed, _token = calendar_feed_rotate(actor=world.actor(persona))

    assert feed.organisation == world.actor(persona).organisation


@pytest.mark.parametrize(
    "path",
    [
        "/protection/calendar/.ics",
        "/protection/calendar/not-the-token.ics",
        "/protection/calendar/",  # the settings page: signed-in staff only
    ],
)
def test_without_the_right_token_there_is_no_calendar(world: World, path: str) -> None:
    calendar_feed_rotate(actor=world.actor("immigration"))

    response = Client().get(path)

    assert response.status_code in {302, 404}
    assert "BEGIN:VCALENDAR" not in response.text


def test_the_feed_lists_open_deadlines_by_reference_never_by_name(world: World) -> None:
    in_reflection = involved_person(world)
    walk(world, in_reflection, REFLECTION)
    in_temporary = involved_person(world)
    walk(world, in_temporary, TEMPORARY)
    _feed, token = calendar_feed_rotate(actor=world.actor("immigration"))

    response = Client().get(feed_path(token))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert not any(name in body for name in NAMES)
    lines = unfold(body)
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"]
    assert lines[-2:] == ["END:VCALENDAR", ""]
    assert lines.count("BEGIN:VEVENT") == 2  # closed deadlines are not in the feed
    assert "DTSTART;VALUE=DATE:20240224" in lines
    assert "DTEND;VALUE=DATE:20240225" in lines
    assert f"SUMMARY:End of the reflection period: {in_reflection.reference}" in lines
    assert f"SUMMARY:Expiry of the temporary permit: {in_temporary.reference}" in lines
    assert {"TRIGGER:-P7D", "TRIGGER:-P30D"} <= set(lines)
    row = AuditEvent.objects.get(action="calendar_feed_read")
    assert (row.event_type, row.changes) == (AuditEventType.READ, {"deadlines": 2})


def test_every_line_ends_with_crlf_and_fits_in_75_octets(world: World) -> None:
    walk(world, involved_person(world), REFLECTION)
    _feed, token = calendar_feed_rotate(actor=world.actor("immigration"))

    body = Client().get(feed_path(token)).content

    assert body.endswith(b"\r\n")
    assert b"\n" not in body.replace(b"\r\n", b"")
    lines = body.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # the long descriptions are folded


def test_text_values_are_escaped() -> None:
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"


def test_folding_never_splits_a_character_and_unfolds_to_the_original() -> None:
    line = "SUMMARY:" + "Sürya, Liège — élan " * 10

    folded = fold(line)

    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert folded.replace("\r\n ", "") == line


def test_a_short_line_is_not_folded() -> None:
    assert fold("VERSION:2.0") == "VERSION:2.0"
    assert fold("X" * 75) == "X" * 75
    assert fold("X" * 76) == "X" * 75 + "\r\n X"

"""`nrm deadlines due --within 7d [--organisation ID] [--json]`: what falls due, overdue
included; bad input exits with status 2 and says why."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from nrm.access.models import AuditEvent
from nrm.cli import main
from nrm.people.models import Person
from nrm.protection.management.commands.deadlines import parse_duration
from nrm.testing import World

from .support import NAMES, REFLECTION, involved_person, record, walk


def due(*args: str) -> str:
    out = StringIO()
    call_command("deadlines", "due", *args, stdout=out)
    return out.getvalue()


def reflection_started(world: World, days_ago: int) -> Person:
    person = involved_person(world)
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    record(world, "caseworker_a", person, "REFERRED", day)
    record(world, "immigration", person, "REFLECTION_DOCUMENT_ISSUED", day)
    return person


def test_it_lists_what_falls_due_within_the_duration_overdue_included(world: World) -> None:
    overdue = involved_person(world)
    walk(world, overdue, REFLECTION)  # due 2024-02-24
    soon = reflection_started(world, 40)  # due in 5 days
    later = reflection_started(world, 20)  # due in 25 days

    lines = due("--within", "7d").splitlines()

    assert lines[0].startswith("2 open deadlines due by ")
    assert lines[1].startswith("2024-02-24  REFLECTION_END")
    assert overdue.reference in lines[1]
    assert lines[1].endswith("Immigration Office  (overdue)")
    assert soon.reference in lines[2]
    assert "(overdue)" not in lines[2]
    assert later.reference not in "\n".join(lines)
    assert later.reference in due("--within", "4w")


def test_it_names_persons_by_reference_only_and_is_audited(world: World) -> None:
    walk(world, involved_person(world), REFLECTION)

    output = due("--within", "1d")

    assert not any(name in output for name in NAMES)
    row = AuditEvent.objects.get(action="deadlines_due_list")
    assert row.actor_label == "nrm deadlines due"
    assert row.changes == {"organisation": None, "within": "1d", "count": 1}


def test_it_filters_by_organisation(world: World) -> None:
    walk(world, involved_person(world), REFLECTION)
    office = world.organisations["Immigration Office"]
    centre = world.organisations["PAG-ASA"]

    assert due("--within", "7d", "--organisation", str(office.pk)).startswith("1 open deadline ")
    assert due("--within", "7d", "--organisation", str(centre.pk)).startswith("0 open")


def test_the_json_output_has_one_object_per_deadline(world: World) -> None:
    person = involved_person(world)
    walk(world, person, REFLECTION)

    body = json.loads(due("--within", "12h", "--json"))

    assert body["count"] == 1
    (item,) = body["deadlines"]
    assert item == {
        "id": item["id"],
        "kind": "REFLECTION_END",
        "label": "End of the reflection period",
        "due": "2024-02-24",
        "overdue": True,
        "reference": person.reference,
        "jurisdiction": "BE",
        "responsible": "IMMIGRATION_OFFICE",
        "organisation_id": world.organisations["Immigration Office"].pk,
        "organisation": "Immigration Office",
        "notified": False,
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7d", dt.timedelta(days=7)),
        ("12h", dt.timedelta(hours=12)),
        ("2w", dt.timedelta(weeks=2)),
        ("90m", dt.timedelta(minutes=90)),
        (" 7D ", dt.timedelta(days=7)),
        ("0d", dt.timedelta(0)),
    ],
)
def test_durations_are_a_number_and_a_unit(text: str, expected: dt.timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["7", "7x", "-1d", "1.5d", "d", "", "seven days", "9999w"])
def test_a_bad_duration_exits_with_status_2(world: World, text: str) -> None:
    with pytest.raises(CommandError) as caught:
        due(f"--within={text}")

    assert caught.value.returncode == 2
    assert "duration" in str(caught.value)


def test_a_bad_duration_on_the_command_line_prints_why_and_exits_2(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["deadlines", "due", "--within", "7x"])

    assert exited.value.code == 2
    assert "'7x' is not a duration" in capsys.readouterr().err


def test_an_unknown_organisation_exits_with_status_2(world: World) -> None:
    with pytest.raises(CommandError) as caught:
        due("--within", "7d", "--organisation", "999999")

    assert caught.value.returncode == 2

"""The retention job: a due record is flagged, then anonymised after the grace period; a
hold stops it; nothing is due while an organisation still works with the person."""

from __future__ import annotations

import io
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django.utils import timezone
from pytest_django.fixtures import SettingsWrapper

from nrm.access.audit import audit_verify
from nrm.access.models import AuditEvent, Purpose
from nrm.care.models import CareNote
from nrm.inspections.actions import evidence_add
from nrm.inspections.tests.helpers import a_screening, an_inspection, carried_out
from nrm.people.models import Person
from nrm.prosecution.tests.support import MINIMAL_PDF
from nrm.retention.actions import legal_hold_place, legal_hold_release, retention_daily
from nrm.retention.models import FlagOutcome, FlagStatus, RetentionFlag, RetentionPass
from nrm.retention.tests.support import NOTE, at, cared_person, day, end_all_involvements, run
from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def flag_of(rule: str, record_id: int) -> RetentionFlag:
    return RetentionFlag.objects.get(rule=rule, record_id=record_id)


def test_nothing_is_due_while_an_organisation_still_works_with_the_person(world: World) -> None:
    person, note = cared_person(world)
    result = run(at(note.written_at, years=30))
    assert not RetentionFlag.objects.filter(person=person).exists()
    assert result.flagged == 0
    note.refresh_from_db()
    assert note.text == NOTE


def test_a_due_care_note_is_flagged_then_anonymised_after_the_grace_period(world: World) -> None:
    person, note = cared_person(world)
    ended = end_all_involvements(world, person)

    # The day before five years have run: not due.
    run(at(ended, years=5, days=-1))
    assert not RetentionFlag.objects.filter(rule="care.carenote").exists()

    # Due: flagged, with its grace period, the note still intact.
    first = at(ended, years=5, days=1)
    result = run(first)
    flag = flag_of("care.carenote", note.pk)
    assert flag.status == FlagStatus.FLAGGED
    assert flag.person_id == person.pk
    assert flag.organisation_id == world.organisations["PAG-ASA"].pk
    assert flag.purpose == Purpose.CARE
    assert flag.due_on <= day(first)
    assert (flag.grace_ends_on - day(first)).days == 30
    assert result.flagged >= 1
    assert result.anonymised == 0
    note.refresh_from_db()
    assert note.text == NOTE

    # Still in the grace period: untouched.
    run(at(first, days=29))
    note.refresh_from_db()
    assert note.text == NOTE

    # Grace period over: anonymised, audited without the text, the chain intact.
    result = run(at(first, days=30))
    flag.refresh_from_db()
    assert flag.status == FlagStatus.DONE
    assert flag.outcome == FlagOutcome.ANONYMISED
    note.refresh_from_db()
    assert note.text == ""
    assert note.person_id == person.pk
    assert note.organisation_id == flag.organisation_id
    event = AuditEvent.objects.get(action="retention_anonymise", record_id=str(note.pk))
    assert event.record_type == "care.carenote"
    assert event.changes == {"flag": flag.pk, "rule": "care.carenote", "fields": ["text"]}
    assert NOTE not in str(event.changes)
    assert audit_verify().ok


def test_the_person_identity_is_kept_for_the_longest_purpose(world: World) -> None:
    # Involved for care (5 years) and, through the inspection team, investigation (10).
    person, _note = cared_person(world)
    ended = end_all_involvements(world, person)
    run(at(ended, years=6))
    assert not RetentionFlag.objects.filter(rule="people.person", record_id=person.pk).exists()

    first = at(ended, years=10, days=2)
    run(first)
    assert flag_of("people.person", person.pk).status == FlagStatus.FLAGGED
    version = Person.objects.get(pk=person.pk).version
    run(at(first, days=30))
    anonymised = Person.objects.get(pk=person.pk)
    assert (anonymised.given_names, anonymised.family_name) == ("", "")
    assert anonymised.birth_date is None
    assert anonymised.documents is None
    # Demographics stay: they are what the statistics count.
    assert anonymised.nationalities == ["RO"]
    assert anonymised.age_at_first_contact == 31
    assert anonymised.reference == person.reference
    assert anonymised.version == version + 1
    assert audit_verify().ok


def test_a_manual_hold_stops_it_and_its_release_restarts_the_grace_period(world: World) -> None:
    person, note = cared_person(world)
    ended = end_all_involvements(world, person)
    first = at(ended, years=5, days=1)
    run(first)
    hold = legal_hold_place(
        actor=world.actor("director_a"),
        person_reference=person.reference,
        reason="The person asked us to keep the file for a claim.",
    )

    run(at(first, days=45))
    flag = flag_of("care.carenote", note.pk)
    assert flag.status == FlagStatus.HELD
    assert flag.holds == ["MANUAL"]
    note.refresh_from_db()
    assert note.text == NOTE

    legal_hold_release(actor=world.actor("admin"), hold_id=hold.pk)
    released = at(first, days=400)
    run(released)
    flag.refresh_from_db()
    # Flagged again with a fresh grace period: the officer sees it before it is applied.
    assert flag.status == FlagStatus.FLAGGED
    assert (flag.grace_ends_on - day(released)).days == 30
    note.refresh_from_db()
    assert note.text == NOTE

    run(at(released, days=30))
    flag.refresh_from_db()
    assert flag.status == FlagStatus.DONE
    note.refresh_from_db()
    assert note.text == ""


def test_a_flag_is_cancelled_when_the_holder_works_with_the_person_again(world: World) -> None:
    person, note = cared_person(world)
    ended = end_all_involvements(world, person)
    first = at(ended, years=5, days=1)
    run(first)
    world.involve(person, "caseworker_a", Purpose.CARE)
    run(at(first, days=30))
    assert flag_of("care.carenote", note.pk).status == FlagStatus.CANCELLED
    note.refresh_from_db()
    assert note.text == NOTE


def test_a_dry_run_changes_nothing(world: World) -> None:
    person, _note = cared_person(world)
    ended = end_all_involvements(world, person)
    events = AuditEvent.objects.count()
    result = run(at(ended, years=11), dry_run=True)
    assert result.due_by_rule["care.carenote"] == 1
    assert result.due_by_rule["people.person"] == 1
    assert not RetentionFlag.objects.exists()
    assert AuditEvent.objects.count() == events


@override_settings(
    NRM_RETENTION={
        "rules": {"care.carenote": {"period_days": 10, "grace_days": 0, "outcome": "DELETE"}}
    }
)
def test_the_configuration_sets_period_grace_and_deletion(world: World) -> None:
    person, note = cared_person(world)
    ended = end_all_involvements(world, person)
    run(at(ended, days=11))
    assert not CareNote.objects.filter(pk=note.pk).exists()
    flag = flag_of("care.carenote", note.pk)
    assert (flag.status, flag.outcome) == (FlagStatus.DONE, FlagOutcome.DELETED)
    assert AuditEvent.objects.filter(action="retention_delete", record_id=str(note.pk)).exists()
    assert audit_verify().ok


def test_the_command_runs_on_a_given_day(world: World) -> None:
    person, _note = cared_person(world)
    ended = end_all_involvements(world, person)
    out = StringIO()
    call_command(
        "retention",
        "run",
        "--dry-run",
        "--today",
        at(ended, years=6).date().isoformat(),
        stdout=out,
    )
    assert "care.carenote: 1" in out.getvalue()
    assert not RetentionFlag.objects.exists()


def test_the_deadline_worker_runs_the_job_once_a_day(world: World) -> None:
    person, note = cared_person(world)
    end_all_involvements(world, person)
    when = at(note.written_at, years=6)
    assert retention_daily(now=when) is not None
    assert flag_of("care.carenote", note.pk).status == FlagStatus.FLAGGED
    # A second pass the same day does nothing; the next day runs again.
    assert retention_daily(now=at(when, days=0)) is None
    assert retention_daily(now=at(when, days=1)) is not None
    assert RetentionPass.objects.count() == 2


def test_nrm_deadlines_run_includes_the_retention_job(world: World) -> None:
    call_command("deadlines", "run", stdout=StringIO())
    assert RetentionPass.objects.filter(day=timezone.localdate()).exists()


def test_the_command_refuses_bad_input() -> None:
    for args in (["--today", "2030-01-01"], ["--dry-run", "--today", "soon"], ["--batch", "0"]):
        with pytest.raises(CommandError) as refused:
            call_command("retention", "run", *args, stdout=StringIO())
        assert refused.value.returncode == 2


def test_anonymised_evidence_loses_its_key_and_its_file(
    world: World,
    settings: SettingsWrapper,
    tmp_path: Path,
    client_as: ClientAs,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    inspection = carried_out(world, an_inspection(world))
    screening = a_screening(world, inspection)
    evidence = evidence_add(
        actor=world.actor("inspector"),
        inspection=inspection,
        kind="PAY_SLIP",
        upload=io.BytesIO(MINIMAL_PDF),
        screening=screening,
        description="Pay slip of the night shift",
    )
    stored = Path(evidence.file.path)
    assert stored.exists()
    inspector = client_as("inspector")
    download = f"/inspections/evidence/{evidence.reference}/"
    assert inspector.get(download).status_code == 200
    ended = end_all_involvements(world, screening.person)
    # Held by nothing, due after ten years of the team's last involvement.
    with django_capture_on_commit_callbacks(execute=True):
        first = at(ended, years=10, days=1)
        run(first)
        run(at(first, days=30))
    evidence.refresh_from_db()
    assert (evidence.description, evidence.file_key, evidence.original_name) == ("", "", "")
    assert not stored.exists()
    assert inspector.get(download).status_code == 404

"""`nrm indicators load FILE.json`: all or nothing, each error with its line and field."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from nrm.access.models import AuditEvent
from nrm.indicators.actions import local_questions_load
from nrm.indicators.loadfile import FileProblem, items_from_text
from nrm.indicators.models import LocalQuestion, LocalQuestionVersion, QuestionStatus
from nrm.indicators.tests.helpers import FEE, LIMOSA, ROOM
from nrm.testing import World


def _file(tmp_path: Path, questions: list[dict[str, Any]]) -> Path:
    path = tmp_path / "questions.json"
    path.write_text(json.dumps({"questions": questions}, indent=2, ensure_ascii=False))
    return path


def _load(path: Path, *args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("indicators", "load", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_file_creates_its_questions_audited_under_the_operator(
    world: World, tmp_path: Path
) -> None:
    out, _err = _load(_file(tmp_path, [LIMOSA, FEE, ROOM]))
    assert "3 were created: BE-LIMOSA, BE-RECRUITMENT-FEE, BE-ROOM-OCCUPANTS" in out
    assert LocalQuestion.objects.count() == 3
    event = AuditEvent.objects.filter(action="local_question_create").first()
    assert event is not None
    assert event.actor_label.startswith("cli:")
    version = LocalQuestionVersion.objects.get(question__code="BE-LIMOSA")
    assert version.created_by is None
    assert version.created_by_label.startswith("cli:")


def test_loading_again_changes_nothing_and_a_change_is_a_new_version(
    world: World, tmp_path: Path
) -> None:
    _load(_file(tmp_path, [LIMOSA, FEE]))
    out, _err = _load(_file(tmp_path, [LIMOSA, FEE]))
    assert "2 were unchanged" in out
    changed = {
        **FEE,
        "texts": {"en": "Did the worker pay anyone to get this job?"},
        "active": False,
    }
    out, _err = _load(_file(tmp_path, [changed]))
    assert "1 were revised (new version): BE-RECRUITMENT-FEE" in out
    assert "1 were retired: BE-RECRUITMENT-FEE" in out
    question = LocalQuestion.objects.get(code="BE-RECRUITMENT-FEE")
    assert question.status == QuestionStatus.RETIRED
    assert [v.number for v in question.versions.order_by("number")] == [1, 2]
    assert LocalQuestion.objects.get(code="BE-LIMOSA").versions.count() == 1


def test_one_bad_question_loads_nothing_and_every_error_names_its_line_and_field(
    world: World, tmp_path: Path
) -> None:
    bad_choice = {
        **LIMOSA,
        "code": "BE-OTHER",
        "choices": [
            {"code": "OK", "texts": {"en": "fine"}},
            {"code": "bad code", "texts": {"en": "wrong"}},
        ],
    }
    path = _file(tmp_path, [FEE, {**ROOM, "texts": {"fr": "Combien ?"}}, bad_choice])
    lines = path.read_text().splitlines()
    with pytest.raises(CommandError) as refused:
        _load(path)
    assert refused.value.returncode == 2
    assert "2 error(s); nothing was loaded" in str(refused.value)
    assert not LocalQuestion.objects.exists()
    report = local_questions_load(
        actor=None, actor_label="cli:test", items=items_from_text(path.read_text())
    )
    found = {(e.line, e.field) for e in report.errors}
    texts_line = next(i for i, line in enumerate(lines, 1) if "Combien" in line)
    bad_line = next(i for i, line in enumerate(lines, 1) if '"bad code"' in line)
    # Each error names the line of the innermost object at fault: its brace opens on the
    # line before its first field.
    assert (texts_line - 1, "texts.en") in found
    assert (bad_line - 1, "choices[1].code") in found
    assert not LocalQuestion.objects.exists()


def test_the_command_prints_the_line_and_field_at_fault(world: World, tmp_path: Path) -> None:
    path = _file(tmp_path, [{**FEE, "kind": "DATE"}])
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("indicators", "load", str(path), stdout=StringIO(), stderr=err)
    assert "line 3, field kind: The kind of answer is one of" in err.getvalue()


def test_a_file_that_is_not_json_says_where(world: World) -> None:
    with pytest.raises(FileProblem) as refused:
        items_from_text('{"questions": [\n  {"code": "X",}\n]}')
    assert refused.value.error.line == 2


def test_a_dry_run_writes_nothing(world: World, tmp_path: Path) -> None:
    out, _err = _load(_file(tmp_path, [LIMOSA]), "--dry-run")
    assert "1 would be created: BE-LIMOSA" in out
    assert not LocalQuestion.objects.exists()
    assert not AuditEvent.objects.filter(action="local_question_create").exists()


def test_only_a_coordinator_may_load_as_themselves(world: World, tmp_path: Path) -> None:
    path = _file(tmp_path, [LIMOSA])
    with pytest.raises(CommandError, match="Only the coordination unit"):
        _load(path, "--as", world.users["inspector"].username)
    _load(path, "--as", world.users["coordinator"].username)
    assert LocalQuestion.objects.get().versions.get().created_by == world.users["coordinator"]

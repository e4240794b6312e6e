"""Every write of local questions and their answers. Atomic, audited in the same transaction.

A question is created at version 1; a change of its words, kind, choices or bounds writes
the next version and leaves the earlier ones as they were (answers point at them); a
question is retired and reactivated without a new version. Only the coordination unit
writes questions, on the page or through `nrm indicators load` (the operator's shell or
`--as` a coordinator). The loader checks the whole file first and writes nothing when
anything is wrong.

Answers are written with their screening by the screening's own team, against the version
that was shown on the form. Their values are encrypted and never reach the audit trail:
the row says which questions were answered, at which version.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Purpose
from nrm.access.policy import purpose_for
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied, bounded_text
from nrm.indicators import queries
from nrm.indicators.definitions import (
    Definition,
    DefinitionError,
    Problem,
    clean_answer,
    parse_definition,
)
from nrm.indicators.models import (
    LocalAnswer,
    LocalQuestion,
    LocalQuestionVersion,
    QuestionStatus,
)
from nrm.inspections import permissions as inspection_permissions

if TYPE_CHECKING:
    from nrm.inspections.models import Screening

CHANGE_NOTE_MAX = 500


def _audit(
    actor: Actor | None,
    actor_label: str,
    event_type: AuditEventType,
    action: str,
    record: LocalQuestion,
    changes: Mapping[str, Any],
) -> None:
    audit_record(
        actor=actor,
        actor_label=actor_label,
        event_type=event_type,
        action=action,
        record=record,
        purpose=Purpose.ADMINISTRATION,
        changes=changes,
    )


def _require_writer(actor: Actor | None) -> None:
    # None is the operator's shell (`nrm indicators load` without --as): the installation's
    # own operator, trusted as for the other imports; anyone else must be a coordinator.
    if actor is not None:
        queries.require_manager(actor)


def _write_version(
    *,
    actor: Actor | None,
    actor_label: str,
    question: LocalQuestion,
    definition: Definition,
    change_note: str,
) -> LocalQuestionVersion:
    last = question.versions.aggregate(last=Max("number"))["last"] or 0
    version = LocalQuestionVersion.objects.create(
        question=question,
        number=last + 1,
        created_by=actor.user if actor else None,
        created_by_label="" if actor else actor_label,
        change_note=change_note,
        **definition.as_version(),
    )
    question.current = version
    question.position = definition.position
    question.version += 1
    question.save(update_fields=["current", "position", "version"])
    return version


def _create(
    *, actor: Actor | None, actor_label: str, definition: Definition, change_note: str
) -> LocalQuestion:
    if LocalQuestion.objects.filter(code=definition.code).exists():
        raise Conflict(
            _("A local question with the code %(code)s exists already.") % {"code": definition.code}
        )
    question = LocalQuestion.objects.create(code=definition.code, position=definition.position)
    version = _write_version(
        actor=actor,
        actor_label=actor_label,
        question=question,
        definition=definition,
        change_note=change_note,
    )
    _audit(
        actor,
        actor_label,
        AuditEventType.CREATE,
        "local_question_create",
        question,
        {"code": question.code, "version": version.number, "kind": version.kind},
    )
    return question


def _changed_fields(question: LocalQuestion, definition: Definition) -> list[str]:
    before = question.current.definition() if question.current else {}
    after = definition.as_version()
    changed = sorted(name for name in after if before.get(name) != after[name])
    if question.position != definition.position:
        changed.append("position")
    return changed


def _revise(
    *,
    actor: Actor | None,
    actor_label: str,
    question: LocalQuestion,
    definition: Definition,
    change_note: str,
) -> list[str]:
    """Write the next version when the content changed; the names of what changed."""
    changed = _changed_fields(question, definition)
    content = [name for name in changed if name != "position"]
    if content:
        version = _write_version(
            actor=actor,
            actor_label=actor_label,
            question=question,
            definition=definition,
            change_note=change_note,
        )
        number = version.number
    elif changed:
        # Moving a question on the form changes no words: no new version.
        question.position = definition.position
        question.version += 1
        question.save(update_fields=["position", "version"])
        number = question.current.number if question.current else 0
    else:
        return []
    _audit(
        actor,
        actor_label,
        AuditEventType.UPDATE,
        "local_question_revise",
        question,
        {"code": question.code, "version": number, "changed": changed},
    )
    return changed


def _set_status(
    *, actor: Actor | None, actor_label: str, question: LocalQuestion, status: str
) -> None:
    before = question.status
    question.status = status
    question.version += 1
    question.save(update_fields=["status", "version"])
    action = (
        "local_question_retire" if status == QuestionStatus.RETIRED else "local_question_reactivate"
    )
    _audit(
        actor,
        actor_label,
        AuditEventType.UPDATE,
        action,
        question,
        {"code": question.code, "status": {"old": before, "new": status}},
    )


def _locked(question: LocalQuestion, expected_version: int) -> LocalQuestion:
    locked = (
        LocalQuestion.objects.select_for_update(of=("self",))
        .select_related("current")
        .get(pk=question.pk)
    )
    if locked.version != expected_version:
        raise Conflict(
            _("Someone else changed this question meanwhile. Reload the page and try again.")
        )
    return locked


def _note(change_note: str) -> str:
    return bounded_text(change_note, field="change_note", limit=CHANGE_NOTE_MAX)


def _definition(raw: Mapping[str, Any]) -> Definition:
    try:
        return parse_definition(raw)
    except DefinitionError as exc:
        raise exc.first() from exc


@transaction.atomic
def local_question_create(
    *, actor: Actor, definition: Mapping[str, Any], change_note: str = ""
) -> LocalQuestion:
    """A new local question, active, at version 1."""
    _require_writer(actor)
    return _create(
        actor=actor,
        actor_label="",
        definition=_definition(definition),
        change_note=_note(change_note),
    )


@transaction.atomic
def local_question_revise(
    *,
    actor: Actor,
    question: LocalQuestion,
    expected_version: int,
    definition: Mapping[str, Any],
    change_note: str,
) -> LocalQuestion:
    """The next version of a question; the code never changes (answers are filed under it)."""
    _require_writer(actor)
    locked = _locked(question, expected_version)
    parsed = _definition({**definition, "code": locked.code})
    note = _note(change_note)
    changed = _changed_fields(locked, parsed)
    if not changed:
        raise DomainError(_("Nothing changed: no new version was written."))
    if [name for name in changed if name != "position"] and not note:
        raise DomainError(_("Say what changed and why."), field="change_note")
    _revise(actor=actor, actor_label="", question=locked, definition=parsed, change_note=note)
    return locked


@transaction.atomic
def local_question_retire(
    *, actor: Actor, question: LocalQuestion, expected_version: int
) -> LocalQuestion:
    """No longer asked at screenings; its answers stay, with the words that were asked."""
    _require_writer(actor)
    locked = _locked(question, expected_version)
    if locked.status == QuestionStatus.RETIRED:
        raise Conflict(_("This question is already retired."))
    _set_status(actor=actor, actor_label="", question=locked, status=QuestionStatus.RETIRED)
    return locked


@transaction.atomic
def local_question_reactivate(
    *, actor: Actor, question: LocalQuestion, expected_version: int
) -> LocalQuestion:
    _require_writer(actor)
    locked = _locked(question, expected_version)
    if locked.status == QuestionStatus.ACTIVE:
        raise Conflict(_("This question is already asked at screenings."))
    _set_status(actor=actor, actor_label="", question=locked, status=QuestionStatus.ACTIVE)
    return locked


# Loading a file -------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadError:
    line: int
    field: str
    message: str


@dataclass
class LoadReport:
    dry_run: bool = False
    errors: list[LoadError] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    revised: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    reactivated: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class LoadItem:
    """One question of the file, with the line its object starts on (for the errors)."""

    raw: Mapping[str, Any]
    line: int
    # The line of each nested object by its path (`choices[1]`), where known.
    lines: Mapping[str, int] = field(default_factory=dict)


LOAD_KEYS = frozenset(
    {
        "code",
        "kind",
        "texts",
        "help",
        "choices",
        "minimum",
        "maximum",
        "position",
        "active",
        "change_note",
    }
)


def _line_of(item: LoadItem, path: str) -> int:
    # The nearest enclosing object that has a known line (`choices[1].texts.fr` -> `choices[1]`).
    parts = path.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in item.lines:
            return item.lines[candidate]
        parts.pop()
    return item.line


def _check_item(item: LoadItem, seen: dict[str, int]) -> tuple[Definition | None, list[LoadError]]:
    errors: list[LoadError] = []
    raw = item.raw
    for key in sorted(set(raw) - LOAD_KEYS):
        errors.append(LoadError(item.line, key, _("Unknown field %(field)s.") % {"field": key}))
    active = raw.get("active", True)
    if not isinstance(active, bool):
        errors.append(LoadError(item.line, "active", _("Write true or false.")))
    note = raw.get("change_note", "")
    if not isinstance(note, str) or len(note.strip()) > CHANGE_NOTE_MAX:
        errors.append(
            LoadError(
                item.line,
                "change_note",
                _("This text is limited to %(max)d characters.") % {"max": CHANGE_NOTE_MAX},
            )
        )
    definition: Definition | None = None
    try:
        definition = parse_definition(raw)
    except DefinitionError as exc:
        errors.extend(LoadError(_line_of(item, p.path), p.path, p.message) for p in exc.problems)
    if definition is not None:
        if definition.code in seen:
            errors.append(
                LoadError(
                    item.line,
                    "code",
                    _("The code %(code)s is given twice in the file (first on line %(line)d).")
                    % {"code": definition.code, "line": seen[definition.code]},
                )
            )
        else:
            seen[definition.code] = item.line
    return (definition if not errors else None), errors


@transaction.atomic
def local_questions_load(
    *,
    actor: Actor | None,
    actor_label: str = "",
    items: Sequence[LoadItem],
    dry_run: bool = False,
) -> LoadReport:
    """Create, revise, retire or reactivate the questions of a file: all of it or nothing.

    A question of the file that exists and says the same is left as it is; one that says
    something else gets a new version (its `change_note`, or "Loaded from a file"). Questions
    the file does not name are left alone: a file may carry only the questions it changes.
    """
    _require_writer(actor)
    report = LoadReport(dry_run=dry_run)
    seen: dict[str, int] = {}
    checked: list[tuple[LoadItem, Definition]] = []
    for item in items:
        definition, errors = _check_item(item, seen)
        report.errors.extend(errors)
        if definition is not None:
            checked.append((item, definition))
    if report.errors:
        return report
    existing = {
        q.code: q
        for q in LocalQuestion.objects.select_for_update(of=("self",))
        .select_related("current")
        .filter(code__in=[d.code for _item, d in checked])
    }
    for item, definition in checked:
        note = str(item.raw.get("change_note", "")).strip() or _("Loaded from a file.")
        active = item.raw.get("active", True)
        question = existing.get(definition.code)
        if question is None:
            question = _create(
                actor=actor, actor_label=actor_label, definition=definition, change_note=note
            )
            report.created.append(definition.code)
        elif _revise(
            actor=actor,
            actor_label=actor_label,
            question=question,
            definition=definition,
            change_note=note,
        ):
            report.revised.append(definition.code)
        else:
            report.unchanged.append(definition.code)
        wanted = QuestionStatus.ACTIVE if active else QuestionStatus.RETIRED
        if question.status != wanted:
            _set_status(actor=actor, actor_label=actor_label, question=question, status=wanted)
            (report.reactivated if active else report.retired).append(definition.code)
    if dry_run:
        transaction.set_rollback(True)
    return report


# Answers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LocalAnswerData:
    """One answer from the screening form: the question's code, the version the form showed
    (None: the current one) and the value as typed."""

    code: str
    value: str
    version: int | None = None


def field_name(code: str) -> str:
    """The screening form's field of a local question (and the field an error names)."""
    return f"local-{code}"


@transaction.atomic
def local_answers_record(
    *, actor: Actor, screening: Screening, answers: Sequence[LocalAnswerData]
) -> list[LocalAnswer]:
    """Store a screening's answers to local questions, by the screening's own team.

    Call it in the transaction that creates the screening (the screening page does), so
    that a refused answer keeps the screening from being saved without it. An answer keeps
    the version the form showed, even if the coordination unit changed the question since:
    it is what the worker was asked. Empty answers are not stored (not asked, or no answer).
    """
    inspection = screening.inspection
    if not inspection_permissions.may_see_inspection(actor, inspection):
        raise NotFound(_("No such screening."))
    if not inspection_permissions.may_record_on(actor, inspection):
        raise PermissionDenied(_("Only the members of the inspecting team screen its workers."))
    organisation = actor.organisation
    assert organisation is not None
    by_code = {
        q.code: q
        for q in LocalQuestion.objects.select_related("current").filter(
            code__in=[a.code for a in answers]
        )
    }
    already = set(
        LocalAnswer.objects.filter(screening=screening).values_list("question__code", flat=True)
    )
    rows: list[LocalAnswer] = []
    given: dict[str, dict[str, Any]] = {}
    for answer in answers:
        name = field_name(answer.code)
        question = by_code.get(answer.code)
        if question is None or question.current is None:
            raise DomainError(
                _("Unknown local question %(code)s.") % {"code": answer.code}, field=name
            )
        if answer.code in given or answer.code in already:
            raise Conflict(
                _("The local question %(code)s is already answered for this screening.")
                % {"code": answer.code}
            )
        version = question.current
        if answer.version is not None and answer.version != version.number:
            found = question.versions.filter(number=answer.version).first()
            if found is None:
                raise DomainError(
                    _("Unknown version of the local question %(code)s.") % {"code": answer.code},
                    field=name,
                )
            version = found
        elif question.status != QuestionStatus.ACTIVE and answer.version is None:
            raise DomainError(
                _("The local question %(code)s is no longer asked.") % {"code": answer.code},
                field=name,
            )
        value = clean_answer(version.definition(), answer.value, field_name=name)
        if not value:
            continue
        rows.append(
            LocalAnswer(
                screening=screening,
                question=question,
                question_version=version,
                value=value,
                organisation=organisation,
                answered_by=actor.user,
            )
        )
        # Markers only: an answer may describe the worker.
        given[answer.code] = {"version": version.number, "answer": "set"}
    if not rows:
        return []
    LocalAnswer.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="local_answers_record",
        record=screening,
        purpose=purpose_for(actor),
        changes={"local_answers": given},
    )
    return rows


__all__ = [
    "LoadError",
    "LoadItem",
    "LoadReport",
    "LocalAnswerData",
    "Problem",
    "field_name",
    "local_answers_record",
    "local_question_create",
    "local_question_reactivate",
    "local_question_retire",
    "local_question_revise",
    "local_questions_load",
]

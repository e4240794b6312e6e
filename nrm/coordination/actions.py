"""Every write of the coordination unit's records: the manual, the forums, the action plan
and neighbour checks. Each action is atomic and writes its audit row in its transaction.

Forums and the plan are about the mechanism, never about a case: a text that carries a
person's or a case file's reference is refused (`_deidentified`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record, field_changes
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Purpose
from nrm.coordination import queries
from nrm.coordination.models import (
    MANUAL_FIELDS,
    OPEN_ACTION_STATUSES,
    ActionStatus,
    ForumDecision,
    ForumFollowUp,
    ForumKind,
    ForumMeeting,
    ManualEntryVersion,
    MinutesVersion,
    NeighbourCheck,
    NeighbourTopic,
    NeighbourTopicEntry,
    PlanAction,
    ProgressNote,
)
from nrm.coordination.steps import Step, installation_chain
from nrm.core.errors import Conflict, DomainError, PermissionDenied
from nrm.organisations.models import Organisation

TEXT_MAX = 20_000
LABEL_MAX = 200
EARLIEST = date(2000, 1, 1)
REMINDER_LEAD = timedelta(days=7)  # product choice: a week's notice before a due date
# The readable references of persons, case files, inspections (nrm/core/references.py).
_REFERENCE = re.compile(r"\b[A-Z]{1,3}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}\b")


def _audit(
    actor: Actor,
    event_type: AuditEventType,
    action: str,
    record: Model,
    changes: Mapping[str, Any],
) -> None:
    audit_record(
        actor=actor,
        event_type=event_type,
        action=action,
        record=record,
        purpose=Purpose.ADMINISTRATION,
        changes=changes,
    )


def _text(value: str, *, field: str, required: bool = True, limit: int = TEXT_MAX) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(_("This field is required."), field=field)
    if len(value) > limit:
        raise DomainError(_("Write at most %(limit)d characters.") % {"limit": limit}, field=field)
    return value


def _deidentified(value: str, *, field: str) -> str:
    if _REFERENCE.search(value):
        raise DomainError(
            _(
                "Forums and the action plan are about the mechanism, not about cases: "
                "remove the person's or case file's reference."
            ),
            field=field,
        )
    return value


def _date(value: date, *, field: str) -> date:
    if value < EARLIEST:
        raise DomainError(_("This date is too far in the past."), field=field)
    return value


def _claim_instants(due_on: date) -> tuple[datetime, datetime]:
    """When the reminder is due (a week ahead, in the morning) and when the item is overdue
    (the day after its due date begins), in the installation's time zone."""
    zone = timezone.get_current_timezone()
    remind = timezone.make_aware(datetime.combine(due_on - REMINDER_LEAD, time(8)), zone)
    overdue = timezone.make_aware(datetime.combine(due_on + timedelta(days=1), time(0)), zone)
    return remind, overdue


# The manual -------------------------------------------------------------------------------


@transaction.atomic
def manual_entry_propose(
    *,
    actor: Actor,
    step: Step,
    language: str,
    fields: Mapping[str, str],
    change_note: str,
) -> ManualEntryVersion:
    """A coordinator writes a new version of one step; it applies once approved."""
    queries.require_coordinator(actor, _("Only the coordination unit edits the manual."))
    if installation_chain().get(str(step)) is None:
        # A Belgian step in a Danish manual (or the reverse) would never be shown.
        raise DomainError(_("This installation's manual has no such step."), field="step")
    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("The manual is not kept in this language."), field="language")
    cleaned = {
        name: _text(
            fields.get(name, ""),
            field=name,
            required=name in {"who", "does", "next_step"},
        )
        for name in MANUAL_FIELDS
    }
    note = _text(change_note, field="change_note", limit=500)
    country = queries.installation_country()
    current = queries.manual_current(country, language).get(step)
    if current is not None and current.fields() == cleaned:
        raise DomainError(_("This version changes nothing."), field="change_note")
    highest = (
        ManualEntryVersion.objects.select_for_update()
        .filter(country=country, language=language, step=step)
        .aggregate(n=Max("number"))["n"]
    )
    version = ManualEntryVersion.objects.create(
        country=country,
        language=language,
        step=step,
        number=(highest or 0) + 1,
        change_note=note,
        proposed_by=actor.user,
        **cleaned,
    )
    before = current.fields() if current else {}
    _audit(
        actor,
        AuditEventType.CREATE,
        "manual_entry_propose",
        version,
        {"step": step, "language": language, "number": version.number, "note": note}
        | {"fields": field_changes(before, cleaned)},
    )
    return version


@transaction.atomic
def manual_entry_approve(*, actor: Actor, version: ManualEntryVersion) -> ManualEntryVersion:
    queries.require_coordinator(actor, _("Only the coordination unit approves the manual."))
    locked = ManualEntryVersion.objects.select_for_update().get(pk=version.pk)
    if locked.approved_at is not None:
        raise Conflict(_("This version is already approved."))
    newer = ManualEntryVersion.objects.filter(
        country=locked.country,
        language=locked.language,
        step=locked.step,
        number__gt=locked.number,
        approved_at__isnull=False,
    ).exists()
    if newer:
        raise Conflict(_("A newer version of this step was approved meanwhile."))
    locked.approved_by = actor.user
    locked.approved_at = timezone.now()
    locked.save(update_fields=["approved_by", "approved_at"])
    _audit(
        actor,
        AuditEventType.UPDATE,
        "manual_entry_approve",
        locked,
        {"step": locked.step, "language": locked.language, "number": locked.number},
    )
    return locked


# Forums ------------------------------------------------------------------------------------


def _coordinator(actor: Actor) -> None:
    queries.require_coordinator(
        actor, _("The coordination unit is the forums' secretariat; only it keeps their record.")
    )


@transaction.atomic
def forum_meeting_create(
    *,
    actor: Actor,
    kind: ForumKind,
    held_on: date,
    title: str,
    invitees: Sequence[Organisation],
    agenda: Sequence[str] = (),
    location: str = "",
) -> ForumMeeting:
    _coordinator(actor)
    if not invitees:
        raise DomainError(_("Invite at least one organisation."), field="invitees")
    if any(not organisation.is_active for organisation in invitees):
        raise DomainError(_("Only active organisations can be invited."), field="invitees")
    items = [_deidentified(_text(i, field="agenda", limit=300), field="agenda") for i in agenda]
    meeting = ForumMeeting.objects.create(
        kind=kind,
        held_on=_date(held_on, field="held_on"),
        title=_deidentified(_text(title, field="title", limit=LABEL_MAX), field="title"),
        location=_text(location, field="location", required=False, limit=LABEL_MAX),
        created_by=actor.user,
    )
    # The coordination unit is the secretariat: it is always among the invited.
    meeting.invitees.set({*invitees, *([actor.organisation] if actor.organisation else [])})
    for position, title_text in enumerate(items, start=1):
        meeting.agenda.create(position=position, title=title_text)
    _audit(
        actor,
        AuditEventType.CREATE,
        "forum_meeting_create",
        meeting,
        {
            "kind": kind,
            "held_on": held_on,
            "invitees": sorted(o.pk for o in meeting.invitees.all()),
            "agenda": len(items),
        },
    )
    return meeting


@transaction.atomic
def forum_attendance_record(
    *, actor: Actor, meeting: ForumMeeting, present: Sequence[Organisation]
) -> ForumMeeting:
    _coordinator(actor)
    invited = set(meeting.invitees.values_list("pk", flat=True))
    if any(organisation.pk not in invited for organisation in present):
        raise DomainError(
            _("Only invited organisations can be recorded as present."), field="present"
        )
    before = sorted(meeting.attended.values_list("pk", flat=True))
    meeting.attended.set(present)
    _audit(
        actor,
        AuditEventType.UPDATE,
        "forum_attendance_record",
        meeting,
        {"present": {"old": before, "new": sorted(o.pk for o in present)}},
    )
    return meeting


@transaction.atomic
def forum_agenda_item_add(*, actor: Actor, meeting: ForumMeeting, title: str) -> None:
    _coordinator(actor)
    text = _deidentified(_text(title, field="title", limit=300), field="title")
    position = (meeting.agenda.aggregate(n=Max("position"))["n"] or 0) + 1
    item = meeting.agenda.create(position=position, title=text)
    _audit(actor, AuditEventType.CREATE, "forum_agenda_item_add", item, {"position": position})


@transaction.atomic
def forum_decision_record(*, actor: Actor, meeting: ForumMeeting, text: str) -> ForumDecision:
    _coordinator(actor)
    decision = ForumDecision.objects.create(
        meeting=meeting, text=_deidentified(_text(text, field="text"), field="text")
    )
    _audit(actor, AuditEventType.CREATE, "forum_decision_record", decision, {"meeting": meeting.pk})
    return decision


@transaction.atomic
def forum_minutes_write(*, actor: Actor, meeting: ForumMeeting, text: str) -> MinutesVersion:
    """A new version of the minutes; earlier versions stay readable."""
    _coordinator(actor)
    body = _deidentified(_text(text, field="text"), field="text")
    previous = (
        MinutesVersion.objects.select_for_update()
        .filter(meeting=meeting)
        .order_by("-number")
        .first()
    )
    if previous is not None and previous.text == body:
        raise DomainError(_("These minutes are the same as the current version."), field="text")
    minutes = MinutesVersion.objects.create(
        meeting=meeting,
        number=(previous.number if previous else 0) + 1,
        text=body,
        written_by=actor.user,
    )
    _audit(
        actor,
        AuditEventType.CREATE,
        "forum_minutes_write",
        minutes,
        {"meeting": meeting.pk, "number": minutes.number},
    )
    return minutes


@transaction.atomic
def forum_follow_up_add(
    *,
    actor: Actor,
    meeting: ForumMeeting,
    description: str,
    owner: Organisation,
    due_on: date,
    decision: ForumDecision | None = None,
) -> ForumFollowUp:
    _coordinator(actor)
    if decision is not None and decision.meeting_id != meeting.pk:
        raise DomainError(_("Choose a decision of this meeting."), field="decision")
    if not meeting.invitees.filter(pk=owner.pk).exists():
        raise DomainError(_("The owner must be one of the invited organisations."), field="owner")
    remind_at, overdue_at = _claim_instants(_date(due_on, field="due_on"))
    follow_up = ForumFollowUp.objects.create(
        meeting=meeting,
        decision=decision,
        description=_deidentified(_text(description, field="description"), field="description"),
        owner=owner,
        due_on=due_on,
        remind_at=remind_at,
        overdue_at=overdue_at,
    )
    _audit(
        actor,
        AuditEventType.CREATE,
        "forum_follow_up_add",
        follow_up,
        {"meeting": meeting.pk, "owner": owner.pk, "due_on": due_on},
    )
    return follow_up


@transaction.atomic
def forum_follow_up_done(*, actor: Actor, follow_up: ForumFollowUp) -> ForumFollowUp:
    if not (queries.is_coordinator(actor) or actor.organisation_id == follow_up.owner_id):
        raise PermissionDenied(_("Only the owner or the coordination unit closes a follow-up."))
    locked = ForumFollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if locked.done_at is not None:
        raise Conflict(_("This follow-up is already done."))
    locked.done_at = timezone.now()
    locked.done_by = actor.user
    locked.save(update_fields=["done_at", "done_by"])
    _audit(actor, AuditEventType.UPDATE, "forum_follow_up_done", locked, {"done": True})
    return locked


# The action plan ----------------------------------------------------------------------------


@transaction.atomic
def plan_action_propose(
    *,
    actor: Actor,
    number: str,
    text: str,
    lead: Organisation,
    deadline: date,
    partners: Sequence[Organisation] = (),
    indicator: str = "",
    meeting: ForumMeeting | None = None,
) -> PlanAction:
    queries.require_coordinator(actor, _("Only the coordination unit proposes actions."))
    number = _text(number, field="number", limit=20)
    if PlanAction.objects.filter(number=number).exists():
        raise DomainError(_("An action with this number exists already."), field="number")
    if meeting is not None and meeting.kind != ForumKind.PLATFORM:
        raise DomainError(_("Actions are proposed at the coordination platform."), field="meeting")
    remind_at, overdue_at = _claim_instants(_date(deadline, field="deadline"))
    action = PlanAction.objects.create(
        number=number,
        text=_deidentified(_text(text, field="text"), field="text"),
        indicator=_deidentified(
            _text(indicator, field="indicator", required=False, limit=300), field="indicator"
        ),
        lead=lead,
        deadline=deadline,
        proposed_at_meeting=meeting,
        remind_at=remind_at,
        overdue_at=overdue_at,
    )
    action.partners.set([p for p in partners if p.pk != lead.pk])
    _audit(
        actor,
        AuditEventType.CREATE,
        "plan_action_propose",
        action,
        {"number": number, "lead": lead.pk, "deadline": deadline},
    )
    return action


@transaction.atomic
def plan_action_adopt(*, actor: Actor, action: PlanAction, decision: ForumDecision) -> PlanAction:
    """The platform adopts a proposed action; the decision is linked to it."""
    queries.require_coordinator(actor, _("Only the coordination unit records an adoption."))
    locked = PlanAction.objects.select_for_update().get(pk=action.pk)
    if locked.status != ActionStatus.PROPOSED:
        raise Conflict(_("Only a proposed action can be adopted."))
    if decision.meeting.kind != ForumKind.PLATFORM:
        raise DomainError(
            _("Actions are adopted by a decision of the coordination platform."), field="decision"
        )
    locked.status = ActionStatus.ADOPTED
    locked.adopted_by = decision
    locked.save(update_fields=["status", "adopted_by"])
    _audit(
        actor,
        AuditEventType.UPDATE,
        "plan_action_adopt",
        locked,
        {"status": {"old": ActionStatus.PROPOSED, "new": ActionStatus.ADOPTED}}
        | {"decision": decision.pk},
    )
    return locked


# Which status a progress report may move an action to, from which.
PROGRESS_MOVES: dict[str, frozenset[str]] = {
    ActionStatus.ADOPTED: frozenset(
        {ActionStatus.ADOPTED, ActionStatus.IN_PROGRESS, ActionStatus.DONE}
    ),
    ActionStatus.IN_PROGRESS: frozenset({ActionStatus.IN_PROGRESS, ActionStatus.DONE}),
}


@transaction.atomic
def plan_action_report_progress(
    *,
    actor: Actor,
    action: PlanAction,
    text: str,
    percent_done: int,
    status: str,
) -> ProgressNote:
    """The lead organisation (or the unit) reports progress and, with it, the status."""
    if not queries.may_report_progress(actor, action):
        raise PermissionDenied(
            _("Only the lead organisation or the coordination unit reports progress.")
        )
    locked = PlanAction.objects.select_for_update().get(pk=action.pk)
    allowed = PROGRESS_MOVES.get(locked.status)
    if allowed is None:
        raise Conflict(_("Progress is reported on adopted actions that are not closed."))
    if status not in allowed:
        raise DomainError(
            _("This status does not follow the action's current one."), field="status"
        )
    if not 0 <= percent_done <= 100:
        raise DomainError(_("Give a percentage between 0 and 100."), field="percent_done")
    if status == ActionStatus.DONE and percent_done != 100:
        raise DomainError(_("A done action has reached 100 percent."), field="percent_done")
    assert actor.organisation is not None  # may_report_progress needs a membership
    note = ProgressNote.objects.create(
        action=locked,
        text=_deidentified(_text(text, field="text"), field="text"),
        percent_done=percent_done,
        organisation=actor.organisation,
        written_by=actor.user,
    )
    old = locked.status
    if status != old:
        locked.status = status
        locked.save(update_fields=["status"])
    _audit(
        actor,
        AuditEventType.CREATE,
        "plan_action_report_progress",
        note,
        {"action": locked.number, "percent_done": percent_done}
        | ({"status": {"old": old, "new": status}} if status != old else {}),
    )
    return note


@transaction.atomic
def plan_action_drop(*, actor: Actor, action: PlanAction, reason: str) -> PlanAction:
    queries.require_coordinator(actor, _("Only the coordination unit drops an action."))
    locked = PlanAction.objects.select_for_update().get(pk=action.pk)
    if locked.status not in OPEN_ACTION_STATUSES:
        raise Conflict(_("This action is closed already."))
    old = locked.status
    locked.status = ActionStatus.DROPPED
    locked.save(update_fields=["status"])
    _audit(
        actor,
        AuditEventType.UPDATE,
        "plan_action_drop",
        locked,
        {
            "status": {"old": old, "new": ActionStatus.DROPPED},
            "reason": _text(reason, field="reason"),
        },
    )
    return locked


# Neighbour checks ---------------------------------------------------------------------------


@transaction.atomic
def neighbour_check_create(
    *, actor: Actor, title: str, other_country: str, other_country_name: str
) -> NeighbourCheck:
    queries.require_coordinator(actor, _("Only the coordination unit keeps neighbour checks."))
    code = _text(other_country, field="other_country", limit=2).upper()
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise DomainError(_("Give the country's two-letter code."), field="other_country")
    if code == queries.installation_country():
        raise DomainError(_("Compare with another country."), field="other_country")
    check = NeighbourCheck.objects.create(
        title=_text(title, field="title", limit=LABEL_MAX),
        other_country=code,
        other_country_name=_text(other_country_name, field="other_country_name", limit=100),
        created_by=actor.user,
    )
    _audit(actor, AuditEventType.CREATE, "neighbour_check_create", check, {"other_country": code})
    return check


@transaction.atomic
def neighbour_entry_save(
    *,
    actor: Actor,
    check: NeighbourCheck,
    topic: NeighbourTopic,
    other_practice: str,
    other_figures: str = "",
    other_sources: str = "",
    what_works: str = "",
) -> NeighbourTopicEntry:
    queries.require_coordinator(actor, _("Only the coordination unit keeps neighbour checks."))
    values = {
        "other_practice": _text(other_practice, field="other_practice"),
        "other_figures": _text(other_figures, field="other_figures", required=False),
        "other_sources": _text(other_sources, field="other_sources", required=False),
        "what_works": _text(what_works, field="what_works", required=False),
    }
    entry = (
        NeighbourTopicEntry.objects.select_for_update()
        .filter(check_record=check, topic=topic)
        .first()
    )
    before = {name: getattr(entry, name) for name in values} if entry is not None else {}
    if entry is None:
        entry = NeighbourTopicEntry(check_record=check, topic=topic)
    for name, value in values.items():
        setattr(entry, name, value)
    entry.updated_at = timezone.now()
    entry.save()
    _audit(
        actor,
        AuditEventType.UPDATE if before else AuditEventType.CREATE,
        "neighbour_entry_save",
        entry,
        {"topic": topic, "fields": field_changes(before, values)},
    )
    return entry


def manual_load_working_text(*, actor: Actor, language: str | None = None) -> int:
    """Load the installation's working text — Belgium's (nrm/coordination/manual_be.py, in
    English) or Denmark's (manual_dk.py, in Danish) — for every step that has no version
    yet, proposed and approved by `actor`; returns how many steps it wrote.

    The text is the one the installation names (`settings.NRM_INSTALLATION.manual`): an
    installation never starts from another country's text, and one that names no manual
    gets none. `language` defaults to the language the text is written in."""
    from nrm.coordination.manual_be import BELGIAN_MANUAL
    from nrm.coordination.manual_be import WORKING_TEXT_NOTE as BELGIAN_NOTE
    from nrm.coordination.manual_dk import DANISH_MANUAL
    from nrm.coordination.manual_dk import WORKING_TEXT_NOTE as DANISH_NOTE
    from nrm.coordination.steps import CHAINS

    texts: dict[str, tuple[Mapping[Any, Mapping[str, str]], str]] = {
        "BE": (BELGIAN_MANUAL, BELGIAN_NOTE),
        "DK": (DANISH_MANUAL, DANISH_NOTE),
    }
    code = settings.NRM_INSTALLATION.manual
    if code not in texts:
        return 0
    manual, note = texts[code]
    language = language or CHAINS[code].language
    written = 0
    country = queries.installation_country()
    for step, fields in manual.items():
        exists = ManualEntryVersion.objects.filter(
            country=country, language=language, step=step
        ).exists()
        if exists:
            continue
        version = manual_entry_propose(
            actor=actor,
            step=step,
            language=language,
            fields=fields,
            change_note=note,
        )
        manual_entry_approve(actor=actor, version=version)
        written += 1
    return written

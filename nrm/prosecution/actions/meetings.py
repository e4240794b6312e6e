"""Local operational meetings of the prosecutor with labour inspectors and local police:
agenda items about concrete case files, decisions, follow-ups with due dates; and the
yearly case targets of the offices."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.access.policy import purpose_for
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.organisations.models import Organisation, OrganisationType
from nrm.prosecution import permissions
from nrm.prosecution.actions._common import (
    EARLIEST,
    LABEL_MAX,
    audit,
    required_text,
    text,
)
from nrm.prosecution.models import (
    AgendaItem,
    CaseFile,
    FollowUp,
    OperationalMeeting,
    ProsecutionTarget,
)
from nrm.prosecution.permissions import Relation


def _office_prosecutor(actor: Actor, meeting: OperationalMeeting) -> None:
    if not permissions.is_prosecutor(actor) or actor.organisation_id != meeting.office_id:
        raise PermissionDenied(_("Only the prosecutors of the office keep the meeting's record."))


@transaction.atomic
def meeting_create(
    *,
    actor: Actor,
    held_on: date,
    title: str,
    participants: list[Organisation],
    location: str = "",
    notes: str = "",
) -> OperationalMeeting:
    if not permissions.is_prosecutor(actor) or actor.organisation is None:
        raise PermissionDenied(_("Only a prosecutor calls a local operational meeting."))
    if held_on < EARLIEST:
        raise DomainError(_("This date is too far in the past."), field="held_on")
    if not participants:
        raise DomainError(
            _("Invite at least one labour-inspection team or police unit."), field="participants"
        )
    if any(
        p.type not in permissions.MEETING_PARTICIPANT_TYPES or not p.is_active for p in participants
    ):
        raise DomainError(
            _("Local operational meetings bring together labour inspection and police."),
            field="participants",
        )
    meeting = OperationalMeeting.objects.create(
        office=actor.organisation,
        held_on=held_on,
        title=required_text(
            title, field="title", message=_("Give the meeting a title."), limit=LABEL_MAX
        ),
        location=text(location, field="location", limit=LABEL_MAX),
        notes=text(notes, field="notes"),
        created_by=actor.user,
    )
    meeting.participants.set(participants)
    audit(
        actor,
        AuditEventType.CREATE,
        "meeting_create",
        meeting,
        {"held_on": held_on, "participants": sorted(p.pk for p in participants)},
    )
    return meeting


@transaction.atomic
def agenda_item_add(
    *,
    actor: Actor,
    meeting: OperationalMeeting,
    topic: str,
    case: CaseFile | None = None,
    discussion: str = "",
    decision: str = "",
) -> AgendaItem:
    _office_prosecutor(actor, meeting)
    if case is not None and (
        case.office_id != meeting.office_id or permissions.relation(actor, case) != Relation.OFFICE
    ):
        raise DomainError(_("No such case file."), field="case")
    position = AgendaItem.objects.filter(meeting=meeting).count() + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        case=case,
        topic=required_text(topic, field="topic", message=_("Give the topic."), limit=LABEL_MAX),
        discussion=text(discussion, field="discussion"),
        decision=text(decision, field="decision"),
        position=position,
    )
    audit(
        actor,
        AuditEventType.CREATE,
        "agenda_item_add",
        item,
        {"meeting": meeting.pk, "case": case.reference if case else None},
    )
    return item


@transaction.atomic
def follow_up_add(
    *,
    actor: Actor,
    agenda_item: AgendaItem,
    description: str,
    responsible: Organisation,
    due_on: date,
) -> FollowUp:
    meeting = agenda_item.meeting
    _office_prosecutor(actor, meeting)
    allowed = {meeting.office_id, *meeting.participants.values_list("pk", flat=True)}
    if responsible.pk not in allowed:
        raise DomainError(
            _("The office or an organisation at the meeting takes the follow-up."),
            field="responsible",
        )
    if due_on < meeting.held_on:
        raise DomainError(_("A follow-up is due after the meeting."), field="due_on")
    follow_up = FollowUp.objects.create(
        agenda_item=agenda_item,
        description=required_text(
            description, field="description", message=_("Say what is to be done.")
        ),
        responsible=responsible,
        due_on=due_on,
    )
    audit(
        actor,
        AuditEventType.CREATE,
        "follow_up_add",
        follow_up,
        {"meeting": meeting.pk, "responsible": responsible.pk, "due_on": due_on},
    )
    return follow_up


@transaction.atomic
def follow_up_complete(*, actor: Actor, follow_up: FollowUp) -> FollowUp:
    """Done, said by the responsible organisation or the office's prosecutors."""
    follow_up = (
        FollowUp.objects.select_for_update(of=("self",))
        .select_related("agenda_item__meeting")
        .get(pk=follow_up.pk)
    )
    meeting = follow_up.agenda_item.meeting
    scope = permissions.meeting_scope(actor)
    if scope is None or not OperationalMeeting.objects.filter(scope, pk=meeting.pk).exists():
        raise NotFound(_("No such follow-up."))
    responsible = actor.organisation_id == follow_up.responsible_id
    office = permissions.is_prosecutor(actor) and actor.organisation_id == meeting.office_id
    if not (responsible or office):
        raise PermissionDenied(_("Only the responsible organisation or the office does this."))
    if follow_up.done_at is not None:
        raise Conflict(_("This follow-up is already done."))
    follow_up.done_at = timezone.now()
    follow_up.done_by = actor.user
    follow_up.save(update_fields=["done_at", "done_by"])
    audit(actor, AuditEventType.UPDATE, "follow_up_complete", follow_up, {"meeting": meeting.pk})
    return follow_up


@transaction.atomic
def case_target_set(
    *, actor: Actor, office: Organisation, year: int, target: int
) -> ProsecutionTarget:
    """The coordinating level sets an office's yearly target of trafficking cases."""
    if not permissions.may_set_case_targets(actor):
        raise PermissionDenied(_("Only the coordinating level sets case targets."))
    if office.type != OrganisationType.PROSECUTION_OFFICE:
        raise DomainError(_("Choose a prosecution office."), field="office")
    if not 2000 <= year <= 2100:
        raise DomainError(_("Give a year between 2000 and 2100."), field="year")
    if not 0 <= target <= 10000:
        raise DomainError(_("Give a target between 0 and 10,000."), field="target")
    row = ProsecutionTarget.objects.select_for_update().filter(office=office, year=year).first()
    old = row.target if row else None
    if row is None:
        row = ProsecutionTarget(office=office, year=year, target=target, set_by=actor.user)
    row.target = target
    row.set_by = actor.user
    row.set_at = timezone.now()
    row.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE if old is None else AuditEventType.UPDATE,
        action="case_target_set",
        record=row,
        purpose=purpose_for(actor),
        changes={"office": office.pk, "year": year, "target": {"old": old, "new": target}},
    )
    return row

"""Every read of the coordination records, and who may do what with them.

The manual and the action plan are read by every signed-in member of an organisation; a
forum meeting by the organisations invited to it and the coordination unit (others get
404, as for a meeting that does not exist); the coordination unit edits. None of these
records holds personal data, so reads are not written to the audit trail; every write is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.coordination.models import (
    OPEN_ACTION_STATUSES,
    ActionStatus,
    CoordinationNotice,
    ForumFollowUp,
    ForumMeeting,
    ManualEntryVersion,
    NeighbourCheck,
    PlanAction,
    ProgressNote,
)
from nrm.coordination.steps import Step, installation_chain
from nrm.core.errors import NotFound, PermissionDenied
from nrm.organisations.models import OrganisationType, Role

# Who ------------------------------------------------------------------------------------


def is_member(actor: Actor) -> bool:
    return actor.membership is not None and actor.user.is_active


def is_coordinator(actor: Actor) -> bool:
    organisation = actor.organisation
    return (
        is_member(actor)
        and actor.role == Role.COORDINATOR
        and organisation is not None
        and organisation.type == OrganisationType.COORDINATION_UNIT
    )


def require_member(actor: Actor) -> None:
    if not is_member(actor):
        raise PermissionDenied(_("You have no active membership."))


def require_coordinator(actor: Actor, message: str) -> None:
    if not is_coordinator(actor):
        raise PermissionDenied(message)


def installation_country() -> str:
    return str(settings.NRM_JURISDICTION)


# The manual -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ManualEntry:
    step: Step
    version: ManualEntryVersion | None
    # The entry is shown in another language than the reader's (none written in theirs).
    fallback: bool


def _approved(country: str, language: str) -> QuerySet[ManualEntryVersion]:
    return ManualEntryVersion.objects.filter(
        country=country, language=language, approved_at__isnull=False
    )


def manual_languages(country: str) -> list[str]:
    return sorted(
        set(
            ManualEntryVersion.objects.filter(country=country, approved_at__isnull=False)
            .values_list("language", flat=True)
            .distinct()
        )
    )


def manual_current(country: str, language: str) -> dict[str, ManualEntryVersion]:
    """The approved version with the highest number of each step, in one query."""
    current: dict[str, ManualEntryVersion] = {}
    for version in _approved(country, language).select_related("approved_by", "proposed_by"):
        known = current.get(version.step)
        if known is None or version.number > known.number:
            current[version.step] = version
    return current


def manual_entries(actor: Actor, *, language: str) -> list[ManualEntry]:
    """The whole manual in the reader's language, each step of the installation's chain
    falling back to the language its manual is written in (English in Belgium, Danish in
    Denmark)."""
    require_member(actor)
    country = installation_country()
    chain = installation_chain()
    mine = manual_current(country, language)
    fallback = manual_current(country, chain.language) if language != chain.language else {}
    entries = []
    for step in chain.ordered():
        if step in mine:
            entries.append(ManualEntry(step, mine[step], fallback=False))
        else:
            entries.append(ManualEntry(step, fallback.get(step), fallback=step in fallback))
    return entries


def manual_entry(step: Step, *, language: str) -> ManualEntry:
    """One step's current entry (for the inclusion on workflow pages), in one query: the
    reader's language, else the manual's own language marked as a fallback."""
    country = installation_country()
    fallback_language = installation_chain().language
    versions = (
        ManualEntryVersion.objects.filter(
            country=country,
            step=step,
            language__in={language, fallback_language},
            approved_at__isnull=False,
        )
        .select_related("approved_by")
        .order_by("-number")
    )
    found: dict[str, ManualEntryVersion] = {}
    for version in versions:
        found.setdefault(version.language, version)
    if language in found:
        return ManualEntry(step, found[language], fallback=False)
    if fallback_language in found:
        return ManualEntry(step, found[fallback_language], fallback=True)
    return ManualEntry(step, None, fallback=False)


def manual_history(actor: Actor, *, step: Step, language: str) -> list[ManualEntryVersion]:
    """Every version of one step, newest first, proposals included."""
    require_member(actor)
    return list(
        ManualEntryVersion.objects.filter(
            country=installation_country(), language=language, step=step
        )
        .select_related("proposed_by", "approved_by")
        .order_by("-number")
    )


def manual_version_get(actor: Actor, pk: int) -> ManualEntryVersion:
    require_member(actor)
    version = (
        ManualEntryVersion.objects.filter(pk=pk, country=installation_country())
        .select_related("proposed_by", "approved_by")
        .first()
    )
    if version is None:
        raise NotFound(_("No such version of the manual."))
    if version.approved_at is None and not is_coordinator(actor):
        # A proposal is the coordination unit's draft until it is approved.
        raise NotFound(_("No such version of the manual."))
    return version


def manual_previous(version: ManualEntryVersion) -> ManualEntryVersion | None:
    """The approved version this one replaces (or replaced)."""
    return (
        ManualEntryVersion.objects.filter(
            country=version.country,
            language=version.language,
            step=version.step,
            number__lt=version.number,
            approved_at__isnull=False,
        )
        .order_by("-number")
        .first()
    )


def manual_proposals() -> QuerySet[ManualEntryVersion]:
    return ManualEntryVersion.objects.filter(
        country=installation_country(), approved_at__isnull=True
    ).select_related("proposed_by")


# Forums -------------------------------------------------------------------------------------


def meetings_visible_to(actor: Actor) -> QuerySet[ForumMeeting]:
    if not is_member(actor):
        return ForumMeeting.objects.none()
    meetings = ForumMeeting.objects.all()
    if not is_coordinator(actor):
        meetings = meetings.filter(invitees=actor.organisation_id)
    return meetings.distinct()


def meeting_get_for_actor(actor: Actor, pk: int) -> ForumMeeting:
    meeting = (
        meetings_visible_to(actor)
        .filter(pk=pk)
        .prefetch_related(
            "invitees",
            "attended",
            "agenda",
            "decisions__actions",
            Prefetch(
                "follow_ups", queryset=ForumFollowUp.objects.select_related("owner", "decision")
            ),
        )
        .first()
    )
    if meeting is None:
        raise NotFound(_("No such meeting."))
    return meeting


def follow_up_get_for_actor(actor: Actor, pk: int) -> ForumFollowUp:
    follow_up = (
        ForumFollowUp.objects.filter(pk=pk, meeting__in=meetings_visible_to(actor))
        .select_related("meeting", "owner")
        .first()
    )
    if follow_up is None:
        raise NotFound(_("No such follow-up."))
    return follow_up


def follow_ups_open_for(actor: Actor) -> QuerySet[ForumFollowUp]:
    """The open follow-ups the actor's organisation owns (all of them for the unit)."""
    if not is_member(actor):
        return ForumFollowUp.objects.none()
    open_items = ForumFollowUp.objects.filter(done_at__isnull=True).select_related(
        "meeting", "owner"
    )
    if not is_coordinator(actor):
        open_items = open_items.filter(owner_id=actor.organisation_id)
    return open_items.order_by("due_on", "pk")


# The action plan ------------------------------------------------------------------------


def plan_actions(actor: Actor) -> QuerySet[PlanAction]:
    require_member(actor)
    return (
        PlanAction.objects.select_related("lead", "adopted_by__meeting")
        .prefetch_related("partners")
        .annotate(
            progress_done=Max("progress__percent_done"),
            notes=Count("progress"),
        )
        .order_by("number")
    )


def plan_action_get(actor: Actor, number: str) -> PlanAction:
    require_member(actor)
    action = (
        PlanAction.objects.filter(number=number)
        .select_related("lead", "adopted_by__meeting", "proposed_at_meeting")
        .prefetch_related(
            "partners",
            Prefetch(
                "progress",
                queryset=ProgressNote.objects.select_related("organisation", "written_by"),
            ),
        )
        .first()
    )
    if action is None:
        raise NotFound(_("No such action."))
    return action


def may_report_progress(actor: Actor, action: PlanAction) -> bool:
    return is_coordinator(actor) or (is_member(actor) and actor.organisation_id == action.lead_id)


@dataclass(frozen=True)
class ProgressRow:
    organisation: str
    total: int
    done: int
    in_progress: int
    overdue: int


def plan_progress(actor: Actor, *, today: date) -> list[ProgressRow]:
    """Per lead organisation: actions, done, in progress, overdue — in one query."""
    require_member(actor)
    open_q = Q(status__in=OPEN_ACTION_STATUSES)
    rows = (
        PlanAction.objects.exclude(status=ActionStatus.DROPPED)
        .values("lead__name")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(status=ActionStatus.DONE)),
            in_progress=Count("pk", filter=Q(status=ActionStatus.IN_PROGRESS)),
            overdue=Count("pk", filter=open_q & Q(deadline__lt=today)),
        )
        .order_by("lead__name")
    )
    return [
        ProgressRow(r["lead__name"], r["total"], r["done"], r["in_progress"], r["overdue"])
        for r in rows
    ]


# Notices ----------------------------------------------------------------------------------


def notices_for(actor: Actor) -> QuerySet[CoordinationNotice]:
    if not is_member(actor) or actor.organisation_id is None:
        return CoordinationNotice.objects.none()
    return CoordinationNotice.objects.filter(organisation_id=actor.organisation_id)


# Neighbour checks -------------------------------------------------------------------------


def neighbour_checks(actor: Actor) -> QuerySet[NeighbourCheck]:
    require_member(actor)
    return NeighbourCheck.objects.all()


def neighbour_check_get(actor: Actor, pk: int) -> NeighbourCheck:
    require_member(actor)
    check = NeighbourCheck.objects.filter(pk=pk).prefetch_related("entries").first()
    if check is None:
        raise NotFound(_("No such neighbour check."))
    return check

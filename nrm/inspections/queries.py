"""Every read of labour inspection, through one access helper per kind of record.

`*_visible_to(actor)` is the set an actor may list; `*_get_for_actor` opens one record,
audits the read when it holds personal data or free text that may name people, and answers
404 alike for what does not exist and what is not the actor's to see.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.access.policy import person_withheld, purpose_for, withheld_person_ids
from nrm.core import files
from nrm.core.errors import NotFound
from nrm.inspections import permissions
from nrm.inspections.models import (
    ChainLink,
    Company,
    Evidence,
    Inspection,
    InspectionEvent,
    JointAction,
    Observation,
    Participant,
    Screening,
    Worksite,
)
from nrm.inspections.vocab import InspectionStatus

# Inspections ---------------------------------------------------------------------------


def inspections_visible_to(actor: Actor) -> QuerySet[Inspection]:
    scope = permissions.inspection_scope(actor)
    if scope is None:
        return Inspection.objects.none()
    return Inspection.objects.filter(scope)


def inspections_filtered(
    inspections: QuerySet[Inspection], *, status: str = "", year: int | None = None
) -> QuerySet[Inspection]:
    if status:
        inspections = inspections.filter(status=status)
    if year is not None:
        inspections = inspections.filter(planned_on__year=year)
    return inspections.select_related("team", "worksite", "joint_action").order_by(
        "-planned_on", "-pk"
    )


def inspection_get_for_actor(actor: Actor, reference: str, *, action: str) -> Inspection:
    """One inspection with its screenings' persons named in the audit row; 404 otherwise."""
    inspection = (
        Inspection.objects.select_related("team", "worksite__region", "joint_action", "created_by")
        .filter(reference=reference)
        .first()
    )
    if inspection is None or not permissions.may_see_inspection(actor, inspection):
        raise NotFound(_("No such inspection."))
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action=action,
        record=inspection,
        purpose=purpose_for(actor),
        changes={
            "persons": sorted(
                Screening.objects.filter(inspection=inspection)
                .exclude(person_id__in=withheld_person_ids(actor))
                .values_list("person__reference", flat=True)
            )
        },
    )
    return inspection


def inspection_events(inspection: Inspection) -> list[InspectionEvent]:
    return list(inspection.events.select_related("by").order_by("at", "pk"))


def screenings_of(inspection: Inspection, *, actor: Actor) -> list[Screening]:
    """The inspection's screenings the actor may see: not those of a person the actor's
    colleagues were assigned to and the actor was not (issue 11 §3)."""
    return list(
        inspection.screenings.exclude(person_id__in=withheld_person_ids(actor))
        .select_related("person", "referral__referred_organisation")
        .order_by("created_at", "pk")
    )


def evidence_of(inspection: Inspection, *, actor: Actor) -> list[Evidence]:
    """The inspection's evidence, without what is about a person kept from the actor (by
    its screening or by the person it names)."""
    return list(
        _without_withheld(inspection.evidence.all(), actor)
        .select_related("screening", "organisation")
        .order_by("uploaded_at", "pk")
    )


def _without_withheld(evidence: QuerySet[Evidence], actor: Actor) -> QuerySet[Evidence]:
    withheld = withheld_person_ids(actor)
    return evidence.exclude(screening__person_id__in=withheld).exclude(person_id__in=withheld)


# Joint actions -------------------------------------------------------------------------


def joint_actions_visible_to(actor: Actor) -> QuerySet[JointAction]:
    scope = permissions.joint_action_scope(actor)
    if scope is None:
        return JointAction.objects.none()
    return JointAction.objects.filter(scope)


def joint_actions_listed(actor: Actor) -> QuerySet[JointAction]:
    return (
        joint_actions_visible_to(actor)
        .select_related("lead_organisation")
        .annotate(
            participant_count=Count("participants", distinct=True),
            site_count=Count("worksites", distinct=True),
        )
        .order_by("-planned_on", "-pk")
    )


def joint_action_get_for_actor(actor: Actor, reference: str, *, action: str) -> JointAction:
    """One joint action (its briefing may name people: the read is audited); 404 otherwise."""
    joint_action = (
        JointAction.objects.select_related("lead_organisation")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("organisation").order_by("pk"),
            ),
            Prefetch("worksites", queryset=Worksite.objects.select_related("region")),
        )
        .filter(reference=reference)
        .first()
    )
    scope = permissions.joint_action_scope(actor)
    if (
        joint_action is None
        or scope is None
        or not joint_actions_visible_to(actor).filter(pk=joint_action.pk).exists()
    ):
        raise NotFound(_("No such joint action."))
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action=action,
        record=joint_action,
        purpose=purpose_for(actor),
    )
    return joint_action


def inspections_of_joint_action(actor: Actor, joint_action: JointAction) -> list[Inspection]:
    """The inspections it produced, for those who see inspections (never centres)."""
    return list(
        inspections_visible_to(actor)
        .filter(joint_action=joint_action)
        .select_related("team", "worksite")
        .annotate(
            screening_count=Count("screenings", distinct=True),
            referred_count=Count(
                "screenings", filter=Q(screenings__referral__isnull=False), distinct=True
            ),
        )
        .order_by("planned_on", "pk")
    )


# Screenings ----------------------------------------------------------------------------


def screenings_visible_to(actor: Actor) -> QuerySet[Screening]:
    scope = permissions.inspection_scope(actor)
    if scope is None:
        return Screening.objects.none()
    return Screening.objects.filter(inspection__in=Inspection.objects.filter(scope)).exclude(
        person_id__in=withheld_person_ids(actor)
    )


def screening_get_for_actor(actor: Actor, reference: str, *, action: str) -> Screening:
    screening = (
        Screening.objects.select_related(
            "inspection__team",
            "inspection__worksite__region",
            "inspection__team__region",
            "person",
            "organisation",
            "screened_by",
            "referral__referred_organisation",
        )
        .filter(reference=reference)
        .first()
    )
    if (
        screening is None
        or not permissions.may_see_inspection(actor, screening.inspection)
        or person_withheld(actor, screening.person_id)
    ):
        raise NotFound(_("No such screening."))
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action=action,
        record=screening,
        purpose=purpose_for(actor),
        changes={"person": screening.person.reference},
    )
    return screening


def observations_of(screening: Screening) -> list[Observation]:
    return list(screening.observations.select_related("organisation").order_by("pk"))


def observed_pairs_of(screening: Screening) -> frozenset[tuple[str, str]]:
    return frozenset(screening.observations.values_list("framework", "indicator"))


def screenings_list_audited(actor: Actor, screenings: Sequence[Screening], *, action: str) -> None:
    """A list names persons by reference: one audit row names them all."""
    if not screenings:
        return
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action=action,
        record_type=Screening._meta.label_lower,
        record_id="*",
        purpose=purpose_for(actor),
        changes={
            "screenings": [s.reference for s in screenings],
            "persons": sorted({s.person.reference for s in screenings}),
        },
    )


# Evidence ------------------------------------------------------------------------------


def evidence_visible_to(actor: Actor) -> QuerySet[Evidence]:
    scope = permissions.inspection_scope(actor)
    if scope is None:
        return Evidence.objects.none()
    return _without_withheld(
        Evidence.objects.filter(inspection__in=Inspection.objects.filter(scope)), actor
    )


def evidence_get_for_actor(actor: Actor, reference: str, *, action: str) -> Evidence:
    """One evidence record's metadata, the read audited; 404 otherwise."""
    evidence = (
        Evidence.objects.select_related("inspection", "screening", "person", "organisation")
        .filter(reference=reference)
        .first()
    )
    if (
        evidence is None
        or not permissions.may_see_inspection(actor, evidence.inspection)
        or person_withheld(actor, evidence.person_id)
        or (evidence.screening is not None and person_withheld(actor, evidence.screening.person_id))
    ):
        raise NotFound(_("No such evidence."))
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action=action,
        record=evidence,
        purpose=purpose_for(actor),
        changes={"person": evidence.person.reference if evidence.person else None},
    )
    return evidence


@dataclass(frozen=True)
class EvidenceFile:
    evidence: Evidence
    data: bytes
    filename: str


def evidence_file_for_actor(actor: Actor, reference: str) -> EvidenceFile:
    """The decrypted file, for an actor who may see it; the download is audited."""
    evidence = evidence_get_for_actor(actor, reference, action="evidence_download")
    if not evidence.file_key:
        # Erased after its retention period (nrm/retention): the key is gone, the file too.
        raise NotFound(_("This file was erased after its retention period."))
    with evidence.file.open("rb") as stored:
        token = stored.read()
    data = files.decrypt(token, evidence.file_key)
    return EvidenceFile(
        evidence, data, f"{evidence.reference}{files.EXTENSIONS[evidence.content_type]}"
    )


# Companies and worksites ---------------------------------------------------------------


def companies_visible_to(actor: Actor) -> QuerySet[Company]:
    if not permissions.may_see_companies(actor):
        return Company.objects.none()
    return Company.objects.all()


def company_get_for_actor(actor: Actor, pk: int) -> Company:
    company = companies_visible_to(actor).filter(pk=pk).first()
    if company is None:
        raise NotFound(_("No such company."))
    return company


def worksites_visible_to(actor: Actor) -> QuerySet[Worksite]:
    if not permissions.may_see_companies(actor):
        return Worksite.objects.none()
    return Worksite.objects.all()


def worksite_get_for_actor(actor: Actor, pk: int) -> Worksite:
    worksite = worksites_visible_to(actor).select_related("region").filter(pk=pk).first()
    if worksite is None:
        raise NotFound(_("No such worksite."))
    return worksite


@dataclass(frozen=True)
class ChainNode:
    link: ChainLink
    depth: int

    @property
    def indent(self) -> range:
        return range(self.depth)


def chain_of(worksite: Worksite) -> list[ChainNode]:
    """The chain in tree order: the principal, then each company under the one it works for."""
    links = list(
        ChainLink.objects.filter(worksite=worksite).select_related("company").order_by("pk")
    )
    children: dict[int | None, list[ChainLink]] = {}
    for link in links:
        children.setdefault(link.parent_id, []).append(link)
    ordered: list[ChainNode] = []

    def walk(parent: int | None, depth: int) -> None:
        for link in children.get(parent, []):
            ordered.append(ChainNode(link, depth))
            walk(link.pk, depth + 1)

    walk(None, 0)
    return ordered


def inspections_of_worksite(actor: Actor, worksite: Worksite) -> list[Inspection]:
    """Who inspected what is need-to-know: only the inspections the actor may see."""
    return list(
        inspections_visible_to(actor)
        .filter(worksite=worksite)
        .select_related("team")
        .order_by("-planned_on", "-pk")[:100]
    )


def worksites_of_company(company: Company) -> list[Worksite]:
    return list(Worksite.objects.filter(chain__company=company).distinct().order_by("name", "pk"))


def open_inspections_count(actor: Actor) -> int:
    return (
        inspections_visible_to(actor)
        .filter(
            team_id=actor.organisation_id,
            status__in=[InspectionStatus.PLANNED, InspectionStatus.CARRIED_OUT],
        )
        .count()
    )

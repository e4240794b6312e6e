"""/api/v1/ for labour inspection: inspections and their transitions, joint actions,
screenings (with the computed suggestion) and evidence metadata.

The same actions, access rules and audit as the pages; one input and one output schema per
operation, from which validation and the OpenAPI document are generated. Each transition
is its own operation with its own body (`/inspections/{reference}/transitions/carry_out`).
Evidence files are uploaded as multipart/form-data; the API never returns file contents.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status, UploadedFile
from pydantic import Field

from nrm.access.context import Actor
from nrm.core.api.auth import caller
from nrm.core.api.errors import responses
from nrm.core.api.pagination import PageQuery, keyset_page
from nrm.core.api.types import Flag, Input, IsoDate, Text, Version, WholeNumber
from nrm.core.errors import DomainError
from nrm.indicators.actions import LocalAnswerData, field_name, local_answers_record
from nrm.indicators.definitions import ANSWER_TEXT_MAX
from nrm.indicators.models import LocalQuestion, QuestionStatus
from nrm.indicators.queries import answers_of
from nrm.inspections import permissions, queries, workflow
from nrm.inspections.actions import (
    NOTE_MAX,
    TEXT_MAX,
    ObservationData,
    ScreeningData,
    evidence_add,
    facts_of,
    inspection_cancel,
    inspection_carry_out,
    inspection_plan,
    inspection_report,
    joint_action_create,
    screening_create,
    screening_refer,
)
from nrm.inspections.models import Evidence, Inspection, JointAction, Screening, Worksite
from nrm.inspections.suggestion import suggest
from nrm.people.actions import PersonData

router = Router(tags=["inspections"])

# Codes (sector, outcome, consent, channel, kind, framework, indicator, ISO codes) are
# checked by the actions against their lists, which answer 400 naming the field.
Code = Annotated[Text, Field(max_length=48)]
WorksiteId = Annotated[WholeNumber, Field(ge=1)]
# The screening form's limits: wages to the cent, hours to the tenth (Screening's columns).
HourlyWage = Annotated[Decimal, Field(ge=0, max_digits=7, decimal_places=2)]
WeeklyHours = Annotated[Decimal, Field(ge=0, max_digits=5, decimal_places=1)]


def _worksite(pk: int | None, field: str = "worksite") -> Worksite | None:
    if pk is None:
        return None
    worksite = Worksite.objects.filter(pk=pk).first()
    if worksite is None:
        raise DomainError(_("No such worksite."), field=field)
    return worksite


# Inspections -----------------------------------------------------------------------------


class InspectionIn(Input):
    planned_on: IsoDate
    sector: Code = ""
    worksite: WorksiteId | None = None
    joint_action: Annotated[Text, Field(max_length=16)] = ""
    trafficking_focused: Flag = True


class InspectionCarryOutIn(Input):
    expected_version: Version
    carried_out_on: IsoDate
    worksite: WorksiteId | None = None


class InspectionReportIn(Input):
    expected_version: Version
    reported_on: IsoDate
    outcome: Code = ""
    findings: Text = Field("", max_length=TEXT_MAX)
    worksite: WorksiteId | None = None


class InspectionCancelIn(Input):
    expected_version: Version
    reason: Text = Field("", max_length=NOTE_MAX)


class InspectionSummaryOut(Schema):
    reference: str
    team: str
    status: str
    planned_on: date
    carried_out_on: date | None
    reported_on: date | None
    sector: str
    trafficking_focused: bool
    worksite: int | None
    joint_action: str | None
    outcome: str | None
    version: int


class TransitionOut(Schema):
    name: str
    allowed: bool
    reason: str


class InspectionOut(InspectionSummaryOut):
    findings: str
    transitions: list[TransitionOut]
    screenings: list[str]
    evidence: list[str]


class InspectionListOut(Schema):
    results: list[InspectionSummaryOut]
    next_cursor: str | None


def inspection_summary(inspection: Inspection) -> InspectionSummaryOut:
    return InspectionSummaryOut(
        reference=inspection.reference,
        team=inspection.team.name,
        status=inspection.status,
        planned_on=inspection.planned_on,
        carried_out_on=inspection.carried_out_on,
        reported_on=inspection.reported_on,
        sector=inspection.sector,
        trafficking_focused=inspection.trafficking_focused,
        worksite=inspection.worksite_id,
        joint_action=inspection.joint_action.reference if inspection.joint_action else None,
        outcome=inspection.outcome or None,
        version=inspection.version,
    )


def inspection_full(inspection: Inspection, actor: Actor) -> InspectionOut:
    return InspectionOut(
        **inspection_summary(inspection).model_dump(),
        findings=inspection.findings,
        transitions=[
            TransitionOut(name=a.name, allowed=a.allowed, reason=a.reason)
            for a in workflow.available_transitions(inspection, actor)
        ],
        screenings=[s.reference for s in queries.screenings_of(inspection, actor=actor)],
        evidence=[e.reference for e in queries.evidence_of(inspection, actor=actor)],
    )


@router.get("/inspections", response={200: InspectionListOut, **responses(400, 401)})
def inspections_list(request: HttpRequest, page: Query[PageQuery]) -> InspectionListOut:
    """Inspections the caller may see, latest planned first."""
    actor = caller(request, Actor)
    rows, next_cursor = keyset_page(
        queries.inspections_filtered(queries.inspections_visible_to(actor)), page
    )
    return InspectionListOut(results=[inspection_summary(i) for i in rows], next_cursor=next_cursor)


@router.post("/inspections", response={201: InspectionSummaryOut, **responses(400, 401, 403)})
def inspections_create(request: HttpRequest, payload: InspectionIn) -> Status[InspectionSummaryOut]:
    """Plan an inspection by the caller's team."""
    actor = caller(request, Actor)
    joint_action = None
    if payload.joint_action:
        joint_action = (
            queries.joint_actions_visible_to(actor).filter(reference=payload.joint_action).first()
        )
        if joint_action is None:
            raise DomainError(_("No such joint action."), field="joint_action")
    inspection = inspection_plan(
        actor=actor,
        planned_on=payload.planned_on,
        sector=payload.sector,
        worksite=_worksite(payload.worksite),
        joint_action=joint_action,
        trafficking_focused=payload.trafficking_focused,
    )
    return Status(201, inspection_summary(inspection))


@router.get("/inspections/{reference}", response={200: InspectionOut, **responses(401, 404)})
def inspection_view(request: HttpRequest, reference: str) -> InspectionOut:
    """One inspection with the transitions the caller may take now, and why not."""
    actor = caller(request, Actor)
    found = queries.inspection_get_for_actor(actor, reference, action="api_inspection_view")
    return inspection_full(found, actor)


_TRANSITION_RESPONSES = {200: InspectionOut, **responses(400, 401, 403, 404, 409)}


@router.post("/inspections/{reference}/transitions/carry_out", response=_TRANSITION_RESPONSES)
def inspection_carry_out_api(
    request: HttpRequest, reference: str, payload: InspectionCarryOutIn
) -> InspectionOut:
    """Record the inspection as carried out (`expected_version`: the version read)."""
    actor = caller(request, Actor)
    found = queries.inspection_get_for_actor(actor, reference, action="api_inspection_view")
    moved = inspection_carry_out(
        actor=actor,
        inspection=found,
        expected_version=payload.expected_version,
        carried_out_on=payload.carried_out_on,
        worksite=_worksite(payload.worksite),
    )
    return inspection_full(moved, actor)


@router.post("/inspections/{reference}/transitions/report", response=_TRANSITION_RESPONSES)
def inspection_report_api(
    request: HttpRequest, reference: str, payload: InspectionReportIn
) -> InspectionOut:
    """Report a carried-out inspection: its outcome and findings."""
    actor = caller(request, Actor)
    found = queries.inspection_get_for_actor(actor, reference, action="api_inspection_view")
    moved = inspection_report(
        actor=actor,
        inspection=found,
        expected_version=payload.expected_version,
        reported_on=payload.reported_on,
        outcome=payload.outcome,
        findings=payload.findings,
        worksite=_worksite(payload.worksite),
    )
    return inspection_full(moved, actor)


@router.post("/inspections/{reference}/transitions/cancel", response=_TRANSITION_RESPONSES)
def inspection_cancel_api(
    request: HttpRequest, reference: str, payload: InspectionCancelIn
) -> InspectionOut:
    """Cancel a planned inspection, with a reason."""
    actor = caller(request, Actor)
    found = queries.inspection_get_for_actor(actor, reference, action="api_inspection_view")
    moved = inspection_cancel(
        actor=actor,
        inspection=found,
        expected_version=payload.expected_version,
        reason=payload.reason,
    )
    return inspection_full(moved, actor)


# Joint actions ---------------------------------------------------------------------------


class JointActionIn(Input):
    title: Text = Field("", max_length=200)
    planned_on: IsoDate
    briefing: Text = Field("", max_length=TEXT_MAX)
    worksites: list[WorksiteId] = Field(default_factory=list, max_length=200)


class ParticipantOut(Schema):
    organisation: str
    role: str
    headcount: int | None


class JointActionOut(Schema):
    reference: str
    title: str
    planned_on: date
    lead: str
    briefing: str
    participants: list[ParticipantOut]
    worksites: list[int]
    version: int
    # Null for those who do not see the inspections of joint actions (the centres).
    inspections: list[str] | None = None


class JointActionSummaryOut(Schema):
    reference: str
    title: str
    planned_on: date
    lead: str


class JointActionListOut(Schema):
    results: list[JointActionSummaryOut]
    next_cursor: str | None


def joint_action_full(joint_action: JointAction, actor: Actor) -> JointActionOut:
    out = JointActionOut(
        reference=joint_action.reference,
        title=joint_action.title,
        planned_on=joint_action.planned_on,
        lead=joint_action.lead_organisation.name,
        briefing=joint_action.briefing,
        participants=[
            ParticipantOut(organisation=p.organisation.name, role=p.role, headcount=p.headcount)
            for p in joint_action.participants.all()
        ],
        worksites=[w.pk for w in joint_action.worksites.all()],
        version=joint_action.version,
    )
    if permissions.sees_inspections_of_joint_actions(actor):
        out.inspections = [
            i.reference for i in queries.inspections_of_joint_action(actor, joint_action)
        ]
    return out


@router.get(
    "/joint-actions",
    response={200: JointActionListOut, **responses(400, 401)},
)
def joint_actions_list(request: HttpRequest, page: Query[PageQuery]) -> JointActionListOut:
    """Joint actions the caller's organisation leads or takes part in."""
    actor = caller(request, Actor)
    rows, next_cursor = keyset_page(queries.joint_actions_listed(actor), page)
    return JointActionListOut(
        results=[
            JointActionSummaryOut(
                reference=j.reference,
                title=j.title,
                planned_on=j.planned_on,
                lead=j.lead_organisation.name,
            )
            for j in rows
        ],
        next_cursor=next_cursor,
    )


@router.post(
    "/joint-actions",
    response={201: JointActionOut, **responses(400, 401, 403)},
)
def joint_actions_create(request: HttpRequest, payload: JointActionIn) -> Status[JointActionOut]:
    """Plan a joint action led by the caller's team, at the given worksites."""
    actor = caller(request, Actor)
    found = list(Worksite.objects.filter(pk__in=payload.worksites))
    if len(found) != len(set(payload.worksites)):
        raise DomainError(_("No such worksite."), field="worksites")
    created = joint_action_create(
        actor=actor,
        title=payload.title,
        planned_on=payload.planned_on,
        briefing=payload.briefing,
        worksites=found,
    )
    return Status(201, joint_action_full(created, actor))


@router.get(
    "/joint-actions/{reference}",
    response={200: JointActionOut, **responses(401, 404)},
)
def joint_action_view(request: HttpRequest, reference: str) -> JointActionOut:
    """One joint action; its inspections only for those who may see them."""
    actor = caller(request, Actor)
    found = queries.joint_action_get_for_actor(actor, reference, action="api_joint_action_view")
    return joint_action_full(found, actor)


# Screenings ------------------------------------------------------------------------------


class ObservationIn(Input):
    framework: Code = ""
    indicator: Code = ""
    note: Text = Field("", max_length=NOTE_MAX)


class ScreenedPersonIn(Input):
    """Either the reference of a person already recorded, or a new person's names."""

    reference: Annotated[Text, Field(max_length=16)] = ""
    given_names: Text = Field("", max_length=200)
    family_name: Text = Field("", max_length=200)
    birth_date: IsoDate | None = None
    age: WholeNumber | None = Field(None, ge=0, le=120)


class LocalAnswerIn(Input):
    """An answer to one of the installation's own questions (`GET /local-questions`)."""

    code: Annotated[Text, Field(max_length=32)]
    version: Version | None = Field(
        None, description="The version the worker was asked; absent: the current one"
    )
    value: Text = Field(
        ...,
        max_length=ANSWER_TEXT_MAX,
        description="yes or no, a choice's code, a decimal number, or the text",
    )


class ScreeningIn(Input):
    person: ScreenedPersonIn = Field(default_factory=lambda: ScreenedPersonIn.model_validate({}))
    screened_on: IsoDate | None = None
    nationality: Code = ""
    language: Code = ""
    presumed_minor: Flag = False
    hourly_wage_eur: HourlyWage | None = None
    weekly_hours: WeeklyHours | None = None
    rest_days_per_week: WholeNumber | None = Field(None, ge=0, le=7)
    observations: list[ObservationIn] = Field(default_factory=list, max_length=100)
    leaflet_language: Code = ""
    consent: Code = "NOT_ASKED"
    notes: Text = Field("", max_length=TEXT_MAX)
    local_answers: list[LocalAnswerIn] = Field(default_factory=list, max_length=100)


class ScreeningReferIn(Input):
    expected_version: Version
    channel: Code = "DIRECT"
    consent_confirmed: Flag = False
    details: Text = Field("", max_length=2000)


class ObservationOut(Schema):
    framework: str
    indicator: str
    dimension: str
    observed_on: date
    organisation: str
    note: str


class SuggestionOut(Schema):
    level: str
    reasons: list[str]
    is_decision: bool


class LocalAnswerOut(Schema):
    """An answer to one of the installation's own questions: local, never a legal indicator,
    never counted in the suggestion."""

    code: str
    version: int
    kind: str
    question: str
    question_language: str
    # The question has no text in the reader's language: shown in the installation's.
    question_fallback: bool
    value: str
    answer: str


class ScreeningOut(Schema):
    reference: str
    inspection: str
    person: str
    screened_on: date
    nationality: str | None
    language: str | None
    presumed_minor: bool
    hourly_wage_eur: str | None
    weekly_hours: str | None
    rest_days_per_week: int | None
    leaflet_language: str | None
    consent: str
    observations: list[ObservationOut]
    suggestion: SuggestionOut
    local_answers: list[LocalAnswerOut]
    referral: str | None
    referral_channel: str | None
    version: int


class ScreeningSummaryOut(Schema):
    reference: str
    person: str
    screened_on: date
    suggests_potential_victim: bool
    referral: str | None


class ScreeningListOut(Schema):
    results: list[ScreeningSummaryOut]


class ScreeningReferralOut(Schema):
    referral: str
    centre: str
    status: str


def screening_full(screening: Screening) -> ScreeningOut:
    observations = queries.observations_of(screening)
    observed = frozenset((o.framework, o.indicator) for o in observations)
    result = suggest(facts_of(screening, observed))
    return ScreeningOut(
        reference=screening.reference,
        inspection=screening.inspection.reference,
        person=screening.person.reference,
        screened_on=screening.screened_on,
        nationality=screening.nationality or None,
        language=screening.language or None,
        presumed_minor=screening.presumed_minor,
        hourly_wage_eur=str(screening.hourly_wage_eur)
        if screening.hourly_wage_eur is not None
        else None,
        weekly_hours=str(screening.weekly_hours) if screening.weekly_hours is not None else None,
        rest_days_per_week=screening.rest_days_per_week,
        leaflet_language=screening.leaflet_language or None,
        consent=screening.consent,
        observations=[
            ObservationOut(
                framework=o.framework,
                indicator=o.indicator,
                dimension=o.dimension,
                observed_on=o.observed_on,
                organisation=o.organisation.name,
                note=o.note,
            )
            for o in observations
        ],
        suggestion=SuggestionOut(
            level=result.level.value, reasons=list(result.render(_)), is_decision=False
        ),
        local_answers=[
            LocalAnswerOut(
                code=a.code,
                version=a.version,
                kind=a.kind,
                question=a.question.text,
                question_language=a.question.language,
                question_fallback=a.question.fallback,
                value=a.value,
                answer=a.answer.text,
            )
            for a in answers_of(screening)
        ],
        referral=screening.referral.reference if screening.referral else None,
        referral_channel=screening.referral_channel or None,
        version=screening.version,
    )


def _screening_data(payload: ScreeningIn) -> ScreeningData:
    person = payload.person
    new_person = None
    if not person.reference:
        new_person = PersonData(
            given_names=person.given_names,
            family_name=person.family_name,
            birth_date=person.birth_date,
            age_at_first_contact=person.age,
        )
    return ScreeningData(
        screened_on=payload.screened_on,
        person_reference=person.reference,
        new_person=new_person,
        nationality=payload.nationality,
        language=payload.language,
        presumed_minor=payload.presumed_minor,
        hourly_wage_eur=payload.hourly_wage_eur,
        weekly_hours=payload.weekly_hours,
        rest_days_per_week=payload.rest_days_per_week,
        observations=[
            ObservationData(framework=o.framework, indicator=o.indicator, note=o.note)
            for o in payload.observations
        ],
        leaflet_language=payload.leaflet_language,
        consent=payload.consent,
        notes=payload.notes,
    )


@router.get(
    "/inspections/{reference}/screenings",
    response={200: ScreeningListOut, **responses(401, 404)},
)
def inspection_screenings_list(request: HttpRequest, reference: str) -> ScreeningListOut:
    """The screenings of one inspection (bounded by the inspection: not paginated)."""
    actor = caller(request, Actor)
    found = queries.inspection_get_for_actor(actor, reference, action="api_screening_list")
    rows = queries.screenings_of(found, actor=actor)
    queries.screenings_list_audited(actor, rows, action="api_screening_list")
    return ScreeningListOut(
        results=[
            ScreeningSummaryOut(
                reference=s.reference,
                person=s.person.reference,
                screened_on=s.screened_on,
                suggests_potential_victim=s.suggests_potential_victim,
                referral=s.referral.reference if s.referral else None,
            )
            for s in rows
        ]
    )


@router.post(
    "/inspections/{reference}/screenings",
    response={201: ScreeningOut, **responses(400, 401, 403, 404, 409)},
)
def inspection_screenings_create(
    request: HttpRequest, reference: str, payload: ScreeningIn
) -> Status[ScreeningOut]:
    """Record the screening of a worker met at the inspection, with its answers to the local
    questions if any; answers with the suggestion (never a decision; local answers never
    count in it). A refused local answer saves nothing, screening included."""
    actor = caller(request, Actor)
    found = queries.inspection_get_for_actor(actor, reference, action="api_screening_list")
    answers = [
        LocalAnswerData(code=a.code, value=a.value, version=a.version)
        for a in payload.local_answers
    ]
    try:
        # One transaction, as on the page: the screening is not saved without its answers.
        with transaction.atomic():
            created = screening_create(actor=actor, inspection=found, data=_screening_data(payload))
            local_answers_record(actor=actor, screening=created, answers=answers)
    except DomainError as exc:
        exc.field = _local_answer_path(exc.field, payload.local_answers)
        raise
    return Status(201, screening_full(created))


def _local_answer_path(field: str | None, answers: list[LocalAnswerIn]) -> str | None:
    """The body's path of a refused local answer: the action names the page's field
    (`local-<code>`); the API names the answer and what in it is wrong."""
    prefix = field_name("")
    if not field or not field.startswith(prefix):
        return field
    code = field.removeprefix(prefix)
    index = next((i for i, a in enumerate(answers) if a.code == code), None)
    if index is None:
        return field
    answer = answers[index]
    question = LocalQuestion.objects.filter(code=code).first()
    if question is None:
        part = "code"
    elif (
        answer.version is not None and not question.versions.filter(number=answer.version).exists()
    ):
        part = "version"
    elif answer.version is None and question.status != QuestionStatus.ACTIVE:
        part = "code"
    else:
        part = "value"
    return f"local_answers.{index}.{part}"


@router.get("/screenings/{reference}", response={200: ScreeningOut, **responses(401, 404)})
def screening_view(request: HttpRequest, reference: str) -> ScreeningOut:
    """One screening with its observations and the suggestion."""
    actor = caller(request, Actor)
    return screening_full(
        queries.screening_get_for_actor(actor, reference, action="api_screening_view")
    )


@router.post(
    "/screenings/{reference}/referral",
    response={201: ScreeningReferralOut, **responses(400, 401, 403, 404, 409)},
)
def screening_referral_create(
    request: HttpRequest, reference: str, payload: ScreeningReferIn
) -> Status[ScreeningReferralOut]:
    """Refer the screened worker to a specialised centre (routed by region and age)."""
    actor = caller(request, Actor)
    found = queries.screening_get_for_actor(actor, reference, action="api_screening_view")
    referral = screening_refer(
        actor=actor,
        screening=found,
        expected_version=payload.expected_version,
        channel=payload.channel,
        consent_confirmed=payload.consent_confirmed,
        details=payload.details,
    )
    return Status(
        201,
        ScreeningReferralOut(
            referral=referral.reference,
            centre=referral.referred_organisation.name,
            status=referral.status,
        ),
    )


# Evidence --------------------------------------------------------------------------------


class EvidenceMetaIn(Schema):
    kind: Code = ""
    description: Text = Field("", max_length=NOTE_MAX)
    screening: Annotated[Text, Field(max_length=16)] = ""


class EvidenceOut(Schema):
    reference: str
    inspection: str
    screening: str | None
    person: str | None
    kind: str
    description: str
    content_type: str
    size: int
    sha256: str
    metadata_stripped: bool
    organisation: str
    uploaded_at: datetime


class EvidenceListOut(Schema):
    results: list[EvidenceOut]


def evidence_full(evidence: Evidence) -> EvidenceOut:
    return EvidenceOut(
        reference=evidence.reference,
        inspection=evidence.inspection.reference,
        screening=evidence.screening.reference if evidence.screening else None,
        person=evidence.person.reference if evidence.person else None,
        kind=evidence.kind,
        description=evidence.description,
        content_type=evidence.content_type,
        size=evidence.size,
        sha256=evidence.sha256,
        metadata_stripped=evidence.metadata_stripped,
        organisation=evidence.organisation.name,
        uploaded_at=evidence.uploaded_at,
    )


@router.get(
    "/inspections/{reference}/evidence",
    response={200: EvidenceListOut, **responses(401, 404)},
)
def inspection_evidence_list(request: HttpRequest, reference: str) -> EvidenceListOut:
    """The evidence metadata of one inspection (bounded by the inspection: not paginated)."""
    actor = caller(request, Actor)
    found = queries.inspection_get_for_actor(actor, reference, action="api_evidence_list")
    return EvidenceListOut(
        results=[evidence_full(e) for e in queries.evidence_of(found, actor=actor)]
    )


@router.post(
    "/inspections/{reference}/evidence",
    response={201: EvidenceOut, **responses(400, 401, 403, 404)},
)
def inspection_evidence_create(
    request: HttpRequest,
    reference: str,
    file: File[UploadedFile],
    meta: Form[EvidenceMetaIn],
) -> Status[EvidenceOut]:
    """Upload a piece of evidence (multipart/form-data, field `file`); metadata is stripped
    from photos, and the file is never served back through the API."""
    actor = caller(request, Actor)
    found = queries.inspection_get_for_actor(actor, reference, action="api_evidence_list")
    linked = None
    if meta.screening:
        linked = Screening.objects.filter(reference=meta.screening, inspection=found).first()
        if linked is None:
            raise DomainError(_("No such screening at this inspection."), field="screening")
    created = evidence_add(
        actor=actor,
        inspection=found,
        kind=meta.kind,
        upload=file,
        size=file.size,
        name=file.name or "",
        description=meta.description,
        screening=linked,
    )
    return Status(201, evidence_full(created))


@router.get("/evidence/{reference}", response={200: EvidenceOut, **responses(401, 404)})
def evidence_view(request: HttpRequest, reference: str) -> EvidenceOut:
    """One piece of evidence's metadata."""
    actor = caller(request, Actor)
    return evidence_full(
        queries.evidence_get_for_actor(actor, reference, action="api_evidence_view")
    )

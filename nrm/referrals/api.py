"""/api/v1/referrals: the same access rules, workflow and audit as the pages.

GET lists the caller's organisation's referrals (received and sent); POST refers a person.
Decisions are POSTs to .../accept, .../decline and .../withdraw naming the
`expected_version` they were taken on (`version` is still read, deprecated); a stale
version or a referral already decided answers 409.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field, model_validator

from nrm.access.context import Actor
from nrm.accounts.models import User
from nrm.aftercare.queries import support_ended_on
from nrm.consent.actions import ConsentConfirmation
from nrm.core.api.auth import caller
from nrm.core.api.errors import responses
from nrm.core.api.pagination import PageQuery, keyset_page
from nrm.core.api.types import Flag, Input, IsoDate, Text, Version, WholeNumber
from nrm.core.errors import DomainError
from nrm.organisations.models import Organisation, Region
from nrm.people.queries import person_find_for_actor
from nrm.referrals import htcds, review, workflow
from nrm.referrals.actions import (
    referral_accept,
    referral_addendum_add,
    referral_create,
    referral_decline,
    referral_resend,
    referral_withdraw,
)
from nrm.referrals.handover import hotline_summary_for_actor
from nrm.referrals.models import (
    ExploitationForm,
    Referral,
    ReferralReason,
    ReferralStatus,
    Review,
    ReviewStatus,
    ReviewSubject,
)
from nrm.referrals.queries import (
    Box,
    State,
    referral_addenda,
    referral_course,
    referral_get_for_actor,
    referrals_in_box,
    referrals_list_audited,
)

router = Router(tags=["referrals"])


class ReferralOrganisationOut(Schema):
    id: int
    name: str


class ReferralSummaryOut(Schema):
    reference: str
    person: str = Field(description="the person's reference")
    status: ReferralStatus
    source: str
    referring_organisation: ReferralOrganisationOut
    referred_organisation: ReferralOrganisationOut
    referred_on: date
    respond_by: datetime
    overdue: bool
    version: int


class ReferralTransitionOut(Schema):
    name: str
    allowed: bool
    reason: str


class ReferralCourseStepOut(Schema):
    label: str
    on: date


class ReferralAddendumOut(Schema):
    added_at: datetime
    organisation: ReferralOrganisationOut
    text: str


class ReferralOut(ReferralSummaryOut):
    reason: str
    details: str
    exploitation_form: str = Field(description="presumed form of exploitation; empty: not known")
    imminent_danger: bool
    region: str | None
    routed: bool
    presumed_minor: bool
    decided_at: datetime | None
    decision_reason: str
    pathway_event_recorded: bool
    htcds: dict[str, str | None] = Field(description="HTCDS 2.0 Referral Details")
    transitions: list[ReferralTransitionOut]
    course: list[ReferralCourseStepOut] = Field(
        description="an accepted referral's course: steps and dates only, never care data"
    )
    addenda: list[ReferralAddendumOut] = Field(description="information added by the referrer")
    resent_from: str | None = Field(description="the declined referral this one was sent after")
    hotline_summary: str | None = Field(
        description="the summary of the hotline call the referral came from: for the "
        "receiving centre, only while the person's consent to be referred is in force"
    )


class ReferralListOut(Schema):
    results: list[ReferralSummaryOut]
    next_cursor: str | None


class ReferralListQuery(PageQuery):
    box: Box | None = Field(None, description="received or sent; both when absent")
    state: State = State.ALL


class ConsentConfirmationIn(Input):
    """The person, asked now by the caller, agrees to be referred (recorded as their
    consent with the referral)."""

    language: Text = Field(
        min_length=2, max_length=3, description="ISO 639-1: the language they were asked in"
    )
    interpreter: Flag = False

    def confirmation(self) -> ConsentConfirmation:
        return ConsentConfirmation(language=self.language, interpreter=self.interpreter)


_CONSENT_DESCRIPTION = (
    "needed for an adult whose consent to be referred is not in force (a minor is referred "
    "under the child exemption)"
)


class ReferralIn(Input):
    person: Text = Field(max_length=16, description="reference of a person the caller sees")
    reason: ReferralReason
    details: Text = Field("", max_length=4000)
    source: Text = Field("", max_length=16, description="default: the organisation's usual")
    region: Text = Field("", max_length=16, description="region code; default: routing rule")
    centre: WholeNumber | None = Field(None, description="organisation id of the centre")
    presumed_minor: Flag = False
    referred_on: IsoDate | None = None
    consent: ConsentConfirmationIn | None = Field(None, description=_CONSENT_DESCRIPTION)
    exploitation_form: ExploitationForm | None = Field(
        None, description="the form of exploitation the referrer presumes; absent: not known"
    )
    imminent_danger: Flag = False


class ReferralAddendumIn(Input):
    text: Text = Field(max_length=4000)


class ReferralResendIn(Input):
    centre: WholeNumber = Field(description="organisation id of another centre")
    consent: ConsentConfirmationIn | None = Field(None, description=_CONSENT_DESCRIPTION)


class ReferralDecisionIn(Input):
    """The version read before deciding. `version` is a deprecated alias."""

    expected_version: Version | None = None
    # Documented as deprecated without pydantic's `deprecated=`, which warns on every read.
    version: Version | None = Field(
        None,
        description="Deprecated alias of expected_version.",
        json_schema_extra={"deprecated": True},
    )
    reason: Text = Field("", max_length=2000)

    @model_validator(mode="after")
    def _one_version(self) -> ReferralDecisionIn:
        if self.expected_version is None and self.version is None:
            raise DomainError(
                _("Give the version of the referral you decided on, as a whole number."),
                field="expected_version",
            )
        return self

    @property
    def decided_version(self) -> int:
        found = self.expected_version if self.expected_version is not None else self.version
        assert found is not None  # the validator above
        return found


def _organisation(organisation: Organisation) -> ReferralOrganisationOut:
    return ReferralOrganisationOut(id=organisation.pk, name=organisation.name)


def _summary_fields(referral: Referral, *, overdue: bool) -> dict[str, Any]:
    return {
        "reference": referral.reference,
        "person": referral.person.reference,
        "status": referral.status,
        "source": referral.source,
        "referring_organisation": _organisation(referral.referring_organisation),
        "referred_organisation": _organisation(referral.referred_organisation),
        "referred_on": referral.referred_on,
        "respond_by": referral.respond_by,
        "overdue": overdue,
        "version": referral.version,
    }


def referral_full(referral: Referral, actor: Actor) -> ReferralOut:
    return ReferralOut(
        **_summary_fields(referral, overdue=referral.is_overdue()),
        reason=referral.reason,
        details=referral.details,
        exploitation_form=referral.exploitation_form,
        imminent_danger=referral.imminent_danger,
        region=referral.region.code if referral.region else None,
        routed=referral.routed,
        presumed_minor=referral.presumed_minor,
        decided_at=referral.decided_at,
        decision_reason=referral.decision_reason,
        pathway_event_recorded=referral.referred_event_recorded,
        htcds=htcds.referral_details(referral),
        transitions=[
            ReferralTransitionOut(name=a.name, allowed=a.allowed, reason=a.reason)
            for a in workflow.available_transitions(referral, actor)
        ],
        course=[
            ReferralCourseStepOut(label=step.label, on=step.on)
            for step in referral_course(
                referral,
                support_ended_on=support_ended_on(
                    referral.person_id, referral.referred_organisation_id
                )
                if referral.status == ReferralStatus.ACCEPTED
                else None,
            )
        ],
        addenda=[
            ReferralAddendumOut(
                added_at=addendum.added_at,
                organisation=_organisation(addendum.organisation),
                text=addendum.text,
            )
            for addendum in referral_addenda(referral)
        ],
        resent_from=referral.resent_from.reference if referral.resent_from else None,
        hotline_summary=hotline_summary_for_actor(actor, referral),
    )


def _listed(actor: Actor, query: ReferralListQuery) -> QuerySet[Referral]:
    now = timezone.now()
    if query.box is not None:
        return referrals_in_box(actor, box=query.box, state=query.state, now=now)
    # Both boxes as one list; a centre's referral to itself (a hotline call) is listed once.
    received = referrals_in_box(actor, box=Box.RECEIVED, state=query.state, now=now)
    sent = referrals_in_box(actor, box=Box.SENT, state=query.state, now=now)
    return (received | sent).distinct()


@router.get("/referrals", response={200: ReferralListOut, **responses(400, 401)})
def referrals_list(request: HttpRequest, query: Query[ReferralListQuery]) -> ReferralListOut:
    """The caller's organisation's referrals, received and sent, in the order of the work."""
    actor = caller(request, Actor)
    rows, next_cursor = keyset_page(_listed(actor, query), query)
    referrals_list_audited(actor, rows, action="api_referral_list")
    return ReferralListOut(
        results=[
            ReferralSummaryOut(**_summary_fields(r, overdue=r.overdue))  # type: ignore[attr-defined]
            for r in rows
        ],
        next_cursor=next_cursor,
    )


@router.post("/referrals", response={201: ReferralOut, **responses(400, 401, 403, 404, 409)})
def referrals_create(request: HttpRequest, payload: ReferralIn) -> Status[ReferralOut]:
    """Refer a person the caller sees to a specialised centre (routed by region and age
    unless `centre` names one)."""
    actor = caller(request, Actor)
    region = None
    if payload.region:
        region = Region.objects.filter(code=payload.region).first()
        if region is None:
            raise DomainError(_("Unknown region code."), field="region")
    centre = None
    if payload.centre is not None:
        centre = Organisation.objects.filter(pk=payload.centre).first()
        if centre is None:
            raise DomainError(_("Unknown organisation."), field="centre")
    person, _decision = person_find_for_actor(actor, payload.person)
    referral = referral_create(
        actor=actor,
        person=person,
        reason=payload.reason,
        details=payload.details,
        source=payload.source,
        region=region,
        centre=centre,
        presumed_minor=payload.presumed_minor,
        referred_on=payload.referred_on,
        consent=payload.consent.confirmation() if payload.consent else None,
        exploitation_form=payload.exploitation_form or "",
        imminent_danger=payload.imminent_danger,
    )
    return Status(201, referral_full(referral, actor))


@router.get("/referrals/{reference}", response={200: ReferralOut, **responses(401, 404)})
def referral_view(request: HttpRequest, reference: str) -> ReferralOut:
    """One referral, with the transitions the caller may take and why not."""
    actor = caller(request, Actor)
    return referral_full(
        referral_get_for_actor(actor, reference, action="api_referral_view"), actor
    )


_DECISION_ERRORS = responses(400, 401, 403, 404, 409)


@router.post("/referrals/{reference}/accept", response={200: ReferralOut, **_DECISION_ERRORS})
def referral_accept_api(
    request: HttpRequest, reference: str, payload: ReferralDecisionIn
) -> ReferralOut:
    """The referred centre accepts (409 when the version is stale or it is decided)."""
    actor = caller(request, Actor)
    found = referral_get_for_actor(actor, reference, action="api_referral_accept_view")
    decided = referral_accept(actor=actor, referral=found, expected_version=payload.decided_version)
    return referral_full(decided, actor)


@router.post("/referrals/{reference}/decline", response={200: ReferralOut, **_DECISION_ERRORS})
def referral_decline_api(
    request: HttpRequest, reference: str, payload: ReferralDecisionIn
) -> ReferralOut:
    """The referred centre declines, saying why."""
    actor = caller(request, Actor)
    found = referral_get_for_actor(actor, reference, action="api_referral_decline_view")
    decided = referral_decline(
        actor=actor,
        referral=found,
        expected_version=payload.decided_version,
        reason=payload.reason,
    )
    return referral_full(decided, actor)


@router.post("/referrals/{reference}/withdraw", response={200: ReferralOut, **_DECISION_ERRORS})
def referral_withdraw_api(
    request: HttpRequest, reference: str, payload: ReferralDecisionIn
) -> ReferralOut:
    """The referring organisation withdraws a pending referral."""
    actor = caller(request, Actor)
    found = referral_get_for_actor(actor, reference, action="api_referral_withdraw_view")
    decided = referral_withdraw(
        actor=actor,
        referral=found,
        expected_version=payload.decided_version,
        reason=payload.reason,
    )
    return referral_full(decided, actor)


@router.post(
    "/referrals/{reference}/addenda",
    response={201: ReferralAddendumOut, **responses(400, 401, 403, 404, 409)},
)
def referral_addendum_api(
    request: HttpRequest, reference: str, payload: ReferralAddendumIn
) -> Status[ReferralAddendumOut]:
    """The referring organisation adds information to a referral it sent (issue 18 §3)."""
    actor = caller(request, Actor)
    found = referral_get_for_actor(actor, reference, action="api_referral_addendum_view")
    addendum = referral_addendum_add(actor=actor, referral=found, text=payload.text)
    return Status(
        201,
        ReferralAddendumOut(
            added_at=addendum.added_at,
            organisation=_organisation(addendum.organisation),
            text=addendum.text,
        ),
    )


@router.post(
    "/referrals/{reference}/resend",
    response={201: ReferralOut, **responses(400, 401, 403, 404, 409)},
)
def referral_resend_api(
    request: HttpRequest, reference: str, payload: ReferralResendIn
) -> Status[ReferralOut]:
    """A declined referral sent to another centre in one step: a new, linked referral."""
    actor = caller(request, Actor)
    found = referral_get_for_actor(actor, reference, action="api_referral_resend_view")
    centre = Organisation.objects.filter(pk=payload.centre).first()
    if centre is None:
        raise DomainError(_("Choose a centre from the list."), field="centre")
    made = referral_resend(
        actor=actor,
        referral=found,
        centre=centre,
        consent=payload.consent.confirmation() if payload.consent else None,
    )
    return Status(201, referral_full(made, actor))


# A second look at negative decisions (issue 18 §6) ------------------------------------------


class ReviewOut(Schema):
    id: int
    subject: ReviewSubject
    referral: str | None
    person: str = Field(description="the person's reference")
    status: ReviewStatus
    grounds: str
    respond_by: date = Field(description="the reconsideration request's deadline")
    reviewers: list[int] = Field(description="user ids of the reviewer or the panel")
    decided_at: datetime | None
    decision_reason: str


class ReviewRequestIn(Input):
    reviewers: list[WholeNumber] = Field(min_length=1, max_length=9)
    grounds: Text = Field(max_length=4000)


class ReviewDecideIn(Input):
    overturn: Flag
    reasons: Text = Field(max_length=4000)


def _review_out(found: Review) -> ReviewOut:
    return ReviewOut(
        id=found.pk,
        subject=ReviewSubject(found.subject),
        referral=found.referral.reference if found.referral else None,
        person=found.person.reference,
        status=ReviewStatus(found.status),
        grounds=found.grounds,
        respond_by=found.respond_by,
        reviewers=sorted(found.reviewers.values_list("pk", flat=True)),
        decided_at=found.decided_at,
        decision_reason=found.decision_reason,
    )


@router.post(
    "/referrals/{reference}/reviews",
    response={201: ReviewOut, **responses(400, 401, 403, 404, 409)},
)
def review_request_api(
    request: HttpRequest, reference: str, payload: ReviewRequestIn
) -> Status[ReviewOut]:
    """The referrer asks a second person or a panel to review a declined referral."""
    actor = caller(request, Actor)
    found = referral_get_for_actor(actor, reference, action="api_review_request_view")
    reviewers = list(User.objects.filter(pk__in=payload.reviewers))
    if len(reviewers) != len(set(payload.reviewers)):
        raise DomainError(
            _("A reviewer must be an active member of the deciding organisation."),
            field="reviewers",
        )
    made = review.review_request_referral(
        actor=actor, referral=found, reviewers=reviewers, grounds=payload.grounds
    )
    return Status(201, _review_out(made))


@router.get("/reviews/{review_id}", response={200: ReviewOut, **responses(401, 404)})
def review_view_api(request: HttpRequest, review_id: int) -> ReviewOut:
    """One review, for its reviewers and the organisation that asked for it."""
    actor = caller(request, Actor)
    return _review_out(review.review_get_for_actor(actor, review_id))


@router.post(
    "/reviews/{review_id}/decide",
    response={200: ReviewOut, **responses(400, 401, 403, 404, 409)},
)
def review_decide_api(request: HttpRequest, review_id: int, payload: ReviewDecideIn) -> ReviewOut:
    """A reviewer records the review's decision with its reasons; never the first decider."""
    actor = caller(request, Actor)
    found = review.review_get_for_actor(actor, review_id)
    decided = review.review_decide(
        actor=actor, review=found, overturn=payload.overturn, reasons=payload.reasons
    )
    return _review_out(decided)

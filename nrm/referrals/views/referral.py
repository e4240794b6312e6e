"""One referral: its page, decisions and feedback to the referrer; the refer form; overrides."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nrm.access.context import Actor
from nrm.access.policy import Ability, decide_person
from nrm.aftercare.queries import support_ended_on
from nrm.consent.queries import referral_consent
from nrm.core.errors import Conflict, DomainError, PermissionDenied
from nrm.core.http import actor_view, form_error, no_store, submit
from nrm.organisations.models import Role
from nrm.people.actions import support_override_record
from nrm.people.queries import person_get_for_actor, suspect_warning_for
from nrm.referrals import htcds, review, routing, workflow
from nrm.referrals.actions import (
    ADDENDUM_STATUSES,
    referral_addendum_add,
    referral_create,
    referral_resend,
)
from nrm.referrals.forms import (
    CONSENT_FIELDS,
    AddendumForm,
    ReferralForm,
    ResendForm,
    ReviewRequestForm,
    SupportOverrideForm,
)
from nrm.referrals.handover import hotline_summary_for_actor
from nrm.referrals.models import Referral, ReferralStatus, ReviewStatus
from nrm.referrals.queries import (
    referral_addenda,
    referral_course,
    referral_events,
    referral_get_for_actor,
)

# Detail and decisions ------------------------------------------------------------------


def _render_detail(
    request: HttpRequest,
    actor: Actor,
    referral: Referral,
    *,
    bound: dict[str, Any] | None = None,
    error: str = "",
    status: int = 200,
    addendum_form: AddendumForm | None = None,
    resend_form: ResendForm | None = None,
    review_form: ReviewRequestForm | None = None,
) -> HttpResponse:
    forms = workflow.REFERRALS.forms(referral, bound)
    transitions = {a.name: a for a in workflow.available_transitions(referral, actor)}
    referrer = actor.organisation_id == referral.referring_organisation_id
    resent_as = referral.resent_as.order_by("pk").first()
    may_resend = referrer and referral.status == ReferralStatus.DECLINED and resent_as is None
    context = {
        "referral": referral,
        # Feedback to the referrer (issue 18 §3): kinds and dates only, never care data.
        "course": referral_course(
            referral,
            support_ended_on=support_ended_on(referral.person_id, referral.referred_organisation_id)
            if referral.status == ReferralStatus.ACCEPTED
            else None,
        ),
        "addenda": referral_addenda(referral),
        "may_add": referrer and referral.status in ADDENDUM_STATUSES,
        "addendum_form": addendum_form or AddendumForm(),
        "resent_as": resent_as,
        "may_resend": may_resend,
        "resend_form": resend_form
        or ResendForm(
            declined_by=referral.referred_organisation_id,
            initial={"consent_language": (referral.person.languages or [""])[0]},
        ),
        # A new referral needs the adult's consent in force now, as the first one did.
        "resend_consent": referral_consent(
            referral.person,
            minor=routing.is_minor(
                referral.person, timezone.localdate(), presumed_minor=referral.presumed_minor
            ),
        )
        if may_resend
        else None,
        # The hotline call's summary, for the receiving centre, with the person's consent.
        "hotline_summary": hotline_summary_for_actor(actor, referral),
        # A second look at a decline (issue 18 §6).
        "reviews": list(referral.reviews.order_by("pk")) if referrer else [],
        "may_ask_review": referrer
        and referral.status == ReferralStatus.DECLINED
        and not referral.reviews.filter(status=ReviewStatus.REQUESTED).exists(),
        "review_form": review_form
        or ReviewRequestForm(reviewers=review.eligible_reviewers(referral)),
        "events": referral_events(referral),
        "transitions": transitions,
        "forms": forms,
        "error": error,
        "overdue": referral.is_overdue(),
        "may_open_person": decide_person(actor, referral.person_id, Ability.PERSON_VIEW).allowed,
        # After accepting, the receiving centre is offered what usually comes next (issue 16
        # item 3): a shelter place, a support plan, the residence status and its requests.
        "next_steps": referral.status == ReferralStatus.ACCEPTED
        and actor.organisation_id == referral.referred_organisation_id
        and decide_person(actor, referral.person_id, Ability.CARE_RECORD).allowed,
        "htcds": htcds.referral_details(referral),
        "reason_label": htcds.reason_label(referral.reason),
        # Only the receiving centre is warned; the warning carries no case data.
        "suspect_warning": suspect_warning_for(actor, referral.person)
        if actor.organisation_id == referral.referred_organisation_id
        else None,
    }
    return no_store(render(request, "referrals/detail.html", context, status=status))


@actor_view
def referral_detail(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    referral = referral_get_for_actor(actor, reference, action="referral_view")
    return _render_detail(request, actor, referral)


def _decide(request: HttpRequest, actor: Actor, reference: str, name: str) -> HttpResponse:
    referral = referral_get_for_actor(actor, reference, action="referral_decide_view")
    transition = workflow.REFERRALS.transition(name)
    sent = submit(workflow.REFERRALS, transition, referral, request.POST, actor=actor)
    if sent.status == 409:
        referral.refresh_from_db()
        return _render_detail(request, actor, referral, error=sent.conflict, status=409)
    if sent.status != 200:
        return _render_detail(request, actor, referral, bound={name: sent.form}, status=400)
    messages.success(request, str(transition.done))
    return redirect("referrals:detail", reference=referral.reference)


@require_POST
@actor_view
def referral_accept_view(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    return _decide(request, actor, reference, "accept")


@require_POST
@actor_view
def referral_decline_view(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    return _decide(request, actor, reference, "decline")


@require_POST
@actor_view
def referral_withdraw_view(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    return _decide(request, actor, reference, "withdraw")


# Feedback to the referrer (issue 18 §3) --------------------------------------------------


@require_POST
@actor_view
def referral_addendum_view(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    referral = referral_get_for_actor(actor, reference, action="referral_addendum_view")
    form = AddendumForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, actor, referral, addendum_form=form, status=400)
    try:
        referral_addendum_add(actor=actor, referral=referral, text=form.cleaned_data["text"])
    except Conflict as exc:
        return _render_detail(request, actor, referral, error=exc.message, status=409)
    except DomainError as exc:
        status = form_error(form, exc)
        return _render_detail(request, actor, referral, addendum_form=form, status=status)
    messages.success(request, _("Information added. The centre sees it with the referral."))
    return redirect("referrals:detail", reference=referral.reference)


@require_POST
@actor_view
def referral_resend_view(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    referral = referral_get_for_actor(actor, reference, action="referral_resend_view")
    form = ResendForm(request.POST, declined_by=referral.referred_organisation_id)
    if not form.is_valid():
        return _render_detail(request, actor, referral, resend_form=form, status=400)
    try:
        made = referral_resend(
            actor=actor,
            referral=referral,
            centre=form.cleaned_data["centre"],
            consent=form.confirmation(),
        )
    except Conflict as exc:
        return _render_detail(request, actor, referral, error=exc.message, status=409)
    except DomainError as exc:
        status = form_error(form, exc, fields=CONSENT_FIELDS)
        return _render_detail(request, actor, referral, resend_form=form, status=status)
    messages.success(
        request,
        _("Referral %(reference)s sent to %(centre)s.")
        % {"reference": made.reference, "centre": made.referred_organisation},
    )
    return redirect("referrals:detail", reference=made.reference)


@require_POST
@actor_view
def review_request_view(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    referral = referral_get_for_actor(actor, reference, action="review_request_view")
    form = ReviewRequestForm(request.POST, reviewers=review.eligible_reviewers(referral))
    if not form.is_valid():
        return _render_detail(request, actor, referral, review_form=form, status=400)
    try:
        made = review.review_request_referral(
            actor=actor,
            referral=referral,
            reviewers=list(form.cleaned_data["reviewers"]),
            grounds=form.cleaned_data["grounds"],
        )
    except Conflict as exc:
        return _render_detail(request, actor, referral, error=exc.message, status=409)
    except DomainError as exc:
        status = form_error(form, exc)
        return _render_detail(request, actor, referral, review_form=form, status=status)
    messages.success(request, _("Review asked for. The reviewers see it in their inbox."))
    return redirect("referrals:review", review_id=made.pk)


# Refer a person ------------------------------------------------------------------------


def _suggestion(actor: Actor, minor: bool) -> tuple[str, str]:
    """The centre the routing rule picks in the actor's region, or why there is none."""
    organisation = actor.organisation
    if organisation is None or organisation.region is None:
        return "", ""
    try:
        centre = routing.centre_for(region=organisation.region, minor=minor)
    except DomainError as exc:
        return "", exc.message
    return str(centre), ""


@actor_view
def referral_new(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    person = person_get_for_actor(actor, reference, action="referral_new_view")
    if not workflow.may_refer(actor):
        raise PermissionDenied(_("Your role does not refer persons to a specialised centre."))
    form = ReferralForm(
        request.POST or None,
        actor=actor,
        initial={"consent_language": (person.languages or [""])[0]},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                referral = referral_create(
                    actor=actor,
                    person=person,
                    reason=data["reason"],
                    details=data["details"],
                    source=data["source"],
                    region=data["region"],
                    centre=data["centre"],
                    presumed_minor=data["presumed_minor"],
                    referred_on=data["referred_on"],
                    consent=form.confirmation(),
                    exploitation_form=data["exploitation_form"],
                    imminent_danger=data["imminent_danger"],
                )
            except DomainError as exc:
                status = form_error(form, exc, fields=CONSENT_FIELDS)
            else:
                messages.success(
                    request,
                    _("Referral %(reference)s sent to %(centre)s.")
                    % {"reference": referral.reference, "centre": referral.referred_organisation},
                )
                return redirect("referrals:detail", reference=referral.reference)
    minor = routing.is_minor(person, timezone.localdate())
    suggested, no_suggestion = _suggestion(actor, minor)
    context = {
        "person": person,
        "form": form,
        "minor": minor,
        # The person's say on being referred: asked before, or to confirm on this form.
        "consent": referral_consent(person, minor=minor),
        "suggested": suggested,
        "no_suggestion": no_suggestion,
        "response_hours": int(workflow.response_time().total_seconds() // 3600),
    }
    return no_store(render(request, "referrals/new.html", context, status=status))


@actor_view
def support_override(request: HttpRequest, actor: Actor) -> HttpResponse:
    """A centre director allows the centre to take on a person recorded as a suspect
    (issue 9 §4): the referral or placement that was refused can then be made."""
    if actor.role != Role.CENTRE_DIRECTOR or actor.organisation is None:
        raise PermissionDenied(_("Only the director of a victims' centre overrides this refusal."))
    form = SupportOverrideForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                override = support_override_record(
                    actor=actor,
                    person_reference=form.cleaned_data["person"],
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Recorded: %(centre)s may take on %(person)s. Referrals to your centre "
                        "and placements in its shelters are no longer refused for this person."
                    )
                    % {"centre": actor.organisation, "person": override.person.reference},
                )
                return redirect("referrals:inbox")
    return no_store(
        render(request, "referrals/support_override.html", {"form": form}, status=status)
    )

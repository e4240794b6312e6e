"""/aftercare/: a centre's contacts due and flags to review; a person's exit plan."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.aftercare.actions import (
    exit_plan_record,
    follow_up_contact_record,
    retrafficking_flag_review,
)
from nrm.aftercare.forms import ContactForm, ExitPlanForm, FlagReviewForm
from nrm.aftercare.queries import (
    aftercare_for_actor,
    contacts_due_for_actor,
    flags_open_for_actor,
    list_audited,
    persons_of,
)
from nrm.care.queries import require_care_role
from nrm.core.errors import DomainError
from nrm.core.http import actor_view, form_error, no_store


@actor_view
def overview(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_care_role(actor)
    contacts = list(contacts_due_for_actor(actor, today=timezone.localdate())[:200])
    flags = list(flags_open_for_actor(actor)[:200])
    list_audited(actor, persons_of(contacts) + persons_of(flags), action="aftercare_list")
    context = {"contacts": contacts, "flags": flags}
    return no_store(render(request, "aftercare/overview.html", context))


@actor_view
def person(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    view = aftercare_for_actor(actor, reference)
    plan_form = ExitPlanForm()
    posted_contact: ContactForm | None = None
    status = 200
    step = request.POST.get("step") if request.method == "POST" else None
    if step == "plan":
        plan_form = ExitPlanForm(request.POST)
        status = 400
        if plan_form.is_valid():
            try:
                exit_plan_record(actor=actor, person=view.person, **plan_form.cleaned_data)
            except DomainError as exc:
                status = form_error(plan_form, exc)
            else:
                messages.success(
                    request, _("Exit plan recorded; the follow-up contacts are scheduled.")
                )
                return redirect("aftercare:person", reference=view.person.reference)
    elif step == "contact":
        posted_contact = ContactForm(request.POST)
        status = 400
        if posted_contact.is_valid():
            data = posted_contact.cleaned_data
            try:
                follow_up_contact_record(
                    actor=actor,
                    contact_id=data["contact"],
                    done_on=data["done_on"],
                    channel=data["channel"],
                    outcome=data["outcome"],
                    note=data["note"],
                )
            except DomainError as exc:
                status = form_error(posted_contact, exc)
            else:
                messages.success(request, _("Follow-up contact recorded."))
                return redirect("aftercare:person", reference=view.person.reference)
    elif step == "flag":
        flag_form = FlagReviewForm(request.POST)
        status = 400
        if flag_form.is_valid():
            retrafficking_flag_review(
                actor=actor,
                flag_id=flag_form.cleaned_data["flag"],
                confirmed=flag_form.cleaned_data["confirmed"],
            )
            messages.success(request, _("Flag reviewed."))
            return redirect("aftercare:person", reference=view.person.reference)
        messages.error(request, _("Say whether the person was trafficked again."))
    elif step is not None:
        status = 400

    def contact_form(contact_id: int) -> ContactForm:
        if posted_contact is not None and posted_contact.data.get("contact") == str(contact_id):
            return posted_contact
        return ContactForm(initial={"contact": contact_id})

    context = {
        "view": view,
        "plan_form": plan_form,
        "open_contacts": [(c, contact_form(c.pk)) for c in view.contacts if c.done_on is None],
        "done_contacts": [c for c in view.contacts if c.done_on is not None],
        "flag_form": FlagReviewForm(),
    }
    return no_store(render(request, "aftercare/person.html", context, status=status))

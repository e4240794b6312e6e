"""/consent/<reference>/: the person's consent by purpose and how (not) to contact them."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.consent.actions import consent_record, consent_withdraw, safe_contact_save
from nrm.consent.forms import ConsentForm, NeverUseFormSet, SafeContactForm, safe_contact_data
from nrm.consent.queries import person_say_for_actor
from nrm.core.errors import DomainError
from nrm.core.http import actor_view, form_error, no_store


@actor_view
def person_say(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    say = person_say_for_actor(actor, reference)
    safe = say.safe_contact
    consent_form = ConsentForm(initial={"language": (say.person.languages or ["en"])[0]})
    safe_form = SafeContactForm(
        initial={
            "version": safe.version if safe else 0,
            "how": safe.how if safe else "",
            "when": safe.when if safe else "",
            "where": safe.where if safe else "",
        }
    )
    never = NeverUseFormSet(initial=(safe.never_use or []) if safe else [], prefix="never")
    status = 200
    step = request.POST.get("step") if request.method == "POST" else None
    back = redirect("consent:person", reference=say.person.reference)
    if step == "consent":
        consent_form = ConsentForm(request.POST)
        status = 400
        if consent_form.is_valid():
            try:
                consent_record(actor=actor, person=say.person, answer=consent_form.answer())
            except DomainError as exc:
                status = form_error(consent_form, exc)
            else:
                messages.success(request, _("Answer recorded."))
                return back
    elif step == "withdraw":
        try:
            consent_id = int(request.POST.get("consent", ""))
        except ValueError:
            consent_id = 0
        consent_withdraw(actor=actor, consent_id=consent_id)
        messages.success(request, _("Consent withdrawn from today."))
        return back
    elif step == "safe":
        safe_form = SafeContactForm(request.POST)
        never = NeverUseFormSet(request.POST, prefix="never")
        status = 400
        if safe_form.is_valid() and never.is_valid():
            try:
                safe_contact_save(
                    actor=actor,
                    person=say.person,
                    expected_version=safe_form.cleaned_data["version"] or 0,
                    data=safe_contact_data(safe_form, never),
                )
            except DomainError as exc:
                status = form_error(safe_form, exc)
            else:
                messages.success(request, _("Safe contact saved."))
                return back
    elif step is not None:
        status = 400
    context = {"say": say, "consent_form": consent_form, "safe_form": safe_form, "never": never}
    return no_store(render(request, "consent/person.html", context, status=status))

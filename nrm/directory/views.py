"""/directory/: the vetted providers, searchable by everyone on the platform, kept by the
coordination unit."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.coordination.queries import is_coordinator
from nrm.core.errors import DomainError
from nrm.core.http import actor_view, form_error, htmx
from nrm.directory.actions import (
    provider_create,
    provider_suspend,
    provider_update,
    provider_vet,
)
from nrm.directory.forms import ProviderFilterForm, ProviderForm, SuspendForm, VetForm
from nrm.directory.queries import (
    provider_get_for_actor,
    providers_for_actor,
    require_keeper,
    require_reader,
)


@actor_view
def provider_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_reader(actor)
    filters = ProviderFilterForm(request.GET or None)
    status = 200
    if filters.is_valid():
        providers = providers_for_actor(
            actor,
            **filters.cleaned_data,
            include_suspended=request.GET.get("suspended") == "1",
        )
    elif filters.is_bound:
        status = 400
        providers = providers_for_actor(actor).none()
    else:
        providers = providers_for_actor(actor)
    context = {
        "filters": filters,
        "providers": list(providers[:500]),
        "keeper": is_coordinator(actor),
        "today": timezone.localdate(),
    }
    template = "directory/list.html#provider-table" if htmx(request) else "directory/list.html"
    return render(request, template, context, status=status)


@actor_view
def provider_detail(request: HttpRequest, actor: Actor, provider_id: int) -> HttpResponse:
    provider = provider_get_for_actor(actor, provider_id)
    keeper = is_coordinator(actor)
    context = {
        "provider": provider,
        "keeper": keeper,
        "vet_form": VetForm(initial={"version": provider.version}) if keeper else None,
        "suspend_form": SuspendForm(initial={"version": provider.version}) if keeper else None,
        "today": timezone.localdate(),
    }
    return render(request, "directory/detail.html", context)


@actor_view
def provider_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_keeper(actor)
    form = ProviderForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                provider = provider_create(
                    actor=actor, data=form.data_object(), vetted_on=form.cleaned_data["vetted_on"]
                )
            except DomainError as exc:
                status = form_error(form, exc)
            else:
                messages.success(request, _("Provider added to the directory."))
                return redirect("directory:provider", provider.pk)
    return render(request, "directory/form.html", {"form": form}, status=status)


@actor_view
def provider_edit(request: HttpRequest, actor: Actor, provider_id: int) -> HttpResponse:
    require_keeper(actor)
    provider = provider_get_for_actor(actor, provider_id)
    form = ProviderForm(request.POST or None, provider=provider)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                provider_update(
                    actor=actor,
                    provider_id=provider.pk,
                    expected_version=form.cleaned_data["version"] or 0,
                    data=form.data_object(),
                )
            except DomainError as exc:
                status = form_error(form, exc)
            else:
                messages.success(request, _("Provider updated."))
                return redirect("directory:provider", provider.pk)
    context = {"form": form, "provider": provider}
    return render(request, "directory/form.html", context, status=status)


@actor_view
def provider_vet_view(request: HttpRequest, actor: Actor, provider_id: int) -> HttpResponse:
    return _step(request, actor, provider_id, "vet")


@actor_view
def provider_suspend_view(request: HttpRequest, actor: Actor, provider_id: int) -> HttpResponse:
    return _step(request, actor, provider_id, "suspend")


def _step(request: HttpRequest, actor: Actor, provider_id: int, step: str) -> HttpResponse:
    require_keeper(actor)
    provider = provider_get_for_actor(actor, provider_id)
    if request.method != "POST":
        return redirect("directory:provider", provider.pk)
    vet_form = VetForm(
        request.POST if step == "vet" else None, initial={"version": provider.version}
    )
    suspend_form = SuspendForm(
        request.POST if step == "suspend" else None, initial={"version": provider.version}
    )
    form = vet_form if step == "vet" else suspend_form
    status = 400
    if form.is_valid():
        try:
            if step == "vet":
                provider_vet(
                    actor=actor,
                    provider_id=provider.pk,
                    expected_version=form.cleaned_data["version"],
                    on=form.cleaned_data["on"],
                )
                messages.success(request, _("Vetting recorded; the next one is due in a year."))
            else:
                provider_suspend(
                    actor=actor,
                    provider_id=provider.pk,
                    expected_version=form.cleaned_data["version"],
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("Provider suspended."))
        except DomainError as exc:
            status = form_error(form, exc)
        else:
            return redirect("directory:provider", provider.pk)
    context = {
        "provider": provider,
        "keeper": True,
        "vet_form": vet_form,
        "suspend_form": suspend_form,
        "today": timezone.localdate(),
    }
    return render(request, "directory/detail.html", context, status=status)

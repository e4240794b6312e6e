"""Administrators' pages: accounts, memberships, organisations and the audit chain."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from nrm.access.audit import audit_verify
from nrm.access.context import Actor
from nrm.access.policy import Ability, decide
from nrm.administration.actions import (
    membership_approve,
    membership_end,
    membership_grant,
    membership_refuse,
    organisation_create,
    user_create,
    user_password_reset,
    user_set_active,
    user_unlock,
)
from nrm.administration.forms import MembershipGrantForm, OrganisationForm, UserCreateForm
from nrm.administration.queries import (
    audit_events_for_admin,
    locked_usernames,
    organisations_visible_to,
    user_get_for_actor,
    users_visible_to,
)
from nrm.core.errors import DomainError, NotFound, PermissionDenied
from nrm.core.http import actor_view, form_error
from nrm.organisations.models import Membership

MEMBERSHIP_COMMANDS = {
    "end-membership": (membership_end, _lazy("Membership ended.")),
    "approve-membership": (membership_approve, _lazy("Membership approved.")),
    "refuse-membership": (membership_refuse, _lazy("Membership refused.")),
}


def _site_url(request: HttpRequest) -> str:
    """Where the links in the mails point: the address the administrator uses."""
    return request.build_absolute_uri("/").rstrip("/")


def _require(actor: Actor, ability: Ability) -> None:
    if not decide(actor, ability).allowed:
        raise NotFound(_("No such page."))


@actor_view
def user_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    _require(actor, Ability.USERS_MANAGE)
    return render(
        request,
        "administration/user_list.html",
        {"users": users_visible_to(actor), "locked": locked_usernames()},
    )


@actor_view
def user_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    _require(actor, Ability.USERS_MANAGE)
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                user, _password = user_create(
                    actor=actor,
                    username=data["username"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    site_url=_site_url(request),
                )
                membership_grant(
                    actor=actor, user=user, organisation=data["organisation"], role=data["role"]
                )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "The account is created. %(username)s receives an e-mail with a link to "
                    "choose a password and set up the second factor."
                )
                % {"username": user.username},
            )
            return redirect("administration:user_detail", user_id=user.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "administration/user_new.html", {"form": form}, status=status)


@actor_view
def user_detail(request: HttpRequest, actor: Actor, user_id: int) -> HttpResponse:
    _require(actor, Ability.USERS_MANAGE)
    account = user_get_for_actor(actor, user_id)
    form = MembershipGrantForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                membership_grant(
                    actor=actor,
                    user=account,
                    organisation=form.cleaned_data["organisation"],
                    role=form.cleaned_data["role"],
                )
            except DomainError as exc:
                # A refusal that names no field is about the role asked for.
                status = form_error(form, exc, fields={"": "role"})
            else:
                messages.success(request, _("Membership added."))
                return redirect("administration:user_detail", user_id=account.pk)
        else:
            status = 400
    memberships = Membership.objects.filter(user=account).select_related(
        "organisation", "approval__requested_by", "approval__decided_by"
    )
    return render(
        request,
        "administration/user_detail.html",
        {
            "account": account,
            "memberships": memberships,
            "form": form,
            "locked": account.username in locked_usernames(),
        },
        status=status,
    )


@actor_view
@require_POST
def user_command(request: HttpRequest, actor: Actor, user_id: int, command: str) -> HttpResponse:
    _require(actor, Ability.USERS_MANAGE)
    account = user_get_for_actor(actor, user_id)
    try:
        if command == "reset":
            user_password_reset(actor=actor, user=account, site_url=_site_url(request))
            messages.success(
                request,
                _(
                    "The password and second factor are reset, and the account's sessions and "
                    "API tokens have ended. %(username)s receives an e-mail with a link to "
                    "choose a new password and set up a new second factor."
                )
                % {"username": account.username},
            )
        elif command == "unlock":
            user_unlock(actor=actor, user=account)
            messages.success(request, _("The account is unlocked."))
        elif command in {"activate", "deactivate"}:
            user_set_active(actor=actor, user=account, active=command == "activate")
            messages.success(request, _("Saved."))
        elif command in MEMBERSHIP_COMMANDS:
            membership_id = request.POST.get("membership", "")
            membership = (
                Membership.objects.filter(pk=int(membership_id), user=account).first()
                if membership_id.isdigit() and len(membership_id) < 19
                else None
            )
            if membership is None:
                raise NotFound(_("No such membership."))
            action, done = MEMBERSHIP_COMMANDS[command]
            action(actor=actor, membership=membership)
            messages.success(request, str(done))
        else:
            raise NotFound(_("No such page."))
    except PermissionDenied:
        raise
    except DomainError as exc:
        if isinstance(exc, NotFound):
            raise
        messages.error(request, exc.message)
    return redirect("administration:user_detail", user_id=account.pk)


@actor_view
def organisation_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    _require(actor, Ability.ORGANISATIONS_MANAGE)
    form = OrganisationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                organisation_create(
                    actor=actor,
                    name=data["name"],
                    short_name=data["short_name"],
                    type=data["type"],
                    country=data["country"],
                    region=data["region"],
                    judicial_district=data["judicial_district"],
                )
            except DomainError as exc:
                form_error(form, exc)
                status = 400
            else:
                messages.success(request, _("Organisation added."))
                return redirect("administration:organisations")
        else:
            status = 400
    return render(
        request,
        "administration/organisation_list.html",
        {"organisations": organisations_visible_to(actor), "form": form},
        status=status,
    )


@actor_view
def audit_overview(request: HttpRequest, actor: Actor) -> HttpResponse:
    _require(actor, Ability.AUDIT_VERIFY)
    check = audit_verify() if request.method == "POST" else None
    return render(
        request,
        "administration/audit.html",
        {"events": audit_events_for_admin(actor), "check": check},
    )

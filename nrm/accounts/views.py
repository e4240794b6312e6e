"""Sign-in with password and second factor, sign-out, password change, organisation switch,
and one's own API tokens."""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from nrm.access.context import Actor
from nrm.accounts.actions import (
    totp_device_confirm,
    totp_device_start,
    user_password_change,
    user_sign_in_failed_record,
    user_sign_in_record,
    user_sign_out_record,
)
from nrm.accounts.forms import (
    ApiTokenForm,
    CodeForm,
    MembershipSwitchForm,
    PasswordChangeForm,
    SignInForm,
)
from nrm.accounts.middleware import SESSION_MEMBERSHIP
from nrm.accounts.models import User
from nrm.api.actions import api_token_create, api_token_revoke
from nrm.api.queries import api_token_get_for_actor, api_tokens_of
from nrm.core.errors import DomainError, PermissionDenied
from nrm.core.http import actor_of, actor_view, form_error, no_store

PENDING_USER = "nrm_pending_user_id"
PENDING_DEVICE = "nrm_pending_device_id"


def locked_out(
    request: HttpRequest, credentials: dict[str, Any] | None = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """django-axes calls this when a username is locked; the same page, with the reason."""
    form = SignInForm(request.POST or None)
    return render(
        request,
        "accounts/sign_in.html",
        {
            "form": form,
            "error": _(
                "Too many failed attempts. This account is locked for a while; "
                "an administrator can unlock it sooner."
            ),
        },
        status=429,
    )


def _confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def _complete_sign_in(request: HttpRequest, user: User, device: TOTPDevice | None) -> HttpResponse:
    request.session.pop(PENDING_USER, None)
    request.session.pop(PENDING_DEVICE, None)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if device is not None:
        otp_login(request, device)
    first = user.memberships.filter(ended_at__isnull=True).order_by("id").first()
    if first is not None:
        request.session[SESSION_MEMBERSHIP] = first.pk
    user_sign_in_record(user=user)
    return redirect(reverse("home:index"))


def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(reverse("home:index"))
    form = SignInForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if not isinstance(user, User):
            # Attempts on a locked account are recorded too: they are the ones to notice.
            user_sign_in_failed_record(
                user=User.objects.filter(username=form.cleaned_data["username"]).first()
            )
            if getattr(request, "axes_locked_out", False):
                return locked_out(request)
            error = _("The username or password is not right.")
        else:
            request.session.cycle_key()
            request.session[PENDING_USER] = user.pk
            if _confirmed_device(user) is not None:
                return redirect(reverse("accounts:verify"))
            if settings.NRM_OTP_REQUIRED:
                return redirect(reverse("accounts:enrol"))
            return _complete_sign_in(request, user, None)
    return render(request, "accounts/sign_in.html", {"form": form, "error": error})


def _pending_user(request: HttpRequest) -> User | None:
    user_id = request.session.get(PENDING_USER)
    return User.objects.filter(pk=user_id, is_active=True).first() if user_id else None


def verify(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    device = _confirmed_device(user) if user else None
    if user is None or device is None:
        return redirect(reverse("accounts:login"))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            return _complete_sign_in(request, user, device)
        user_sign_in_failed_record(user=user)
        form.add_error("code", _("That code is not right, or it has expired. Try the current one."))
    demo_code = _demo_code(device) if settings.NRM_DEMO else None
    return render(request, "accounts/verify.html", {"form": form, "demo_code": demo_code})


def _demo_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def enrol(request: HttpRequest) -> HttpResponse:
    """First sign-in without a second factor: scan the secret, prove it with one code."""
    user = _pending_user(request)
    if user is None:
        return redirect(reverse("accounts:login"))
    if _confirmed_device(user) is not None:
        # Enrolling replaces the second factor: with one in place, the password alone must
        # not let anyone set up their own phone. A lost phone is an administrator's reset.
        return redirect(reverse("accounts:verify"))
    device = None
    device_id = request.session.get(PENDING_DEVICE)
    if device_id:
        device = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()
    if device is None:
        device = totp_device_start(user=user)
        request.session[PENDING_DEVICE] = device.pk
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            totp_device_confirm(user=user, device=device)
            return _complete_sign_in(request, user, device)
        form.add_error(
            "code", _("That code is not right. Check the time on your phone and try again.")
        )
    qr = segno.make(device.config_url, error="m")
    secret = base64.b32encode(device.bin_key).decode("ascii")
    return render(
        request,
        "accounts/enrol.html",
        {"form": form, "qr": qr.svg_data_uri(scale=5), "secret": secret},
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    actor = getattr(request, "actor", None)
    if actor is not None:
        user_sign_out_record(actor=actor)
    logout(request)
    messages.info(request, _("You are signed out."))
    return redirect(reverse("accounts:login"))


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    form = PasswordChangeForm(request.POST or None)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            user = user_password_change(
                actor=actor,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password1"],
            )
        except DomainError as exc:
            if exc.field == "old_password":
                form.add_error("old_password", _("Your current password is not right."))
            else:
                form.add_error(exc.field, exc.message)
        else:
            update_session_auth_hash(request, user)
            messages.success(request, _("Your password is changed."))
            return redirect(reverse("home:index"))
    return render(
        request,
        "accounts/password_change.html",
        {"form": form, "forced": request.user.must_change_password},  # type: ignore[union-attr]
        status=status,
    )


@login_required
@require_POST
def switch_membership(request: HttpRequest) -> HttpResponse:
    form = MembershipSwitchForm(request.POST)
    if form.is_valid():
        membership = request.user.memberships.filter(  # type: ignore[union-attr]
            pk=form.cleaned_data["membership"], ended_at__isnull=True
        ).first()
        if membership is not None:
            request.session[SESSION_MEMBERSHIP] = membership.pk
            messages.info(
                request,
                _("You now act for %(organisation)s as %(role)s.")
                % {"organisation": membership.organisation, "role": membership.get_role_display()},
            )
    return redirect(reverse("home:index"))


@actor_view
def token_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    """Create (the secret is shown once), list and revoke one's own API tokens."""
    form = ApiTokenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                token, plaintext = api_token_create(
                    actor=actor, label=form.cleaned_data["label"], days=form.cleaned_data["days"]
                )
            except PermissionDenied:
                # No active membership: a refusal of what the account may do, not of input.
                raise
            except DomainError as exc:
                form_error(form, exc)
            else:
                return no_store(
                    render(
                        request,
                        "accounts/token_once.html",
                        {"token": token, "plaintext": plaintext},
                    )
                )
    return no_store(
        render(
            request,
            "accounts/tokens.html",
            {"form": form, "tokens": api_tokens_of(actor), "now": timezone.now()},
            status=status,
        )
    )


@actor_view
@require_POST
def token_revoke(request: HttpRequest, actor: Actor, token_id: int) -> HttpResponse:
    token = api_token_get_for_actor(actor, token_id)
    api_token_revoke(actor=actor, token=token)
    messages.success(request, _("The token %(label)s is revoked.") % {"label": token.label})
    return redirect(reverse("accounts:tokens"))

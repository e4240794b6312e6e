"""Sign-in with password and second factor, sign-out, password change, organisation switch,
and one's own API tokens."""

from __future__ import annotations

import base64
import math
from datetime import datetime, timedelta

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.tokens import default_token_generator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from nrm.access.context import Actor
from nrm.accounts import throttle
from nrm.accounts.actions import (
    api_token_create,
    api_token_revoke,
    totp_device_confirm,
    totp_device_start,
    user_password_change,
    user_password_recover,
    user_sign_in_failed_record,
    user_sign_in_record,
    user_sign_out_record,
)
from nrm.accounts.forms import (
    ApiTokenForm,
    CodeForm,
    MembershipSwitchForm,
    NewPasswordForm,
    PasswordChangeForm,
    SignInForm,
)
from nrm.accounts.middleware import SESSION_MEMBERSHIP
from nrm.accounts.models import User
from nrm.accounts.queries import api_token_get_for_actor, api_tokens_of, effective_memberships
from nrm.core.errors import DomainError, PermissionDenied
from nrm.core.http import actor_of, actor_view, form_error, no_store

PENDING_USER = "nrm_pending_user_id"
PENDING_DEVICE = "nrm_pending_device_id"


def _seconds(delay: timedelta) -> int:
    return max(1, math.ceil(delay.total_seconds()))


def _throttled(request: HttpRequest, form: SignInForm, delay: timedelta) -> HttpResponse:
    """The sign-in page with the wait, before any password is checked."""
    seconds = _seconds(delay)
    response = render(
        request,
        "accounts/sign_in.html",
        {
            "form": form,
            "error": ngettext(
                "Too many failed sign-ins. Wait %(seconds)d second, then try again.",
                "Too many failed sign-ins. Wait %(seconds)d seconds, then try again.",
                seconds,
            )
            % {"seconds": seconds},
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


def _confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def _complete_sign_in(request: HttpRequest, user: User, device: TOTPDevice | None) -> HttpResponse:
    request.session.pop(PENDING_USER, None)
    request.session.pop(PENDING_DEVICE, None)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if device is not None:
        otp_login(request, device)
    first = effective_memberships(user.pk).first()
    if first is not None:
        request.session[SESSION_MEMBERSHIP] = first.pk
    user_sign_in_record(user=user)
    throttle.record_success(throttle.keys_for(request, user.username))
    response = redirect(reverse("home:index"))
    throttle.remember_device(response, user.username)
    return response


def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(reverse("home:index"))
    form = SignInForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        keys = throttle.keys_for(request, form.cleaned_data["username"])
        now = throttle.clock()
        delay = throttle.wait(keys, now)
        if delay:
            # Refused before the password is checked, so waiting attempts reveal nothing;
            # still recorded: they are the ones to notice.
            user_sign_in_failed_record(
                user=User.objects.filter(username=form.cleaned_data["username"]).first()
            )
            return _throttled(request, form, delay)
        user = authenticate(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if not isinstance(user, User):
            throttle.record_failure(keys, now)
            user_sign_in_failed_record(
                user=User.objects.filter(username=form.cleaned_data["username"]).first()
            )
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
    retry_after = 0
    if request.method == "POST" and form.is_valid():
        # django-otp doubles the wait after each wrong code; say so instead of calling a
        # right code wrong while the device is throttled.
        allowed, why = device.verify_is_allowed()
        locked_until = (why or {}).get("locked_until")
        if not allowed and isinstance(locked_until, datetime):
            seconds = retry_after = _seconds(locked_until - throttle.clock())
            form.add_error(
                "code",
                ngettext(
                    "Too many wrong codes. Wait %(seconds)d second, then enter the code your "
                    "app shows at that moment.",
                    "Too many wrong codes. Wait %(seconds)d seconds, then enter the code your "
                    "app shows at that moment.",
                    seconds,
                )
                % {"seconds": seconds},
            )
        elif device.verify_token(form.cleaned_data["code"]):
            return _complete_sign_in(request, user, device)
        else:
            user_sign_in_failed_record(user=user)
            form.add_error(
                "code", _("That code is not right, or it has expired. Try the current one.")
            )
    demo_code = _demo_code(device) if settings.NRM_DEMO else None
    response = render(
        request,
        "accounts/verify.html",
        {"form": form, "demo_code": demo_code},
        status=429 if retry_after else 200,
    )
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _demo_code(device: TOTPDevice) -> str:
    """The code the page may show in the demo: the current one, or, once the current one
    has been used (django-otp refuses a code twice), the next one, which its one-step
    tolerance accepts now. Never a code the form would then refuse."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if device.last_t is not None and totp.t() <= device.last_t:
        # The instant of the step after the last one used (t counts steps from t0, shifted
        # by the device's drift).
        totp.time = device.t0 + (device.last_t + 1 - device.drift) * device.step
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
    response = redirect(reverse("accounts:login"))
    # The browser drops what it cached of the signed-in pages (the sign-in page's script
    # forgets htmx's history snapshots, which this header does not reach).
    response["Clear-Site-Data"] = '"cache"'
    return response


def recover(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link sent after a reset or for a new account: choose a password, then enrol a new
    second factor. Only the person holding the mail gets here; the link works once."""
    try:
        user_id = int(force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError):
        user_id = 0
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "accounts/recover_invalid.html", status=404)
    form = NewPasswordForm(request.POST or None)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            user = user_password_recover(user=user, new_password=form.cleaned_data["new_password1"])
        except DomainError as exc:
            form_error(form, exc)
        else:
            request.session.cycle_key()
            request.session[PENDING_USER] = user.pk
            if _confirmed_device(user) is not None:
                return redirect(reverse("accounts:verify"))
            if settings.NRM_OTP_REQUIRED:
                return redirect(reverse("accounts:enrol"))
            return _complete_sign_in(request, user, None)
    return no_store(
        render(request, "accounts/recover.html", {"form": form, "account": user}, status=status)
    )


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
                form_error(form, exc)
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
        membership = (
            effective_memberships(request.user.pk)  # type: ignore[arg-type]
            .filter(pk=form.cleaned_data["membership"])
            .first()
        )
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

"""Attach the actor to each request and hold users to the sign-in policy."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from nrm.access.context import Actor
from nrm.accounts.queries import effective_memberships

SESSION_MEMBERSHIP = "nrm_membership_id"


class SignInPolicyMiddleware:
    # Paths a signed-in user who must change their password may still reach.
    _open_prefixes = ("/accounts/", "/i18n/", "/static/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.actor = None  # type: ignore[attr-defined]
        user = request.user
        if user.is_authenticated:
            if settings.NRM_OTP_REQUIRED and not user.is_verified():  # type: ignore[attr-defined]
                # Signed in without a verified second factor: not a state we ever create,
                # so treat it as tampering and start over.
                logout(request)
                return redirect(reverse("accounts:login"))
            # Only an effective membership acts: not ended and, for a role that opens case
            # data, approved by a second administrator.
            effective = effective_memberships(user.pk)
            membership_id = request.session.get(SESSION_MEMBERSHIP)
            membership = (
                effective.filter(pk=membership_id).first() if membership_id is not None else None
            )
            if membership is None:
                membership = effective.first()
            request.actor = Actor(user=user, membership=membership)  # type: ignore[attr-defined]
            if user.must_change_password and not request.path.startswith(self._open_prefixes):
                return redirect(reverse("accounts:password_change"))
        return self.get_response(request)

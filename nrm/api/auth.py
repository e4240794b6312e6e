"""Token or session authentication for the JSON API, and its one error shape."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from nrm.access.context import Actor, actor_for
from nrm.accounts.queries import effective_filter
from nrm.api.models import ApiToken, token_digest
from nrm.core.errors import DomainError

ApiView = Callable[..., HttpResponse]


def error(
    status: int, code: str, message: str, field: str | None = None, **extra: Any
) -> JsonResponse:
    body: dict[str, Any] = {"error": {"code": code, "message": message}}
    if field:
        body["error"]["field"] = field
    body["error"].update(extra)
    return JsonResponse(body, status=status)


def _token_actor(request: HttpRequest) -> Actor | None:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    token = (
        ApiToken.objects.select_related("membership__user", "membership__organisation")
        .filter(
            digest=token_digest(header.removeprefix("Bearer ").strip()),
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
            membership__user__is_active=True,
        )
        .filter(effective_filter("membership__"))
        .first()
    )
    return actor_for(token.membership.user, token.membership) if token else None


def api_view(view: Callable[..., HttpResponse]) -> ApiView:
    """Authenticate, pass the actor, and turn domain errors into the API's error shape."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        actor = _token_actor(request)
        if actor is None and "Authorization" not in request.headers:
            # Session callers (the pages' own scripts) are held to CSRF like any form.
            actor = getattr(request, "actor", None)
            if actor is not None and request.method not in {"GET", "HEAD", "OPTIONS"}:
                from django.middleware.csrf import CsrfViewMiddleware

                # Checked against `view`: `wrapper` is csrf_exempt, which the check honours.
                reason = CsrfViewMiddleware(lambda r: HttpResponse()).process_view(
                    request, view, args, kwargs
                )
                if reason is not None:
                    return error(403, "csrf", _("The CSRF token is missing or wrong."))
        if actor is None:
            return error(401, "unauthenticated", _("Authentication is required."))
        try:
            return view(request, actor, *args, **kwargs)
        except DomainError as exc:
            return error(exc.status, exc.code, exc.message, exc.field)

    return wrapper

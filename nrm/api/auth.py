"""TEMPORARY: the hand-written decorator, kept only for `inspections/api.py` and
`prosecution/api.py` until helper H2 turns them into ninja routers (issue 10). Delete this
file, and the legacy paths in `nrm/api/urls.py`, when nothing imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from nrm.accounts.queries import api_token_actor
from nrm.core.api.errors import error_response
from nrm.core.errors import DomainError, http_status_for

ApiView = Callable[..., HttpResponse]


def error(
    status: int, code: str, message: str, field: str | None = None, **extra: Any
) -> JsonResponse:
    return error_response(status, code, message, field, **extra)


def api_view(view: Callable[..., HttpResponse]) -> ApiView:
    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        header = request.headers.get("Authorization", "")
        actor = (
            api_token_actor(header.removeprefix("Bearer ").strip())
            if header.startswith("Bearer ")
            else None
        )
        if actor is None and "Authorization" not in request.headers:
            actor = getattr(request, "actor", None)
            if actor is not None and request.method not in {"GET", "HEAD", "OPTIONS"}:
                from django.middleware.csrf import CsrfViewMiddleware

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
            return error(http_status_for(exc), exc.code, exc.message, exc.field)

    return wrapper

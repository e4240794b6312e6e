"""Who calls the API: another system with a bearer token, or the pages' own scripts with
the signed-in session (held to CSRF like any form).

The edge passes the resolvers (`nrm/api/urls.py`): tokens are `nrm.accounts`' business and
the session's actor is attached by its middleware, neither of which `core` may import.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from nrm.core.api.errors import CsrfRefused

T = TypeVar("T")
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`; `resolve` returns the caller or None (401)."""

    openapi_scheme = "bearer"

    def __init__(self, resolve: Callable[[str], object | None]) -> None:
        self.resolve = resolve
        super().__init__()

    def authenticate(self, request: HttpRequest, token: str) -> object | None:
        return self.resolve(token.strip())


class SessionActor(APIKeyCookie):
    """The signed-in session's actor, as the middleware attached it (`request.actor`).

    Never a fallback for a bad token: a request that sends `Authorization` is judged by
    its token alone. Unsafe methods need the CSRF token, as a form would."""

    def __init__(self, attribute: str = "actor") -> None:
        self.param_name = settings.SESSION_COOKIE_NAME
        self.attribute = attribute
        super().__init__(csrf=False)  # checked below, only when a session actor is present

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> object | None:
        if "Authorization" in request.headers:
            return None
        actor: object | None = getattr(request, self.attribute, None)
        if actor is None:
            return None
        if request.method not in _SAFE_METHODS and check_csrf(request) is not None:
            raise CsrfRefused
        return actor


def caller(request: HttpRequest, kind: type[T]) -> T:
    """The authenticated caller, typed: `actor = caller(request, Actor)` in an operation."""
    found: Any = getattr(request, "auth", None)
    if not isinstance(found, kind):  # an operation declared without auth asked for one
        raise TypeError(f"{request.path} has no authenticated {kind.__name__}")
    return found

"""Every answer to a signed-in user or an API caller is kept by no browser and no proxy.

Pages show identities, care notes, the secret shelter address; the API returns the same.
One rule at the edge instead of each view remembering `no_store` (issue 11 §7). A view
that answers the same to everyone and says so (`Cache-Control: public`, the public guide)
keeps its header: nothing in it identifies the reader.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.http import HttpRequest, HttpResponse

NO_STORE = "no-store"


def _for_an_identified_caller(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return (
        bool(user is not None and user.is_authenticated)
        or "Authorization" in request.headers
        or request.path.startswith("/api/")
    )


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not _for_an_identified_caller(request):
            return response
        if "public" in response.get("Cache-Control", ""):
            return response
        response["Cache-Control"] = NO_STORE
        return response


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, except that a request a page makes by itself in the background (the menu's
    inbox count, loaded after the page) leaves the session alone.

    Sessions are saved on every request (they expire after 30 minutes without activity);
    a background read must neither extend that nor write the session row while the page's
    own requests may be writing it (SQLite locks the table). A view marks its request with
    `leave_session_alone(request)`; it must not change the session itself."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if getattr(request, "nrm_leave_session_alone", False) and not request.session.modified:
            return response
        return super().process_response(request, response)


def leave_session_alone(request: HttpRequest) -> None:
    request.nrm_leave_session_alone = True  # type: ignore[attr-defined]

"""Every answer to a signed-in user or an API caller is kept by no browser and no proxy.

Pages show identities, care notes, the secret shelter address; the API returns the same.
One rule at the edge instead of each view remembering `no_store` (issue 11 §7). A view
that answers the same to everyone and says so (`Cache-Control: public`, the public guide)
keeps its header: nothing in it identifies the reader.
"""

from __future__ import annotations

from collections.abc import Callable

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

"""Small helpers the page views share."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec

from django.contrib.auth.views import redirect_to_login
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from nrm.core.errors import DomainError, NotFound, PermissionDenied

if TYPE_CHECKING:
    from nrm.access.context import Actor

P = ParamSpec("P")


def actor_of(request: HttpRequest) -> Actor:
    actor = getattr(request, "actor", None)
    if actor is None:
        raise Http404
    return actor  # type: ignore[no-any-return]


def actor_view(
    view: Callable[Concatenate[HttpRequest, Actor, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    """A page for signed-in staff: passes the actor; maps domain refusals to 404 and 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        actor = getattr(request, "actor", None)
        if actor is None:
            return redirect_to_login(request.get_full_path())
        try:
            return view(request, actor, *args, **kwargs)
        except NotFound as exc:
            raise Http404 from exc
        except PermissionDenied as exc:
            return render(request, "403.html", {"reason": exc.message}, status=403)

    return wrapper  # type: ignore[return-value]


def form_error(form: BaseForm, exc: DomainError) -> None:
    """Show an action's refusal at the field it names, or above the form."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def no_store(response: HttpResponse, *_: Any) -> HttpResponse:
    """Pages with identities must not be kept by the browser or a proxy."""
    response["Cache-Control"] = "no-store"
    return response

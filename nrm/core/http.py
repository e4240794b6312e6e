"""Small helpers the page views share."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec

from django.contrib.auth.views import redirect_to_login
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied

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
    """A page for signed-in staff: passes the actor; maps domain refusals to 404, 403 and 409.

    A view that wants a refusal on its form catches it itself (`form_error`); any other
    `Conflict` (the record changed meanwhile, or its state does not allow the step) is the
    page "Not possible now" with the reason, status 409, like the API's answer."""

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
        except Conflict as exc:
            return render(request, "409.html", {"reason": exc.message}, status=409)

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

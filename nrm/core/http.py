"""Small helpers the page views share."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec

from django.contrib.auth.views import redirect_to_login
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied, http_status_for
from nrm.core.workflow import action_kwargs

if TYPE_CHECKING:
    from nrm.access.context import Actor
    from nrm.core.workflow import Transition, Workflow

P = ParamSpec("P")


def actor_of(request: HttpRequest) -> Actor:
    actor = getattr(request, "actor", None)
    if actor is None:
        raise Http404
    return actor  # type: ignore[no-any-return]


def actor_view(
    view: Callable[Concatenate[HttpRequest, Actor, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    """A page for signed-in staff: passes the actor; answers a domain refusal by its status.

    The status comes from `http_status_for`, the API's mapping: 404 (the same page as a
    record that does not exist), 403 with the reason, 409 "Not possible now" with the
    reason (the record changed meanwhile, or its state does not allow the step), 400 "Not
    possible" for any other refusal a view did not put on its form (`form_error`)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        actor = getattr(request, "actor", None)
        if actor is None:
            return redirect_to_login(request.get_full_path())
        try:
            return view(request, actor, *args, **kwargs)
        except DomainError as exc:
            status = http_status_for(exc)
            if status == 404:
                raise Http404 from exc
            return render(request, f"{status}.html", {"reason": exc.message}, status=status)

    return wrapper  # type: ignore[return-value]


def form_error(
    form: BaseForm, exc: DomainError, *, fields: Mapping[str, str | None] | None = None
) -> int:
    """Show an action's refusal on its form and return the page's status (400, or 409).

    The error goes to the field it names (through `fields` where the form names it
    otherwise; the key "" places a refusal that names no field), or above the form.
    Not-found and forbidden are not the form's business: they go up to `actor_view`."""
    if isinstance(exc, NotFound | PermissionDenied):
        raise exc
    name = exc.field or ""
    field = fields.get(name, name) if fields is not None else name
    # A hidden field (the version a form was loaded at) shows no error: say it above.
    shown = field in form.fields and not form.fields[field].widget.is_hidden
    form.add_error(field if field and shown else None, exc.message)
    return http_status_for(exc)


def htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def no_store(response: HttpResponse, *_: Any) -> HttpResponse:
    """Pages with identities must not be kept by the browser or a proxy."""
    response["Cache-Control"] = "no-store"
    return response


@dataclass(frozen=True)
class Submitted:
    """What a page's post of a workflow transition came to (`submit`)."""

    form: BaseForm
    status: int  # 200 taken, 400 refused on the form, 409 conflict
    conflict: str = ""


def submit(
    workflow: Workflow[Any, Any],
    transition: Transition,
    record: Any,
    data: Mapping[str, Any],
    *,
    actor: Actor,
) -> Submitted:
    """A page's post of `transition`: bind its form, validate, run its action. The page
    renders the answer: the refusal is already on the form, the conflict's message apart."""
    form = workflow.bind(transition, record, data)
    if not form.is_valid():
        return Submitted(form, 400)
    try:
        workflow.run(transition, record, actor=actor, **action_kwargs(form))
    except Conflict as exc:
        return Submitted(form, 409, exc.message)
    except DomainError as exc:
        form_error(form, exc)
        return Submitted(form, 400)
    return Submitted(form, 200)

"""Decisions on a case file, taken from the transition registry (nrm.prosecution.workflow)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nrm.access.context import Actor
from nrm.core.errors import Conflict, DomainError, PermissionDenied
from nrm.core.http import actor_view, form_error
from nrm.core.workflow import action_kwargs
from nrm.prosecution import queries, workflow
from nrm.prosecution.views.case_page import _render_case


@require_POST
@actor_view
def case_decide(request: HttpRequest, actor: Actor, reference: str, name: str) -> HttpResponse:
    case = queries.case_get_for_actor(actor, reference, action="case_decide_view")
    transition = workflow.DECISIONS.transition(name)
    workflow.DECISIONS.require_party(transition, case, actor)
    form = workflow.DECISIONS.bind(transition, case, request.POST)
    if not form.is_valid():
        return _render_case(
            request, actor, case, bound_decision={name: form}, open_section="decisions", status=400
        )
    try:
        workflow.DECISIONS.run(transition, case, actor=actor, **action_kwargs(form))
    except PermissionDenied:
        raise
    except DomainError as exc:
        case.refresh_from_db()
        if isinstance(exc, Conflict):
            return _render_case(
                request, actor, case, error=exc.message, open_section="decisions", status=409
            )
        status = form_error(form, exc)
        return _render_case(
            request,
            actor,
            case,
            bound_decision={name: form},
            open_section="decisions",
            status=status,
        )
    messages.success(
        request, _("Decision recorded: %(decision)s.") % {"decision": transition.label}
    )
    return redirect(reverse("prosecution:detail", args=[case.reference]) + "#decisions")

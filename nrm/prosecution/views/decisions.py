"""Decisions on a case file, taken from the transition registry (nrm.prosecution.workflow)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nrm.access.context import Actor
from nrm.core.http import actor_view
from nrm.core.workflow import action_kwargs
from nrm.prosecution import queries, workflow
from nrm.prosecution.views.case_page import answer, attempt
from nrm.prosecution.views.sections import Bound


@require_POST
@actor_view
def case_decide(request: HttpRequest, actor: Actor, reference: str, name: str) -> HttpResponse:
    case = queries.case_get_for_actor(actor, reference, action="case_decide_view")
    transition = workflow.DECISIONS.transition(name)
    workflow.DECISIONS.require_party(transition, case, actor)
    form = workflow.DECISIONS.bind(transition, case, request.POST)
    if not form.is_valid():
        bound = Bound(decisions={name: form})
        return answer(request, actor, case, "decisions", bound=bound, status=400)
    status, error = attempt(
        form, lambda: workflow.DECISIONS.run(transition, case, actor=actor, **action_kwargs(form))
    )
    if status != 200:
        bound = Bound() if error else Bound(decisions={name: form})
        return answer(request, actor, case, "decisions", bound=bound, error=error, status=status)
    done = _("Decision recorded: %(decision)s.") % {"decision": transition.label}
    return answer(request, actor, case, "decisions", done=done)

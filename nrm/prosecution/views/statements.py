"""Protected statements and their disclosure."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nrm.access.context import Actor
from nrm.core import clock
from nrm.core.errors import Conflict, DomainError, PermissionDenied
from nrm.core.http import actor_view, form_error, no_store
from nrm.prosecution import actions, forms, permissions, queries
from nrm.prosecution.models import (
    CaseFile,
    ProtectedStatement,
)
from nrm.prosecution.views._common import (
    R,
)


def _statement(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.statement_record(
        actor=actor,
        case=case,
        victim=d["victim"],
        taken_on=d["taken_on"],
        text=d["text"],
        language=d["language"],
    )


# Statements and disclosure ----------------------------------------------------------------------


def _render_statement(
    request: HttpRequest,
    actor: Actor,
    statement: ProtectedStatement,
    *,
    form: forms.DisclosureForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    case = statement.case
    context = {
        "statement": statement,
        "case": case,
        "disclosures": queries.disclosures_of(statement),
        "form": form or forms.DisclosureForm(case=case, initial={"decided_on": clock.today()}),
        "is_court": permissions.relation(actor, case) == R.COURT,
        "error": error,
        "today": clock.today(),
    }
    return no_store(render(request, "prosecution/statement.html", context, status=status))


@actor_view
def statement_detail(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    statement = queries.statement_get_for_actor(actor, reference, action="statement_view")
    if request.method != "POST":
        return _render_statement(request, actor, statement)
    if permissions.relation(actor, statement.case) != R.COURT:
        raise PermissionDenied(_("Only a judge of the court seised does this."))
    form = forms.DisclosureForm(request.POST, case=statement.case)
    if not form.is_valid():
        return _render_statement(request, actor, statement, form=form, status=400)
    d = form.cleaned_data
    try:
        actions.disclosure_decide(
            actor=actor,
            statement=statement,
            outcome=d["outcome"],
            decided_on=d["decided_on"],
            scope=d["scope"],
            redacted_text=d["redacted_text"],
            conditions=d["conditions"],
            questioning_allowed=d["questioning_allowed"],
            defence_of=d["defence_of"],
            recipient=d["recipient"],
            valid_until=d["valid_until"],
        )
    except DomainError as exc:
        status = form_error(form, exc)
        return _render_statement(request, actor, statement, form=form, status=status)
    messages.success(request, _("Disclosure decision recorded."))
    return redirect("prosecution:statement", reference=statement.reference)


@require_POST
@actor_view
def disclosure_export_view(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    disclosure = queries.disclosure_get_for_actor(actor, pk)
    try:
        document = actions.disclosure_export(actor=actor, disclosure=disclosure)
    except Conflict as exc:
        return _render_statement(
            request, actor, disclosure.statement, error=exc.message, status=409
        )
    body = render_to_string("prosecution/disclosure_export.txt", {"d": document}, request=request)
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="disclosure-{document.statement_reference}.txt"'
    )
    return no_store(response)


@require_POST
@actor_view
def disclosure_revoke_view(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    disclosure = queries.disclosure_get_for_actor(actor, pk)
    try:
        actions.disclosure_revoke(actor=actor, disclosure=disclosure)
    except Conflict as exc:
        return _render_statement(
            request, actor, disclosure.statement, error=exc.message, status=409
        )
    messages.success(request, _("Disclosure revoked."))
    return redirect("prosecution:statement", reference=disclosure.statement.reference)

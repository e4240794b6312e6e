"""Legal qualification of a case: charges (case page operations), the qualification
form and its snapshots, with penalties as lawyers write them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.core.errors import DomainError, PermissionDenied
from nrm.core.http import actor_view, form_error, no_store
from nrm.prosecution import actions, forms, permissions, queries
from nrm.prosecution.charges import provision_citation
from nrm.prosecution.models import (
    CaseFile,
    Charge,
)
from nrm.prosecution.penalties import penalty_text
from nrm.prosecution.views._common import (
    R,
)
from nrm.qualification.forms import field_for
from nrm.qualification.labels import ELEMENT_STATUSES, ELEMENTS, JURISDICTION_NAMES, RESULTS, TAGS


def _charge(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.charge_add(
        actor=actor,
        case=case,
        suspect=d["suspect"],
        provision=d["provision"],
        description=d["description"],
        snapshot=d["snapshot"],
    )


def _charge_withdraw(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.charge_withdraw(
        actor=actor, charge=queries.case_record_get(case, Charge, d["target"])
    )


# Qualification ----------------------------------------------------------------------------------


@actor_view
def case_qualify(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    case = queries.case_get_for_actor(actor, reference, action="case_qualify_view")
    if permissions.relation(actor, case) != R.OFFICE:
        raise PermissionDenied(_("Only the prosecutors assigned to this case do this."))
    form = forms.QualificationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                snapshot = actions.qualification_snapshot_take(
                    actor=actor,
                    case=case,
                    facts=form.facts_document(),
                    jurisdictions=list(form.cleaned_data["jurisdictions"]),
                    note=form.cleaned_data["note"],
                )
            except DomainError as exc:
                # The facts document's paths name the form's fields through field_for.
                fields = {exc.field: field_for(exc.field)} if exc.field else None
                status = form_error(form, exc, fields=fields)
            else:
                messages.success(request, _("Qualification recorded."))
                return redirect("prosecution:snapshot", reference=case.reference, pk=snapshot.pk)
    context = {"case": case, "form": form}
    return no_store(render(request, "prosecution/qualify.html", context, status=status))


def _role_label(role: object) -> str:
    """Which ruleset governs (CONTRACTS.md §1): a result from a law not in force for the
    acts is never shown as the answer."""
    if role == "LEX_MITIOR_COMPARISON":
        return _(
            "For comparison only: the acts span a change of the law; the court applies the "
            "more lenient one."
        )
    if role == "REFERENCE":
        return _("Reference only: this law was not in force for these acts.")
    return ""


def _present(document: dict[str, Any], victims: int | None = None) -> list[dict[str, Any]]:
    """The stored result document (CONTRACTS.md §1) with labels for the page: provisions
    as lawyers cite them, penalties in years and months; the explanation sentences stay in
    the language they were recorded in."""
    columns = []
    for result in document.get("results", []):
        if not isinstance(result, dict):
            continue
        penalty = penalty_text(result.get("penalty"), victims)
        if penalty is not None and isinstance(result.get("unverified"), list):
            penalty.unverified = [*penalty.unverified, *map(str, result["unverified"])]
        columns.append(
            {
                **result,
                "citation": provision_citation(str(result.get("provision", ""))),
                "role_label": _role_label(result.get("role")),
                "penalty_text": penalty,
                "aggravating_rows": [
                    {**a, "citation": provision_citation(str(a.get("provision", "")))}
                    for a in result.get("aggravating") or []
                    if isinstance(a, dict)
                ],
                "fallback_rows": [
                    {
                        **f,
                        "citation": provision_citation(str(f.get("provision", ""))),
                        "penalty_text": penalty_text(f.get("penalty"), victims),
                    }
                    for f in result.get("fallback_offences") or []
                    if isinstance(f, dict)
                ],
                "name": JURISDICTION_NAMES.get(result.get("jurisdiction", ""), ""),
                "result_label": RESULTS.get(result.get("result", ""), result.get("result")),
                "element_rows": [
                    {"name": ELEMENTS.get(k, k), "status": v, "label": ELEMENT_STATUSES.get(v, v)}
                    for k, v in (result.get("elements") or {}).items()
                ],
                "source_rows": [
                    {**source, "tag_label": TAGS.get(source.get("tag", ""), "")}
                    for source in result.get("sources") or []
                    if isinstance(source, dict)
                ],
            }
        )
    return columns


@actor_view
def snapshot_detail(request: HttpRequest, actor: Actor, reference: str, pk: int) -> HttpResponse:
    case = queries.case_get_for_actor(actor, reference, action="qualification_view")
    snapshot = queries.snapshot_get(case, pk)
    victims = snapshot.facts.get("number_of_victims") if isinstance(snapshot.facts, dict) else None
    columns = _present(snapshot.result, victims if isinstance(victims, int) else None)
    context = {"case": case, "snapshot": snapshot, "columns": columns}
    return no_store(render(request, "prosecution/snapshot.html", context))

"""The qualification page: the same facts under each law, side by side, for training or a case."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from nrm import law
from nrm.access.context import Actor
from nrm.core.http import actor_view, htmx
from nrm.inspections.labels import indicator_label
from nrm.inspections.queries import screening_get_for_actor
from nrm.law.provisions import PROVISIONS
from nrm.law.rules import Tag
from nrm.qualification.config import law_config
from nrm.qualification.forms import FactsForm, field_for
from nrm.qualification.labels import (
    ACTS,
    AGGRAVATING_FACTS,
    ELEMENT_STATUSES,
    ELEMENTS,
    FLAGS,
    JURISDICTION_NAMES,
    MEANS,
    PURPOSES,
    RESULTS,
    ROLES,
    TAGS,
    UNVERIFIED_ITEMS,
    VULNERABILITIES,
)
from nrm.qualification.prefill import Prefill, facts_initial


def _present(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The contract's JSON, with labels added for the page."""
    columns = []
    for result in document["results"]:
        role = result.get("role", "GOVERNING")
        columns.append(
            {
                **result,
                "name": JURISDICTION_NAMES.get(result["jurisdiction"], result["jurisdiction"]),
                "result_label": RESULTS.get(result["result"], result["result"]),
                "role_label": ROLES.get(role, role),
                "is_reference": role == "REFERENCE",
                "unverified_labels": [UNVERIFIED_ITEMS.get(u, u) for u in result["unverified"]],
                "flag_labels": [FLAGS.get(f, f) for f in result["flags"]],
                "element_rows": [
                    {
                        "name": ELEMENTS.get(name, name),
                        "status": status,
                        "label": ELEMENT_STATUSES.get(status, status),
                    }
                    for name, status in result["elements"].items()
                ],
                "aggravating_rows": [
                    {**a, "unverified": _unverified(a["provision"])} for a in result["aggravating"]
                ],
                "fallback_rows": [
                    {**f, "unverified": bool(f.get("unverified")) or _unverified(f["provision"])}
                    for f in result["fallback_offences"]
                ],
                "rule_rows": [
                    {**rule, "tag_label": TAGS.get(rule["tag"], rule["tag"])}
                    for rule in result["rules"]
                ],
                "source_rows": [
                    {**source, "tag_label": TAGS.get(source["tag"], source["tag"])}
                    for source in result["sources"]
                ],
            }
        )
    return columns


def _source_rows(prefill: Prefill) -> list[dict[str, Any]]:
    """Which observations proposed each prefilled act, means, vulnerability or purpose."""
    labels: dict[str, Any] = {**ACTS, **MEANS, **VULNERABILITIES, **PURPOSES}
    return [
        {"fact": labels.get(value, value), "indicators": [indicator_label(i) for i in ids]}
        for value, ids in prefill.sources.items()
    ]


def _unverified(provision_id: str) -> bool:
    provision = PROVISIONS.get(provision_id)
    return provision is not None and (
        provision.article_unverified or provision.tag is Tag.UNVERIFIED
    )


def _prefill(actor: Actor, reference: str) -> Prefill:
    """The facts of a screening the actor may see; 404 otherwise (and the read audited)."""
    screening = screening_get_for_actor(actor, reference[:16], action="qualification_prefill_view")
    return facts_initial(screening)


@actor_view
def qualification_page(request: HttpRequest, actor: Actor) -> HttpResponse:
    """Pure evaluation: nothing about a person is stored. Opened from a screening
    (`?screening=S-…`), the form is prefilled from its figures and indicators; that read of
    the screening is audited by its access helper."""
    prefill = None
    if request.method != "POST" and request.GET.get("screening"):
        prefill = _prefill(actor, request.GET["screening"])
    form = FactsForm(request.POST or None, initial=prefill.initial if prefill else None)
    columns: list[dict[str, Any]] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                facts = law.parse_facts(form.facts_document())
            except law.FactsError as exc:
                for problem in exc.problems:
                    form.add_error(field_for(problem.path), problem.message.render(_))
                status = 400
            else:
                report = law.qualify(facts, form.cleaned_data["jurisdictions"], law_config())
                columns = _present(law.report_to_json(report, _))
        else:
            status = 400
    context = {
        "form": form,
        "columns": columns,
        "aggravating_labels": AGGRAVATING_FACTS,
        "prefill": prefill,
        "prefill_sources": _source_rows(prefill) if prefill else [],
    }
    template = "qualification/page.html#results" if htmx(request) else "qualification/page.html"
    return render(request, template, context, status=status)

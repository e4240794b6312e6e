"""`POST /api/v1/qualify`: the same evaluation as `nrm qualify`, and the contract's schemas."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from nrm import law
from nrm.access.context import Actor
from nrm.api.auth import api_view, error
from nrm.qualification.config import law_config


@api_view
def qualify(request: HttpRequest, actor: Actor) -> HttpResponse:
    """Pure evaluation of posted facts: no personal data is read or stored, so no audit row."""
    if request.method != "POST":
        return error(405, "method_not_allowed", _("This method is not allowed here."))
    try:
        body = json.loads(request.body or b"null")
    except json.JSONDecodeError:
        return error(400, "malformed_json", _("The body is not valid JSON."))
    jurisdiction = request.GET.get("jurisdiction", "all")
    if jurisdiction != "all" and jurisdiction not in law.JURISDICTIONS:
        return error(
            400,
            "invalid",
            _("Unknown jurisdiction %(value)s.") % {"value": jurisdiction},
            field="jurisdiction",
        )
    try:
        facts = law.parse_facts(body)
    except law.FactsError as exc:
        problems = [{"path": p.path, "message": p.message.render(_)} for p in exc.problems]
        first = problems[0] if problems else {"path": "", "message": _("Invalid facts.")}
        return error(400, "invalid", first["message"], field=first["path"], problems=problems)
    report = law.qualify(facts, None if jurisdiction == "all" else [jurisdiction], law_config())
    return JsonResponse(law.report_to_json(report, _))


def schema(request: HttpRequest, name: str) -> HttpResponse:
    """The contract's JSON Schemas, public: they describe shapes, not data."""
    schemas = {
        "facts": law.facts_schema,
        "qualification": law.qualification_schema,
    }
    if name not in schemas:
        return error(404, "not_found", _("No such schema."))
    return JsonResponse(dict(schemas[name]()))

"""`POST /api/v1/qualify`: the same evaluation as `nrm qualify`, and the contract's schemas.

The facts document is the contract's (CONTRACTS.md §1): the law core validates it and names
a wrong field by its path (`acts[1]`); the OpenAPI document shows the core's JSON Schemas.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from nrm import law
from nrm.core.api.contracts import json_answer, json_body, json_document
from nrm.core.api.errors import error_response, responses
from nrm.core.errors import DomainError, NotFound
from nrm.qualification.config import law_config

router = Router(tags=["qualification"])

JURISDICTION_CHOICES = frozenset(["all", *law.JURISDICTIONS])


class QualifyQuery(Schema):
    jurisdiction: str = Field(
        "all", max_length=16, json_schema_extra={"enum": ["all", *law.JURISDICTIONS]}
    )


@router.post(
    "/qualify",
    response={200: dict[str, Any], **responses(400, 401, 403)},
    openapi_extra={**json_body(law.facts_schema()), **json_answer(200, law.qualification_schema())},
)
def qualify(request: HttpRequest, query: Query[QualifyQuery]) -> JsonResponse:
    """Qualify posted facts under one jurisdiction's law or all of them (`nrm qualify`).

    Pure evaluation: no personal data is read or stored, so no audit row."""
    jurisdiction = query.jurisdiction
    if jurisdiction not in JURISDICTION_CHOICES:
        raise DomainError(
            _("Unknown jurisdiction %(value)s.") % {"value": jurisdiction}, field="jurisdiction"
        )
    facts_document = json_document(request)
    try:
        facts = law.parse_facts(facts_document)
    except law.FactsError as exc:
        problems = [{"path": p.path, "message": p.message.render(_)} for p in exc.problems]
        first = problems[0] if problems else {"path": "", "message": _("Invalid facts.")}
        return error_response(
            400, "invalid", first["message"], field=first["path"], problems=problems
        )
    report = law.qualify(facts, None if jurisdiction == "all" else [jurisdiction], law_config())
    return JsonResponse(law.report_to_json(report, _))


@router.get("/schemas/{name}.json", auth=None, response={200: dict[str, Any], **responses(404)})
def schema(request: HttpRequest, name: str) -> dict[str, Any]:
    """The contract's JSON Schemas (`facts`, `qualification`), public: shapes, not data."""
    schemas = {"facts": law.facts_schema, "qualification": law.qualification_schema}
    if name not in schemas:
        raise NotFound(_("No such schema."))
    return dict(schemas[name]())

"""The referral endpoints' part of the OpenAPI document (nrm/api/openapi.py gathers the parts)."""

from __future__ import annotations

from typing import Any

from nrm.referrals.htcds import FIELD_NAMES

_ERROR = {"$ref": "#/components/schemas/Error"}


def _errors(*codes: int) -> dict[str, Any]:
    return {
        str(c): {"description": "error", "content": {"application/json": {"schema": _ERROR}}}
        for c in codes
    }


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


_REFERENCE = {"name": "reference", "in": "path", "required": True, "schema": {"type": "string"}}
_ORGANISATION = {
    "type": "object",
    "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
}
_SUMMARY_PROPERTIES: dict[str, Any] = {
    "reference": {"type": "string"},
    "person": {"type": "string", "description": "the person's reference"},
    "status": {"type": "string", "enum": ["PENDING", "ACCEPTED", "DECLINED", "WITHDRAWN"]},
    "source": {"type": "string", "enum": ["INSPECTION", "POLICE", "HOTLINE", "NGO", "SELF"]},
    "referring_organisation": _ORGANISATION,
    "referred_organisation": _ORGANISATION,
    "referred_on": {"type": "string", "format": "date"},
    "respond_by": {"type": "string", "format": "date-time"},
    "overdue": {"type": "boolean"},
    "version": {"type": "integer"},
}
_REFERRAL = {
    "type": "object",
    "properties": {
        **_SUMMARY_PROPERTIES,
        "reason": {"type": "string"},
        "details": {"type": "string"},
        "region": {"type": ["string", "null"]},
        "routed": {"type": "boolean"},
        "presumed_minor": {"type": "boolean"},
        "decided_at": {"type": ["string", "null"], "format": "date-time"},
        "decision_reason": {"type": "string"},
        "pathway_event_recorded": {"type": "boolean"},
        "htcds": {
            "type": "object",
            "description": "HTCDS 2.0 Referral Details",
            "properties": {name: {"type": ["string", "null"]} for name in FIELD_NAMES},
        },
        "transitions": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "enum": ["accept", "decline", "withdraw"]},
                    "allowed": {"type": "boolean"},
                    "reason": {"type": "string"},
                },
            },
        },
    },
}
_CREATE = {
    "type": "object",
    "required": ["person", "reason"],
    "properties": {
        "person": {"type": "string", "description": "reference of a person the caller sees"},
        "reason": {
            "type": "string",
            "enum": ["AdditionalServicesRequired", "MigrationOrChangeOfLocation", "Other"],
        },
        "details": {"type": "string"},
        "source": {"type": "string", "description": "default: the organisation's usual source"},
        "region": {"type": "string", "description": "region code; default the caller's"},
        "centre": {"type": "integer", "description": "organisation id; default: routing rule"},
        "presumed_minor": {"type": "boolean"},
        "referred_on": {"type": "string", "format": "date"},
    },
}


def _decision(summary: str, *, reason: str) -> dict[str, Any]:
    properties: dict[str, Any] = {"version": {"type": "integer"}}
    required = ["version"]
    if reason == "required":
        properties["reason"] = {"type": "string", "minLength": 1}
        required.append("reason")
    elif reason == "optional":
        properties["reason"] = {"type": "string"}
    return {
        "post": {
            "summary": summary,
            "parameters": [_REFERENCE],
            "requestBody": _json(
                {"type": "object", "required": required, "properties": properties}
            ),
            "responses": {
                "200": {
                    "description": "the referral after the decision",
                    "content": {"application/json": {"schema": _REFERRAL}},
                },
                **_errors(400, 401, 403, 404, 409),
            },
        }
    }


def referral_paths() -> dict[str, Any]:
    """Referrals: seen by the referring organisation and the receiving centre only."""
    return {
        "/api/v1/referrals": {
            "get": {
                "summary": "The caller's organisation's referrals, received and sent",
                "parameters": [
                    {
                        "name": "box",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "enum": ["received", "sent"]},
                    },
                    {
                        "name": "state",
                        "in": "query",
                        "required": False,
                        "schema": {
                            "type": "string",
                            "enum": ["pending", "overdue", "decided", "all"],
                        },
                    },
                ],
                "responses": {"200": {"description": "list"}, **_errors(400, 401)},
            },
            "post": {
                "summary": "Refer a person to a specialised centre (routed by region and age)",
                "requestBody": _json(_CREATE),
                "responses": {
                    "201": {
                        "description": "created",
                        "content": {"application/json": {"schema": _REFERRAL}},
                    },
                    **_errors(400, 401, 403, 404, 409),
                },
            },
        },
        "/api/v1/referrals/{reference}": {
            "get": {
                "summary": "One referral, with the transitions the caller may take and why",
                "parameters": [_REFERENCE],
                "responses": {
                    "200": {
                        "description": "referral",
                        "content": {"application/json": {"schema": _REFERRAL}},
                    },
                    **_errors(401, 404),
                },
            }
        },
        "/api/v1/referrals/{reference}/accept": _decision(
            "The receiving centre accepts the person", reason="none"
        ),
        "/api/v1/referrals/{reference}/decline": _decision(
            "The receiving centre declines, with a reason", reason="required"
        ),
        "/api/v1/referrals/{reference}/withdraw": _decision(
            "The referring organisation withdraws the referral", reason="optional"
        ),
    }

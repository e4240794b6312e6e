"""The pathway endpoints' part of the OpenAPI document (nrm/api/openapi.py merges it)."""

from __future__ import annotations

from typing import Any

from nrm.pathway import load_schema

_ERROR = {"$ref": "#/components/schemas/Error"}
_REFERENCE = {"name": "reference", "in": "path", "required": True, "schema": {"type": "string"}}
_DATE = {"type": "string", "format": "date"}


def _errors(*codes: int) -> dict[str, Any]:
    return {
        str(c): {"description": "error", "content": {"application/json": {"schema": _ERROR}}}
        for c in codes
    }


_BASIS = {
    "type": "object",
    "properties": {
        "text": {"type": "string"},
        "sources": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"key": {"type": "string"}, "tag": {"type": "string"}},
            },
        },
        "tag": {"type": "string", "enum": ["V", "S", "K", "UNVERIFIED"]},
    },
}

PATHWAY = {
    "type": "object",
    "required": ["reference", "jurisdiction", "state", "version", "history", "deadlines"],
    "properties": {
        "reference": {"type": "string"},
        "jurisdiction": {"type": "string", "enum": ["BE", "DK"]},
        "state": {"type": ["string", "null"]},
        "state_label": {"type": "string"},
        "version": {
            "type": "integer",
            "description": "Send it back as expected_version when recording an event.",
        },
        "facts": {
            "type": "object",
            "properties": {
                "unaccompanied_minor": {"type": "boolean"},
                "has_legal_stay": {"type": "boolean"},
                "age_at_identification": {"type": ["integer", "null"]},
            },
        },
        "history": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "state": {"type": "string"},
                    "from": _DATE,
                    "until": {"type": ["string", "null"], "format": "date"},
                    "decided_by": {"type": "string"},
                    "event": {"type": "string"},
                    "legal_basis": _BASIS,
                },
            },
        },
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "sequence": {"type": "integer"},
                    "type": {"type": "string"},
                    "date": _DATE,
                    "recorded_by": {"type": "string"},
                    "positive": {"type": "boolean"},
                    "days": {"type": "integer"},
                    "document": {"type": "string", "description": "DOCUMENT_REQUESTED only"},
                    "note": {
                        "type": "string",
                        "description": "Only for the recording organisation and the deciders.",
                    },
                },
            },
        },
        "deadlines": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "kind": {"type": "string"},
                    "due": _DATE,
                    "overdue": {"type": "boolean"},
                    "responsible": {"type": "string"},
                    "organisation": {"type": ["string", "null"]},
                    "action": {"type": "string"},
                    "product_default": {"type": "boolean"},
                },
            },
        },
        "right_to_work": {
            "type": ["boolean", "null"],
            "description": "Whether the person may work in the current state.",
        },
        "right_to_work_basis": {"anyOf": [_BASIS, {"type": "null"}]},
        "lapses": {
            "type": "array",
            "description": "Periods without a valid document between two documents.",
            "items": {
                "type": "object",
                "properties": {
                    "from": _DATE,
                    "until": _DATE,
                    "document": {"type": "string", "enum": ["ANNEX_15", "PROVISIONAL", "PERMIT"]},
                },
            },
        },
        "guardian": {
            "type": ["object", "null"],
            "description": "An unaccompanied minor's guardian (Guardianship Service).",
            "properties": {"name": {"type": "string"}, "appointed_on": _DATE},
        },
        "requests": {
            "type": "array",
            "description": "The residence requests the centre filed, and their answers.",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "document": {"type": "string"},
                    "requested_on": _DATE,
                    "decision_due": _DATE,
                    "overdue": {"type": "boolean"},
                    "centre": {"type": "string"},
                    "status": {
                        "type": "string",
                        "enum": ["OPEN", "ISSUED", "REFUSED", "CLOSED"],
                    },
                    "answered_on": {"type": ["string", "null"], "format": "date"},
                },
            },
        },
        "available_events": {
            "type": "array",
            "description": "The events the caller's organisation takes; reason when not now.",
            "items": {
                "type": "object",
                "properties": {
                    "type": {"type": "string"},
                    "label": {"type": "string"},
                    "allowed": {"type": "boolean"},
                    "only_with_an_earlier_date": {
                        "type": "boolean",
                        "description": "Refused as of today; allowed dated on the last event.",
                    },
                    "reason": {"type": "string"},
                },
            },
        },
    },
}

EVENT = {
    "type": "object",
    "required": ["type", "date", "expected_version"],
    "additionalProperties": False,
    "properties": {
        "type": {"type": "string"},
        "date": _DATE,
        "expected_version": {"type": "integer", "minimum": 0},
        "positive": {"type": "boolean", "description": "PROSECUTOR_OPINION only"},
        "days": {"type": "integer", "description": "REFLECTION_EXTENDED only: new total"},
        "document": {
            "type": "string",
            "enum": ["ANNEX_15", "PROVISIONAL", "PERMIT", "RENEWAL", "PERMANENT", "HUMANITARIAN"],
            "description": "DOCUMENT_REQUESTED only (papers are attached on the status page)",
        },
        "guardian_name": {"type": "string", "description": "GUARDIAN_APPOINTED only"},
        "guardian_email": {"type": "string", "description": "GUARDIAN_APPOINTED only"},
        "note": {"type": "string", "maxLength": 4000},
    },
}


def pathway_paths() -> dict[str, Any]:
    json_body = {"application/json": {"schema": PATHWAY}}
    return {
        "/api/v1/persons/{reference}/pathway": {
            "get": {
                "summary": "A person's residence-status pathway, with what the caller may record",
                "parameters": [_REFERENCE],
                "responses": {
                    "200": {"description": "pathway", "content": json_body},
                    **_errors(401, 404),
                },
            }
        },
        "/api/v1/persons/{reference}/pathway/events": {
            "post": {
                "summary": "Record a decision or fact taken by the caller's organisation",
                "parameters": [_REFERENCE],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": EVENT}},
                },
                "responses": {
                    "201": {"description": "the pathway after the event", "content": json_body},
                    **_errors(400, 401, 403, 404, 409),
                },
            }
        },
        "/api/v1/pathway/simulate": {
            "post": {
                "summary": "Run the pathway engine on dated events (CONTRACTS.md section 2)",
                "parameters": [
                    {
                        "name": "jurisdiction",
                        "in": "query",
                        "schema": {"type": "string", "enum": ["BE", "DK"], "default": "BE"},
                    },
                    {"name": "as_of", "in": "query", "schema": _DATE},
                ],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": load_schema("events")}},
                },
                "responses": {
                    "200": {
                        "description": "simulation",
                        "content": {"application/json": {"schema": load_schema("simulation")}},
                    },
                    **_errors(400, 401),
                },
            }
        },
    }

"""The labour-inspection endpoints' part of the OpenAPI document (nrm/api/openapi.py merges it)."""

from __future__ import annotations

from typing import Any

_ERROR = {"$ref": "#/components/schemas/Error"}
_DATE = {"type": "string", "format": "date"}
_NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}


def _errors(*codes: int) -> dict[str, Any]:
    return {
        str(c): {"description": "error", "content": {"application/json": {"schema": _ERROR}}}
        for c in codes
    }


def _path_param(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


INSPECTION = {
    "type": "object",
    "properties": {
        "reference": {"type": "string"},
        "team": {"type": "string"},
        "status": {"type": "string", "enum": ["PLANNED", "CARRIED_OUT", "REPORTED", "CANCELLED"]},
        "planned_on": _DATE,
        "carried_out_on": _NULLABLE_DATE,
        "reported_on": _NULLABLE_DATE,
        "sector": {"type": "string", "description": "NACE Rev. 2 / ISIC Rev. 4 section, A-U"},
        "trafficking_focused": {"type": "boolean"},
        "worksite": {"type": ["integer", "null"]},
        "joint_action": {"type": ["string", "null"]},
        "outcome": {"type": ["string", "null"]},
        "version": {"type": "integer", "description": "Send it back as expected_version."},
    },
}
SUGGESTION = {
    "type": "object",
    "description": "Computed from the observations: a suggestion, never a decision.",
    "properties": {
        "level": {"type": "string", "enum": ["POTENTIAL_VICTIM", "INDICATORS", "NONE"]},
        "reasons": {"type": "array", "items": {"type": "string"}},
        "is_decision": {"const": False},
    },
}
OBSERVATION_INPUT = {
    "type": "object",
    "required": ["framework", "indicator"],
    "properties": {
        "framework": {"type": "string", "enum": ["ILO_FL", "ILO_EC", "BE_DIGNITY"]},
        "indicator": {"type": "string", "examples": ["ILO-FL-07", "ILOEC-AL-4.01"]},
        "note": {"type": "string"},
    },
}


def inspection_paths() -> dict[str, Any]:
    reference = _path_param("reference")
    return {
        "/api/v1/inspections": {
            "get": {
                "summary": "Inspections the caller may see (own team; joint actions taken part in)",
                "responses": {"200": {"description": "list"}, **_errors(401)},
            },
            "post": {
                "summary": "Plan an inspection for the caller's team",
                "requestBody": _json(
                    {
                        "type": "object",
                        "required": ["planned_on", "sector"],
                        "properties": {
                            "planned_on": _DATE,
                            "sector": {"type": "string"},
                            "worksite": {"type": "integer"},
                            "joint_action": {"type": "string"},
                            "trafficking_focused": {"type": "boolean"},
                        },
                    }
                ),
                "responses": {
                    "201": {
                        "description": "planned",
                        "content": {"application/json": {"schema": INSPECTION}},
                    },
                    **_errors(400, 401, 403),
                },
            },
        },
        "/api/v1/inspections/{reference}": {
            "get": {
                "summary": "One inspection with its transitions and their reasons",
                "parameters": [reference],
                "responses": {"200": {"description": "inspection"}, **_errors(401, 404)},
            }
        },
        "/api/v1/inspections/{reference}/transitions/{name}": {
            "post": {
                "summary": "Carry out, report or cancel (name: carry_out, report, cancel)",
                "parameters": [reference, _path_param("name")],
                "requestBody": _json(
                    {
                        "type": "object",
                        "required": ["expected_version"],
                        "properties": {
                            "expected_version": {"type": "integer"},
                            "carried_out_on": _DATE,
                            "reported_on": _DATE,
                            "outcome": {"type": "string"},
                            "findings": {"type": "string"},
                            "worksite": {"type": "integer"},
                            "reason": {"type": "string"},
                        },
                    }
                ),
                "responses": {
                    "200": {"description": "moved"},
                    **_errors(400, 401, 403, 404, 409),
                },
            }
        },
        "/api/v1/inspections/{reference}/screenings": {
            "get": {
                "summary": "Workers screened at the inspection",
                "parameters": [reference],
                "responses": {"200": {"description": "list"}, **_errors(401, 404)},
            },
            "post": {
                "summary": "Screen a worker: identity (new or linked), indicators, answers",
                "parameters": [reference],
                "requestBody": _json(
                    {
                        "type": "object",
                        "properties": {
                            "person": {
                                "type": "object",
                                "description": "Either {reference} or identity fields.",
                            },
                            "screened_on": _DATE,
                            "nationality": {"type": "string"},
                            "language": {"type": "string"},
                            "presumed_minor": {"type": "boolean"},
                            "hourly_wage_eur": {"type": "number"},
                            "weekly_hours": {"type": "number"},
                            "rest_days_per_week": {"type": "integer"},
                            "observations": {"type": "array", "items": OBSERVATION_INPUT},
                            "leaflet_language": {"type": "string"},
                            "consent": {
                                "type": "string",
                                "enum": ["CONSENTED", "REFUSED", "NOT_ASKED"],
                            },
                            "notes": {"type": "string"},
                        },
                    }
                ),
                "responses": {
                    "201": {"description": "screened, with the suggestion"},
                    **_errors(400, 401, 403, 404, 409),
                },
            },
        },
        "/api/v1/screenings/{reference}": {
            "get": {
                "summary": "One screening, its observations and the computed suggestion",
                "parameters": [reference],
                "responses": {
                    "200": {
                        "description": "screening",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {"suggestion": SUGGESTION},
                                }
                            }
                        },
                    },
                    **_errors(401, 404),
                },
            }
        },
        "/api/v1/screenings/{reference}/referral": {
            "post": {
                "summary": "Refer the worker to the regional specialised centre",
                "parameters": [reference],
                "requestBody": _json(
                    {
                        "type": "object",
                        "required": ["expected_version"],
                        "properties": {
                            "expected_version": {"type": "integer"},
                            "channel": {"type": "string", "enum": ["DIRECT", "HOTLINE"]},
                            "consent_confirmed": {"type": "boolean"},
                            "details": {"type": "string"},
                        },
                    }
                ),
                "responses": {
                    "201": {"description": "referred"},
                    **_errors(400, 401, 403, 404, 409),
                },
            }
        },
        "/api/v1/inspections/{reference}/evidence": {
            "get": {
                "summary": "Evidence metadata of the inspection (never file contents)",
                "parameters": [reference],
                "responses": {"200": {"description": "list"}, **_errors(401, 404)},
            },
            "post": {
                "summary": "Upload a photo (re-encoded without metadata) or a PDF",
                "parameters": [reference],
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["file", "kind"],
                                "properties": {
                                    "file": {"type": "string", "format": "binary"},
                                    "kind": {"type": "string"},
                                    "description": {"type": "string"},
                                    "screening": {"type": "string"},
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "201": {"description": "stored"},
                    **_errors(400, 401, 403, 404, 409),
                },
            },
        },
        "/api/v1/evidence/{reference}": {
            "get": {
                "summary": "One evidence record's metadata",
                "parameters": [reference],
                "responses": {"200": {"description": "metadata"}, **_errors(401, 404)},
            }
        },
        "/api/v1/joint-actions": {
            "get": {
                "summary": "Joint actions the caller's organisation takes part in",
                "responses": {"200": {"description": "list"}, **_errors(401)},
            },
            "post": {
                "summary": "Plan a joint action led by the caller's team",
                "requestBody": _json(
                    {
                        "type": "object",
                        "required": ["title", "planned_on"],
                        "properties": {
                            "title": {"type": "string"},
                            "planned_on": _DATE,
                            "briefing": {"type": "string"},
                            "worksites": {"type": "array", "items": {"type": "integer"}},
                        },
                    }
                ),
                "responses": {"201": {"description": "planned"}, **_errors(400, 401, 403)},
            },
        },
        "/api/v1/joint-actions/{reference}": {
            "get": {
                "summary": "One joint action: participants, sites and (for inspection, police "
                "and prosecution) the inspections it produced",
                "parameters": [reference],
                "responses": {"200": {"description": "joint action"}, **_errors(401, 404)},
            }
        },
    }

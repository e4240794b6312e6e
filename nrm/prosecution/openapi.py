"""The criminal case file endpoints' part of the OpenAPI document (nrm/api/openapi.py merges
it). Amounts are strings with two decimals in requests and answers alike (JSON numbers are
accepted and read as exact decimals)."""

from __future__ import annotations

from typing import Any

_ERROR = {"$ref": "#/components/schemas/Error"}
_DATE = {"type": "string", "format": "date"}
_MONEY = {"type": ["string", "null"], "pattern": r"^\d{1,12}(\.\d{1,2})?$"}


def _errors(*codes: int) -> dict[str, Any]:
    return {
        str(c): {"description": "error", "content": {"application/json": {"schema": _ERROR}}}
        for c in codes
    }


def _path(*names: str) -> list[dict[str, Any]]:
    return [
        {"name": n, "in": "path", "required": True, "schema": {"type": "string"}} for n in names
    ]


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


CASE = {
    "type": "object",
    "properties": {
        "reference": {"type": "string"},
        "title": {"type": "string"},
        "office": {"type": "string"},
        "court": {"type": ["string", "null"]},
        "exploitation_form": {"type": "string"},
        "opened_on": _DATE,
        "status": {
            "type": "string",
            "enum": [
                "REGISTERED",
                "INVESTIGATION",
                "DISMISSED",
                "INDICTED",
                "CONVICTION_REQUESTED",
                "JUDGED",
                "APPEALED",
                "FINAL",
            ],
        },
        "version": {"type": "integer", "description": "Send it back as expected_version."},
    },
}
TRANSITION_BODY = {
    "type": "object",
    "required": ["expected_version"],
    "description": (
        "expected_version and the decision's date (decided_on; judged_on for record_judgment; "
        "lodged_on for appeal), then per decision: give_opinion {victim: person reference, "
        "positive, reason}; dismiss {reason_code, reason}; reopen {reason}; indict {court: "
        "organisation id}; request_conviction {defendants: suspect ids}; record_judgment "
        "{verdicts: [{suspect, outcome, convicted_of_trafficking, prison_months, suspension, "
        "fine_eur, confiscation_eur}]}; appeal {appellant}."
    ),
    "properties": {
        "expected_version": {"type": "integer"},
        "decided_on": _DATE,
        "judged_on": _DATE,
        "lodged_on": _DATE,
    },
}
ASSET = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "kind": {"type": "string"},
        "value_eur": _MONEY,
        "frozen_on": _DATE,
        "status": {"type": "string", "enum": ["FROZEN", "RELEASED", "CONFISCATED"]},
        "confiscated_value_eur": _MONEY,
        "version": {"type": "integer"},
    },
}


def prosecution_paths() -> dict[str, Any]:
    reference = _path("reference")
    return {
        "/api/v1/cases": {
            "get": {
                "summary": "Case files the caller is assigned to, or before the caller's court",
                "responses": {"200": {"description": "list"}, **_errors(401)},
            },
            "post": {
                "summary": "Open a case file in the caller's prosecution office",
                "requestBody": _json(
                    {
                        "type": "object",
                        "required": ["title", "exploitation_form", "opened_on"],
                        "properties": {
                            "title": {"type": "string"},
                            "exploitation_form": {"type": "string"},
                            "opened_on": _DATE,
                            "summary": {"type": "string"},
                        },
                    }
                ),
                "responses": {"201": {"description": "created"}, **_errors(400, 401, 403)},
            },
        },
        "/api/v1/cases/{reference}": {
            "get": {
                "summary": "One case file with its decisions and the decisions open to the caller",
                "parameters": reference,
                "responses": {
                    "200": {
                        "description": "case file",
                        "content": {"application/json": {"schema": CASE}},
                    },
                    **_errors(401, 404),
                },
            }
        },
        "/api/v1/cases/{reference}/transitions/{name}": {
            "post": {
                "summary": "Take a decision (open_investigation, give_opinion, dismiss, reopen, "
                "indict, request_conviction, record_judgment, appeal, finalise)",
                "parameters": _path("reference", "name"),
                "requestBody": _json(TRANSITION_BODY),
                "responses": {
                    "200": {"description": "decided"},
                    **_errors(400, 401, 403, 404, 409),
                },
            }
        },
        "/api/v1/cases/{reference}/qualifications": {
            "post": {
                "summary": "Qualify the case facts and keep the dated snapshot",
                "parameters": reference,
                "requestBody": _json(
                    {
                        "type": "object",
                        "required": ["facts"],
                        "properties": {
                            "facts": {"$ref": "/api/v1/schemas/facts.json"},
                            "jurisdictions": {"type": "array", "items": {"type": "string"}},
                            "note": {"type": "string"},
                        },
                    }
                ),
                "responses": {"201": {"description": "snapshot"}, **_errors(400, 401, 403, 404)},
            }
        },
        "/api/v1/cases/{reference}/charges": {
            "get": {
                "summary": (
                    "The charges (provision id and the citation as lawyers write it, in label) "
                    "and the provisions that can be charged for the case's offence period"
                ),
                "parameters": reference,
                "responses": {"200": {"description": "charges and choices"}, **_errors(401, 404)},
            },
            "post": {
                "summary": "Charge a suspect under a provision id of the legal engine",
                "parameters": reference,
                "requestBody": _json(
                    {
                        "type": "object",
                        "required": ["suspect", "provision"],
                        "properties": {
                            "suspect": {"type": "integer"},
                            "provision": {
                                "type": "string",
                                "description": "A provision id, e.g. BE-CP2026-trafficking.",
                            },
                            "description": {"type": "string", "maxLength": 300},
                            "snapshot": {"type": ["integer", "null"]},
                            "charged_on": _DATE,
                        },
                    }
                ),
                "responses": {
                    "201": {"description": "charge"},
                    **_errors(400, 401, 403, 404, 409),
                },
            },
        },
        "/api/v1/cases/{reference}/assets": {
            "get": {
                "summary": "Frozen, released and confiscated assets of the case",
                "parameters": reference,
                "responses": {"200": {"description": "list"}, **_errors(401, 404)},
            },
            "post": {
                "summary": "Freeze an asset",
                "parameters": reference,
                "requestBody": _json(
                    {
                        "type": "object",
                        "required": ["kind", "value_eur", "frozen_on"],
                        "properties": {
                            "kind": {"type": "string"},
                            "value_eur": _MONEY,
                            "frozen_on": _DATE,
                            "owner": {"type": "integer"},
                            "description": {"type": "string"},
                        },
                    }
                ),
                "responses": {
                    "201": {
                        "description": "frozen",
                        "content": {"application/json": {"schema": ASSET}},
                    },
                    **_errors(400, 401, 403, 404, 409),
                },
            },
        },
        "/api/v1/cases/{reference}/assets/{id}/{verb}": {
            "post": {
                "summary": "Release (office or court) or confiscate (court, after a conviction)",
                "parameters": _path("reference", "id", "verb"),
                "responses": {"200": {"description": "asset"}, **_errors(400, 401, 403, 404, 409)},
            }
        },
        "/api/v1/cases/{reference}/allocations": {
            "post": {
                "summary": "Allocate confiscated value to a civil or back-pay claim (court); "
                "409 beyond the value left",
                "parameters": reference,
                "requestBody": _json(
                    {
                        "type": "object",
                        "required": ["amount_eur", "allocated_on"],
                        "properties": {
                            "amount_eur": _MONEY,
                            "allocated_on": _DATE,
                            "civil_claim": {"type": "integer"},
                            "back_pay_claim": {"type": "integer"},
                        },
                    }
                ),
                "responses": {
                    "201": {"description": "allocated"},
                    **_errors(400, 401, 403, 404, 409),
                },
            }
        },
        "/api/v1/persons/{reference}/procedural-facts": {
            "get": {
                "summary": "For a centre accompanying the person: open cases, decisions with "
                "dates, hearing dates (no evidence, no statements)",
                "parameters": reference,
                "responses": {"200": {"description": "facts"}, **_errors(401, 404)},
            }
        },
        "/api/v1/case-targets": {
            "get": {
                "summary": "Trafficking cases against each office's yearly target",
                "parameters": [
                    {
                        "name": "year",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "integer"},
                    }
                ],
                "responses": {"200": {"description": "dashboard"}, **_errors(400, 401, 403)},
            }
        },
    }

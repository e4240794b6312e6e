"""The care endpoints' part of the OpenAPI document (nrm/api/openapi.py gathers the parts)."""

from __future__ import annotations

from typing import Any

_ERROR = {"$ref": "#/components/schemas/Error"}


def _errors(*codes: int) -> dict[str, Any]:
    return {
        str(c): {"description": "error", "content": {"application/json": {"schema": _ERROR}}}
        for c in codes
    }


_REFERENCE = {"name": "reference", "in": "path", "required": True, "schema": {"type": "string"}}


def care_paths() -> dict[str, Any]:
    """The care endpoints: the caller's own centre only; never a shelter's address."""
    return {
        "/api/v1/care/occupancy": {
            "get": {
                "summary": "Places per shelter and type, taken and free, at the caller's centre",
                "parameters": [
                    {
                        "name": "on",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "format": "date"},
                        "description": "The day to count (default today)",
                    }
                ],
                "responses": {"200": {"description": "occupancy"}, **_errors(400, 401, 403)},
            }
        },
        "/api/v1/care/persons/{reference}/placements": {
            "get": {
                "summary": "A person's stays in the caller's centre's shelters",
                "parameters": [_REFERENCE],
                "responses": {"200": {"description": "placements"}, **_errors(401, 404)},
            }
        },
        "/api/v1/care/persons/{reference}/plan": {
            "get": {
                "summary": "The caller's centre's support plan for a person (HTCDS spl_ fields)",
                "parameters": [_REFERENCE],
                "responses": {"200": {"description": "plan"}, **_errors(401, 404)},
            }
        },
    }

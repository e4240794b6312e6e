"""The OpenAPI document of /api/v1/, written as data next to the endpoints it describes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse

from nrm.care.openapi import care_paths
from nrm.inspections.openapi import inspection_paths
from nrm.prosecution.openapi import prosecution_paths
from nrm.protection.openapi import pathway_paths
from nrm.referrals.openapi import referral_paths

_ERROR = {"$ref": "#/components/schemas/Error"}


def _errors(*codes: int) -> dict[str, Any]:
    return {
        str(c): {"description": "error", "content": {"application/json": {"schema": _ERROR}}}
        for c in codes
    }


def document() -> dict[str, Any]:
    person_summary = {
        "type": "object",
        "properties": {
            "reference": {"type": "string"},
            "nationalities": {"type": "array", "items": {"type": "string"}},
            "languages": {"type": "array", "items": {"type": "string"}},
            "gender": {"type": "string"},
            "age_at_first_contact": {"type": ["integer", "null"]},
            "first_contact_on": {"type": "string", "format": "date"},
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Open NRM API", "version": "1"},
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["code", "message"],
                            "properties": {
                                "code": {"type": "string"},
                                "message": {"type": "string"},
                                "field": {"type": "string"},
                            },
                        }
                    },
                },
                "PersonSummary": person_summary,
            },
        },
        "security": [{"bearer": []}],
        "paths": {
            "/api/v1/persons": {
                "get": {
                    "summary": "Persons the caller's organisation is involved with",
                    "responses": {"200": {"description": "list"}, **_errors(401)},
                },
                "post": {
                    "summary": "Record a person met by the caller's organisation",
                    "responses": {"201": {"description": "created"}, **_errors(400, 401, 403)},
                },
            },
            "/api/v1/persons/{reference}": {
                "get": {
                    "summary": "One person, identity included; 404 when not the caller's to see",
                    "parameters": [
                        {
                            "name": "reference",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {"200": {"description": "person"}, **_errors(401, 404)},
                }
            },
            **pathway_paths(),
            **inspection_paths(),
            **care_paths(),
            **referral_paths(),
            **prosecution_paths(),
        },
    }


def openapi(request: HttpRequest) -> JsonResponse:
    return JsonResponse(document())

"""Contract documents (CONTRACTS.md) whose JSON Schema is data shipped with a pure core.

Those operations keep the core's own validation (its paths and messages are the contract);
the OpenAPI document shows the core's schema, made self-contained: `#/$defs/…` references
are inlined, `$id`/`$schema` dropped (inside the OpenAPI document they would change how
references resolve).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from nrm.core.api.errors import MalformedBody

_DROPPED = {"$id", "$schema", "$defs", "definitions"}


def inline_json_schema(schema: Mapping[str, Any]) -> dict[str, Any]:
    definitions: dict[str, Any] = {**schema.get("definitions", {}), **schema.get("$defs", {})}

    def resolve(node: Any, seen: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [resolve(item, seen) for item in node]
        if not isinstance(node, dict):
            return node
        reference = node.get("$ref")
        if isinstance(reference, str) and reference.startswith(("#/$defs/", "#/definitions/")):
            name = reference.rsplit("/", 1)[1]
            if name in seen:
                raise ValueError(f"recursive schema reference {reference}")
            rest = {k: v for k, v in node.items() if k != "$ref"}
            return resolve({**copy.deepcopy(definitions[name]), **rest}, (*seen, name))
        return {k: resolve(v, seen) for k, v in node.items() if k not in _DROPPED}

    result: dict[str, Any] = resolve(dict(schema), ())
    return result


def json_body(schema: Mapping[str, Any]) -> dict[str, Any]:
    """`openapi_extra` for an operation whose body is a contract document."""
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": inline_json_schema(schema)}},
        }
    }


def json_answer(status: int, schema: Mapping[str, Any]) -> dict[str, Any]:
    """`openapi_extra` describing a contract document as the answer of `status`."""
    return {
        "responses": {
            str(status): {
                "description": "OK",
                "content": {"application/json": {"schema": inline_json_schema(schema)}},
            }
        }
    }


def json_document(request: HttpRequest) -> object:
    """The body as decoded JSON, for the core's own parser (`null` when empty)."""
    try:
        return json.loads(request.body or b"null")
    except ValueError as exc:  # not JSON, or not UTF-8 text at all
        raise MalformedBody from exc

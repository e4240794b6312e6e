"""Input that no field can hold is refused at the door, before any view, form or query sees it.

A NUL byte cannot be stored by PostgreSQL, a lone surrogate cannot be encoded as UTF-8,
an integer beyond 64 bits overflows every integer column, `1e400` and `NaN` are not
numbers a record can hold, and JSON nested a thousand levels deep exhausts the parser's
stack: each of these used to reach the database or the parser and end as a server error.
One middleware checks the path, the query string, form fields and JSON bodies and answers
with a clear 400 (the API's error shape under `/api/`, the "Not possible" page elsewhere).

Per-field limits (lengths, decimal places, ranges) belong to the forms and the API's
schemas; this module only refuses what no field anywhere accepts.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
# Deeper than any document the API takes (the facts document nests five levels).
MAX_JSON_DEPTH = 32
# The range of a 64-bit signed integer column, the widest the platform stores.
INT_MIN, INT_MAX = -(2**63), 2**63 - 1
# C0 controls never belong in a path, a query or a form field, tabs and line breaks aside.
_FORBIDDEN_CONTROLS = frozenset(chr(c) for c in range(32)) - {"\t", "\n", "\r"}
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


@dataclass(frozen=True)
class Refusal:
    message: str
    field: str | None = None


def text_problem(value: str) -> str | None:
    """Why `value` cannot be stored as text, or None."""
    if "\x00" in value or not _FORBIDDEN_CONTROLS.isdisjoint(value):
        return _("Control characters (such as NUL) are not allowed.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _("The text is not valid Unicode (a lone surrogate).")
    return None


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def json_problem(body: bytes) -> Refusal | None:
    """Why a JSON body cannot be taken, or None. Syntax errors are left to the API, which
    answers them in its own words; only what would break the server is refused here."""
    try:
        document = json.loads(body, parse_constant=_reject_constant)
    except RecursionError:
        return Refusal(_("The JSON is nested too deeply."))
    except UnicodeDecodeError:
        return Refusal(_("The body is not valid UTF-8."))
    except ValueError as exc:
        if str(exc) in {"NaN", "Infinity", "-Infinity"}:
            return Refusal(_("NaN and Infinity are not numbers a record can hold."))
        return None  # not JSON at all: the API's own parser says so
    # Walked with an explicit stack: the document's depth must not become Python's.
    stack: list[tuple[Any, str, int]] = [(document, "", 1)]
    while stack:
        value, where, depth = stack.pop()
        field = where or None
        if depth > MAX_JSON_DEPTH:
            return Refusal(
                _("The JSON is nested too deeply (at most %(depth)d levels).")
                % {"depth": MAX_JSON_DEPTH},
                field,
            )
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, int):
            if not INT_MIN <= value <= INT_MAX:
                return Refusal(_("This number is too large."), field)
        elif isinstance(value, float):
            if not math.isfinite(value):
                return Refusal(_("This number is too large."), field)
        elif isinstance(value, str):
            problem = text_problem(value)
            if problem:
                return Refusal(problem, field)
        elif isinstance(value, dict):
            for key, item in value.items():
                problem = text_problem(key)
                if problem:
                    return Refusal(problem, field)
                stack.append((item, f"{where}.{key}" if where else key, depth + 1))
        elif isinstance(value, list):
            stack.extend(
                (item, f"{where}.{index}" if where else str(index), depth + 1)
                for index, item in enumerate(value)
            )
    return None


def _pairs_problem(pairs: Iterable[tuple[str, list[str]]]) -> Refusal | None:
    for key, values in pairs:
        for text in (key, *values):
            problem = text_problem(text)
            if problem:
                return Refusal(problem, key if text_problem(key) is None else None)
    return None


def request_problem(request: HttpRequest) -> Refusal | None:
    """Why this request cannot be served, or None."""
    problem = text_problem(request.path_info)
    if problem:
        # A reference in the path (`/persons/%00`) is looked up in the database.
        return Refusal(problem, "path")
    refusal = _pairs_problem(request.GET.lists())
    if refusal or request.method in {"GET", "HEAD", "OPTIONS"}:
        return refusal
    content_type = request.content_type or ""
    if content_type.startswith(_FORM_TYPES):
        # Uploaded files' bytes are not text and are not checked here (nrm/core/files.py).
        return _pairs_problem(request.POST.lists())
    if content_type == "application/json" or (
        request.path_info.startswith(API_PREFIX) and request.body
    ):
        return json_problem(request.body) if request.body else None
    return None


def refusal_response(request: HttpRequest, refusal: Refusal, status: int = 400) -> HttpResponse:
    if request.path_info.startswith(API_PREFIX):
        body: dict[str, Any] = {"error": {"code": "invalid", "message": refusal.message}}
        if refusal.field:
            body["error"]["field"] = refusal.field
        return JsonResponse(body, status=status)
    return render(request, "400.html", {"reason": refusal.message}, status=status)


class InputGuardMiddleware:
    """Answers 400 for input no field can hold (see the module's docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            refusal = request_problem(request)
        except RequestDataTooBig:
            return refusal_response(request, Refusal(_("The request is too large.")), 413)
        if refusal is not None:
            return refusal_response(request, refusal)
        return self.get_response(request)

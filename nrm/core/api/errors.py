"""One error shape for every refusal of the API: `{"error": {"code", "message", "field"}}`.

Domain refusals map through `http_status_for`, the same mapping as the pages. Validation
errors from the schemas are translated here, by pydantic's error type, and name the field
by its dotted path in the body or the query (`identity.birth_date`, `limit`).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from nrm.core.errors import DomainError, http_status_for


class Problem(Schema):
    path: str
    message: str


class ErrorDetail(Schema):
    code: str
    message: str
    field: str | None = None
    # Every problem found, when validation found more than the first (`field`, `message`).
    problems: list[Problem] | None = None


class ErrorOut(Schema):
    """Every refusal: a stable `code`, a translated `message`, the offending `field` if any."""

    error: ErrorDetail


def error_response(
    status: int, code: str, message: str, field: str | None = None, **extra: Any
) -> JsonResponse:
    body: dict[str, Any] = {"error": {"code": code, "message": message}}
    if field:
        body["error"]["field"] = field
    body["error"].update(extra)
    return JsonResponse(body, status=status)


def responses(*statuses: int) -> dict[int, type[Schema]]:
    """The refusals an operation may answer, for its `response={200: Out, **responses(...)}`."""
    return dict.fromkeys(statuses, ErrorOut)


class MalformedBody(Exception):
    """The body is not JSON (or not UTF-8): raised by the parser, answered 400 malformed_json."""


class CsrfRefused(Exception):
    """A session caller's unsafe request without a valid CSRF token."""


def _messages() -> dict[str, str]:
    # Built per call so each message is in the request's language.
    whole = _("Must be a whole number.")
    boolean = _("Must be true or false.")
    return {
        "missing": _("This field is required."),
        "string_type": _("Must be text."),
        "int_type": whole,
        "int_parsing": whole,
        "int_from_float": whole,
        "bool_type": boolean,
        "bool_parsing": boolean,
        "list_type": _("Must be a list."),
        "dict_type": _("Must be an object."),
        "model_type": _("Must be an object."),
        "model_attributes_type": _("Must be an object."),
        "extra_forbidden": _("This field is not expected here."),
        "iso_date": _("Must be a date (YYYY-MM-DD)."),
        "amount": _("Must be an amount in euros such as 1234.50."),
        "string_pattern_mismatch": _("This value does not have the expected form."),
        "string_too_short": _("This field is required."),
        "too_long": _("This list is too long."),
    }


def _message(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "string_too_long":
        return _("At most %(max)d characters.") % {"max": ctx.get("max_length", 0)}
    if kind in {"greater_than_equal", "greater_than"}:
        return _("Must be at least %(min)s.") % {"min": ctx.get("ge", ctx.get("gt", ""))}
    if kind in {"less_than_equal", "less_than"}:
        return _("Must be at most %(max)s.") % {"max": ctx.get("le", ctx.get("lt", ""))}
    if kind in {"literal_error", "enum"}:
        return _("Must be one of: %(values)s.") % {"values": ctx.get("expected", "")}
    return _messages().get(kind, _("This value is not valid."))


# ninja puts the parameter's kind and name first: ("body", "payload", "identity", "x"),
# ("query", "limit"), ("path", "reference"). Only what follows is the caller's own name.
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}


def field_of(loc: tuple[Any, ...] | list[Any], *, body_param: bool) -> str | None:
    parts = list(loc)
    if parts and parts[0] in _SOURCES:
        source = parts.pop(0)
        if source == "body" and body_param and parts:
            parts.pop(0)  # the view's parameter name, which the caller never sees
    return ".".join(str(p) for p in parts) or None


def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    first = exc.errors[0] if exc.errors else {}
    loc = tuple(first.get("loc", ()))
    field = field_of(loc, body_param=True)
    if loc[:1] == ("body",) and field is None:
        # The whole body has the wrong type (`[]`, `null`) or is missing.
        return error_response(400, "invalid", _("The body must be a JSON object."))
    if len(exc.errors) == 1:
        return error_response(400, "invalid", _message(first), field)
    problems = [
        {"path": field_of(tuple(e.get("loc", ())), body_param=True) or "", "message": _message(e)}
        for e in exc.errors
    ]
    return error_response(400, "invalid", _message(first), field, problems=problems)


def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return error_response(http_status_for(exc), exc.code, exc.message, exc.field)


def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if isinstance(exc.__cause__, MalformedBody):
        return error_response(400, "malformed_json", _("The body is not valid JSON."))
    if isinstance(exc, AuthenticationError):
        return error_response(401, "unauthenticated", _("Authentication is required."))
    if exc.status_code == 429:
        return error_response(429, "throttled", _("Too many requests; try again later."))
    return error_response(exc.status_code, "invalid", _("The request is not valid."))


def malformed_body(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(400, "malformed_json", _("The body is not valid JSON."))


def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(404, "not_found", _("Not found."))


def csrf_refused(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(403, "csrf", _("The CSRF token is missing or wrong."))


def install(api: NinjaAPI) -> None:
    """Replace ninja's default answers ({"detail": ...}, 422) by the one error shape."""
    handlers: list[tuple[type[Exception], Any]] = [
        (ValidationError, validation_error),
        (DomainError, domain_error),
        (HttpError, http_error),
        (Http404, not_found),
        (CsrfRefused, csrf_refused),
        (MalformedBody, malformed_body),
    ]
    for kind, handler in handlers:
        api.add_exception_handler(kind, handler)


def method_not_allowed() -> JsonResponse:
    return error_response(405, "method_not_allowed", _("This method is not allowed here."))

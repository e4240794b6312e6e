"""The one NinjaAPI of /api/v1/, built by the edge from the apps' routers."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI, Router
from ninja.parser import Parser

from nrm.core.api import errors


class StrictJsonParser(Parser):
    """JSON bodies only; anything else is the API's `malformed_json`, not a 500 or a 422."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        try:
            body: Any = json.loads(request.body)
        except ValueError as exc:  # not JSON, or not UTF-8 text at all
            raise errors.MalformedBody from exc
        return body  # type: ignore[no-any-return]


def build_api(
    *,
    auth: Sequence[Callable[[HttpRequest], Any]],
    routers: Sequence[tuple[str, Router]],
    title: str = "Open NRM API",
    version: str = "1",
) -> NinjaAPI:
    """One API: every operation authenticated unless it says `auth=None`, one error shape."""
    api = NinjaAPI(
        title=title,
        version=version,
        openapi_url="/openapi.json",
        docs_url=None,  # the document is for machines; no third-party script is served
        auth=list(auth),
        parser=StrictJsonParser(),
        urls_namespace="api",
    )
    errors.install(api)
    for prefix, router in routers:
        api.add_router(prefix, router)
    return api


def _json_405(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            refused = errors.method_not_allowed()
            refused["Allow"] = response["Allow"]
            return refused
        return response

    return wrapper


def api_urls(api: NinjaAPI) -> tuple[list[URLPattern | URLResolver], str, str]:
    """`api.urls`, with ninja's plain-text 405 answered in the one error shape."""
    patterns, app_name, namespace = api.urls
    wrapped: list[URLPattern | URLResolver] = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern = URLPattern(
                pattern.pattern, _json_405(pattern.callback), pattern.default_args, pattern.name
            )
        wrapped.append(pattern)
    return wrapped, app_name, namespace

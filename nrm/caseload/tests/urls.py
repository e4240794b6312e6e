"""The project's URLs with the caseload page mounted, until nrm/urls.py mounts it
(/tmp/coord/caseload-needs.md)."""

from __future__ import annotations

from typing import cast

from django.urls import URLPattern, URLResolver, include, path

from nrm.urls import urlpatterns as project

_mounted = cast("list[URLPattern | URLResolver]", project)
urlpatterns = [
    *[p for p in _mounted if str(p.pattern) != "caseload/"],
    path("caseload/", include("nrm.caseload.urls")),
]

"""The project's URLs with the local questions' page mounted, for the page tests until
`nrm/urls.py` mounts it (requested from the lead); then this adds nothing."""

from __future__ import annotations

from django.urls import include, path

from nrm.urls import urlpatterns as project

urlpatterns = list(project)
if not any(getattr(p, "namespace", None) == "indicators" for p in project):
    urlpatterns.insert(0, path("indicators/", include("nrm.indicators.urls")))

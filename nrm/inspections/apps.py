from __future__ import annotations

from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "nrm.inspections"
    label = "inspections"

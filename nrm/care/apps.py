from __future__ import annotations

from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "nrm.care"
    label = "care"

from __future__ import annotations

from django.apps import AppConfig


class AftercareConfig(AppConfig):
    name = "nrm.aftercare"
    label = "aftercare"

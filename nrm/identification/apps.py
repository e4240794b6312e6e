from __future__ import annotations

from django.apps import AppConfig


class IdentificationConfig(AppConfig):
    name = "nrm.identification"
    label = "identification"
    verbose_name = "Identification decisions"

from __future__ import annotations

from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "nrm.consent"
    label = "consent"

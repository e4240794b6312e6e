from __future__ import annotations

from django.apps import AppConfig


class ProsecutionConfig(AppConfig):
    name = "nrm.prosecution"
    label = "prosecution"
    verbose_name = "Prosecution"

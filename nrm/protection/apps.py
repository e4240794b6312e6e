from __future__ import annotations

from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "nrm.protection"
    label = "protection"

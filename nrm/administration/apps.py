from __future__ import annotations

from django.apps import AppConfig


class AdministrationConfig(AppConfig):
    name = "nrm.administration"
    label = "administration"

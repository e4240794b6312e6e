from __future__ import annotations

from django.apps import AppConfig


class CaseloadConfig(AppConfig):
    name = "nrm.caseload"
    label = "caseload"

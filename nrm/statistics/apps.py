from __future__ import annotations

from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "nrm.statistics"
    label = "statistics"

from __future__ import annotations

from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "nrm.exchange"
    label = "exchange"
    verbose_name = "Data exchange"

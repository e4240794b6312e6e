from __future__ import annotations

from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "nrm.referrals"
    label = "referrals"

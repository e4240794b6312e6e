from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nrm.core"
    label = "core"

    def ready(self) -> None:
        from nrm.core import bidi

        bidi.install()

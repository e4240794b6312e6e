"""The legal engine's configuration as this installation sets it (settings → LawConfig).

Only the cut-over date of Belgium's new Criminal Code is a deployment setting; every other
unverified piece of the new code is corrected in `nrm/law/be2026.py`, in one place.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from nrm.law import LawConfig
from nrm.law.be2026 import DEFAULT_BE2026, Be2026Config


def be2026_config() -> Be2026Config:
    cutover = settings.NRM_BE2026_CUTOVER
    if not isinstance(cutover, date):
        cutover = date.fromisoformat(str(cutover))
    if cutover == DEFAULT_BE2026.cutover:
        return DEFAULT_BE2026
    return DEFAULT_BE2026.with_cutover(cutover)


def law_config() -> LawConfig:
    return LawConfig(be2026=be2026_config())

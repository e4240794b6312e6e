"""Every jurisdiction's rulesets, by code (the `--jurisdiction` values of `nrm qualify`)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from nrm.law.rules import Jurisdiction
from nrm.law.rulesets.be import BE
from nrm.law.rulesets.dk import DK
from nrm.law.rulesets.fi import FI
from nrm.law.rulesets.international import EU2011, EU2024, PALERMO

JURISDICTIONS: Mapping[str, Jurisdiction] = MappingProxyType(
    {j.code: j for j in (BE, DK, FI, PALERMO, EU2011, EU2024)}
)

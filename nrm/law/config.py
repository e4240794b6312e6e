"""What a deployment may configure: product thresholds, disputed weights, switches.

None of these values is law. The dignity thresholds are product choices (no legal
threshold exists, RULES.md §2.3) and must be shown as such; the ILO-EC weights marked
⚠ in INDICATORS.md are disputed between two sources.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from nrm.law.be2026 import DEFAULT_BE2026, Be2026Config
from nrm.law.rules import Weight

# The two ILO-EC adult-labour indicators whose weight the sources dispute
# (INDICATORS.md §2, dimension 3): source (a) says MEDIUM, source (b) says WEAK.
DISPUTED_DIFFICULTIES_IN_THE_PAST = "ILOEC-AL-3.15"
DISPUTED_DIFFICULTY_TO_ORGANIZE_TRAVEL = "ILOEC-AL-3.16"

_SOURCE_A_WEIGHTS: Mapping[str, Weight] = MappingProxyType(
    {
        DISPUTED_DIFFICULTIES_IN_THE_PAST: Weight.MEDIUM,
        DISPUTED_DIFFICULTY_TO_ORGANIZE_TRAVEL: Weight.MEDIUM,
    }
)


@dataclass(frozen=True, slots=True)
class LawConfig:
    # R-BE-DIGNITY core indicators (PRODUCT CHOICES, not law).
    dignity_wage_ratio_max: float = 0.5  # pay at most this share of the legal minimum
    dignity_weekly_hours_min: float = 60.0
    # R-BE-DIGNITY severity tiers by number of indicators present (PRODUCT CHOICES).
    dignity_medium_count: int = 3
    dignity_high_count: int = 5
    # ILO-EC disputed weights; the default follows source (a), which cites the
    # brochure's page, over (b), an unchecked recollection.
    ilo_ec_disputed_weights: Mapping[str, Weight] = field(default_factory=lambda: _SOURCE_A_WEIGHTS)
    # ILO-EC step 2 (person-level rule) is recalled from the brochure, not retrieved [K].
    ilo_ec_person_rule_enabled: bool = True
    # Rule ids (Citation.rule) switched off, e.g. "R-BE-433octies" pending legal sign-off.
    disabled_rules: frozenset[str] = frozenset()
    # Belgium's new Criminal Code: cut-over date and every unverified piece (be2026.py).
    be2026: Be2026Config = DEFAULT_BE2026


DEFAULT_CONFIG = LawConfig()

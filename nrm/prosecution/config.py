"""The rules of this app that carry a number or a condition, each with its source and how
well it is verified (RULES.md §0): the product shows the tag next to the value, and every
value is a setting.

Tags: V (seen in the cited source), S (secondary source), K (known, not retrieved),
UNVERIFIED, SEED (reported by the seed note, no legal basis located), PRODUCT (a product
choice, not law).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

DEFAULT_CASE_TARGET = 12
DEFAULT_STATE_BACK_PAY_MONTHS = 6
DEFAULT_PRESUMED_MONTHS = 3
DEFAULT_APPEAL_DAYS = 30


@dataclass(frozen=True)
class SourcedRule:
    key: str
    value: int | None
    tag: str
    source: Promise

    @property
    def unverified(self) -> bool:
        return self.tag in {"K", "UNVERIFIED", "SEED"}


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def case_target_default() -> SourcedRule:
    return SourcedRule(
        "NRM_PROSECUTION_TARGET_DEFAULT",
        _setting("NRM_PROSECUTION_TARGET_DEFAULT", DEFAULT_CASE_TARGET),
        "PRODUCT",
        _(
            "Product default: the seed note says prosecution offices work to yearly case "
            "targets but gives no figure."
        ),
    )


def state_back_pay_condition() -> SourcedRule:
    """RULES.md §1 item 4: build the procedure as the seed describes it."""
    return SourcedRule(
        "NRM_STATE_BACK_PAY_MIN_UNPAID_MONTHS",
        _setting("NRM_STATE_BACK_PAY_MIN_UNPAID_MONTHS", DEFAULT_STATE_BACK_PAY_MONTHS),
        "SEED",
        _("Seed note, as reported by the NSSO; legal basis not located."),
    )


def employment_presumption() -> SourcedRule:
    """RULES.md §4.1: presumption of at least three months of employment."""
    return SourcedRule(
        "NRM_BACK_PAY_PRESUMED_MONTHS",
        _setting("NRM_BACK_PAY_PRESUMED_MONTHS", DEFAULT_PRESUMED_MONTHS),
        "K",
        _(
            "Directive 2009/52/EC art. 6(3), known but not retrieved; the Belgian transposing "
            "article is unverified."
        ),
    )


def appeal_period() -> SourcedRule:
    return SourcedRule(
        "NRM_APPEAL_PERIOD_DAYS",
        _setting("NRM_APPEAL_PERIOD_DAYS", DEFAULT_APPEAL_DAYS),
        "K",
        _(
            "Code of criminal procedure, appeal within 30 days of the judgment: known but not "
            "retrieved. Shown as a reminder, never enforced: the court rules on late appeals."
        ),
    )


def state_fund_ceiling() -> SourcedRule:
    """RULES.md §4.3: ceilings, time limits and residence conditions are UNVERIFIED."""
    value = getattr(settings, "NRM_STATE_FUND_CEILING_EUR", None)
    return SourcedRule(
        "NRM_STATE_FUND_CEILING_EUR",
        int(value) if value is not None else None,
        "UNVERIFIED",
        _(
            "The Commission's ceilings, time limits and residence conditions are unverified; "
            "no ceiling is applied unless one is configured."
        ),
    )


# The conditions of the state fund known from secondary sources (RULES.md §4.3), shown as a
# checklist next to each application; the Commission decides.
STATE_FUND_CONDITIONS: tuple[tuple[Promise, str], ...] = (
    (_("The act was committed in Belgium."), "S"),
    (_("Where the author is known: a final judgment."), "S"),
    (_("An intentional act of violence."), "S"),
    (
        _(
            "The aid is subsidiary to compensation by the offender or an insurer, a gesture of "
            "solidarity, never full compensation."
        ),
        "V",
    ),
    (
        _(
            "In practice victims of labour exploitation without physical violence are often "
            "refused (US TIP report 2020)."
        ),
        "V",
    ),
)

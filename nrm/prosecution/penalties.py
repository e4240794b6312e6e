"""Penalties written as Belgian lawyers write them (issue 9 §1).

The legal engine gives ranges in months and euros (CONTRACTS.md §1); the case pages say
"imprisonment from 1 year to 5 years", "level 3 (imprisonment from 3 to 5 years)" for the
new code, and the fine per victim with its total where the law multiplies it by the
number of victims. Reads both shapes of the engine's penalty: the older one (`fine_eur`
multiplied, `fine_eur_per_victim` beside it) and the updated contract (`fine_eur` per
victim, `fine_eur_total`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nrm.law import durations
from nrm.qualification.labels import UNVERIFIED_ITEMS


def duration(months: int) -> str:
    """18 -> "1 year and 6 months"; 60 -> "5 years"; 6 -> "6 months"."""
    return durations.duration(months, _, ngettext)


def imprisonment(span: dict[str, Any] | None, *, at_least: bool = False) -> str:
    """The engine's imprisonment range in the lawyers' words (nrm.law.durations)."""
    if not span:
        return _("no imprisonment")
    return durations.imprisonment_words(
        int(span.get("min") or 0),
        int(span.get("max") or 0),
        life=bool(span.get("life")),
        at_least=at_least,
        gettext=_,
        plural=ngettext,
    )


def euros(amount: Any) -> str:
    return formats.number_format(amount, decimal_pos=0, use_l10n=True, force_grouping=True)


def _span(value: Any) -> dict[str, Any] | None:
    return value if isinstance(value, dict) and "max" in value else None


@dataclass
class PenaltyText:
    """The lines of one penalty, in the user's language, and what is not verified."""

    imprisonment: str
    fine: str
    fine_total: str = ""
    unverified: list[str] = field(default_factory=list)
    administrative_fine: str = ""

    @property
    def lines(self) -> list[str]:
        lines = (self.imprisonment, self.fine, self.fine_total, self.administrative_fine)
        return [line for line in lines if line]


def penalty_text(penalty: dict[str, Any] | None, victims: int | None = None) -> PenaltyText | None:
    if not isinstance(penalty, dict):
        return None
    prison = imprisonment(
        _span(penalty.get("imprisonment_months")), at_least=bool(penalty.get("max_at_least"))
    )
    level = penalty.get("level")
    if isinstance(level, int):
        prison = _("level %(level)s: %(imprisonment)s") % {"level": level, "imprisonment": prison}
    multiplied = bool(penalty.get("fine_multiplied_by_victims"))
    if "fine_eur_per_victim" in penalty:  # the engine's older shape
        per_victim = _span(penalty.get("fine_eur_per_victim"))
        total = _span(penalty.get("fine_eur"))
    else:
        per_victim = _span(penalty.get("fine_eur"))
        total = _span(penalty.get("fine_eur_total"))
    if per_victim is None:
        fine = _("fine: not known")
    elif multiplied:
        fine = _("fine from EUR %(min)s to EUR %(max)s per victim") % {
            "min": euros(per_victim["min"]),
            "max": euros(per_victim["max"]),
        }
    else:
        fine = _("fine from EUR %(min)s to EUR %(max)s") % {
            "min": euros(per_victim["min"]),
            "max": euros(per_victim["max"]),
        }
    fine_total = ""
    if multiplied and total is not None and total != per_victim:
        if victims:
            fine_total = ngettext(
                "for %(count)s victim: EUR %(min)s to EUR %(max)s",
                "for %(count)s victims: EUR %(min)s to EUR %(max)s",
                victims,
            ) % {"count": victims, "min": euros(total["min"]), "max": euros(total["max"])}
        else:
            fine_total = _("in total: EUR %(min)s to EUR %(max)s") % {
                "min": euros(total["min"]),
                "max": euros(total["max"]),
            }
    administrative = _span(penalty.get("administrative_fine_eur"))
    unverified = penalty.get("unverified")
    return PenaltyText(
        prison,
        fine,
        fine_total,
        # What is unverified, named as the qualification page names it (never the key).
        [str(UNVERIFIED_ITEMS.get(str(u), u)) for u in unverified]
        if isinstance(unverified, list)
        else [],
        _("or an administrative fine from EUR %(min)s to EUR %(max)s")
        % {"min": euros(administrative["min"]), "max": euros(administrative["max"])}
        if administrative is not None
        else "",
    )

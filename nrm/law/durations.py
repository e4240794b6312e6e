"""Imprisonment as Belgian lawyers write it: "6 months to 3 years", "10 to 15 years".

Ranges are kept in months (the contract's `imprisonment_months`); these sentences are
what people read. Each case is a whole translatable template with numeric parameters, so
that no sentence is assembled from translated fragments. The numbers are never 1 where
the template says "years" or "months" in the plural (statutory ranges start at 4 months
or 1 year, and "1 to 5 years" reads right in every language of the project).
"""

from __future__ import annotations

from nrm.law.i18n import Message, _
from nrm.law.rules import Range

_YEAR = 12


def imprisonment_range(months: Range | None, *, life: bool = False) -> Message:
    """The range alone, e.g. "1 to 5 years" (for pages and the JSON's readable field)."""
    if life:
        return Message(_("life imprisonment"))
    if months is None:
        return Message(_("imprisonment not known"))
    low, high = months.min, months.max
    if high == 0:
        return Message(_("no imprisonment"))
    if low == 0:
        if high % _YEAR == 0:
            return Message(_("up to %(max)s years"), {"max": high // _YEAR})
        return Message(_("up to %(max)s months"), {"max": high})
    if low % _YEAR == 0 and high % _YEAR == 0:
        return Message(_("%(min)s to %(max)s years"), {"min": low // _YEAR, "max": high // _YEAR})
    if low < _YEAR and high % _YEAR == 0:
        return Message(_("%(min)s months to %(max)s years"), {"min": low, "max": high // _YEAR})
    return Message(_("%(min)s to %(max)s months"), {"min": low, "max": high})


def imprisonment_sentence(months: Range | None, *, life: bool = False) -> Message:
    """The explanation's sentence, e.g. "Penalty: imprisonment of 1 to 5 years."."""
    if life:
        return Message(_("Penalty: life imprisonment."))
    if months is None:
        return Message(_("Penalty: the imprisonment range is not known."))
    low, high = months.min, months.max
    if high == 0:
        return Message(_("Penalty: no imprisonment."))
    if low == 0:
        if high % _YEAR == 0:
            return Message(
                _("Penalty: imprisonment of up to %(max)s years."), {"max": high // _YEAR}
            )
        return Message(_("Penalty: imprisonment of up to %(max)s months."), {"max": high})
    if low % _YEAR == 0 and high % _YEAR == 0:
        return Message(
            _("Penalty: imprisonment of %(min)s to %(max)s years."),
            {"min": low // _YEAR, "max": high // _YEAR},
        )
    if low < _YEAR and high % _YEAR == 0:
        return Message(
            _("Penalty: imprisonment of %(min)s months to %(max)s years."),
            {"min": low, "max": high // _YEAR},
        )
    return Message(
        _("Penalty: imprisonment of %(min)s to %(max)s months."), {"min": low, "max": high}
    )

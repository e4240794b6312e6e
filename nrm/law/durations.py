"""Imprisonment as Belgian lawyers write it: "6 months to 3 years", "10 to 15 years", and on the
case pages "imprisonment from 1 year to 5 years". The one place imprisonment is put in words.

Ranges are kept in months (the contract's `imprisonment_months`); these sentences are
what people read. Each case is a whole translatable template with numeric parameters, so
that no sentence is assembled from translated fragments. The numbers are never 1 where
the template says "years" or "months" in the plural (statutory ranges start at 4 months
or 1 year, and "1 to 5 years" reads right in every language of the project).
"""

from __future__ import annotations

from collections.abc import Callable

from nrm.law.i18n import Message, _, identity
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


# As the case pages write a penalty ("imprisonment from 1 year to 5 years") -----------------
# Durations there read in words of years and months, which need plural forms: the pure core
# gives the sentence's template and its durations as counts; the edge renders them with its
# gettext and ngettext (`LawyersImprisonment.render`).


def ngettext(singular: str, plural: str, count: int) -> str:
    """Mark a plural pair for extraction; the edge's ngettext chooses the form."""
    return singular if count == 1 else plural


Gettext = Callable[[str], str]
Ngettext = Callable[[str, str, int], str]


def duration(months: int, gettext: Gettext = identity, plural: Ngettext = ngettext) -> str:
    """18 -> "1 year and 6 months"; 60 -> "5 years"; 6 -> "6 months"."""
    years, rest = divmod(months, _YEAR)
    year_text = plural("%(count)s year", "%(count)s years", years) % {"count": years}
    month_text = plural("%(count)s month", "%(count)s months", rest) % {"count": rest}
    if years and rest:
        return gettext(_("%(years)s and %(months)s")) % {"years": year_text, "months": month_text}
    return year_text if years else month_text


def imprisonment_words(
    low: int,
    high: int,
    *,
    life: bool = False,
    at_least: bool = False,
    gettext: Gettext = identity,
    plural: Ngettext = ngettext,
) -> str:
    """The imprisonment of a penalty in the lawyers' words, e.g. "imprisonment from 1 year to
    5 years"; `at_least` when the engine knows only that the maximum is at least `high`."""
    if life:
        return gettext(_("life imprisonment"))
    if high == 0:
        return gettext(_("no imprisonment"))
    if at_least:
        return gettext(_("imprisonment with a maximum of at least %(max)s")) % {
            "max": duration(high, gettext, plural)
        }
    if low == 0:
        return gettext(_("imprisonment up to %(max)s")) % {"max": duration(high, gettext, plural)}
    if low == high:
        return gettext(_("imprisonment of %(duration)s")) % {
            "duration": duration(high, gettext, plural)
        }
    return gettext(_("imprisonment from %(min)s to %(max)s")) % {
        "min": duration(low, gettext, plural),
        "max": duration(high, gettext, plural),
    }

"""Translated labels for the indicator frameworks, and the checklists of the screening form.

The legal core speaks in ids and English sentences marked for translation; the pages
speak the user's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nrm.inspections.suggestion import CHECKABLE_DIGNITY, DIGNITY_DESCRIPTIONS, Level
from nrm.law import ADULT_LABOUR_INDICATORS, FORCED_LABOUR_INDICATORS
from nrm.law.indicators.operational import Dimension

DIMENSIONS: dict[str, Promise] = {
    Dimension.DECEPTIVE_RECRUITMENT: gettext_lazy("Deceptive recruitment"),
    Dimension.COERCIVE_RECRUITMENT: gettext_lazy("Coercive recruitment"),
    Dimension.RECRUITMENT_BY_ABUSE_OF_VULNERABILITY: gettext_lazy(
        "Recruitment by abuse of vulnerability"
    ),
    Dimension.EXPLOITATIVE_CONDITIONS_OF_WORK: gettext_lazy("Exploitative conditions of work"),
    Dimension.COERCION_AT_DESTINATION: gettext_lazy("Coercion at destination"),
    Dimension.ABUSE_OF_VULNERABILITY_AT_DESTINATION: gettext_lazy(
        "Abuse of vulnerability at destination"
    ),
    "FORCED_LABOUR": gettext_lazy("ILO forced labour"),
    "HUMAN_DIGNITY": gettext_lazy("Human dignity (Belgian case law)"),
}
WEIGHTS: dict[str, Promise] = {
    "STRONG": gettext_lazy("strong"),
    "MEDIUM": gettext_lazy("medium"),
    "WEAK": gettext_lazy("weak"),
}
LEVELS: dict[str, Promise] = {
    Level.POTENTIAL_VICTIM: gettext_lazy("Potential victim: consider a referral"),
    Level.INDICATORS: gettext_lazy("Some indicators observed"),
    Level.NONE: gettext_lazy("No indicator observed"),
}

_ILO11 = {i.id: i for i in FORCED_LABOUR_INDICATORS}
_ILO_EC = {i.id: i for i in ADULT_LABOUR_INDICATORS}


def indicator_label(indicator: str) -> str:
    if indicator in _ILO11:
        return _(_ILO11[indicator].name)
    if indicator in _ILO_EC:
        return _(_ILO_EC[indicator].name)
    if indicator in DIGNITY_DESCRIPTIONS:
        return _(DIGNITY_DESCRIPTIONS[indicator])
    return indicator


def dimension_label(dimension: str) -> str:
    label = DIMENSIONS.get(dimension)
    return str(label) if label is not None else dimension


@dataclass(frozen=True)
class Item:
    field: str
    id: str
    label: str
    weight: str
    disputed: bool
    checked: bool
    note: str


@dataclass(frozen=True)
class Group:
    title: str
    items: tuple[Item, ...]

    @property
    def checked_count(self) -> int:
        return sum(1 for item in self.items if item.checked)


def checklists(
    checked: Mapping[str, Iterable[str]], notes: Mapping[str, str]
) -> dict[str, list[Group]]:
    """The three frameworks as groups of checkboxes, with what was ticked and noted."""
    ticked = {name: set(values) for name, values in checked.items()}

    def item(
        field: str, indicator: str, label: str, weight: str = "", disputed: bool = False
    ) -> Item:
        return Item(
            field=field,
            id=indicator,
            label=label,
            weight=weight,
            disputed=disputed,
            checked=indicator in ticked.get(field, set()),
            note=notes.get(indicator, ""),
        )

    ilo11 = Group(
        _("ILO indicators of forced labour"),
        tuple(item("ilo_fl", i.id, _(i.name)) for i in FORCED_LABOUR_INDICATORS),
    )
    operational = [
        Group(
            str(DIMENSIONS[dimension]),
            tuple(
                item(
                    "ilo_ec",
                    i.id,
                    _(i.name),
                    str(WEIGHTS[str(i.weight)]),
                    i.disputed is not None,
                )
                for i in ADULT_LABOUR_INDICATORS
                if i.dimension is dimension
            ),
        )
        for dimension in Dimension
    ]
    dignity = Group(
        _("Belgian human-dignity indicators"),
        tuple(item("dignity", i, _(DIGNITY_DESCRIPTIONS[i])) for i in CHECKABLE_DIGNITY),
    )
    return {"ilo11": [ilo11], "operational": operational, "dignity": [dignity]}

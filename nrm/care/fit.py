"""Whether a person fits a type of place: pure rules as data, no Django, tested alone.

A misfit does not forbid the placement: a caseworker may have good reasons (a mother with
her baby in a women's room, a 17-year-old with no bed elsewhere tonight). It asks for the
reason, which is recorded with the placement (`nrm.care.actions.placement_create`).

Gender follows the person's own gender (HTCDS `prs_Gender`): a transgender woman fits a
place for women. Where the record says nothing usable (non-conforming, not specified) the
rules cannot tell, and gender makes no misfit; likewise an unknown age makes no misfit on
age. The place types are `nrm.care.models.PlaceType` values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

ADULT_AGE = 18
FEMININE = frozenset({"Feminine", "TransgenderFeminine"})
MASCULINE = frozenset({"Masculine", "TransgenderMasculine"})


class Misfit(StrEnum):
    """Why a person does not fit a type of place; each asks for a reason."""

    GENDER = "GENDER"  # a man in a place for women, or a woman in a place for men
    MINOR_IN_ADULT_PLACE = "MINOR_IN_ADULT_PLACE"
    ADULT_IN_MINOR_PLACE = "ADULT_IN_MINOR_PLACE"
    NO_FAMILY_IN_FAMILY_PLACE = "NO_FAMILY_IN_FAMILY_PLACE"


@dataclass(frozen=True)
class PlaceRule:
    """Who a type of place is for. `genders`: None for anyone; `adults`: True for adults
    only, False for minors only, None for any age; `family`: a family place asks that the
    person arrives with family members, and then takes their children too."""

    genders: frozenset[str] | None
    adults: bool | None
    family: bool = False


PLACE_RULES: dict[str, PlaceRule] = {
    "WOMEN": PlaceRule(genders=FEMININE, adults=True),
    "MEN": PlaceRule(genders=MASCULINE, adults=True),
    "FAMILIES": PlaceRule(genders=None, adults=True, family=True),
    "MINORS": PlaceRule(genders=None, adults=False),
}


@dataclass(frozen=True)
class Resident:
    """What the rules read of a person arriving: gender, age on the arrival day (None when
    unknown), and whether they arrive with family members (partner or children)."""

    gender: str
    age: int | None
    with_family: bool


def _known_gender(gender: str) -> bool:
    return gender in FEMININE | MASCULINE


def misfits(place_type: str, resident: Resident) -> tuple[Misfit, ...]:
    """Every way the resident does not fit the type of place; empty when they fit."""
    rule = PLACE_RULES[place_type]
    found: list[Misfit] = []
    known = _known_gender(resident.gender)
    if rule.genders is not None and known and resident.gender not in rule.genders:
        found.append(Misfit.GENDER)
    minor = None if resident.age is None else resident.age < ADULT_AGE
    if minor is not None:
        # A child who arrives with a parent belongs in the family place with them.
        if rule.adults is True and minor and not (rule.family and resident.with_family):
            found.append(Misfit.MINOR_IN_ADULT_PLACE)
        if rule.adults is False and not minor:
            found.append(Misfit.ADULT_IN_MINOR_PLACE)
    if rule.family and not resident.with_family:
        found.append(Misfit.NO_FAMILY_IN_FAMILY_PLACE)
    return tuple(found)


def age_on(
    *, birth_date: date | None, age_at_first_contact: int | None, first_contact: date, day: date
) -> int | None:
    """The age on `day`: exact from the birth date; else the age at first contact plus the
    whole years since, which never overstates it (a minor is never taken for an adult)."""
    if birth_date is not None:
        return _whole_years(birth_date, day)
    if age_at_first_contact is None:
        return None
    return age_at_first_contact + max(_whole_years(first_contact, day), 0)


def _whole_years(start: date, end: date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))

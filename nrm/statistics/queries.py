"""De-identified counts for the rapporteur and the coordinators.

No identity is ever read here: only demographic columns, aggregated, with small cells
suppressed so that a count cannot single anyone out (DESIGN principle 7).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.access.policy import Ability, decide
from nrm.core.errors import NotFound
from nrm.people.models import Person
from nrm.people.vocab import Gender, country_name


@dataclass(frozen=True)
class Cell:
    label: str
    count: int | None  # None: suppressed

    @property
    def shown(self) -> str:
        return str(self.count) if self.count is not None else f"<{settings.NRM_SMALL_CELL}"


def suppress(counts: Iterable[tuple[str, int]]) -> list[Cell]:
    """Cells below the threshold are hidden; zero stays zero (it reveals no one)."""
    threshold = settings.NRM_SMALL_CELL
    return [
        Cell(label, count if count == 0 or count >= threshold else None) for label, count in counts
    ]


def age_band(age: int | None) -> str:
    if age is None:
        return _("Unknown")
    if age < 18:
        return _("Minor (under 18)")
    if age < 25:
        return "18-24"
    if age < 35:
        return "25-34"
    if age < 50:
        return "35-49"
    return _("50 and over")


@dataclass(frozen=True)
class Overview:
    total: int
    by_gender: list[Cell]
    by_age: list[Cell]
    by_nationality: list[Cell]
    by_year: list[Cell]


def person_overview(actor: Actor) -> Overview:
    """Counts of all persons in the mechanism, for roles with a statistics or overview duty."""
    if not (
        decide(actor, Ability.STATISTICS_VIEW).allowed
        or decide(actor, Ability.MECHANISM_OVERVIEW).allowed
    ):
        raise NotFound(_("No such page."))
    rows = Person.objects.values_list(
        "gender", "age_at_first_contact", "nationalities", "first_contact_on"
    )
    genders: Counter[str] = Counter()
    ages: Counter[str] = Counter()
    nationalities: Counter[str] = Counter()
    years: Counter[str] = Counter()
    total = 0
    for gender, age, nats, first_contact in rows.iterator(chunk_size=2000):
        total += 1
        genders[gender] += 1
        ages[age_band(age)] += 1
        for code in nats or ["??"]:
            nationalities[code] += 1
        years[str(first_contact.year)] += 1
    gender_labels = dict(Gender.choices)
    return Overview(
        total=total,
        by_gender=suppress((str(gender_labels.get(g, g)), n) for g, n in genders.most_common()),
        by_age=suppress(sorted(ages.items())),
        by_nationality=suppress(
            (country_name(code) if code != "??" else _("Unknown"), n)
            for code, n in nationalities.most_common()
        ),
        by_year=suppress(sorted(years.items())),
    )


def involvement_counts(actor: Actor) -> list[tuple[str, int]]:
    """How many persons each kind of organisation is involved with (coordination view)."""
    if not decide(actor, Ability.MECHANISM_OVERVIEW).allowed:
        raise NotFound(_("No such page."))
    from nrm.access.models import Involvement
    from nrm.organisations.models import OrganisationType

    labels = dict(OrganisationType.choices)
    rows = (
        Involvement.objects.filter(until__isnull=True)
        .values("organisation__type")
        .annotate(n=Count("person", distinct=True))
        .order_by("organisation__type")
    )
    return [
        (str(labels.get(r["organisation__type"], r["organisation__type"])), r["n"]) for r in rows
    ]

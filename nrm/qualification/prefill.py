"""The facts form prefilled from a screening's figures and indicators (issue 16 item 2).

Each mapping below is explicit and one-way: an indicator observed at a screening proposes a
fact to the person qualifying, who checks every field before qualifying. Indicators are
observations, not established facts, so nothing here is ever "no": what the screening did
not observe stays *not known* (`*_unknown` ticked for an empty list, "" for a flag).

The working and housing conditions come from the suggestion's own reading of the screening
(`nrm.inspections.suggestion.labour_conditions`): the qualification and the suggestion read
the same ticks the same way. The installation's local questions (`nrm.indicators`) are
never read here: they are not legal indicators.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from nrm.inspections import suggestion
from nrm.inspections.actions import facts_of
from nrm.inspections.models import Screening
from nrm.inspections.queries import observed_pairs_of
from nrm.inspections.vocab import Framework
from nrm.law import ADULT_LABOUR_INDICATORS
from nrm.law.facts import Act, Means, Purpose, Vulnerability
from nrm.law.indicators.operational import Dimension

FL = Framework.ILO_FORCED_LABOUR
EC = Framework.ILO_EC_OPERATIONAL
DIGNITY = Framework.BE_HUMAN_DIGNITY
Pair = tuple[str, str]


def _ec_named(*names: str) -> frozenset[Pair]:
    """The ILO-EC indicators of these names, in every dimension they appear in."""
    found = frozenset((EC, i.id) for i in ADULT_LABOUR_INDICATORS if i.name in names)
    missing = set(names) - {i.name for i in ADULT_LABOUR_INDICATORS if i.name in names}
    assert not missing, f"no ILO-EC indicator named {missing}"
    return found


def _ec_dimensions(*dimensions: Dimension) -> frozenset[Pair]:
    return frozenset((EC, i.id) for i in ADULT_LABOUR_INDICATORS if i.dimension in dimensions)


RECRUITMENT = (
    Dimension.DECEPTIVE_RECRUITMENT,
    Dimension.COERCIVE_RECRUITMENT,
    Dimension.RECRUITMENT_BY_ABUSE_OF_VULNERABILITY,
)

# Means (Belgian Criminal Code art. 433quinquies; Palermo art. 3(a)) proposed by indicators.
MEANS_FROM: dict[str, frozenset[Pair]] = {
    Means.DECEPTION: frozenset({(FL, "ILO-FL-02")})
    | _ec_dimensions(Dimension.DECEPTIVE_RECRUITMENT)
    | _ec_named(
        "False information about law, attitude of authorities",
        "False information about successful migration",
    ),
    Means.FORCE_VIOLENCE: frozenset({(FL, "ILO-FL-05")}) | _ec_named("Violence on victims"),
    Means.THREAT: frozenset({(FL, "ILO-FL-06")})
    | _ec_named(
        "Threat of denunciation to authorities",
        "Threat of violence against victim",
        "Threats of violence against victim",
        "Threat to inform family, community or public",
        "Threats to inform family, community or public",
        "Threat to impose even worse working conditions",
        "Violence on family (threats or effective)",
    ),
    Means.DEPRIVATION_OF_LIBERTY: frozenset({(FL, "ILO-FL-03")})
    | _ec_named("Isolation, confinement or surveillance"),
    Means.ABUSE_OF_VULNERABILITY: frozenset({(FL, "ILO-FL-01")})
    | _ec_dimensions(
        Dimension.RECRUITMENT_BY_ABUSE_OF_VULNERABILITY,
        Dimension.ABUSE_OF_VULNERABILITY_AT_DESTINATION,
    ),
    Means.OTHER_COERCION: frozenset({(FL, "ILO-FL-07"), (FL, "ILO-FL-08"), (FL, "ILO-FL-09")})
    | _ec_named(
        "Confiscation of documents", "Debt bondage", "Withholding of money", "Withholding of wages"
    ),
}
# The victim's vulnerabilities (art. 433quinquies §1, 4°) the indicators point to.
VULNERABILITIES_FROM: dict[str, frozenset[Pair]] = {
    Vulnerability.IRREGULAR_OR_PRECARIOUS_ADMIN_STATUS: _ec_named(
        "Abuse of illegal status", "Relationship with authorities/legal status"
    ),
    Vulnerability.PRECARIOUS_SOCIAL_SITUATION: _ec_named(
        "Economic reasons", "Family situation", "Abuse of difficult family situation"
    ),
}
# Acts: recruitment indicators say the worker was recruited; degrading housing is housing by
# the employer (the suggestion reads it so too), i.e. harbouring.
ACTS_FROM: dict[str, frozenset[Pair]] = {
    Act.RECRUIT: _ec_dimensions(*RECRUITMENT),
    Act.HARBOUR: frozenset({(DIGNITY, "DEGRADING_HOUSING")}),
}


@dataclass
class Prefill:
    """The form's initial values, and which observations proposed each (for the page)."""

    screening: str
    initial: dict[str, Any]
    sources: dict[str, list[str]] = field(default_factory=dict)


def _choose(
    observed: frozenset[Pair], table: dict[str, frozenset[Pair]], sources: dict[str, list[str]]
) -> list[str]:
    chosen = []
    for value, pairs in table.items():
        hits = sorted(i for _f, i in observed & pairs)
        if hits:
            chosen.append(str(value))
            sources[str(value)] = hits
    return chosen


def _list(initial: dict[str, Any], name: str, values: Iterable[str]) -> None:
    values = list(values)
    initial[name] = values
    # Nothing observed is not "established that there is none".
    initial[f"{name}_unknown"] = not values


def _tristate(value: bool | None) -> str:
    return "yes" if value else ""


def facts_initial(screening: Screening) -> Prefill:
    """The facts form's initial values from a screening the caller has opened (and audited)."""
    observed = observed_pairs_of(screening)
    facts = facts_of(screening, observed)
    result = suggestion.suggest(facts)
    labour = suggestion.labour_conditions(facts)
    sources: dict[str, list[str]] = {}
    initial: dict[str, Any] = {
        # The acts were going on when the screening met the worker; when they began and
        # whether they ended is for the person qualifying to say.
        "start": screening.screened_on,
        "number_of_victims": 1,
    }
    # Figures.
    if labour.hourly_wage_eur is not None:
        initial["hourly_wage_eur"] = screening.hourly_wage_eur
        # The product's configured minimum (settings), shown for the person to check.
        initial["legal_minimum_hourly_wage_eur"] = suggestion.minimum_hourly_wage()
    if screening.weekly_hours is not None:
        initial["weekly_hours"] = screening.weekly_hours
    if labour.rest_days_per_week is not None:
        initial["rest_days_per_week"] = labour.rest_days_per_week
    # Working and housing conditions: a ticked human-dignity indicator is "yes".
    for name in (
        "housing_provided_by_employer",
        "housing_degrading",
        "unsafe_workplace",
        "undeclared_work",
        "documents_withheld",
        "wage_deductions",
        "dependency_on_employer",
        "humiliating_treatment",
    ):
        initial[name] = _tristate(getattr(labour, name))
    # The ILO forced-labour indicator of retained documents is the same fact.
    if (FL, "ILO-FL-07") in observed:
        initial["documents_withheld"] = "yes"
    # Acts, means, vulnerabilities.
    _list(initial, "acts", _choose(observed, ACTS_FROM, sources))
    _list(initial, "means", _choose(observed, MEANS_FROM, sources))
    _list(initial, "vulnerabilities", _choose(observed, VULNERABILITIES_FROM, sources))
    # Purposes: the human-dignity profile (ticks, pay and hours) proposes work contrary to
    # human dignity; the ILO forced-labour indicators, as many as the suggestion asks for,
    # forced labour.
    purposes = []
    if result.dignity.count:
        purposes.append(str(Purpose.WORK_CONTRARY_TO_HUMAN_DIGNITY))
        sources[str(Purpose.WORK_CONTRARY_TO_HUMAN_DIGNITY)] = sorted(
            i for f, i in observed if f == DIGNITY
        )
    forced = sorted(i for f, i in observed if f == FL)
    if len(forced) >= suggestion.ilo11_minimum():
        purposes.append(str(Purpose.FORCED_LABOUR_OR_SERVICES))
        sources[str(Purpose.FORCED_LABOUR_OR_SERVICES)] = forced
    _list(initial, "purposes", purposes)
    return Prefill(screening=screening.reference, initial=initial, sources=sources)

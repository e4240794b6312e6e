"""ILO-European Commission operational indicators of trafficking in human beings (2009),
adult labour-exploitation list: 67 weighted indicators in 6 dimensions, the element
rule (step 1) and the person rule (step 2) (INDICATORS.md §2).

The list joins two sources that agree except on two weights (⚠); those weights are
configuration and every result shows the disagreement. Results are suggestions: the
decision stays with the NRM bodies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from nrm.law.config import (
    DEFAULT_CONFIG,
    DISPUTED_DIFFICULTIES_IN_THE_PAST,
    DISPUTED_DIFFICULTY_TO_ORGANIZE_TRAVEL,
    LawConfig,
)
from nrm.law.i18n import Message, Param, _
from nrm.law.indicators.forced_labour import IndicatorError
from nrm.law.rules import Citation, Tag, Weight

# Sources (a) and (b) agree; neither is the brochure itself, which could not be read.
ILO_EC_LIST = Citation("ILO-EC-AL-LIST", ("ILO-EC-2009",), Tag.K)
# The per-dimension counts (10, 10, 16, 9, 15, 7) are confirmed by seafish.org.
ILO_EC_COUNTS = Citation("ILO-EC-AL-COUNTS", ("ILO-EC-2009", "SEAFISH-ILO-EC"), Tag.S)
ILO_EC_ELEMENT_RULE = Citation("ILO-EC-STEP-1", ("ILO-EC-2009",), Tag.K)
# Step 2 comes from source (b) only, "to be verified".
ILO_EC_PERSON_RULE = Citation("ILO-EC-STEP-2", ("ILO-EC-2009",), Tag.K)
ILO_EC_DISPUTED = Citation("ILO-EC-DISPUTED-WEIGHTS", ("ILO-EC-2009",), Tag.UNVERIFIED)


class Dimension(StrEnum):
    DECEPTIVE_RECRUITMENT = "DECEPTIVE_RECRUITMENT"
    COERCIVE_RECRUITMENT = "COERCIVE_RECRUITMENT"
    RECRUITMENT_BY_ABUSE_OF_VULNERABILITY = "RECRUITMENT_BY_ABUSE_OF_VULNERABILITY"
    EXPLOITATIVE_CONDITIONS_OF_WORK = "EXPLOITATIVE_CONDITIONS_OF_WORK"
    COERCION_AT_DESTINATION = "COERCION_AT_DESTINATION"
    ABUSE_OF_VULNERABILITY_AT_DESTINATION = "ABUSE_OF_VULNERABILITY_AT_DESTINATION"


RECRUITMENT_DIMENSIONS = frozenset(
    {
        Dimension.DECEPTIVE_RECRUITMENT,
        Dimension.COERCIVE_RECRUITMENT,
        Dimension.RECRUITMENT_BY_ABUSE_OF_VULNERABILITY,
    }
)
DESTINATION_DIMENSIONS = frozenset(
    {Dimension.COERCION_AT_DESTINATION, Dimension.ABUSE_OF_VULNERABILITY_AT_DESTINATION}
)


@dataclass(frozen=True, slots=True)
class DisputedWeight:
    source_a: Weight  # third-party "Unified Weighted Trafficking-Indicator Reference"
    source_b: Weight  # recollection of the brochure


@dataclass(frozen=True, slots=True)
class OperationalIndicator:
    id: str
    dimension: Dimension
    name: str  # marked with _()
    weight: Weight  # the weight where the sources agree; see `disputed` otherwise
    disputed: DisputedWeight | None = None


S, M, W = Weight.STRONG, Weight.MEDIUM, Weight.WEAK

_RAW: tuple[tuple[Dimension, tuple[tuple[str, Weight], ...]], ...] = (
    (
        Dimension.DECEPTIVE_RECRUITMENT,
        (
            (_("Deceived about the nature of the job, location or employer"), S),
            (_("Deceived about conditions of work"), M),
            (_("Deceived about content or legality of work contract"), M),
            (_("Deceived about family reunification"), M),
            (_("Deceived about housing and living conditions"), M),
            (_("Deceived about legal documentation or obtaining legal migrant status"), M),
            (_("Deceived about travel and recruitment conditions"), M),
            (_("Deceived about wages/earnings"), M),
            (_("Deceived through promises of marriage or adoption"), M),
            (_("Deceived about access to education opportunities"), W),
        ),
    ),
    (
        Dimension.COERCIVE_RECRUITMENT,
        (
            (_("Violence on victims"), S),
            (_("Abduction, forced marriage, forced adoption or selling of victim"), M),
            (_("Confiscation of documents"), M),
            (_("Debt bondage"), M),
            (_("Isolation, confinement or surveillance"), M),
            (_("Threat of denunciation to authorities"), M),
            (_("Threat of violence against victim"), M),
            (_("Threat to inform family, community or public"), M),
            (_("Violence on family (threats or effective)"), M),
            (_("Withholding of money"), M),
        ),
    ),
    (
        Dimension.RECRUITMENT_BY_ABUSE_OF_VULNERABILITY,
        (
            (_("Abuse of difficult family situation"), M),
            (_("Abuse of illegal status"), M),
            (_("Abuse of lack of education (language)"), M),
            (_("Abuse of lack of information"), M),
            (_("Control of exploiters"), M),
            (_("Economic reasons"), M),
            (_("False information about law, attitude of authorities"), M),
            (_("False information about successful migration"), M),
            (_("Family situation"), M),
            (_("Personal situation"), M),
            (_("Psychological and emotional dependency"), M),
            (_("Relationship with authorities/legal status"), M),
            (_("Abuse of cultural/religious beliefs"), W),
            (_("General context"), W),
            # ⚠ 3.15 and 3.16: MEDIUM in source (a), WEAK in (b); see DISPUTED below.
            (_("Difficulties in the past"), M),
            (_("Difficulty to organize the travel"), M),
        ),
    ),
    (
        Dimension.EXPLOITATIVE_CONDITIONS_OF_WORK,
        (
            (_("Excessive working days or hours"), S),
            (_("Bad living conditions"), M),
            (_("Hazardous work"), M),
            (_("Low or no salary"), M),
            (_("No respect of labour laws or contract signed"), M),
            (_("No social protection (contract, social insurance, etc.)"), M),
            (_("Very bad working conditions"), M),
            (_("Wage manipulation"), M),
            (_("No access to education"), W),
        ),
    ),
    (
        Dimension.COERCION_AT_DESTINATION,
        (
            (_("Confiscation of documents"), S),
            (_("Debt bondage"), S),
            (_("Isolation, confinement or surveillance"), S),
            (_("Violence on victims"), S),
            (_("Forced into illicit/criminal activities"), M),
            (_("Forced tasks or clients"), M),
            (_("Forced to act against peers"), M),
            (_("Forced to lie to authorities, family, etc."), M),
            (_("Threat of denunciation to authorities"), M),
            (_("Threat to impose even worse working conditions"), M),
            (_("Threats of violence against victim"), M),
            (_("Under strong influence"), M),
            (_("Violence on family (threats or effective)"), M),
            (_("Withholding of wages"), M),
            (_("Threats to inform family, community or public"), W),
        ),
    ),
    (
        Dimension.ABUSE_OF_VULNERABILITY_AT_DESTINATION,
        (
            (_("Dependency on exploiters"), M),
            (_("Difficulty to live in an unknown area"), M),
            (_("Economic reasons"), M),
            (_("Family situation"), M),
            (_("Relationship with authorities/legal status"), M),
            (_("Difficulties in the past"), W),
            (_("Personal characteristics"), W),
        ),
    ),
)

DISPUTED: MappingProxyType[str, DisputedWeight] = MappingProxyType(
    {
        DISPUTED_DIFFICULTIES_IN_THE_PAST: DisputedWeight(source_a=M, source_b=W),
        DISPUTED_DIFFICULTY_TO_ORGANIZE_TRAVEL: DisputedWeight(source_a=M, source_b=W),
    }
)

ADULT_LABOUR_INDICATORS: tuple[OperationalIndicator, ...] = tuple(
    OperationalIndicator(
        id=f"ILOEC-AL-{number}.{position:02d}",
        dimension=dimension,
        name=name,
        weight=weight,
        disputed=DISPUTED.get(f"ILOEC-AL-{number}.{position:02d}"),
    )
    for number, (dimension, rows) in enumerate(_RAW, start=1)
    for position, (name, weight) in enumerate(rows, start=1)
)

_BY_ID = MappingProxyType({i.id: i for i in ADULT_LABOUR_INDICATORS})


def element_is_positive(strong: int, medium: int, weak: int) -> bool:
    """Step 1: a dimension is positive with two strong; one strong and one medium or
    weak; three medium; or two medium and one weak indicators."""
    return (
        strong >= 2
        or (strong >= 1 and medium + weak >= 1)
        or medium >= 3
        or (medium >= 2 and weak >= 1)
    )


@dataclass(frozen=True, slots=True)
class DimensionResult:
    dimension: Dimension
    observed: tuple[str, ...]
    strong: int
    medium: int
    weak: int
    positive: bool


@dataclass(frozen=True, slots=True)
class DisputedWeightUse:
    indicator: str
    weight_used: Weight
    source_a: Weight
    source_b: Weight


@dataclass(frozen=True, slots=True)
class OperationalAssessment:
    """A suggestion with reasons, never an identification."""

    dimensions: tuple[DimensionResult, ...]
    # None when the person rule is switched off in configuration.
    suggests_trafficking: bool | None
    reasons: tuple[Message, ...]
    disputed_weights: tuple[DisputedWeightUse, ...]
    citations: tuple[Citation, ...]


def weight_of(indicator: OperationalIndicator, config: LawConfig) -> Weight:
    if indicator.disputed is None:
        return indicator.weight
    return config.ilo_ec_disputed_weights.get(indicator.id, indicator.disputed.source_a)


def assess_adult_labour_indicators(
    observed_ids: Iterable[str], config: LawConfig | None = None
) -> OperationalAssessment:
    """Apply the element rule to each dimension and, if enabled, the person rule."""
    config = config or DEFAULT_CONFIG
    ids = set(observed_ids)
    unknown = ids - _BY_ID.keys()
    if unknown:
        raise IndicatorError("ILO-EC adult labour", unknown)
    citations = [ILO_EC_LIST, ILO_EC_COUNTS, ILO_EC_ELEMENT_RULE]
    dimensions: list[DimensionResult] = []
    reasons: list[Message] = []
    disputed: list[DisputedWeightUse] = []
    for dimension in Dimension:
        observed = [i for i in ADULT_LABOUR_INDICATORS if i.dimension is dimension and i.id in ids]
        counts = {Weight.STRONG: 0, Weight.MEDIUM: 0, Weight.WEAK: 0}
        for indicator in observed:
            weight = weight_of(indicator, config)
            counts[weight] += 1
            if indicator.disputed is not None:
                disputed.append(
                    DisputedWeightUse(
                        indicator.id,
                        weight,
                        indicator.disputed.source_a,
                        indicator.disputed.source_b,
                    )
                )
        positive = element_is_positive(counts[S], counts[M], counts[W])
        dimensions.append(
            DimensionResult(
                dimension=dimension,
                observed=tuple(i.id for i in observed),
                strong=counts[S],
                medium=counts[M],
                weak=counts[W],
                positive=positive,
            )
        )
        params: dict[str, Param] = {
            "dimension": str(dimension),
            "strong": counts[S],
            "medium": counts[M],
            "weak": counts[W],
        }
        if positive:
            reasons.append(
                Message(
                    _(
                        "Element %(dimension)s is positive: %(strong)s strong, %(medium)s medium "
                        "and %(weak)s weak indicators."
                    ),
                    params,
                )
            )
        elif observed:
            reasons.append(
                Message(
                    _(
                        "Element %(dimension)s is not positive: %(strong)s strong, %(medium)s "
                        "medium and %(weak)s weak indicators are not enough."
                    ),
                    params,
                )
            )
    for use in disputed:
        citations.append(ILO_EC_DISPUTED)
        reasons.append(
            Message(
                _(
                    "The weight of %(indicator)s is disputed: %(a)s in one source, %(b)s in the "
                    "other; this installation uses %(used)s."
                ),
                {
                    "indicator": use.indicator,
                    "a": str(use.source_a),
                    "b": str(use.source_b),
                    "used": str(use.weight_used),
                },
            )
        )
    suggests: bool | None = None
    if config.ilo_ec_person_rule_enabled:
        citations.append(ILO_EC_PERSON_RULE)
        positive_set = {d.dimension for d in dimensions if d.positive}
        suggests = (
            bool(positive_set & RECRUITMENT_DIMENSIONS)
            and Dimension.EXPLOITATIVE_CONDITIONS_OF_WORK in positive_set
            and bool(positive_set & DESTINATION_DIMENSIONS)
        )
        if suggests:
            reasons.append(
                Message(
                    _(
                        "Recruitment, exploitation and destination elements are all positive: the "
                        "indicators suggest trafficking for labour exploitation. This is a "
                        "suggestion for the competent authority, not an identification."
                    )
                )
            )
        else:
            reasons.append(
                Message(
                    _(
                        "The indicators do not show a positive recruitment, exploitation and "
                        "destination element together; this does not rule out trafficking."
                    )
                )
            )
    return OperationalAssessment(
        dimensions=tuple(dimensions),
        suggests_trafficking=suggests,
        reasons=tuple(reasons),
        disputed_weights=tuple(disputed),
        citations=tuple(dict.fromkeys(citations)),
    )

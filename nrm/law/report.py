"""What the engine returns: one result per jurisdiction, every sentence translatable."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from nrm.law.i18n import Message
from nrm.law.indicators.dignity import DignityProfile
from nrm.law.rules import Citation, ElementStatus, Outcome, Range


@dataclass(frozen=True, slots=True)
class Elements:
    act: ElementStatus
    means: ElementStatus
    purpose: ElementStatus


@dataclass(frozen=True, slots=True)
class AggravatingCircumstance:
    provision: str
    reason: Message
    requires_judicial_assessment: bool = False
    citation: Message | None = None  # as lawyers write it (nrm.law.provisions)


class Role(StrEnum):
    """What a result is for (CONTRACTS.md §1, rulesets in force)."""

    GOVERNING = "GOVERNING"  # the law in force at the start of the offence period
    # In force for a later part of the period: shown for the lex mitior review.
    LEX_MITIOR_COMPARISON = "LEX_MITIOR_COMPARISON"
    REFERENCE = "REFERENCE"  # not in force for the period: never the answer


class Flag(StrEnum):
    """Warnings a reader must see beside the result."""

    # Acts on 8 or 9 April 2026: the sources disagree on the first day of the new code.
    CUTOVER_DATE_DOUBTFUL = "CUTOVER_DATE_DOUBTFUL"
    # The case relies on an irregular or precarious administrative status, which the new
    # code's definition of vulnerability (Book II art. 79) does not name.
    ADMIN_STATUS_VULNERABILITY_UNVERIFIED = "ADMIN_STATUS_VULNERABILITY_UNVERIFIED"
    # A purpose new in this ruleset was recorded for a period starting before it applied.
    NEW_PURPOSE_BEFORE_CUTOVER = "NEW_PURPOSE_BEFORE_CUTOVER"


@dataclass(frozen=True, slots=True)
class AppliedPenalty:
    imprisonment_months: Range | None  # None: life imprisonment, or not known
    fine_eur: Range | None  # the statutory range per victim (or overall where not multiplied)
    fine_multiplied_by_victims: bool
    fine_eur_total: Range | None = None  # x number_of_victims, when multiplied and known
    max_at_least: bool = False
    level: int | None = None
    life: bool = False
    administrative_fine_eur: Range | None = None
    surcharge: int | None = None


@dataclass(frozen=True, slots=True)
class FallbackOffence:
    provision: str
    penalty: AppliedPenalty | None  # None: not verified for these acts
    reason: Message
    citation: Message  # as lawyers write it
    new_code_provision: str | None = None
    unverified: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class JurisdictionResult:
    jurisdiction: str
    provision: str
    ruleset: str
    ruleset_in_force: bool  # False: this ruleset was not in force for the period
    result: Outcome
    elements: Elements
    aggravating: tuple[AggravatingCircumstance, ...]
    penalty: AppliedPenalty | None  # None: no penalty (treaty) or does not qualify
    fallback_offences: tuple[FallbackOffence, ...]
    human_dignity: DignityProfile | None
    explanation: tuple[Message, ...]
    sources: tuple[Citation, ...]
    lex_mitior_review: bool
    non_punishment_applicable: bool | None  # only Belgium reports it
    role: Role = Role.GOVERNING
    governing_ruleset: str | None = None  # None: no ruleset was in force for the period
    unverified: tuple[str, ...] = ()
    flags: tuple[Flag, ...] = ()
    citation: Message | None = None  # the provision as lawyers write it


@dataclass(frozen=True, slots=True)
class QualificationReport:
    results: tuple[JurisdictionResult, ...]

    def for_jurisdiction(self, code: str) -> JurisdictionResult:
        """The first result of `code`: the governing one when a ruleset was in force."""
        for result in self.results:
            if result.jurisdiction == code:
                return result
        raise KeyError(code)

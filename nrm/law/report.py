"""What the engine returns: one result per jurisdiction, every sentence translatable."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class AppliedPenalty:
    imprisonment_months: Range
    fine_eur: Range | None  # already multiplied by the number of victims when known
    fine_multiplied_by_victims: bool
    fine_eur_per_victim: Range | None = None
    max_at_least: bool = False


@dataclass(frozen=True, slots=True)
class FallbackOffence:
    provision: str
    penalty: AppliedPenalty
    reason: Message


@dataclass(frozen=True, slots=True)
class JurisdictionResult:
    jurisdiction: str
    provision: str
    ruleset: str
    ruleset_in_force: bool  # False: no encoded ruleset covered the start date
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


@dataclass(frozen=True, slots=True)
class QualificationReport:
    results: tuple[JurisdictionResult, ...]

    def for_jurisdiction(self, code: str) -> JurisdictionResult:
        for result in self.results:
            if result.jurisdiction == code:
                return result
        raise KeyError(code)

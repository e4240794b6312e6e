"""The vocabulary in which rulesets are written as data.

A ruleset is a versioned table (RULES.md §8.1): which facts fit which statutory
element, which circumstances aggravate, which penalty applies, and, for every entry,
the rule id, source keys (RULES.md §9) and verification tag (RULES.md §0). The engine
interprets these tables; it holds no jurisdiction's law itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from nrm.law.facts import Act, AggravatingFact, Means, Purpose, Vulnerability


class Tag(StrEnum):
    """How well a rule is verified (RULES.md §0); drives the UI badge and release gate."""

    V = "V"
    S = "S"
    K = "K"
    UNVERIFIED = "UNVERIFIED"


class ElementStatus(StrEnum):
    SATISFIED = "SATISFIED"
    NOT_SATISFIED = "NOT_SATISFIED"
    INSUFFICIENT_FACTS = "INSUFFICIENT_FACTS"
    REQUIRES_JUDICIAL_ASSESSMENT = "REQUIRES_JUDICIAL_ASSESSMENT"
    NOT_REQUIRED = "NOT_REQUIRED"


class Outcome(StrEnum):
    QUALIFIES = "QUALIFIES"
    DOES_NOT_QUALIFY = "DOES_NOT_QUALIFY"
    POSSIBLE_PENDING_ASSESSMENT = "POSSIBLE_PENDING_ASSESSMENT"
    INSUFFICIENT_FACTS = "INSUFFICIENT_FACTS"


class Weight(StrEnum):
    """Indicator weight in the ILO-EC operational indicators."""

    STRONG = "STRONG"
    MEDIUM = "MEDIUM"
    WEAK = "WEAK"


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a rule comes from: its id, the RULES.md §9 source keys, its tag."""

    rule: str
    keys: tuple[str, ...]
    tag: Tag


@dataclass(frozen=True, slots=True)
class Range:
    min: int
    max: int


@dataclass(frozen=True, slots=True)
class Penalty:
    imprisonment_months: Range | None  # None: life imprisonment, or not known
    fine_eur: Range | None  # per victim where fines are multiplied; None: none or not known
    citation: Citation
    # Belgian fines are multiplied by the number of victims from 2 Aug 2013; the
    # citation of that rule, or None where fines are not multiplied.
    fines_per_victim: Citation | None = None
    # Directives set the floor of the maximum ("at least 5 years"), not a range.
    max_at_least: bool = False
    # The new Belgian code's penalty level (1-8); imprisonment derives from it.
    level: int | None = None
    life: bool = False
    # Social Penal Code: the administrative fine beside the criminal one, and the
    # surcharge multiplier ("décimes additionnels") already applied to both.
    administrative_fine_eur: Range | None = None
    surcharge: int | None = None


class Fit(StrEnum):
    """How a recorded fact fits a statutory element."""

    LISTED = "LISTED"  # the statute names it: SATISFIED
    ASSESS = "ASSESS"  # open standard or doubtful fit: a judge decides
    NOT_LISTED = "NOT_LISTED"  # explicitly outside the provision (with a note saying why)
    DIGNITY = "DIGNITY"  # BE 3°: judge decides, supported by the dignity indicators
    AGAINST_WILL = "AGAINST_WILL"  # BE 5°: only if the person acted against their will
    MINOR_ONLY = "MINOR_ONLY"  # BE before 2013: pornography only for a child


@dataclass(frozen=True, slots=True)
class ElementRule:
    fit: Fit
    label: str  # statutory reference, e.g. "433quinquies §1 3°" (an identifier)
    citation: Citation
    note: str | None = None  # whole sentence marked with _(), said when this rule is used


@dataclass(frozen=True, slots=True)
class Trigger:
    """Facts that trigger an aggravating circumstance (any one suffices)."""

    facts: frozenset[AggravatingFact] = frozenset()
    means: frozenset[Means] = frozenset()
    purposes: frozenset[Purpose] = frozenset()
    minor: bool = False
    # ABUSE_OF_VULNERABILITY among the means *and* one of these vulnerabilities.
    abused_vulnerabilities: frozenset[Vulnerability] = frozenset()


@dataclass(frozen=True, slots=True)
class Aggravation:
    provision: str
    tier: int  # index into Ruleset.tiers; tier 0 lists it without raising the range
    trigger: Trigger
    reason: str  # sentence marked with _(), parameter %(facts)s = the triggering facts
    citation: Citation
    # FI § 3 a also needs the offence to be aggravated "as a whole": a judge decides,
    # so the range is not raised automatically.
    requires_judicial_assessment: bool = False
    # Further parameters of `reason` besides %(facts)s.
    reason_params: Mapping[str, str | int] = field(default_factory=dict)


class FallbackWhen(StrEnum):
    """Which facts make a fallback offence worth examining."""

    LABOUR = "LABOUR"  # labour conditions recorded, or one of `when_purposes`
    IRREGULAR_WORK = "IRREGULAR_WORK"  # labour conditions and irregular administrative status
    DEGRADING_HOUSING = "DEGRADING_HOUSING"  # housing recorded as degrading
    PURPOSE = "PURPOSE"  # one of `when_purposes` (e.g. begging)
    # Transport, transfer or harbouring of a person with an irregular administrative
    # status: helping entry, transit or stay is what smuggling punishes.
    IRREGULAR_MOVEMENT = "IRREGULAR_MOVEMENT"


@dataclass(frozen=True, slots=True)
class Fallback:
    """Another offence worth examining when the main one does not qualify."""

    provision: str
    penalty: Penalty | None  # None: not verified for these acts (the reason says so)
    when_purposes: frozenset[Purpose]  # or labour conditions recorded
    reason: str
    citation: Citation
    when: FallbackWhen = FallbackWhen.LABOUR
    # Acts from/until (the date of the acts decides, e.g. the Social Penal Code's surcharge).
    valid_from: date | None = None
    valid_to: date | None = None
    # Offered even when trafficking qualifies: a concurrent offence usually charged too.
    even_if_qualifies: bool = False
    # The new Belgian code's id for the same offence, shown beside an old-code one.
    new_code_provision: str | None = None
    unverified: tuple[str, ...] = ()

    def covers(self, day: date) -> bool:
        after_start = self.valid_from is None or self.valid_from <= day
        return after_start and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class Note:
    template: str
    citation: Citation


class ConsentRule(StrEnum):
    BE = "BE"  # irrelevant, except purpose 5° (acted against will)
    IRRELEVANT_IF_MEANS = "IRRELEVANT_IF_MEANS"  # Palermo art. 3(b) and its followers


@dataclass(frozen=True, slots=True)
class Ruleset:
    id: str
    valid_from: date
    valid_to: date | None
    validity: Citation  # source of the dates
    acts: frozenset[Act]
    act_citation: Citation
    means_required: bool  # for adults; children never need means (RULES.md §8.5)
    means: Mapping[Means, ElementRule]
    purposes: Mapping[Purpose, ElementRule]
    consent: ConsentRule
    consent_citation: Citation
    tiers: tuple[Penalty, ...]  # tier 0 = basic offence; empty = no penalty (treaty)
    aggravations: tuple[Aggravation, ...] = ()
    attempt: Penalty | None = None
    attempt_note: Note | None = None  # said when attempt_only and no attempt range
    child_citation: Citation | None = None
    fallbacks: tuple[Fallback, ...] = ()
    notes: tuple[Note, ...] = ()  # always said
    aggravated_notes: tuple[Note, ...] = ()  # said when a tier above 0 applies
    non_punishment: Note | None = None
    dignity_indicators: bool = False
    # What is encoded as a working hypothesis (BE-2026): listed as "unverified" in the JSON.
    unverified: tuple[str, ...] = ()
    # Purposes new in this ruleset: they never apply to acts before `valid_from`.
    new_purposes: frozenset[Purpose] = frozenset()
    # Said (and flagged) when the case relies on an irregular or precarious administrative
    # status that the ruleset's definition of vulnerability may not cover (BE-2026, art. 79).
    admin_status_note: Note | None = None

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class LawChange:
    """A known change of the law that no ruleset encodes (yet)."""

    effective: date
    note: str
    citation: Citation


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    code: str
    provision: str
    rulesets: tuple[Ruleset, ...]  # in date order
    unencoded_changes: tuple[LawChange, ...] = ()
    reports_non_punishment: bool = False
    # The provision of a ruleset whose offence has another id (BE-2026: the new code).
    provisions: Mapping[str, str] = field(default_factory=dict)
    switches: tuple[date, ...] = field(init=False)

    def __post_init__(self) -> None:
        dates = {rs.valid_from for rs in self.rulesets[1:]}
        dates.update(change.effective for change in self.unencoded_changes)
        object.__setattr__(self, "switches", tuple(sorted(dates)))

    def provision_of(self, ruleset: Ruleset) -> str:
        return self.provisions.get(ruleset.id, self.provision)

    def select(self, day: date) -> tuple[Ruleset, bool]:
        """The ruleset in force on `day`, or the nearest one and False."""
        for ruleset in self.rulesets:
            if ruleset.in_force_on(day):
                return ruleset, True
        if day < self.rulesets[0].valid_from:
            return self.rulesets[0], False
        return self.rulesets[-1], False

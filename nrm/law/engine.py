"""Interprets the ruleset tables against the case facts.

The engine qualifies facts; it never identifies a victim (RULES.md §2.1) and never
decides an open legal standard: such elements come out as REQUIRES_JUDICIAL_ASSESSMENT.
Evaluation is pure and allocation-light, since screens and bulk re-evaluation call it
for every case under every jurisdiction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from nrm.law import be2026, provisions
from nrm.law.config import DEFAULT_CONFIG, LawConfig
from nrm.law.durations import imprisonment_sentence
from nrm.law.facts import Act, CaseFacts, Means, Purpose, Vulnerability
from nrm.law.i18n import Message, Param, _, join_codes
from nrm.law.indicators.dignity import DignityProfile, human_dignity_profile
from nrm.law.report import (
    AggravatingCircumstance,
    AppliedPenalty,
    Elements,
    FallbackOffence,
    Flag,
    JurisdictionResult,
    QualificationReport,
    Role,
)
from nrm.law.rules import (
    Aggravation,
    Citation,
    ConsentRule,
    ElementRule,
    ElementStatus,
    Fallback,
    FallbackWhen,
    Fit,
    Jurisdiction,
    Outcome,
    Penalty,
    Range,
    Ruleset,
    Tag,
)
from nrm.law.rulesets import JURISDICTIONS
from nrm.law.rulesets.be import be_jurisdiction

SAT = ElementStatus.SATISFIED
NOT = ElementStatus.NOT_SATISFIED
UNKNOWN = ElementStatus.INSUFFICIENT_FACTS
ASSESS = ElementStatus.REQUIRES_JUDICIAL_ASSESSMENT
NOT_REQUIRED = ElementStatus.NOT_REQUIRED

# Among several recorded purposes (or means), the most favourable to qualification
# decides the element: one fitting purpose suffices.
_RANK = {SAT: 3, ASSESS: 2, UNKNOWN: 1, NOT: 0}

_FIT_STATUS = {Fit.LISTED: SAT, Fit.ASSESS: ASSESS, Fit.DIGNITY: ASSESS, Fit.NOT_LISTED: NOT}

_BE_CAUTIONS = (
    Message(
        _(
            "Courts judge the whole picture against present Belgian social standards, not "
            "the worker's own perception, and outcomes diverge: the Brussels Court of "
            "Appeal reversed a conviction on 16 October 2018 where there was no "
            "deprivation of liberty and long hours were usual in the sector."
        )
    ),
)
_BE_CAUTION_SOURCES = (
    Citation("R-BE-DIGNITY-STANDARD", ("MYRIA-JUR-NIV13",), Tag.V),
    Citation("R-BE-DIGNITY-COUNTER", ("MYRIA-JUR-BXL18",), Tag.V),
)


class _Evaluation:
    """Collects the explanation and sources of one jurisdiction's evaluation."""

    __slots__ = ("citations", "explanation")

    def __init__(self) -> None:
        self.explanation: list[Message] = []
        self.citations: list[Citation] = []

    def say(self, template: str, params: dict[str, Param] | None = None) -> None:
        self.explanation.append(Message(template, params or {}))

    def cite(self, citation: Citation) -> None:
        self.citations.append(citation)


def qualify(
    facts: CaseFacts,
    jurisdictions: Sequence[str] | None = None,
    config: LawConfig | None = None,
) -> QualificationReport:
    """Qualify `facts` under each jurisdiction (all of them by default).

    Each jurisdiction gives its governing result first (the ruleset in force when the
    offence period starts), then the rulesets that came into force during the period
    (lex mitior comparison), then rulesets shown for reference only (CONTRACTS.md §1).
    """
    config = config or DEFAULT_CONFIG
    if jurisdictions is None:
        codes: Sequence[str] = tuple(JURISDICTIONS)
    else:
        codes = (jurisdictions,) if isinstance(jurisdictions, str) else jurisdictions
        unknown = [code for code in codes if code not in JURISDICTIONS]
        if unknown:
            raise ValueError(
                f"unknown jurisdiction(s) {', '.join(unknown)}; "
                f"expected one of {', '.join(JURISDICTIONS)}"
            )
    minor = facts.victim_is_minor
    results: list[JurisdictionResult] = []
    for code in codes:
        jurisdiction = be_jurisdiction(config.be2026) if code == "BE" else JURISDICTIONS[code]
        results.extend(_evaluate_jurisdiction(facts, jurisdiction, config, minor))
    return QualificationReport(tuple(results))


def _evaluate_jurisdiction(
    facts: CaseFacts, jurisdiction: Jurisdiction, config: LawConfig, minor: bool | None
) -> list[JurisdictionResult]:
    start, end = facts.offence_period.start, facts.offence_period.end
    governing, in_force = jurisdiction.select(start)
    entries: list[tuple[Ruleset, Role]] = []
    if in_force:
        entries.append((governing, Role.GOVERNING))
        later = [rs for rs in jurisdiction.rulesets if rs.valid_from > start]
        if end is not None:
            entries.extend((rs, Role.LEX_MITIOR_COMPARISON) for rs in later if rs.valid_from <= end)
        elif later:
            # The acts may have gone on under the next ruleset: shown, never as the answer.
            entries.append((later[0], Role.REFERENCE))
    else:
        entries.append((governing, Role.REFERENCE))
    flags: list[Flag] = []
    if jurisdiction.code == "BE":
        doubtful = [d for d in be2026.DOUBTFUL_DAYS if start <= d <= (end or start)]
        if doubtful:
            flags.append(Flag.CUTOVER_DATE_DOUBTFUL)
            shown = {rs.id for rs, _role in entries}
            # Both readings: the code in force the day before 8 April and on 9 April.
            first, last = be2026.DOUBTFUL_DAYS[0], be2026.DOUBTFUL_DAYS[-1]
            for day in (first - timedelta(days=1), last):
                ruleset, known = jurisdiction.select(day)
                if known and ruleset.id not in shown:
                    entries.append((ruleset, Role.REFERENCE))
                    shown.add(ruleset.id)
    lex_mitior = any(role is Role.LEX_MITIOR_COMPARISON for _rs, role in entries)
    context = _Context(
        jurisdiction=jurisdiction,
        governing=governing.id if in_force else None,
        lex_mitior=lex_mitior,
        flags=tuple(flags),
    )
    return [
        _evaluate(facts, context, ruleset, role, config, minor) for ruleset, role in entries
    ]


@dataclass(frozen=True, slots=True)
class _Context:
    jurisdiction: Jurisdiction
    governing: str | None
    lex_mitior: bool
    flags: tuple[Flag, ...]


def _evaluate(
    facts: CaseFacts,
    context: _Context,
    ruleset: Ruleset,
    role: Role,
    config: LawConfig,
    minor: bool | None,
) -> JurisdictionResult:
    ev = _Evaluation()
    jurisdiction = context.jurisdiction
    start = facts.offence_period.start
    provision = jurisdiction.provision_of(ruleset)
    flags = list(context.flags)
    unverified = list(ruleset.unverified)
    _explain_ruleset(ev, jurisdiction, ruleset, role, context.governing, start)
    if Flag.CUTOVER_DATE_DOUBTFUL in flags:
        ev.say(
            _(
                "The offence period includes 8 or 9 April 2026: the Federal Public Service "
                "Justice dates the new Criminal Code from 8 April 2026, the Justel record from 9 "
                "April 2026. This installation uses %(date)s; check which code governs acts on "
                "those days."
            ),
            {"date": config.be2026.cutover.isoformat()},
        )
    _check_lex_mitior(ev, jurisdiction, facts)
    if ruleset.new_purposes and facts.purposes and start < ruleset.valid_from:
        new_purposes = facts.purposes & ruleset.new_purposes
        if new_purposes:
            flags.append(Flag.NEW_PURPOSE_BEFORE_CUTOVER)
            ev.say(
                _(
                    "Purposes new in this ruleset (%(purposes)s) count only for acts from "
                    "%(date)s: acts before that date can never be qualified under them."
                ),
                {"purposes": join_codes(new_purposes), "date": ruleset.valid_from.isoformat()},
            )
    note = ruleset.admin_status_note
    vulnerabilities = facts.victim.vulnerabilities or frozenset()
    if note is not None and Vulnerability.IRREGULAR_OR_PRECARIOUS_ADMIN_STATUS in vulnerabilities:
        flags.append(Flag.ADMIN_STATUS_VULNERABILITY_UNVERIFIED)
        unverified.append(be2026.VULNERABILITY_ADMIN_STATUS)
        ev.say(note.template)
        ev.cite(note.citation)

    act = _act(ev, facts, ruleset, provision)
    means = _means(ev, facts, ruleset, provision, minor)
    purpose, dignity_purpose = _purpose(ev, facts, ruleset, provision, minor)
    _consent(ev, facts, ruleset, means, minor)

    if NOT in (act, means, purpose):
        outcome = Outcome.DOES_NOT_QUALIFY
        ev.say(
            _(
                "At least one element is not satisfied: the facts do not qualify under "
                "%(provision)s."
            ),
            {"provision": provision},
        )
    elif UNKNOWN in (act, means, purpose):
        outcome = Outcome.INSUFFICIENT_FACTS
        ev.say(_("Facts are missing to decide: see the elements marked as not known."))
    elif ASSESS in (act, means, purpose):
        outcome = Outcome.POSSIBLE_PENDING_ASSESSMENT
        ev.say(
            _(
                "At least one element needs a judge's assessment: the facts may qualify under "
                "%(provision)s."
            ),
            {"provision": provision},
        )
    else:
        outcome = Outcome.QUALIFIES
        ev.say(
            _(
                "All elements are satisfied: the facts qualify under %(provision)s. This is a "
                "legal qualification of facts, not an identification of anyone as a victim, which "
                "only the competent authority can make."
            ),
            {"provision": provision},
        )

    aggravating: tuple[AggravatingCircumstance, ...] = ()
    penalty: AppliedPenalty | None = None
    if outcome is not Outcome.DOES_NOT_QUALIFY:
        aggravating, tier = _aggravations(ev, facts, ruleset, config, minor)
        penalty = _penalty(ev, facts, ruleset, tier, provision)
        if tier > 0:
            for note in ruleset.aggravated_notes:
                ev.say(note.template)
                ev.cite(note.citation)

    profile: DignityProfile | None = None
    if ruleset.dignity_indicators and (dignity_purpose or facts.labour_conditions is not None):
        profile = human_dignity_profile(facts.labour_conditions, config)
        _explain_dignity(ev, profile, dignity_purpose)

    fallbacks = _fallbacks(ev, facts, ruleset, config, outcome)

    non_punishment: bool | None = None
    if jurisdiction.reports_non_punishment:
        non_punishment = False
        rule = ruleset.non_punishment
        if rule is not None and outcome in (Outcome.QUALIFIES, Outcome.POSSIBLE_PENDING_ASSESSMENT):
            non_punishment = True
            ev.say(rule.template)
            ev.cite(rule.citation)

    for note in ruleset.notes:
        ev.say(note.template)
        ev.cite(note.citation)

    return JurisdictionResult(
        jurisdiction=jurisdiction.code,
        provision=provision,
        ruleset=ruleset.id,
        ruleset_in_force=role is not Role.REFERENCE,
        result=outcome,
        elements=Elements(act=act, means=means, purpose=purpose),
        aggravating=aggravating,
        penalty=penalty,
        fallback_offences=fallbacks,
        human_dignity=profile,
        explanation=tuple(ev.explanation),
        sources=tuple(dict.fromkeys(c for c in ev.citations if c.keys)),
        lex_mitior_review=context.lex_mitior,
        non_punishment_applicable=non_punishment,
        role=role,
        governing_ruleset=context.governing,
        unverified=tuple(dict.fromkeys(unverified)),
        flags=tuple(dict.fromkeys(flags)),
        citation=provisions.citation(provision, config.be2026),
    )


# --------------------------------------------------------------------------- time


def _explain_ruleset(
    ev: _Evaluation,
    jurisdiction: Jurisdiction,
    ruleset: Ruleset,
    role: Role,
    governing: str | None,
    start: date,
) -> None:
    params: dict[str, Param] = {"ruleset": ruleset.id, "date": start.isoformat()}
    ev.cite(ruleset.validity)
    if role is Role.GOVERNING:
        ev.say(
            _(
                "Ruleset %(ruleset)s applies: it was in force on %(date)s, when the offence period"
                " starts."
            ),
            params,
        )
    elif role is Role.LEX_MITIOR_COMPARISON and governing is not None:
        ev.say(
            _(
                "Ruleset %(ruleset)s came into force on %(from)s, during the offence period: it is "
                "shown beside ruleset %(governing)s, which governs, for the review of the more "
                "lenient law. A court decides which applies."
            ),
            {**params, "from": ruleset.valid_from.isoformat(), "governing": governing},
        )
    elif governing is not None:
        ev.say(
            _(
                "Ruleset %(ruleset)s was not in force for the offence period as recorded: it is "
                "shown for reference only and is not the result. Ruleset %(governing)s governs."
            ),
            {**params, "governing": governing},
        )
    else:
        params["jurisdiction"] = jurisdiction.code
        ev.say(
            _(
                "No encoded %(jurisdiction)s ruleset was in force on %(date)s; ruleset %(ruleset)s"
                " is shown for reference only."
            ),
            params,
        )
    for change in jurisdiction.unencoded_changes:
        if start >= change.effective:
            ev.say(change.note)
            ev.cite(change.citation)


def _check_lex_mitior(ev: _Evaluation, jurisdiction: Jurisdiction, facts: CaseFacts) -> bool:
    start = facts.offence_period.start
    end = facts.offence_period.end
    later = [switch for switch in jurisdiction.switches if switch > start]
    if not later:
        return False
    if end is None:
        ev.say(
            _(
                "The end of the offence period is not known, so a change of the law after %(date)s"
                " cannot be ruled out."
            ),
            {"date": start.isoformat()},
        )
        return False
    spanned = [switch for switch in later if switch <= end]
    if not spanned:
        return False
    ev.say(
        _(
            "The law changed during the offence period (on %(dates)s): review which version "
            "applies, including the more lenient law (lex mitior). The engine does not decide "
            "this."
        ),
        {"dates": ", ".join(d.isoformat() for d in spanned)},
    )
    return True


# --------------------------------------------------------------------------- elements


def _act(ev: _Evaluation, facts: CaseFacts, ruleset: Ruleset, provision: str) -> ElementStatus:
    ev.cite(ruleset.act_citation)
    acts = facts.acts
    if acts is None:
        ev.say(_("Act: the acts are not known."))
        return UNKNOWN
    matched = acts & ruleset.acts
    if matched:
        ev.say(
            _("Act satisfied under %(provision)s: %(acts)s."),
            {"acts": join_codes(matched), "provision": provision},
        )
        return SAT
    if acts:
        ev.say(
            _(
                "Act not satisfied: none of the recorded acts (%(acts)s) is an act under "
                "%(provision)s."
            ),
            {"acts": join_codes(acts), "provision": provision},
        )
    else:
        ev.say(_("Act not satisfied: it is established that no act took place."))
    return NOT


def _means(
    ev: _Evaluation,
    facts: CaseFacts,
    ruleset: Ruleset,
    provision: str,
    minor: bool | None,
) -> ElementStatus:
    if not ruleset.means_required:
        ev.say(
            _(
                "Means are not an element under %(provision)s: coercion, deceit and similar means "
                "only aggravate the offence."
            ),
            {"provision": provision},
        )
        return NOT_REQUIRED
    if minor is True:
        if ruleset.child_citation is not None:
            ev.cite(ruleset.child_citation)
        ev.say(_("The victim was under 18 at the time of the acts, so no means are required."))
        return NOT_REQUIRED
    status = _means_status(ev, facts.means, ruleset, provision)
    if status is not SAT and minor is None:
        if ruleset.child_citation is not None:
            ev.cite(ruleset.child_citation)
        ev.say(
            _(
                "The victim's age at the time of the acts is not known; for a child no means would"
                " be required."
            )
        )
        return UNKNOWN
    return status


def _means_status(
    ev: _Evaluation, means: frozenset[Means] | None, ruleset: Ruleset, provision: str
) -> ElementStatus:
    if means is None:
        ev.say(_("Means: the means used are not known."))
        return UNKNOWN
    listed: list[tuple[Means, ElementRule]] = []
    assess: list[tuple[Means, ElementRule]] = []
    outside: list[tuple[Means, ElementRule]] = []
    for item in means:
        rule = ruleset.means.get(item)
        if rule is None:
            continue
        if rule.fit is Fit.LISTED:
            listed.append((item, rule))
        elif rule.fit is Fit.ASSESS:
            assess.append((item, rule))
        else:
            outside.append((item, rule))
    if listed:
        ev.say(
            _("Means satisfied: %(means)s."),
            {"means": _labelled(listed)},
        )
        _rule_notes(ev, listed, "means")
        return SAT
    if assess:
        ev.say(
            _("Means require a judge's assessment: %(means)s."),
            {"means": _labelled(assess)},
        )
        _rule_notes(ev, assess, "means")
        return ASSESS
    if means:
        ev.say(
            _(
                "Means not satisfied: none of the recorded means (%(means)s) is a means under "
                "%(provision)s."
            ),
            {"means": join_codes(means), "provision": provision},
        )
        _rule_notes(ev, outside, "means")
    else:
        ev.say(_("Means not satisfied: it is established that no means were used."))
    ev.cite(ruleset.act_citation)
    return NOT


def _purpose(
    ev: _Evaluation,
    facts: CaseFacts,
    ruleset: Ruleset,
    provision: str,
    minor: bool | None,
) -> tuple[ElementStatus, bool]:
    """The purpose element, and whether a dignity purpose (BE 3°) was considered."""
    purposes = facts.purposes
    if purposes is None:
        ev.say(_("Purpose: the purpose of the exploitation is not known."))
        ev.cite(ruleset.act_citation)
        return UNKNOWN, False
    if not purposes:
        ev.say(
            _("Purpose not satisfied: it is established that there was no exploitative purpose.")
        )
        ev.cite(ruleset.act_citation)
        return NOT, False
    dignity = False
    by_status: dict[ElementStatus, list[tuple[Purpose, ElementRule | None, Message | None]]] = {}
    for item in sorted(purposes):
        rule = ruleset.purposes.get(item)
        status, detail = _purpose_fit(rule, facts, minor)
        if rule is not None and rule.fit is Fit.DIGNITY:
            dignity = True
        by_status.setdefault(status, []).append((item, rule, detail))
    best = max(by_status, key=_RANK.__getitem__)
    group = by_status[best]
    labelled = [(p, r) for p, r, _d in group if r is not None]
    if best is SAT:
        ev.say(_("Purpose satisfied: %(purposes)s."), {"purposes": _labelled(labelled)})
    elif best is ASSESS:
        ev.say(
            _("Purpose requires a judge's assessment: %(purposes)s."),
            {"purposes": _labelled(labelled)},
        )
    elif best is NOT:
        ev.say(
            _(
                "Purpose not satisfied: none of the recorded purposes (%(purposes)s) is a purpose "
                "under %(provision)s."
            ),
            {"purposes": join_codes(purposes), "provision": provision},
        )
    for item, rule, detail in group:
        if detail is not None:
            ev.explanation.append(detail)
        if rule is not None:
            ev.cite(rule.citation)
            if rule.note is not None:
                ev.say(rule.note, {"purpose": str(item), "provision": provision})
        else:
            ev.cite(ruleset.act_citation)
    return best, dignity


def _purpose_fit(
    rule: ElementRule | None, facts: CaseFacts, minor: bool | None
) -> tuple[ElementStatus, Message | None]:
    if rule is None:
        return NOT, None
    fit = rule.fit
    if fit is Fit.AGAINST_WILL:
        against_will = facts.victim.acted_against_will_for_crimes
        if against_will is True:
            return SAT, None
        if against_will is False:
            return NOT, Message(
                _(
                    "Purpose %(label)s needs the person to have committed the crimes against their"
                    " will; the facts say they did not."
                ),
                {"label": rule.label},
            )
        return UNKNOWN, Message(
            _(
                "Purpose %(label)s needs the person to have committed the crimes against their "
                "will; that is not known."
            ),
            {"label": rule.label},
        )
    if fit is Fit.MINOR_ONLY:
        if minor is True:
            return SAT, None
        if minor is False:
            return NOT, None
        return UNKNOWN, Message(
            _("Purpose %(label)s then required a child victim, and the age is not known."),
            {"label": rule.label},
        )
    return _FIT_STATUS[fit], None


def _consent(
    ev: _Evaluation,
    facts: CaseFacts,
    ruleset: Ruleset,
    means: ElementStatus,
    minor: bool | None,
) -> None:
    if facts.victim.consent_to_exploitation is not True:
        return
    ev.cite(ruleset.consent_citation)
    if ruleset.consent is ConsentRule.BE:
        ev.say(
            _(
                "The victim's consent to the exploitation does not matter under Belgian law, "
                "except for purpose 5°, which needs the person to have acted against their will."
            )
        )
    elif minor is True:
        ev.say(_("A child's consent to the exploitation is irrelevant."))
    elif means is SAT:
        ev.say(
            _("The victim's consent to the exploitation is irrelevant because a means was used.")
        )
    else:
        ev.say(
            _("Consent is irrelevant only where a means was used; no means is established here.")
        )


# --------------------------------------------------------------------------- penalties


def _aggravations(
    ev: _Evaluation,
    facts: CaseFacts,
    ruleset: Ruleset,
    config: LawConfig,
    minor: bool | None,
) -> tuple[tuple[AggravatingCircumstance, ...], int]:
    found: list[AggravatingCircumstance] = []
    tier = 0
    for aggravation in ruleset.aggravations:
        matched = _triggered(aggravation, facts, minor)
        if not matched:
            continue
        if aggravation.citation.rule in config.disabled_rules:
            ev.say(
                _(
                    "%(provision)s would apply (%(facts)s) but rule %(rule)s is switched off in "
                    "this installation's configuration."
                ),
                {
                    "provision": aggravation.provision,
                    "facts": join_codes(matched),
                    "rule": aggravation.citation.rule,
                },
            )
            continue
        reason = Message(
            aggravation.reason, {**aggravation.reason_params, "facts": join_codes(matched)}
        )
        found.append(
            AggravatingCircumstance(
                aggravation.provision,
                reason,
                aggravation.requires_judicial_assessment,
                provisions.citation(aggravation.provision, config.be2026),
            )
        )
        ev.explanation.append(reason)
        ev.cite(aggravation.citation)
        if not aggravation.requires_judicial_assessment:
            tier = max(tier, aggravation.tier)
    return tuple(found), tier


def _triggered(aggravation: Aggravation, facts: CaseFacts, minor: bool | None) -> list[str]:
    trigger = aggravation.trigger
    matched: list[str] = []
    if facts.aggravating_facts and trigger.facts:
        matched.extend(facts.aggravating_facts & trigger.facts)
    means = facts.means
    if means:
        if trigger.means:
            matched.extend(means & trigger.means)
        if trigger.abused_vulnerabilities and Means.ABUSE_OF_VULNERABILITY in means:
            abused = (facts.victim.vulnerabilities or frozenset()) & trigger.abused_vulnerabilities
            if abused:
                matched.append(Means.ABUSE_OF_VULNERABILITY)
                matched.extend(abused)
    if trigger.purposes and facts.purposes:
        matched.extend(facts.purposes & trigger.purposes)
    if trigger.minor and minor is True and facts.victim.age_at_acts is not None:
        matched.append(f"age_at_acts={facts.victim.age_at_acts}")
    return matched


def _penalty(
    ev: _Evaluation, facts: CaseFacts, ruleset: Ruleset, tier: int, provision: str
) -> AppliedPenalty | None:
    if not ruleset.tiers:
        if facts.attempt_only and ruleset.attempt_note is not None:
            ev.say(ruleset.attempt_note.template, {"provision": provision})
            ev.cite(ruleset.attempt_note.citation)
        return None
    chosen: Penalty = ruleset.tiers[tier]
    if facts.attempt_only:
        if ruleset.attempt is not None:
            chosen = ruleset.attempt
            ev.say(
                _(
                    "Only an attempt is established: the attempt range applies. Whether an "
                    "aggravating circumstance changes that range is not encoded."
                )
            )
        elif ruleset.attempt_note is not None:
            ev.say(ruleset.attempt_note.template, {"provision": provision})
            ev.cite(ruleset.attempt_note.citation)
    elif facts.attempt_only is None and ruleset.attempt is not None:
        ev.say(
            _(
                "It is not known whether the offence was only attempted; the range of the "
                "completed offence is shown."
            )
        )
    ev.cite(chosen.citation)
    applied = _apply(chosen, facts.number_of_victims)
    _explain_penalty(ev, chosen, applied, facts.number_of_victims)
    return applied


def _apply(penalty: Penalty, victims: int | None) -> AppliedPenalty:
    fine = penalty.fine_eur
    multiplied = penalty.fines_per_victim is not None and fine is not None
    total = None
    if multiplied and fine is not None and victims is not None:
        total = Range(fine.min * victims, fine.max * victims)
    return AppliedPenalty(
        imprisonment_months=penalty.imprisonment_months,
        fine_eur=fine,
        fine_multiplied_by_victims=multiplied,
        fine_eur_total=total,
        max_at_least=penalty.max_at_least,
        level=penalty.level,
        life=penalty.life,
        administrative_fine_eur=penalty.administrative_fine_eur,
        surcharge=penalty.surcharge,
    )


def _explain_penalty(
    ev: _Evaluation, penalty: Penalty, applied: AppliedPenalty, victims: int | None
) -> None:
    months = applied.imprisonment_months
    if applied.level is not None:
        ev.say(
            _(
                "Penalty level %(level)s of the new Criminal Code (the level of this offence is "
                "UNVERIFIED)."
            ),
            {"level": applied.level},
        )
    if applied.max_at_least and months is not None:
        ev.say(
            _(
                "National law must provide a maximum penalty of at least %(max)s months of "
                "imprisonment."
            ),
            {"max": months.max},
        )
    else:
        ev.explanation.append(imprisonment_sentence(months, life=applied.life))
    fine = applied.fine_eur
    if fine is None:
        if applied.level is not None:
            ev.say(
                _("Fine: the fine range of level %(level)s was not found (UNVERIFIED)."),
                {"level": applied.level},
            )
        return
    if applied.surcharge is not None:
        ev.say(
            _(
                "The fines include the surcharge (décimes additionnels) of x%(surcharge)s that "
                "applies to acts of that time."
            ),
            {"surcharge": applied.surcharge},
        )
    if applied.fine_multiplied_by_victims and penalty.fines_per_victim is not None:
        ev.cite(penalty.fines_per_victim)
        if applied.fine_eur_total is None:
            ev.say(
                _(
                    "Fine: EUR %(min)s to %(max)s per victim, multiplied by the number of victims,"
                    " which is not known."
                ),
                {"min": fine.min, "max": fine.max},
            )
        else:
            ev.say(
                _(
                    "Fine: EUR %(min)s to %(max)s per victim, multiplied by %(victims)s victim(s):"
                    " EUR %(total_min)s to %(total_max)s."
                ),
                {
                    "min": fine.min,
                    "max": fine.max,
                    "victims": victims or 0,
                    "total_min": applied.fine_eur_total.min,
                    "total_max": applied.fine_eur_total.max,
                },
            )
    else:
        ev.say(_("Fine: EUR %(min)s to %(max)s."), {"min": fine.min, "max": fine.max})
    admin = applied.administrative_fine_eur
    if admin is not None:
        ev.say(
            _("Administrative fine instead: EUR %(min)s to %(max)s."),
            {"min": admin.min, "max": admin.max},
        )


_IRREGULAR = Vulnerability.IRREGULAR_OR_PRECARIOUS_ADMIN_STATUS
_MOVEMENT_ACTS = frozenset({Act.TRANSPORT, Act.TRANSFER, Act.HARBOUR})


def _fallback_fits(fallback: Fallback, facts: CaseFacts) -> bool:
    purposes = facts.purposes or frozenset()
    irregular = _IRREGULAR in (facts.victim.vulnerabilities or frozenset())
    labour = facts.labour_conditions
    when = fallback.when
    if when is FallbackWhen.LABOUR:
        return labour is not None or bool(purposes & fallback.when_purposes)
    if when is FallbackWhen.IRREGULAR_WORK:
        return labour is not None and irregular
    if when is FallbackWhen.DEGRADING_HOUSING:
        return labour is not None and labour.housing_degrading is True
    if when is FallbackWhen.PURPOSE:
        return bool(purposes & fallback.when_purposes)
    return irregular and bool((facts.acts or frozenset()) & _MOVEMENT_ACTS)


def _fallbacks(
    ev: _Evaluation, facts: CaseFacts, ruleset: Ruleset, config: LawConfig, outcome: Outcome
) -> tuple[FallbackOffence, ...]:
    # The acts this ruleset judges start at the later of the period's start and its own.
    day = max(facts.offence_period.start, ruleset.valid_from)
    found: list[FallbackOffence] = []
    for fallback in ruleset.fallbacks:
        if fallback.citation.rule in config.disabled_rules:
            continue
        if outcome is Outcome.QUALIFIES and not fallback.even_if_qualifies:
            continue
        if not fallback.covers(day) or not _fallback_fits(fallback, facts):
            continue
        reason = Message(fallback.reason)
        penalty = (
            None
            if fallback.penalty is None
            else _apply(fallback.penalty, facts.number_of_victims)
        )
        found.append(
            FallbackOffence(
                fallback.provision,
                penalty,
                reason,
                provisions.citation(fallback.provision, config.be2026),
                fallback.new_code_provision,
                fallback.unverified,
            )
        )
        ev.explanation.append(reason)
        ev.cite(fallback.citation)
        if fallback.penalty is not None:
            ev.cite(fallback.penalty.citation)
    return tuple(found)


# --------------------------------------------------------------------------- helpers


def _explain_dignity(ev: _Evaluation, profile: DignityProfile, dignity_purpose: bool) -> None:
    for citation in profile.citations:
        ev.cite(citation)
    params: dict[str, Param] = {
        "count": profile.count,
        "core": len(profile.core_present),
        "severity": str(profile.severity),
    }
    if dignity_purpose:
        ev.say(
            _(
                "Work or services in conditions contrary to human dignity is an open standard that"
                " only a court decides; the indicator profile supports that assessment and is not "
                "a verdict."
            ),
        )
        ev.say(
            _(
                "Human-dignity indicators: %(count)s present, %(core)s of them core; severity "
                "%(severity)s."
            ),
            params,
        )
        if profile.likely:
            ev.say(
                _(
                    "A core indicator is present, so the purpose is likely to be arguable; the "
                    "thresholds are product choices, not law."
                )
            )
        ev.explanation.extend(_BE_CAUTIONS)
        for citation in _BE_CAUTION_SOURCES:
            ev.cite(citation)
    elif profile.likely:
        ev.say(
            _(
                "The labour conditions show %(core)s core indicator(s) of work contrary to human "
                "dignity (purpose 3°); consider whether that purpose applies."
            ),
            params,
        )


def _labelled(items: Sequence[tuple[object, ElementRule]]) -> str:
    """Codes with their statutory reference, e.g. "DECEPTION (§ 262 a stk. 1 nr. 4)"."""
    return ", ".join(
        f"{code} ({rule.label})" if rule.label else str(code)
        for code, rule in sorted(items, key=lambda pair: str(pair[0]))
    )


def _rule_notes(ev: _Evaluation, items: Sequence[tuple[object, ElementRule]], kind: str) -> None:
    for code, rule in sorted(items, key=lambda pair: str(pair[0])):
        ev.cite(rule.citation)
        if rule.note is not None:
            ev.say(rule.note, {kind: str(code)})

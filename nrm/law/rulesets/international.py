"""Palermo Protocol art. 3 and Directive 2011/36/EU art. 2, unamended and as amended by
Directive (EU) 2024/1712 (RULES.md §2.5).

Adults: act + means + purpose (R-INT-1); children: act + purpose (R-INT-2); consent is
irrelevant once a means is used (R-INT-3). The three new purposes of 2024/1712 count
only under EU2024 (R-EU-NEWPURP).
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from nrm.law.facts import Act, AggravatingFact, Means, Purpose
from nrm.law.i18n import _
from nrm.law.rules import (
    Aggravation,
    Citation,
    ConsentRule,
    ElementRule,
    Fit,
    Jurisdiction,
    Note,
    Penalty,
    Range,
    Ruleset,
    Tag,
    Trigger,
)

PALERMO_PROVISION = "PALERMO-3"
EU_PROVISION = "EU-2011-36-2"

PALERMO_ADULT = Citation("R-INT-1", ("UNGIFT", "YUMPU-PALERMO"), Tag.V)
PALERMO_CHILD = Citation("R-INT-2", ("UNGIFT", "YUMPU-PALERMO"), Tag.V)
PALERMO_CONSENT = Citation("R-INT-3", ("UNGIFT", "YUMPU-PALERMO"), Tag.V)
EU_DEFINITION = Citation("R-EU-2", ("EURLEX-SUM", "EUCRIM-2024", "CHIP-2024"), Tag.V)
# Art. 2(2), 2(4)-(6) and art. 4 are recalled, not retrieved (RULES.md §10 item 10).
EU_VULNERABILITY = Citation("R-EU-2-2", ("EURLEX-SUM",), Tag.K)
EU_CONSENT = Citation("R-EU-2-4", ("EURLEX-SUM",), Tag.K)
EU_CHILD = Citation("R-EU-2-5", ("EURLEX-SUM",), Tag.K)
EU_PENALTY = Citation("R-EU-4", ("EURLEX-SUM",), Tag.K)
EU_NEW_PURPOSES = Citation("R-EU-NEWPURP", ("EUCRIM-2024", "CHIP-2024", "MYRIA-2024-1712"), Tag.V)
EU_ICT = Citation("R-EU-2024-ICT", ("FLEXI-NEWS",), Tag.S)
# Recital 11 of Directive 2011/36/EU on begging: recalled, not retrieved (RULES.md §2.9).
BEGGING_RECITAL_11 = Citation("R-EU-RECITAL-11", ("EURLEX-SUM",), Tag.K)
EU_USING_SERVICES = Citation("R-EU-2024-USE", ("EUCRIM-2024",), Tag.V)
# Our reading of facts that the definitions do not name.
UNNAMED = Citation("R-INT-UNNAMED", ("UNGIFT",), Tag.K)

PALERMO_ACTS = frozenset({Act.RECRUIT, Act.TRANSPORT, Act.TRANSFER, Act.HARBOUR, Act.RECEIVE})
# The Directive adds "the exchange or transfer of control over those persons".
EU_ACTS = PALERMO_ACTS | {Act.TRANSFER_CONTROL}

_UNNAMED_MEANS = _(
    "%(means)s is not named in the definition: a court decides whether it is coercion, "
    "deception or abuse of a position of vulnerability."
)


def _means(
    definition: Citation, vulnerability: ElementRule
) -> MappingProxyType[Means, ElementRule]:
    table = {
        means: ElementRule(Fit.LISTED, label, definition)
        for means, label in (
            (Means.THREAT, "threat or use of force"),
            (Means.FORCE_VIOLENCE, "threat or use of force"),
            (Means.OTHER_COERCION, "other forms of coercion"),
            # Deprivation of liberty is a form of coercion.
            (Means.DEPRIVATION_OF_LIBERTY, "other forms of coercion"),
            (Means.ABDUCTION, "abduction"),
            (Means.FRAUD, "fraud"),
            (Means.DECEPTION, "deception"),
            (Means.ABUSE_OF_POWER, "abuse of power"),
            (Means.PAYMENT_TO_CONTROLLER, "giving or receiving of payments or benefits"),
        )
    }
    table[Means.ABUSE_OF_VULNERABILITY] = vulnerability
    for means in (Means.PRESSURE, Means.EXPLOIT_ERROR, Means.OTHER_UNDUE_METHOD):
        table[means] = ElementRule(Fit.ASSESS, "", UNNAMED, _UNNAMED_MEANS)
    return MappingProxyType(table)


PALERMO_MEANS = _means(
    PALERMO_ADULT,
    ElementRule(Fit.LISTED, "abuse of a position of vulnerability", PALERMO_ADULT),
)
EU_MEANS = _means(
    EU_DEFINITION,
    ElementRule(
        Fit.LISTED,
        "abuse of a position of vulnerability",
        EU_VULNERABILITY,
        _(
            "A position of vulnerability means that the person has no real or acceptable "
            "alternative but to submit to the abuse (art. 2(2))."
        ),
    ),
)

_FORCED_LABOUR_QUESTION = _(
    "Whether the conditions recorded amount to forced labour or services, servitude or "
    "practices similar to slavery is for a court to decide."
)


def _purposes(*, eu: bool, eu_2024: bool) -> MappingProxyType[Purpose, ElementRule]:
    definition = EU_DEFINITION if eu else PALERMO_ADULT
    sexual = "prostitution of others or other forms of sexual exploitation"
    table = {
        Purpose.PROSTITUTION: ElementRule(Fit.LISTED, sexual, definition),
        Purpose.OTHER_SEXUAL_EXPLOITATION: ElementRule(Fit.LISTED, sexual, definition),
        Purpose.PORNOGRAPHY: ElementRule(Fit.LISTED, sexual, definition),
        Purpose.FORCED_LABOUR_OR_SERVICES: ElementRule(
            Fit.LISTED, "forced labour or services", definition
        ),
        Purpose.SLAVERY_OR_SIMILAR: ElementRule(
            Fit.LISTED, "slavery or practices similar to slavery", definition
        ),
        Purpose.SERVITUDE: ElementRule(Fit.LISTED, "servitude", definition),
        Purpose.ORGAN_OR_TISSUE_REMOVAL: ElementRule(Fit.LISTED, "removal of organs", definition),
        Purpose.WORK_CONTRARY_TO_HUMAN_DIGNITY: ElementRule(
            Fit.ASSESS, "forced labour or services", UNNAMED, _FORCED_LABOUR_QUESTION
        ),
        Purpose.OTHER_CONDITIONS_VIOLATING_HUMAN_DIGNITY: ElementRule(
            Fit.ASSESS, "forced labour or services", UNNAMED, _FORCED_LABOUR_QUESTION
        ),
    }
    if eu:
        # Recital 11: begging is exploitation only where all the elements of forced labour
        # or services are present; a court decides (RULES.md §2.9).
        table[Purpose.BEGGING] = ElementRule(
            Fit.ASSESS,
            "forced labour or services, including begging",
            BEGGING_RECITAL_11,
            _(
                "Begging counts only where all the elements of forced labour or services are "
                "present (recital 11 of Directive 2011/36/EU); record forced labour or services "
                "as a purpose when they are established."
            ),
        )
        table[Purpose.FORCED_CRIMINALITY] = ElementRule(
            Fit.LISTED, "exploitation of criminal activities", definition
        )
    else:
        table[Purpose.BEGGING] = ElementRule(
            Fit.ASSESS,
            "forced labour or services",
            UNNAMED,
            _("Begging is not named: it counts if it amounts to forced labour or services."),
        )
        table[Purpose.FORCED_CRIMINALITY] = ElementRule(
            Fit.ASSESS,
            "forced labour or services",
            UNNAMED,
            _(
                "Exploiting criminal activities is not in the Protocol's minimum list: it "
                "counts if it amounts to forced labour or services."
            ),
        )
    new_purposes = (
        (Purpose.SURROGACY_EXPLOITATION, "exploitation of surrogacy"),
        (Purpose.FORCED_MARRIAGE, "exploitation of forced marriage"),
        (Purpose.ILLEGAL_ADOPTION, "exploitation of illegal adoption"),
    )
    for purpose, label in new_purposes:
        if eu_2024:
            table[purpose] = ElementRule(Fit.LISTED, label, EU_NEW_PURPOSES)
        elif eu:
            table[purpose] = ElementRule(
                Fit.NOT_LISTED,
                "",
                EU_NEW_PURPOSES,
                _("%(purpose)s became a form of exploitation only with Directive (EU) 2024/1712."),
            )
        else:
            table[purpose] = ElementRule(
                Fit.NOT_LISTED,
                "",
                PALERMO_ADULT,
                _(
                    "%(purpose)s is not among the forms of exploitation that the Protocol "
                    "lists as a minimum; if the facts amount to a practice similar to "
                    "slavery, record that purpose."
                ),
            )
    return MappingProxyType(table)


def _eu_aggravations(*, eu_2024: bool) -> tuple[Aggravation, ...]:
    aggravations = [
        Aggravation(
            "EU-2011-36-4-2-a",
            1,
            Trigger(
                facts=frozenset(
                    {
                        AggravatingFact.VICTIM_MINOR,
                        AggravatingFact.ABUSE_OF_PARTICULAR_VULNERABILITY,
                    }
                ),
                minor=True,
            ),
            _(
                "Art. 4(2)(a): the victim was particularly vulnerable, which includes every child "
                "(%(facts)s)."
            ),
            EU_PENALTY,
        ),
        Aggravation(
            "EU-2011-36-4-2-b",
            1,
            Trigger(facts=frozenset({AggravatingFact.ORGANISED_CRIMINAL_GROUP})),
            _(
                "Art. 4(2)(b): the offence was committed within a criminal organisation "
                "(%(facts)s)."
            ),
            EU_PENALTY,
        ),
        Aggravation(
            "EU-2011-36-4-2-c",
            1,
            Trigger(facts=frozenset({AggravatingFact.LIFE_ENDANGERED})),
            _(
                "Art. 4(2)(c): the life of the victim was endangered deliberately or by gross "
                "negligence (%(facts)s)."
            ),
            EU_PENALTY,
        ),
        Aggravation(
            "EU-2011-36-4-2-d",
            1,
            Trigger(
                facts=frozenset({AggravatingFact.SERIOUS_VIOLENCE_OR_PARTICULARLY_SERIOUS_HARM})
            ),
            _(
                "Art. 4(2)(d): serious violence was used or particularly serious harm was caused "
                "(%(facts)s)."
            ),
            EU_PENALTY,
        ),
        Aggravation(
            "EU-2011-36-4-3",
            0,
            Trigger(facts=frozenset({AggravatingFact.PUBLIC_OFFICIAL_ABUSING_FUNCTION})),
            _(
                "Art. 4(3): commission by a public official in the performance of their duties is "
                "an aggravating factor (%(facts)s)."
            ),
            EU_PENALTY,
        ),
    ]
    if eu_2024:
        aggravations.append(
            Aggravation(
                "EU-2011-36-4",
                0,
                Trigger(facts=frozenset({AggravatingFact.ICT_DISSEMINATION_OF_VICTIM_CONTENT})),
                _(
                    "Directive (EU) 2024/1712: disseminating images or videos of a sexual nature "
                    "of the victim through information and communication technology is an "
                    "aggravating circumstance (%(facts)s)."
                ),
                EU_ICT,
            )
        )
    return tuple(aggravations)


EU_TIERS = (
    Penalty(Range(0, 60), None, EU_PENALTY, max_at_least=True),
    Penalty(Range(0, 120), None, EU_PENALTY, max_at_least=True),
)

_NO_ATTEMPT_RULE = Citation("R-INT-ATTEMPT", (), Tag.UNVERIFIED)

PALERMO = Jurisdiction(
    code="PALERMO",
    provision=PALERMO_PROVISION,
    rulesets=(
        # In force 25 Dec 2003 (recalled, not retrieved).
        Ruleset(
            id="PALERMO-2003-12-25",
            valid_from=date(2003, 12, 25),
            valid_to=None,
            validity=Citation("RS-PALERMO", ("UNGIFT",), Tag.K),
            acts=PALERMO_ACTS,
            act_citation=PALERMO_ADULT,
            means_required=True,
            means=PALERMO_MEANS,
            purposes=_purposes(eu=False, eu_2024=False),
            consent=ConsentRule.IRRELEVANT_IF_MEANS,
            consent_citation=PALERMO_CONSENT,
            tiers=(),
            attempt_note=Note(
                _("The Protocol sets no penalties, so no attempt range is given."),
                _NO_ATTEMPT_RULE,
            ),
            child_citation=PALERMO_CHILD,
            notes=(
                Note(
                    _(
                        "The Protocol defines trafficking for the States Parties to "
                        "criminalise; it sets no penalty range."
                    ),
                    PALERMO_ADULT,
                ),
            ),
        ),
    ),
)


def _eu_ruleset(
    ruleset_id: str,
    valid_from: date,
    valid_to: date | None,
    validity: Citation,
    *,
    eu_2024: bool,
) -> Ruleset:
    notes: tuple[Note, ...] = (
        Note(
            _(
                "A directive binds the Member States, not individuals: the facts are "
                "qualified under the definition that national law must transpose; the "
                "penalty shown is the minimum maximum that national law must provide."
            ),
            EU_PENALTY,
        ),
    )
    if eu_2024:
        notes += (
            Note(
                _(
                    "Directive (EU) 2024/1712 also requires Member States to criminalise "
                    "knowingly using services provided by a victim of trafficking; it must "
                    "be transposed by 15 July 2026."
                ),
                EU_USING_SERVICES,
            ),
        )
    return Ruleset(
        id=ruleset_id,
        valid_from=valid_from,
        valid_to=valid_to,
        validity=validity,
        acts=EU_ACTS,
        act_citation=EU_DEFINITION,
        means_required=True,
        means=EU_MEANS,
        purposes=_purposes(eu=True, eu_2024=eu_2024),
        consent=ConsentRule.IRRELEVANT_IF_MEANS,
        consent_citation=EU_CONSENT,
        tiers=EU_TIERS,
        aggravations=_eu_aggravations(eu_2024=eu_2024),
        attempt_note=Note(
            _(
                "No attempt rule is encoded for the Directive; the range shown is that of "
                "the completed offence."
            ),
            _NO_ATTEMPT_RULE,
        ),
        child_citation=EU_CHILD,
        notes=notes,
    )


EU2011 = Jurisdiction(
    code="EU2011",
    provision=EU_PROVISION,
    rulesets=(
        # Published and in force on 15 Apr 2011 (recalled); superseded by the amended
        # text from 14 Jul 2024.
        _eu_ruleset(
            "EU2011-2011-04-15",
            date(2011, 4, 15),
            date(2024, 7, 13),
            Citation("RS-EU2011", ("EURLEX-SUM",), Tag.K),
            eu_2024=False,
        ),
    ),
)

EU2024 = Jurisdiction(
    code="EU2024",
    provision=EU_PROVISION,
    rulesets=(
        _eu_ruleset(
            "EU2024-2024-07-14",
            date(2024, 7, 14),
            None,
            Citation("RS-EU2024", ("EURLEX-SUM", "EUCRIM-2024"), Tag.V),
            eu_2024=True,
        ),
    ),
)

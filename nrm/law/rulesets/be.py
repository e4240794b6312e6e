"""Belgium — Criminal Code art. 433quinquies to 433novies (RULES.md §1, §2.2, §2.3, §2.7).

Means are not elements in Belgium (Law of 10 Aug 2005): they only aggravate. The
exploitative purpose is a closed list of five; purpose 3° (human dignity) is an open
standard that only a court can decide.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

from nrm.law import be2026, provisions
from nrm.law.be2026 import DEFAULT_BE2026, Be2026Config
from nrm.law.facts import Act, AggravatingFact, Means, Purpose, Vulnerability
from nrm.law.i18n import _
from nrm.law.rules import (
    Aggravation,
    Citation,
    ConsentRule,
    ElementRule,
    Fallback,
    FallbackWhen,
    Fit,
    Jurisdiction,
    Note,
    Penalty,
    Range,
    Ruleset,
    Tag,
    Trigger,
)

PROVISION = "BE-CP-433quinquies"

DEFINITION = Citation(
    "R-BE-1",
    ("FRA-BE", "ESPERANTOMENA", "ACCHUB-433Q", "MYRIA-DEF", "ONDERNEMING", "ACTU-DROIT-BE"),
    Tag.V,
)
CONSENT = Citation("R-BE-2", ("FRA-BE", "MYRIA-DEF"), Tag.V)
DIGNITY = Citation(
    "R-BE-3",
    ("MYRIA-JUR-NIV13", "MYRIA-JUR-LIE13", "MYRIA-JUR-BXL15", "MYRIA-JUR-BXL18"),
    Tag.V,
)
NATIONALITY = Citation("R-BE-4", ("ECPAT-BE-LOI",), Tag.V)
NON_PUNISHMENT = Citation("R-BE-5", ("WK-2019", "ECPAT-NONSANCTION"), Tag.V)
EXTRATERRITORIAL = Citation("R-BE-6", ("ACCHUB-433SO",), Tag.V)
NOVIES = Citation("R-BE-433novies", ("ACCHUB-433N",), Tag.S)
FINES_PER_VICTIM = Citation("R-BE-FINES-X-VICTIMS", ("ETAAMB-2013", "ECPAT-2013"), Tag.V)
SEXIES = Citation("R-BE-433sexies", ("ACCHUB-433SO",), Tag.S)
SEPTIES = Citation("R-BE-433septies", ("ACCHUB-433SO",), Tag.S)
# The source condenses 5°; its detail is recalled from the code, not retrieved.
SEPTIES_5 = Citation("R-BE-433septies-5", ("ACCHUB-433SO",), Tag.K)
# The source text of 433octies is incomplete: configurable, off via disabled_rules.
OCTIES = Citation("R-BE-433octies", ("ACCHUB-433SO",), Tag.K)

ACTS = frozenset(
    {
        Act.RECRUIT,
        Act.TRANSPORT,
        Act.TRANSFER,
        Act.HARBOUR,
        Act.RECEIVE,
        Act.TAKE_CONTROL,
        Act.TRANSFER_CONTROL,
    }
)

_NEW_EU_PURPOSE = _(
    "%(purpose)s is not one of the five purposes of art. 433quinquies. The new Criminal "
    "Code is reported to cover illegal adoption and forced marriage, and surrogacy must "
    "still be added; neither is encoded here."
)


def _purposes(*, since_2013: bool) -> MappingProxyType[Purpose, ElementRule]:
    sexual = "433quinquies §1 1°"
    dignity = "433quinquies §1 3°"
    table = {
        Purpose.PROSTITUTION: ElementRule(Fit.LISTED, sexual, DEFINITION),
        Purpose.BEGGING: ElementRule(Fit.LISTED, "433quinquies §1 2°", DEFINITION),
        Purpose.WORK_CONTRARY_TO_HUMAN_DIGNITY: ElementRule(Fit.DIGNITY, dignity, DIGNITY),
        Purpose.OTHER_CONDITIONS_VIOLATING_HUMAN_DIGNITY: ElementRule(
            Fit.DIGNITY,
            dignity,
            DIGNITY,
            _(
                "Belgian law knows this purpose only as work or services in conditions "
                "contrary to human dignity (3°)."
            ),
        ),
        Purpose.ORGAN_OR_TISSUE_REMOVAL: ElementRule(Fit.LISTED, "433quinquies §1 4°", DEFINITION),
        Purpose.FORCED_CRIMINALITY: ElementRule(Fit.AGAINST_WILL, "433quinquies §1 5°", CONSENT),
        Purpose.SURROGACY_EXPLOITATION: ElementRule(
            Fit.NOT_LISTED, "", DEFINITION, _NEW_EU_PURPOSE
        ),
        Purpose.FORCED_MARRIAGE: ElementRule(Fit.NOT_LISTED, "", DEFINITION, _NEW_EU_PURPOSE),
        Purpose.ILLEGAL_ADOPTION: ElementRule(Fit.NOT_LISTED, "", DEFINITION, _NEW_EU_PURPOSE),
    }
    # Forced labour, slavery and servitude are work contrary to human dignity a fortiori,
    # so asserting them satisfies 3° without a judge's assessment (R-BE-3).
    for purpose in (
        Purpose.FORCED_LABOUR_OR_SERVICES,
        Purpose.SLAVERY_OR_SIMILAR,
        Purpose.SERVITUDE,
    ):
        table[purpose] = ElementRule(Fit.LISTED, dignity, DIGNITY)
    if since_2013:
        table[Purpose.OTHER_SEXUAL_EXPLOITATION] = ElementRule(Fit.LISTED, sexual, DEFINITION)
        table[Purpose.PORNOGRAPHY] = ElementRule(Fit.LISTED, sexual, DEFINITION)
    else:
        before = Citation("R-BE-1-2005", ("FRA-BE", "ECPAT-2013"), Tag.V)
        table[Purpose.OTHER_SEXUAL_EXPLOITATION] = ElementRule(
            Fit.NOT_LISTED,
            "",
            before,
            _("Other forms of sexual exploitation became a purpose only on 2 August 2013."),
        )
        table[Purpose.PORNOGRAPHY] = ElementRule(
            Fit.MINOR_ONLY,
            sexual,
            before,
            _("Before 2 August 2013 purpose 1° covered pornography only for a child."),
        )
    return MappingProxyType(table)


_COERCIVE_MEANS = frozenset(
    {
        Means.THREAT,
        Means.FORCE_VIOLENCE,
        Means.OTHER_COERCION,
        # "any form of coercion" in 433septies 3° covers deprivation of liberty.
        Means.DEPRIVATION_OF_LIBERTY,
        Means.ABDUCTION,
        Means.FRAUD,
        Means.DECEPTION,
        Means.ABUSE_OF_POWER,
    }
)

AGGRAVATIONS = (
    Aggravation(
        "BE-CP-433sexies-1",
        1,
        Trigger(facts=frozenset({AggravatingFact.AUTHOR_HAS_AUTHORITY_OVER_VICTIM})),
        _(
            "433sexies 1°: the author abused authority over the victim or the facilities of a "
            "function (%(facts)s)."
        ),
        SEXIES,
    ),
    Aggravation(
        "BE-CP-433sexies-2",
        1,
        Trigger(facts=frozenset({AggravatingFact.PUBLIC_OFFICIAL_ABUSING_FUNCTION})),
        _(
            "433sexies 2°: a public official or agent acted in the exercise of their functions "
            "(%(facts)s)."
        ),
        SEXIES,
    ),
    Aggravation(
        "BE-CP-433septies-1",
        2,
        Trigger(facts=frozenset({AggravatingFact.VICTIM_MINOR}), minor=True),
        _("433septies 1°: the victim was a minor at the time of the acts (%(facts)s)."),
        SEPTIES,
    ),
    Aggravation(
        "BE-CP-433septies-2",
        2,
        Trigger(
            facts=frozenset({AggravatingFact.ABUSE_OF_PARTICULAR_VULNERABILITY}),
            abused_vulnerabilities=frozenset(Vulnerability),
        ),
        _(
            "433septies 2°: abuse of the particularly vulnerable situation of the victim "
            "(%(facts)s)."
        ),
        SEPTIES,
    ),
    Aggravation(
        "BE-CP-433septies-3",
        2,
        Trigger(facts=frozenset({AggravatingFact.COERCIVE_MEANS_USED}), means=_COERCIVE_MEANS),
        _(
            "433septies 3°: fraudulent manoeuvres, violence, threats, coercion, abduction, abuse "
            "of authority or deceit were used (%(facts)s)."
        ),
        SEPTIES,
    ),
    Aggravation(
        "BE-CP-433septies-3bis",
        2,
        Trigger(
            facts=frozenset({AggravatingFact.PAYMENT_TO_AUTHORITY_HOLDER}),
            means=frozenset({Means.PAYMENT_TO_CONTROLLER}),
        ),
        _(
            "433septies 3°bis: payments or benefits were offered or accepted to obtain the consent"
            " of a person with authority over the victim (%(facts)s)."
        ),
        SEPTIES,
    ),
    Aggravation(
        "BE-CP-433septies-4",
        2,
        Trigger(facts=frozenset({AggravatingFact.LIFE_ENDANGERED})),
        _(
            "433septies 4°: the life of the victim was endangered deliberately or by gross "
            "negligence (%(facts)s)."
        ),
        SEPTIES,
    ),
    Aggravation(
        "BE-CP-433septies-5",
        2,
        Trigger(
            facts=frozenset(
                {
                    AggravatingFact.INCURABLE_DISEASE_OR_INCAPACITY_4M,
                    AggravatingFact.PERMANENT_INCAPACITY,
                }
            )
        ),
        _(
            "433septies 5°: the offence caused an incurable illness, a permanent incapacity, the "
            "loss of an organ or an incapacity to work of more than four months (%(facts)s)."
        ),
        SEPTIES_5,
    ),
    Aggravation(
        "BE-CP-433septies-6",
        2,
        Trigger(facts=frozenset({AggravatingFact.HABITUAL_ACTIVITY})),
        _("433septies 6°: the activity is habitual (%(facts)s)."),
        SEPTIES,
    ),
    Aggravation(
        "BE-CP-433septies-7",
        2,
        # A leader of the association necessarily takes part in its activity.
        Trigger(
            facts=frozenset(
                {AggravatingFact.ASSOCIATION_PARTICIPATION, AggravatingFact.ASSOCIATION_LEADER}
            )
        ),
        _(
            "433septies 7°: the offence is part of the main or accessory activity of an "
            "association (%(facts)s)."
        ),
        SEPTIES,
    ),
    Aggravation(
        "BE-CP-433octies",
        3,
        Trigger(
            facts=frozenset(
                {AggravatingFact.DEATH_CAUSED_UNINTENTIONALLY, AggravatingFact.ASSOCIATION_LEADER}
            )
        ),
        _(
            "433octies: the death of the victim was caused without intent to kill, or the author "
            "leads the association (%(facts)s)."
        ),
        OCTIES,
    ),
)


def _tiers(*, fines_per_victim: bool) -> tuple[Penalty, ...]:
    per_victim = FINES_PER_VICTIM if fines_per_victim else None

    def dated(citation: Citation) -> Citation:
        # The amounts before 2013 were not retrieved: the 2013 ranges are shown, as [K],
        # under a rule id of their own (one rule id always carries one tag).
        if fines_per_victim:
            return citation
        return Citation(f"{citation.rule}-before-2013", citation.keys, Tag.K)

    return (
        Penalty(
            Range(12, 60),
            Range(500, 50_000),
            dated(Citation("R-BE-433quinquies-2", ("FRA-BE", "ACCHUB-433Q"), Tag.S)),
            fines_per_victim=per_victim,
        ),
        Penalty(Range(60, 120), Range(750, 75_000), dated(SEXIES), fines_per_victim=per_victim),
        Penalty(
            Range(120, 180), Range(1_000, 100_000), dated(SEPTIES), fines_per_victim=per_victim
        ),
        Penalty(Range(180, 240), Range(1_000, 150_000), OCTIES, fines_per_victim=per_victim),
    )


ATTEMPT = Penalty(
    Range(12, 36),
    Range(100, 10_000),
    Citation("R-BE-433quinquies-3", ("FRA-BE",), Tag.S),
)

_NOTES = (
    Note(
        _(
            "Nationality does not matter and no border needs to be crossed: Belgian law "
            "also covers trafficking of Belgian victims within Belgium."
        ),
        NATIONALITY,
    ),
)

_AGGRAVATED_NOTES = (
    Note(
        _(
            "With an aggravating circumstance, art. 433novies adds deprivation of civil "
            "rights, allows the court to close the establishment, and requires special "
            "confiscation even of property that the convicted person does not own."
        ),
        NOVIES,
    ),
    Note(
        _(
            "Committed abroad, these aggravated offences can be prosecuted in Belgium if "
            "the author is found in Belgium (Preliminary Title of the Code of Criminal "
            "Procedure, art. 10ter 1° and 12)."
        ),
        EXTRATERRITORIAL,
    ),
)

_NON_PUNISHMENT = Note(
    _(
        "Since 1 July 2019 a victim of trafficking incurs no penalty for offences "
        "committed as a direct consequence of the exploitation (Law of 22 May 2019); "
        "whether an offence is so linked is for the prosecutor and the court."
    ),
    NON_PUNISHMENT,
)


# --------------------------------------------------------------------------- fallbacks
# Offences worth examining when trafficking is not made out (RULES.md §2.9). The source
# keys below are not yet in RULES.md §9; the tags are those RULES.md §2.9 gives.
SPC_175 = Citation("R-BE-SPC-175", ("SOCIAL-PENAL-CODE",), Tag.S)
SPC_175_X10 = Citation("R-BE-SPC-175-X10", ("SOCIAL-PENAL-CODE", "LAW-2025-12-19"), Tag.S)
# "Per worker" multiplication: a weak secondary source.
SPC_PER_WORKER = Citation("R-BE-SPC-175-PER-WORKER", ("SOCIAL-PENAL-CODE",), Tag.S)
SLUM_LANDLORD = Citation("R-BE-433decies", ("POLICE-BE",), Tag.S)
# The amounts of 433ter and 77bis are recalled from the code, not retrieved.
BEGGING_OFFENCE = Citation("R-BE-433ter", ("MYRIA-DEF",), Tag.K)
SMUGGLING = Citation("R-BE-ALIENS-77bis", ("MYRIA-DEF",), Tag.K)
NEW_SLUM_LANDLORD = Citation("R-BE2026-slum-landlord", ("POLICE-BE",), Tag.UNVERIFIED)
NEW_BEGGING = Citation("R-BE2026-begging", ("REFLI-2024",), Tag.UNVERIFIED)
NEW_SMUGGLING = Citation("R-BE2026-ALIENS-77bis-level", ("REFLI-2024",), Tag.UNVERIFIED)

SOCIAL_PENAL_CODE_FROM = date(2011, 7, 1)
SURCHARGE_X8_FROM = date(2017, 1, 1)
SURCHARGE_X10_FROM = date(2026, 2, 1)

_SPC_REASON = _(
    "Art. 175 of the Social Penal Code (employing a foreign national without the right to "
    "stay or to work) is worth examining whenever a person with an irregular administrative "
    "status worked; it is usually charged beside trafficking. The fine is multiplied by the "
    "number of workers (weak secondary source)."
)
_SPC_REASON_OLD_SURCHARGE = _(
    "Art. 175 of the Social Penal Code (employing a foreign national without the right to "
    "stay or to work) is worth examining whenever a person with an irregular administrative "
    "status worked. The surcharge multiplier of acts before 2017 is not encoded: the fine "
    "shown is the amount before the surcharge."
)


def _spc_175(surcharge: int | None, valid_from: date, valid_to: date | None) -> Fallback:
    times = surcharge or 1
    citation = SPC_175_X10 if surcharge == 10 else SPC_175
    return Fallback(
        provision="BE-SPC-175",
        penalty=Penalty(
            Range(6, 36),
            Range(600 * times, 7_000 * times),
            citation,
            fines_per_victim=SPC_PER_WORKER,
            administrative_fine_eur=Range(300 * times, 3_500 * times),
            surcharge=surcharge,
        ),
        when_purposes=frozenset(),
        reason=_SPC_REASON if surcharge else _SPC_REASON_OLD_SURCHARGE,
        citation=citation,
        when=FallbackWhen.IRREGULAR_WORK,
        valid_from=valid_from,
        valid_to=valid_to,
        even_if_qualifies=True,
    )


SPC_FALLBACKS = (
    _spc_175(None, SOCIAL_PENAL_CODE_FROM, SURCHARGE_X8_FROM - timedelta(days=1)),
    _spc_175(8, SURCHARGE_X8_FROM, SURCHARGE_X10_FROM - timedelta(days=1)),
    _spc_175(10, SURCHARGE_X10_FROM, None),
)

_SLUM_REASON = _(
    "Abuse of a person's vulnerability by selling, renting or providing housing for an "
    "abnormal profit in conditions incompatible with human dignity (slum landlord) is worth "
    "examining: the housing is recorded as degrading."
)
_BEGGING_REASON = _(
    "Exploitation of begging, an offence of its own, is worth examining when the trafficking "
    "act is not made out."
)
_SMUGGLING_REASON = _(
    "Smuggling of human beings (Aliens Act art. 77bis: helping a person who is not an EU "
    "national to enter, transit or stay in breach of the law, for a benefit) is worth "
    "examining: a person with an irregular administrative status was transported, "
    "transferred or harboured. Whether there was a benefit is not recorded."
)
_NEW_BEGGING_REASON = _(
    "Exploitation of begging, an offence of its own, is worth examining when the trafficking "
    "act is not made out. Its article and penalty level in the new Criminal Code are not "
    "verified."
)
_NEW_SMUGGLING_REASON = _(
    "Smuggling of human beings (Aliens Act art. 77bis: helping a person who is not an EU "
    "national to enter, transit or stay in breach of the law, for a benefit) is worth "
    "examining: a person with an irregular administrative status was transported, "
    "transferred or harboured. Whether there was a benefit is not recorded. Its penalty "
    "converted into a level by the concordance law is not verified."
)


def _old_fallbacks(*, since_2013: bool, cutover: date) -> tuple[Fallback, ...]:
    per_victim = FINES_PER_VICTIM if since_2013 else None
    last_day = cutover - timedelta(days=1)
    return (
        *SPC_FALLBACKS,
        Fallback(
            provision="BE-CP-433decies",
            penalty=Penalty(
                Range(6, 36), Range(500, 25_000), SLUM_LANDLORD, fines_per_victim=per_victim
            ),
            when_purposes=frozenset(),
            reason=_SLUM_REASON,
            citation=SLUM_LANDLORD,
            when=FallbackWhen.DEGRADING_HOUSING,
            valid_to=last_day,
            new_code_provision=provisions.NEW_SLUM_LANDLORD,
        ),
        Fallback(
            provision="BE-CP-433ter",
            penalty=Penalty(Range(6, 36), Range(500, 25_000), BEGGING_OFFENCE),
            when_purposes=frozenset({Purpose.BEGGING}),
            reason=_BEGGING_REASON,
            citation=BEGGING_OFFENCE,
            when=FallbackWhen.PURPOSE,
            valid_to=last_day,
            new_code_provision=provisions.NEW_BEGGING,
        ),
        Fallback(
            provision="BE-ALIENS-77bis",
            penalty=Penalty(Range(12, 60), Range(1_000, 10_000), SMUGGLING),
            when_purposes=frozenset(),
            reason=_SMUGGLING_REASON,
            citation=SMUGGLING,
            when=FallbackWhen.IRREGULAR_MOVEMENT,
            valid_to=last_day,
        ),
    )


def _ruleset(
    ruleset_id: str,
    valid_from: date,
    valid_to: date,
    validity: Citation,
    *,
    since_2013: bool,
    non_punishment: bool,
    cutover: date,
) -> Ruleset:
    return Ruleset(
        id=ruleset_id,
        valid_from=valid_from,
        valid_to=valid_to,
        validity=validity,
        acts=ACTS,
        act_citation=DEFINITION,
        means_required=False,
        means=MappingProxyType({}),
        purposes=_purposes(since_2013=since_2013),
        consent=ConsentRule.BE,
        consent_citation=CONSENT,
        tiers=_tiers(fines_per_victim=since_2013),
        aggravations=AGGRAVATIONS,
        attempt=ATTEMPT,
        fallbacks=_old_fallbacks(since_2013=since_2013, cutover=cutover),
        notes=_NOTES,
        aggravated_notes=_AGGRAVATED_NOTES,
        non_punishment=_NON_PUNISHMENT if non_punishment else None,
        dignity_indicators=True,
    )


# --------------------------------------------------------------------------- BE-2026
# The new Criminal Code, Book II (Law of 29 February 2024). Every unverified value comes
# from `Be2026Config` (nrm/law/be2026.py), the one place to correct them.

NEW_DEFINITION = Citation("R-BE2026-1", ("REFLI-2024",), Tag.UNVERIFIED)
NEW_CONSENT = Citation("R-BE2026-2", ("REFLI-2024",), Tag.UNVERIFIED)
NEW_PURPOSES = Citation("R-BE2026-PURPOSES", ("MYRIA-2024-1712",), Tag.S)
NEW_SURROGACY = Citation("R-BE2026-SURROGACY", ("MYRIA-2024-1712",), Tag.UNVERIFIED)
NEW_LEVEL = Citation("R-BE2026-LEVEL", ("REFLI-2024",), Tag.UNVERIFIED)
NEW_FINES_PER_VICTIM = Citation("R-BE2026-FINES-X-VICTIMS", ("REFLI-2024",), Tag.UNVERIFIED)
LEVEL_RANGES = Citation("R-BE2026-LEVEL-RANGES", ("RTL-2024", "EUBELIUS", "DEGROOTE-DEMAN"), Tag.S)
LEX_MITIOR = Citation("R-BE2026-BOOK-I-2", ("REFLI-2024",), Tag.V)
ART_79 = Citation("R-BE2026-ART-79", ("REFLI-2024",), Tag.V)

# Which new aggravated form each old circumstance becomes (working hypothesis).
_NEW_FORMS = {
    "BE-CP-433sexies-1": be2026.AUTHORITY,
    "BE-CP-433sexies-2": be2026.OFFICIAL,
    "BE-CP-433septies-1": be2026.MINOR,
    "BE-CP-433septies-2": be2026.VULNERABILITY,
    "BE-CP-433septies-3": be2026.COERCION,
    "BE-CP-433septies-3bis": be2026.PAYMENT,
    "BE-CP-433septies-4": be2026.LIFE,
    "BE-CP-433septies-5": be2026.HARM,
    "BE-CP-433septies-6": be2026.HABITUAL,
    "BE-CP-433septies-7": be2026.ASSOCIATION,
}

_NEW_AGGRAVATION_REASON = _(
    "%(provision)s, level %(level)s (UNVERIFIED), the circumstance of former %(former)s "
    "(%(facts)s)."
)


def _new_aggravations(config: Be2026Config) -> tuple[Aggravation, ...]:
    basic = config.levels[""]
    found: list[Aggravation] = []
    for old in AGGRAVATIONS:
        if old.provision == "BE-CP-433octies":
            # 433octies joins two circumstances: the new code's forms are split.
            pairs = (
                (be2026.DEATH, frozenset({AggravatingFact.DEATH_CAUSED_UNINTENTIONALLY})),
                (be2026.LEADER, frozenset({AggravatingFact.ASSOCIATION_LEADER})),
            )
            forms = [(form, Trigger(facts=facts)) for form, facts in pairs]
        else:
            forms = [(_NEW_FORMS[old.provision], old.trigger)]
        for form, trigger in forms:
            level = config.level_of(form).number
            provision = provisions.new_aggravated_id(form)
            found.append(
                Aggravation(
                    provision,
                    level if level > basic else 0,
                    trigger,
                    _NEW_AGGRAVATION_REASON,
                    Citation(f"R-BE2026-{form}", ("REFLI-2024",), Tag.UNVERIFIED),
                    reason_params=MappingProxyType(
                        {"provision": provision, "level": level, "former": old.provision}
                    ),
                )
            )
    return tuple(found)


def _level_penalty(config: Be2026Config, level_number: int) -> Penalty:
    level = be2026.LEVELS[level_number]
    fine = config.fines_by_level.get(level_number)
    return Penalty(
        None if level.life else Range(level.min_months, level.max_months),
        None if fine is None else Range(fine.min, fine.max),
        NEW_LEVEL,
        fines_per_victim=NEW_FINES_PER_VICTIM if config.fine_multiplied_by_victims else None,
        level=level_number,
        life=level.life,
    )


def _new_purposes(config: Be2026Config) -> MappingProxyType[Purpose, ElementRule]:
    def hypothesis(rule: ElementRule) -> ElementRule:
        # Same fit as under art. 433quinquies; the reference and the wording are the
        # working hypothesis.
        label = f"CP2026 art. {config.article}" + (f" (~{rule.label})" if rule.label else "")
        citation = rule.citation if rule.fit is Fit.DIGNITY else NEW_DEFINITION
        if rule.fit is Fit.AGAINST_WILL:
            citation = NEW_CONSENT
        return ElementRule(rule.fit, label, citation, rule.note)

    table = {
        purpose: hypothesis(rule)
        for purpose, rule in _purposes(since_2013=True).items()
        if purpose not in NEW_PURPOSE_SET
    }
    label = f"CP2026 art. {config.article}"
    table[Purpose.ILLEGAL_ADOPTION] = ElementRule(Fit.LISTED, label, NEW_PURPOSES)
    table[Purpose.FORCED_MARRIAGE] = ElementRule(Fit.LISTED, label, NEW_PURPOSES)
    if config.surrogacy_purpose:
        table[Purpose.SURROGACY_EXPLOITATION] = ElementRule(
            Fit.LISTED,
            label,
            NEW_SURROGACY,
            _("Surrogacy is counted as a purpose because this installation switched it on."),
        )
    else:
        table[Purpose.SURROGACY_EXPLOITATION] = ElementRule(
            Fit.NOT_LISTED,
            "",
            NEW_SURROGACY,
            _(
                "Exploitation of surrogacy is not a purpose under Belgian law: Belgium has not "
                "transposed that part of Directive (EU) 2024/1712 as far as could be found."
            ),
        )
    return MappingProxyType(table)


NEW_PURPOSE_SET = frozenset(
    {Purpose.ILLEGAL_ADOPTION, Purpose.FORCED_MARRIAGE, Purpose.SURROGACY_EXPLOITATION}
)

_NEW_NOTES = (
    Note(
        _(
            "The trafficking article of the new Criminal Code is encoded on the structure of "
            "art. 433quinquies (an act and a purpose; means only aggravate): a working "
            "hypothesis. Its article number, wording, penalty levels, fines and Dutch text are "
            "UNVERIFIED."
        ),
        NEW_DEFINITION,
    ),
    Note(
        _(
            "Penalty levels for natural persons: 1 no imprisonment; 2 normally none, 6 months "
            "to 3 years with specific reasons; 3 3 to 5 years; 4 5 to 10 years; 5 10 to 15 "
            "years; 6 15 to 20 years; 7 20 to 30 years; 8 life imprisonment."
        ),
        LEVEL_RANGES,
    ),
    Note(
        _(
            "Book I art. 2: no heavier penalty than the law at the time of the acts; where the "
            "law changed after the offence, the more favourable provisions apply."
        ),
        LEX_MITIOR,
    ),
    _NOTES[0],
)

# Directive (EU) 2024/1712 asks Member States to punish knowingly using the services of a
# victim; no Belgian offence was found [S MYRIA-2024-1712]. A switch, off by default.
_USE_OF_SERVICES = {
    False: Note(
        _(
            "Knowingly using the services of a victim of trafficking is not an offence in "
            "Belgium as far as could be found, although Directive (EU) 2024/1712 required it "
            "by 15 July 2026."
        ),
        Citation("R-BE2026-USE-OF-SERVICES", ("MYRIA-2024-1712",), Tag.S),
    ),
    True: Note(
        _(
            "This installation treats knowingly using the services of a victim of trafficking "
            "as an offence (a switch, UNVERIFIED: no Belgian provision was found); examine the "
            "users of the victim's services."
        ),
        Citation("R-BE2026-USE-OF-SERVICES-ON", ("MYRIA-2024-1712",), Tag.UNVERIFIED),
    ),
}

_NEW_ATTEMPT = Note(
    _(
        "The penalty for an attempt under the new Criminal Code is not verified; the range "
        "shown is that of the completed offence."
    ),
    NEW_DEFINITION,
)


def _new_fallbacks(config: Be2026Config) -> tuple[Fallback, ...]:
    slum_level = config.slum_landlord_level
    return (
        *SPC_FALLBACKS,
        Fallback(
            provision=provisions.NEW_SLUM_LANDLORD,
            penalty=None if slum_level is None else _level_penalty(config, slum_level),
            when_purposes=frozenset(),
            reason=_SLUM_REASON,
            citation=NEW_SLUM_LANDLORD,
            when=FallbackWhen.DEGRADING_HOUSING,
            unverified=(be2026.ARTICLE, be2026.LEVEL),
        ),
        Fallback(
            provision=provisions.NEW_BEGGING,
            penalty=None,
            when_purposes=frozenset({Purpose.BEGGING}),
            reason=_NEW_BEGGING_REASON,
            citation=NEW_BEGGING,
            when=FallbackWhen.PURPOSE,
            unverified=(be2026.ARTICLE, be2026.LEVEL),
        ),
        Fallback(
            provision="BE-ALIENS-77bis",
            penalty=None,
            when_purposes=frozenset(),
            reason=_NEW_SMUGGLING_REASON,
            citation=NEW_SMUGGLING,
            when=FallbackWhen.IRREGULAR_MOVEMENT,
            unverified=(be2026.LEVEL,),
        ),
    )


def _new_ruleset(config: Be2026Config) -> Ruleset:
    return Ruleset(
        id="BE-2026",
        valid_from=config.cutover,
        valid_to=None,
        validity=Citation("RS-BE-2026", ("REFLI-2024",), Tag.UNVERIFIED),
        acts=ACTS,
        act_citation=NEW_DEFINITION,
        means_required=False,
        means=MappingProxyType({}),
        purposes=_new_purposes(config),
        consent=ConsentRule.BE,
        consent_citation=NEW_CONSENT,
        tiers=(
            _level_penalty(config, config.levels[""]),
            *(_level_penalty(config, number) for number in sorted(be2026.LEVELS)),
        ),
        aggravations=_new_aggravations(config),
        attempt_note=_NEW_ATTEMPT,
        fallbacks=_new_fallbacks(config),
        notes=(*_NEW_NOTES, _USE_OF_SERVICES[config.use_of_victim_services_offence]),
        non_punishment=_NON_PUNISHMENT,
        dignity_indicators=True,
        unverified=config.unverified,
        new_purposes=frozenset(
            purpose
            for purpose in NEW_PURPOSE_SET
            if purpose is not Purpose.SURROGACY_EXPLOITATION or config.surrogacy_purpose
        ),
        admin_status_note=Note(
            _(
                "The new Criminal Code's definition of a person in a situation of vulnerability "
                "(Book II art. 79) names age, pregnancy, illness and physical or mental "
                "impairment, not an illegal or precarious administrative or social situation. "
                "Whether the trafficking article keeps its own wider clause is UNVERIFIED: this "
                "case relies on the administrative status."
            ),
            ART_79,
        ),
    )


@lru_cache(maxsize=8)
def be_jurisdiction(config: Be2026Config = DEFAULT_BE2026) -> Jurisdiction:
    """Belgium with the new code from `config.cutover` (a setting, default 8 April 2026)."""
    cutover = config.cutover
    return Jurisdiction(
        code="BE",
        provision=PROVISION,
        rulesets=(
            # Law of 10 Aug 2005 (means became aggravations); in-force day not retrieved,
            # ten days after publication (MB 2 Sep 2005) assumed.
            _ruleset(
                "BE-2005-09-12",
                date(2005, 9, 12),
                date(2013, 8, 1),
                Citation("RS-BE-2005", ("ESPERANTOMENA", "ACCHUB-433Q"), Tag.K),
                since_2013=False,
                non_punishment=False,
                cutover=cutover,
            ),
            _ruleset(
                "BE-2013-08-02",
                date(2013, 8, 2),
                date(2019, 6, 30),
                Citation("RS-BE-2013", ("FRA-BE", "ETAAMB-2013", "ECPAT-2013"), Tag.V),
                since_2013=True,
                non_punishment=False,
                cutover=cutover,
            ),
            _ruleset(
                "BE-2019-07-01",
                date(2019, 7, 1),
                cutover - timedelta(days=1),
                Citation("RS-BE-2019", ("WK-2019",), Tag.V),
                since_2013=True,
                non_punishment=True,
                cutover=cutover,
            ),
            _new_ruleset(config),
        ),
        reports_non_punishment=True,
        provisions=MappingProxyType({"BE-2026": provisions.NEW_TRAFFICKING}),
    )


BE = be_jurisdiction()

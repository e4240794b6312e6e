"""Belgium — Criminal Code art. 433quinquies to 433novies (RULES.md §1, §2.2, §2.3, §2.7).

Means are not elements in Belgium (Law of 10 Aug 2005): they only aggravate. The
exploitative purpose is a closed list of five; purpose 3° (human dignity) is an open
standard that only a court can decide.
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from nrm.law.facts import Act, AggravatingFact, Means, Purpose, Vulnerability
from nrm.law.i18n import _
from nrm.law.rules import (
    Aggravation,
    Citation,
    ConsentRule,
    ElementRule,
    Fit,
    Jurisdiction,
    LawChange,
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
        # The amounts before 2013 were not retrieved: the 2013 ranges are shown, as [K].
        return citation if fines_per_victim else Citation(citation.rule, citation.keys, Tag.K)

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


def _ruleset(
    ruleset_id: str,
    valid_from: date,
    valid_to: date,
    validity: Citation,
    *,
    since_2013: bool,
    non_punishment: bool,
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
        notes=_NOTES,
        aggravated_notes=_AGGRAVATED_NOTES,
        non_punishment=_NON_PUNISHMENT if non_punishment else None,
        dignity_indicators=True,
    )


BE = Jurisdiction(
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
        ),
        _ruleset(
            "BE-2013-08-02",
            date(2013, 8, 2),
            date(2019, 6, 30),
            Citation("RS-BE-2013", ("FRA-BE", "ETAAMB-2013", "ECPAT-2013"), Tag.V),
            since_2013=True,
            non_punishment=False,
        ),
        _ruleset(
            "BE-2019-07-01",
            date(2019, 7, 1),
            date(2026, 4, 8),
            Citation("RS-BE-2019", ("WK-2019",), Tag.V),
            since_2013=True,
            non_punishment=True,
        ),
    ),
    unencoded_changes=(
        LawChange(
            date(2026, 4, 9),
            _(
                "The new Criminal Code (Law of 29 February 2024) applies from 9 April 2026 "
                "(8 or 9 April: to verify); its trafficking article and penalty are not "
                "verified, so art. 433quinquies is shown for reference only."
            ),
            Citation("RS-BE-2026", ("REFLI-2024", "MYRIA-2024-1712"), Tag.UNVERIFIED),
        ),
    ),
    reports_non_punishment=True,
)

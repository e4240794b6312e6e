"""Finland — Rikoslaki ch. 25 § 3 and § 3 a (RULES.md §2.6, §2.7).

Adults need act, means and purpose (HE 34/2004). Aggravated trafficking (§ 3 a) needs,
besides one of its grounds, that the offence be aggravated *as a whole*: the engine
lists the grounds but leaves that judgment, and so the higher range, to the court.
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

PROVISION = "FI-RL-25-3"

DEFINITION = Citation("R-FI-1", ("MTV-FI", "LAKI24-3", "LEGLINE-FI", "HEUNI"), Tag.V)
AGGRAVATED = Citation("R-FI-3a", ("LAKI24-3A",), Tag.V)
CHILD = Citation("R-FI-CHILD", ("MTV-FI", "LAKI24-3"), Tag.V)
ATTEMPT = Citation("R-FI-ATTEMPT", ("MTV-FI", "LAKI24-3"), Tag.V)
AMENDMENT_2015 = Citation("R-FI-2015", ("STUKLEX-HE103",), Tag.V)
# Our reading of means that the statute does not name.
UNNAMED_MEANS = Citation("R-FI-1-UNNAMED", ("LAKI24-3",), Tag.K)
# RULES.md gives no Finnish consent rule; treated as in Palermo.
CONSENT = Citation("R-FI-CONSENT", ("HEUNI",), Tag.UNVERIFIED)
EU_2024 = Citation("R-EU-NEWPURP-FI", ("MYRIA-2024-1712",), Tag.UNVERIFIED)

# Finlex's English text renders "luovuttaa" as "transfers"; RULES.md calls it HAND_OVER.
ACTS = frozenset(
    {
        Act.TAKE_CONTROL,
        Act.RECRUIT,
        Act.HAND_OVER,
        Act.TRANSFER,
        Act.TRANSPORT,
        Act.RECEIVE,
        Act.HARBOUR,
    }
)

_UNNAMED = _(
    "%(means)s is not named in ch. 25 § 3: a court decides whether it amounts to one of "
    "the listed means (dependent status, insecure state, pressure, deceit, violence or "
    "threat)."
)


def _means(*, pressure: bool) -> MappingProxyType[Means, ElementRule]:
    table = {
        Means.ABUSE_OF_VULNERABILITY: ElementRule(
            Fit.LISTED, "25:3 (1) riippuvainen asema tai turvaton tila", DEFINITION
        ),
        Means.DECEPTION: ElementRule(Fit.LISTED, "25:3 (2) erehdyttäminen", DEFINITION),
        Means.EXPLOIT_ERROR: ElementRule(
            Fit.LISTED, "25:3 (2) erehdyksen hyväksikäyttö", DEFINITION
        ),
        Means.PAYMENT_TO_CONTROLLER: ElementRule(Fit.LISTED, "25:3 (3)-(4)", DEFINITION),
        # § 3 a (1): violence, threat or guile used instead of the § 3 means.
        Means.FORCE_VIOLENCE: ElementRule(Fit.LISTED, "25:3a (1) väkivalta", AGGRAVATED),
        Means.THREAT: ElementRule(Fit.LISTED, "25:3a (1) uhkaus", AGGRAVATED),
        Means.FRAUD: ElementRule(Fit.LISTED, "25:3a (1) kavaluus", AGGRAVATED),
    }
    for means in (
        Means.OTHER_COERCION,
        Means.DEPRIVATION_OF_LIBERTY,
        Means.ABDUCTION,
        Means.ABUSE_OF_POWER,
        Means.OTHER_UNDUE_METHOD,
    ):
        table[means] = ElementRule(Fit.ASSESS, "25:3", UNNAMED_MEANS, _UNNAMED)
    if pressure:
        table[Means.PRESSURE] = ElementRule(Fit.LISTED, "25:3 (1) painostaminen", AMENDMENT_2015)
    else:
        table[Means.PRESSURE] = ElementRule(
            Fit.NOT_LISTED,
            "",
            AMENDMENT_2015,
            _("Pressuring became a means under ch. 25 § 3 only with the 2015 amendment."),
        )
    return MappingProxyType(table)


DIGNITY_STANDARD = Citation("R-FI-1-DIGNITY", ("LAKI24-3", "HEUNI"), Tag.V)
FORCED_CRIMINALITY = Citation("R-FI-1-CRIMINALITY", ("LAKI24-3", "HEUNI"), Tag.K)
_DIGNITY_NOTE = _(
    "Other circumstances violating human dignity is an open standard under ch. 25 § 3: only a "
    "court decides whether the conditions recorded reach it."
)

_EU_2024_NOTE = _(
    "%(purpose)s is not a purpose under ch. 25 § 3; Finland's transposition of Directive "
    "(EU) 2024/1712 is not verified."
)


def _purposes(*, organs_without_profit: bool) -> MappingProxyType[Purpose, ElementRule]:
    dignity = "25:3 muut ihmisarvoa loukkaavat olosuhteet"
    table = {
        Purpose.PROSTITUTION: ElementRule(Fit.LISTED, "25:3 (20:9.1 (1))", DEFINITION),
        Purpose.OTHER_SEXUAL_EXPLOITATION: ElementRule(
            Fit.LISTED, "25:3 rinnastettava seksuaalinen hyväksikäyttö", DEFINITION
        ),
        Purpose.PORNOGRAPHY: ElementRule(
            Fit.ASSESS,
            "25:3 rinnastettava seksuaalinen hyväksikäyttö",
            Citation("R-FI-1-PORNOGRAPHY", ("LAKI24-3",), Tag.K),
            _(
                "Pornography is not named: a court decides whether it is sexual abuse "
                "comparable to pandering."
            ),
        ),
        Purpose.FORCED_LABOUR_OR_SERVICES: ElementRule(Fit.LISTED, "25:3 pakkotyö", DEFINITION),
        # "Other circumstances violating human dignity" is an open standard: a court
        # decides, never the engine (RULES.md §2.9, §8.2).
        Purpose.WORK_CONTRARY_TO_HUMAN_DIGNITY: ElementRule(
            Fit.ASSESS, dignity, DIGNITY_STANDARD, _DIGNITY_NOTE
        ),
        Purpose.OTHER_CONDITIONS_VIOLATING_HUMAN_DIGNITY: ElementRule(
            Fit.ASSESS, dignity, DIGNITY_STANDARD, _DIGNITY_NOTE
        ),
        Purpose.SLAVERY_OR_SIMILAR: ElementRule(Fit.LISTED, dignity, DEFINITION),
        Purpose.SERVITUDE: ElementRule(Fit.LISTED, dignity, DEFINITION),
        Purpose.BEGGING: ElementRule(
            Fit.ASSESS,
            "25:3 pakkotyö",
            Citation("R-FI-1-BEGGING", ("LAKI24-3",), Tag.K),
            _(
                "Begging is not named: it counts if it amounts to forced labour or other "
                "circumstances violating human dignity."
            ),
        ),
        # Not named, but examined as forced labour or circumstances violating human
        # dignity (RULES.md §2.9): a court decides.
        Purpose.FORCED_CRIMINALITY: ElementRule(
            Fit.ASSESS,
            "25:3 pakkotyö / muut ihmisarvoa loukkaavat olosuhteet",
            FORCED_CRIMINALITY,
            _(
                "Making a person commit crimes is not named in ch. 25 § 3: a court examines it "
                "as forced labour or as other circumstances violating human dignity."
            ),
        ),
        Purpose.SURROGACY_EXPLOITATION: ElementRule(Fit.NOT_LISTED, "", EU_2024, _EU_2024_NOTE),
        Purpose.FORCED_MARRIAGE: ElementRule(Fit.NOT_LISTED, "", EU_2024, _EU_2024_NOTE),
        Purpose.ILLEGAL_ADOPTION: ElementRule(Fit.NOT_LISTED, "", EU_2024, _EU_2024_NOTE),
    }
    if organs_without_profit:
        table[Purpose.ORGAN_OR_TISSUE_REMOVAL] = ElementRule(
            Fit.LISTED, "25:3 elinten tai kudosten poistaminen", AMENDMENT_2015
        )
    else:
        table[Purpose.ORGAN_OR_TISSUE_REMOVAL] = ElementRule(
            Fit.ASSESS,
            "25:3 elinten tai kudosten poistaminen",
            AMENDMENT_2015,
            _(
                "Before the 2015 amendment, removal of organs or tissue counted only if done "
                "for financial gain, which the facts do not record."
            ),
        )
    return MappingProxyType(table)


_AS_A_WHOLE = "FI-RL-25-3a"

AGGRAVATIONS = (
    Aggravation(
        _AS_A_WHOLE,
        1,
        Trigger(means=frozenset({Means.FORCE_VIOLENCE, Means.THREAT, Means.FRAUD})),
        _(
            "§ 3 a (1): violence, threat or guile was used (%(facts)s); aggravated trafficking (2 "
            "to 10 years) applies if the offence is also aggravated when assessed as a whole."
        ),
        AGGRAVATED,
        requires_judicial_assessment=True,
    ),
    Aggravation(
        _AS_A_WHOLE,
        1,
        Trigger(
            facts=frozenset(
                {
                    AggravatingFact.SERIOUS_VIOLENCE_OR_PARTICULARLY_SERIOUS_HARM,
                    AggravatingFact.LIFE_ENDANGERED,
                    AggravatingFact.INCURABLE_DISEASE_OR_INCAPACITY_4M,
                    AggravatingFact.PERMANENT_INCAPACITY,
                }
            )
        ),
        _(
            "§ 3 a (2): serious injury, serious illness, a life-threatening state or comparable "
            "grave suffering was caused (%(facts)s); aggravated trafficking (2 to 10 years) "
            "applies if the offence is also aggravated when assessed as a whole."
        ),
        AGGRAVATED,
        requires_judicial_assessment=True,
    ),
    Aggravation(
        _AS_A_WHOLE,
        1,
        Trigger(
            facts=frozenset(
                {AggravatingFact.VICTIM_MINOR, AggravatingFact.ABUSE_OF_PARTICULAR_VULNERABILITY}
            ),
            minor=True,
        ),
        _(
            "§ 3 a (3): the victim was a child or a person whose ability to defend themselves is "
            "substantially reduced (%(facts)s); aggravated trafficking (2 to 10 years) applies if "
            "the offence is also aggravated when assessed as a whole."
        ),
        AGGRAVATED,
        requires_judicial_assessment=True,
    ),
    Aggravation(
        _AS_A_WHOLE,
        1,
        Trigger(facts=frozenset({AggravatingFact.ORGANISED_CRIMINAL_GROUP})),
        _(
            "§ 3 a (4): the offence was committed as part of an organised criminal group "
            "(%(facts)s); aggravated trafficking (2 to 10 years) applies if the offence is also "
            "aggravated when assessed as a whole."
        ),
        AGGRAVATED,
        requires_judicial_assessment=True,
    ),
    Aggravation(
        _AS_A_WHOLE,
        1,
        Trigger(purposes=frozenset({Purpose.SLAVERY_OR_SIMILAR})),
        _(
            "§ 3 a: enslaving or keeping a person in slavery (%(facts)s) is aggravated trafficking"
            " (2 to 10 years) if the offence is also aggravated when assessed as a whole."
        ),
        AGGRAVATED,
        requires_judicial_assessment=True,
    ),
)

TIERS = (
    Penalty(Range(4, 72), None, DEFINITION),
    Penalty(Range(24, 120), None, AGGRAVATED),
)

_ATTEMPT_NOTE = Note(
    _(
        "An attempt is punishable under ch. 25 § 3; its reduced scale follows the general "
        "part of the Criminal Code and is not computed here."
    ),
    ATTEMPT,
)


def _ruleset(
    ruleset_id: str,
    valid_from: date,
    valid_to: date | None,
    validity: Citation,
    *,
    amended_2015: bool,
) -> Ruleset:
    return Ruleset(
        id=ruleset_id,
        valid_from=valid_from,
        valid_to=valid_to,
        validity=validity,
        acts=ACTS,
        act_citation=DEFINITION,
        means_required=True,
        means=_means(pressure=amended_2015),
        purposes=_purposes(organs_without_profit=amended_2015),
        consent=ConsentRule.IRRELEVANT_IF_MEANS,
        consent_citation=CONSENT,
        tiers=TIERS,
        aggravations=AGGRAVATIONS,
        attempt_note=_ATTEMPT_NOTE,
        child_citation=CHILD,
    )


FI = Jurisdiction(
    code="FI",
    provision=PROVISION,
    rulesets=(
        # In force "since 2004" (LaVM 15/2014); 1 Aug 2004 is recalled, not retrieved.
        _ruleset(
            "FI-2004-08-01",
            date(2004, 8, 1),
            date(2015, 5, 31),
            Citation("RS-FI-2004", ("HEUNI",), Tag.K),
            amended_2015=False,
        ),
        # HE 103/2014, enacted as law 564/2015 of 8 May 2015; in-force day not
        # retrieved, 1 June 2015 assumed.
        _ruleset(
            "FI-2015-06-01",
            date(2015, 6, 1),
            None,
            Citation("RS-FI-2015", ("STUKLEX-HE103",), Tag.K),
            amended_2015=True,
        ),
    ),
)

"""Denmark — Straffeloven § 262 a and the fallback § 262 b (RULES.md §2.4, §2.7).

Act, means and purpose are all elements for adults; "anden utilbørlig fremgangsmåde"
(other undue method) is an open standard that only a court can decide. Work contrary
to human dignity is not a Danish purpose; § 262 b exists for such labour cases since
1 June 2022.
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from nrm.law.facts import Act, Means, Purpose
from nrm.law.i18n import _
from nrm.law.rules import (
    Citation,
    ConsentRule,
    ElementRule,
    Fallback,
    Fit,
    Jurisdiction,
    Note,
    Penalty,
    Range,
    Ruleset,
    Tag,
)

PROVISION = "DK-STRFL-262a"

DEFINITION = Citation("R-DK-1", ("CMM-262A",), Tag.V)
# CMM's reading of "anden utilbørlig fremgangsmåde" is a secondary source.
UNDUE_METHOD = Citation("R-DK-1-UNDUE", ("CMM-262A",), Tag.S)
CHILD_AND_PAYMENT = Citation("R-DK-2", ("CMM-262A",), Tag.V)
CLOSED_PURPOSES = Citation("R-DK-3", ("CMM-262A",), Tag.V)
BEGGING = Citation("R-DK-3-BEGGING", ("CMM-262A",), Tag.K)
CRIMINAL_ACTS = Citation("R-DK-2012", ("FT-2012",), Tag.V)
# No explicit Danish consent rule was found; treated as in Palermo.
CONSENT = Citation("R-DK-3-CONSENT", ("CMM-262A",), Tag.UNVERIFIED)
NOT_BOUND_BY_EU = Citation("R-EU-NEWPURP-DK", ("MYRIA-2024-1712",), Tag.K)
FALLBACK_262B = Citation("R-DK-4", ("FT-L111",), Tag.V)
NO_ATTEMPT_RULE = Citation("R-DK-ATTEMPT", (), Tag.UNVERIFIED)

ACTS = frozenset({Act.RECRUIT, Act.TRANSPORT, Act.TRANSFER, Act.HARBOUR, Act.RECEIVE})

_UNDUE_NOTE = _(
    '%(means)s is read as "anden utilbørlig fremgangsmåde" (other undue method, '
    "nr. 5), an open standard covering e.g. exploitation of poverty, debt or lack of "
    "language: a court decides whether it is met."
)

MEANS = MappingProxyType(
    {
        Means.OTHER_COERCION: ElementRule(Fit.LISTED, "§ 262 a stk. 1 nr. 1 (§ 260)", DEFINITION),
        Means.DEPRIVATION_OF_LIBERTY: ElementRule(
            Fit.LISTED, "§ 262 a stk. 1 nr. 2 (§ 261)", DEFINITION
        ),
        Means.THREAT: ElementRule(Fit.LISTED, "§ 262 a stk. 1 nr. 3 (§ 266)", DEFINITION),
        Means.DECEPTION: ElementRule(Fit.LISTED, "§ 262 a stk. 1 nr. 4", DEFINITION),
        Means.EXPLOIT_ERROR: ElementRule(Fit.LISTED, "§ 262 a stk. 1 nr. 4", DEFINITION),
        Means.PAYMENT_TO_CONTROLLER: ElementRule(
            Fit.LISTED, "§ 262 a stk. 2 nr. 2", CHILD_AND_PAYMENT
        ),
        # R-DK-1 maps these onto nr. 5; PRESSURE is not named there either and is
        # closest to an undue method.
        **{
            means: ElementRule(Fit.ASSESS, "§ 262 a stk. 1 nr. 5", UNDUE_METHOD, _UNDUE_NOTE)
            for means in (
                Means.OTHER_UNDUE_METHOD,
                Means.ABUSE_OF_VULNERABILITY,
                Means.FRAUD,
                Means.FORCE_VIOLENCE,
                Means.ABDUCTION,
                Means.ABUSE_OF_POWER,
                Means.PRESSURE,
            )
        },
    }
)

_NOT_DIGNITY = _(
    "Work in conditions contrary to human dignity is not a purpose under § 262 a: only "
    "forced labour, slavery or slavery-like conditions count. If the facts amount to "
    "forced labour, record that purpose."
)
_NOT_BOUND = _(
    "%(purpose)s is not a purpose under § 262 a; Denmark is not bound by Directive (EU) 2024/1712."
)


def _purposes(*, criminal_acts: bool) -> MappingProxyType[Purpose, ElementRule]:
    table = {
        Purpose.PROSTITUTION: ElementRule(Fit.LISTED, "prostitution", CLOSED_PURPOSES),
        Purpose.PORNOGRAPHY: ElementRule(
            Fit.LISTED, "pornografiske fotografier, film, forestilling", CLOSED_PURPOSES
        ),
        Purpose.OTHER_SEXUAL_EXPLOITATION: ElementRule(
            Fit.ASSESS,
            "prostitution / pornografi",
            Citation("R-DK-3-SEXUAL", ("CMM-262A",), Tag.K),
            _(
                "Only prostitution, pornographic photos or films and pornographic "
                "performances are listed: a court decides whether this form of sexual "
                "exploitation falls under them."
            ),
        ),
        Purpose.FORCED_LABOUR_OR_SERVICES: ElementRule(
            Fit.LISTED, "tvangsarbejde", CLOSED_PURPOSES
        ),
        Purpose.SLAVERY_OR_SIMILAR: ElementRule(
            Fit.LISTED, "slaveri eller slaverilignende forhold", CLOSED_PURPOSES
        ),
        Purpose.SERVITUDE: ElementRule(Fit.LISTED, "slaverilignende forhold", CLOSED_PURPOSES),
        Purpose.ORGAN_OR_TISSUE_REMOVAL: ElementRule(
            Fit.LISTED, "fjernelse af organer", CLOSED_PURPOSES
        ),
        Purpose.BEGGING: ElementRule(
            Fit.ASSESS,
            "tvangsarbejde",
            BEGGING,
            _("Begging is not listed: it counts only if it amounts to forced labour."),
        ),
        Purpose.WORK_CONTRARY_TO_HUMAN_DIGNITY: ElementRule(
            Fit.NOT_LISTED, "", CLOSED_PURPOSES, _NOT_DIGNITY
        ),
        Purpose.OTHER_CONDITIONS_VIOLATING_HUMAN_DIGNITY: ElementRule(
            Fit.NOT_LISTED, "", CLOSED_PURPOSES, _NOT_DIGNITY
        ),
        Purpose.SURROGACY_EXPLOITATION: ElementRule(
            Fit.NOT_LISTED, "", NOT_BOUND_BY_EU, _NOT_BOUND
        ),
        Purpose.FORCED_MARRIAGE: ElementRule(Fit.NOT_LISTED, "", NOT_BOUND_BY_EU, _NOT_BOUND),
        Purpose.ILLEGAL_ADOPTION: ElementRule(Fit.NOT_LISTED, "", NOT_BOUND_BY_EU, _NOT_BOUND),
    }
    if criminal_acts:
        table[Purpose.FORCED_CRIMINALITY] = ElementRule(
            Fit.LISTED, "strafbare handlinger", CRIMINAL_ACTS
        )
    else:
        table[Purpose.FORCED_CRIMINALITY] = ElementRule(
            Fit.NOT_LISTED,
            "",
            CRIMINAL_ACTS,
            _("Criminal acts became a purpose under § 262 a only with the 2012 amendment."),
        )
    return MappingProxyType(table)


LABOUR_PURPOSES = frozenset(
    {
        Purpose.WORK_CONTRARY_TO_HUMAN_DIGNITY,
        Purpose.OTHER_CONDITIONS_VIOLATING_HUMAN_DIGNITY,
        Purpose.FORCED_LABOUR_OR_SERVICES,
        Purpose.SLAVERY_OR_SIMILAR,
        Purpose.SERVITUDE,
        Purpose.BEGGING,
    }
)

SECTION_262B = Fallback(
    provision="DK-STRFL-262b",
    penalty=Penalty(Range(0, 72), None, FALLBACK_262B),
    when_purposes=LABOUR_PURPOSES,
    reason=_(
        "§ 262 b (exploitation of a person for work under manifestly unreasonable "
        "conditions, by taking advantage of significant economic or personal difficulties, "
        "lack of insight, recklessness or an existing dependency) is worth examining: it "
        "needs no forced labour and no means of § 262 a."
    ),
    citation=FALLBACK_262B,
)

_ATTEMPT_NOTE = Note(
    _("No attempt rule is encoded for § 262 a; the range shown is that of the completed offence."),
    NO_ATTEMPT_RULE,
)


def _ruleset(
    ruleset_id: str,
    valid_from: date,
    valid_to: date | None,
    validity: Citation,
    *,
    max_months: int,
    criminal_acts: bool,
    fallback_262b: bool,
) -> Ruleset:
    return Ruleset(
        id=ruleset_id,
        valid_from=valid_from,
        valid_to=valid_to,
        validity=validity,
        acts=ACTS,
        act_citation=DEFINITION,
        means_required=True,
        means=MEANS,
        purposes=_purposes(criminal_acts=criminal_acts),
        consent=ConsentRule.IRRELEVANT_IF_MEANS,
        consent_citation=CONSENT,
        tiers=(
            Penalty(
                Range(0, max_months),
                None,
                Citation("R-DK-PENALTY", ("CMM-262A", "FT-2012"), Tag.V),
            ),
        ),
        attempt_note=_ATTEMPT_NOTE,
        child_citation=CHILD_AND_PAYMENT,
        fallbacks=(SECTION_262B,) if fallback_262b else (),
    )


DK = Jurisdiction(
    code="DK",
    provision=PROVISION,
    rulesets=(
        # § 262 a was introduced by lov nr. 380 af 6. juni 2002; in-force day not
        # retrieved, the law's date is used.
        _ruleset(
            "DK-2002-06-06",
            date(2002, 6, 6),
            date(2012, 3, 27),
            Citation("RS-DK-2002", ("FT-2012",), Tag.K),
            max_months=96,
            criminal_acts=False,
            fallback_262b=False,
        ),
        # L 57 (2011-12) entered into force the day after promulgation [V FT-2012];
        # the date (lov nr. 275 af 27. marts 2012) is recalled, not retrieved.
        _ruleset(
            "DK-2012-03-28",
            date(2012, 3, 28),
            date(2022, 5, 31),
            Citation("RS-DK-2012", ("FT-2012",), Tag.K),
            max_months=120,
            criminal_acts=True,
            fallback_262b=False,
        ),
        _ruleset(
            "DK-2022-06-01",
            date(2022, 6, 1),
            None,
            Citation("RS-DK-2022", ("FT-L111",), Tag.V),
            max_months=120,
            criminal_acts=True,
            fallback_262b=True,
        ),
    ),
)

"""Retention periods as data: one rule per record type and purpose (pure core, no Django).

Each rule says how long a record type is kept after its clock starts, what happens when it
is due (anonymise: its identifying and free-text fields are blanked, the row and its
categories stay for the statistics; delete: the row goes), the grace period during which
the data protection officer sees it flagged and an organisation may place a hold, and why:
the reason, the legal source and how well that source is verified. No Belgian or EU text
in the project's domain notes fixes a period for these records, so every default period is
a POLICY CHOICE; the principle (GDPR art. 5(1)(e), storage limitation) and the legal bases
of the processing are cited with their verification status.

The clock of a record starts when its holder (the organisation whose record it is) no
longer works with the person: the day its last involvement with the person ended. A record
with no person, or whose holder never had an involvement, counts from its own date. An
installation changes periods, grace periods and actions through configuration
(`NRM_RETENTION_FILE`, a JSON file, or the `NRM_RETENTION` setting), never the code:
`rules_from_config`.

Sentences are marked with a no-op `_` and translated at the edges.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any


def _(text: str) -> str:
    return text


class Outcome(StrEnum):
    ANONYMISE = "ANONYMISE"
    DELETE = "DELETE"


class Verified(StrEnum):
    VERIFIED = "VERIFIED"  # the text and article are known and cited as they are
    UNVERIFIED = "UNVERIFIED"  # the instrument is right; the article or reading is not checked
    POLICY_CHOICE = "POLICY_CHOICE"  # no source fixes it: the product's choice, with a reason


# Purposes (the values of nrm.access.models.Purpose, repeated as strings: no Django here).
CARE = "CARE"
INVESTIGATION = "INVESTIGATION"
RESIDENCE_DECISION = "RESIDENCE_DECISION"
STATISTICS = "STATISTICS"
ADMINISTRATION = "ADMINISTRATION"

YEAR = 365  # days; periods are whole years of 365 days, counted in calendar dates
DEFAULT_GRACE_DAYS = 30
STORAGE_LIMITATION = "GDPR art. 5(1)(e)"


@dataclass(frozen=True)
class LegalBasis:
    citation: str
    verified: Verified


@dataclass(frozen=True)
class Purpose:
    """One purpose of processing, as the art. 30 register lists it."""

    code: str
    label: str
    controllers: str  # which organisations process for it
    bases: tuple[LegalBasis, ...]
    recipients: tuple[str, ...]


GDPR_6_1_E = LegalBasis("GDPR art. 6(1)(e) (task in the public interest)", Verified.VERIFIED)
GDPR_9_2_G = LegalBasis(
    "GDPR art. 9(2)(g) (substantial public interest; special categories)", Verified.VERIFIED
)
GDPR_89 = LegalBasis("GDPR art. 89 (statistical purposes, safeguards)", Verified.VERIFIED)
LED = LegalBasis(
    "Directive (EU) 2016/680 and the Belgian Law of 30 July 2018, Title 2 "
    "(processing by police and judicial authorities)",
    Verified.UNVERIFIED,
)
ALIENS_ACT = LegalBasis(
    "Belgian Aliens Act of 15 December 1980, arts. 61/2 to 61/5 "
    "(residence of victims of trafficking)",
    Verified.UNVERIFIED,
)
TRAFFICKING_DIRECTIVE = LegalBasis(
    "Directive 2011/36/EU arts. 11 to 16 (assistance and support of victims)",
    Verified.UNVERIFIED,
)
GDPR_6_1_C = LegalBasis("GDPR art. 6(1)(c) and art. 5(2) (accountability)", Verified.VERIFIED)

PURPOSES: tuple[Purpose, ...] = (
    Purpose(
        CARE,
        _("Care and support of presumed victims"),
        _("Specialised victims' centres"),
        (GDPR_6_1_E, GDPR_9_2_G, TRAFFICKING_DIRECTIVE),
        (
            _("Other organisations only through a recorded care disclosure"),
            _("The immigration office for document requests"),
        ),
    ),
    Purpose(
        INVESTIGATION,
        _("Detection, investigation and prosecution of trafficking"),
        _("Labour-inspection teams, police units, prosecution offices and courts"),
        (LED,),
        (
            _("Victims' centres (referrals)"),
            _("Courts and, by a judge's decision, the defence"),
        ),
    ),
    Purpose(
        RESIDENCE_DECISION,
        _("Decisions on the residence of victims"),
        _("The immigration office"),
        (GDPR_6_1_E, ALIENS_ACT),
        (_("The accompanying centre"), _("The prosecution office (its opinion)")),
    ),
    Purpose(
        STATISTICS,
        _("De-identified statistics and the rapporteur's annual report"),
        _("The independent rapporteur"),
        (GDPR_89,),
        (_("The public (aggregate figures with small cells suppressed)"),),
    ),
    Purpose(
        ADMINISTRATION,
        _("Accounts, access and the audit trail"),
        _("The platform operator"),
        (GDPR_6_1_C,),
        (_("The supervisory authority on request"),),
    ),
)


@dataclass(frozen=True)
class Rule:
    """How long one record type is kept for one purpose."""

    key: str  # the record type: "<app>.<model>", as Django labels it
    label: str
    purpose: str
    period_days: int
    outcome: Outcome
    grace_days: int
    clock: str  # when the period starts, in words
    reason: str  # why this long
    source: str  # the legal source of the period, or "policy choice"
    verified: Verified
    categories: tuple[str, ...]  # categories of data blanked (or deleted)

    @property
    def period_years(self) -> float:
        return round(self.period_days / YEAR, 1)


_HOLDER_STOPPED = _(
    "the day the holding organisation's last involvement with the person ended "
    "(the record's own date when there is none)"
)
_ALL_STOPPED = _("the day the last involvement of any organisation with the person ended")
_CARE_REASON = _(
    "Victims return to a centre (renewed exploitation, late proceedings, claims for "
    "compensation, document renewals); the centre must be able to attest its support for "
    "five years after it ended."
)
_INVESTIGATION_REASON = _(
    "Screenings and evidence may be needed as long as a prosecution for trafficking can "
    "still start; ten years after the team stopped working with the person. To be checked "
    "against the limitation periods of the Code of criminal procedure (not verified)."
)
_RESIDENCE_REASON = _(
    "A residence decision can be reviewed, renewed or withdrawn for years after the "
    "last decision; the immigration office keeps its own file under the Aliens Act."
)
POLICY = _("policy choice")

DEFAULT_RULES: tuple[Rule, ...] = (
    Rule(
        "people.person",
        _("Person: identity (names, birth date, documents, contact details)"),
        CARE,
        5 * YEAR,
        Outcome.ANONYMISE,
        DEFAULT_GRACE_DAYS,
        _ALL_STOPPED,
        _(
            "The person record is shared by every organisation involved: its identity is "
            "kept as long as the longest period of the purposes the person was involved "
            "for (care 5 years, residence 10, investigation 10). Demographics stay: "
            "they are the statistics' categories."
        ),
        POLICY,
        Verified.POLICY_CHOICE,
        (_("identity"), _("contact details"), _("identity documents")),
    ),
    Rule(
        "people.supportoverride",
        _("Centre director's override for a person recorded as a suspect: reasons"),
        CARE,
        5 * YEAR,
        Outcome.ANONYMISE,
        DEFAULT_GRACE_DAYS,
        _HOLDER_STOPPED,
        _CARE_REASON,
        POLICY,
        Verified.POLICY_CHOICE,
        (_("reasons"),),
    ),
    Rule(
        "referrals.referral",
        _("Referral: details and the reason given"),
        CARE,
        5 * YEAR,
        Outcome.ANONYMISE,
        DEFAULT_GRACE_DAYS,
        _HOLDER_STOPPED,
        _CARE_REASON,
        POLICY,
        Verified.POLICY_CHOICE,
        (_("circumstances of the referral"),),
    ),
    Rule(
        "referrals.hotlineentry",
        _("Hotline contact: summary of the call"),
        CARE,
        2 * YEAR,
        Outcome.ANONYMISE,
        DEFAULT_GRACE_DAYS,
        _HOLDER_STOPPED,
        _(
            "A call log serves to follow up a caller; two years covers a caller who calls "
            "back. The contact itself (channel, caller type, outcome) stays for the "
            "hotline figures."
        ),
        POLICY,
        Verified.POLICY_CHOICE,
        (_("what the caller said"),),
    ),
    Rule(
        "care.carenote",
        _("Care note"),
        CARE,
        5 * YEAR,
        Outcome.ANONYMISE,
        DEFAULT_GRACE_DAYS,
        _HOLDER_STOPPED,
        _CARE_REASON,
        POLICY,
        Verified.POLICY_CHOICE,
        (_("care notes (health, situation, statements)"),),
    ),
    Rule(
        "care.supportplan",
        _("Support plan: objectives and action plan"),
        CARE,
        5 * YEAR,
        Outcome.ANONYMISE,
        DEFAULT_GRACE_DAYS,
        _HOLDER_STOPPED,
        _CARE_REASON,
        POLICY,
        Verified.POLICY_CHOICE,
        (_("support objectives"),),
    ),
    Rule(
        "care.servicedelivery",
        _("Service delivered: note"),
        CARE,
        5 * YEAR,
        Outcome.ANONYMISE,
        DEFAULT_GRACE_DAYS,
        _HOLDER_STOPPED,
        _CARE_REASON,
        POLICY,
        Verified.POLICY_CHOICE,
        (_("care notes (health, situation, statements)"),),
    ),
    Rule(
        "care.placement",
        _("Shelter placement: note about the departure"),
        CARE,
        5 * YEAR,
        Outcome.ANONYMISE,
        DEFAULT_GRACE_DAYS,
        _HOLDER_STOPPED,
        _CARE_REASON,
        POLICY,
        Verified.POLICY_CHOICE,
        (_("circumstances of the departure"),),
    ),
    Rule(
        "inspections.screening",
        _("Screening: notes"),
        INVESTIGATION,
        10 * YEAR,
        Outcome.ANONYMISE,
        DEFAULT_GRACE_DAYS,
        _HOLDER_STOPPED,
        _INVESTIGATION_REASON,
        POLICY,
        Verified.POLICY_CHOICE,
        (_("working and living conditions"),),
    ),
    Rule(
        "inspections.observation",
        _("Indicator observation: note"),
        INVESTIGATION,
        10 * YEAR,
        Outcome.ANONYMISE,
        DEFAULT_GRACE_DAYS,
        _HOLDER_STOPPED,
        _INVESTIGATION_REASON,
        POLICY,
        Verified.POLICY_CHOICE,
        (_("working and living conditions"),),
    ),
    Rule(
        "inspections.evidence",
        _("Evidence: description, file name and the file"),
        INVESTIGATION,
        10 * YEAR,
        Outcome.ANONYMISE,
        DEFAULT_GRACE_DAYS,
        _HOLDER_STOPPED,
        _INVESTIGATION_REASON,
        POLICY,
        Verified.POLICY_CHOICE,
        (_("evidence descriptions"), _("photographs and documents")),
    ),
    Rule(
        "protection.statusevent",
        _("Status event: evidence or note"),
        RESIDENCE_DECISION,
        10 * YEAR,
        Outcome.ANONYMISE,
        DEFAULT_GRACE_DAYS,
        _HOLDER_STOPPED,
        _RESIDENCE_REASON,
        POLICY,
        Verified.POLICY_CHOICE,
        (_("residence procedure notes"),),
    ),
    Rule(
        "protection.requestpaper",
        _("Paper of a residence request: file name and the file"),
        RESIDENCE_DECISION,
        10 * YEAR,
        Outcome.ANONYMISE,
        DEFAULT_GRACE_DAYS,
        _HOLDER_STOPPED,
        _RESIDENCE_REASON,
        POLICY,
        Verified.POLICY_CHOICE,
        (_("identity documents"), _("photographs and documents")),
    ),
    Rule(
        "protection.guardian",
        _("Guardian of a minor: name and e-mail"),
        RESIDENCE_DECISION,
        10 * YEAR,
        Outcome.ANONYMISE,
        DEFAULT_GRACE_DAYS,
        _ALL_STOPPED,
        _RESIDENCE_REASON,
        POLICY,
        Verified.POLICY_CHOICE,
        (_("identity"), _("contact details")),
    ),
    Rule(
        "prosecution.protectedstatement",
        _("Victim's protected statement"),
        INVESTIGATION,
        10 * YEAR,
        Outcome.ANONYMISE,
        DEFAULT_GRACE_DAYS,
        _HOLDER_STOPPED,
        _(
            "Held as long as the case is open (an automatic hold); then kept as long as "
            "screenings, as the platform's copy: the court file itself is archived by the "
            "judiciary under its own rules."
        ),
        POLICY,
        Verified.POLICY_CHOICE,
        (_("victim's statement"),),
    ),
    Rule(
        "exchange.htcdsrecord",
        _("Imported HTCDS row: identity fields"),
        STATISTICS,
        1 * YEAR,
        Outcome.ANONYMISE,
        DEFAULT_GRACE_DAYS,
        _("the day the file was imported"),
        _(
            "Identities in an imported file serve record linkage only, which runs at "
            "import; a year leaves time to correct a linkage. The de-identified values stay."
        ),
        POLICY,
        Verified.POLICY_CHOICE,
        (_("identity"),),
    ),
)

# The person's identity is kept for the longest period of the purposes it served.
PERSON_PERIOD_DAYS: dict[str, int] = {
    CARE: 5 * YEAR,
    INVESTIGATION: 10 * YEAR,
    RESIDENCE_DECISION: 10 * YEAR,
    STATISTICS: 0,  # statistics use the de-identified facts, never the identity
    ADMINISTRATION: 0,
}


class ConfigError(ValueError):
    """The retention configuration is malformed; the message names the entry."""


_MAX_DAYS = 100 * YEAR


def _days(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_DAYS:
        raise ConfigError(f"{where}: a whole number of days between 0 and {_MAX_DAYS}")
    return value


def rules_from_config(
    config: Mapping[str, Any] | None,
) -> tuple[tuple[Rule, ...], dict[str, int]]:
    """The default rules changed by an installation's configuration.

    `{"grace_days": 30, "person_period_days": {"CARE": 1825}, "rules": {"care.carenote":
    {"period_days": 1825, "grace_days": 14, "outcome": "DELETE", "source": "...",
    "reason": "..."}}}`. An unknown record type or field is an error, not ignored: a typo
    must not silently keep the default.
    """
    config = dict(config or {})
    unknown = set(config) - {"grace_days", "person_period_days", "rules"}
    if unknown:
        raise ConfigError(f"unknown retention settings: {', '.join(sorted(unknown))}")
    grace = config.get("grace_days")
    person_periods = dict(PERSON_PERIOD_DAYS)
    for purpose, days in dict(config.get("person_period_days") or {}).items():
        if purpose not in person_periods:
            raise ConfigError(f"person_period_days: unknown purpose {purpose}")
        person_periods[purpose] = _days(days, f"person_period_days.{purpose}")
    overrides = dict(config.get("rules") or {})
    known = {rule.key for rule in DEFAULT_RULES}
    for key in overrides:
        if key not in known:
            raise ConfigError(f"rules: unknown record type {key}")
    rules: list[Rule] = []
    for rule in DEFAULT_RULES:
        changed = rule
        if grace is not None:
            changed = replace(changed, grace_days=_days(grace, "grace_days"))
        entry = dict(overrides.get(rule.key) or {})
        bad = set(entry) - {"period_days", "grace_days", "outcome", "source", "reason"}
        if bad:
            raise ConfigError(f"rules.{rule.key}: unknown fields {', '.join(sorted(bad))}")
        if "period_days" in entry:
            changed = replace(
                changed, period_days=_days(entry["period_days"], f"rules.{rule.key}.period_days")
            )
        if "grace_days" in entry:
            changed = replace(
                changed, grace_days=_days(entry["grace_days"], f"rules.{rule.key}.grace_days")
            )
        if "outcome" in entry:
            if entry["outcome"] not in Outcome.__members__:
                raise ConfigError(f"rules.{rule.key}.outcome: ANONYMISE or DELETE")
            changed = replace(changed, outcome=Outcome(entry["outcome"]))
        if "source" in entry or "reason" in entry:
            # An installation that sets its own period says why; its source is then its own.
            changed = replace(
                changed,
                source=str(entry.get("source", changed.source)),
                reason=str(entry.get("reason", changed.reason)),
                verified=Verified.UNVERIFIED if "source" in entry else changed.verified,
            )
        rules.append(changed)
    if rules and rules[0].key == "people.person":
        # The person rule's own period is the longest of its purposes' (shown in the register).
        rules[0] = replace(rules[0], period_days=max(person_periods.values()))
    return tuple(rules), person_periods

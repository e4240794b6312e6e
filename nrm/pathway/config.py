"""Every duration of the pathway as configuration, each with its source and tag.

RULES.md §0 and §8: durations are data, and rules tagged [K] or UNVERIFIED, and product
choices, must be configurable and shown as such. `PathwayConfig()` holds the defaults;
`SETTINGS` says, for each field, where the value comes from, so that a page can show a
"product default" or "unverified" badge next to any deadline it derived.
"""

from __future__ import annotations

from dataclasses import dataclass

from nrm.pathway.dates import Period, Unit
from nrm.pathway.i18n import _
from nrm.pathway.model import Source, Tag


@dataclass(frozen=True, slots=True)
class PathwayConfig:
    # `Period` is a frozen dataclass, so sharing one instance as a default is safe (RUF009).
    # Belgium (RULES.md §3)
    be_reflection: Period = Period(45, Unit.DAYS)  # noqa: RUF009
    be_provisional_document: Period = Period(3, Unit.MONTHS)  # noqa: RUF009
    be_provisional_extension: Period = Period(3, Unit.MONTHS)  # noqa: RUF009
    be_provisional_max_extensions: int = 1
    be_temporary_permit: Period = Period(6, Unit.MONTHS)  # noqa: RUF009
    be_humanitarian_wait: Period = Period(2, Unit.YEARS)  # noqa: RUF009
    be_humanitarian_route_enabled: bool = True
    be_status_review: Period = Period(30, Unit.DAYS)  # noqa: RUF009
    be_permanent_residence_decision: Period = Period(30, Unit.DAYS)  # noqa: RUF009
    # RULES.md §3.6 corrections.
    be_reflection_includes_last_day: bool = True
    be_reflection_right_to_work: bool = True
    # None: the opinion must fall within the current permit's validity; a period: at most
    # that old on the day of the renewal.
    be_renewal_opinion_window: Period | None = None
    # None: no limit after the end of a status that followed a dismissal.
    be_humanitarian_after_end_window: Period | None = None
    be_request_decision: Period = Period(30, Unit.DAYS)  # noqa: RUF009
    # Denmark (RULES.md §6)
    dk_reflection: Period = Period(30, Unit.DAYS)  # noqa: RUF009
    dk_reflection_max_days: int = 120
    # PRODUCT DEFAULT: § 9 c(5) fixes no validity; the permit lasts as long as the
    # investigation needs the person, so it is granted for a period and renewed.
    dk_investigation_permit: Period = Period(6, Unit.MONTHS)  # noqa: RUF009
    # Whether the immigration service may issue or renew it only on a police request on
    # record. Off in the contract's simulator (CONTRACTS.md §2 lists no request event); on
    # in a Danish installation (nrm/installations/dk.json).
    dk_permit_needs_police_request: bool = False
    # Reminders (both jurisdictions)
    permit_expiry_reminder_days: int = 30
    reflection_end_reminder_days: int = 7

    def period(self, name: str) -> Period:
        value = getattr(self, name)
        if not isinstance(value, Period):
            raise TypeError(f"setting {name!r} is not a period")
        return value

    def optional_period(self, name: str) -> Period | None:
        value = getattr(self, name)
        if value is not None and not isinstance(value, Period):
            raise TypeError(f"setting {name!r} is not a period")
        return value

    def days(self, name: str) -> int:
        value = getattr(self, name)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise TypeError(f"setting {name!r} is not a number of days")


DEFAULT_CONFIG = PathwayConfig()


@dataclass(frozen=True, slots=True)
class Setting:
    """Where a setting's default comes from. `product_default` marks a value that no
    legal source fixes (a product choice, to be shown as such)."""

    name: str
    description: str
    sources: tuple[Source, ...]
    product_default: bool


# Shown where the reflection period is (RULES.md §3.6, "Day 45").
REFLECTION_LAST_DAY_NOTE = _(
    "The reflection period includes its last day: it runs until the issue date plus 45 "
    "days, and a complaint made on that day still counts (by analogy with the Judicial "
    "Code, arts. 52 and 53: the day of the act is not counted, the last day is; "
    "unverified, configurable)."
)
REFLECTION_LAST_DAY_EXCLUDED_NOTE = _(
    "In this installation the reflection period ends the day before the issue date plus "
    "45 days: a complaint made on that day no longer counts (configurable)."
)

# Shown beside every derived due date (CONTRACTS.md §2; RULES.md §8 note 4).
DATE_CONVENTION_NOTE = _(
    "Due dates count calendar days from the start date, or calendar months clamped to the "
    "month's last day. These conventions are product defaults; the legal counting rules "
    "are unverified."
)

SETTINGS: dict[str, Setting] = {
    setting.name: setting
    for setting in (
        Setting(
            "be_reflection",
            _("Length of the Belgian reflection period (annex 15 document): 45 days."),
            (Source("MYRIA-STATUT", Tag.V), Source("WZP", Tag.V), Source("DROITSQ", Tag.V)),
            product_default=False,
        ),
        Setting(
            "be_provisional_document",
            _(
                "Validity of the provisional document (attestation d'immatriculation): "
                "at most 3 months."
            ),
            (Source("WORDSCOPE-613", Tag.V), Source("WORDSCOPE-AI", Tag.V)),
            product_default=False,
        ),
        Setting(
            "be_provisional_extension",
            _("Extension of the provisional document: 3 more months."),
            (Source("DROITSQ", Tag.S),),
            product_default=False,
        ),
        Setting(
            "be_provisional_max_extensions",
            _("How many times the provisional document may be extended: once."),
            (Source("DROITSQ", Tag.S),),
            product_default=False,
        ),
        Setting(
            "be_temporary_permit",
            _("Validity of the temporary permit (CIRE) and of each renewal: 6 months."),
            (Source("WZP", Tag.V), Source("PAGASA-STATUS", Tag.V)),
            product_default=False,
        ),
        Setting(
            "be_humanitarian_wait",
            _(
                "Waiting time since the complaint before humanitarian residence after a "
                "dismissal: 2 years (dated source; statutory basis unverified)."
            ),
            (Source("DORMAELS-2010", Tag.S),),
            product_default=False,
        ),
        Setting(
            "be_humanitarian_route_enabled",
            _(
                "Whether the humanitarian route after a dismissal is offered. Its statutory "
                "basis is unverified; RULES.md asks to build it, configurable."
            ),
            (Source("DORMAELS-2010", Tag.UNVERIFIED),),
            product_default=True,
        ),
        Setting(
            "be_status_review",
            _(
                "Time the immigration office has to review the status after a dismissal, a "
                "re-contact, a withdrawal or a public-order flag. No legal period exists."
            ),
            (),
            product_default=True,
        ),
        Setting(
            "be_permanent_residence_decision",
            _(
                "Time the immigration office has to decide on permanent residence after a "
                "trafficking charge request or a conviction. No legal period exists."
            ),
            (),
            product_default=True,
        ),
        Setting(
            "be_reflection_includes_last_day",
            _(
                "Whether the last day of the reflection period (issue date + 45 days) still "
                "counts for a complaint: yes, by analogy with the Judicial Code, arts. 52 "
                "and 53 (unverified)."
            ),
            (),
            product_default=True,
        ),
        Setting(
            "be_reflection_right_to_work",
            _(
                "Whether the person may work during the reflection period: yes, as the seed "
                "note reports; the 1994 circular excluded work (historical); the current rule "
                "is unverified."
            ),
            (Source("SEED-NOTE", Tag.UNVERIFIED), Source("LEGLINE-1994", Tag.V)),
            product_default=True,
        ),
        Setting(
            "be_renewal_opinion_window",
            _(
                "How recent the prosecutor's or labour auditor's positive opinion must be for "
                "a renewal: given within the current permit's validity."
            ),
            (Source("WZP", Tag.V), Source("PAGASA-STATUS", Tag.V)),
            product_default=False,
        ),
        Setting(
            "be_humanitarian_after_end_window",
            _(
                "How long after the end of a status that followed a dismissal humanitarian "
                "residence may still be granted: no limit."
            ),
            (),
            product_default=True,
        ),
        Setting(
            "be_request_decision",
            _(
                "Time the immigration office has to decide on a request filed by the centre. "
                "No legal period exists."
            ),
            (),
            product_default=True,
        ),
        Setting(
            "dk_reflection",
            _(
                "Length of the Danish reflection period (departure deadline, Aliens Act "
                "§ 33(14)): 30 days."
            ),
            (Source("CMM-REFL", Tag.V),),
            product_default=False,
        ),
        Setting(
            "dk_reflection_max_days",
            _("Longest total Danish reflection period after extensions: 120 days."),
            (Source("CMM-REFL", Tag.V), Source("FT-L129", Tag.V)),
            product_default=False,
        ),
        Setting(
            "dk_investigation_permit",
            _(
                "Validity of the Danish residence permit for the investigation (Aliens Act "
                "§ 9 c(5)) and of each renewal: 6 months. The Act sets no period; the permit "
                "cannot outlast the investigation or prosecution."
            ),
            (Source("FT-L129", Tag.UNVERIFIED),),
            product_default=True,
        ),
        Setting(
            "dk_permit_needs_police_request",
            _(
                "Whether the residence permit for the investigation is issued or renewed only "
                "on a police request on record."
            ),
            (Source("FT-L129", Tag.V),),
            product_default=True,
        ),
        Setting(
            "permit_expiry_reminder_days",
            _(
                "Reminder before a document or permit expires, so that the prosecutor can be "
                "consulted in time: 30 days."
            ),
            (),
            product_default=True,
        ),
        Setting(
            "reflection_end_reminder_days",
            _("Reminder before the reflection period ends: 7 days."),
            (),
            product_default=True,
        ),
    )
}

"""The ILO Indicators of Forced Labour, "ILO-11" (INDICATORS.md §1), and their
suggested mapping to HTCDS/CTDC methods of control.

Screening yields a suggestion with reasons; identification remains a decision of the
competent authority.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from types import MappingProxyType

from nrm.law.i18n import Message, _
from nrm.law.rules import Citation, Tag

# The 2012 SAP-FL booklet, seen in several copies (INDICATORS.md §1).
ILO_FORCED_LABOUR = Citation("ILO-FL", ("ILO-FL-2012",), Tag.V)
# INDICATORS.md: "a suggested mapping (ours; not from a source)" — a product choice.
HTCDS_MAPPING = Citation("MAP-ILO11-HTCDS", ("HTCDS",), Tag.UNVERIFIED)


class IndicatorError(ValueError):
    """An indicator id that the framework does not define."""

    def __init__(self, framework: str, unknown: Iterable[str]) -> None:
        self.unknown = tuple(sorted(unknown))
        super().__init__(f"unknown {framework} indicator id(s): {', '.join(self.unknown)}")


@dataclass(frozen=True, slots=True)
class ForcedLabourIndicator:
    id: str
    number: int
    name: str  # marked with _()
    htcds_methods: tuple[str, ...]
    htcds_note: str | None = None  # where the mapping is not a method of control


FORCED_LABOUR_INDICATORS: tuple[ForcedLabourIndicator, ...] = (
    ForcedLabourIndicator(
        "ILO-FL-01",
        1,
        _("Abuse of vulnerability"),
        (),
        "HTCDS Assessment & Planning; the deprecated vic_Vulnerabilities",
    ),
    ForcedLabourIndicator("ILO-FL-02", 2, _("Deception"), ("FalsePromises",)),
    ForcedLabourIndicator("ILO-FL-03", 3, _("Restriction of movement"), ("RestrictsMovement",)),
    # HTCDS RestrictsMovement's definition covers isolation.
    ForcedLabourIndicator("ILO-FL-04", 4, _("Isolation"), ("RestrictsMovement",)),
    ForcedLabourIndicator(
        "ILO-FL-05", 5, _("Physical and sexual violence"), ("PhysicalAbuse", "SexualAbuse")
    ),
    ForcedLabourIndicator(
        "ILO-FL-06",
        6,
        _("Intimidation and threats"),
        ("Threats", "ThreatOfLawEnforcement", "UsesChildren", "PsychologicalAbuse"),
    ),
    ForcedLabourIndicator(
        "ILO-FL-07", 7, _("Retention of identity documents"), ("WithholdsDocuments",)
    ),
    ForcedLabourIndicator(
        "ILO-FL-08", 8, _("Withholding of wages"), ("TakesEarnings", "RestrictsFinancialAccess")
    ),
    ForcedLabourIndicator("ILO-FL-09", 9, _("Debt bondage"), ("DebtBondage",)),
    ForcedLabourIndicator(
        "ILO-FL-10",
        10,
        _("Abusive working and living conditions"),
        ("WithholdsNecessities", "RestrictsMedicalCare"),
    ),
    ForcedLabourIndicator("ILO-FL-11", 11, _("Excessive overtime"), ("ExcessiveWorkingHours",)),
)

_BY_ID = MappingProxyType({i.id: i for i in FORCED_LABOUR_INDICATORS})


@dataclass(frozen=True, slots=True)
class ForcedLabourScreening:
    observed: tuple[str, ...]
    htcds_methods: tuple[str, ...]
    suggestion: Message
    citations: tuple[Citation, ...]

    @property
    def count(self) -> int:
        return len(self.observed)


def _known(observed_ids: Iterable[str]) -> tuple[ForcedLabourIndicator, ...]:
    ids = set(observed_ids)
    unknown = ids - _BY_ID.keys()
    if unknown:
        raise IndicatorError("ILO forced-labour", unknown)
    return tuple(i for i in FORCED_LABOUR_INDICATORS if i.id in ids)


def htcds_methods_of_control(observed_ids: Iterable[str]) -> tuple[str, ...]:
    """HTCDS/CTDC means of control suggested by the observed ILO-11 indicators."""
    methods: dict[str, None] = {}
    for indicator in _known(observed_ids):
        methods.update(dict.fromkeys(indicator.htcds_methods))
    return tuple(methods)


def forced_labour_screening(observed_ids: Iterable[str]) -> ForcedLabourScreening:
    """Summarise the observed ILO-11 indicators as a suggestion for the authority."""
    indicators = _known(observed_ids)
    if indicators:
        # The booklet's own caution: one indicator may suffice, or several may be needed.
        suggestion = Message(
            _(
                "%(count)s of the 11 ILO forced-labour indicators were observed "
                "(%(indicators)s). A single indicator may in some cases imply forced "
                "labour; in others several are needed together. This is a suggestion for "
                "the competent authority, not a finding."
            ),
            {"count": len(indicators), "indicators": ", ".join(i.id for i in indicators)},
        )
    else:
        suggestion = Message(_("No ILO forced-labour indicator was observed."))
    return ForcedLabourScreening(
        observed=tuple(i.id for i in indicators),
        htcds_methods=htcds_methods_of_control(i.id for i in indicators),
        suggestion=suggestion,
        citations=(ILO_FORCED_LABOUR, HTCDS_MAPPING) if indicators else (ILO_FORCED_LABOUR,),
    )

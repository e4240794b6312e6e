"""The HTCDS 2.0 person-case row (DATA.md sections 1 and 2): field names, picklists, and validation.

HTCDS models a Case (`cas_`) opened for a Person (`prs_`) with a Victim context (`vic_`).
Here one row is one person-case: a referral of the person to an organisation is a case
(its `cas_` Referral Details); a person never referred is one case at the organisation
that met them first, without referral fields. `vic_TypeOfExploitation` comes from the
person's criminal case files (or an inspection's referral); the perpetrator context
(`per_RoleInProcess`, `per_RoleDetails`) describes the suspects of those case files,
de-identified (docs/exchange.md).

Two headers: `DEIDENTIFIED` (the default, for the rapporteur and other installations'
statistics) and `IDENTIFIED`, which adds the identity fields when the caller's role and
purpose allow them (docs/exchange.md, "Who may export identities").
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from nrm.core.text import Message, _
from nrm.exchange.ctdc import ALPHA2, FileError, RowError

GENDERS = (
    "Feminine",
    "Masculine",
    "TransgenderFeminine",
    "TransgenderMasculine",
    "NonConforming",
    "NonSpecifiedUnknown",
)
TRAFFICKING_STATUS = (
    "PossibleVictimOfTrafficking",
    "ActualVictimOfTrafficking",
    "NotAVictimOfTrafficking",
)
DECISION_ORG = ("Police", "NGO", "CourtOrProsecution", "NonPoliceGovernmentalOrganization", "Other")
CASE_STATUS = ("Active", "FollowUp", "Closed", "ClosedReferred")
REFERRAL_REASON = ("AdditionalServicesRequired", "MigrationOrChangeOfLocation", "Other")
ROLE_IN_PROCESS = (
    "TravellingPartner",
    "Transporter",
    "RecruiterOrIntermediary",
    "BrokerTravelAgent",
    "TransferredIndividual",
    "HarbouredIndividual",
    "SoldIndividual",
    "BoughtIndividual",
    "ReceivedIndividual",
    "ControlledIndividual",
    "Smuggler",
    "Abuser",
    "Kidnapper",
    "Exploiter",
    "Other",
)
TYPE_OF_EXPLOITATION = (
    "ForcedLabour",
    "SexualExploitation",
    "ChildLabour",
    "ForcedMarriage",
    "Servitude",
    "ForcedMilitaryByNonStateActors",
    "OrganRemoval",
    "ForcedBegging",
    "ForcedAdoption",
    "Surrogacy",
    "Other",
)

# The header before vic_TypeOfExploitation and per_RoleDetails were filled (files written
# by earlier versions are still read).
_DEIDENTIFIED_V1: tuple[str, ...] = (
    "cas_Status",
    "prs_Gender",
    "prs_Citizenship",
    "prs_PrimaryLanguage",
    "prs_SecondaryLanguage",
    "vic_AgeWhenTrafficked",
    "vic_TraffickingStatus",
    "vic_TraffickingStatusDecisionMakingOrg",
    "per_RoleInProcess",
    "cas_ReferringOrganisation",
    "cas_IncomingReferralDate",
    "cas_ReasonForIncomingReferral",
    "cas_ReferredOrganisation",
    "cas_ReasonForOutgoingReferral",
    "cas_OutgoingReferralDate",
)
DEIDENTIFIED: tuple[str, ...] = (
    "cas_Status",
    "prs_Gender",
    "prs_Citizenship",
    "prs_PrimaryLanguage",
    "prs_SecondaryLanguage",
    "vic_AgeWhenTrafficked",
    "vic_TraffickingStatus",
    "vic_TraffickingStatusDecisionMakingOrg",
    "vic_TypeOfExploitation",
    "per_RoleInProcess",
    "per_RoleDetails",
    "cas_ReferringOrganisation",
    "cas_IncomingReferralDate",
    "cas_ReasonForIncomingReferral",
    "cas_ReferredOrganisation",
    "cas_ReasonForOutgoingReferral",
    "cas_OutgoingReferralDate",
)
IDENTITY: tuple[str, ...] = (
    "prs_FirstName",
    "prs_MiddleName",
    "prs_SecondName",
    "prs_Birthdate",
    "prs_IdentityNumber",
    "prs_Email",
    "prs_MobilePhone",
    "prs_MailingStreet",
    "cas_ReferringPrimaryCaseWorker",
    "cas_ReferredPrimaryCaseWorker",
    "cas_IncomingReferralDetails",
    "cas_OutgoingReferralDetails",
)
IDENTIFIED: tuple[str, ...] = DEIDENTIFIED + IDENTITY
_HEADERS = frozenset(
    {DEIDENTIFIED, IDENTIFIED, _DEIDENTIFIED_V1, _DEIDENTIFIED_V1 + IDENTITY}
)

_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_PHONE = re.compile(r"^\+?[1-9]\d{1,14}$")  # E.164, as the HTCDS sheet requires


def _picklist(values: Sequence[str]) -> frozenset[str]:
    return frozenset(values)


PICKLISTS: dict[str, frozenset[str]] = {
    "cas_Status": _picklist(CASE_STATUS),
    "prs_Gender": _picklist(GENDERS),
    "vic_TraffickingStatus": _picklist(TRAFFICKING_STATUS),
    "vic_TraffickingStatusDecisionMakingOrg": _picklist(DECISION_ORG),
    "cas_ReasonForIncomingReferral": _picklist(REFERRAL_REASON),
    "cas_ReasonForOutgoingReferral": _picklist(REFERRAL_REASON),
}
MULTI_PICKLISTS: dict[str, frozenset[str]] = {
    "prs_Citizenship": ALPHA2,
    "per_RoleInProcess": _picklist(ROLE_IN_PROCESS),
    "vic_TypeOfExploitation": _picklist(TYPE_OF_EXPLOITATION),
}
DATES = frozenset(
    {"cas_IncomingReferralDate", "cas_OutgoingReferralDate", "prs_Birthdate"}
)


def check_header(cells: Sequence[str]) -> tuple[str, ...]:
    names = tuple(cell.strip().lstrip("\ufeff") for cell in cells)
    if names not in _HEADERS:
        unknown = next((n for n in names if n not in IDENTIFIED), "")
        raise FileError(
            RowError(
                1,
                unknown,
                unknown,
                Message(_("The header is not the HTCDS 2.0 person-case header of Open NRM.")),
            )
        )
    return names


def _check_value(name: str, value: str) -> Message | None:
    if name in PICKLISTS:
        if value not in PICKLISTS[name]:
            return Message(_("Not a value of this HTCDS picklist."))
    elif name in MULTI_PICKLISTS:
        allowed = MULTI_PICKLISTS[name]
        if any(part not in allowed for part in value.split(";")):
            return Message(_("Not a value of this HTCDS picklist."))
    elif name in DATES:
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return Message(_("A date is written YYYY-MM-DD."))
    elif name in {"prs_PrimaryLanguage", "prs_SecondaryLanguage"}:
        if not _LANGUAGE.match(value):
            return Message(_("Not an ISO 639 language code."))
    elif name == "vic_AgeWhenTrafficked":
        if not value.isdigit() or int(value) > 120:
            return Message(_("An age is a whole number from 0 to 120."))
    elif name == "prs_MobilePhone" and not _PHONE.match(value):
        return Message(_("A phone number is written in the E.164 format."))
    return None


def check_row(
    line: int, names: Sequence[str], cells: Sequence[str], errors: list[RowError]
) -> tuple[dict[str, str], dict[str, str]] | None:
    """The row's de-identified values and identity values, or None after adding errors."""
    if len(cells) != len(names):
        errors.append(
            RowError(
                line,
                "",
                str(len(cells)),
                Message(
                    _("This line has %(found)s cells; the header has %(expected)s."),
                    {"found": len(cells), "expected": len(names)},
                ),
            )
        )
        return None
    values: dict[str, str] = {}
    identity: dict[str, str] = {}
    bad = False
    for name, value in zip(names, cells, strict=True):
        if value == "":
            continue
        problem = _check_value(name, value)
        if problem is not None:
            errors.append(RowError(line, name, value, problem))
            bad = True
        elif name in IDENTITY:
            identity[name] = value
        else:
            values[name] = value
    return None if bad else (values, identity)

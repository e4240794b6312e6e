"""Vocabularies of labour inspection: sectors, enterprise numbers, outcomes, evidence kinds.

Sectors are the sections of NACE Rev. 2, which are also the sections of ISIC Rev. 4 (the
two classifications share their top level), so one code serves Belgian registers and
international reporting alike. An optional NACE code (a division, group or the Belgian
five-digit subclass) is checked against the section it falls in.
"""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    """NACE Rev. 2 / ISIC Rev. 4 sections."""

    A = "A", _("Agriculture, forestry and fishing")
    B = "B", _("Mining and quarrying")
    C = "C", _("Manufacturing")
    D = "D", _("Electricity, gas, steam and air conditioning supply")
    E = "E", _("Water supply, sewerage, waste management and remediation")
    F = "F", _("Construction")
    G = "G", _("Wholesale and retail trade, repair of motor vehicles")
    H = "H", _("Transportation and storage")
    I = "I", _("Accommodation and food service activities")  # noqa: E741 — the NACE letter
    J = "J", _("Information and communication")
    K = "K", _("Financial and insurance activities")
    L = "L", _("Real estate activities")
    M = "M", _("Professional, scientific and technical activities")
    N = "N", _("Administrative and support service activities")
    O = "O", _("Public administration and defence, compulsory social security")  # noqa: E741
    P = "P", _("Education")
    Q = "Q", _("Human health and social work activities")
    R = "R", _("Arts, entertainment and recreation")
    S = "S", _("Other service activities")
    T = "T", _("Activities of households as employers")
    U = "U", _("Activities of extraterritorial organisations and bodies")


# NACE Rev. 2 divisions (the first two digits of a code) by section.
_DIVISIONS: dict[str, tuple[range, ...]] = {
    "A": (range(1, 4),),
    "B": (range(5, 10),),
    "C": (range(10, 34),),
    "D": (range(35, 36),),
    "E": (range(36, 40),),
    "F": (range(41, 44),),
    "G": (range(45, 48),),
    "H": (range(49, 54),),
    "I": (range(55, 57),),
    "J": (range(58, 64),),
    "K": (range(64, 67),),
    "L": (range(68, 69),),
    "M": (range(69, 76),),
    "N": (range(77, 83),),
    "O": (range(84, 85),),
    "P": (range(85, 86),),
    "Q": (range(86, 89),),
    "R": (range(90, 94),),
    "S": (range(94, 97),),
    "T": (range(97, 99),),
    "U": (range(99, 100),),
}
_NACE_CODE = re.compile(r"(\d{2})(?:\.(\d{1,3}))?")


def section_of_nace_code(code: str) -> str | None:
    """The section a NACE code ("41", "41.2", "41.201") belongs to; None if it is not one."""
    found = _NACE_CODE.fullmatch(code.strip())
    if found is None:
        return None
    division = int(found.group(1))
    for section, ranges in _DIVISIONS.items():
        if any(division in r for r in ranges):
            return section
    return None


def normalise_enterprise_number(value: str) -> str:
    """Digits only: "0203.201.340", "BE 0203 201 340" and "203201340" give "0203201340"."""
    digits = re.sub(r"[\s.\-]", "", value.strip().upper().removeprefix("BE"))
    if len(digits) == 9 and digits.isdigit():
        digits = "0" + digits  # numbers issued before 2005 had nine digits
    return digits


def enterprise_number_is_valid(digits: str) -> bool:
    """The Belgian enterprise number (KBO/BCE): ten digits, starting with 0 or 1, whose last
    two are 97 minus the first eight modulo 97."""
    if len(digits) != 10 or not digits.isdigit() or digits[0] not in "01":
        return False
    return 97 - int(digits[:8]) % 97 == int(digits[8:])


def format_enterprise_number(digits: str) -> str:
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}" if len(digits) == 10 else digits


class WorksiteKind(models.TextChoices):
    CONSTRUCTION_SITE = "CONSTRUCTION_SITE", _("Construction site")
    RESTAURANT = "RESTAURANT", _("Restaurant or café")
    SHOP = "SHOP", _("Shop")
    FARM = "FARM", _("Farm or horticulture")
    FACTORY = "FACTORY", _("Factory or workshop")
    WAREHOUSE = "WAREHOUSE", _("Warehouse or distribution centre")
    CAR_WASH = "CAR_WASH", _("Car wash or garage")
    CLEANING = "CLEANING", _("Cleaning site")
    PRIVATE_HOUSEHOLD = "PRIVATE_HOUSEHOLD", _("Private household")
    WORKERS_HOUSING = "WORKERS_HOUSING", _("Housing of workers")
    OTHER = "OTHER", _("Other")


class InspectionStatus(models.TextChoices):
    PLANNED = "PLANNED", _("Planned")
    CARRIED_OUT = "CARRIED_OUT", _("Carried out")
    REPORTED = "REPORTED", _("Reported")
    CANCELLED = "CANCELLED", _("Cancelled")


class InspectionOutcome(models.TextChoices):
    """What the report concludes. A product list, not a legal one (to check with the NSSO)."""

    NO_INFRINGEMENT = "NO_INFRINGEMENT", _("No infringement found")
    REGULARISATION = "REGULARISATION", _("Warning: regularisation required")
    PRO_JUSTITIA = "PRO_JUSTITIA", _("Official report (pro justitia) of social-law infringements")
    TRAFFICKING_INDICATORS = (
        "TRAFFICKING_INDICATORS",
        _("Indicators of trafficking: reported to the labour auditor"),
    )
    WORK_STOPPED = "WORK_STOPPED", _("Work stopped or premises sealed")


class ParticipantRole(models.TextChoices):
    LEAD = "LEAD", _("Lead")
    INSPECTION = "INSPECTION", _("Labour inspection")
    POLICE = "POLICE", _("Police")
    PROSECUTOR = "PROSECUTOR", _("Prosecutor or labour auditor")
    CENTRE_SOCIAL_WORKER = "CENTRE_SOCIAL_WORKER", _("Centre social workers (leaflets, support)")
    OTHER = "OTHER", _("Other")


class Framework(models.TextChoices):
    ILO_FORCED_LABOUR = "ILO_FL", _("ILO indicators of forced labour")
    ILO_EC_OPERATIONAL = "ILO_EC", _("ILO-EC operational indicators (adults, labour)")
    BE_HUMAN_DIGNITY = "BE_DIGNITY", _("Belgian human-dignity indicators (case law)")


class Consent(models.TextChoices):
    CONSENTED = "CONSENTED", _("Agrees to be referred")
    REFUSED = "REFUSED", _("Refuses to be referred")
    NOT_ASKED = "NOT_ASKED", _("Not asked yet")


class ReferralChannel(models.TextChoices):
    DIRECT = "DIRECT", _("Referred directly to the centre")
    HOTLINE = "HOTLINE", _("Handed over by phone to the centre's hotline")


class EvidenceKind(models.TextChoices):
    PHOTO_WORK = "PHOTO_WORK", _("Photo of working conditions")
    PHOTO_HOUSING = "PHOTO_HOUSING", _("Photo of housing conditions")
    PAY_SLIP = "PAY_SLIP", _("Pay slip")
    TIME_RECORD = "TIME_RECORD", _("Time record")
    CONTRACT = "CONTRACT", _("Contract")
    STATEMENT = "STATEMENT", _("Statement")
    OTHER = "OTHER", _("Other document")

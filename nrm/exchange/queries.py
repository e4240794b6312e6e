"""Every read of the exchange app: the HTCDS export, import batches, distinct-person counts.

Exports are reads of personal data, so each one writes an EXPORT row to the audit trail
naming who exported what, for which purpose, and (when identities are included) which
persons.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Purpose
from nrm.access.policy import Ability, decide, visible_person_ids
from nrm.core.errors import NotFound, PermissionDenied
from nrm.exchange import htcds
from nrm.exchange.models import HtcdsRecord, ImportBatch
from nrm.people.models import Person
from nrm.protection.models import PathwayRecord
from nrm.referrals.models import Referral, ReferralStatus

# HTCDS vic_TraffickingStatus and the kind of body that decided it, from the pathway state
# (RULES.md §3): a centre's acceptance makes a possible victim; the prosecutor's positive
# opinion (temporary stay onwards) an actual one. Ended pathways say nothing either way.
_STATUS_BY_STATE: dict[str, tuple[str, str]] = {
    "DETECTED": ("PossibleVictimOfTrafficking", "Other"),
    "REFERRED": ("PossibleVictimOfTrafficking", "NGO"),
    "REFLECTION": ("PossibleVictimOfTrafficking", "NGO"),
    "PROVISIONAL_STAY": ("PossibleVictimOfTrafficking", "NGO"),
    "TEMPORARY_STAY": ("ActualVictimOfTrafficking", "CourtOrProsecution"),
    "PERMANENT_STAY": ("ActualVictimOfTrafficking", "CourtOrProsecution"),
    "HUMANITARIAN_RESIDENCE": ("ActualVictimOfTrafficking", "CourtOrProsecution"),
    # Denmark: the identification body's decision identifies the victim.
    "IDENTIFICATION": ("ActualVictimOfTrafficking", "NonPoliceGovernmentalOrganization"),
    "RESTITUTION": ("ActualVictimOfTrafficking", "NonPoliceGovernmentalOrganization"),
    "INVESTIGATION_PERMIT": ("ActualVictimOfTrafficking", "NonPoliceGovernmentalOrganization"),
    "PREPARED_RETURN": ("ActualVictimOfTrafficking", "NonPoliceGovernmentalOrganization"),
}
_CASE_STATUS = {
    ReferralStatus.PENDING: "Active",
    ReferralStatus.ACCEPTED: "Active",
    ReferralStatus.DECLINED: "Closed",
    ReferralStatus.WITHDRAWN: "Closed",
}


@dataclass(frozen=True)
class Export:
    header: tuple[str, ...]
    rows: list[dict[str, str]]

    def csv_text(self) -> str:
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.header)
        for row in self.rows:
            writer.writerow([row.get(name, "") for name in self.header])
        return out.getvalue()


def export_scope(actor: Actor | None, *, identities: bool) -> tuple[QuerySet[Person], str]:
    """Which persons the caller may export, and for which purpose (docs/exchange.md).

    * De-identified, the whole mechanism: the rapporteur (statistics), the coordinator
      (mechanism overview), or the operator's shell (no named user; audited as such).
    * With identities: only a centre director (the role that decides to share care data),
      only the persons their centre follows for care, for the purpose of care (handing a
      case to another system or installation). Nobody else, whatever the flag says.
    """
    if identities:
        if actor is None or not decide(actor, Ability.CARE_DISCLOSE).allowed:
            raise PermissionDenied(
                _(
                    "Only a centre director may export identities, for the persons the "
                    "centre follows."
                )
            )
        return Person.objects.filter(pk__in=visible_person_ids(actor)), Purpose.CARE
    if actor is not None and not (
        decide(actor, Ability.STATISTICS_VIEW).allowed
        or decide(actor, Ability.MECHANISM_OVERVIEW).allowed
    ):
        raise NotFound(_("No such page."))
    return Person.objects.all(), Purpose.STATISTICS


def _phone(value: str) -> str:
    compact = "".join(ch for ch in value if ch.isdigit() or ch == "+")
    return compact if htcds._PHONE.match(compact) else ""


def _person_values(person: Person, pathway_state: str, identities: bool) -> dict[str, str]:
    status, decided_by = _STATUS_BY_STATE.get(pathway_state, ("", ""))
    languages = list(person.languages or [])
    values = {
        "prs_Gender": person.gender,
        "prs_Citizenship": ";".join(person.nationalities or []),
        "prs_PrimaryLanguage": languages[0] if languages else "",
        "prs_SecondaryLanguage": languages[1] if len(languages) > 1 else "",
        # The nearest the platform records: the age when the mechanism first met the person.
        "vic_AgeWhenTrafficked": (
            "" if person.age_at_first_contact is None else str(person.age_at_first_contact)
        ),
        "vic_TraffickingStatus": status,
        "vic_TraffickingStatusDecisionMakingOrg": decided_by,
    }
    if identities:
        documents = person.documents or []
        values.update(
            {
                "prs_FirstName": person.given_names,
                "prs_SecondName": person.family_name,
                "prs_Birthdate": person.birth_date.isoformat() if person.birth_date else "",
                "prs_IdentityNumber": documents[0].get("number", "") if documents else "",
                "prs_Email": person.email,
                "prs_MobilePhone": _phone(person.phone),
                "prs_MailingStreet": " ".join(person.address.split()),
            }
        )
    return values


def _case_values(referral: Referral, identities: bool) -> dict[str, str]:
    values = {
        "cas_Status": _CASE_STATUS.get(ReferralStatus(referral.status), "Active"),
        "cas_ReferringOrganisation": referral.referring_organisation.name,
        "cas_IncomingReferralDate": referral.referred_on.isoformat(),
        "cas_ReasonForIncomingReferral": referral.reason,
        "cas_ReferredOrganisation": referral.referred_organisation.name,
        "cas_ReasonForOutgoingReferral": referral.reason,
        "cas_OutgoingReferralDate": referral.referred_on.isoformat(),
    }
    if identities:
        referred = referral.referred_caseworker
        values.update(
            {
                "cas_ReferringPrimaryCaseWorker": referral.referring_caseworker.display_name,
                "cas_ReferredPrimaryCaseWorker": referred.display_name if referred else "",
                "cas_IncomingReferralDetails": " ".join(referral.details.split()),
                "cas_OutgoingReferralDetails": " ".join(referral.details.split()),
            }
        )
    return values


def _operational_rows(
    persons: QuerySet[Person], year: int | None, identities: bool
) -> Iterator[tuple[str, dict[str, str]]]:
    """(reference, row) per person-case, in a stable order."""
    fields = ["id", "reference", "gender", "nationalities", "languages", "age_at_first_contact"]
    fields.append("first_contact_on")
    if not identities:
        persons = persons.only(*fields)
    person_list = list(persons.order_by("first_contact_on", "reference"))
    ids = [p.pk for p in person_list]
    states = dict(
        PathwayRecord.objects.filter(person_id__in=ids).values_list("person_id", "state")
    )
    referrals: dict[int, list[Referral]] = defaultdict(list)
    for referral in (
        Referral.objects.filter(person_id__in=ids)
        .select_related(
            "referring_organisation",
            "referred_organisation",
            "referring_caseworker",
            "referred_caseworker",
        )
        .order_by("referred_on", "reference")
    ):
        referrals[referral.person_id].append(referral)
    for person in person_list:
        base = _person_values(person, states.get(person.pk, ""), identities)
        cases = referrals.get(person.pk, [])
        if not cases:
            if year is None or person.first_contact_on.year == year:
                yield person.reference, {**base, "cas_Status": "Active"}
            continue
        for referral in cases:
            if year is None or referral.referred_on.year == year:
                yield person.reference, {**base, **_case_values(referral, identities)}


def _imported_rows(year: int | None, identities: bool) -> Iterator[dict[str, str]]:
    """HTCDS rows received from other installations, in the order they came.

    Received identities are no centre's persons: an identified export never re-exports them.
    """
    if identities:
        return
    records = HtcdsRecord.objects.order_by("batch_id", "line")
    for record in records.iterator(chunk_size=2000):
        values = dict(record.values)
        date = values.get("cas_IncomingReferralDate", "")
        if year is not None and not date.startswith(f"{year:04d}-"):
            continue
        yield values


def htcds_export(
    actor: Actor | None, *, actor_label: str = "", year: int | None = None, identities: bool = False
) -> Export:
    """The HTCDS 2.0 person-case table for the caller, audited as one EXPORT row."""
    persons, purpose = export_scope(actor, identities=identities)
    header = htcds.IDENTIFIED if identities else htcds.DEIDENTIFIED
    references: list[str] = []
    rows: list[dict[str, str]] = []
    for reference, row in _operational_rows(persons, year, identities):
        references.append(reference)
        rows.append(row)
    rows.extend(_imported_rows(year, identities))
    changes: dict[str, object] = {
        "format": "htcds-2.0",
        "year": year,
        "identities": identities,
        "rows": len(rows),
    }
    if identities:
        changes["references"] = sorted(set(references))
    audit_record(
        actor=actor,
        actor_label=actor_label,
        event_type=AuditEventType.EXPORT,
        action="htcds_export",
        record_type=Person._meta.label_lower,
        record_id="*",
        purpose=purpose,
        changes=changes,
    )
    return Export(header=header, rows=rows)


def import_batches_for(actor: Actor) -> QuerySet[ImportBatch]:
    """The import batches, for the roles that read statistics."""
    if not (
        decide(actor, Ability.STATISTICS_VIEW).allowed
        or decide(actor, Ability.MECHANISM_OVERVIEW).allowed
    ):
        raise NotFound(_("No such page."))
    return ImportBatch.objects.all()

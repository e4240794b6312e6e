"""Every read of the exchange app: the HTCDS export, import batches, distinct-person counts.

Exports are reads of personal data, so each one writes an EXPORT row to the audit trail
naming who exported what, for which purpose, and (when identities are included) which
persons.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Involvement, Purpose
from nrm.access.policy import Ability, decide, visible_person_ids
from nrm.consent.models import ConsentPurpose
from nrm.consent.queries import persons_refusing
from nrm.core.errors import NotFound, PermissionDenied
from nrm.core.text import Message
from nrm.exchange import ctdc, htcds, linkage, mse
from nrm.exchange.keys import identity_of, linkage_encoder, stale_persons
from nrm.exchange.models import HtcdsRecord, ImportBatch, LinkageKey
from nrm.organisations.models import OrganisationType
from nrm.people.actions import PersonData
from nrm.people.models import Person
from nrm.people.queries import persons_list_audited, persons_visible_to
from nrm.prosecution.models import CaseCompany, CaseSuspect, CaseVictim
from nrm.prosecution.vocab import CompanyRole, ExploitationForm
from nrm.protection.models import PathwayRecord
from nrm.referrals.models import HotlineEntry, Referral, ReferralSource, ReferralStatus

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
# vic_TypeOfExploitation from a case file's form of exploitation (forced criminality has no
# HTCDS value of its own).
_EXPLOITATION: dict[str, str] = {
    ExploitationForm.LABOUR: "ForcedLabour",
    ExploitationForm.SEXUAL: "SexualExploitation",
    ExploitationForm.BEGGING: "ForcedBegging",
    ExploitationForm.FORCED_CRIMINALITY: "Other",
    ExploitationForm.ORGAN_REMOVAL: "OrganRemoval",
    ExploitationForm.OTHER: "Other",
}
# per_RoleInProcess: only what the case file records. A company suspect that employed the
# victims exploited them; a natural person's part in the process is not recorded.
_COMPANY_ROLE: dict[str, str] = {CompanyRole.EMPLOYER: "Exploiter"}
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


def _age_band(age: int | None) -> str:
    """CTDC's age bands (DATA.md): a suspect's age is never exported more precisely."""
    if age is None:
        return ""
    for band in ctdc.AGE_BANDS:
        low, _sep, high = band.partition("--")
        if band.endswith("+") or int(low) <= age <= int(high):
            return band
    return ""


def _age_on(birth: datetime.date | None, day: datetime.date) -> int | None:
    if birth is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


@dataclass(frozen=True)
class _Context:
    """The case-file context of one person: forms of exploitation and suspects, de-identified."""

    exploitation: tuple[str, ...]
    roles: tuple[str, ...]
    details: str


def _case_contexts(ids: list[int]) -> dict[int, _Context]:
    """Three queries whatever the number of persons: the case files naming them as victims,
    those files' suspects (with the suspect person's sex, nationalities and age), and the
    companies' part in the facts. No suspect's name, reference or birth date leaves here."""
    forms: dict[int, set[str]] = defaultdict(set)
    cases_of: dict[int, list[int]] = defaultdict(list)
    opened: dict[int, datetime.date] = {}
    for person_id, case_id, form, opened_on in CaseVictim.objects.filter(
        person_id__in=ids
    ).order_by("case__opened_on", "case_id").values_list(
        "person_id", "case_id", "case__exploitation_form", "case__opened_on"
    ):
        forms[person_id].add(_EXPLOITATION.get(form, "Other"))
        cases_of[person_id].append(case_id)
        opened[case_id] = opened_on
    company_roles: dict[tuple[int, int | None], str] = {
        (case_id, company_id): role
        for case_id, company_id, role in CaseCompany.objects.filter(
            case_id__in=opened
        ).values_list("case_id", "company_id", "role")
    }
    suspects: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for suspect in (
        CaseSuspect.objects.filter(case_id__in=opened)
        .select_related("person")
        .only(
            "case_id",
            "company_id",
            "person__gender",
            "person__nationalities",
            "person__birth_date",
            "person__age_at_first_contact",
        )
        .order_by("case_id", "pk")
    ):
        person = suspect.person
        if person is None:
            role = company_roles.get((suspect.case_id, suspect.company_id), "")
            parts = ["company", role.lower()]
            suspects[suspect.case_id].append((_COMPANY_ROLE.get(role, ""), _join(parts)))
            continue
        age = _age_on(person.birth_date, opened[suspect.case_id])
        if age is None:
            age = person.age_at_first_contact
        parts = ["person", person.gender, "/".join(person.nationalities or []), _age_band(age)]
        suspects[suspect.case_id].append(("", _join(parts)))
    contexts: dict[int, _Context] = {}
    for person_id, case_ids in cases_of.items():
        found = [entry for case_id in case_ids for entry in suspects.get(case_id, [])]
        contexts[person_id] = _Context(
            exploitation=tuple(sorted(forms[person_id])),
            roles=tuple(sorted({role for role, _details in found if role})),
            details=" | ".join(details for _role, details in found),
        )
    return contexts


def _join(parts: list[str]) -> str:
    return ", ".join(part for part in parts if part)


def _context_values(context: _Context | None, source: str) -> dict[str, str]:
    if context is None:
        # No case file: an inspection's referral is about labour exploitation (as in the
        # statistics' "form of exploitation", nrm/statistics/figures.py).
        labour = source == ReferralSource.INSPECTION
        return {"vic_TypeOfExploitation": "ForcedLabour"} if labour else {}
    return {
        "vic_TypeOfExploitation": ";".join(context.exploitation),
        "per_RoleInProcess": ";".join(context.roles),
        "per_RoleDetails": context.details,
    }


def _operational_rows(
    persons: QuerySet[Person], year: int | None, identities: bool
) -> Iterator[tuple[str, dict[str, str]]]:
    """(reference, row) per person-case, in a stable order.

    HTCDS rows describe victims: a person recorded only as a suspect (a suspect marker,
    never referred nor named as a victim in a case file) is left out and appears only in
    the perpetrator context of the victims' rows (issue 9 §4: victims apart from suspects).
    """
    only_suspects = Q(suspect_markers__isnull=False) & ~Q(
        pk__in=Referral.objects.values("person_id")
    ) & ~Q(pk__in=CaseVictim.objects.values("person_id"))
    persons = persons.exclude(only_suspects)
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
    contexts = _case_contexts(ids)
    for person in person_list:
        base = _person_values(person, states.get(person.pk, ""), identities)
        context = contexts.get(person.pk)
        cases = referrals.get(person.pk, [])
        if not cases:
            if year is None or person.first_contact_on.year == year:
                alone = _context_values(context, "")
                yield person.reference, {**base, **alone, "cas_Status": "Active"}
            continue
        for referral in cases:
            if year is None or referral.referred_on.year == year:
                known = _context_values(context, referral.source)
                yield person.reference, {**base, **known, **_case_values(referral, identities)}


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
    # Issue 18: a person who refused or withdrew their consent to person-level exports is
    # left out of every HTCDS export from then on (de-identified rows included: HTCDS rows
    # are per person). Earlier exports stay recorded in the audit trail as made.
    refusing = persons_refusing(ConsentPurpose.PERSON_LEVEL_EXPORT).values("pk")
    excluded = persons.filter(pk__in=refusing).count()
    persons = persons.exclude(pk__in=refusing)
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
        "left_out_without_consent": excluded,
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


# --- distinct persons across sources (privacy-preserving linkage) ------------------------

# The platform's own lists for multiple systems estimation: the kinds of organisation that
# meet victims first, each an independent way of "catching" a person.
LIST_TYPES: dict[str, frozenset[str]] = {
    "POLICE": frozenset({OrganisationType.POLICE_UNIT}),
    "INSPECTION": frozenset({OrganisationType.LABOUR_INSPECTION_TEAM}),
    "CENTRES": frozenset(
        {
            OrganisationType.CENTRE_ADULTS,
            OrganisationType.CENTRE_MINORS,
            OrganisationType.IDENTIFICATION_BODY,
            OrganisationType.NGO,
        }
    ),
    "IMMIGRATION": frozenset({OrganisationType.IMMIGRATION_OFFICE}),
    "HOTLINE": frozenset(),  # from hotline entries and hotline referrals, not an organisation
}


def list_labels() -> dict[str, str]:
    return {
        "POLICE": _("Police"),
        "INSPECTION": _("Labour inspection"),
        "CENTRES": _("Specialised centres"),
        "IMMIGRATION": _("Immigration office"),
        "HOTLINE": _("Hotline"),
    }


def person_groups() -> dict[int, int]:
    """Each person record's group: records the linkage takes for one human share a group.

    The group is the smallest person id in it. Records without a current linkage key are
    their own group (run `nrm linkage rebuild`). No identity is read: only the keys.
    For the rapporteur's statistics (issue 12): `len(set(person_groups().values()))` is
    the number of distinct persons; `distinct_person_count(ids)` counts a subset.
    """
    key_id = linkage_encoder().key_id
    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    groups = {pk: pk for pk in ids}
    keys = list(
        LinkageKey.objects.filter(key_id=key_id, person_version=F("person__version"))
        .order_by("person_id")
        .values_list("person_id", "clk", "block_keys")
    )
    if not keys:
        return groups
    members = [row[0] for row in keys]
    roots = linkage.clusters([bytes(row[1]) for row in keys], [row[2] for row in keys])
    for person_id, root in zip(members, roots, strict=True):
        groups[person_id] = members[root]
    return groups


def distinct_person_count(person_ids: Iterable[int] | None = None) -> int:
    """Distinct humans among these person records (all records when None), by the linkage."""
    groups = person_groups()
    chosen = groups.keys() if person_ids is None else (i for i in person_ids if i in groups)
    return len({groups[i] for i in chosen})


def person_lists() -> dict[int, set[str]]:
    """For each person record, the platform lists (LIST_TYPES) it appears on."""
    by_type = {t: name for name, types in LIST_TYPES.items() for t in types}
    lists: dict[int, set[str]] = defaultdict(set)
    for person_id, kind in Involvement.objects.values_list("person_id", "organisation__type"):
        if kind in by_type:
            lists[person_id].add(by_type[kind])
    hotline = set(
        HotlineEntry.objects.filter(person__isnull=False).values_list("person_id", flat=True)
    ) | set(
        Referral.objects.filter(source=ReferralSource.HOTLINE).values_list("person_id", flat=True)
    )
    for person_id in hotline:
        lists[person_id].add("HOTLINE")
    return lists


@dataclass(frozen=True)
class DistinctPersons:
    records: int  # person records in the platform
    stale: int  # records without a current linkage key (each counted as its own person)
    distinct: int  # distinct persons after linkage
    by_list: list[tuple[str, str, int, int]]  # (code, label, records, distinct persons)
    # For multiple systems estimation: (on each list? in LIST_TYPES order, distinct persons)
    combinations: list[tuple[tuple[bool, ...], int]]


def distinct_persons_across_sources(actor: Actor) -> DistinctPersons:
    """Counts only, never names: for the rapporteur and the coordinator."""
    if not (
        decide(actor, Ability.STATISTICS_VIEW).allowed
        or decide(actor, Ability.MECHANISM_OVERVIEW).allowed
    ):
        raise NotFound(_("No such page."))
    groups = person_groups()
    on_lists = person_lists()
    group_lists: dict[int, set[str]] = defaultdict(set)
    for person_id, group in groups.items():
        group_lists[group] |= on_lists.get(person_id, set())
    labels = list_labels()
    by_list = []
    for code in LIST_TYPES:
        records = sum(1 for lists in on_lists.values() if code in lists)
        distinct = sum(1 for lists in group_lists.values() if code in lists)
        by_list.append((code, labels[code], records, distinct))
    combos: dict[tuple[bool, ...], int] = defaultdict(int)
    for lists in group_lists.values():
        if lists:
            combos[tuple(code in lists for code in LIST_TYPES)] += 1
    return DistinctPersons(
        records=len(groups),
        stale=stale_persons(linkage_encoder().key_id).count(),
        distinct=len(set(groups.values())),
        by_list=by_list,
        combinations=sorted(combos.items(), reverse=True),
    )


# --- possible duplicates within the actor's own organisation ------------------------------


@dataclass(frozen=True)
class PossibleDuplicate:
    person: Person
    similarity: float


def possible_duplicates(
    actor: Actor, data: PersonData, *, exclude_person_id: int | None = None, limit: int = 5
) -> list[PossibleDuplicate]:
    """Persons the actor's organisation already follows who may be the one being recorded.

    Only within what the actor may see (their organisation's involvements): the linkage
    never suggests another organisation's person. Compared by linkage key, so names are
    compared with their typos, transliterations and swapped parts. For the people form.
    """
    encoder = linkage_encoder()
    candidate = linkage.Identity(
        names=(data.given_names, data.family_name),
        birth_date=data.birth_date,
        sex=linkage.sex_of(data.gender),
        nationalities=tuple(data.nationalities),
    )
    if not linkage.name_parts(*candidate.names):
        return []  # nothing to compare on: a nameless record matches nobody in particular
    clk = encoder.clk(candidate)
    visible = persons_visible_to(actor).select_related("linkage_key")
    if exclude_person_id is not None:
        visible = visible.exclude(pk=exclude_person_id)
    found: list[PossibleDuplicate] = []
    for person in visible.iterator(chunk_size=500):
        key = getattr(person, "linkage_key", None)
        fresh = key is not None and key.key_id == encoder.key_id
        if fresh and key is not None and key.person_version == person.version:
            other = bytes(key.clk)
        else:
            other = encoder.clk(identity_of(person))
        score = linkage.similarity(clk, other)
        if score >= linkage.THRESHOLD:
            found.append(PossibleDuplicate(person, round(score, 3)))
    found.sort(key=lambda d: (-d.similarity, d.person.reference))
    found = found[:limit]
    persons_list_audited(
        actor, [d.person for d in found], action="person_duplicate_suggestions"
    )
    return found


# --- multiple systems estimation on the platform's own lists ----------------------------


@dataclass(frozen=True)
class PlatformEstimate:
    distinct: DistinctPersons
    lists: list[str]  # the lists used (labels)
    left_out: list[str]  # lists without any person, left out (labels)
    cells: list[tuple[tuple[int, ...], int]]  # persons by combination of the lists used
    estimate: mse.Estimate | None
    problem: str  # why no estimate, translated; "" when there is one


def platform_mse(actor: Actor) -> PlatformEstimate:
    """MSE over the platform's de-duplicated lists (police, inspection, centres, immigration,
    hotline): each distinct person counted once, on every list that met them."""
    distinct = distinct_persons_across_sources(actor)
    labels = list_labels()
    codes = list(LIST_TYPES)
    used = [i for i, code in enumerate(codes) if any(p[i] for p, _n in distinct.combinations)]
    left_out = [labels[codes[i]] for i in range(len(codes)) if i not in used]
    cells: dict[tuple[int, ...], int] = defaultdict(int)
    for pattern, count in distinct.combinations:
        key = tuple(int(pattern[i]) for i in used)
        if any(key):
            cells[key] += count
    names = [labels[codes[i]] for i in used]
    try:
        if len(used) < mse.MIN_LISTS:
            raise mse.MseError(
                Message(
                    gettext_noop(
                        "At least two lists with persons are needed; the platform has %(found)s."
                    ),
                    {"found": len(used)},
                )
            )
        result: mse.Estimate | None = mse.estimate(mse.Table(tuple(names), dict(cells)))
        problem = ""
    except mse.MseError as exc:
        result, problem = None, exc.message.render(_)
    rows = sorted(cells.items(), reverse=True)
    return PlatformEstimate(distinct, names, left_out, rows, result, problem)

"""Every read of the retention app: flags and holds for the data protection officer, the
subject-access export (GDPR art. 15) and the register of processing activities (art. 30)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import FileField, ForeignKey, Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEvent, AuditEventType, Involvement, Purpose
from nrm.core.errors import NotFound, PermissionDenied
from nrm.people.models import Person
from nrm.retention.config import active_rules
from nrm.retention.models import FlagStatus, LegalHold, RetentionFlag
from nrm.retention.permissions import (
    answers_for_organisation,
    involved_person,
    is_data_protection_officer,
)
from nrm.retention.policy import PURPOSES, Rule
from nrm.retention.sources import PERSON_FIELDS, RECORD_TYPES

# Flags and holds --------------------------------------------------------------------------


def flags_visible_to(actor: Actor, *, status: str | None = None) -> QuerySet[RetentionFlag]:
    """The data protection officer sees every flag; an answering organisation its own and
    those of persons it holds (so that it can place a hold in time); others none."""
    qs = RetentionFlag.objects.select_related("person", "organisation").order_by(
        "grace_ends_on", "pk"
    )
    if status:
        qs = qs.filter(status=status)
    if is_data_protection_officer(actor):
        return qs
    if answers_for_organisation(actor) and actor.organisation_id is not None:
        return qs.filter(organisation_id=actor.organisation_id)
    return qs.none()


def flags_list(actor: Actor, *, status: str | None = None, limit: int = 500) -> list[RetentionFlag]:
    if not (is_data_protection_officer(actor) or answers_for_organisation(actor)):
        raise PermissionDenied(_("Your role does not see retention flags."))
    flags = list(flags_visible_to(actor, status=status)[:limit])
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action="retention_flags_list",
        record_type=RetentionFlag._meta.label_lower,
        record_id="*",
        purpose=Purpose.ADMINISTRATION,
        changes={"status": status or "", "count": len(flags)},
    )
    return flags


def holds_visible_to(actor: Actor) -> QuerySet[LegalHold]:
    qs = LegalHold.objects.select_related("person", "organisation").order_by("-placed_at", "pk")
    if is_data_protection_officer(actor):
        return qs
    if answers_for_organisation(actor) and actor.organisation_id is not None:
        return qs.filter(organisation_id=actor.organisation_id)
    return qs.none()


def holds_list(actor: Actor) -> list[LegalHold]:
    if not (is_data_protection_officer(actor) or answers_for_organisation(actor)):
        raise PermissionDenied(_("Your role does not see legal holds."))
    holds = list(holds_visible_to(actor)[:500])
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action="legal_holds_list",
        record_type=LegalHold._meta.label_lower,
        record_id="*",
        purpose=Purpose.ADMINISTRATION,
        changes={"count": len(holds)},
    )
    return holds


# Subject-access export --------------------------------------------------------------------


@dataclass(frozen=True)
class ExportSource:
    """Records about a person that an organisation holds: where the person and the
    holding organisation are (several paths: a referral is held by both ends)."""

    key: str
    person: str
    holders: tuple[str, ...]


EXPORT_SOURCES: tuple[ExportSource, ...] = (
    *(
        ExportSource(kind.key, kind.person, (kind.holder,))
        for kind in RECORD_TYPES
        if kind.person and kind.holder and kind.key != "referrals.referral"
    ),
    ExportSource(
        "referrals.referral", "person_id", ("referred_organisation_id", "referring_organisation_id")
    ),
    ExportSource("protection.documentrequest", "record__person_id", ("centre_id", "office_id")),
    ExportSource("protection.guardian", "record__person_id", ("status_event__organisation_id",)),
    ExportSource("care.caredisclosure", "person_id", ("organisation_id", "recipient_id")),
    ExportSource("people.suspectmarker", "person_id", ("organisation_id",)),
    ExportSource("prosecution.casevictim", "person_id", ("case__office_id",)),
    ExportSource("prosecution.casesuspect", "person_id", ("case__office_id",)),
    ExportSource("retention.legalhold", "person_id", ("organisation_id",)),
)
# Never exported: secrets of the platform, not data about the person.
SECRET_FIELDS = frozenset({"file_key", "password", "token_hash"})


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return None
    return value


def _row(record: Model) -> dict[str, Any]:
    """A record's own fields, as the person may read them: staff are not named (their
    identities are not the person's data), files by their existence only."""
    row: dict[str, Any] = {}
    for model_field in record._meta.concrete_fields:
        name = model_field.name
        if name in SECRET_FIELDS:
            continue
        if isinstance(model_field, ForeignKey):
            related = model_field.related_model
            if not isinstance(related, str) and related._meta.label == settings.AUTH_USER_MODEL:
                continue
            row[name] = getattr(record, model_field.attname)
        elif isinstance(model_field, FileField):
            row[name] = bool(getattr(record, name))
        else:
            row[name] = _plain(getattr(record, name))
    return row


def _app_model(key: str) -> type[Model]:
    app_label, model_name = key.split(".")
    return apps.get_model(app_label, model_name)


def _organisation_records(person: Person, organisation_id: int) -> dict[str, list[dict[str, Any]]]:
    sections: dict[str, list[dict[str, Any]]] = {}
    for source in EXPORT_SOURCES:
        held_by = Q()
        for holder in source.holders:
            held_by |= Q(**{holder: organisation_id})
        records = (
            _app_model(source.key)
            ._default_manager.filter(**{source.person: person.pk})
            .filter(held_by)
            .order_by("pk")
        )
        rows = [_row(record) for record in records]
        if rows:
            sections[source.key] = rows
    return sections


def subject_access_export(
    *, actor: Actor, person_reference: str, now: dt.datetime | None = None
) -> dict[str, Any]:
    """Everything the actor's organisation holds on a person (GDPR art. 15), as JSON data.

    Only an answering role of an organisation that is or was involved with the person;
    the export is audited as an EXPORT of the person with the sections' sizes.
    """
    if not answers_for_organisation(actor) or actor.organisation is None:
        if is_data_protection_officer(actor):
            raise PermissionDenied(
                _(
                    "Each organisation answers for its own records: the request goes to the "
                    "organisations that hold them."
                )
            )
        raise PermissionDenied(_("Your role does not answer subject-access requests."))
    person = involved_person(actor, person_reference)
    if person is None:
        raise NotFound(_("No such person."))
    organisation = actor.organisation
    purposes = {purpose.code: purpose for purpose in PURPOSES}
    involvements = Involvement.objects.filter(
        person=person, organisation_id=organisation.pk
    ).order_by("since", "pk")
    records = _organisation_records(person, organisation.pk)
    # Art. 15(1)(c): who used the data. The organisation's own audit rows about the person
    # and about each record exported, by event and date (staff are not named).
    about = Q(record_type=Person._meta.label_lower, record_id=str(person.pk))
    for key, rows in records.items():
        about |= Q(record_type=key, record_id__in=[str(row["id"]) for row in rows])
    access_log = AuditEvent.objects.filter(about, organisation_id=organisation.pk).order_by("id")
    rules, periods = active_rules()
    exported_at = now or timezone.now()
    data: dict[str, Any] = {
        "format": "open-nrm-subject-access/1",
        "exported_at": exported_at.isoformat(),
        "organisation": {"id": organisation.pk, "name": organisation.name},
        "scope": _(
            "What this organisation holds on the person. Other organisations of the "
            "mechanism answer for their own records."
        ),
        "person": {
            "reference": person.reference,
            **{name: _plain(getattr(person, name)) for name in PERSON_FIELDS},
            "nationalities": person.nationalities,
            "languages": person.languages,
            "gender": person.gender,
            "age_at_first_contact": person.age_at_first_contact,
            "first_contact_on": _plain(person.first_contact_on),
        },
        "involvements": [
            {
                "purpose": involvement.purpose,
                "purpose_label": str(purposes[involvement.purpose].label)
                if involvement.purpose in purposes
                else involvement.purpose,
                "basis": involvement.basis,
                "since": _plain(involvement.since),
                "until": _plain(involvement.until),
            }
            for involvement in involvements
        ],
        "records": records,
        "access_log": [
            {"at": _plain(event.at), "event": event.event_type, "action": event.action}
            for event in access_log
        ],
        "retention": [
            {"record_type": rule.key, "period_days": rule.period_days, "source": rule.source}
            for rule in rules
        ],
        "person_period_days": periods,
        "statistics": _(
            "The statistics keep de-identified categories only (no name, no reference): "
            "they are not data about an identifiable person."
        ),
    }
    audit_record(
        actor=actor,
        event_type=AuditEventType.EXPORT,
        action="subject_access_export",
        record=person,
        purpose=Purpose.ADMINISTRATION,
        changes={
            "sections": {key: len(rows) for key, rows in data["records"].items()},
            "organisation": organisation.pk,
        },
    )
    return data


# Register of processing activities (art. 30) -----------------------------------------------


@dataclass(frozen=True)
class RegisterEntry:
    code: str
    label: str
    controllers: str
    bases: list[tuple[str, str]]  # (citation, verification)
    recipients: list[str]
    rules: list[Rule]
    categories: list[str]


def register_entries() -> list[RegisterEntry]:
    """The art. 30 register, generated from the purposes and the rules in force."""
    rules, periods = active_rules()
    entries: list[RegisterEntry] = []
    for purpose in PURPOSES:
        own = [rule for rule in rules if rule.purpose == purpose.code]
        person_rule = rules[0] if rules and rules[0].key == "people.person" else None
        # The shared person record serves every purpose that keeps it.
        if person_rule and periods.get(purpose.code, 0) > 0 and person_rule not in own:
            own.insert(0, person_rule)
        categories: list[str] = []
        for rule in own:
            for category in rule.categories:
                if category not in categories:
                    categories.append(category)
        entries.append(
            RegisterEntry(
                code=purpose.code,
                label=purpose.label,
                controllers=purpose.controllers,
                bases=[(basis.citation, basis.verified.value) for basis in purpose.bases],
                recipients=list(purpose.recipients),
                rules=own,
                categories=categories,
            )
        )
    return entries


def register_json() -> dict[str, Any]:
    _rules, periods = active_rules()
    return {
        "format": "open-nrm-processing-register/1",
        "person_period_days": periods,
        "purposes": [
            {
                "purpose": entry.code,
                "label": _(entry.label),
                "controllers": _(entry.controllers),
                "legal_bases": [
                    {"citation": citation, "verified": verified}
                    for citation, verified in entry.bases
                ],
                "recipients": [_(recipient) for recipient in entry.recipients],
                "categories": [_(category) for category in entry.categories],
                "retention": [
                    {
                        "record_type": rule.key,
                        "label": _(rule.label),
                        "period_days": rule.period_days,
                        "grace_days": rule.grace_days,
                        "outcome": rule.outcome.value,
                        "clock": _(rule.clock),
                        "reason": _(rule.reason),
                        "source": _(rule.source),
                        "verified": rule.verified.value,
                    }
                    for rule in entry.rules
                ],
            }
            for entry in register_entries()
        ],
        "audit_trail": _(
            "The audit trail is kept without a limit (accountability, GDPR art. 5(2)); it "
            "names records by type and id and persons by their pseudonymous reference."
        ),
    }


def flag_counts() -> dict[str, int]:
    counts = dict.fromkeys(FlagStatus.values, 0)
    for status in FlagStatus.values:
        counts[status] = RetentionFlag.objects.filter(status=status).count()
    return counts

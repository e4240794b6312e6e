"""Every write to the services directory: the coordination unit keeps it. Audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record, field_changes
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Purpose
from nrm.core.errors import Conflict, DomainError
from nrm.directory.models import Eligibility, Provider, ProviderStatus, ServiceKind
from nrm.directory.queries import require_keeper
from nrm.organisations.models import Region
from nrm.people.vocab import LANGUAGE_CODES

# A provider is vetted again every year (policy choice of the coordination unit, after the
# US hotline's practice of a yearly re-vetting of its referral partners).
VETTING_VALIDITY = dt.timedelta(days=365)
# The unit is reminded this long before a vetting falls due.
VETTING_REMINDER = dt.timedelta(days=30)


@dataclass
class ProviderData:
    """What the form or the demo says about a provider."""

    name: str
    kind: str
    regions: list[Region]
    description: str = ""
    languages: list[str] = field(default_factory=list)
    eligibility: list[str] = field(default_factory=list)
    capacity: int | None = None
    phone: str = ""
    email: str = ""
    address: str = ""
    website: str = ""


def _validate(data: ProviderData) -> None:
    if not data.name.strip():
        raise DomainError(_("Give the provider's name."), field="name")
    if data.kind not in ServiceKind.values:
        raise DomainError(_("Choose a service from the list."), field="kind")
    if not data.regions:
        raise DomainError(_("Name at least one region the provider serves."), field="regions")
    unknown = [code for code in data.languages if code not in LANGUAGE_CODES]
    if unknown:
        raise DomainError(_("Choose languages from the list."), field="languages")
    if any(value not in Eligibility.values for value in data.eligibility):
        raise DomainError(_("Choose who the provider takes from the list."), field="eligibility")
    if data.capacity is not None and not 0 <= data.capacity <= 100_000:
        raise DomainError(_("Free places is a number from 0 to 100000."), field="capacity")


def _vetting(provider: Provider, on: dt.date) -> None:
    provider.vetted_on = on
    provider.vetting_due = on + VETTING_VALIDITY
    due = dt.datetime.combine(provider.vetting_due - VETTING_REMINDER, dt.time(8, 0))
    provider.remind_at = timezone.make_aware(due)
    provider.reminded_at = None


def _values(provider: Provider) -> dict[str, object]:
    return {
        "name": provider.name,
        "kind": provider.kind,
        "description": provider.description,
        "languages": provider.languages,
        "eligibility": provider.eligibility,
        "capacity": provider.capacity,
        "phone": provider.phone,
        "email": provider.email,
        "address": provider.address,
        "website": provider.website,
        "status": provider.status,
        "vetted_on": provider.vetted_on.isoformat() if provider.vetted_on else None,
    }


def _apply(provider: Provider, data: ProviderData, today: dt.date) -> None:
    for name, value in asdict(data).items():
        if name == "regions":
            continue
        if name == "capacity" and value != provider.capacity:
            provider.capacity_updated_on = today
        setattr(provider, name, value.strip() if isinstance(value, str) else value)


@transaction.atomic
def provider_create(*, actor: Actor, data: ProviderData, vetted_on: dt.date) -> Provider:
    """Enter a provider the unit has vetted on `vetted_on`."""
    require_keeper(actor)
    _validate(data)
    if vetted_on > timezone.localdate():
        raise DomainError(_("A vetting cannot be dated in the future."), field="vetted_on")
    provider = Provider(vetted_by=actor.user)
    _apply(provider, data, timezone.localdate())
    _vetting(provider, vetted_on)
    provider.save(force_insert=True)
    provider.regions.set(data.regions)
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="provider_create",
        record=provider,
        purpose=Purpose.ADMINISTRATION,
        changes=field_changes({}, _values(provider)) | {"regions": [r.code for r in data.regions]},
    )
    return provider


def _locked(provider_id: int, expected_version: int) -> Provider:
    provider = Provider.objects.select_for_update().get(pk=provider_id)
    if provider.version != expected_version:
        raise Conflict(
            _("Someone else changed this record while you were editing. Reload and try again.")
        )
    return provider


def _save(actor: Actor, provider: Provider, before: dict[str, object], action: str) -> Provider:
    provider.version += 1
    provider.updated_at = timezone.now()
    provider.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action=action,
        record=provider,
        purpose=Purpose.ADMINISTRATION,
        changes=field_changes(before, _values(provider)),
    )
    return provider


@transaction.atomic
def provider_update(
    *, actor: Actor, provider_id: int, expected_version: int, data: ProviderData
) -> Provider:
    require_keeper(actor)
    _validate(data)
    provider = _locked(provider_id, expected_version)
    before = _values(provider)
    _apply(provider, data, timezone.localdate())
    provider.regions.set(data.regions)
    return _save(actor, provider, before, "provider_update")


@transaction.atomic
def provider_vet(*, actor: Actor, provider_id: int, expected_version: int, on: dt.date) -> Provider:
    """Record this year's vetting: the next one falls due a year later; a suspended
    provider vetted again is listed again."""
    require_keeper(actor)
    if on > timezone.localdate():
        raise DomainError(_("A vetting cannot be dated in the future."), field="on")
    provider = _locked(provider_id, expected_version)
    if on < provider.vetted_on:
        raise DomainError(
            _("The last vetting is dated %(date)s; a new one cannot be earlier.")
            % {"date": provider.vetted_on.isoformat()},
            field="on",
        )
    before = _values(provider)
    _vetting(provider, on)
    provider.vetted_by = actor.user
    provider.status = ProviderStatus.ACTIVE
    provider.status_reason = ""
    return _save(actor, provider, before, "provider_vet")


@transaction.atomic
def provider_suspend(
    *, actor: Actor, provider_id: int, expected_version: int, reason: str
) -> Provider:
    """Take a provider off the lists (a complaint, a closure) with the reason; the record
    and its history stay."""
    require_keeper(actor)
    if not reason.strip():
        raise DomainError(_("Say why the provider is suspended."), field="reason")
    provider = _locked(provider_id, expected_version)
    if provider.status == ProviderStatus.SUSPENDED:
        raise Conflict(_("This provider is already suspended."))
    before = _values(provider)
    provider.status = ProviderStatus.SUSPENDED
    provider.status_reason = reason.strip()
    return _save(actor, provider, before, "provider_suspend")

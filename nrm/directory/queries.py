"""Reads of the services directory. Every member of a platform organisation may search it;
the providers are organisations, so no read is of personal data and none is audited."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.care.models import SERVICE_PROVIDER_KINDS
from nrm.coordination.queries import is_coordinator, is_member, require_coordinator
from nrm.core.errors import DomainError, NotFound, PermissionDenied
from nrm.directory.models import Provider, ProviderStatus


def require_reader(actor: Actor) -> None:
    if not is_member(actor):
        raise PermissionDenied(_("The services directory is for the platform's organisations."))


def require_keeper(actor: Actor) -> None:
    """403 for anyone but the coordination unit, which keeps the directory."""
    require_coordinator(
        actor, _("The coordination unit keeps the services directory; only it vets providers.")
    )


def providers_for_actor(
    actor: Actor,
    *,
    kind: str = "",
    region: str = "",
    language: str = "",
    eligibility: str = "",
    include_suspended: bool = False,
) -> QuerySet[Provider]:
    """The providers matching the filters; suspended ones only for the unit that keeps them."""
    require_reader(actor)
    providers = Provider.objects.prefetch_related("regions")
    if not (include_suspended and is_coordinator(actor)):
        providers = providers.filter(status=ProviderStatus.ACTIVE)
    if kind:
        providers = providers.filter(kind=kind)
    if region:
        providers = providers.filter(regions__code=region)
    # JSON list membership, portable between SQLite and PostgreSQL.
    if language:
        providers = providers.filter(languages__icontains=f'"{language}"')
    if eligibility:
        providers = providers.filter(eligibility__icontains=f'"{eligibility}"')
    return providers.distinct().order_by("name", "pk")


def provider_get_for_actor(actor: Actor, provider_id: int) -> Provider:
    """One provider; a suspended one is 404 to everyone but the unit."""
    require_reader(actor)
    provider = Provider.objects.prefetch_related("regions").filter(pk=provider_id).first()
    if provider is None or (
        provider.status == ProviderStatus.SUSPENDED and not is_coordinator(actor)
    ):
        raise NotFound(_("No such provider."))
    return provider


def providers_due_for_vetting(
    actor: Actor, *, today: dt.date, within_days: int = 30
) -> QuerySet[Provider]:
    """Vetted providers whose yearly vetting falls due soon or is overdue (the unit only)."""
    if not is_coordinator(actor):
        return Provider.objects.none()
    return Provider.objects.filter(
        status=ProviderStatus.ACTIVE, vetting_due__lte=today + dt.timedelta(days=within_days)
    ).order_by("vetting_due", "pk")


def providers_for_service(
    actor: Actor, *, service_type: str, region: str = "", language: str = ""
) -> QuerySet[Provider]:
    """Vetted providers offering a care service (`nrm.care.models.SERVICE_PROVIDER_KINDS`),
    for the picker of a support plan's service: by region and language served."""
    kinds = SERVICE_PROVIDER_KINDS.get(service_type, frozenset())
    providers = providers_for_actor(actor, region=region, language=language)
    return providers if kinds is None else providers.filter(kind__in=kinds)


def provider_for_service(actor: Actor, provider_id: int, *, service_type: str) -> Provider:
    """The provider a service names: vetted (a suspended one is not offered) and offering
    the service; a bad pick is 400 on the field, as any choice not on the list."""
    provider = providers_for_service(actor, service_type=service_type).filter(pk=provider_id)
    found = provider.first()
    if found is None:
        raise DomainError(
            _("Choose a vetted provider of the directory that offers this service."),
            field="directory_provider",
        )
    return found


def provider_choice_label(provider: Provider) -> str:
    """A provider as a picker shows it: its name, and its free places as a count only."""
    if provider.capacity is None:
        return provider.name
    return _("%(name)s (%(free)s free)") % {"name": provider.name, "free": provider.capacity}

"""/api/v1/directory/providers: the services directory for the platform's organisations.

Providers are organisations, not persons: nothing here is personal data, so reads are not
audited (as on the pages). A suspended provider is 404 to everyone but the coordination
unit that keeps the directory.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from nrm.access.context import Actor
from nrm.core.api.auth import caller
from nrm.core.api.errors import responses
from nrm.core.api.pagination import PageQuery, keyset_page
from nrm.directory.models import Eligibility, Provider, ServiceKind
from nrm.directory.queries import provider_get_for_actor, providers_for_actor

router = Router(tags=["directory"])


class ProvidersQuery(Schema):
    kind: ServiceKind | None = None
    region: str = Field("", max_length=20, description="A region code, e.g. BRU")
    language: str = Field("", max_length=3, description="ISO 639-1")
    eligibility: Eligibility | None = None


class ProviderSummaryOut(Schema):
    id: int
    name: str
    kind: ServiceKind
    regions: list[str] = Field(..., description="Region codes served")
    languages: list[str]
    eligibility: list[str]
    capacity: int | None = Field(..., description="Free places now; a count, never who")
    capacity_updated_on: dt.date | None


class ProviderOut(ProviderSummaryOut):
    description: str
    phone: str
    email: str
    address: str
    website: str
    status: str
    vetted_on: dt.date
    vetting_due: dt.date


class ProviderListOut(Schema):
    results: list[ProviderSummaryOut]
    next_cursor: str | None


def _summary(provider: Provider) -> ProviderSummaryOut:
    return ProviderSummaryOut(
        id=provider.pk,
        name=provider.name,
        kind=ServiceKind(provider.kind),
        # Prefetched by the queries: sorted here, not re-queried.
        regions=sorted(region.code for region in provider.regions.all()),
        languages=list(provider.languages),
        eligibility=list(provider.eligibility),
        capacity=provider.capacity,
        capacity_updated_on=provider.capacity_updated_on,
    )


@router.get("/directory/providers", response={200: ProviderListOut, **responses(400, 401, 403)})
def providers_list(
    request: HttpRequest, page: Query[PageQuery], filters: Query[ProvidersQuery]
) -> ProviderListOut:
    """Vetted providers by service, region, language and who they take, by name."""
    actor = caller(request, Actor)
    rows, next_cursor = keyset_page(
        providers_for_actor(
            actor,
            kind=filters.kind.value if filters.kind else "",
            region=filters.region,
            language=filters.language,
            eligibility=filters.eligibility.value if filters.eligibility else "",
        ),
        page,
    )
    return ProviderListOut(results=[_summary(p) for p in rows], next_cursor=next_cursor)


@router.get("/directory/providers/{id}", response={200: ProviderOut, **responses(401, 403, 404)})
def provider_view(request: HttpRequest, id: int) -> ProviderOut:
    """One provider with its contact and vetting dates."""
    actor = caller(request, Actor)
    provider = provider_get_for_actor(actor, id)
    return ProviderOut(
        **_summary(provider).model_dump(),
        description=provider.description,
        phone=provider.phone,
        email=provider.email,
        address=provider.address,
        website=provider.website,
        status=provider.status,
        vetted_on=provider.vetted_on,
        vetting_due=provider.vetting_due,
    )

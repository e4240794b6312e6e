"""/api/v1/care: read operations for the caller's own centre, with the API's one error shape.

The shelter's address is never part of any answer: it is for the centre's staff on the
shelter page only, and an API answer travels into other systems and their logs. A person's
placements and plans are read through the care file's access helpers, audited as the pages'.
"""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from nrm.access.context import Actor
from nrm.care.models import (
    Placement,
    ServiceDelivery,
    ShelterTransfer,
    SupportPlan,
    SupportPlanStatus,
    TransferStatus,
)
from nrm.care.queries import (
    care_placements_get_for_actor,
    care_plans_get_for_actor,
    occupancy_for,
    require_care_role,
    transfers_for_actor,
)
from nrm.core.api.auth import caller
from nrm.core.api.errors import responses
from nrm.core.api.types import IsoDate

router = Router(tags=["care"])


class CarePlaceOut(Schema):
    place_type: str
    capacity: int
    occupied: int
    free: int


class CareShelterOut(Schema):
    id: int
    name: str
    places: list[CarePlaceOut]
    capacity: int
    occupied: int
    free: int


class CareOccupancyOut(Schema):
    shelters: list[CareShelterOut]


class CareOccupancyQuery(Schema):
    on: IsoDate | None = Field(None, description="The day to count (default today)")


class CareShelterRefOut(Schema):
    id: int
    name: str


class CarePlacementOut(Schema):
    id: int
    shelter: CareShelterRefOut
    place_type: str
    arrived_on: date
    departed_on: date | None
    departure_reason: str | None
    with_family: bool
    misfits: list[str] = Field(description="nrm.care.fit rules the place did not meet")
    fit_reason: str | None = Field(description="Why the place was chosen despite a misfit")


class CarePlacementsOut(Schema):
    reference: str
    placements: list[CarePlacementOut]


class CareProviderOut(Schema):
    """A vetted provider of the services directory; free places as a count only."""

    id: int
    name: str
    kind: str
    free_places: int | None


class CareServiceOut(Schema):
    id: int
    service_type: str
    delivered_on: date
    provider: str | None
    directory_provider: CareProviderOut | None


class CarePlanOut(Schema):
    """HTCDS names where HTCDS has the field (`spl_*`)."""

    id: int
    spl_Type: list[str]  # HTCDS's own field names
    spl_Objectives: str
    spl_ActionPlan: str
    started_on: date
    spl_PlannedEndDate: date | None
    spl_ActualEndDate: date | None
    status: SupportPlanStatus
    version: int
    services: list[CareServiceOut]


class CarePlansOut(Schema):
    reference: str
    plan: CarePlanOut | None
    closed_plans: list[CarePlanOut]


def placement_out(placement: Placement) -> CarePlacementOut:
    return CarePlacementOut(
        id=placement.pk,
        shelter=CareShelterRefOut(id=placement.shelter_id, name=placement.shelter.name),
        place_type=placement.place_type,
        arrived_on=placement.arrived_on,
        departed_on=placement.departed_on,
        departure_reason=placement.departure_reason or None,
        with_family=placement.with_family,
        misfits=list(placement.misfits),
        fit_reason=placement.fit_reason or None,
    )


def service_out(service: ServiceDelivery) -> CareServiceOut:
    provider = service.directory_provider
    return CareServiceOut(
        id=service.pk,
        service_type=service.service_type,
        delivered_on=service.delivered_on,
        provider=service.provider or None,
        directory_provider=CareProviderOut(
            id=provider.pk, name=provider.name, kind=provider.kind, free_places=provider.capacity
        )
        if provider is not None
        else None,
    )


def plan_out(plan: SupportPlan) -> CarePlanOut:
    return CarePlanOut(
        id=plan.pk,
        spl_Type=plan.types,
        spl_Objectives=plan.objectives,
        spl_ActionPlan=plan.action_plan,
        started_on=plan.started_on,
        spl_PlannedEndDate=plan.planned_end_on,
        spl_ActualEndDate=plan.actual_end_on,
        status=SupportPlanStatus(plan.status),
        version=plan.version,
        # Prefetched by `care_plans_get_for_actor`, with their directory providers.
        services=[service_out(s) for s in plan.services.all()],
    )


@router.get("/care/occupancy", response={200: CareOccupancyOut, **responses(400, 401, 403)})
def care_occupancy(request: HttpRequest, query: Query[CareOccupancyQuery]) -> CareOccupancyOut:
    """Places per shelter and type, taken and free, at the caller's centre."""
    actor = caller(request, Actor)
    require_care_role(actor)
    return CareOccupancyOut(
        shelters=[
            CareShelterOut(
                id=s.shelter.pk,
                name=s.shelter.name,
                places=[
                    CarePlaceOut(
                        place_type=p.place_type,
                        capacity=p.capacity,
                        occupied=p.occupied,
                        free=p.free,
                    )
                    for p in s.places
                ],
                capacity=s.capacity,
                occupied=s.occupied,
                free=s.free,
            )
            for s in occupancy_for(actor, on=query.on)
        ]
    )


@router.get(
    "/care/persons/{reference}/placements",
    response={200: CarePlacementsOut, **responses(401, 404)},
)
def care_person_placements(request: HttpRequest, reference: str) -> CarePlacementsOut:
    """A person's stays in the caller's centre's shelters, newest first."""
    actor = caller(request, Actor)
    person, placements = care_placements_get_for_actor(
        actor, reference, action="api_care_placements_view"
    )
    return CarePlacementsOut(
        reference=person.reference, placements=[placement_out(p) for p in placements]
    )


@router.get("/care/persons/{reference}/plan", response={200: CarePlansOut, **responses(401, 404)})
def care_person_plan(request: HttpRequest, reference: str) -> CarePlansOut:
    """The caller's centre's support plan for a person (HTCDS spl_ fields), and closed ones."""
    actor = caller(request, Actor)
    person, plans = care_plans_get_for_actor(actor, reference, action="api_care_plan_view")
    active = next((p for p in plans if p.status == SupportPlanStatus.ACTIVE), None)
    return CarePlansOut(
        reference=person.reference,
        plan=plan_out(active) if active else None,
        closed_plans=[plan_out(p) for p in plans if p is not active],
    )


class CareTransferOut(Schema):
    """A transfer request between centres. For the receiving centre, `reference` is null
    until it accepts: before, it sees only what the request carries."""

    id: int
    direction: str = Field(description="received or sent")
    from_organisation: str
    to_organisation: str
    place_type: str
    with_family: bool
    wanted_from: date
    status: TransferStatus
    reference: str | None
    requested_at: datetime
    decided_at: datetime | None


class CareTransfersOut(Schema):
    received: list[CareTransferOut]
    sent: list[CareTransferOut]


def transfer_out(transfer: ShelterTransfer, *, received: bool) -> CareTransferOut:
    named = not received or transfer.status == TransferStatus.ACCEPTED
    return CareTransferOut(
        id=transfer.pk,
        direction="received" if received else "sent",
        from_organisation=str(transfer.from_organisation),
        to_organisation=str(transfer.to_organisation),
        place_type=transfer.place_type,
        with_family=transfer.with_family,
        wanted_from=transfer.wanted_from,
        status=TransferStatus(transfer.status),
        reference=transfer.person.reference if named else None,
        requested_at=transfer.requested_at,
        decided_at=transfer.decided_at,
    )


@router.get("/care/transfers", response={200: CareTransfersOut, **responses(401, 403)})
def care_transfers(request: HttpRequest) -> CareTransfersOut:
    """The caller's centre's transfer requests, received and sent, newest first."""
    actor = caller(request, Actor)
    require_care_role(actor)
    received, sent = transfers_for_actor(actor)
    return CareTransfersOut(
        received=[transfer_out(t, received=True) for t in received],
        sent=[transfer_out(t, received=False) for t in sent],
    )

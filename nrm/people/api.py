"""/api/v1/persons: the same access rules and audit as the pages."""

from __future__ import annotations

import datetime as dt
from datetime import date

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from nrm.access.context import Actor
from nrm.consent.models import ConsentBasis, ConsentPurpose
from nrm.consent.queries import latest_answers
from nrm.core.api.auth import caller
from nrm.core.api.errors import responses
from nrm.core.api.pagination import PageQuery, keyset_page
from nrm.core.api.types import Input, IsoDate, Text, WholeNumber
from nrm.core.errors import DomainError
from nrm.people.actions import PersonData, person_create
from nrm.people.models import IDENTITY_FIELDS, Person
from nrm.people.queries import (
    person_get_for_actor,
    persons_filtered,
    persons_list_audited,
    persons_visible_to,
)
from nrm.people.vocab import Gender

router = Router(tags=["persons"])

Code = Text  # ISO 3166 / 639 codes, checked against the lists by the action


class IdentityIn(Input):
    given_names: Text = Field("", max_length=200)
    family_name: Text = Field("", max_length=200)
    other_names: Text = Field("", max_length=400)
    birth_date: IsoDate | None = None
    documents: list[dict[Text, Text]] | None = Field(None, max_length=20)
    phone: Text = Field("", max_length=64)
    email: Text = Field("", max_length=254)
    address: Text = Field("", max_length=1000)


class PersonIn(Input):
    identity: IdentityIn = Field(default_factory=lambda: IdentityIn.model_validate({}))
    nationalities: list[Code] = Field(default_factory=list, max_length=20)
    languages: list[Code] = Field(default_factory=list, max_length=20)
    gender: Gender = Gender.NON_SPECIFIED_UNKNOWN
    age_at_first_contact: WholeNumber | None = Field(None, ge=0, le=120)
    first_contact_on: IsoDate | None = None


class PersonSummaryOut(Schema):
    reference: str
    nationalities: list[str]
    languages: list[str]
    gender: str
    age_at_first_contact: int | None
    first_contact_on: date


class IdentityOut(Schema):
    given_names: str
    family_name: str
    other_names: str
    birth_date: date | None
    documents: list[dict[str, str]]
    phone: str
    email: str
    address: str


class PersonConsentOut(Schema):
    """The latest answer for one purpose: the one that governs (issue 18 item 1)."""

    purpose: ConsentPurpose
    given: bool
    basis: ConsentBasis
    date: dt.date
    withdrawn_on: dt.date | None


class PersonOut(PersonSummaryOut):
    identity: IdentityOut
    consents: list[PersonConsentOut]
    version: int


class PersonListOut(Schema):
    results: list[PersonSummaryOut]
    next_cursor: str | None


def person_summary(person: Person) -> PersonSummaryOut:
    return PersonSummaryOut(
        reference=person.reference,
        nationalities=person.nationalities,
        languages=person.languages,
        gender=person.gender,
        age_at_first_contact=person.age_at_first_contact,
        first_contact_on=person.first_contact_on,
    )


class PersonsListQuery(Schema):
    q: str = Field("", max_length=200, description="Name words or birth year; best first.")


def person_full(person: Person) -> PersonOut:
    latest = latest_answers(person)
    return PersonOut(
        **person_summary(person).model_dump(),
        identity=IdentityOut(
            given_names=person.given_names,
            family_name=person.family_name,
            other_names=person.other_names,
            birth_date=person.birth_date,
            documents=person.documents or [],
            phone=person.phone,
            email=person.email,
            address=person.address,
        ),
        consents=[
            PersonConsentOut(
                purpose=ConsentPurpose(record.purpose),
                given=record.given,
                basis=ConsentBasis(record.basis),
                date=record.on,
                withdrawn_on=record.withdrawn_on,
            )
            for purpose, record in sorted(latest.items())
        ],
        version=person.version,
    )


@router.get("/persons", response={200: PersonListOut, **responses(400, 401)})
def persons_list(
    request: HttpRequest, page: Query[PageQuery], search: Query[PersonsListQuery]
) -> PersonListOut:
    """Persons the caller's organisation is involved with, newest first contact first; with
    `q`, the persons whose names (or birth year) match every word, best match first. The
    cursor follows either order (a search's carries the match score)."""
    actor = caller(request, Actor)
    persons = persons_filtered(persons_visible_to(actor), q=search.q)
    if not persons.query.order_by:
        # A search too short to match anyone comes back empty and unordered; a page needs
        # an order all the same.
        persons = persons.order_by("-first_contact_on", "reference")
    rows, next_cursor = keyset_page(persons, page)
    persons_list_audited(actor, rows, action="api_person_list")
    return PersonListOut(results=[person_summary(p) for p in rows], next_cursor=next_cursor)


@router.post("/persons", response={201: PersonOut, **responses(400, 401, 403)})
def persons_create(request: HttpRequest, payload: PersonIn) -> Status[PersonOut]:
    """Record a person met by the caller's organisation."""
    actor = caller(request, Actor)
    identity = payload.identity
    data = PersonData(
        given_names=identity.given_names,
        family_name=identity.family_name,
        other_names=identity.other_names,
        birth_date=identity.birth_date,
        documents=identity.documents,
        phone=identity.phone,
        email=identity.email,
        address=identity.address,
        nationalities=payload.nationalities,
        languages=payload.languages,
        gender=payload.gender.value,
        age_at_first_contact=payload.age_at_first_contact,
        first_contact_on=payload.first_contact_on,
    )
    try:
        person = person_create(actor=actor, data=data)
    except DomainError as exc:
        # The action names model fields; the caller needs the path in the body it sent.
        if exc.field in IDENTITY_FIELDS:
            exc.field = f"identity.{exc.field}"
        raise
    return Status(201, person_full(person))


@router.get("/persons/{reference}", response={200: PersonOut, **responses(401, 404)})
def person_view(request: HttpRequest, reference: str) -> PersonOut:
    """One person, identity included; 404 when not the caller's to see."""
    actor = caller(request, Actor)
    return person_full(person_get_for_actor(actor, reference, action="api_person_view"))

"""/api/v1/persons: the same access rules and audit as the pages."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.api.auth import api_view, error
from nrm.people.actions import PersonData, person_create
from nrm.people.models import Person
from nrm.people.queries import person_get_for_actor, persons_list_audited, persons_visible_to

LIST_LIMIT = 200


def person_summary(person: Person) -> dict[str, Any]:
    return {
        "reference": person.reference,
        "nationalities": person.nationalities,
        "languages": person.languages,
        "gender": person.gender,
        "age_at_first_contact": person.age_at_first_contact,
        "first_contact_on": person.first_contact_on.isoformat(),
    }


def person_full(person: Person) -> dict[str, Any]:
    return {
        **person_summary(person),
        "identity": {
            "given_names": person.given_names,
            "family_name": person.family_name,
            "other_names": person.other_names,
            "birth_date": person.birth_date.isoformat() if person.birth_date else None,
            "documents": person.documents or [],
            "phone": person.phone,
            "email": person.email,
            "address": person.address,
        },
        "version": person.version,
    }


_STRING_FIELDS = ("given_names", "family_name", "other_names", "phone", "email", "address")


def _parse_person(body: object) -> PersonData:
    """Strict parsing: wrong types are refused with the field's name, never coerced."""
    from nrm.core.errors import DomainError

    if not isinstance(body, dict):
        raise DomainError(_("The body must be a JSON object."))
    identity = body.get("identity", {})
    if not isinstance(identity, dict):
        raise DomainError(_("Must be an object."), field="identity")
    data = PersonData()
    for name in _STRING_FIELDS:
        value = identity.get(name, "")
        if not isinstance(value, str):
            raise DomainError(_("Must be text."), field=f"identity.{name}")
        setattr(data, name, value)
    for name in ("birth_date",):
        value = identity.get(name)
        if value is not None:
            try:
                data.birth_date = date.fromisoformat(str(value))
            except ValueError as exc:
                raise DomainError(
                    _("Must be a date (YYYY-MM-DD)."), field=f"identity.{name}"
                ) from exc
    documents = identity.get("documents")
    if documents is not None:
        if not isinstance(documents, list) or not all(
            isinstance(d, dict) and all(isinstance(v, str) for v in d.values()) for d in documents
        ):
            raise DomainError(
                _("Must be a list of objects with text values."), field="identity.documents"
            )
        data.documents = documents
    for name in ("nationalities", "languages"):
        value = body.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise DomainError(_("Must be a list of codes."), field=name)
        setattr(data, name, value)
    if "gender" in body:
        if not isinstance(body["gender"], str):
            raise DomainError(_("Must be text."), field="gender")
        data.gender = body["gender"]
    age = body.get("age_at_first_contact")
    if age is not None and (not isinstance(age, int) or isinstance(age, bool)):
        raise DomainError(_("Must be a whole number."), field="age_at_first_contact")
    data.age_at_first_contact = age
    first = body.get("first_contact_on")
    if first is not None:
        try:
            data.first_contact_on = date.fromisoformat(str(first))
        except ValueError as exc:
            raise DomainError(_("Must be a date (YYYY-MM-DD)."), field="first_contact_on") from exc
    return data


@api_view
def persons(request: HttpRequest, actor: Actor) -> HttpResponse:
    if request.method == "GET":
        rows = list(
            persons_visible_to(actor).order_by("-first_contact_on", "reference")[:LIST_LIMIT]
        )
        persons_list_audited(actor, rows, action="api_person_list")
        return JsonResponse({"results": [person_summary(p) for p in rows]})
    if request.method == "POST":
        try:
            body = json.loads(request.body or b"null")
        except json.JSONDecodeError:
            return error(400, "malformed_json", _("The body is not valid JSON."))
        person = person_create(actor=actor, data=_parse_person(body))
        return JsonResponse(person_full(person), status=201)
    return error(405, "method_not_allowed", _("This method is not allowed here."))


@api_view
def person(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    if request.method != "GET":
        return error(405, "method_not_allowed", _("This method is not allowed here."))
    found = person_get_for_actor(actor, reference, action="api_person_view")
    return JsonResponse(person_full(found))

"""/api/v1/persons: the same access rules and audit as the pages."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.api.auth import api_view, error
from nrm.core.errors import DomainError
from nrm.people.actions import PersonData, person_create
from nrm.people.models import IDENTITY_FIELDS, Person
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
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _parse_date(value: object, field: str) -> date:
    # Only the text form: a number such as 20250101 is a wrong type, not a date.
    message = _("Must be a date (YYYY-MM-DD).")
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise DomainError(message, field=field)
    try:
        return date.fromisoformat(value)
    except ValueError as exc:  # 2025-02-30 and the like
        raise DomainError(message, field=field) from exc


def _parse_person(body: object) -> PersonData:
    """Strict parsing: wrong types are refused with the field's name, never coerced."""
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
    birth_date = identity.get("birth_date")
    if birth_date is not None:
        data.birth_date = _parse_date(birth_date, "identity.birth_date")
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
        data.first_contact_on = _parse_date(first, "first_contact_on")
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
        except ValueError:  # not JSON, or not UTF-8 text at all
            return error(400, "malformed_json", _("The body is not valid JSON."))
        try:
            person = person_create(actor=actor, data=_parse_person(body))
        except DomainError as exc:
            # The action names model fields; the caller needs the path in the body it sent.
            if exc.field in IDENTITY_FIELDS:
                exc.field = f"identity.{exc.field}"
            raise
        return JsonResponse(person_full(person), status=201)
    return error(405, "method_not_allowed", _("This method is not allowed here."))


@api_view
def person(request: HttpRequest, actor: Actor, reference: str) -> HttpResponse:
    if request.method != "GET":
        return error(405, "method_not_allowed", _("This method is not allowed here."))
    found = person_get_for_actor(actor, reference, action="api_person_view")
    return JsonResponse(person_full(found))

"""Organisations of the mechanism, as the platform administrator adds them."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from nrm.access.models import AuditEvent, AuditEventType
from nrm.organisations.models import JudicialDistrict, Organisation, OrganisationType, Region
from nrm.testing import World

URL = "/administration/organisations/"


def organisation_form(**fields: object) -> dict[str, object]:
    form: dict[str, object] = {
        "name": "Labour Auditorate Leuven",
        "short_name": "Auditorate Leuven",
        "type": OrganisationType.PROSECUTION_OFFICE,
        "country": "BE",
        "region": Region.objects.get(code="BRU").pk,
        "judicial_district": JudicialDistrict.objects.get(code="BRU").pk,
    }
    form.update(fields)
    return form


def test_the_administrator_adds_an_organisation(
    world: World, client_as: Callable[[str], Client]
) -> None:
    admin = client_as("admin")
    response = admin.post(URL, organisation_form(country="be"))
    assert response.status_code == 302
    assert response["Location"] == URL
    organisation = Organisation.objects.get(name="Labour Auditorate Leuven")
    assert (organisation.type, organisation.country, organisation.judicial_district) == (
        OrganisationType.PROSECUTION_OFFICE,
        "BE",
        JudicialDistrict.objects.get(code="BRU"),
    )
    event = AuditEvent.objects.get(action="organisation_create", record_id=str(organisation.pk))
    assert event.event_type == AuditEventType.CREATE
    assert event.actor == world.users["admin"]
    assert event.changes is not None
    assert event.changes["name"] == {"old": None, "new": "Labour Auditorate Leuven"}
    assert "Labour Auditorate Leuven" in admin.get(URL).content.decode()


def test_a_prosecution_office_without_a_judicial_district_is_refused(
    world: World, client_as: Callable[[str], Client]
) -> None:
    before = Organisation.objects.count(), AuditEvent.objects.count()
    response = client_as("admin").post(URL, organisation_form(judicial_district=""))
    assert response.status_code == 400
    assert "A prosecution office belongs to a judicial district." in response.content.decode()
    assert (Organisation.objects.count(), AuditEvent.objects.count()) == before


def test_other_organisations_need_no_judicial_district(
    world: World, client_as: Callable[[str], Client]
) -> None:
    form = organisation_form(
        name="Centre Horizon",
        short_name="",
        type=OrganisationType.CENTRE_ADULTS,
        judicial_district="",
    )
    assert client_as("admin").post(URL, form).status_code == 302
    assert Organisation.objects.get(name="Centre Horizon").judicial_district is None


def test_a_country_that_is_not_an_iso_code_is_refused(
    world: World, client_as: Callable[[str], Client]
) -> None:
    admin = client_as("admin")
    before = Organisation.objects.count()
    for country in ("B1", "ZZ", "BEL", "", "xx"):
        response = admin.post(URL, organisation_form(country=country))
        assert response.status_code == 400, country
    assert "Give the two-letter ISO country code." in response.content.decode()
    assert Organisation.objects.count() == before


def test_a_name_taken_by_another_organisation_is_refused(
    world: World, client_as: Callable[[str], Client]
) -> None:
    before = Organisation.objects.count()
    response = client_as("admin").post(URL, organisation_form(name="payoke"))
    assert response.status_code == 400
    assert "An organisation with that name exists." in response.content.decode()
    assert Organisation.objects.count() == before


def test_an_unknown_type_is_refused(world: World, client_as: Callable[[str], Client]) -> None:
    before = Organisation.objects.count()
    response = client_as("admin").post(URL, organisation_form(type="SECRET_SERVICE"))
    assert response.status_code == 400
    assert Organisation.objects.count() == before


def test_only_the_administrator_adds_organisations(
    world: World, client_as: Callable[[str], Client]
) -> None:
    before = Organisation.objects.count()
    for persona in ("coordinator", "analyst", "director_a"):
        assert client_as(persona).post(URL, organisation_form()).status_code == 404
    assert Organisation.objects.count() == before

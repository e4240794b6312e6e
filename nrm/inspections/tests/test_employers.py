"""Employers and worksites: the enterprise number, the sector, the subcontracting chain."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from nrm.access.models import AuditEvent
from nrm.core.errors import Conflict, DomainError, PermissionDenied
from nrm.inspections.actions import CompanyData, chain_link_add, chain_link_move, company_create
from nrm.inspections.models import ChainLink, Company
from nrm.inspections.queries import chain_of
from nrm.inspections.tests.helpers import a_worksite
from nrm.inspections.vocab import (
    enterprise_number_is_valid,
    normalise_enterprise_number,
    section_of_nace_code,
)
from nrm.testing import World

ClientAs = Callable[[str], Client]


def a_company(world: World, name: str, number: str = "", country: str = "BE") -> Company:
    return company_create(
        actor=world.actor("inspector"),
        data=CompanyData(name=name, sector="F", enterprise_number=number, country=country),
    )


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("0203.201.340", "0203201340"),
        ("BE 0203 201 340", "0203201340"),
        ("203201340", "0203201340"),
        ("0203-201-340", "0203201340"),
    ],
)
def test_an_enterprise_number_is_read_in_its_usual_spellings(typed: str, digits: str) -> None:
    assert normalise_enterprise_number(typed) == digits


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("0203201340", True),
        ("0203201341", False),  # check digits wrong
        ("2203201340", False),  # starts with 2: a branch unit, not an enterprise
        ("020320134", False),
        ("02032013AB", False),
    ],
)
def test_the_enterprise_number_check_is_modulo_97(digits: str, valid: bool) -> None:
    assert enterprise_number_is_valid(digits) is valid


def test_a_nace_code_belongs_to_its_section() -> None:
    assert section_of_nace_code("41.201") == "F"
    assert section_of_nace_code("56.10") == "I"
    assert section_of_nace_code("01") == "A"
    assert section_of_nace_code("4") is None
    assert section_of_nace_code("00.1") is None


def test_a_company_is_registered_with_its_number_and_audited(world: World) -> None:
    company = a_company(world, "Bouwbedrijf Noord", "0203.201.340")

    assert company.enterprise_number == "0203201340"
    assert company.enterprise_number_display == "0203.201.340"
    event = AuditEvent.objects.get(action="company_create", record_id=str(company.pk))
    assert event.changes is not None
    assert event.changes["enterprise_number"] == "0203201340"


def test_a_wrong_enterprise_number_is_refused_with_the_field(world: World) -> None:
    with pytest.raises(DomainError) as refused:
        a_company(world, "Bouwbedrijf Noord", "0203.201.341")
    assert refused.value.field == "enterprise_number"
    assert not Company.objects.exists()


def test_a_belgian_company_needs_its_number_a_foreign_one_does_not(world: World) -> None:
    with pytest.raises(DomainError):
        a_company(world, "Bouwbedrijf Noord")
    foreign = a_company(world, "Construções Lda", country="PT")
    assert foreign.enterprise_number == ""


def test_the_same_enterprise_number_twice_is_a_conflict(world: World) -> None:
    a_company(world, "Bouwbedrijf Noord", "0203201340")
    with pytest.raises(Conflict):
        a_company(world, "Bouwbedrijf Noord bis", "0203201340")


def test_a_nace_code_from_another_sector_is_refused(world: World) -> None:
    with pytest.raises(DomainError) as refused:
        company_create(
            actor=world.actor("inspector"),
            data=CompanyData(name="Resto", sector="F", nace_code="56.10", country="PT"),
        )
    assert refused.value.field == "nace_code"


def test_only_inspection_teams_register_companies(world: World) -> None:
    with pytest.raises(PermissionDenied):
        company_create(
            actor=world.actor("caseworker_a"),
            data=CompanyData(name="X", sector="F", country="PT"),
        )


def test_the_chain_is_a_tree_from_the_principal(world: World) -> None:
    site = a_worksite(world)
    principal = a_company(world, "Principal NV", "0203201340")
    contractor = a_company(world, "Contractor", country="NL")
    sub = a_company(world, "Sub", country="PT")
    actor = world.actor("inspector")
    chain_link_add(actor=actor, worksite=site, company=principal)
    chain_link_add(actor=actor, worksite=site, company=contractor, works_for=principal)
    chain_link_add(actor=actor, worksite=site, company=sub, works_for=contractor)

    assert [(n.link.company.name, n.depth) for n in chain_of(site)] == [
        ("Principal NV", 0),
        ("Contractor", 1),
        ("Sub", 2),
    ]


def test_a_site_has_one_principal_and_a_company_appears_once(world: World) -> None:
    site = a_worksite(world)
    actor = world.actor("inspector")
    principal = a_company(world, "Principal NV", "0203201340")
    other = a_company(world, "Other", country="NL")
    chain_link_add(actor=actor, worksite=site, company=principal)
    with pytest.raises(Conflict):
        chain_link_add(actor=actor, worksite=site, company=other)
    with pytest.raises(DomainError):
        chain_link_add(actor=actor, worksite=site, company=principal, works_for=principal)
    assert ChainLink.objects.count() == 1


def test_moving_a_company_under_its_own_subcontractor_is_refused(world: World) -> None:
    site = a_worksite(world)
    actor = world.actor("inspector")
    principal = a_company(world, "Principal NV", "0203201340")
    contractor = a_company(world, "Contractor", country="NL")
    sub = a_company(world, "Sub", country="PT")
    chain_link_add(actor=actor, worksite=site, company=principal)
    link = chain_link_add(actor=actor, worksite=site, company=contractor, works_for=principal)
    chain_link_add(actor=actor, worksite=site, company=sub, works_for=contractor)

    with pytest.raises(DomainError) as refused:
        chain_link_move(actor=actor, link=link, works_for=sub)

    assert "cannot work for itself" in refused.value.message
    link.refresh_from_db()
    assert link.parent is not None
    assert link.parent.company == principal


def test_a_company_worked_for_must_already_be_in_the_chain(world: World) -> None:
    site = a_worksite(world)
    outsider = a_company(world, "Elsewhere", country="NL")
    sub = a_company(world, "Sub", country="PT")
    with pytest.raises(DomainError) as refused:
        chain_link_add(
            actor=world.actor("inspector"), worksite=site, company=sub, works_for=outsider
        )
    assert refused.value.field == "works_for"


def test_the_company_form_shows_a_wrong_number_and_keeps_the_input(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("inspector").post(
        "/inspections/companies/new/",
        {"name": "Bouw NV", "enterprise_number": "0203201341", "country": "BE", "sector": "F"},
    )
    assert response.status_code == 400
    assert "not a valid Belgian enterprise number" in response.content.decode()
    assert 'value="Bouw NV"' in response.content.decode()


def test_the_worksite_page_adds_to_the_chain(world: World, client_as: ClientAs) -> None:
    site = a_worksite(world)
    principal = a_company(world, "Principal NV", "0203201340")
    client = client_as("inspector")

    response = client.post(f"/inspections/worksites/{site.pk}/", {"company": principal.pk})

    assert response.status_code == 302
    page = client.get(f"/inspections/worksites/{site.pk}/").content.decode()
    assert "Principal NV" in page
    assert "principal" in page


def test_centres_do_not_see_the_employer_register(world: World, client_as: ClientAs) -> None:
    site = a_worksite(world)
    assert client_as("caseworker_a").get("/inspections/companies/").status_code == 403
    assert client_as("caseworker_a").get(f"/inspections/worksites/{site.pk}/").status_code == 404

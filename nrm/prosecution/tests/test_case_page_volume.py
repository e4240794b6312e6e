"""The case page at national volume (issue 17): no choice list grows with the country's
register of companies and sites; a company outside the case's chains is named by its
enterprise number."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from nrm.inspections.actions import CompanyData, WorksiteData, company_create, worksite_create
from nrm.organisations.models import Region
from nrm.prosecution.models import CaseCompany, CaseFile
from nrm.prosecution.tests.support import chain, enterprise_number, opened_case
from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def _register(world: World, count: int, start: int) -> None:
    """Companies and sites met elsewhere in the country, nothing to do with the case."""
    inspector = world.actor("inspector")
    for n in range(start, start + count):
        company_create(
            actor=inspector,
            data=CompanyData(
                name=f"Elsewhere {n} BV", sector="F", enterprise_number=enterprise_number(5_000 + n)
            ),
        )
        worksite_create(
            actor=inspector,
            data=WorksiteData(
                name=f"Far site {n}",
                kind="CONSTRUCTION_SITE",
                address=f"Rue Loin {n}",
                region=Region.objects.get(code="BRU"),
            ),
        )


def _page(client: Client, case: CaseFile) -> tuple[int, int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/prosecution/{case.reference}/")
    assert response.status_code == 200
    return len(captured.captured_queries), len(response.content), response.content.decode()


def test_the_case_page_lists_no_company_or_site_of_the_rest_of_the_country(
    world: World, client_as: ClientAs
) -> None:
    case = opened_case(world)
    client = client_as("prosecutor")
    _register(world, 2, start=0)
    queries, size, html = _page(client, case)
    assert "Elsewhere 0 BV" not in html
    assert "Far site 0" not in html
    _register(world, 30, start=2)
    more_queries, more_size, html = _page(client, case)
    assert more_queries == queries
    # The page may differ by the digits of a token, not by thirty options.
    assert abs(more_size - size) < 200
    assert "Elsewhere 20 BV" not in html


def test_a_company_outside_the_case_is_linked_by_its_enterprise_number(
    world: World, client_as: ClientAs
) -> None:
    case = opened_case(world)
    _site, _principal, _contractor, employer = chain(world)
    client = client_as("prosecutor")
    number = employer.enterprise_number
    dotted = f"{number[:4]}.{number[4:7]}.{number[7:]}"
    response = client.post(
        f"/prosecution/{case.reference}/do/company/",
        {"company-enterprise_number": dotted, "company-role": "EMPLOYER"},
    )
    assert response.status_code in (200, 302), response.content[:500]
    assert CaseCompany.objects.filter(case=case, company=employer).exists()


def test_an_unknown_enterprise_number_is_refused_with_the_field_named(
    world: World, client_as: ClientAs
) -> None:
    case = opened_case(world)
    response = client_as("prosecutor").post(
        f"/prosecution/{case.reference}/do/company/",
        {"company-enterprise_number": "0999.999.999", "company-role": "EMPLOYER"},
    )
    assert response.status_code == 400
    assert "No company with this enterprise number." in response.content.decode()
    assert not CaseCompany.objects.filter(case=case).exists()

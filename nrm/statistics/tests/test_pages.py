"""The statistics pages: figures for the rapporteur and the coordinator, nobody else."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator

import pytest
from django.test import Client, override_settings
from django.utils import translation

from nrm.access.models import AuditEvent
from nrm.statistics.actions import facts_refresh, recommendation_create
from nrm.statistics.models import Recommendation
from nrm.statistics.tests.support import YEAR, accepted_referral, case_with_suspects
from nrm.testing import World

ClientAs = Callable[[str], Client]


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def figures(world: World) -> list[str]:
    """References of persons behind the figures (they must never show)."""
    references = []
    for i in range(6):
        referral = accepted_referral(world, given_names=f"Worker{i}", family_name="Santos")
        references.append(referral.person.reference)
    case_with_suspects(world, suspects=2)
    facts_refresh(actor=None, year=YEAR)
    return references


@pytest.mark.parametrize("persona", ["analyst", "coordinator"])
def test_the_rapporteur_and_the_coordinator_see_the_figures(
    figures: list[str], client_as: ClientAs, persona: str
) -> None:
    response = client_as(persona).get(f"/statistics/?year={YEAR}")

    assert response.status_code == 200
    text = response.content.decode()
    assert "Presumed victims referred to a specialised centre, by form of exploitation" in text
    assert "persons referred to a specialised centre as presumed victims" in text
    assert "data:image/svg+xml;base64," in text
    for reference in figures:
        assert reference not in text
    assert "Santos" not in text
    assert "/people/" not in text


def test_a_cross_tabulation_of_two_breakdowns(figures: list[str], client_as: ClientAs) -> None:
    response = client_as("analyst").get(
        f"/statistics/?year={YEAR}&figure=presumed_victims_referred&rows=form&columns=sex"
    )

    assert response.status_code == 200
    assert "by form of exploitation and sex" in response.content.decode()


@pytest.mark.parametrize(
    "persona", ["inspector", "caseworker_a", "prosecutor", "immigration", "admin"]
)
def test_other_roles_are_told_there_is_no_such_page(
    figures: list[str], client_as: ClientAs, persona: str
) -> None:
    client = client_as(persona)
    assert client.get("/statistics/").status_code == 404
    assert client.get(f"/statistics/report/?year={YEAR}").status_code == 404
    assert client.get(f"/statistics/report/download/?year={YEAR}&format=csv").status_code == 404
    assert client.post("/statistics/refresh/", {"year": YEAR}).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "year=abc",
        "year=1990",
        f"year={YEAR}&figure=nonsense",
        f"year={YEAR}&figure=suspects&rows=referrer",
        f"year={YEAR}&figure=suspects&rows=sex&columns=sex",
    ],
)
def test_bad_parameters_get_400_with_a_reason(
    figures: list[str], client_as: ClientAs, query: str
) -> None:
    response = client_as("analyst").get(f"/statistics/?{query}")

    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_a_refresh_extracts_the_year_again_and_is_audited(
    figures: list[str], client_as: ClientAs
) -> None:
    response = client_as("coordinator").post("/statistics/refresh/", {"year": YEAR})

    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="statistics_refresh", record_id=str(YEAR)).exists()


def test_the_annual_report_page_is_a_printable_document(
    figures: list[str], client_as: ClientAs
) -> None:
    response = client_as("analyst").get(f"/statistics/report/?year={YEAR}")

    assert response.status_code == 200
    text = response.content.decode()
    assert "Contents" in text
    assert "Key figures" in text
    assert "Source: specialised centres (referrals accepted)." in text
    for reference in figures:
        assert reference not in text


@pytest.mark.parametrize(
    ("fmt", "start"),
    [("pdf", b"%PDF"), ("xlsx", b"PK"), ("csv", b"Annual report"), ("json", b"{")],
)
def test_the_report_downloads_in_every_format(
    figures: list[str], client_as: ClientAs, fmt: str, start: bytes
) -> None:
    response = client_as("analyst").get(f"/statistics/report/download/?year={YEAR}&format={fmt}")

    assert response.status_code == 200
    assert response.content.startswith(start)
    assert f"annual-report-{YEAR}.{fmt}" in response["Content-Disposition"]


def test_the_xlsx_has_a_sheet_per_table(figures: list[str], client_as: ClientAs) -> None:
    from openpyxl import load_workbook

    content = client_as("analyst").get(
        f"/statistics/report/download/?year={YEAR}&format=xlsx"
    ).content
    json_report = json.loads(
        client_as("analyst").get(f"/statistics/report/download/?year={YEAR}&format=json").content
    )
    book = load_workbook(io.BytesIO(content))

    assert len(book.sheetnames) == 1 + len(json_report["tables"])


def test_an_unknown_format_is_a_bad_request(figures: list[str], client_as: ClientAs) -> None:
    response = client_as("analyst").get(f"/statistics/report/download/?year={YEAR}&format=doc")

    assert response.status_code == 400


# Recommendations ------------------------------------------------------------------------


def test_the_rapporteur_records_a_recommendation_and_its_addressee_sees_it(
    world: World, client_as: ClientAs
) -> None:
    team = world.organisations["ECOSOC Brussels"]
    response = client_as("analyst").post(
        "/statistics/recommendations/",
        {"year": YEAR, "addressee": team.pk, "text": "Publish the inspection targets."},
    )
    assert response.status_code == 302
    recommendation = Recommendation.objects.get()

    assert "Publish the inspection targets." in client_as("inspector").get(
        "/statistics/recommendations/"
    ).content.decode()
    assert "Publish the inspection targets." not in client_as("caseworker_a").get(
        "/statistics/recommendations/"
    ).content.decode()
    response = client_as("analyst").post(
        f"/statistics/recommendations/{recommendation.pk}/follow-up/",
        {"status": "PARTLY", "note": "Targets published for two teams."},
    )
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.status == "PARTLY"
    assert "Targets published for two teams." in recommendation.follow_up
    assert AuditEvent.objects.filter(action="recommendation_follow_up").exists()


def test_only_the_rapporteur_writes_recommendations(world: World, client_as: ClientAs) -> None:
    team = world.organisations["ECOSOC Brussels"]
    recommendation = recommendation_create(
        actor=world.actor("analyst"), year=YEAR, text="Train inspectors.", addressee=team
    )
    data = {"year": YEAR, "addressee": team.pk, "text": "x"}

    assert client_as("coordinator").post("/statistics/recommendations/", data).status_code == 403
    follow_up = f"/statistics/recommendations/{recommendation.pk}/follow-up/"
    # The addressee sees it but may not change it; another organisation may not know it.
    assert client_as("inspector").post(follow_up, {"status": "IMPLEMENTED"}).status_code == 403
    assert client_as("caseworker_a").post(follow_up, {"status": "IMPLEMENTED"}).status_code == 404


def test_a_recommendation_needs_text(world: World, client_as: ClientAs) -> None:
    team = world.organisations["ECOSOC Brussels"]
    response = client_as("analyst").post(
        "/statistics/recommendations/", {"year": YEAR, "addressee": team.pk, "text": ""}
    )
    assert response.status_code == 400
    assert not Recommendation.objects.exists()


def test_a_bad_follow_up_status_is_a_bad_request(world: World, client_as: ClientAs) -> None:
    team = world.organisations["ECOSOC Brussels"]
    recommendation = recommendation_create(
        actor=world.actor("analyst"), year=YEAR, text="Train inspectors.", addressee=team
    )
    response = client_as("analyst").post(
        f"/statistics/recommendations/{recommendation.pk}/follow-up/", {"status": "MAYBE"}
    )
    assert response.status_code == 400


# The rapporteur as civil party --------------------------------------------------------------


def test_the_rapporteurs_civil_party_cases_show_procedural_facts_only(
    world: World, client_as: ClientAs
) -> None:
    from nrm.prosecution.actions import civil_party_join

    case = case_with_suspects(world, suspects=1)
    civil_party_join(
        actor=world.actor("prosecutor"),
        case=case,
        kind="RAPPORTEUR",
        joined_on=case.opened_on,
        organisation=world.organisations["Myria"],
    )

    response = client_as("analyst").get("/statistics/civil-party/")

    assert response.status_code == 200
    text = response.content.decode()
    assert case.reference in text
    assert "Sexual exploitation" in text
    assert "Suspect0" not in text
    assert client_as("coordinator").get("/statistics/civil-party/").status_code == 404


@override_settings(NRM_SMALL_CELL=5)
def test_the_home_page_links_to_the_statistics(world: World, client_as: ClientAs) -> None:
    assert "/statistics/" in client_as("analyst").get("/").content.decode()

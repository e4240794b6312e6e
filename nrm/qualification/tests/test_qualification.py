from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from nrm.testing import World

FACTS: dict[str, Any] = {
    "offence_period": {"start": "2023-03-01", "end": "2023-11-30"},
    "victim": {
        "age_at_acts": 34,
        "vulnerabilities": ["IRREGULAR_OR_PRECARIOUS_ADMIN_STATUS"],
        "consent_to_exploitation": True,
        "acted_against_will_for_crimes": None,
    },
    "acts": ["RECRUIT", "HARBOUR"],
    "means": [],
    "purposes": ["WORK_CONTRARY_TO_HUMAN_DIGNITY"],
    "aggravating_facts": [],
    "number_of_victims": 1,
    "attempt_only": False,
}

FORM = {
    "start": "2023-03-01",
    "end": "2023-11-30",
    "age_at_acts": "34",
    "vulnerabilities": ["IRREGULAR_OR_PRECARIOUS_ADMIN_STATUS"],
    "consent": "yes",
    "acts": ["RECRUIT", "HARBOUR"],
    "purposes": ["WORK_CONTRARY_TO_HUMAN_DIGNITY"],
    "weekly_hours": "72",
    "hourly_wage_eur": "3",
    "legal_minimum_hourly_wage_eur": "12.5",
    "housing_degrading": "yes",
    "number_of_victims": "1",
    "jurisdictions": ["BE", "DK", "FI", "PALERMO", "EU2011", "EU2024"],
}


def test_the_api_returns_the_contract_for_every_jurisdiction(
    world: World, client_as: Callable[[str], Client]
) -> None:
    response = client_as("prosecutor").post(
        "/api/v1/qualify", data=json.dumps(FACTS), content_type="application/json"
    )
    assert response.status_code == 200
    results = {r["jurisdiction"]: r for r in response.json()["results"]}
    assert set(results) == {"BE", "DK", "FI", "PALERMO", "EU2011", "EU2024"}
    assert results["BE"]["elements"] == {
        "act": "SATISFIED",
        "means": "NOT_REQUIRED",
        "purpose": "REQUIRES_JUDICIAL_ASSESSMENT",
    }
    assert results["BE"]["result"] == "POSSIBLE_PENDING_ASSESSMENT"


def test_the_api_answers_bad_facts_with_400_and_the_path(
    world: World, client_as: Callable[[str], Client]
) -> None:
    bad = {**FACTS, "acts": ["RECRUIT", "TELEPORT"]}
    response = client_as("inspector").post(
        "/api/v1/qualify", data=json.dumps(bad), content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "acts[1]"
    assert "TELEPORT" in response.json()["error"]["message"]


def test_the_api_refuses_malformed_json_and_strangers(
    world: World, client_as: Callable[[str], Client], client: Client
) -> None:
    response = client_as("inspector").post(
        "/api/v1/qualify", data="{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_json"
    assert (
        client.post("/api/v1/qualify", data="{}", content_type="application/json").status_code
        == 401
    )


def test_the_page_shows_the_laws_side_by_side(
    world: World, client_as: Callable[[str], Client]
) -> None:
    response = client_as("inspector").post("/qualification/", FORM)
    assert response.status_code == 200
    page = response.content.decode()
    for name in ("Belgium", "Denmark", "Finland", "Palermo Protocol"):
        assert name in page
    assert "Requires a judge" in page
    assert "BE-CP-433quinquies" in page


def test_the_page_answers_htmx_with_the_results_fragment(
    world: World, client_as: Callable[[str], Client]
) -> None:
    response = client_as("inspector").post("/qualification/", FORM, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<section id="results"')
    assert "<html" not in page


def test_the_page_explains_bad_facts_at_the_field(
    world: World, client_as: Callable[[str], Client]
) -> None:
    response = client_as("inspector").post("/qualification/", {**FORM, "end": "2022-01-01"})
    assert response.status_code == 400
    assert "before it starts" in response.content.decode()


def test_the_page_speaks_french(world: World, client_as: Callable[[str], Client]) -> None:
    client = client_as("inspector")
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    response = client.post("/qualification/", FORM)
    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()


@pytest.mark.parametrize(("args", "status"), [([], 0), (["--jurisdiction", "XX"], 2)])
def test_the_command_follows_the_contract(tmp_path: Path, args: list[str], status: int) -> None:
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(FACTS))
    done = subprocess.run(  # noqa: S603 — our own CLI
        [sys.executable, "-m", "nrm.cli", "qualify", str(facts), "--json", *args],
        capture_output=True,
        text=True,
        env={"NRM_ENV": "test", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == status, done.stderr
    if status == 0:
        assert json.loads(done.stdout)["results"][0]["jurisdiction"] == "BE"


def test_the_command_exits_2_on_malformed_json(tmp_path: Path) -> None:
    facts = tmp_path / "facts.json"
    facts.write_text("{")
    done = subprocess.run(  # noqa: S603 — our own CLI
        [sys.executable, "-m", "nrm.cli", "qualify", str(facts)],
        capture_output=True,
        text=True,
        env={"NRM_ENV": "test", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip()

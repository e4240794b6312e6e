from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from django.test import Client, override_settings

from nrm import law
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


# ------------------------------------------------------------------ issue 9: the law in force

NEW_CODE_FACTS: dict[str, Any] = {
    **FACTS,
    "offence_period": {"start": "2026-05-01", "end": "2026-11-30"},
    "labour_conditions": {"housing_degrading": True, "weekly_hours": 72},
}


def _api(client: Client, facts: dict[str, Any], query: str = "?jurisdiction=BE") -> Any:
    response = client.post(
        f"/api/v1/qualify{query}", data=json.dumps(facts), content_type="application/json"
    )
    assert response.status_code == 200
    document = response.json()
    jsonschema.validate(document, law.qualification_schema())
    return document["results"]


def test_the_api_qualifies_acts_after_the_cutover_under_the_new_code(
    world: World, client_as: Callable[[str], Client]
) -> None:
    [be] = _api(client_as("prosecutor"), NEW_CODE_FACTS)
    assert (be["ruleset"], be["provision"], be["role"], be["in_force"]) == (
        "BE-2026",
        "BE-CP2026-trafficking",
        "GOVERNING",
        True,
    )
    assert {"article", "level", "fine"} <= set(be["unverified"])
    assert be["penalty"]["level"] == 3
    # Harbouring a person without papers also points to smuggling (same law after the cut-over).
    assert {f["provision"] for f in be["fallback_offences"]} == {
        "BE-SPC-175",
        "BE-CP2026-slum-landlord",
        "BE-ALIENS-77bis",
    }
    spc = next(f for f in be["fallback_offences"] if f["provision"] == "BE-SPC-175")
    assert spc["penalty"]["fine_eur"] == {"min": 6000, "max": 70000}


@override_settings(NRM_BE2026_CUTOVER=date(2026, 7, 1))
def test_the_cutover_is_a_setting(world: World, client_as: Callable[[str], Client]) -> None:
    governing, comparison = _api(client_as("prosecutor"), NEW_CODE_FACTS)
    assert (governing["ruleset"], governing["role"]) == ("BE-2019-07-01", "GOVERNING")
    assert (comparison["ruleset"], comparison["role"]) == ("BE-2026", "LEX_MITIOR_COMPARISON")
    assert governing["lex_mitior_check_required"] is True


def test_the_page_shows_the_new_code_with_its_verification_state(
    world: World, client_as: Callable[[str], Client]
) -> None:
    form = {**FORM, "start": "2026-05-01", "end": "2026-11-30", "jurisdictions": ["BE"]}
    page = client_as("prosecutor").post("/qualification/", form).content.decode()
    assert "art. ? Crim. Code 2024, trafficking in human beings" in page
    assert "UNVERIFIED" in page
    assert "Penalty level 3" in page
    assert "article number" in page
    assert "3 to 5 years" in page
    assert "art. 175 Social Penal Code" in page


def test_the_page_labels_reference_results_and_the_lex_mitior_review(
    world: World, client_as: Callable[[str], Client]
) -> None:
    client = client_as("prosecutor")
    spanning = {**FORM, "start": "2026-01-01", "end": "2026-11-30", "jurisdictions": ["BE"]}
    page = client.post("/qualification/", spanning).content.decode()
    assert "Lex mitior review required" in page
    assert "BE-2019-07-01 governs" in page
    open_ended = {**FORM, "start": "2025-01-01", "end": "", "jurisdictions": ["BE"]}
    page = client.post("/qualification/", open_ended).content.decode()
    assert "For reference only: not in force for this period" in page


def _command(tmp_path: Path, facts: dict[str, Any], **env: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(facts))
    return subprocess.run(  # noqa: S603 — our own CLI
        [sys.executable, "-m", "nrm.cli", "qualify", str(path), "--json", "--jurisdiction", "BE"],
        capture_output=True,
        text=True,
        env={"NRM_ENV": "test", "PATH": "/usr/bin:/bin", **env},
        check=False,
    )


def test_the_command_reads_the_cutover_setting(tmp_path: Path) -> None:
    default = _command(tmp_path, NEW_CODE_FACTS)
    assert json.loads(default.stdout)["results"][0]["ruleset"] == "BE-2026"
    later = _command(tmp_path, NEW_CODE_FACTS, NRM_BE2026_CUTOVER="2026-07-01")
    assert json.loads(later.stdout)["results"][0]["ruleset"] == "BE-2019-07-01"
    text = subprocess.run(  # noqa: S603 — our own CLI
        [sys.executable, "-m", "nrm.cli", "qualify", str(tmp_path / "facts.json")],
        capture_output=True,
        text=True,
        env={"NRM_ENV": "test", "PATH": "/usr/bin:/bin"},
        check=False,
    ).stdout
    assert "UNVERIFIED: article" in text
    assert "level 3; 3 to 5 years" in text


def test_a_malformed_cutover_setting_is_refused_by_name(tmp_path: Path) -> None:
    done = _command(tmp_path, NEW_CODE_FACTS, NRM_BE2026_CUTOVER="8 April")
    assert done.returncode != 0
    assert "NRM_BE2026_CUTOVER" in done.stderr

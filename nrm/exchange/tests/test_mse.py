"""`nrm stats mse`: the UK 2013 check, recovery on generated lists, and bad tables."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from nrm.exchange import mse, synthetic
from nrm.testing import World

UK = Path(__file__).parent / "fixtures" / "uk_2013_nrm_six_lists.csv"


def run(*args: str) -> str:
    out = StringIO()
    call_command("stats", "mse", *args, stdout=out)
    return out.getvalue()


def failing(tmp_path: Path, text: str) -> str:
    path = tmp_path / "table.csv"
    path.write_text(text)
    with pytest.raises(CommandError) as caught:
        run(str(path))
    assert caught.value.returncode == 2
    return str(caught.value)


def test_the_uk_2013_estimate_falls_in_the_home_office_range() -> None:
    """Silverman (2014) for the Home Office: 10,000 to 13,000 victims in 2013 (2,744 seen)."""
    result = json.loads(run(str(UK), "--json"))
    assert result["observed_total"] == 2744
    assert 10_000 <= result["estimated_total"] <= 13_000
    interval = result["interval"]
    assert interval["lower"] < result["estimated_total"] < interval["upper"]
    assert interval["lower"] > 2744
    assert result["model"]["terms"][:7] == ["(Intercept)", "LA", "NG", "PF", "GO", "GP", "NCA"]
    # The police and the National Crime Agency share cases far more than chance would.
    assert "PF:NCA" in result["model"]["interactions"]


def test_the_readable_output_names_the_figures() -> None:
    text = run(str(UK))
    assert "Observed total: 2744" in text
    assert "Estimated total population: " in text
    assert "95% interval (profile likelihood): " in text
    assert "Model: (Intercept) + LA + NG" in text


def test_it_recovers_a_known_population_from_independent_lists() -> None:
    rng = random.Random(4)
    population, probabilities = 3000, (0.2, 0.3, 0.15, 0.25)
    cells: dict[tuple[int, ...], int] = {}
    for _ in range(population):
        pattern = tuple(int(rng.random() < p) for p in probabilities)
        if any(pattern):
            cells[pattern] = cells.get(pattern, 0) + 1
    result = mse.estimate(mse.Table(lists=("A", "B", "C", "D"), cells=cells))
    assert result.lower <= population <= result.upper
    assert abs(result.total - population) / population < 0.1
    assert all(len(term) == 1 for term in result.model.terms)  # no dependence to find


def test_a_list_without_cases_is_refused(tmp_path: Path) -> None:
    message = failing(tmp_path, "A,B,C,count\n1,0,0,5\n0,1,0,7\n1,1,0,2\n")
    assert "The list C has no cases" in message
    assert "column C" in message


def test_too_few_rows_to_fit_are_refused(tmp_path: Path) -> None:
    message = failing(tmp_path, "A,B,C,count\n1,0,0,5\n0,1,0,7\n0,0,1,2\n")
    assert "Too few observed combinations" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A,B,count\n1,0,5\n0,2,3\n", "line 3, column B"),
        ("A,B,count\n1,0,five\n", "line 2, column count"),
        ("A,B,count\n1,0,-1\n", "line 2, column count"),
        ("A,B\n1,0\n", "count column"),
        ("A,count\n1,4\n", "Between 2 and 8 lists"),
        (",".join(f"L{i}" for i in range(9)) + ",count\n", "Between 2 and 8 lists"),
        ("A,B,count\n0,0,4\n", "line 2: A row on no list"),
        ("A,B,count\n1,0,4\n1,0,5\n", "line 3: This combination of lists appears twice"),
        ("A,B,count\n1,0\n", "line 2: This line has 2 cells"),
    ],
)
def test_bad_tables_get_a_clear_error(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in failing(tmp_path, text)


def test_a_missing_or_unreadable_file_is_exit_status_2(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as caught:
        run(str(tmp_path / "none.csv"))
    assert caught.value.returncode == 2
    path = tmp_path / "latin1.csv"
    path.write_bytes("A,B,count\n1,0,5 é\n".encode("latin-1"))
    with pytest.raises(CommandError) as caught:
        run(str(path))
    assert "UTF-8" in str(caught.value)


def test_small_and_dependent_lists_are_warned_about() -> None:
    table = mse.Table(
        lists=("A", "B", "C"),
        cells={(1, 0, 0): 200, (0, 1, 0): 150, (0, 0, 1): 4, (1, 1, 0): 120, (1, 0, 1): 1,
               (0, 1, 1): 1},
    )
    result = mse.estimate(table)
    texts = [w.render() for w in result.warnings]
    assert any("The list C has only 6 cases" in t for t in texts)


@pytest.mark.django_db
def test_the_page_estimates_from_the_platforms_linked_lists(
    world: World, client_as: Callable[[str], Client]
) -> None:
    from nrm.exchange.actions import linkage_keys_refresh

    rng = random.Random(9)
    # 120 persons met by the inspection, the police or a centre, some by two of them; the
    # same human recorded by two organisations is linked into one person.
    people, _b, _truth = synthetic.linkage_lists(120, 0, 0, seed=9)
    for person in people:
        fields = {"given_names": person.names[0], "family_name": person.names[1],
                  "birth_date": person.birth_date,
                  "gender": "Feminine" if person.sex == "F" else "Masculine",
                  "nationalities": list(person.nationalities)}
        met = [p for p, chance in (("inspector", 0.5), ("investigator", 0.4),
                                   ("caseworker_a", 0.5)) if rng.random() < chance]
        for persona in met or ["caseworker_a"]:
            world.person(persona, **fields)
    linkage_keys_refresh(actor=None, actor_label="test")
    response = client_as("analyst").get("/exchange/mse/")
    assert response.status_code == 200
    result = response.context["result"]
    assert result.estimate is not None
    assert result.estimate.observed == 120
    assert result.estimate.total >= 120
    assert list(result.lists) == ["Police", "Labour inspection",
                                                  "Specialised centres"]
    assert "Immigration office" in result.left_out
    assert b"Given0" not in response.content


@pytest.mark.django_db
def test_the_page_explains_when_no_estimate_can_be_made(
    world: World, client_as: Callable[[str], Client]
) -> None:
    world.person("inspector")
    response = client_as("coordinator").get("/exchange/mse/")
    assert response.status_code == 200
    assert response.context["result"].estimate is None
    assert b"No estimate can be made" in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["inspector", "caseworker_a", "prosecutor", "admin"])
def test_the_page_is_404_for_other_roles(
    world: World, client_as: Callable[[str], Client], persona: str
) -> None:
    assert client_as(persona).get("/exchange/mse/").status_code == 404

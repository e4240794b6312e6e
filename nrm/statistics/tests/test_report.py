"""`nrm report annual`: every format, the contract's JSON shape, bad input, nothing half-written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import translation
from pytest_django import DjangoAssertNumQueries

from nrm.statistics.actions import facts_refresh
from nrm.statistics.report import as_json, report_build
from nrm.statistics.tests.support import YEAR, accepted_referral, case_with_suspects
from nrm.testing import World


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def year(world: World) -> int:
    for i in range(8):
        accepted_referral(world, given_names=f"W{i}", gender="Feminine" if i < 6 else "Masculine")
    case_with_suspects(world, suspects=2)
    facts_refresh(actor=None, year=YEAR)
    return YEAR


def run(*args: str) -> None:
    call_command("report", "annual", *args, "--no-progress")


@pytest.mark.parametrize(("fmt", "start"), [
    ("json", b"{"), ("csv", b"Annual report"), ("html", b"<!doctype html>"), ("pdf", b"%PDF"),
    ("xlsx", b"PK"),
])
def test_each_format_is_written(year: int, tmp_path: Path, fmt: str, start: bytes) -> None:
    out = tmp_path / f"report.{fmt}"

    run("--year", str(year), "--format", fmt, "--out", str(out))

    assert out.read_bytes().startswith(start)
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left


def _is_count(value: object) -> bool:
    return value is None or (isinstance(value, int) and value >= 0)


@override_settings(NRM_SMALL_CELL=5)
def test_the_json_has_the_contracts_shape(year: int, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    run("--year", str(year), "--format", "json", "--out", str(out))
    report = json.loads(out.read_text())

    assert set(report) == {"year", "installation", "generated_at", "disclosure", "tables"}
    assert report["year"] == year
    assert report["installation"] == "BE"
    assert report["disclosure"] == {
        "threshold": 5,
        "method": "primary and secondary suppression",
    }
    keys = {"id", "title", "unit", "source", "rows", "columns", "cells", "row_totals",
            "column_totals", "total"}
    ids = set()
    for table in report["tables"]:
        assert set(table) == keys
        assert table["id"] not in ids
        ids.add(table["id"])
        assert len(table["cells"]) == len(table["rows"]) == len(table["row_totals"])
        for row in table["cells"]:
            assert len(row) == len(table["columns"])
            assert all(_is_count(v) for v in row)
        assert len(table["column_totals"]) == len(table["columns"])
        assert _is_count(table["total"])
        # Published values add up where every part is published.
        for row, total in zip(table["cells"], table["row_totals"], strict=True):
            if total is not None and None not in row:
                assert sum(row) == total
    form_sex = next(
        t for t in report["tables"] if t["id"] == "presumed_victims_referred_by_form_and_sex"
    )
    assert form_sex["columns"] == ["FEMALE", "MALE", "OTHER_OR_UNKNOWN"]
    assert form_sex["unit"] == "persons referred to a specialised centre as presumed victims"
    assert form_sex["total"] == 8
    # Two men: suppressed, and with them a complement so they cannot be derived from 8 - 6.
    labour = form_sex["rows"].index("LABOUR")
    assert form_sex["cells"][labour][1] is None
    assert sum(v is None for v in form_sex["cells"][labour] + [form_sex["row_totals"][labour]]) >= 2


def test_a_year_without_data_is_refused_and_nothing_written(year: int, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    with pytest.raises(CommandError, match="no figures for 1990"):
        run("--year", "1990", "--format", "json", "--out", str(out))
    assert not out.exists()


def test_an_unwritable_path_is_refused(year: int, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Cannot write"):
        run("--year", str(year), "--format", "json", "--out", str(tmp_path / "no" / "r.json"))
    with pytest.raises(CommandError, match="Cannot write"):
        run("--year", str(year), "--format", "json", "--out", str(tmp_path))


def test_a_failed_write_keeps_the_previous_file(
    year: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report.json"
    out.write_text("previous")

    def disk_full(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("nrm.statistics.report.os.replace", disk_full)
    with pytest.raises(CommandError, match="No space left"):
        run("--year", str(year), "--format", "json", "--out", str(out))

    assert out.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # the temporary file is gone


def test_an_unknown_format_is_refused(year: int, tmp_path: Path) -> None:
    with pytest.raises(CommandError):
        run("--year", str(year), "--format", "docx", "--out", str(tmp_path / "r.docx"))


def test_refresh_extracts_the_year_first(world: World, tmp_path: Path) -> None:
    accepted_referral(world)
    out = tmp_path / "r.json"

    run("--year", str(YEAR), "--format", "json", "--out", str(out), "--refresh")

    assert json.loads(out.read_text())["year"] == YEAR


PINNED_QUERIES = 35  # 28 + one statement per figure added: 4 in round two, 3 after support


@pytest.mark.parametrize("persons", [3, 9])
def test_the_report_takes_a_fixed_number_of_queries(
    world: World, django_assert_num_queries: DjangoAssertNumQueries, persons: int
) -> None:
    for i in range(persons):
        accepted_referral(world, given_names=f"W{i}")
    facts_refresh(actor=None, year=YEAR)

    # The year check, the generated years and the ten years' totals of every series once;
    # one statement per figure (18) for all its tables (GROUPING SETS on PostgreSQL, UNION
    # ALL elsewhere); the region names once for each of the 5 figures broken down by region;
    # the recommendations; the audit row (its chain head, the row, the head updated, with
    # their savepoints). The count grows neither with the persons nor with the tables.
    with django_assert_num_queries(PINNED_QUERIES):
        report = report_build(None, year=YEAR)
    assert as_json(report)["tables"]

"""`nrm qualify` as the pure core runs it (CONTRACTS.md §1): exit 0 evaluated, 2 invalid."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest

from nrm.law import qualification_schema
from nrm.law.cli import main
from nrm.law.tests.builders import document


def run(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, stdout=out, stderr=err, stdin=io.StringIO(stdin))
    return status, out.getvalue(), err.getvalue()


def test_it_prints_the_json_contract_for_every_jurisdiction(tmp_path: Path) -> None:
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(document()), encoding="utf-8")
    status, out, err = run([str(path), "--json"])
    assert (status, err) == (0, "")
    output = json.loads(out)
    jsonschema.validate(output, qualification_schema())
    assert [r["jurisdiction"] for r in output["results"]] == [
        "BE",
        "DK",
        "FI",
        "PALERMO",
        "EU2011",
        "EU2024",
    ]


def test_it_reads_standard_input_and_one_jurisdiction() -> None:
    status, out, _err = run(["-", "--jurisdiction", "DK"], stdin=json.dumps(document()))
    assert status == 0
    assert out.startswith("DK — § 262 a of the Danish Criminal Code")


def test_an_unknown_enum_value_exits_2_naming_field_and_value() -> None:
    status, out, err = run(["-"], stdin=json.dumps(document(acts=["RECRUT"])))
    assert (status, out) == (2, "")
    assert err.startswith("acts[0]: ")
    assert '"RECRUT"' in err


def test_malformed_json_exits_2() -> None:
    status, _out, err = run(["-"], stdin="{not json")
    assert status == 2
    assert err.startswith("$: ")


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    status, _out, err = run([str(tmp_path / "missing.json")])
    assert status == 2
    assert "Cannot read" in err


def test_an_unknown_jurisdiction_exits_2() -> None:
    with pytest.raises(SystemExit) as exited:
        run(["-", "--jurisdiction", "SE"])
    assert exited.value.code == 2

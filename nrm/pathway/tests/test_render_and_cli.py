"""The readable mode and the command line: exit 0 when evaluated, 2 on invalid input."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from nrm.pathway import parse_simulation, render_text, simulate
from nrm.pathway.cli import main
from nrm.pathway.tests.builders import CONTRACT_SAMPLE, d


def run_cli(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err, stdin=io.StringIO(stdin))
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    path = tmp_path / "events.json"
    path.write_text(json.dumps(CONTRACT_SAMPLE), encoding="utf-8")
    return path


def test_the_text_mode_explains_state_history_and_deadlines() -> None:
    text = render_text(simulate(parse_simulation(CONTRACT_SAMPLE)))
    lines = text.splitlines()
    assert lines[0] == "Pathway BE after all events."
    assert lines[1] == "Current state: TEMPORARY_STAY (temporary stay)."
    assert lines[2] == "History:"
    assert lines[4].startswith(
        "- from 2025-01-10 until 2025-02-01: REFLECTION, decided by IMMIGRATION_OFFICE. "
    )
    assert (
        "- 2025-10-15 TEMPORARY_PERMIT_EXPIRY, for IMMIGRATION_OFFICE: renew or end; "
        "consult prosecutor" in lines
    )


def test_the_text_mode_marks_overdue_deadlines_and_rejected_events() -> None:
    data = {"person": {}, "events": [
        {"date": "2025-01-10", "type": "REFERRED"},
        {"date": "2025-01-10", "type": "REFLECTION_DOCUMENT_ISSUED"},
        {"date": "2025-01-11", "type": "TEMPORARY_PERMIT_RENEWED"},
    ]}  # fmt: skip
    text = render_text(simulate(parse_simulation(data), as_of=d("2025-03-01")))
    assert "Pathway BE on 2025-03-01." in text
    assert "(overdue)" in text
    assert (
        "- event 2, TEMPORARY_PERMIT_RENEWED on 2025-01-11: Temporary permit renewed: "
        "not possible at this step of the pathway (reflection period)." in text
    )


def test_the_text_mode_without_events() -> None:
    text = render_text(simulate(parse_simulation({"person": {}, "events": []})))
    assert text.splitlines() == [
        "Pathway BE after all events.",
        "No event has been applied yet.",
        "No open deadlines.",
    ]


def test_the_text_mode_is_translated() -> None:
    catalogue = {"Current state: %(state)s (%(label)s).": "État actuel : %(state)s (%(label)s).",
                 "temporary stay": "séjour temporaire"}  # fmt: skip
    text = render_text(
        simulate(parse_simulation(CONTRACT_SAMPLE)), lambda message: catalogue.get(message, message)
    )
    assert "État actuel : TEMPORARY_STAY (séjour temporaire)." in text


def test_the_cli_prints_the_contract_json(sample_file: Path) -> None:
    status, out, err = run_cli("simulate", str(sample_file), "--json")
    assert (status, err) == (0, "")
    assert json.loads(out)["state"] == "TEMPORARY_STAY"


def test_the_cli_takes_as_of_and_jurisdiction(sample_file: Path) -> None:
    status, out, _ = run_cli("simulate", str(sample_file), "--as-of", "2025-03-01",
                             "--jurisdiction", "BE", "--json")  # fmt: skip
    assert status == 0
    assert json.loads(out)["state"] == "PROVISIONAL_STAY"


def test_the_cli_reads_standard_input() -> None:
    status, out, _ = run_cli("simulate", "-", stdin=json.dumps(CONTRACT_SAMPLE))
    assert status == 0
    assert out.startswith("Pathway BE after all events.")


def test_refused_events_still_exit_0(tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    path.write_text(json.dumps({"person": {}, "events": [
        {"date": "2025-01-10", "type": "PERMANENT_RESIDENCE_GRANTED"}]}))  # fmt: skip
    status, out, _ = run_cli("simulate", str(path), "--json")
    assert status == 0
    assert json.loads(out)["rejected_events"][0]["index"] == 0


def test_invalid_input_exits_2_naming_field_and_value(tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    path.write_text(json.dumps({"person": {}, "events": [{"date": "2025-01-10", "type": "FOO"}]}))
    assert run_cli("simulate", str(path)) == (
        2,
        "",
        '/events/0/type: Unknown value "FOO" for type.\n',
    )


def test_an_event_of_the_other_jurisdiction_exits_2(sample_file: Path) -> None:
    status, _, err = run_cli("simulate", str(sample_file), "--jurisdiction", "DK")
    assert status == 2
    assert err.splitlines()[0] == (
        "/events/0/type: The event type REFERRED does not exist in the DK pathway."
    )


def test_malformed_json_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    path.write_text('{"person": {}, "events": [}')
    status, _, err = run_cli("simulate", str(path))
    assert status == 2
    assert "is not valid JSON" in err
    assert "line 1, column 27" in err


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    status, _, err = run_cli("simulate", str(tmp_path / "nope.json"))
    assert status == 2
    assert err.startswith("Cannot read ")


@pytest.mark.parametrize(
    "argv",
    [("simulate", "x.json", "--jurisdiction", "FR"), ("simulate", "x.json", "--as-of", "soon")],
)
def test_bad_options_exit_2(argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(list(argv))
    assert exit_.value.code == 2


def test_the_module_runs_without_django(sample_file: Path) -> None:
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['nrm.pathway', 'simulate', {str(sample_file)!r}, '--json']\n"
        "try:\n"
        "    runpy.run_module('nrm.pathway', run_name='__main__')\n"
        "except SystemExit as done:\n"
        "    assert done.code == 0\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'\n"
    )
    completed = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["state"] == "TEMPORARY_STAY"


def test_no_module_of_the_engine_imports_django() -> None:
    django_import = re.compile(r"^\s*(import|from)\s+django\b", re.MULTILINE)
    package = Path(__file__).resolve().parent.parent
    for source in package.rglob("*.py"):
        assert not django_import.search(source.read_text(encoding="utf-8")), source

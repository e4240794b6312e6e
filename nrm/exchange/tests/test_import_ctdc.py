"""`nrm import ctdc`: both layouts, all or nothing, every error with line, column and value."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from nrm.access.models import AuditEvent
from nrm.exchange import ctdc
from nrm.exchange.models import CtdcRecord, ImportBatch
from nrm.exchange.synthetic import ctdc_2020_header, ctdc_2024_header, write_ctdc
from nrm.people.models import Person
from nrm.testing import World

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(*args: str) -> tuple[CommandError, str, str]:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import", *args, stdout=out, stderr=err)
    return caught.value, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("delimiter", "missing"), [(",", "-99"), (";", "-99"), (",", ""), (";", "")]
)
def test_it_imports_the_2020_layout_with_either_delimiter_and_missing_code(
    tmp_path: Path, delimiter: str, missing: str
) -> None:
    path = write_ctdc(
        tmp_path / "g.csv", layout=ctdc.Layout.CTDC_2020, rows=300, delimiter=delimiter,
        missing=missing,
    )
    out, _err = run("ctdc", str(path), "--json")
    report = json.loads(out)
    assert report["source"] == "CTDC_2020"
    assert report["imported"] == 300
    batch = ImportBatch.objects.get()
    assert batch.source == "CTDC_2020"
    assert batch.rows == 300
    assert len(batch.sha256) == 64
    assert CtdcRecord.objects.filter(batch=batch).count() == 300
    # Imported rows never become operational persons.
    assert Person.objects.count() == 0
    audit = AuditEvent.objects.get(action="ctdc_import")
    assert audit.record_id == str(batch.pk)
    assert audit.actor_label.startswith("cli:")


def test_it_imports_the_2024_layout_and_normalises_countries_and_gender(tmp_path: Path) -> None:
    path = tmp_path / "synthetic.csv"
    header = ctdc_2024_header()
    row = dict.fromkeys(header, "")
    row.update(
        yearOfRegistration="2021", gender="Woman", ageBroad="18\u201420", citizenship="ROU",
        CountryOfExploitation="BEL", traffickMonths="0--12 (0-1 yr)", isForcedLabour="1",
        meansDebtBondageEarnings="1", typeOfLabourConstruction="1",
    )
    path.write_text(",".join(header) + "\n" + ",".join(row[n] for n in header) + "\n")
    out, _err = run("ctdc", str(path))
    assert "CTDC_2024: imported 1 rows" in out
    record = CtdcRecord.objects.get()
    assert record.citizenship == "RO"
    assert record.country_of_exploitation == "BE"
    assert record.gender == "Feminine"
    assert record.age_broad == "18--20"
    assert sorted(ctdc.flags_of(record.flags_set)) == [
        "isForcedLabour", "meansDebtBondageEarnings", "typeOfLabourConstruction",
    ]
    # Empty flags are "not known", not "no".
    assert record.flags_known == record.flags_set


def test_a_dry_run_lists_every_error_and_writes_nothing(tmp_path: Path) -> None:
    path = write_ctdc(tmp_path / "g.csv", layout=ctdc.Layout.CTDC_2020, rows=20)
    lines = path.read_text().splitlines()
    header = lines[0].split(",")
    cells = lines[3].split(",")
    cells[header.index("citizenship")] = "XX"
    cells[header.index("isForcedLabour")] = "2"
    lines[3] = ",".join(cells)
    cells = lines[7].split(",")
    cells[header.index("yearOfRegistration")] = "1850"
    lines[7] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n")
    error, out, _err = run_failing("ctdc", str(path), "--dry-run", "--json")
    assert error.returncode == 2
    report = json.loads(out)
    found = {(e["line"], e["column"], e["value"]) for e in report["errors"]}
    assert found == {
        (4, "citizenship", "XX"),
        (4, "isForcedLabour", "2"),
        (8, "yearOfRegistration", "1850"),
    }
    assert ImportBatch.objects.count() == 0
    assert CtdcRecord.objects.count() == 0


def test_a_dry_run_of_a_good_file_reports_counts_and_writes_nothing(tmp_path: Path) -> None:
    path = write_ctdc(tmp_path / "g.csv", layout=ctdc.Layout.CTDC_2024, rows=50)
    out, _err = run("ctdc", str(path), "--dry-run")
    assert "would import 50 rows" in out
    assert ImportBatch.objects.count() == 0
    assert not AuditEvent.objects.filter(action="ctdc_import").exists()


def test_one_bad_row_late_in_the_file_rolls_back_everything(tmp_path: Path) -> None:
    # More rows than one write chunk, so that rows were already written before the error.
    from nrm.exchange import actions

    path = write_ctdc(tmp_path / "g.csv", layout=ctdc.Layout.CTDC_2024, rows=120)
    with path.open("a") as handle:
        handle.write("2020,Robot" + "," * (len(ctdc_2024_header()) - 2) + "\n")
    chunk, actions.CHUNK_ROWS = actions.CHUNK_ROWS, 25
    try:
        error, _out, err = run_failing("ctdc", str(path))
    finally:
        actions.CHUNK_ROWS = chunk
    assert error.returncode == 2
    assert "line 122, column gender, value 'Robot'" in err
    assert CtdcRecord.objects.count() == 0
    assert ImportBatch.objects.count() == 0


def test_an_unknown_column_is_named_with_line_1(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(",".join([*ctdc_2024_header(), "favouriteColour"]) + "\n")
    error, _out, err = run_failing("ctdc", str(path))
    assert error.returncode == 2
    assert "line 1, column favouriteColour" in err
    assert "Unknown column" in err


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(",".join(h for h in ctdc_2020_header() if h != "gender") + "\n")
    _error, _out, err = run_failing("ctdc", str(path))
    assert "column gender" in err
    assert "missing" in err


def test_wrong_encoding_names_the_line(tmp_path: Path) -> None:
    path = write_ctdc(tmp_path / "g.csv", layout=ctdc.Layout.CTDC_2024, rows=5)
    data = path.read_bytes().splitlines(keepends=True)
    data[3] = data[3].replace(b"ROU", "RO\u00dc".encode("latin-1"), 1) if b"ROU" in data[3] else (
        b"2020," + "Ü".encode("latin-1") + data[3][5:]
    )
    path.write_bytes(b"".join(data))
    error, out, _err = run_failing("ctdc", str(path), "--json")
    assert error.returncode == 2
    report = json.loads(out)
    assert report["errors"][0]["line"] == 4
    assert "UTF-8" in report["errors"][0]["message"]
    assert CtdcRecord.objects.count() == 0


def test_malformed_csv_names_the_line(tmp_path: Path) -> None:
    path = write_ctdc(tmp_path / "g.csv", layout=ctdc.Layout.CTDC_2024, rows=3)
    with path.open("a") as handle:
        handle.write('2020,"Woman\n')
    error, out, _err = run_failing("ctdc", str(path), "--json")
    assert error.returncode == 2
    report = json.loads(out)
    assert report["errors"][-1]["line"] >= 5
    assert "CSV" in report["errors"][-1]["message"]


def test_a_row_with_the_wrong_number_of_cells_is_an_error(tmp_path: Path) -> None:
    path = write_ctdc(tmp_path / "g.csv", layout=ctdc.Layout.CTDC_2024, rows=3)
    with path.open("a") as handle:
        handle.write("2020,Woman\n")
    _error, out, _err = run_failing("ctdc", str(path), "--json")
    assert json.loads(out)["errors"] == [
        {"line": 5, "column": "", "value": "2",
         "message": "This line has 2 cells; the header has 27."}
    ]


def test_the_terms_of_use_column_must_stay_empty(tmp_path: Path) -> None:
    path = write_ctdc(tmp_path / "g.csv", layout=ctdc.Layout.CTDC_2020, rows=2)
    lines = path.read_text().splitlines()
    lines[2] = "someone" + lines[2]
    path.write_text("\n".join(lines) + "\n")
    _error, out, _err = run_failing("ctdc", str(path), "--json")
    assert json.loads(out)["errors"][0]["line"] == 3


def test_a_named_caller_needs_the_statistics_duty(tmp_path: Path, world: World) -> None:
    path = write_ctdc(tmp_path / "g.csv", layout=ctdc.Layout.CTDC_2024, rows=2)
    error, _out, _err = run_failing("ctdc", str(path), "--as", "caseworker_a")
    assert error.returncode == 2
    assert ImportBatch.objects.count() == 0
    run("ctdc", str(path), "--as", "analyst")
    batch = ImportBatch.objects.get()
    assert batch.imported_by == world.users["analyst"]
    assert AuditEvent.objects.get(action="ctdc_import").actor_id == world.users["analyst"].pk


def test_an_empty_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("")
    error, _out, err = run_failing("ctdc", str(path))
    assert error.returncode == 2
    assert "empty" in err


def test_flag_spaces_are_tolerated_and_2020_missing_codes_are_not_2024_values(
    tmp_path: Path,
) -> None:
    header = ctdc_2024_header()
    row = dict.fromkeys(header, "")
    row.update(yearOfRegistration="2021", isForcedLabour=" 1 ")
    path = tmp_path / "spaces.csv"
    path.write_text(",".join(header) + "\n" + ",".join(row[n] for n in header) + "\n")
    run("ctdc", str(path))
    assert ctdc.flags_of(CtdcRecord.objects.get().flags_set) == ["isForcedLabour"]
    row.update(isForcedLabour="-99")
    path.write_text(",".join(header) + "\n" + ",".join(row[n] for n in header) + "\n")
    _error, out, _err = run_failing("ctdc", str(path), "--json")
    assert json.loads(out)["errors"][0]["column"] == "isForcedLabour"


def test_the_flag_pattern_cache_never_hides_a_bad_flag(tmp_path: Path) -> None:
    header = ctdc_2024_header()
    row = dict.fromkeys(header, "")
    row.update(yearOfRegistration="2021", isForcedLabour="1", isSexualExploit="0")
    good = ",".join(row[n] for n in header)
    row.update(isSexualExploit="2")
    bad = ",".join(row[n] for n in header)
    path = tmp_path / "cache.csv"
    # The same valid pattern twice (the second from the cache), then one bad flag.
    path.write_text(",".join(header) + f"\n{good}\n{good}\n{bad}\n")
    _error, out, _err = run_failing("ctdc", str(path), "--json", "--dry-run")
    errors = json.loads(out)["errors"]
    assert [(e["line"], e["column"]) for e in errors] == [(4, "isSexualExploit")]
    path.write_text(",".join(header) + f"\n{good}\n{good}\n")
    run("ctdc", str(path))
    flags = [ctdc.flags_of(r.flags_set) for r in CtdcRecord.objects.order_by("line")]
    assert flags == [["isForcedLabour"], ["isForcedLabour"]]
    known = {r.flags_known for r in CtdcRecord.objects.all()}
    assert len(known) == 1
    assert ctdc.flags_of(known.pop()) == ["isForcedLabour", "isSexualExploit"]

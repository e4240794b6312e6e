"""Known vulnerabilities against the vendored advisory snapshot (issue 11, item 13)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from nrm.core import advisories

RECORD = """\
id: PYSEC-2099-1
aliases:
- CVE-2099-0001
affected:
- package:
    name: Some_Package
    ecosystem: PyPI
  ranges:
  - type: ECOSYSTEM
    events:
    - introduced: "0"
    - fixed: "1.4.2"
    - introduced: "2.0"
    - fixed: "2.1"
"""
LAST_AFFECTED = """\
id: PYSEC-2099-2
affected:
- package:
    name: other.package
    ecosystem: PyPI
  ranges:
  - type: ECOSYSTEM
    events:
    - introduced: "3.0"
    - last_affected: "3.2"
"""
WITHDRAWN = """\
id: PYSEC-2099-3
withdrawn: "2099-01-01T00:00:00Z"
affected:
- package:
    name: some-package
    ecosystem: PyPI
  versions:
  - 1.5.0
"""


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """A zip laid out like GitHub's archive of pypa/advisory-database."""
    archive = tmp_path / "advisory-database.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("advisory-database-main/vulns/some-package/PYSEC-2099-1.yaml", RECORD)
        out.writestr("advisory-database-main/vulns/other-package/PYSEC-2099-2.yaml", LAST_AFFECTED)
        out.writestr("advisory-database-main/vulns/some-package/PYSEC-2099-3.yaml", WITHDRAWN)
        out.writestr("advisory-database-main/README.md", "not a record")
    return archive


@pytest.mark.parametrize(
    ("name", "version", "found"),
    [
        ("some-package", "1.4.1", ["PYSEC-2099-1"]),
        ("Some.Package", "1.4.2", []),  # the fixed version; the name normalised
        ("some_package", "2.0.5", ["PYSEC-2099-1"]),  # the second range
        ("some-package", "2.1", []),
        ("some-package", "1.5.0", []),  # only the withdrawn record names it
        ("other-package", "3.2", ["PYSEC-2099-2"]),  # last_affected is included
        ("other-package", "3.2.1", []),
        ("unrelated", "0.1", []),
    ],
)
def test_an_installed_version_is_judged_by_the_ranges(
    database: Path, name: str, version: str, found: list[str]
) -> None:
    snapshot = advisories.build_snapshot(database)
    assert [f.advisory for f in advisories.check(snapshot, [(name, version)])] == found


def test_an_accepted_advisory_is_waived_by_id_or_alias(database: Path) -> None:
    snapshot = advisories.build_snapshot(database)
    assert advisories.check(snapshot, [("some-package", "1.0")], accepted=["CVE-2099-0001"]) == []


def test_refresh_writes_the_snapshot_and_check_fails_on_a_finding(
    database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "advisories.json"
    assert advisories.main(["refresh", "--from", str(database), "--out", str(out)]) == 0
    assert json.loads(out.read_text())["advisories"] == 3
    monkeypatch.setattr(advisories, "installed_distributions", lambda: [("some-package", "1.0")])
    missing = tmp_path / "none.json"
    assert advisories.main(["check", "--snapshot", str(out), "--accepted", str(missing)]) == 1
    accepted = tmp_path / "accepted.json"
    # An entry without a reason does not count.
    accepted.write_text(json.dumps([{"id": "PYSEC-2099-1"}]))
    assert advisories.main(["check", "--snapshot", str(out), "--accepted", str(accepted)]) == 1
    accepted.write_text(json.dumps([{"id": "PYSEC-2099-1", "reason": "no fix; not used"}]))
    assert advisories.main(["check", "--snapshot", str(out), "--accepted", str(accepted)]) == 0


def test_the_vendored_snapshot_knows_old_django_vulnerabilities() -> None:
    snapshot = json.loads(advisories.SNAPSHOT.read_text(encoding="utf-8"))
    assert snapshot["revision"]
    assert advisories.check(snapshot, [("Django", "3.2.0")])  # many fixed since


def test_the_pinned_dependencies_have_no_known_vulnerability() -> None:
    """Every `name==version` pin of pyproject.toml against the snapshot."""
    import tomllib

    project = tomllib.loads((advisories.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = [
        *project["project"]["dependencies"],
        *project["project"]["optional-dependencies"]["dev"],
    ]
    pinned = [tuple(pin.split("==", 1)) for pin in pins]
    assert all(len(pin) == 2 for pin in pinned), "every dependency is pinned"
    names = [(name.split("[")[0], version) for name, version in pinned]
    snapshot = json.loads(advisories.SNAPSHOT.read_text(encoding="utf-8"))
    assert advisories.check(snapshot, names) == []

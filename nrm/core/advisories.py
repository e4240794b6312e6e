"""Known vulnerabilities in the installed packages, checked against a vendored snapshot.

CI reaches the package registries and nothing else, so pip-audit's vulnerability services
(PyPI's per-version JSON, OSV's API) cannot be asked there. Instead the PyPA advisory
database (the source of pip-audit's PYSEC records, OSV format) is reduced to the ranges
of affected versions and kept in `security/advisories.json`:

    python -m nrm.core.advisories refresh --from PATH   # a checkout or zip of
                                                        # github.com/pypa/advisory-database
    python -m nrm.core.advisories check                 # make lint: every installed
                                                        # distribution against the snapshot

Where the network allows, `make audit` runs pip-audit itself against the live services.
An advisory accepted on purpose (no fix yet, code path not used) is listed with its reason
in `security/accepted.json`; anything else fails the check. Pure: no Django.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent.parent
SNAPSHOT = ROOT / "security" / "advisories.json"
ACCEPTED = ROOT / "security" / "accepted.json"


def normalise(name: str) -> str:
    """PEP 503 name: `Django`, `django_otp` and `django.otp` are one project."""
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass(frozen=True)
class Finding:
    package: str
    version: str
    advisory: str
    aliases: tuple[str, ...]
    fixed: tuple[str, ...]

    def __str__(self) -> str:
        fix = ", ".join(self.fixed) or "no fixed version"
        also = f" ({', '.join(self.aliases)})" if self.aliases else ""
        return f"{self.package} {self.version}: {self.advisory}{also}; fixed in {fix}"


def _reduce(record: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(package, compact advisory) for each PyPI package an OSV record affects."""
    for affected in record.get("affected", []):
        package = affected.get("package", {})
        if package.get("ecosystem") != "PyPI":
            continue
        ranges = []
        for span in affected.get("ranges", []):
            if span.get("type") != "ECOSYSTEM":
                continue
            introduced: str | None = None
            for event in span.get("events", []):
                if "introduced" in event:
                    introduced = str(event["introduced"])
                elif introduced is not None and ("fixed" in event or "last_affected" in event):
                    kind = "fixed" if "fixed" in event else "last_affected"
                    ranges.append([introduced, kind, str(event[kind])])
                    introduced = None
            if introduced is not None:
                ranges.append([introduced, "open", ""])
        yield (
            normalise(package["name"]),
            {
                "id": record["id"],
                "aliases": sorted(record.get("aliases") or []),
                "ranges": ranges,
                # Versions named explicitly: kept only when a record has no ranges (the
                # ranges cover them otherwise, and the list is most of the database's size).
                "versions": []
                if ranges
                else sorted({str(v) for v in affected.get("versions", [])}),
                "withdrawn": bool(record.get("withdrawn")),
            },
        )


def _records(source: Path) -> Iterator[dict[str, Any]]:
    import yaml  # bandit's dependency; only the refresh needs it

    def load(text: bytes) -> dict[str, Any]:
        loaded = yaml.safe_load(io.BytesIO(text))
        return loaded if isinstance(loaded, dict) else {}

    if source.is_file():
        with zipfile.ZipFile(source) as archive:
            for name in sorted(archive.namelist()):
                if "/vulns/" in f"/{name}" and name.endswith((".yaml", ".yml")):
                    yield load(archive.read(name))
        return
    for path in sorted((source / "vulns").rglob("*.yaml")):
        yield load(path.read_bytes())


def build_snapshot(source: Path, *, revision: str = "") -> dict[str, Any]:
    packages: dict[str, list[dict[str, Any]]] = {}
    for record in _records(source):
        if "id" not in record:
            continue
        for package, advisory in _reduce(record):
            packages.setdefault(package, []).append(advisory)
    for advisories in packages.values():
        advisories.sort(key=lambda a: a["id"])
    return {
        "source": "https://github.com/pypa/advisory-database",
        "revision": revision,
        "advisories": sum(len(a) for a in packages.values()),
        "packages": dict(sorted(packages.items())),
    }


def _version(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def affects(advisory: dict[str, Any], version: str) -> bool:
    if advisory.get("withdrawn"):
        return False
    if version in advisory["versions"]:
        return True
    installed = _version(version)
    if installed is None:
        return False
    for introduced, kind, bound in advisory["ranges"]:
        low = Version("0") if introduced in {"0", ""} else _version(introduced)
        if low is None or installed < low:
            continue
        if kind == "open":
            return True
        high = _version(bound)
        if high is None:
            continue
        if (kind == "fixed" and installed < high) or (
            kind == "last_affected" and installed <= high
        ):
            return True
    return False


def _fixed(advisory: dict[str, Any]) -> tuple[str, ...]:
    return tuple(bound for _, kind, bound in advisory["ranges"] if kind == "fixed")


def check(
    snapshot: dict[str, Any],
    installed: Iterable[tuple[str, str]],
    accepted: Iterable[str] = (),
) -> list[Finding]:
    """Every advisory that affects an installed (name, version), less the accepted ids."""
    waived = set(accepted)
    findings = []
    for name, version in sorted(installed):
        for advisory in snapshot["packages"].get(normalise(name), []):
            if advisory["id"] in waived or waived & set(advisory["aliases"]):
                continue
            if affects(advisory, version):
                findings.append(
                    Finding(
                        normalise(name),
                        version,
                        advisory["id"],
                        tuple(advisory["aliases"]),
                        _fixed(advisory),
                    )
                )
    return findings


def installed_distributions() -> list[tuple[str, str]]:
    """(name, version) of every distribution in this environment, the project excluded."""
    found = {
        normalise(dist.metadata["Name"]): dist.version
        for dist in metadata.distributions()
        if dist.metadata["Name"]
    }
    found.pop("open-nrm", None)
    return sorted(found.items())


def _accepted_ids(path: Path) -> list[str]:
    if not path.exists():
        return []
    entries = json.loads(path.read_text(encoding="utf-8"))
    # Each entry must say why: an id without a reason is not accepted.
    return [entry["id"] for entry in entries if entry.get("reason")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nrm.core.advisories")
    commands = parser.add_subparsers(dest="command", required=True)
    refresh = commands.add_parser("refresh", help="rebuild the snapshot from the database")
    refresh.add_argument("--from", dest="source", type=Path, required=True)
    refresh.add_argument("--revision", default="", help="the database's commit, recorded")
    refresh.add_argument("--out", type=Path, default=SNAPSHOT)
    verify = commands.add_parser("check", help="installed packages against the snapshot")
    verify.add_argument("--snapshot", type=Path, default=SNAPSHOT)
    verify.add_argument("--accepted", type=Path, default=ACCEPTED)
    args = parser.parse_args(argv)
    if args.command == "refresh":
        snapshot = build_snapshot(args.source, revision=args.revision)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(
            json.dumps(snapshot, indent=0, sort_keys=True, separators=(",", ":")) + "\n",
            encoding="utf-8",
        )
        print(f"{snapshot['advisories']} advisories for {len(snapshot['packages'])} packages")
        return 0
    snapshot = json.loads(args.snapshot.read_text(encoding="utf-8"))
    installed = installed_distributions()
    findings = check(snapshot, installed, _accepted_ids(args.accepted))
    for finding in findings:
        print(f"vulnerable: {finding}", file=sys.stderr)
    revision = snapshot.get("revision", "")[:12] or "unknown revision"
    print(
        f"{len(installed)} installed packages checked against {snapshot['advisories']} "
        f"advisories ({revision}): {len(findings)} known vulnerabilities"
    )
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())

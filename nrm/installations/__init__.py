"""One installation per country: what differs between Belgium and Denmark is data.

An installation serves one country's referral mechanism (DESIGN.md, "Core model"). Its
jurisdiction, pathway, legal rulesets, regions and districts, the organisations a new
installation starts from, language and time zone, periods and targets are read from
`<country>.json` beside this module, chosen by the `NRM_COUNTRY` setting. The same code
runs every country; a new one is a new file (and, where its law differs, a ruleset in
`nrm/law` and a pathway table in `nrm/pathway`).

Pure Python, no Django: the settings module reads it before Django starts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent


class InstallationError(ValueError):
    """The named country has no installation file, or the file is malformed."""


@dataclass(frozen=True, slots=True)
class OrganisationSeed:
    """An organisation a new installation of the country starts from (the demo loads them)."""

    name: str
    short_name: str
    type: str
    region: str | None
    district: str | None
    # Official names in other languages, {"fr": …, "nl": …} (empty where it has one name).
    names: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, eq=False)
class Installation:
    country: str
    # The country's name in English; pages translate it.
    name: str
    # The victim-status pathway every person of this installation follows (nrm/pathway).
    jurisdiction: str
    # The legal rulesets offered first when facts are qualified (nrm/law).
    law_rulesets: tuple[str, ...]
    time_zone: str
    language: str
    # Whether the browser's Accept-Language may override `language` for a visitor who has
    # not chosen a language: yes in multilingual Belgium, no in Denmark, whose pages are
    # Danish unless the reader picks another language.
    browser_language: bool
    regions: tuple[tuple[str, str], ...]
    # (code, name, region code): judicial districts in Belgium, police districts in Denmark.
    districts: tuple[tuple[str, str, str], ...]
    organisations: tuple[OrganisationSeed, ...]
    # Product defaults of the installation (settings may override each).
    inspection_national_target: int
    prosecution_target_default: int
    # The NRM manual whose working text the coordinators start from ("" when none).
    manual: str
    # `PathwayConfig` fields this installation sets (nrm/pathway/config.py); the
    # NRM_PATHWAY_SETTINGS setting still wins over them.
    pathway_settings: dict[str, Any]
    # A short note on where the figures above come from, shown in the docs.
    sources: str


def _organisation(raw: dict[str, Any]) -> OrganisationSeed:
    return OrganisationSeed(
        name=str(raw["name"]),
        short_name=str(raw["short_name"]),
        type=str(raw["type"]),
        region=raw.get("region"),
        district=raw.get("district"),
        names={str(lang): str(name) for lang, name in dict(raw.get("names") or {}).items()},
    )


def parse(data: dict[str, Any]) -> Installation:
    """An installation from its file's content; `InstallationError` names what is wrong."""
    try:
        installation = Installation(
            country=str(data["country"]),
            name=str(data["name"]),
            jurisdiction=str(data["jurisdiction"]),
            law_rulesets=tuple(str(code) for code in data["law_rulesets"]),
            time_zone=str(data["time_zone"]),
            language=str(data["language"]),
            browser_language=bool(data["browser_language"]),
            regions=tuple((str(code), str(name)) for code, name in data["regions"]),
            districts=tuple(
                (str(code), str(name), str(region)) for code, name, region in data["districts"]
            ),
            organisations=tuple(_organisation(raw) for raw in data["organisations"]),
            inspection_national_target=int(data["inspection_national_target"]),
            prosecution_target_default=int(data["prosecution_target_default"]),
            manual=str(data.get("manual", "")),
            pathway_settings=dict(data.get("pathway_settings", {})),
            sources=str(data.get("sources", "")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InstallationError(f"malformed installation file: {exc!r}") from exc
    region_codes = {code for code, _name in installation.regions}
    district_codes = {code for code, _name, _region in installation.districts}
    for code, _name, region in installation.districts:
        if region not in region_codes:
            raise InstallationError(f"district {code} names an unknown region {region}")
    for seed in installation.organisations:
        if seed.region is not None and seed.region not in region_codes:
            raise InstallationError(f"{seed.short_name} names an unknown region {seed.region}")
        if seed.district is not None and seed.district not in district_codes:
            raise InstallationError(f"{seed.short_name} names an unknown district {seed.district}")
    return installation


def countries() -> tuple[str, ...]:
    """The countries that have an installation file."""
    return tuple(sorted(path.stem.upper() for path in _HERE.glob("*.json")))


@cache
def installation_for(country: str) -> Installation:
    code = country.strip().upper()
    path = _HERE / f"{code.lower()}.json"
    if not code.isalpha() or not path.is_file():
        known = ", ".join(countries())
        raise InstallationError(f"no installation for country {country!r} (known: {known})")
    installation = parse(json.loads(path.read_text(encoding="utf-8")))
    if installation.country != code:
        raise InstallationError(f"{path.name} describes {installation.country}, not {code}")
    return installation

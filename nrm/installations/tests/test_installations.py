"""The installation files: one per country, checked when read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from nrm.core.env import ConfigurationError, env_choice
from nrm.installations import InstallationError, countries, installation_for, parse
from nrm.organisations.models import ROLES_BY_ORGANISATION_TYPE
from nrm.pathway import JURISDICTIONS

HERE = Path(__file__).resolve().parent.parent


def test_belgium_and_denmark_are_installed() -> None:
    assert countries() == ("BE", "DK")
    denmark = installation_for("dk")
    assert (denmark.jurisdiction, denmark.language, denmark.time_zone) == (
        "DK",
        "da",
        "Europe/Copenhagen",
    )
    assert not denmark.browser_language
    assert installation_for("BE").language == "en"


@pytest.mark.parametrize("country", ["BE", "DK"])
def test_each_file_names_known_pathways_kinds_and_places(country: str) -> None:
    installation = installation_for(country)
    assert installation.jurisdiction in JURISDICTIONS
    for seed in installation.organisations:
        assert seed.type in ROLES_BY_ORGANISATION_TYPE, seed.short_name


def test_an_unknown_country_is_refused_with_the_known_ones() -> None:
    with pytest.raises(InstallationError, match="known: BE, DK"):
        installation_for("FI")
    with pytest.raises(InstallationError):
        installation_for("../be")


def test_a_district_of_an_unknown_region_is_refused() -> None:
    data: dict[str, Any] = json.loads((HERE / "dk.json").read_text(encoding="utf-8"))
    data["districts"].append(["XX", "Nowhere", "ATLANTIS"])
    with pytest.raises(InstallationError, match="unknown region ATLANTIS"):
        parse(data)
    del data["language"]
    with pytest.raises(InstallationError, match="malformed"):
        parse(data)


def test_nrm_country_must_be_an_installed_country(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NRM_COUNTRY", "dk")
    assert env_choice("NRM_COUNTRY", countries(), "BE") == "DK"
    monkeypatch.setenv("NRM_COUNTRY", "SE")
    with pytest.raises(ConfigurationError, match="one of BE, DK"):
        env_choice("NRM_COUNTRY", countries(), "BE")

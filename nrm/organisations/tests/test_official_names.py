"""Organisations are named in the reader's language where they have an official name in it
(issue 16, plain words): the Belgian federal bodies have one in French, Dutch and German."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from nrm.installations import installation_for
from nrm.organisations.models import Organisation, OrganisationType

pytestmark = pytest.mark.django_db


def _auditorate() -> Organisation:
    seed = next(
        s for s in installation_for("BE").organisations if s.short_name == "Auditorate Liège"
    )
    return Organisation.objects.create(
        name=seed.name, short_name=seed.short_name, names=dict(seed.names),
        type=OrganisationType.PROSECUTION_OFFICE, country="BE",
    )  # fmt: skip


def test_the_page_names_the_organisation_in_the_readers_language() -> None:
    auditorate = _auditorate()
    template = Template("{{ organisation.official_name }}")
    shown = {}
    for language in ("en", "fr", "nl", "de", "da"):
        with translation.override(language):
            shown[language] = template.render(Context({"organisation": auditorate}))
    assert shown == {
        "en": "Labour Auditorate Liège",
        "fr": "Auditorat du travail de Liège",
        "nl": "Arbeidsauditoraat Luik",
        "de": "Arbeitsauditorat Lüttich",
        # No official Danish name: the registered one.
        "da": "Labour Auditorate Liège",
    }


def test_an_organisation_without_official_names_keeps_its_own() -> None:
    payoke = Organisation.objects.create(
        name="Payoke", short_name="Payoke", type=OrganisationType.CENTRE_ADULTS, country="BE"
    )
    with translation.override("fr"):
        assert payoke.official_name() == "Payoke"


def test_the_belgian_federal_bodies_have_their_names_in_the_three_national_languages() -> None:
    federal = [
        seed
        for seed in installation_for("BE").organisations
        if seed.type in {"COORDINATION_UNIT", "IMMIGRATION_OFFICE", "RAPPORTEUR", "POLICE_UNIT"}
    ]
    assert federal
    for seed in federal:
        assert {"fr", "nl", "de"} <= set(seed.names), seed.short_name

"""The Danish installation's NRM manual: the Danish chain's steps (RULES.md §6, the
criminal case under § 262 a and § 262 b), their other names on the workflow pages, and the
Danish working text, in Danish, that the coordination unit starts from."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from nrm.access.models import InvolvementBasis, Purpose
from nrm.coordination import actions, queries
from nrm.coordination.manual_be import BELGIAN_MANUAL
from nrm.coordination.manual_dk import DANISH_MANUAL
from nrm.coordination.models import ManualEntryVersion
from nrm.coordination.steps import (
    CHAINS,
    DANISH_ALIASES,
    DanishManualStep,
    ManualStep,
    manual_step_for,
)
from nrm.core.errors import DomainError
from nrm.identification.actions import identification_decide
from nrm.pathway.rules_dk import DkEvent, DkState
from nrm.prosecution.vocab import CaseStatus
from nrm.protection.actions import pathway_event_record
from nrm.protection.models import PathwayRecord
from nrm.testing import World
from nrm.testing_dk import add_danish_world, danish_installation

ClientAs = Callable[[str], Client]
D = DanishManualStep


@pytest.fixture
def dk(world: World, settings: Any) -> World:
    danish_installation(settings)
    add_danish_world(world)
    return world


def loaded(world: World) -> int:
    return actions.manual_load_working_text(actor=world.actor("koordinator"))


# The steps, without a database ------------------------------------------------------------


def test_the_danish_working_text_covers_every_danish_step_and_no_belgian_one() -> None:
    assert list(DANISH_MANUAL) == list(DanishManualStep)
    assert set(BELGIAN_MANUAL) == set(ManualStep)
    belgian_only = set(ManualStep.values) - set(DanishManualStep.values)
    assert {"PROVISIONAL_STAY", "TEMPORARY_STAY", "HUMANITARIAN_RESIDENCE"} <= belgian_only


def test_every_danish_entry_says_who_what_next_and_on_which_source() -> None:
    # The source keys of RULES.md §9 that §6 and §2.4 cite, or an honest "not verified".
    sourced = re.compile(
        r"CMM-REFL|FT-L129|FT-2008|FT-2007|BSR-TRM|TIP-DK|TV2NORD|CMM-262A|FT-2012|FT-L111"
        r"|UVERIFICERET|\[K"
    )
    for step, entry in DANISH_MANUAL.items():
        assert all(entry[name] for name in ("who", "does", "next_step")), step
        assert sourced.search(entry["legal_basis"]), step
    # The chain's figures as RULES.md §6 states them.
    assert "30 dage" in DANISH_MANUAL[D.REFLECTION]["does"]
    assert "120 dage" in DANISH_MANUAL[D.REFLECTION]["does"]
    assert "§ 9 c, stk. 5" in DANISH_MANUAL[D.INVESTIGATION_PERMIT]["legal_basis"]
    assert "§ 262 b" in DANISH_MANUAL[D.CRIMINAL_CASE]["does"]
    assert "fælles myndighedsaktioner" in DANISH_MANUAL[D.DETECTION]["does"]


def test_every_danish_pathway_state_and_event_and_case_status_has_its_step() -> None:
    named = {*DkState, *DkEvent, *CaseStatus.values}
    missing = sorted(name for name in named if manual_step_for(name, CHAINS["DK"]) is None)
    assert missing == []
    assert all(step in DanishManualStep for step in DANISH_ALIASES.values())


def test_a_name_finds_the_step_of_the_installations_own_chain() -> None:
    danish, belgian = CHAINS["DK"], CHAINS["BE"]
    assert manual_step_for("REFLECTION", danish) is D.REFLECTION
    assert manual_step_for("REFLECTION", belgian) is ManualStep.REFLECTION
    assert manual_step_for("IDENTIFIED", danish) is D.IDENTIFICATION
    assert manual_step_for("RESTITUTION", danish) is D.RESTITUTION
    assert manual_step_for("INVESTIGATION_PERMIT_RENEWED", danish) is (
        D.INVESTIGATION_PERMIT_RENEWAL
    )
    assert manual_step_for("IMMEDIATE_DEPARTURE_SET", danish) is D.IMMEDIATE_DEPARTURE
    assert manual_step_for("STATUS_ENDED", danish) is D.STATUS_END
    assert manual_step_for("INDICTED", danish) is D.CRIMINAL_CASE
    assert manual_step_for("indicted", belgian) is ManualStep.INDICTMENT
    assert manual_step_for("FINAL", danish) is D.COMPENSATION
    # A referral in Denmark leads to the identification by the CMM or the Immigration Service.
    assert manual_step_for("REFERRAL", danish) is D.IDENTIFICATION
    assert manual_step_for("REFERRAL", belgian) is ManualStep.REFERRAL
    # Belgian steps are not Danish ones, and the reverse.
    assert manual_step_for("PROVISIONAL_STAY", danish) is None
    assert manual_step_for("CRIMINAL_CASE", belgian) is None


# In a Danish installation --------------------------------------------------------------------


@pytest.mark.django_db
def test_the_running_installation_chooses_the_chain(world: World, settings: Any) -> None:
    assert manual_step_for("REFLECTION") is ManualStep.REFLECTION
    danish_installation(settings)
    assert manual_step_for("REFLECTION") is D.REFLECTION
    assert manual_step_for("INVESTIGATION_PERMIT") is D.INVESTIGATION_PERMIT


@pytest.mark.django_db
def test_the_danish_working_text_is_loaded_in_danish_once(dk: World) -> None:
    assert loaded(dk) == len(DanishManualStep)
    assert loaded(dk) == 0  # the coordination unit's edits are never overwritten
    versions = ManualEntryVersion.objects.filter(country="DK")
    assert set(versions.values_list("language", "step")) == {
        ("da", step) for step in DanishManualStep.values
    }
    assert all(v.approved_by == dk.users["koordinator"] for v in versions)
    assert not ManualEntryVersion.objects.exclude(country="DK").exists()


@pytest.mark.django_db
def test_a_reader_in_another_language_gets_the_danish_text_marked_as_such(dk: World) -> None:
    loaded(dk)
    entries = queries.manual_entries(dk.actor("cmm"), language="en")
    assert [entry.step for entry in entries] == list(DanishManualStep)
    assert all(entry.fallback and entry.version is not None for entry in entries)
    assert all(entry.version.language == "da" for entry in entries if entry.version)
    mine = queries.manual_entries(dk.actor("cmm"), language="da")
    assert not any(entry.fallback for entry in mine)


@pytest.mark.django_db
def test_the_manual_page_lists_the_danish_chain(dk: World, client_as: ClientAs) -> None:
    loaded(dk)
    page = client_as("udlst").get("/coordination/manual/")
    assert page.status_code == 200
    html = page.content.decode()
    steps = re.findall(r'<section class="card" id="step-([A-Z_]+)"', html)
    assert steps == DanishManualStep.values
    assert "Reflection period (30 days, at most 120 in total)" in html
    assert "udrejsefrist på 30 dage" in html
    assert "shown in Danish" in html
    assert "not an official document" in html
    assert "annex 15" not in html


def _in_danish(client: Client) -> Client:
    client.cookies["django_language"] = "da"
    return client


@pytest.mark.django_db
def test_the_manual_page_reads_in_danish(dk: World, client_as: ClientAs) -> None:
    loaded(dk)
    html = _in_danish(client_as("cmm")).get("/coordination/manual/").text
    assert "NRM-håndbog" in html
    assert "udrejsefrist på 30 dage" in html
    # The reader's language is the text's: no fallback note.
    assert "ikke skrevet på dit sprog" not in html
    assert "not yet written" not in html


def test_the_danish_step_labels_read_in_danish() -> None:
    # Needs the translations of /tmp/tr/denmark.json merged into the catalogue.
    with translation.override("da"):
        labels = {step: str(step.label) for step in DanishManualStep}
    with translation.override("en"):
        english = {step: str(step.label) for step in DanishManualStep}
    untranslated = [english[step] for step in DanishManualStep if labels[step] == english[step]]
    assert untranslated == []
    assert labels[D.REFLECTION] == "Refleksionsperiode (30 dage, højst 120 i alt)"


@pytest.mark.django_db
def test_a_belgian_step_is_no_page_of_the_danish_manual(dk: World, client_as: ClientAs) -> None:
    loaded(dk)
    client = client_as("koordinator")
    assert client.get("/coordination/manual/PROVISIONAL_STAY/").status_code == 404
    assert client.get("/coordination/manual/INVESTIGATION_PERMIT/").status_code == 200
    with pytest.raises(DomainError):
        actions.manual_entry_propose(
            actor=dk.actor("koordinator"),
            step=ManualStep.PROVISIONAL_STAY,
            language="da",
            fields=BELGIAN_MANUAL[ManualStep.PROVISIONAL_STAY],
            change_note="A Belgian step.",
        )
    assert not ManualEntryVersion.objects.filter(step="PROVISIONAL_STAY").exists()


@pytest.mark.django_db
def test_the_danish_coordinator_edits_a_step_and_approves_it(
    dk: World, client_as: ClientAs
) -> None:
    loaded(dk)
    before = queries.manual_entry(D.INVESTIGATION_PERMIT, language="da").version
    assert before is not None
    client = client_as("koordinator")
    client.cookies["django_language"] = "da"
    fields = before.fields() | {"by_when": "Seks måneder ad gangen (produktvalg)."}
    response = client.post(
        "/coordination/manual/INVESTIGATION_PERMIT/",
        {**fields, "change_note": "Gyldigheden præciseret."},
    )
    assert response.status_code == 302
    proposal = ManualEntryVersion.objects.get(step="INVESTIGATION_PERMIT", number=2)
    assert proposal.language == "da"
    listing = client.get("/coordination/manual/").text
    assert "Opholdstilladelse" in listing  # the proposal under its Danish step's name
    assert client.post(f"/coordination/manual/versions/{proposal.pk}/approve/").status_code == 302
    current = queries.manual_entry(D.INVESTIGATION_PERMIT, language="da").version
    assert current is not None
    assert current.pk == proposal.pk
    # Nobody else edits the manual.
    assert client_as("cmm").post(
        "/coordination/manual/INVESTIGATION_PERMIT/",
        {**fields, "change_note": "x"},
    ).status_code in {403, 404}


@pytest.mark.django_db
def test_the_status_page_says_what_happens_next_in_the_danish_chain(
    dk: World, client_as: ClientAs
) -> None:
    loaded(dk)
    person = dk.person("at")
    dk.involve(person, "udlst", Purpose.RESIDENCE_DECISION, InvolvementBasis.DECISION_REQUIRED)
    identification_decide(
        actor=dk.actor("udlst"),
        person=person,
        outcome="POSITIVE",
        reasons="Indicators of forced labour.",
        on=date(2025, 3, 1),
    )
    pathway_event_record(
        actor=dk.actor("udlst"),
        person=person,
        event_type="REFLECTION_STARTED",
        on=date(2025, 3, 2),
        expected_version=PathwayRecord.objects.get(person=person).version,
    )
    html = client_as("udlst").get(f"/protection/{person.reference}/").text
    assert "What happens next, and who does it" in html
    assert 'href="/coordination/manual/#step-REFLECTION"' in html
    assert "From the NRM manual: Reflection period (30 days, at most 120 in total)" in html
    assert "Inden fristen udløber: forlængelse (højst 120 dage i alt)" in html
    assert '<dd lang="da">' in html  # the Danish text marked as such for an English reader


@pytest.mark.django_db
def test_workflow_pages_name_their_danish_step(dk: World) -> None:
    loaded(dk)
    template = Template("{% load nrm_manual %}{% manual_step key %}")
    with translation.override("da"):
        for key, expected in (
            ("REFERRAL", "step-IDENTIFICATION"),
            ("SCREENING", "step-DETECTION"),
            ("INDICTED", "step-CRIMINAL_CASE"),
            ("INVESTIGATION_PERMIT_RENEWED", "step-INVESTIGATION_PERMIT_RENEWAL"),
        ):
            html = template.render(Context({"key": key}))
            assert expected in html, key
            assert "Hvad der sker derefter, og hvem der gør det" in html
        assert template.render(Context({"key": "PROVISIONAL_STAY"})).strip() == ""

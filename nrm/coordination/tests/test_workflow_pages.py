"""Workflow pages show the manual's "what happens next" for their step (the pages wired so
far: referral and hotline detail, screening detail, a person's care page)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from nrm.coordination import actions
from nrm.referrals.tests.builders import refer
from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def test_a_caseworker_sees_what_happens_next_on_a_referral(
    world: World, client_as: ClientAs
) -> None:
    referral = refer(world)
    before = client_as("caseworker_a").get(f"/referrals/{referral.reference}/")
    assert before.status_code == 200
    assert b"What happens next, and who does it" not in before.content  # no manual yet
    actions.manual_load_working_text(actor=world.actor("coordinator"))
    page = client_as("caseworker_a").get(f"/referrals/{referral.reference}/").content.decode()
    assert "What happens next, and who does it" in page
    assert "requests the reflection document (annex 15)" in page
    assert 'href="/coordination/manual/#step-REFERRAL"' in page


def test_a_prosecutor_sees_the_step_of_the_case_files_status(
    world: World, client_as: ClientAs
) -> None:
    from nrm.prosecution.tests.support import opened_case

    case = opened_case(world)
    actions.manual_load_working_text(actor=world.actor("coordinator"))
    page = client_as("prosecutor").get(f"/prosecution/{case.reference}/").content.decode()
    # A registered file waits for the prosecutor's opinion (steps.py ALIASES).
    assert "What happens next, and who does it" in page
    assert "Specialised prosecutor or labour auditor." in page
    assert 'href="/coordination/manual/#step-PROSECUTOR_OPINION"' in page


def test_an_inspector_sees_what_happens_after_a_screening(
    world: World, client_as: ClientAs
) -> None:
    from nrm.inspections.tests.helpers import a_screening, an_inspection, carried_out

    screening = a_screening(world, carried_out(world, an_inspection(world)))
    actions.manual_load_working_text(actor=world.actor("coordinator"))
    page = client_as("inspector").get(f"/inspections/screenings/{screening.reference}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "What happens next, and who does it" in html
    assert 'href="/coordination/manual/#step-DETECTION"' in html
    assert "078/055.800" in html


def test_a_caseworker_sees_the_step_of_the_pathway_on_the_status_page(
    world: World, client_as: ClientAs
) -> None:
    from nrm.protection.tests.support import REFLECTION, involved_person, walk

    person = involved_person(world)
    walk(world, person, REFLECTION)
    before = client_as("caseworker_a").get(f"/protection/{person.reference}/")
    assert before.status_code == 200
    assert b"What happens next, and who does it" not in before.content  # no manual yet
    actions.manual_load_working_text(actor=world.actor("coordinator"))
    html = client_as("caseworker_a").get(f"/protection/{person.reference}/").content.decode()
    assert "What happens next, and who does it" in html
    assert 'href="/coordination/manual/#step-REFLECTION"' in html
    assert "the centre requests the" in html


def test_a_centre_sees_the_manual_on_the_care_page(world: World, client_as: ClientAs) -> None:
    person = world.person("caseworker_a")
    actions.manual_load_working_text(actor=world.actor("coordinator"))
    page = client_as("caseworker_a").get(f"/care/{person.reference}/")
    assert page.status_code == 200
    assert 'href="/coordination/manual/#step-REFLECTION"' in page.content.decode()

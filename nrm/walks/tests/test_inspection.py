"""The labour inspection's part of the chain, in a real browser: the inspector plans an
inspection, carries it out, screens a worker and refers her to a centre; the team lead
follows the team's targets and plans a joint action with the police (nrm/walks/tests/walker.py)."""

from __future__ import annotations

import pytest
from pytest_django.live_server_helper import LiveServer

from nrm.inspections.models import Inspection, JointAction
from nrm.inspections.tests.helpers import YESTERDAY, a_worksite
from nrm.referrals.models import Referral
from nrm.testing import World

from .walker import walking

pytestmark = pytest.mark.browser


def test_the_inspector_screens_a_worker_and_refers_her(
    flushable_audit_trail: None, live_server: LiveServer, world: World
) -> None:
    a_worksite(world)
    with walking(live_server.url, world, "inspector", check_sign_in=True) as (inspector,):
        page = inspector.page
        inspector.follow("nav.main-nav a[href='/inspections/']")
        inspector.follow("a.button[href='/inspections/new/']")
        page.get_by_label("Date").fill(YESTERDAY.isoformat())
        page.get_by_label("Site").select_option(index=1)
        page.get_by_label("Sector (NACE/ISIC section)").select_option("F")
        inspector.submit("main form button[type=submit]")
        assert page.locator("h1").inner_text().startswith("Inspection I-"), page.url

        page.get_by_label("Carried out on").fill(YESTERDAY.isoformat())
        inspector.submit("form[action$='/carry-out/'] button[type=submit]")
        inspector.follow("a.button:has-text('Screen a worker')")
        page.fill("#id_given_names", "Ana")
        page.fill("#id_family_name", "Ionescu")
        page.fill("#id_age", "29")
        page.check("input[name=ilo_fl][value=ILO-FL-07]")
        page.check("input[name=consent][value=CONSENTED]")
        inspector.submit("form.screening-form button[type=submit]")
        assert "/inspections/screenings/" in page.url

        inspector.submit("form[action$='/refer/'] button[type=submit]")
        inspector.follow("a:has-text('Follow the referral')")
        assert page.url.startswith(f"{live_server.url}/referrals/")
        inspector.follow("nav.main-nav a[href='/people/']")
    assert Inspection.objects.get().screenings.count() == 1
    assert Referral.objects.get().referred_organisation == world.organisations["PAG-ASA"]


def test_the_team_lead_plans_a_joint_action_with_the_police_and_follows_the_targets(
    flushable_audit_trail: None, live_server: LiveServer, world: World
) -> None:
    a_worksite(world)
    with walking(live_server.url, world, "teamlead") as (lead,):
        page = lead.page
        lead.follow("nav.main-nav a[href='/inspections/']")
        lead.follow("a.button[href='/inspections/joint-actions/new/']")
        page.get_by_label("Title").fill("Car washes, Anderlecht")
        page.get_by_label("Date").fill(YESTERDAY.isoformat())
        page.get_by_label("Briefing").fill("Meet at 6:00 at the police station.")
        lead.submit("main form button[type=submit]")
        assert "/inspections/joint-actions/" in page.url

        lead.choose("Organisation", "Police")
        page.get_by_label("Role").select_option("POLICE")
        page.get_by_label("Number of people").fill("4")
        lead.submit("form[action$='/participants/'] button[type=submit]")
        assert "Police" in page.locator("main").inner_text()

        lead.follow("a:has-text('Targets')")
        lead.follow("a:has-text('Employers and sites')")
    joint_action = JointAction.objects.get()
    assert joint_action.participants.filter(
        organisation=world.organisations["FJP Brussels"]
    ).exists()

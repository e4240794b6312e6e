"""The mechanism's keepers, in a real browser: the coordination unit records a forum meeting
and follows the action plan and the services directory; the rapporteur reads the figures and
the recommendations; the administrator opens an account (nrm/walks/tests/walker.py)."""

from __future__ import annotations

import pytest
from pytest_django.live_server_helper import LiveServer

from nrm.accounts.models import User
from nrm.coordination.models import ForumMeeting
from nrm.inspections.tests.helpers import YESTERDAY
from nrm.testing import World

from .walker import walking

pytestmark = pytest.mark.browser


def test_the_coordination_unit_records_a_forum_meeting(
    flushable_audit_trail: None, live_server: LiveServer, world: World
) -> None:
    with walking(live_server.url, world, "coordinator") as (coordinator,):
        page = coordinator.page
        coordinator.follow("nav.main-nav a[href='/coordination/']")
        coordinator.follow("main a[href='/coordination/forums/']")
        coordinator.follow("main a[href='/coordination/forums/new/']")
        page.get_by_label("Forum").select_option(index=1)
        page.get_by_label("Date").fill(YESTERDAY.isoformat())
        page.get_by_label("Title").fill("Quarterly meeting of the centres")
        page.locator("input[name=invitees]").first.check()
        coordinator.submit("main form button[type=submit]")
        assert "Quarterly meeting of the centres" in page.locator("main").inner_text()
        coordinator.follow("main a[href='/coordination/plan/']")
        coordinator.follow("main a[href='/coordination/manual/']")
        coordinator.follow("nav.main-nav a[href='/directory/']")
        coordinator.go("/inspections/targets/")
    assert ForumMeeting.objects.get().title == "Quarterly meeting of the centres"


def test_the_rapporteur_reads_the_figures_and_the_recommendations(
    flushable_audit_trail: None, live_server: LiveServer, world: World
) -> None:
    world.person("inspector")
    with walking(live_server.url, world, "analyst") as (rapporteur,):
        rapporteur.go("/statistics/")
        rapporteur.go("/statistics/recommendations/")
        rapporteur.follow("nav.main-nav a[href='/']")
        rapporteur.follow("main a[href='/exchange/']")


def test_the_administrator_opens_an_account(
    flushable_audit_trail: None, live_server: LiveServer, world: World
) -> None:
    with walking(live_server.url, world, "admin") as (admin,):
        page = admin.page
        admin.follow("nav.main-nav a[href='/administration/users/']")
        admin.follow("a.button[href='/administration/users/new/']")
        page.get_by_label("Username").fill("newcomer")
        page.get_by_label("First name").fill("Nora")
        page.get_by_label("Last name").fill("Tester")
        page.get_by_label("E-mail").fill("newcomer@example.invalid")
        admin.choose("Organisation", "Payoke")
        page.get_by_label("Role").select_option("CASEWORKER")
        admin.submit("main form button[type=submit]")
        admin.follow("nav.main-nav a[href='/administration/organisations/']")
        admin.follow("nav.main-nav a[href='/administration/audit/']")
    assert User.objects.filter(username="newcomer").exists()

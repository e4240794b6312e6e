"""The specialised centres' part of the chain, in a real browser: a caseworker accepts a
referral, offers a shelter place and opens a support plan; the director opens a shelter and
decides a referral; the hotline logs a call and refers the caller; the minors' centre takes
a young worker on (nrm/walks/tests/walker.py)."""

from __future__ import annotations

import pytest
from pytest_django.live_server_helper import LiveServer

from nrm.care.actions import shelter_create
from nrm.care.models import Placement, Shelter, SupportPlan
from nrm.referrals.models import HotlineEntry, ReferralStatus
from nrm.referrals.tests.builders import refer
from nrm.testing import World

from .walker import walking

pytestmark = pytest.mark.browser


def test_the_caseworker_accepts_a_referral_shelters_the_person_and_opens_a_plan(
    flushable_audit_trail: None, live_server: LiveServer, world: World
) -> None:
    shelter_create(
        actor=world.actor("director_a"),
        name="Maison Iris",
        address="Rue secrète 1",
        capacities={"WOMEN": 6, "FAMILIES": 2},
    )
    referral = refer(world, centre=world.organisations["PAG-ASA"])
    with walking(live_server.url, world, "caseworker_a") as (caseworker,):
        page = caseworker.page
        caseworker.follow("nav.main-nav a[href='/referrals/']")
        caseworker.follow(f"main a:has-text('{referral.reference}')")
        caseworker.submit("form[action$='/accept/'] button[type=submit]")

        caseworker.follow("a:has-text('Offer a place in your shelter')")
        caseworker.choose("Shelter", "Maison Iris")
        page.get_by_label("Type of place").select_option("WOMEN")
        caseworker.submit("main form button[type=submit]")
        assert page.url.endswith(f"/care/{referral.person.reference}/"), page.url

        caseworker.follow("a.button:has-text('Open a support plan')")
        page.check("input[name=types][value=Health]")
        page.get_by_label("Objectives").fill("A safe place and a doctor.")
        caseworker.submit("main form button[type=submit]")

        caseworker.go(f"/referrals/{referral.reference}/")
        caseworker.follow("a:has-text('Residence status and document requests')")
        caseworker.follow("nav.main-nav a[href='/inbox/']")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    assert Placement.objects.filter(person=referral.person).exists()
    assert SupportPlan.objects.filter(person=referral.person).exists()


def test_the_director_opens_a_shelter_and_declines_a_referral(
    flushable_audit_trail: None, live_server: LiveServer, world: World
) -> None:
    referral = refer(world, centre=world.organisations["PAG-ASA"])
    with walking(live_server.url, world, "director_a") as (director,):
        page = director.page
        director.follow("nav.main-nav a[href='/care/']")
        director.follow("a.button:has-text('Add a shelter')")
        page.get_by_label("Name").fill("Maison Iris")
        page.get_by_label("Address").fill("Rue secrète 1")
        page.get_by_label("Places for women").fill("6")
        director.submit("main form button[type=submit]")
        assert "Maison Iris" in page.locator("main").inner_text()
        director.follow("nav.main-nav a[href='/care/']")

        director.follow("nav.main-nav a[href='/referrals/']")
        director.follow(f"main a:has-text('{referral.reference}')")
        page.get_by_label("Why your centre declines").fill("No place for a woman this week.")
        director.submit("form[action$='/decline/'] button[type=submit]")
        director.follow("nav.main-nav a[href='/people/']")
    assert Shelter.objects.get().name == "Maison Iris"
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED


def test_the_hotline_logs_a_call_and_refers_the_caller(
    flushable_audit_trail: None, live_server: LiveServer, world: World
) -> None:
    with walking(live_server.url, world, "caseworker_b") as (hotline,):
        page = hotline.page
        hotline.follow("nav.main-nav a[href='/referrals/hotline/']")
        hotline.follow("a.button[href='/referrals/hotline/new/']")
        page.get_by_label("Channel").select_option("PHONE")
        hotline.choose("Language of the contact", "Romanian")
        page.get_by_label("Who contacted us").select_option("POTENTIAL_VICTIM")
        page.get_by_label("Summary").fill("Works in a car wash, no pay for two months.")
        page.check("input[name=outcome][value=REFERRAL]")
        page.check("input[name=person_mode][value=new]")
        page.get_by_label("Given names").fill("Ioana")
        page.get_by_label("Family name").fill("Marin")
        page.fill("#id_age", "34")
        page.check("input[name=referral_consent][value=yes]")
        hotline.choose("Region where the person is", "Brussels")
        hotline.submit("main form button[type=submit]")
        assert "/referrals/hotline/" in page.url, page.url
        hotline.follow("nav.main-nav a[href='/referrals/hotline/']")
    assert HotlineEntry.objects.get().referral is not None


def test_the_minors_centre_takes_on_a_young_worker(
    flushable_audit_trail: None, live_server: LiveServer, world: World
) -> None:
    minor = world.person("inspector", given_names="Dani", age_at_first_contact=16)
    referral = refer(
        world, person=minor, centre=world.organisations["Minor-Ndako"], presumed_minor=True
    )
    with walking(live_server.url, world, "caseworker_minors") as (caseworker,):
        caseworker.follow("nav.main-nav a[href='/referrals/']")
        caseworker.follow(f"main a:has-text('{referral.reference}')")
        caseworker.submit("form[action$='/accept/'] button[type=submit]")
        caseworker.follow("a:has-text('Residence status and document requests')")
        caseworker.go(f"/people/{minor.reference}/")
        caseworker.go(f"/consent/{minor.reference}/")
        caseworker.go(f"/care/{minor.reference}/")
        caseworker.follow("nav.main-nav a[href='/protection/deadlines/']")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED

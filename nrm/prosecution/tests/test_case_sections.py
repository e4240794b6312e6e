"""The case page loads its sections on demand and a posted form gets its own section back
(issues 16 item 9 and 17): a small shell, a fixed number of queries for the shell and for
each section whatever the size of the file, the whole page without JavaScript."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from nrm.access.models import AuditEvent
from nrm.prosecution import actions
from nrm.prosecution.models import Asset, CaseFile, CaseVictim
from nrm.prosecution.permissions import Relation as R
from nrm.prosecution.tests.support import (
    TODAY,
    before_the_court,
    charged_suspect,
    fresh,
    last_audit_id,
    named_victim,
    opened_case,
    police_person,
    to_temporary_stay,
    with_investigator,
)
from nrm.prosecution.views.sections import SECTIONS
from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]
HX = {"HX-Request": "true"}

# The budgets, pinned: the page shell (with its decisions section) and each section read
# alone, for the prosecutor of the case. They do not grow with the file (tested below).
# Of these, 17 are every request's and every section's own: the session, the user, the
# second factor, the membership, the case, its audited read (with the persons it names) and
# the actor's part in it.
SHELL_QUERIES = 30
SECTION_QUERIES = {
    "decisions": 29,
    "team": 21,
    "parties": 27,
    "proposals": 20,
    "charges": 25,
    "evidence": 21,
    "hearings": 20,
    "assets": 22,
    "claims": 25,
    "back-pay": 24,
    "state-fund": 21,
    "statements": 21,
}


def _queries(client: Client, url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return len(captured.captured_queries), response.content.decode()


def _grow(world: World, case: CaseFile) -> None:
    """More of everything each section lists."""
    prosecutor = world.actor("prosecutor")
    victim = named_victim(world, case)
    charged_suspect(world, case)
    actions.asset_freeze(actor=prosecutor, case=case, kind="CASH", value_eur="10", frozen_on=TODAY)
    actions.case_opinion_give(
        actor=prosecutor,
        case=fresh(case),
        expected_version=fresh(case).version,
        decided_on=TODAY,
        victim=victim,
        positive=True,
    )
    party = actions.civil_party_join(
        actor=prosecutor, case=case, kind="VICTIM", joined_on=TODAY, victim=victim
    )
    actions.civil_claim_file(
        actor=prosecutor, civil_party=party, amount_claimed_eur="100", filed_on=TODAY
    )
    actions.state_fund_application_file(
        actor=prosecutor, case=case, victim=victim, filed_on=TODAY, amount_requested_eur="50"
    )


def _a_full_case(world: World) -> CaseFile:
    case = opened_case(world)
    victim = named_victim(world, case)
    case = to_temporary_stay(world, case, victim)
    _grow(world, case)
    return case


def test_the_shell_shows_one_section_and_links_to_the_others(
    world: World, client_as: ClientAs
) -> None:
    case = _a_full_case(world)
    _count, html = _queries(client_as("prosecutor"), f"/prosecution/{case.reference}/")
    assert "Next decisions" in html
    # The other sections are read when opened: their forms are not in the shell.
    assert "Freeze an asset" not in html
    assert "Name a victim" not in html
    assert f'hx-get="/prosecution/{case.reference}/sections/assets/"' in html
    assert 'hx-trigger="toggle once"' in html
    assert 'href="?open=assets#assets"' in html


def test_without_javascript_a_section_opens_with_the_page(
    world: World, client_as: ClientAs
) -> None:
    case = _a_full_case(world)
    _count, html = _queries(client_as("prosecutor"), f"/prosecution/{case.reference}/?open=assets")
    assert "Freeze an asset" in html
    assert '<details id="assets" class="case-section" open>' in html
    assert "Next decisions" not in html


def test_every_section_loads_alone_for_each_party(world: World, client_as: ClientAs) -> None:
    case = before_the_court(world, _a_full_case(world))
    parts = {"prosecutor": R.OFFICE, "judge": R.COURT, "investigator": R.INVESTIGATOR}
    for persona, part in parts.items():
        client = client_as(persona)
        for name, section in SECTIONS.items():
            url = f"/prosecution/{case.reference}/sections/{name}/"
            response = client.get(url, headers=HX)
            if part not in section.shown_to:
                # The proposals are the prosecutor's to decide on.
                assert (name, response.status_code) == ("proposals", 404), persona
                continue
            assert response.status_code == 200, (persona, name)
            html = response.content.decode()
            assert "<html" not in html
            assert f'id="section-{name}"' in html
            assert section.title


def test_a_section_answers_404_to_outsiders_and_for_unknown_names(
    world: World, client_as: ClientAs
) -> None:
    case = _a_full_case(world)
    url = f"/prosecution/{case.reference}/sections"
    assert client_as("caseworker_a").get(f"{url}/parties/", headers=HX).status_code == 404
    assert client_as("prosecutor").get(f"{url}/nothing/", headers=HX).status_code == 404


def test_a_section_asked_for_without_htmx_redirects_to_the_page_with_it_open(
    world: World, client_as: ClientAs
) -> None:
    case = _a_full_case(world)
    response = client_as("prosecutor").get(f"/prosecution/{case.reference}/sections/claims/")
    assert response.status_code == 302
    assert response["Location"] == f"/prosecution/{case.reference}/?open=claims#claims"


def test_reading_a_section_is_audited(world: World, client_as: ClientAs) -> None:
    case = _a_full_case(world)
    since = last_audit_id()
    client_as("prosecutor").get(f"/prosecution/{case.reference}/sections/parties/", headers=HX)
    event = AuditEvent.objects.get(pk__gt=since, action="case_section_view")
    assert event.record_id == str(case.pk)


def test_the_shell_and_every_section_take_a_fixed_number_of_queries(
    world: World, client_as: ClientAs
) -> None:
    case = _a_full_case(world)
    client = client_as("prosecutor")
    page = f"/prosecution/{case.reference}/"
    shell, _html = _queries(client, page)
    sections = {
        name: _queries(client, f"{page}sections/{name}/", headers=HX)[0] for name in SECTIONS
    }
    for _ in range(3):
        _grow(world, case)
    assert _queries(client, page)[0] == shell
    for name in SECTIONS:
        assert _queries(client, f"{page}sections/{name}/", headers=HX)[0] == sections[name], name
    assert (shell, sections) == (SHELL_QUERIES, SECTION_QUERIES)


def test_the_shell_is_a_fraction_of_the_whole_file(world: World, client_as: ClientAs) -> None:
    case = _a_full_case(world)
    client = client_as("prosecutor")
    _count, shell = _queries(client, f"/prosecution/{case.reference}/")
    whole = sum(
        len(_queries(client, f"/prosecution/{case.reference}/sections/{name}/", headers=HX)[1])
        for name in SECTIONS
    )
    assert len(shell) < whole / 2


# Forms posted with htmx get their section back -------------------------------------------


def test_a_form_posted_with_htmx_gets_its_section_back_with_a_notice(
    world: World, client_as: ClientAs
) -> None:
    case = opened_case(world)
    with_investigator(world, case)
    person = police_person(world)
    response = client_as("prosecutor").post(
        f"/prosecution/{case.reference}/do/victim/", {"victim-person": person.reference}, headers=HX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="section-parties"' in html
    assert "Victim named." in html
    # The other sections on the page read themselves again; this one keeps its notice.
    triggered = response["HX-Trigger"].split(", ")
    assert "case-changed-decisions" in triggered
    assert "case-changed-parties" not in triggered
    assert CaseVictim.objects.filter(case=case, person=person).exists()


def test_bad_input_posted_with_htmx_comes_back_in_its_section(
    world: World, client_as: ClientAs
) -> None:
    case = opened_case(world)
    response = client_as("prosecutor").post(
        f"/prosecution/{case.reference}/do/freeze/",
        {"freeze-kind": "CASH", "freeze-value_eur": "1.234", "freeze-frozen_on": TODAY},
        headers=HX,
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="section-assets"' in html
    assert "data-swap-errors" in html
    assert "<html" not in html
    assert not Asset.objects.exists()


def test_without_javascript_a_form_redirects_to_the_page_with_its_section_open(
    world: World, client_as: ClientAs
) -> None:
    case = opened_case(world)
    response = client_as("prosecutor").post(
        f"/prosecution/{case.reference}/do/freeze/",
        {"freeze-kind": "CASH", "freeze-value_eur": "12.00", "freeze-frozen_on": TODAY},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/prosecution/{case.reference}/?open=assets#assets"


def test_a_decision_posted_with_htmx_updates_the_status_of_the_page(
    world: World, client_as: ClientAs
) -> None:
    case = opened_case(world)
    response = client_as("prosecutor").post(
        f"/prosecution/{case.reference}/decide/open_investigation/",
        {"open_investigation-version": 1, "open_investigation-decided_on": TODAY},
        headers=HX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="case-status" hx-swap-oob="true"' in html
    assert "Under investigation" in html or "INVESTIGATION" in html.upper()
    # The decision forms now carry the new version.
    assert f'name="dismiss-version" value="{fresh(case).version}"' in html


# Steps of records' workflows through their registries -------------------------------------


def test_an_asset_is_released_through_its_registry_form(world: World, client_as: ClientAs) -> None:
    case = before_the_court(world, opened_case(world))
    asset = actions.asset_freeze(
        actor=world.actor("prosecutor"), case=case, kind="CASH", value_eur="100", frozen_on=TODAY
    )
    url = f"/prosecution/{case.reference}/records/asset/{asset.pk}/release/"
    html = client_as("prosecutor").get(f"/prosecution/{case.reference}/?open=assets").content
    assert url.encode() in html
    assert client_as("investigator").post(url, {}).status_code == 403
    assert client_as("caseworker_a").post(url, {}).status_code == 404
    missing_reason = client_as("prosecutor").post(
        url, {"release-version": 1, "release-released_on": TODAY}, headers=HX
    )
    assert missing_reason.status_code == 400
    done = client_as("judge").post(
        url,
        {"release-version": 1, "release-released_on": TODAY, "release-reason": "Lifted."},
        headers=HX,
    )
    assert done.status_code == 200
    assert "Asset released." in done.content.decode()
    stale = client_as("judge").post(
        url, {"release-version": 1, "release-released_on": TODAY, "release-reason": "Again."}
    )
    assert stale.status_code == 409
    assert Asset.objects.get().status == "RELEASED"
    unknown = f"/prosecution/{case.reference}/records/asset/{asset.pk}/melt/"
    assert client_as("prosecutor").post(unknown, {}).status_code == 404
    nothing = f"/prosecution/{case.reference}/records/spaceship/{asset.pk}/release/"
    assert client_as("prosecutor").post(nothing, {}).status_code == 404


def test_a_guard_refusing_a_step_is_shown_as_text_with_its_reason(
    world: World, client_as: ClientAs
) -> None:
    case = before_the_court(world, opened_case(world))
    actions.asset_freeze(
        actor=world.actor("prosecutor"), case=case, kind="CASH", value_eur="100", frozen_on=TODAY
    )
    html = client_as("judge").get(f"/prosecution/{case.reference}/?open=assets").content.decode()
    assert "Confiscation follows a conviction; this case has none." in html


def test_a_civil_claim_is_awarded_through_its_own_form(world: World, client_as: ClientAs) -> None:
    from nrm.prosecution.models import CivilClaim

    case = before_the_court(world, opened_case(world))
    victim = named_victim(world, case)
    party = actions.civil_party_join(
        actor=world.actor("prosecutor"), case=case, kind="VICTIM", joined_on=TODAY, victim=victim
    )
    claim = actions.civil_claim_file(
        actor=world.actor("prosecutor"), civil_party=party, amount_claimed_eur="900", filed_on=TODAY
    )
    url = f"/prosecution/{case.reference}/records/civil_claim/{claim.pk}/award/"
    # Before the judgment the court's step is refused by its guard.
    refused = client_as("judge").post(
        url, {"award-version": 1, "award-decided_on": TODAY, "award-amount_awarded_eur": "500"}
    )
    assert refused.status_code == 409
    assert CivilClaim.objects.get().status == "FILED"


# Names and the person picker (issue 16 item 1) ---------------------------------------------


def test_victims_and_suspects_are_shown_by_name_to_those_who_see_them(
    world: World, client_as: ClientAs
) -> None:
    case = opened_case(world)
    victim = named_victim(world, case, police_person(world, given_names="Ion", family_name="Rusu"))
    url = f"/prosecution/{case.reference}/sections/parties/"
    html = client_as("prosecutor").get(url, headers=HX).content.decode()
    assert "RUSU Ion" in html
    assert victim.person.reference in html


def test_the_victim_form_takes_a_reference_from_the_person_picker(
    world: World, client_as: ClientAs
) -> None:
    case = opened_case(world)
    with_investigator(world, case)
    person = police_person(world)
    url = f"/prosecution/{case.reference}/do/victim/"
    form = client_as("prosecutor").get(f"/prosecution/{case.reference}/?open=parties")
    assert "/people/picker/" in form.content.decode()
    bad = client_as("prosecutor").post(url, {"victim-person": "Popescu"}, headers=HX)
    assert bad.status_code == 400
    typed = f"  {person.reference.lower()} "
    done = client_as("prosecutor").post(url, {"victim-person": typed}, headers=HX)
    assert done.status_code == 200
    assert CaseVictim.objects.filter(case=case, person=person).exists()

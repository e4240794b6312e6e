"""Who sees which referral: every persona against every kind of referral, page and API.

The table is the specification: a referral is seen by the organisation that made it and
by the centre that received it, and by no one else — not other centres, not prosecutors,
not the coordinator, not the administrator. Everyone else gets a 404 that looks exactly
like a reference that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from nrm.access.models import AuditEvent
from nrm.accounts.actions import api_token_create
from nrm.referrals.actions import referral_decline
from nrm.referrals.tests.builders import refer
from nrm.testing import PERSONAS, World

ClientAs = Callable[[str], Client]
MISSING = "R-ZZZZ-ZZZZ"

# fmt: off
MATRIX: dict[str, tuple[int, ...]] = {
    #                    inspection police_to_b centre_to_minors declined missing
    "inspector":         (200,       404,        404,             200,     404),
    "teamlead":          (200,       404,        404,             200,     404),
    "investigator":      (404,       200,        404,             404,     404),
    "prosecutor":        (404,       404,        404,             404,     404),
    "judge":             (404,       404,        404,             404,     404),
    "caseworker_a":      (200,       404,        200,             200,     404),
    "director_a":        (200,       404,        200,             200,     404),
    "caseworker_b":      (404,       200,        404,             404,     404),
    "caseworker_minors": (404,       404,        200,             404,     404),
    "immigration":       (404,       404,        404,             404,     404),
    "coordinator":       (404,       404,        404,             404,     404),
    "analyst":           (404,       404,        404,             404,     404),
    "admin":             (404,       404,        404,             404,     404),
}
# fmt: on


def make_referrals(world: World) -> list[str]:
    """One referral of each kind, each made the way the mechanism makes it."""
    # An inspector's referral to the Brussels adults' centre.
    inspection = refer(world, "inspector")
    # A police referral to the Flanders adults' centre.
    police = refer(world, "investigator", region=world.organisations["Payoke"].region)
    # A centre passes a minor it met on to the minors' centre.
    minor = world.person("caseworker_a", age_at_first_contact=16, first_contact_on=None)
    centre = refer(world, "caseworker_a", person=minor)
    # Declined: the centre's access to the person ends, the referral stays on its record.
    declined = refer(world, "inspector")
    referral_decline(
        actor=world.actor("caseworker_a"), referral=declined, expected_version=1, reason="Full."
    )
    return [inspection.reference, police.reference, centre.reference, declined.reference, MISSING]


def test_the_matrix_covers_every_persona() -> None:
    assert set(MATRIX) == set(PERSONAS)


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_each_persona_sees_exactly_its_referrals_on_the_page_and_in_the_api(
    world: World, client_as: ClientAs, persona: str
) -> None:
    references = make_referrals(world)
    page = client_as(persona)
    _token, plaintext = api_token_create(actor=world.actor(persona), label="matrix", days=1)
    api = Client(headers={"Authorization": f"Bearer {plaintext}"})
    reads = AuditEvent.objects.filter(action__in=["referral_view", "api_referral_view"]).count()

    seen = tuple(page.get(f"/referrals/{ref}/").status_code for ref in references)
    seen_api = tuple(api.get(f"/api/v1/referrals/{ref}").status_code for ref in references)

    assert seen == MATRIX[persona]
    assert seen_api == MATRIX[persona]
    allowed = sum(1 for status in MATRIX[persona] if status == 200)
    after = AuditEvent.objects.filter(action__in=["referral_view", "api_referral_view"]).count()
    assert after - reads == 2 * allowed


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_lists_name_only_the_personas_referrals(world: World, persona: str) -> None:
    references = make_referrals(world)
    _token, plaintext = api_token_create(actor=world.actor(persona), label="matrix", days=1)
    api = Client(headers={"Authorization": f"Bearer {plaintext}"})

    listed = {r["reference"] for r in api.get("/api/v1/referrals").json().get("results", [])}

    expected = {
        ref for ref, status in zip(references, MATRIX[persona], strict=True) if status == 200
    }
    assert listed == expected

"""Personal API tokens: the settings page, the command line, and every way a token ends."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from nrm.access.context import actor_for
from nrm.access.models import AuditEvent, AuditEventType
from nrm.accounts.actions import api_token_create
from nrm.accounts.models import ApiToken, token_digest
from nrm.administration.actions import (
    membership_end,
    user_password_reset,
    user_set_active,
)
from nrm.organisations.models import Role
from nrm.testing import World, approved_membership

ClientAs = Callable[[str], Client]
SECRET = re.compile(r"nrm_[A-Za-z0-9_-]{40,}")


def bearer(plaintext: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {plaintext}"})


def works(plaintext: str) -> bool:
    return bearer(plaintext).get("/api/v1/persons").status_code == 200


def test_the_page_creates_a_token_shows_its_secret_once_and_lists_it(
    world: World, client_as: ClientAs
) -> None:
    client = client_as("caseworker_a")

    response = client.post("/accounts/tokens/", {"label": "case system", "days": 30})

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    found = SECRET.search(response.content.decode())
    assert found is not None
    plaintext = found.group(0)
    token = ApiToken.objects.get()
    assert token.digest == token_digest(plaintext)  # stored hashed, never in clear
    assert token.membership == world.actor("caseworker_a").membership
    assert works(plaintext)
    listing = client.get("/accounts/tokens/")
    assert listing.status_code == 200
    assert "case system" in listing.content.decode()
    assert plaintext not in listing.content.decode()
    row = AuditEvent.objects.get(action="api_token_create")
    assert row.actor == world.users["caseworker_a"]
    assert (row.record_type, row.record_id) == ("accounts.apitoken", str(token.pk))


@pytest.mark.parametrize(
    "data", [{"label": "", "days": 30}, {"label": "x", "days": 0}, {"label": "x", "days": 366}]
)
def test_the_page_refuses_bad_input_with_400_and_creates_nothing(
    world: World, client_as: ClientAs, data: dict[str, object]
) -> None:
    response = client_as("caseworker_a").post("/accounts/tokens/", data)

    assert response.status_code == 400
    assert not ApiToken.objects.exists()
    assert not AuditEvent.objects.filter(action="api_token_create").exists()


def test_revoking_on_the_page_stops_the_token_and_is_audited(
    world: World, client_as: ClientAs
) -> None:
    token, plaintext = api_token_create(actor=world.actor("inspector"), label="sync", days=30)

    response = client_as("inspector").post(f"/accounts/tokens/{token.pk}/revoke/")

    assert response.status_code == 302
    assert not works(plaintext)
    row = AuditEvent.objects.get(action="api_token_revoke")
    assert (row.event_type, row.record_id) == (AuditEventType.END, str(token.pk))


def test_another_users_token_is_404_on_the_page_and_stays_alive(
    world: World, client_as: ClientAs
) -> None:
    token, plaintext = api_token_create(actor=world.actor("inspector"), label="sync", days=30)

    response = client_as("teamlead").post(f"/accounts/tokens/{token.pk}/revoke/")

    assert response.status_code == 404
    assert works(plaintext)
    assert "sync" not in client_as("teamlead").get("/accounts/tokens/").content.decode()


def test_an_account_without_an_active_membership_gets_403(
    world: World, client_as: ClientAs
) -> None:
    client = client_as("inspector")
    membership = world.actor("inspector").membership
    assert membership is not None
    membership_end(actor=world.actor("admin"), membership=membership)

    response = client.post("/accounts/tokens/", {"label": "sync", "days": 30})

    assert response.status_code == 403
    assert not ApiToken.objects.exists()


def test_a_signed_out_visitor_is_sent_to_sign_in(world: World, client: Client) -> None:
    response = client.get("/accounts/tokens/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# The command line -------------------------------------------------------------------------


def tokens_command(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("tokens", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_the_command_prints_a_working_token_once_and_audits_it(world: World) -> None:
    plaintext, note = tokens_command("create", "prosecutor", "--days", "7", "--label", "cms")

    assert works(plaintext)
    token = ApiToken.objects.get()
    assert "shown only once" in note
    assert token.membership == world.actor("prosecutor").membership
    row = AuditEvent.objects.get(action="api_token_issue")
    assert row.actor is None
    assert row.actor_label.startswith("nrm tokens (command line")
    assert plaintext not in str(row.changes)


def test_the_command_needs_an_organisation_when_the_account_has_several(world: World) -> None:
    approved_membership(
        world,
        user=world.users["teamlead"],
        organisation=world.organisations["FJP Brussels"],
        role=Role.TEAM_LEAD,
    )
    with pytest.raises(CommandError, match="--organisation"):
        tokens_command("create", "teamlead", "--days", "7")
    plaintext, _note = tokens_command(
        "create", "teamlead", "--days", "7", "--organisation", "FJP Brussels"
    )
    assert ApiToken.objects.get().membership.organisation.short_name == "FJP Brussels"
    assert works(plaintext)


@pytest.mark.parametrize("days", ["0", "400"])
def test_the_command_refuses_a_life_outside_one_to_365_days(world: World, days: str) -> None:
    with pytest.raises(CommandError, match="between 1 and 365"):
        tokens_command("create", "prosecutor", "--days", days)
    assert not ApiToken.objects.exists()


def test_the_command_revokes_a_token(world: World) -> None:
    plaintext, _note = tokens_command("create", "prosecutor", "--days", "7")
    token = ApiToken.objects.get()

    tokens_command("revoke", str(token.pk))

    assert not works(plaintext)
    assert AuditEvent.objects.filter(action="api_token_withdraw").count() == 1
    with pytest.raises(CommandError):
        tokens_command("revoke", "999999")


# Tokens end with the account's trust ------------------------------------------------------


def live_token(world: World, persona: str) -> tuple[ApiToken, str]:
    token, plaintext = api_token_create(actor=world.actor(persona), label="sync", days=30)
    assert works(plaintext)
    return token, plaintext


def assert_ended(token: ApiToken, plaintext: str, reason: str) -> None:
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert not works(plaintext)
    row = AuditEvent.objects.get(action="api_token_end", record_id=str(token.pk))
    assert row.changes is not None
    assert row.changes["reason"] == reason


def test_a_password_reset_ends_the_accounts_tokens(world: World) -> None:
    token, plaintext = live_token(world, "inspector")

    user_password_reset(actor=world.actor("admin"), user=world.users["inspector"])

    assert_ended(token, plaintext, "user_password_reset")


def test_deactivating_the_account_ends_its_tokens_for_good(world: World) -> None:
    token, plaintext = live_token(world, "inspector")
    admin = world.actor("admin")

    user_set_active(actor=admin, user=world.users["inspector"], active=False)
    user_set_active(actor=admin, user=world.users["inspector"], active=True)

    assert_ended(token, plaintext, "user_set_active")


def test_ending_a_membership_ends_its_tokens_and_only_its_own(world: World) -> None:
    token, plaintext = live_token(world, "teamlead")
    other = approved_membership(
        world,
        user=world.users["teamlead"],
        organisation=world.organisations["FJP Brussels"],
        role=Role.TEAM_LEAD,
    )
    kept, kept_plaintext = api_token_create(
        actor=actor_for(world.users["teamlead"], other), label="police", days=30
    )
    membership = world.actor("teamlead").membership
    assert membership is not None

    membership_end(actor=world.actor("admin"), membership=membership)

    assert_ended(token, plaintext, "membership_end")
    assert works(kept_plaintext)
    kept.refresh_from_db()
    assert kept.revoked_at is None

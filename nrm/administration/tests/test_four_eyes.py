"""The administrator is not a back door to case data (issue 11, item 1).

Four eyes on every membership that opens case data, nobody grants such a role to
themselves or approves their own request, the organisation's heads hear of it, and the
last administrator cannot leave.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from django.core.mail import EmailMessage
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from nrm.access.context import actor_for
from nrm.access.models import AuditEvent
from nrm.accounts.actions import api_token_create
from nrm.accounts.models import ApprovalState, MembershipApproval, User
from nrm.accounts.queries import effective_memberships
from nrm.administration.actions import (
    membership_approve,
    membership_end,
    membership_grant,
    membership_refuse,
    user_create,
)
from nrm.core.errors import Conflict, PermissionDenied
from nrm.organisations.models import Membership, Role
from nrm.testing import PASSWORD, World, signed_in

ClientAs = Callable[[str], Client]
Capture = Callable[..., AbstractContextManager[list[Callable[[], object]]]]


def with_second_admin(world: World) -> None:
    """Register the world's second administrator as a persona `client_as` can sign in."""
    world.users["admin2"] = world.approver.user
    world.actors["admin2"] = world.approver
    world.devices["admin2"] = TOTPDevice.objects.create(
        user=world.approver.user, name="test", confirmed=True
    )


def newcomer(world: World) -> User:
    user, _password = user_create(
        actor=world.actor("admin"),
        username="nadia",
        first_name="Nadia",
        last_name="Nieuw",
        email="nadia@example.invalid",
        password=PASSWORD,
    )
    return user


def director_grant(world: World, user: User) -> Membership:
    return membership_grant(
        actor=world.actor("admin"),
        user=user,
        organisation=world.organisations["PAG-ASA"],
        role=Role.CENTRE_DIRECTOR,
    )


def test_a_case_data_role_gives_no_access_until_a_second_administrator_approves(
    world: World, mailoutbox: list[EmailMessage], django_capture_on_commit_callbacks: Capture
) -> None:
    user = newcomer(world)
    with django_capture_on_commit_callbacks(execute=True):
        membership = director_grant(world, user)

    assert MembershipApproval.objects.get(membership=membership).state == ApprovalState.PENDING
    assert list(effective_memberships(user.pk)) == []
    # The organisation's head and the other administrator hear of it at once.
    told = {address for mail in mailoutbox for address in mail.to}
    assert {"director_a@example.invalid"} <= told
    assert world.approver.user.email in told or world.approver.user.email == ""

    with django_capture_on_commit_callbacks(execute=True):
        membership_approve(actor=world.approver, membership=membership)

    assert list(effective_memberships(user.pk)) == [membership]
    row = AuditEvent.objects.get(action="membership_approve", record_id=str(membership.pk))
    assert row.actor == world.approver.user
    assert row.changes is not None
    assert row.changes["requested_by"] == world.users["admin"].pk
    approved = [m for m in mailoutbox if "approved by admin2" in str(m.body)]
    assert {address for mail in approved for address in mail.to} == {
        "director_a@example.invalid",
        "nadia@example.invalid",
    }


def test_a_pending_membership_acts_neither_in_pages_nor_through_a_token(
    world: World, client: Client
) -> None:
    user = newcomer(world)
    membership = director_grant(world, user)
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    world.users["nadia"], world.devices["nadia"] = user, device
    world.actors["nadia"] = actor_for(user, membership)

    page = signed_in(client, world, "nadia").get("/")
    assert page.wsgi_request.actor.membership is None  # type: ignore[attr-defined]
    _token, plaintext = api_token_create(actor=actor_for(user, membership), label="x", days=1)
    api = Client(headers={"Authorization": f"Bearer {plaintext}"})
    assert api.get("/api/v1/persons").status_code == 401

    membership_approve(actor=world.approver, membership=membership)

    assert client.get("/").wsgi_request.actor.membership == membership  # type: ignore[attr-defined]
    assert api.get("/api/v1/persons").status_code == 200


def test_the_requesting_administrator_cannot_approve_their_own_request(
    world: World, client_as: ClientAs
) -> None:
    membership = director_grant(world, newcomer(world))

    with pytest.raises(PermissionDenied):
        membership_approve(actor=world.actor("admin"), membership=membership)
    response = client_as("admin").post(
        f"/administration/users/{membership.user_id}/approve-membership/",
        {"membership": membership.pk},
    )

    assert response.status_code == 403
    assert MembershipApproval.objects.get(membership=membership).state == ApprovalState.PENDING
    assert not AuditEvent.objects.filter(
        action="membership_approve", record_id=str(membership.pk)
    ).exists()


def test_an_administrator_cannot_give_themselves_a_case_data_role(
    world: World, client_as: ClientAs
) -> None:
    admin = world.users["admin"]
    with pytest.raises(PermissionDenied):
        director_grant(world, admin)

    response = client_as("admin").post(
        f"/administration/users/{admin.pk}/",
        {"organisation": world.organisations["PAG-ASA"].pk, "role": Role.CENTRE_DIRECTOR},
    )

    assert response.status_code == 403
    assert not Membership.objects.filter(user=admin, role=Role.CENTRE_DIRECTOR).exists()


def test_an_administrator_cannot_approve_a_case_role_granted_to_themselves(
    world: World,
) -> None:
    # The second administrator grants the first one a director's role...
    membership = membership_grant(
        actor=world.approver,
        user=world.users["admin"],
        organisation=world.organisations["PAG-ASA"],
        role=Role.CENTRE_DIRECTOR,
    )
    # ...which the first one cannot approve for themselves.
    with pytest.raises(PermissionDenied):
        membership_approve(actor=world.actor("admin"), membership=membership)
    mine = effective_memberships(world.users["admin"].pk)
    assert not mine.filter(role=Role.CENTRE_DIRECTOR).exists()


def test_a_role_without_case_data_needs_no_second_administrator(world: World) -> None:
    user = newcomer(world)
    membership = membership_grant(
        actor=world.actor("admin"),
        user=user,
        organisation=world.organisations["Myria"],
        role=Role.ANALYST,
    )

    assert list(effective_memberships(user.pk)) == [membership]
    assert not MembershipApproval.objects.filter(membership=membership).exists()


def test_the_second_administrator_approves_on_the_page(
    world: World, client_as: ClientAs
) -> None:
    with_second_admin(world)
    membership = director_grant(world, newcomer(world))
    url = f"/administration/users/{membership.user_id}/"

    assert "Approve" in client_as("admin2").get(url).content.decode()
    response = client_as("admin2").post(f"{url}approve-membership/", {"membership": membership.pk})

    assert response.status_code == 302
    assert MembershipApproval.objects.get(membership=membership).state == ApprovalState.APPROVED


def test_approving_needs_a_membership_of_that_account(world: World, client_as: ClientAs) -> None:
    with_second_admin(world)
    membership = director_grant(world, newcomer(world))
    other = world.users["caseworker_b"].pk
    admin2 = client_as("admin2")

    wrong_account = f"/administration/users/{other}/approve-membership/"
    right_account = f"/administration/users/{membership.user_id}/approve-membership/"
    assert admin2.post(wrong_account, {"membership": membership.pk}).status_code == 404
    assert admin2.post(right_account, {"membership": "x"}).status_code == 404
    assert MembershipApproval.objects.get(membership=membership).state == ApprovalState.PENDING


def test_a_refused_membership_ends_unused_and_cannot_be_approved_after(world: World) -> None:
    membership = director_grant(world, newcomer(world))

    membership_refuse(actor=world.approver, membership=membership)

    membership.refresh_from_db()
    assert membership.ended_at is not None
    with pytest.raises(Conflict):
        membership_approve(actor=world.approver, membership=membership)
    assert AuditEvent.objects.filter(action="membership_refuse").count() == 1


def test_the_last_administrator_cannot_end_their_own_membership(
    world: World, client_as: ClientAs
) -> None:
    second = world.approver.membership
    assert second is not None
    membership_end(actor=world.actor("admin"), membership=second)
    own = world.actor("admin").membership
    assert own is not None

    with pytest.raises(Conflict):
        membership_end(actor=world.actor("admin"), membership=own)
    response = client_as("admin").post(
        f"/administration/users/{own.user_id}/end-membership/", {"membership": own.pk}, follow=True
    )

    assert "You are the last administrator" in response.content.decode()
    own.refresh_from_db()
    assert own.ended_at is None


def test_an_administrator_may_leave_while_another_remains(world: World) -> None:
    own = world.actor("admin").membership
    assert own is not None

    membership_end(actor=world.actor("admin"), membership=own)

    own.refresh_from_db()
    assert own.ended_at is not None

"""Accounts and memberships, as the platform administrator manages them."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from django.core.mail import EmailMessage
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from nrm.access.models import AuditEvent, AuditEventType
from nrm.accounts.models import User
from nrm.organisations.models import Membership, Role
from nrm.testing import PASSWORD, PERSONAS, World

if TYPE_CHECKING:
    pass

Capture = Callable[..., AbstractContextManager[list[Callable[[], object]]]]

ADMIN_PAGES = (
    "/administration/users/",
    "/administration/users/new/",
    "/administration/users/{user}/",
    "/administration/organisations/",
    "/administration/audit/",
)
ADMIN_COMMANDS = (
    "reset",
    "unlock",
    "deactivate",
    "activate",
    "end-membership",
    "approve-membership",
    "refuse-membership",
)


def new_user_form(world: World, **fields: object) -> dict[str, object]:
    form: dict[str, object] = {
        "username": "nina.nieuw",
        "first_name": "Nina",
        "last_name": "Nieuw",
        "email": "nina@example.invalid",
        "organisation": world.organisations["PAG-ASA"].pk,
        "role": Role.CASEWORKER,
    }
    form.update(fields)
    return form


def recovery_link_in(mail: EmailMessage) -> str:
    found = re.search(r"https?://\S+/accounts/recover/\S+/", str(mail.body))
    assert found is not None
    return found.group(0)


def audit_count() -> int:
    return AuditEvent.objects.count()


def last_event_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_only_the_administrator_reaches_the_administration_pages(
    world: World, client_as: Callable[[str], Client]
) -> None:
    target = world.users["caseworker_b"].pk
    pages = [page.format(user=target) for page in ADMIN_PAGES]
    admin = client_as("admin")
    for page in pages:
        assert admin.get(page).status_code == 200, page
    for persona in sorted(set(PERSONAS) - {"admin"}):
        client = client_as(persona)
        for page in pages:
            assert client.get(page).status_code == 404, (persona, page)
            assert client.post(page, {}).status_code == 404, (persona, page)
        for command in ADMIN_COMMANDS:
            url = f"/administration/users/{target}/{command}/"
            assert client.post(url).status_code == 404, (persona, url)
    target_user = User.objects.get(pk=target)
    assert target_user.is_active
    assert not target_user.must_change_password


def test_strangers_are_sent_to_sign_in(world: World) -> None:
    response = Client().get("/administration/users/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_creating_an_account_mails_its_owner_a_link_and_shows_the_administrator_no_password(
    world: World,
    client_as: Callable[[str], Client],
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    admin = client_as("admin")
    last = last_event_id()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post("/administration/users/new/", new_user_form(world))
    assert response.status_code == 302

    user = User.objects.get(username="nina.nieuw")
    assert not user.has_usable_password()  # the administrator holds no credential
    assert (user.first_name, user.last_name, user.email) == (
        "Nina",
        "Nieuw",
        "nina@example.invalid",
    )
    membership = Membership.objects.get(user=user)
    assert (membership.organisation, membership.role) == (
        world.organisations["PAG-ASA"],
        Role.CASEWORKER,
    )
    assert membership.ended_at is None
    actions = list(AuditEvent.objects.filter(id__gt=last))
    assert sorted(e.action for e in actions) == ["membership_grant", "user_create"]
    assert all(e.actor == world.users["admin"] for e in actions)
    welcome = [m for m in mailoutbox if m.to == ["nina@example.invalid"]]
    assert len(welcome) == 1
    link = recovery_link_in(welcome[0])
    assert link.startswith("http://testserver/accounts/recover/")
    # The link is nowhere in the administrator's pages.
    detail = admin.get(f"/administration/users/{user.pk}/").content.decode()
    listing = admin.get("/administration/users/").content.decode()
    assert link.removeprefix("http://testserver") not in detail + listing
    assert "nina.nieuw" in listing


def test_a_taken_username_is_refused_and_nothing_is_created(
    world: World, client_as: Callable[[str], Client]
) -> None:
    admin = client_as("admin")
    users, memberships, events = User.objects.count(), Membership.objects.count(), audit_count()
    # Usernames are compared without case: "Inspector" is the inspector's.
    response = admin.post("/administration/users/new/", new_user_form(world, username="Inspector"))
    assert response.status_code == 400
    assert "That username is taken." in response.content.decode()
    assert (User.objects.count(), Membership.objects.count(), audit_count()) == (
        users,
        memberships,
        events,
    )


def test_a_role_foreign_to_the_organisation_refuses_the_whole_account(
    world: World, client_as: Callable[[str], Client]
) -> None:
    admin = client_as("admin")
    users, memberships, events = User.objects.count(), Membership.objects.count(), audit_count()
    # A centre has caseworkers and a director, never a prosecutor.
    response = admin.post("/administration/users/new/", new_user_form(world, role=Role.PROSECUTOR))
    assert response.status_code == 400
    assert "does not exist in an organisation of type" in response.content.decode()
    # The account was created before the membership was refused: both roll back together.
    assert not User.objects.filter(username="nina.nieuw").exists()
    assert (User.objects.count(), Membership.objects.count(), audit_count()) == (
        users,
        memberships,
        events,
    )


def test_incomplete_account_forms_are_refused(
    world: World, client_as: Callable[[str], Client]
) -> None:
    admin = client_as("admin")
    users = User.objects.count()
    for bad in ({"username": "two words"}, {"email": "not-an-address"}, {"organisation": 999999}):
        response = admin.post("/administration/users/new/", new_user_form(world, **bad))
        assert response.status_code == 400, bad
    assert User.objects.count() == users


def test_a_membership_is_added_on_the_account_page_if_the_role_fits(
    world: World, client_as: Callable[[str], Client]
) -> None:
    admin = client_as("admin")
    user = world.users["caseworker_b"]
    url = f"/administration/users/{user.pk}/"
    refused = admin.post(url, {"organisation": world.organisations["Myria"].pk, "role": Role.JUDGE})
    assert refused.status_code == 400
    again = admin.post(
        url, {"organisation": world.organisations["Payoke"].pk, "role": "CASEWORKER"}
    )
    assert again.status_code == 409  # already holds that role there
    response = admin.post(
        url, {"organisation": world.organisations["Payoke"].pk, "role": Role.CENTRE_DIRECTOR}
    )
    assert response.status_code == 302
    roles = set(
        Membership.objects.filter(user=user, ended_at__isnull=True).values_list("role", flat=True)
    )
    assert roles == {Role.CASEWORKER, Role.CENTRE_DIRECTOR}


def test_a_reset_ends_sessions_and_factor_and_only_the_owner_can_choose_a_password(
    world: World,
    client_as: Callable[[str], Client],
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    admin = client_as("admin")
    user = world.users["caseworker_b"]
    session = client_as("caseworker_b")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(f"/administration/users/{user.pk}/reset/")
    assert response.status_code == 302
    page = admin.get(response["Location"]).content.decode()
    assert "receives an e-mail with a link" in page

    user.refresh_from_db()
    assert not user.has_usable_password()
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(action="user_password_reset", record_id=str(user.pk)).exists()
    # Whoever was signed in as the account is signed out.
    assert session.get("/")["Location"].startswith("/accounts/login/")
    # The old password no longer works, and the administrator was shown none.
    step = Client().post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert step.status_code == 200
    # The owner is told, and the link lets them alone choose a password, then enrol.
    (mail,) = [m for m in mailoutbox if m.to == [user.email]]
    assert "admin" in mail.body
    client = Client()
    link = recovery_link_in(mail)
    assert client.get(link).status_code == 200
    chosen = "a new sentence of my very own"
    step = client.post(link, {"new_password1": chosen, "new_password2": chosen})
    assert step["Location"] == "/accounts/enrol/"
    user.refresh_from_db()
    assert user.check_password(chosen)
    # The link works once.
    assert Client().get(link).status_code == 404


def test_the_recovery_page_refuses_a_bad_password_with_400(
    world: World,
    client_as: Callable[[str], Client],
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    user = world.users["caseworker_b"]
    with django_capture_on_commit_callbacks(execute=True):
        client_as("admin").post(f"/administration/users/{user.pk}/reset/")
    link = recovery_link_in(mailoutbox[-1])

    response = Client().post(link, {"new_password1": "12345678901234", "new_password2": "x"})

    assert response.status_code == 400
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_a_deactivated_account_is_signed_out_and_cannot_sign_in(
    world: World, client_as: Callable[[str], Client]
) -> None:
    admin = client_as("admin")
    user = world.users["caseworker_b"]
    session = client_as("caseworker_b")
    assert session.get("/").status_code == 200

    response = admin.post(f"/administration/users/{user.pk}/deactivate/")
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_active
    event = AuditEvent.objects.get(action="user_set_active", record_id=str(user.pk))
    assert event.changes == {"is_active": {"old": True, "new": False}}

    assert session.get("/")["Location"].startswith("/accounts/login/")
    step = Client().post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert step.status_code == 200
    assert "The username or password is not right." in step.content.decode()

    assert admin.post(f"/administration/users/{user.pk}/activate/").status_code == 302
    user.refresh_from_db()
    assert user.is_active


def test_the_administrator_cannot_deactivate_their_own_account(
    world: World, client_as: Callable[[str], Client]
) -> None:
    admin = client_as("admin")
    me = world.users["admin"]
    response = admin.post(f"/administration/users/{me.pk}/deactivate/", follow=True)
    assert "You cannot deactivate your own account." in response.content.decode()
    me.refresh_from_db()
    assert me.is_active
    assert not AuditEvent.objects.filter(action="user_set_active").exists()
    assert admin.get("/administration/users/").status_code == 200


def test_ending_a_membership_keeps_it_on_record(
    world: World, client_as: Callable[[str], Client]
) -> None:
    admin = client_as("admin")
    user = world.users["caseworker_b"]
    membership = Membership.objects.get(user=user)
    url = f"/administration/users/{user.pk}/end-membership/"
    other = Membership.objects.get(user=world.users["caseworker_a"])
    assert admin.post(url, {"membership": other.pk}).status_code == 404  # not this user's
    assert admin.post(url, {"membership": "x"}).status_code == 404

    assert admin.post(url, {"membership": membership.pk}).status_code == 302
    membership.refresh_from_db()
    assert membership.ended_at is not None
    event = AuditEvent.objects.get(action="membership_end")
    assert (event.event_type, event.record_id) == (AuditEventType.END, str(membership.pk))
    # Without a membership the account acts for no organisation any more.
    page = client_as("caseworker_b").get("/")
    assert "Specialised centre" not in page.content.decode()


def test_an_unknown_command_or_account_is_not_found(
    world: World, client_as: Callable[[str], Client]
) -> None:
    admin = client_as("admin")
    user = world.users["caseworker_b"]
    assert admin.post(f"/administration/users/{user.pk}/delete/").status_code == 404
    assert admin.post("/administration/users/999999/reset/").status_code == 404
    assert admin.get("/administration/users/999999/").status_code == 404
    assert admin.get(f"/administration/users/{user.pk}/reset/").status_code == 405


def test_the_audit_page_verifies_the_chain(
    world: World, client_as: Callable[[str], Client]
) -> None:
    admin = client_as("admin")
    page = admin.get("/administration/audit/")
    assert page.status_code == 200
    assert "The chain is intact" not in page.content.decode()
    assert "user_create" in page.content.decode()
    checked = admin.post("/administration/audit/")
    assert checked.status_code == 200
    assert "The chain is intact" in checked.content.decode()
    assert f"{AuditEvent.objects.count()} rows checked" in checked.content.decode()

"""Signing in: the password, then the second factor; enrolment, demo mode, sessions.

Throttling of failures is in test_throttle.py."""

from __future__ import annotations

import base64
import re
import time
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from nrm.access.models import AuditEvent, AuditEventType
from nrm.accounts.models import User
from nrm.administration.actions import user_create
from nrm.organisations.models import Role
from nrm.testing import PASSWORD, World, approved_membership

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

WRONG_PASSWORD = "not the password at all"

ONE_TIME_PASSWORD = "one-time-handed-over-in-person"


def current_code(key: bytes, step: int = 30, drift: int = 0) -> str:
    totp = TOTP(key, step, 0, 6, drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def device_code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return current_code(device.bin_key, device.step, device.drift)


def wrong_code(key: bytes) -> str:
    """Six digits that are none of the codes a device with this key accepts around now."""
    accepted = set()
    for offset in range(-2, 3):
        totp = TOTP(key, 30, 0, 6, 0)
        totp.time = time.time() + offset * 30
        accepted.add(f"{totp.token():06d}")
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in accepted)


def password_step(client: Client, username: str, password: str = PASSWORD) -> Response:
    return client.post("/accounts/login/", {"username": username, "password": password})


def sign_in(client: Client, world: World, persona: str) -> Response:
    response = password_step(client, persona)
    assert response["Location"] == "/accounts/verify/"
    return client.post("/accounts/verify/", {"code": device_code(world.devices[persona])})


def is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def new_account(world: World, username: str) -> tuple[User, str]:
    """A fresh account as an administrator makes it: one-time password, no second factor."""
    admin = world.actor("admin")
    user, password = user_create(
        actor=admin,
        username=username,
        first_name="Nina",
        last_name="Nieuw",
        email=f"{username}@example.invalid",
        password=ONE_TIME_PASSWORD,
    )
    approved_membership(
        world, user=user, organisation=world.organisations["PAG-ASA"], role=Role.CASEWORKER
    )
    return user, password


def test_the_right_password_and_the_right_code_lead_to_the_home_page(world: World) -> None:
    client = Client()
    response = password_step(client, "caseworker_a")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/verify/"
    assert not is_signed_in(client)

    page = client.get("/accounts/verify/")
    assert page.status_code == 200
    assert "Demo mode" not in page.content.decode()

    response = client.post(
        "/accounts/verify/", {"code": device_code(world.devices["caseworker_a"])}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert "Specialised centre" in home.content.decode()
    event = AuditEvent.objects.get(event_type=AuditEventType.SIGN_IN)
    assert event.actor == world.users["caseworker_a"]
    assert event.organisation == world.organisations["PAG-ASA"]


def test_a_wrong_password_is_refused_and_audited_without_the_typed_username(world: World) -> None:
    client = Client()
    response = password_step(client, "caseworker_a", WRONG_PASSWORD)
    assert response.status_code == 200
    assert "The username or password is not right." in response.content.decode()
    assert not is_signed_in(client)

    # People type their password into the username box: what was typed is never stored.
    typed = "correct-horse-in-the-wrong-box"
    password_step(client, typed, WRONG_PASSWORD)

    events = list(AuditEvent.objects.filter(event_type=AuditEventType.SIGN_IN_FAILED))
    assert [(e.actor_id, e.actor_label, e.record_id) for e in events] == [
        (None, "anonymous", str(world.users["caseworker_a"].pk)),
        (None, "anonymous", ""),
    ]
    for event in events:
        stored = [str(getattr(event, f.attname)) for f in AuditEvent._meta.concrete_fields]
        assert not any(typed in value or "caseworker_a" in value for value in stored)


def test_a_wrong_code_is_refused(world: World) -> None:
    client = Client()
    password_step(client, "caseworker_a")
    response = client.post(
        "/accounts/verify/", {"code": wrong_code(world.devices["caseworker_a"].bin_key)}
    )
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert not is_signed_in(client)
    assert client.get("/")["Location"].startswith("/accounts/login/")
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.SIGN_IN_FAILED, record_id=str(world.users["caseworker_a"].pk)
    ).exists()


def test_the_code_page_needs_the_password_first(world: World) -> None:
    client = Client()
    response = client.post("/accounts/verify/", {"code": device_code(world.devices["inspector"])})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert not is_signed_in(client)


# django-otp makes each failure wait longer before the next try; not what this test is about.
@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_an_account_without_a_second_factor_enrols_one_before_it_gets_in(world: World) -> None:
    user, password = new_account(world, "newcomer")
    client = Client()
    response = password_step(client, "newcomer", password)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/enrol/"
    assert not is_signed_in(client)

    page = client.get("/accounts/enrol/").content.decode()
    assert 'src="data:image/svg+xml' in page
    secret = re.search(r'<span class="secret">([A-Z2-7]+)</span>', page)
    assert secret is not None
    # Reloading the page must not change the secret the person has just scanned.
    assert secret.group(0) in client.get("/accounts/enrol/").content.decode()
    key = base64.b32decode(secret.group(1))

    response = client.post("/accounts/enrol/", {"code": wrong_code(key)})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert not is_signed_in(client)
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()

    response = client.post("/accounts/enrol/", {"code": current_code(key)})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert is_signed_in(client)
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed
    assert device.bin_key == key
    assert AuditEvent.objects.filter(action="user_totp_enrol", record_id=str(user.pk)).exists()
    # Past both factors; a new account's next stop is choosing its own password.
    assert client.get("/")["Location"] == "/accounts/password/"


def test_the_password_alone_cannot_enrol_a_new_second_factor(world: World) -> None:
    client = Client()
    password_step(client, "caseworker_a")
    # Someone with the password but not the phone tries to set up a phone of their own.
    response = client.get("/accounts/enrol/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/verify/"
    response = client.post("/accounts/enrol/", {"code": "123456"})
    assert response["Location"] == "/accounts/verify/"
    assert not is_signed_in(client)
    user = world.users["caseworker_a"]
    assert list(TOTPDevice.objects.filter(user=user)) == [world.devices["caseworker_a"]]


def test_outside_demo_mode_a_session_without_the_second_factor_is_signed_out(
    world: World,
) -> None:
    assert settings.NRM_OTP_REQUIRED
    client = Client()
    client.force_login(
        world.users["caseworker_a"], backend="django.contrib.auth.backends.ModelBackend"
    )
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert not is_signed_in(client)


@override_settings(NRM_DEMO=True, NRM_OTP_REQUIRED=False)
def test_in_demo_mode_the_code_page_shows_the_current_code(world: World) -> None:
    client = Client()
    password_step(client, "caseworker_a")
    device = world.devices["caseworker_a"]
    before = device_code(device)
    page = client.get("/accounts/verify/").content.decode()
    after = device_code(device)
    shown = re.search(r"<strong>(\d{6})</strong>", page)
    assert shown is not None
    assert shown.group(1) in {before, after}
    response = client.post("/accounts/verify/", {"code": shown.group(1)})
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


@override_settings(NRM_DEMO=True, NRM_OTP_REQUIRED=False)
def test_in_demo_mode_a_second_sign_in_in_the_same_step_is_shown_a_code_that_works(
    world: World,
) -> None:
    """django-otp refuses a code twice; the page then shows the next step's code, which the
    device's one-step tolerance accepts at once (issue 16 item 8)."""
    device = world.devices["caseworker_a"]
    for _attempt in range(2):
        client = Client()
        password_step(client, "caseworker_a")
        page = client.get("/accounts/verify/").content.decode()
        shown = re.search(r"<strong>(\d{6})</strong>", page)
        assert shown is not None
        response = client.post("/accounts/verify/", {"code": shown.group(1)})
        assert response["Location"] == "/", "the shown code was refused"
        device.refresh_from_db()
    # Whatever the clock, the used step is past: the second sign-in used a later code.
    assert device.last_t is not None


def test_sessions_end_after_thirty_minutes_without_activity() -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_each_request_renews_the_session(world: World, client_as: Callable[[str], Client]) -> None:
    client = client_as("caseworker_a")
    key = client.session.session_key
    # Twenty-nine minutes of silence: one minute left.
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() + timedelta(minutes=1)
    )
    assert client.get("/").status_code == 200
    renewed = Session.objects.get(session_key=key).expire_date
    assert renewed > timezone.now() + timedelta(minutes=29)


def test_an_expired_session_is_signed_out(world: World, client_as: Callable[[str], Client]) -> None:
    client = client_as("caseworker_a")
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_signing_out_is_audited(world: World, client_as: Callable[[str], Client]) -> None:
    client = client_as("caseworker_a")
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert not is_signed_in(client)
    event = AuditEvent.objects.get(event_type=AuditEventType.SIGN_OUT)
    assert event.actor == world.users["caseworker_a"]
    assert event.organisation == world.organisations["PAG-ASA"]
    assert client.get("/")["Location"].startswith("/accounts/login/")


def test_signing_out_needs_a_post(world: World, client_as: Callable[[str], Client]) -> None:
    client = client_as("caseworker_a")
    assert client.get("/accounts/logout/").status_code == 405
    assert is_signed_in(client)

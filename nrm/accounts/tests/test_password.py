"""Passwords: the forced change at first sign-in, its validation, and how they are hashed."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.test import Client
from django.utils import translation
from django_otp.oath import TOTP

from nrm.access.models import AuditEvent
from nrm.accounts.actions import totp_device_confirm, totp_device_start
from nrm.accounts.models import User
from nrm.administration.actions import user_create
from nrm.organisations.models import Role
from nrm.testing import World, approved_membership

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

NEW_PASSWORD = "a long and personal sentence"

ONE_TIME_PASSWORD = "one-time-handed-over-in-person"


@pytest.fixture(autouse=True)
def _default_language_afterwards() -> Iterator[None]:
    """LocaleMiddleware leaves a request's language active in this thread; tests that run
    later expect the default."""
    yield
    translation.deactivate()


def first_sign_in(world: World, client: Client) -> tuple[User, str]:
    """A new account (one-time password, a second factor set up), past both factors."""
    admin = world.actor("admin")
    user, password = user_create(
        actor=admin,
        username="newcomer",
        first_name="Nina",
        last_name="Nieuw",
        email="newcomer@example.invalid",
        password=ONE_TIME_PASSWORD,
    )
    approved_membership(
        world, user=user, organisation=world.organisations["PAG-ASA"], role=Role.CASEWORKER
    )
    device = totp_device_confirm(user=user, device=totp_device_start(user=user))
    response = client.post("/accounts/login/", {"username": "newcomer", "password": password})
    assert response["Location"] == "/accounts/verify/"
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    response = client.post("/accounts/verify/", {"code": f"{totp.token():06d}"})
    assert response["Location"] == "/"
    return user, password


def change(client: Client, old: str, new: str, again: str | None = None) -> Response:
    return client.post(
        "/accounts/password/",
        {
            "old_password": old,
            "new_password1": new,
            "new_password2": new if again is None else again,
        },
    )


def test_a_new_account_must_change_its_password_before_any_other_page(world: World) -> None:
    client = Client()
    user, _password = first_sign_in(world, client)
    assert user.must_change_password
    for path in ("/", "/people/", "/people/new/", "/administration/users/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/accounts/password/", path
    page = client.get("/accounts/password/")
    assert page.status_code == 200
    assert "choose your own password" in page.content.decode()
    # The language can still be chosen, and the person can still leave.
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
    assert client.post("/accounts/logout/")["Location"] == "/accounts/login/"


def test_the_change_refuses_short_and_common_passwords_in_the_users_language(
    world: World,
) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    user, password = first_sign_in(world, client)

    short = change(client, password, "Short1")
    assert short.status_code == 400
    assert "Ce mot de passe est trop court" in short.content.decode()

    common = change(client, password, "password1234")
    assert common.status_code == 400
    assert "Ce mot de passe est trop courant." in common.content.decode()

    user.refresh_from_db()
    assert user.must_change_password
    assert user.check_password(password)
    assert client.get("/")["Location"] == "/accounts/password/"


def test_the_change_refuses_a_wrong_current_password_and_a_mistyped_repeat(world: World) -> None:
    client = Client()
    user, password = first_sign_in(world, client)

    wrong = change(client, "not my password", NEW_PASSWORD)
    assert wrong.status_code == 400
    assert "Your current password is not right." in wrong.content.decode()

    mistyped = change(client, password, NEW_PASSWORD, NEW_PASSWORD + "!")
    assert mistyped.status_code == 400
    assert "The two new passwords differ." in mistyped.content.decode()

    user.refresh_from_db()
    assert user.must_change_password
    assert user.check_password(password)


def test_a_valid_change_clears_the_flag_keeps_the_session_and_is_audited(world: World) -> None:
    client = Client()
    user, password = first_sign_in(world, client)

    response = change(client, password, NEW_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    user.refresh_from_db()
    assert not user.must_change_password
    assert user.check_password(NEW_PASSWORD)
    assert not user.check_password(password)
    # Still signed in: the session follows the new password hash.
    assert client.get("/").status_code == 200
    event = AuditEvent.objects.get(action="user_password_change")
    assert event.actor == user
    assert event.record_id == str(user.pk)
    assert NEW_PASSWORD not in str(event.changes)


def test_the_test_suite_alone_uses_a_fast_hasher_in_front_of_argon2() -> None:
    assert settings.PASSWORD_HASHERS[:2] == [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]


def test_production_hashes_passwords_with_argon2(tmp_path: Path) -> None:
    script = (
        "import django; django.setup();"
        "from django.conf import settings;"
        "from django.contrib.auth.hashers import make_password;"
        "print(settings.PASSWORD_HASHERS[0]);"
        "print(make_password('a long and personal sentence').split('$')[0])"
    )
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "nrm.settings",
        "NRM_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "NRM_FIELD_KEYS": Fernet.generate_key().decode(),
        "NRM_AUDIT_KEY": secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "nrm.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'nrm.sqlite3'}",
    }
    result = subprocess.run(  # noqa: S603 — our own interpreter, fixed arguments
        [sys.executable, "-c", script],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.contrib.auth.hashers.Argon2PasswordHasher", "argon2"]

"""Production settings: Django's deployment checks pass, missing secrets stop the start-up,
and every response carries the security headers."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.test import Client

from nrm.testing import World

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response


def production_env(tmp_path: Path, **changes: str | None) -> dict[str, str]:
    """A production environment with every secret set, changed as asked (None removes)."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "NRM_ENV": "production",
        "NRM_VAR_DIR": str(tmp_path / "var"),
        "SECRET_KEY": secrets.token_urlsafe(64),
        "NRM_FIELD_KEYS": f"{Fernet.generate_key().decode()},{Fernet.generate_key().decode()}",
        "NRM_AUDIT_KEY": secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "nrm.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'nrm.sqlite3'}",
    }
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 — our own interpreter and manage.py, fixed arguments
        [sys.executable, str(settings.BASE_DIR / "manage.py"), *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_passes_djangos_deployment_checks(tmp_path: Path) -> None:
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    # Production never writes development secrets of its own.
    assert not (tmp_path / "var").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY (or SECRET_KEY_FILE) must be set in production."),
        ({"NRM_FIELD_KEYS": None}, "NRM_FIELD_KEYS (or NRM_FIELD_KEYS_FILE) must be set"),
        ({"NRM_FIELD_KEYS": "not-a-fernet-key"}, "NRM_FIELD_KEYS holds a malformed Fernet key"),
        ({"NRM_AUDIT_KEY": None}, "NRM_AUDIT_KEY (or NRM_AUDIT_KEY_FILE) must be set"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS must be set in production."),
        ({"NRM_DEMO": "true"}, "NRM_DEMO cannot be used with NRM_ENV=production."),
        ({"DEBUG": "true"}, "DEBUG cannot be on in production."),
    ],
    ids=[
        "no-secret-key",
        "no-field-keys",
        "bad-field-key",
        "no-audit-key",
        "no-hosts",
        "demo",
        "debug",
    ],
)
def test_production_refuses_to_start_with_a_clear_message(
    tmp_path: Path, changes: dict[str, str | None], message: str
) -> None:
    result = manage(production_env(tmp_path, **changes), "check")
    assert result.returncode != 0
    assert message in result.stderr
    assert not (tmp_path / "var").exists()


def test_secrets_can_come_from_files(tmp_path: Path) -> None:
    key_file = tmp_path / "secret_key"
    key_file.write_text(secrets.token_urlsafe(64) + "\n", encoding="utf-8")
    env = production_env(tmp_path, SECRET_KEY=None, SECRET_KEY_FILE=str(key_file))
    assert manage(env, "check", "--deploy", "--fail-level", "WARNING").returncode == 0
    missing = production_env(tmp_path, SECRET_KEY=None, SECRET_KEY_FILE=str(tmp_path / "none"))
    result = manage(missing, "check")
    assert result.returncode != 0
    assert "cannot be read" in result.stderr


def assert_security_headers(response: Response) -> None:
    headers = response.headers
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_the_sign_in_page_carries_the_security_headers(client: Client) -> None:
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert_security_headers(response)


def test_signed_in_pages_carry_the_security_headers(
    world: World, client_as: Callable[[str], Client]
) -> None:
    client = client_as("caseworker_a")
    for path in ("/", "/people/", "/accounts/password/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_security_headers(response)


def test_pages_with_persons_are_never_stored_by_the_browser(
    world: World, client_as: Callable[[str], Client]
) -> None:
    person = world.person("caseworker_a")
    client = client_as("caseworker_a")
    for path in (
        "/",
        "/people/",
        f"/people/{person.reference}/",
        f"/people/{person.reference}/edit/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Cache-Control"] == "no-store", path
        assert_security_headers(response)

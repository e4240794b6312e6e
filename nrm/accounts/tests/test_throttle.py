"""Sign-in throttling (issue 11, item 10): an attacker slows themselves down, never the
hotline. The clock is injected (`throttle.clock`); no test sleeps or depends on timing."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP

from nrm.access.models import AuditEvent, AuditEventType
from nrm.accounts import throttle
from nrm.accounts.models import SignInThrottle
from nrm.testing import PASSWORD, World

WRONG = "not the password at all"
ATTACKER = "203.0.113.66"


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fixed = Clock(datetime(2026, 1, 15, 3, 0, tzinfo=UTC))
    monkeypatch.setattr(throttle, "clock", fixed)
    return fixed


def attempt(client: Client, username: str, password: str = PASSWORD) -> int:
    response = client.post("/accounts/login/", {"username": username, "password": password})
    return response.status_code


def hammer(clock: Clock, username: str, times: int, address: str = ATTACKER) -> None:
    """An attacker who waits out every delay and keeps failing."""
    client = Client(REMOTE_ADDR=address)
    for _attempt in range(times):
        clock.advance(minutes=15, seconds=1)
        assert attempt(client, username, WRONG) == 200


def code_of(world: World, persona: str) -> str:
    device = world.devices[persona]
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def full_sign_in(client: Client, world: World, persona: str) -> None:
    assert attempt(client, persona) == 302
    response = client.post("/accounts/verify/", {"code": code_of(world, persona)})
    assert response["Location"] == "/"


def test_each_failure_beyond_the_free_ones_doubles_the_wait_up_to_a_ceiling() -> None:
    waits = [throttle.ACCOUNT.wait_after(n).total_seconds() for n in range(1, 14)]

    assert waits == [0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert throttle.ADDRESS.wait_after(10_000) == timedelta(minutes=15)


def test_failures_delay_the_account_progressively_and_the_wait_is_said(
    world: World, clock: Clock
) -> None:
    client = Client()
    for _attempt in range(5):
        assert attempt(client, "inspector", WRONG) == 200

    response = client.post("/accounts/login/", {"username": "inspector", "password": PASSWORD})

    assert response.status_code == 429
    assert response["Retry-After"] == "1"
    assert "Wait 1 second, then try again." in response.content.decode()
    # Refused before the password is checked, and recorded.
    assert AuditEvent.objects.filter(event_type=AuditEventType.SIGN_IN_FAILED).count() == 6
    clock.advance(seconds=1)
    assert attempt(client, "inspector") == 302


def test_no_attack_keeps_an_account_waiting_longer_than_a_minute(
    world: World, clock: Clock
) -> None:
    hammer(clock, "caseworker_a", 40)

    response = Client().post(
        "/accounts/login/", {"username": "caseworker_a", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    clock.advance(seconds=60)
    assert attempt(Client(), "caseworker_a") == 302


def test_an_attack_from_elsewhere_never_delays_the_hotline_on_its_own_browser(
    world: World, clock: Clock
) -> None:
    hotline = Client()
    full_sign_in(hotline, world, "caseworker_a")
    assert hotline.cookies[throttle.DEVICE_COOKIE].value
    hotline.post("/accounts/logout/")

    hammer(clock, "caseworker_a", 40)

    # The caseworker's own browser gets past the password at once, under attack (the
    # code step is the same as ever; its one-time code was just used, so it is not redone).
    response = hotline.post("/accounts/login/", {"username": "caseworker_a", "password": PASSWORD})
    assert response["Location"] == "/accounts/verify/"
    # A browser without the cookie waits.
    assert attempt(Client(), "caseworker_a") == 429


def test_a_device_cookie_of_another_account_buys_nothing(world: World, clock: Clock) -> None:
    client = Client()
    full_sign_in(client, world, "caseworker_b")
    client.post("/accounts/logout/")
    hammer(clock, "caseworker_a", 6)

    assert attempt(client, "caseworker_a") == 429


def test_an_address_that_fails_on_many_accounts_slows_down_on_every_account(
    world: World, clock: Clock
) -> None:
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for persona in ["inspector", "teamlead", "judge", "prosecutor", "analyst"] * 2:
        assert attempt(attacker, persona, WRONG) == 200

    assert attempt(attacker, "coordinator") == 429
    # Nobody else is slowed by it.
    assert attempt(Client(REMOTE_ADDR="198.51.100.7"), "coordinator") == 302


def test_a_quiet_hour_forgets_old_failures(world: World, clock: Clock) -> None:
    client = Client()
    for _attempt in range(4):
        assert attempt(client, "inspector", WRONG) == 200
    clock.advance(hours=1, seconds=1)

    assert attempt(client, "inspector", WRONG) == 200
    assert attempt(client, "inspector") == 302  # counting started again: one failure


def test_the_table_holds_neither_usernames_nor_addresses(world: World, clock: Clock) -> None:
    attempt(Client(REMOTE_ADDR=ATTACKER), "correct-horse-typed-in-the-wrong-box", WRONG)

    stored = " ".join(f"{row.key} {row.account}" for row in SignInThrottle.objects.all())
    assert "correct-horse" not in stored
    assert ATTACKER not in stored


def test_an_administrator_clears_the_wait_of_an_account(
    world: World, clock: Clock, client_as: Callable[[str], Client]
) -> None:
    hammer(clock, "inspector", 8)
    assert attempt(Client(), "inspector") == 429
    admin = client_as("admin")
    inspector = world.users["inspector"]
    assert "locked" in admin.get("/administration/users/").content.decode()
    unlock = f"/administration/users/{inspector.pk}/unlock/"
    assert unlock in admin.get(f"/administration/users/{inspector.pk}/").content.decode()

    admin.post(f"/administration/users/{inspector.pk}/unlock/")

    assert AuditEvent.objects.filter(action="user_unlock", record_id=str(inspector.pk)).exists()
    assert attempt(Client(), "inspector") == 302
    unlock = f"/administration/users/{inspector.pk}/unlock/"
    assert unlock not in admin.get(f"/administration/users/{inspector.pk}/").content.decode()


def test_a_throttled_second_factor_says_how_long_to_wait(world: World, clock: Clock) -> None:
    client = Client()
    assert attempt(client, "inspector") == 302
    device = world.devices["inspector"]
    # django-otp doubles its wait after each wrong code: twenty of them lock it for days.
    # django-otp reads the real time: the injected clock is set to the same instant, so the
    # wait shown is exact whenever the test runs.
    clock.now = timezone.now()
    device.throttling_failure_count = 20
    device.throttling_failure_timestamp = clock.now
    device.save()

    response = client.post("/accounts/verify/", {"code": code_of(world, "inspector")})

    assert response.status_code == 429
    seconds = 2**19
    assert response["Retry-After"] == str(seconds)
    assert (
        f"Too many wrong codes. Wait {seconds} seconds, then enter the code your app shows"
        in response.content.decode()
    )
    assert "That code is not right" not in response.content.decode()

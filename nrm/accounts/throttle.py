"""Sign-in throttling that an attacker cannot turn against the 24/7 hotline.

A hard lock per account (five failures, thirty minutes) lets anyone who knows a
caseworker's username lock them out of the hotline at night. Instead:

* every failure delays the next attempt progressively (1 s, 2 s, 4 s ... up to a ceiling),
  never a lock that outlasts the ceiling;
* failures are counted per source address (an attacker's address slows down whatever
  accounts it tries) and per account;
* a browser where the person completed a sign-in before carries a signed device cookie; its
  attempts are counted on their own, so failures from elsewhere never delay the person
  on their usual device (OWASP "device cookies").

Counters live in the database (`SignInThrottle`), so every app server shares them. Keys
are keyed hashes: the table holds no username (people type passwords in that box) and no
address. Every function takes the time as an argument (`now`); the views read it from
`clock`, which tests replace.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from nrm.accounts.models import SignInThrottle

clock: Callable[[], datetime] = timezone.now

DEVICE_COOKIE = "nrm_device"
DEVICE_COOKIE_SALT = "nrm.accounts.device"
DEVICE_COOKIE_DAYS = 180


@dataclass(frozen=True)
class Limit:
    """`free` failures cost nothing; each further one doubles the wait, up to `ceiling`."""

    free: int
    ceiling: timedelta

    def wait_after(self, failures: int) -> timedelta:
        if failures < self.free:
            return timedelta(0)
        seconds = 2 ** min(failures - self.free, 20)
        return min(timedelta(seconds=seconds), self.ceiling)


# Product choices (docs/security.md): an address tries a few accounts freely before it
# slows down; an account from an unknown browser waits at most a minute, so a person on a
# new computer still signs in while it is under attack; the person's own browser has its
# own counter.
ADDRESS = Limit(free=10, ceiling=timedelta(minutes=15))
ACCOUNT = Limit(free=5, ceiling=timedelta(seconds=60))
DEVICE = Limit(free=5, ceiling=timedelta(minutes=15))
# A counter with no failure for this long starts again from zero.
FORGET_AFTER = timedelta(hours=1)


def _digest(kind: str, value: str) -> str:
    mac = hmac.new(settings.SECRET_KEY.encode(), f"{kind}:{value}".encode(), hashlib.sha256)
    return mac.hexdigest()[:40]


def account_key(username: str) -> str:
    return "u:" + _digest("user", username.strip().lower())


def address_key(request: HttpRequest) -> str:
    return "a:" + _digest("address", request.META.get("REMOTE_ADDR", ""))


def device_key(device_id: str) -> str:
    return "d:" + _digest("device", device_id)


@dataclass(frozen=True)
class Keys:
    """The counters one attempt is held to, and the limit of each."""

    account: str
    limits: tuple[tuple[str, Limit], ...]


def keys_for(request: HttpRequest, username: str) -> Keys:
    account = account_key(username)
    device = trusted_device(request, account)
    own = (device_key(device), DEVICE) if device else (account, ACCOUNT)
    return Keys(account=account, limits=((address_key(request), ADDRESS), own))


def wait(keys: Keys, now: datetime) -> timedelta:
    """How long the attempt must still wait; zero when it may go ahead."""
    rows = SignInThrottle.objects.filter(key__in=[key for key, _limit in keys.limits])
    longest = timedelta(0)
    for row in rows:
        if row.next_allowed_at is not None and row.next_allowed_at > now:
            longest = max(longest, row.next_allowed_at - now)
    return longest


@transaction.atomic
def record_failure(keys: Keys, now: datetime) -> None:
    for key, limit in keys.limits:
        row, _created = SignInThrottle.objects.select_for_update().get_or_create(
            key=key, defaults={"account": keys.account if key != keys.limits[0][0] else ""}
        )
        if row.last_failure_at is not None and now - row.last_failure_at > FORGET_AFTER:
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        delay = limit.wait_after(row.failures)
        row.next_allowed_at = now + delay if delay else None
        row.save()


def record_success(keys: Keys) -> None:
    """A full sign-in (both factors) clears the account's and the device's counters; the
    address keeps its count, or an attacker with one valid account could clear it."""
    own = [key for key, _limit in keys.limits[1:]]
    SignInThrottle.objects.filter(key__in=own).delete()


def forget_account(username: str) -> None:
    """An administrator's unlock: every counter of the account, on any device."""
    account = account_key(username)
    SignInThrottle.objects.filter(Q(key=account) | Q(account=account)).delete()


def throttled_accounts(now: datetime) -> set[str]:
    """Account keys that must wait now (for the administrators' user list)."""
    return set(
        SignInThrottle.objects.filter(next_allowed_at__gt=now)
        .exclude(account="")
        .values_list("account", flat=True)
    )


def trusted_device(request: HttpRequest, account: str) -> str | None:
    """The id of this browser's device cookie, when it was issued for this account."""
    value = request.COOKIES.get(DEVICE_COOKIE)
    if not value:
        return None
    try:
        data = signing.loads(
            value, salt=DEVICE_COOKIE_SALT, max_age=timedelta(days=DEVICE_COOKIE_DAYS)
        )
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("account") != account:
        return None
    device = data.get("device")
    return device if isinstance(device, str) else None


def remember_device(response: HttpResponse, username: str) -> None:
    """After a full sign-in: mark this browser as the person's own."""
    value = signing.dumps(
        {"account": account_key(username), "device": secrets.token_urlsafe(16)},
        salt=DEVICE_COOKIE_SALT,
    )
    response.set_cookie(
        DEVICE_COOKIE,
        value,
        max_age=DEVICE_COOKIE_DAYS * 24 * 3600,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )

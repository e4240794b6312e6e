"""What django-axes stores for a failed sign-in: a keyed hash of the username, never the text.

People type passwords into the username box; axes would otherwise keep that text in its
table. A keyed hash still counts failures per account (and locks it) without storing it.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.http import HttpRequest


def lockout_key_for(username: str) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), username.strip().lower().encode(), hashlib.sha256
    ).hexdigest()
    return f"u:{digest[:40]}"


def lockout_key(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str:
    """AXES_USERNAME_CALLABLE: the key axes counts failures under."""
    username = (credentials or {}).get("username") or ""
    return lockout_key_for(str(username))

"""API tokens: for other systems acting as one staff member of one organisation."""

from __future__ import annotations

import hashlib
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return "nrm_" + secrets.token_urlsafe(32)


class ApiToken(models.Model):
    # Only the digest is stored: a leaked database does not leak usable tokens.
    digest = models.CharField(max_length=64, unique=True)
    membership = models.ForeignKey(
        "organisations.Membership", on_delete=models.PROTECT, related_name="api_tokens"
    )
    label = models.CharField(_("label"), max_length=100)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.label

"""Staff accounts. There is no self-registration: administrators create every account."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    # A first login (and every administrator reset) must choose a new password.
    must_change_password = models.BooleanField(_("must change password"), default=True)
    preferred_language = models.CharField(_("preferred language"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.username

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class ApprovalState(models.TextChoices):
    PENDING = "PENDING", _("Waiting for a second administrator")
    APPROVED = "APPROVED", _("Approved")
    REFUSED = "REFUSED", _("Refused")


class MembershipApproval(models.Model):
    """The second administrator's decision on a membership that opens case data.

    Such a membership exists from the grant but gives no access until approved (four eyes):
    the sign-in, the organisation switch and the API act only through effective
    memberships (`nrm.accounts.queries.effective_memberships`).
    """

    membership = models.OneToOneField(
        "organisations.Membership",
        on_delete=models.PROTECT,
        primary_key=True,
        related_name="approval",
    )
    state = models.CharField(
        _("state"), max_length=16, choices=ApprovalState.choices, default=ApprovalState.PENDING
    )
    # Null only for memberships that existed before four eyes (approved by the migration).
    requested_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("membership approval")
        verbose_name_plural = _("membership approvals")

    def __str__(self) -> str:
        return f"approval of membership {self.membership_id}: {self.state}"


class SignInThrottle(models.Model):
    """Failed sign-ins counted under one key: a source address, an account, or one of the
    account's trusted browsers (nrm/accounts/throttle.py). Keys are keyed hashes."""

    key = models.CharField(max_length=48, unique=True)
    # The account's key, for rows about the account or one of its devices (for unlocking).
    account = models.CharField(max_length=48, blank=True, db_index=True)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField(null=True)
    next_allowed_at = models.DateTimeField(null=True, db_index=True)

    def __str__(self) -> str:
        return f"throttle {self.key[:8]}"


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return "nrm_" + secrets.token_urlsafe(32)


class ApiToken(models.Model):
    """A personal API token: another system acting as one staff member of one organisation."""

    # Only the digest is stored: a leaked database does not leak usable tokens.
    digest = models.CharField(max_length=64, unique=True)
    membership = models.ForeignKey(
        "organisations.Membership", on_delete=models.PROTECT, related_name="api_tokens"
    )
    label = models.CharField(_("label"), max_length=100)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # The table of the former `api` app, adopted with its rows (migration 0004).
        db_table = "api_apitoken"

    def __str__(self) -> str:
        return self.label

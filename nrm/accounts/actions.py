"""Writes about one's own account: sign-in events, password change, second-factor enrolment,
personal API tokens.

A token acts as one membership of one person. It ends when they revoke it, when it
expires, and whenever the account's trust is reset: a password or second-factor reset, the
end of the membership, the deactivation of the account (`api_tokens_end_for_user`).
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from nrm.access.audit import audit_record
from nrm.access.context import Actor, actor_for
from nrm.access.models import AuditEventType, Purpose
from nrm.access.policy import purpose_for
from nrm.accounts.models import ApiToken, User, new_token, token_digest
from nrm.core.errors import DomainError, NotFound, PermissionDenied
from nrm.organisations.models import Membership


@transaction.atomic
def user_sign_in_record(*, user: User) -> None:
    audit_record(
        actor=actor_for(user),
        event_type=AuditEventType.SIGN_IN,
        action="user_sign_in",
        record=user,
        purpose=Purpose.ADMINISTRATION,
    )


@transaction.atomic
def user_sign_in_failed_record(*, user: User | None) -> None:
    """A failed attempt. The typed username is not stored: it may be a mistyped password."""
    audit_record(
        actor=None,
        actor_label="anonymous",
        event_type=AuditEventType.SIGN_IN_FAILED,
        action="user_sign_in_failed",
        record_type=User._meta.label_lower,
        record_id=str(user.pk) if user else "",
        purpose=Purpose.ADMINISTRATION,
    )


@transaction.atomic
def user_sign_out_record(*, actor: Actor) -> None:
    audit_record(
        actor=actor,
        event_type=AuditEventType.SIGN_OUT,
        action="user_sign_out",
        record=actor.user,
        purpose=Purpose.ADMINISTRATION,
    )


@transaction.atomic
def user_password_change(*, actor: Actor, old_password: str, new_password: str) -> User:
    user = User.objects.select_for_update().get(pk=actor.user.pk)
    if not user.check_password(old_password):
        raise DomainError("", field="old_password")
    try:
        validate_password(new_password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="new_password1") from exc
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="user_password_change",
        record=user,
        purpose=Purpose.ADMINISTRATION,
        changes={"password": {"old": "(hidden)", "new": "(changed)"}},
    )
    return user


def totp_device_start(*, user: User) -> TOTPDevice:
    """An unconfirmed device whose secret the user scans; it counts only once confirmed."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="default", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, user: User, device: TOTPDevice) -> TOTPDevice:
    # One second factor per account: enrolling a new phone replaces the old one.
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(
        actor=actor_for(user),
        event_type=AuditEventType.UPDATE,
        action="user_totp_enrol",
        record=user,
        purpose=Purpose.ADMINISTRATION,
        changes={"second_factor": {"old": None, "new": "TOTP"}},
    )
    return device


@transaction.atomic
def user_password_recover(*, user: User, new_password: str) -> User:
    """The person's own new password, chosen through the link a reset or a new account
    sent them. The second factor is enrolled next, by them (`totp_device_confirm`)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    try:
        validate_password(new_password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="new_password1") from exc
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    audit_record(
        actor=actor_for(user),
        event_type=AuditEventType.UPDATE,
        action="user_password_recover",
        record=user,
        purpose=Purpose.ADMINISTRATION,
        changes={"password": {"old": "(hidden)", "new": "(chosen through the link)"}},
    )
    return user

MAX_TOKEN_DAYS = 365
LABEL_MAX_LENGTH = 100  # ApiToken.label


def _token_mint(*, membership: Membership, label: str, days: int) -> tuple[ApiToken, str]:
    label = label.strip()
    if not label or len(label) > LABEL_MAX_LENGTH:
        raise DomainError(_("Give the token a label of at most 100 characters."), field="label")
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise DomainError(
            _("A token lasts between 1 and %(max)d days.") % {"max": MAX_TOKEN_DAYS},
            field="days",
        )
    plaintext = new_token()
    now = timezone.now()
    token = ApiToken.objects.create(
        digest=token_digest(plaintext),
        membership=membership,
        label=label,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    return token, plaintext


@transaction.atomic
def api_token_create(*, actor: Actor, label: str, days: int) -> tuple[ApiToken, str]:
    """A token that acts as the actor's current membership, for another system.

    Returns the token and its plaintext. Only the digest is stored, so the plaintext is
    shown this once; neither goes into the audit row.
    """
    if actor.membership is None or not actor.user.is_active:
        raise PermissionDenied(_("You have no active membership."))
    token, plaintext = _token_mint(membership=actor.membership, label=label, days=days)
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="api_token_create",
        record=token,
        purpose=purpose_for(actor),
        changes={"label": token.label, "expires_at": token.expires_at.isoformat()},
    )
    return token, plaintext


@transaction.atomic
def api_token_issue(
    *, operator: str, membership: Membership, label: str, days: int
) -> tuple[ApiToken, str]:
    """A token minted from the command line (`nrm tokens create`) by whoever runs the server.

    There is no signed-in actor there: the audit row names the operator's label and the
    membership the token acts as.
    """
    membership = Membership.objects.select_for_update().select_related("user").get(
        pk=membership.pk
    )
    if membership.ended_at is not None or not membership.user.is_active:
        raise PermissionDenied(_("That membership has ended or its account is deactivated."))
    token, plaintext = _token_mint(membership=membership, label=label, days=days)
    audit_record(
        actor=None,
        actor_label=operator,
        event_type=AuditEventType.CREATE,
        action="api_token_issue",
        record=token,
        purpose=Purpose.ADMINISTRATION,
        changes={
            "label": token.label,
            "membership": membership.pk,
            "expires_at": token.expires_at.isoformat(),
        },
    )
    return token, plaintext


@transaction.atomic
def api_token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    """Stop a token from working. Only its owner may revoke it; revoking twice is a no-op."""
    token = ApiToken.objects.select_for_update().select_related("membership").get(pk=token.pk)
    if token.membership.user_id != actor.user.pk:
        raise NotFound(_("No such token."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            event_type=AuditEventType.END,
            action="api_token_revoke",
            record=token,
            purpose=purpose_for(actor),
            changes={"revoked_at": token.revoked_at.isoformat()},
        )
    return token


@transaction.atomic
def api_token_withdraw(*, operator: str, token: ApiToken) -> ApiToken:
    """`nrm tokens revoke`: the operator stops any token at once, e.g. one that leaked."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=None,
            actor_label=operator,
            event_type=AuditEventType.END,
            action="api_token_withdraw",
            record=token,
            purpose=Purpose.ADMINISTRATION,
            changes={"revoked_at": token.revoked_at.isoformat()},
        )
    return token


def api_tokens_end_for_user(
    *, actor: Actor | None, user_id: int, reason: str, membership_id: int | None = None
) -> int:
    """End every live token of an account (or of one of its memberships), in the caller's
    transaction: called by the resets, the deactivation and the end of a membership.

    The tokens are revoked, not only refused at authentication, so that reactivating the
    account later does not bring them back. Each ended token gets its audit row with why.
    """
    live = ApiToken.objects.filter(membership__user_id=user_id, revoked_at__isnull=True)
    if membership_id is not None:
        live = live.filter(membership_id=membership_id)
    tokens = list(live.select_for_update().order_by("pk"))
    now = timezone.now()
    for token in tokens:
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            actor_label="" if actor else "system",
            event_type=AuditEventType.END,
            action="api_token_end",
            record=token,
            purpose=Purpose.ADMINISTRATION,
            changes={"revoked_at": now.isoformat(), "reason": reason},
        )
    return len(tokens)

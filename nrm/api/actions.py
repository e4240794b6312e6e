"""Writes of the API: minting and revoking tokens. Atomic, audited in the same transaction.

A token acts as one membership of one person. It ends when they revoke it, when it
expires, and whenever the account's trust is reset: a password or second-factor reset, the
end of the membership, the deactivation of the account (`api_tokens_end_for_user`).
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Purpose
from nrm.access.policy import purpose_for
from nrm.api.models import ApiToken, new_token, token_digest
from nrm.core.errors import DomainError, NotFound, PermissionDenied
from nrm.organisations.models import Membership

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

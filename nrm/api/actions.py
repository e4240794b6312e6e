"""Writes of the API: minting and revoking tokens. Atomic, audited in the same transaction."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.access.policy import purpose_for
from nrm.api.models import ApiToken, new_token, token_digest
from nrm.core.errors import DomainError, NotFound, PermissionDenied

MAX_TOKEN_DAYS = 365
LABEL_MAX_LENGTH = 100  # ApiToken.label


@transaction.atomic
def api_token_create(*, actor: Actor, label: str, days: int) -> tuple[ApiToken, str]:
    """A token that acts as the actor's current membership, for another system.

    Returns the token and its plaintext. Only the digest is stored, so the plaintext is
    shown this once; neither goes into the audit row.
    """
    if actor.membership is None or not actor.user.is_active:
        raise PermissionDenied(_("You have no active membership."))
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
        membership=actor.membership,
        label=label,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="api_token_create",
        record=token,
        purpose=purpose_for(actor),
        changes={"label": label, "expires_at": token.expires_at.isoformat()},
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

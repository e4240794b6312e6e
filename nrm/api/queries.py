"""Reads of API tokens: a person's own, for their settings page."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.api.models import ApiToken
from nrm.core.errors import NotFound


def api_tokens_of(actor: Actor) -> QuerySet[ApiToken]:
    """Every token of the actor's account, across memberships, newest first."""
    return (
        ApiToken.objects.filter(membership__user_id=actor.user.pk)
        .select_related("membership__organisation")
        .order_by("-created_at", "-pk")
    )


def api_token_get_for_actor(actor: Actor, token_id: int) -> ApiToken:
    """One of the actor's own tokens; anyone else's is 404, as if it did not exist."""
    token = api_tokens_of(actor).filter(pk=token_id).first()
    if token is None:
        raise NotFound(_("No such token."))
    return token

"""/inbox/: what is waiting for the signed-in user's organisation, and the menu's count."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from nrm.access.context import Actor
from nrm.core.http import actor_view, no_store
from nrm.core.middleware import leave_session_alone
from nrm.inbox.queries import inbox_count, inbox_for_actor


@actor_view
def inbox(request: HttpRequest, actor: Actor) -> HttpResponse:
    now = timezone.now()
    context = {"inbox": inbox_for_actor(actor, now=now, today=timezone.localdate(now))}
    return no_store(render(request, "inbox/inbox.html", context))


@actor_view
def count(request: HttpRequest, actor: Actor) -> HttpResponse:
    """The menu's badge, loaded after the page (htmx) so that no page waits for it. It
    neither extends nor writes the session (a background read, not the user's activity)."""
    leave_session_alone(request)
    now = timezone.now()
    total = inbox_count(actor, now=now, today=timezone.localdate(now))
    return no_store(render(request, "inbox/inbox.html#count", {"total": total}))

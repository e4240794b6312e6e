"""Domain errors raised by actions and access helpers, mapped to answers by the edges."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext as _


class DomainError(Exception):
    """A domain rule refused the request. `code` is stable; `message` is translated.

    `status` says which answer the class stands for; the edges answer through
    `http_status_for`, which decides by class, so a subclass cannot answer otherwise."""

    code = "invalid"
    status = 400

    def __init__(self, message: str | Promise, *, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.field = field


class NotFound(DomainError):
    """Does not exist, or the actor may not know that it exists: the same answer."""

    code = "not_found"
    status = 404


class PermissionDenied(DomainError):
    """The actor may see the record but not do this with it."""

    code = "forbidden"
    status = 403


class Conflict(DomainError):
    """The record changed under the actor, or the action does not fit its state."""

    code = "conflict"
    status = 409


def http_status_for(error: DomainError) -> int:
    """The one mapping of a refusal to its HTTP status, for pages and the API alike.

    By class, not by the instance's `status`: a subclass defined elsewhere answers as the kind
    of refusal it is (a missing record is 404 wherever it is raised)."""
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, PermissionDenied):
        return 403
    if isinstance(error, Conflict):
        return 409
    return 400


def bounded_text(value: str, *, field: str, limit: int) -> str:
    """A free text an action stores, stripped, refused past `limit` characters with the
    field named (the forms have the same limit; this holds for the API and the CLI too)."""
    text = value.strip()
    if len(text) > limit:
        raise DomainError(
            _("This text is limited to %(max)d characters.") % {"max": limit}, field=field
        )
    return text

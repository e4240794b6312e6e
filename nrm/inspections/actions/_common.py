"""Input checks every labour-inspection action shares, and who inspects."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.core.errors import DomainError, PermissionDenied
from nrm.inspections import permissions
from nrm.organisations.models import Organisation

TEXT_MAX = 8000
NOTE_MAX = 1000
EARLIEST = date(2000, 1, 1)


def _text(value: str, *, field: str, limit: int = TEXT_MAX) -> str:
    value = value.strip()
    if len(value) > limit:
        raise DomainError(
            _("Keep this under %(limit)d characters.") % {"limit": limit}, field=field
        )
    return value


def _required(value: str, *, field: str, message: str, limit: int = 200) -> str:
    value = _text(value, field=field, limit=limit)
    if not value:
        raise DomainError(message, field=field)
    return value


def _not_before_2000(value: date, *, field: str) -> None:
    if value < EARLIEST:
        raise DomainError(_("This date is too far in the past."), field=field)


def _must_inspect(actor: Actor) -> Organisation:
    if not permissions.is_inspecting(actor) or actor.organisation is None:
        raise PermissionDenied(_("Only the members of a labour-inspection team do this."))
    return actor.organisation

"""Editing the guide: the coordination unit enters a language's text as a new version."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Purpose
from nrm.coordination.queries import require_coordinator
from nrm.core.errors import DomainError
from nrm.guide.content import EN, KEYS, PLACEHOLDERS
from nrm.guide.languages import language_for
from nrm.guide.models import GuideStatus, GuideTextVersion

TEXT_MAX = 4000


@transaction.atomic
def guide_text_save(
    *,
    actor: Actor,
    language: str,
    status: GuideStatus,
    texts: Mapping[str, str],
    change_note: str,
) -> GuideTextVersion:
    """A new version of one language's guide.

    A pending version carries no text (English is shown with the notice). Otherwise every
    part is required and keeps the placeholders of the English part, so that the hotline,
    the website and the centres' names are never lost in translation.
    """
    require_coordinator(actor, _("Only the coordination unit edits the worker guide."))
    if language_for(language) is None:
        raise DomainError(_("The guide has no such language."), field="language")
    note = (change_note or "").strip()
    if not note or len(note) > 500:
        raise DomainError(_("Say in a few words what changed and why."), field="change_note")
    cleaned: dict[str, str] = {}
    if status != GuideStatus.PENDING:
        for key in KEYS:
            value = (texts.get(key) or "").strip().replace("\r\n", "\n")
            if not value:
                raise DomainError(_("This field is required."), field=key)
            if len(value) > TEXT_MAX:
                raise DomainError(
                    _("Write at most %(limit)d characters.") % {"limit": TEXT_MAX}, field=key
                )
            for name in PLACEHOLDERS:
                marker = f"%({name})s"
                if marker in EN[key] and marker not in value:
                    raise DomainError(
                        _("Keep %(marker)s in this part: it is filled in from the settings.")
                        % {"marker": marker},
                        field=key,
                    )
            cleaned[key] = value
    highest = (
        GuideTextVersion.objects.select_for_update()
        .filter(language=language)
        .aggregate(n=Max("number"))["n"]
    )
    version = GuideTextVersion.objects.create(
        language=language,
        number=(highest or 0) + 1,
        status=status,
        texts=cleaned,
        change_note=note,
        written_by=actor.user,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="guide_text_save",
        record=version,
        purpose=Purpose.ADMINISTRATION,
        changes={"language": language, "status": status, "number": version.number},
    )
    return version

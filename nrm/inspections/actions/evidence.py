"""Evidence kept from an inspection (files, photos, documents)."""

from __future__ import annotations

from typing import IO

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.access.policy import purpose_for
from nrm.core import files
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.inspections import permissions
from nrm.inspections.actions._common import (
    NOTE_MAX,
    _text,
)
from nrm.inspections.models import (
    Evidence,
    Inspection,
    Screening,
)
from nrm.inspections.vocab import (
    EvidenceKind,
    InspectionStatus,
)

# Evidence ------------------------------------------------------------------------------


@transaction.atomic
def evidence_add(
    *,
    actor: Actor,
    inspection: Inspection,
    kind: str,
    upload: IO[bytes],
    size: int | None = None,
    name: str = "",
    description: str = "",
    screening: Screening | None = None,
) -> Evidence:
    """Store a photo or document: checked by content, photos cleaned, encrypted at rest.

    All or nothing: the file is written last, and removed again if the row cannot be.
    """
    if not permissions.may_see_inspection(actor, inspection):
        raise NotFound(_("No such inspection."))
    if not permissions.may_add_evidence(actor, inspection):
        raise PermissionDenied(_("Your organisation cannot add evidence to this inspection."))
    if inspection.status == InspectionStatus.CANCELLED:
        raise Conflict(_("This inspection was cancelled."))
    if kind not in EvidenceKind.values:
        raise DomainError(_("Choose the kind of evidence from the list."), field="kind")
    if screening is not None and screening.inspection_id != inspection.pk:
        raise DomainError(_("This screening belongs to another inspection."), field="screening")
    description = _text(description, field="description", limit=NOTE_MAX)
    clean = files.clean_upload(files.read_limited(upload, size))
    token, key = files.encrypt(clean.data)
    organisation = actor.organisation
    assert organisation is not None
    evidence = Evidence(
        inspection=inspection,
        screening=screening,
        person=screening.person if screening else None,
        kind=kind,
        description=description,
        original_name=_text(name, field="file", limit=200),
        file_key=key,
        content_type=clean.content_type,
        size=len(clean.data),
        sha256=clean.sha256,
        metadata_stripped=clean.metadata_stripped,
        organisation=organisation,
        uploaded_by=actor.user,
    )
    evidence.file.save("evidence", ContentFile(token), save=False)
    stored = evidence.file.name
    try:
        with transaction.atomic():
            evidence.save(force_insert=True)
            audit_record(
                actor=actor,
                event_type=AuditEventType.CREATE,
                action="evidence_add",
                record=evidence,
                purpose=purpose_for(actor),
                changes={
                    "inspection": inspection.reference,
                    "screening": screening.reference if screening else None,
                    "person": screening.person.reference if screening else None,
                    "kind": kind,
                    # Free text that may name a person: in the record, not the trail.
                    "description": "set" if description else "",
                    "content_type": clean.content_type,
                    "size": evidence.size,
                    "sha256": clean.sha256,
                    "metadata_stripped": clean.metadata_stripped,
                },
            )
    except BaseException:
        evidence.file.storage.delete(stored)
        raise
    return evidence

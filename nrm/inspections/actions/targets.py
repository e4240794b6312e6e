"""Yearly inspection targets per team."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.access.policy import purpose_for
from nrm.core.errors import DomainError, PermissionDenied
from nrm.inspections import permissions
from nrm.inspections.models import (
    InspectionTarget,
)
from nrm.organisations.models import Organisation, OrganisationType

# Targets -------------------------------------------------------------------------------


@transaction.atomic
def target_set(*, actor: Actor, team: Organisation, year: int, target: int) -> InspectionTarget:
    """Set a team's optional yearly share of trafficking-focused inspections; the political
    target itself is national (`targets.national_target`)."""
    if not permissions.may_set_targets(actor):
        raise PermissionDenied(_("Only the coordinating level sets the teams' targets."))
    if team.type != OrganisationType.LABOUR_INSPECTION_TEAM:
        raise DomainError(_("Targets are set for labour-inspection teams."), field="team")
    if not 2000 <= year <= 2100:
        raise DomainError(_("Give a year between 2000 and 2100."), field="year")
    if not 0 <= target <= 100_000:
        raise DomainError(_("Give a target of 0 or more."), field="target")
    row = (
        InspectionTarget.objects.select_for_update(of=("self",))
        .filter(team=team, year=year)
        .first()
    )
    old = row.target if row else None
    if row is None:
        row = InspectionTarget(team=team, year=year, target=target, set_by=actor.user)
    else:
        row.target = target
        row.set_by = actor.user
        row.set_at = timezone.now()
    row.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE if old is None else AuditEventType.UPDATE,
        action="target_set",
        record=row,
        purpose=purpose_for(actor),
        changes={"team": team.pk, "year": year, "target": {"old": old, "new": target}},
    )
    return row

"""Sentences about a retention run, shared by `nrm retention run` and the deadline worker."""

from __future__ import annotations

from django.utils.translation import gettext as _

from nrm.retention.actions import RetentionRun


def run_summary(run: RetentionRun) -> str:
    if run.dry_run:
        return _(
            "Dry run: %(due)d records due would be flagged; %(apply)d flags past their grace "
            "period would be applied. Nothing was changed."
        ) % {"due": sum(run.due_by_rule.values()), "apply": run.would_apply}
    return _(
        "Retention: flagged %(flagged)d (held %(held)d, flagged again %(reflagged)d); "
        "anonymised %(anonymised)d; deleted %(deleted)d; no longer due %(cancelled)d."
    ) % {
        "flagged": run.flagged,
        "held": run.held,
        "reflagged": run.reflagged,
        "anonymised": run.anonymised,
        "deleted": run.deleted,
        "cancelled": run.cancelled,
    }

"""What the case file pages share: who may do what, and records of a case by id."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Model
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.core.errors import NotFound
from nrm.prosecution import forms
from nrm.prosecution.models import (
    CaseFile,
)
from nrm.prosecution.permissions import Relation

PAGE_SIZE = 50
R = Relation
OFFICE = frozenset({R.OFFICE})
COURT = frozenset({R.COURT})
OFFICE_OR_COURT = frozenset({R.OFFICE, R.COURT})
WORKERS = frozenset({R.OFFICE, R.INVESTIGATOR})


@dataclass(frozen=True)
class Operation:
    """A write on the case other than a decision: its form, who may use it, what it runs."""

    form: type[forms.CaseForm]
    relations: frozenset[Relation]
    run: Callable[[Actor, CaseFile, dict[str, Any]], object]
    done: Promise
    section: str


M = TypeVar("M", bound=Model)


def _in_case(model: type[M], owner: CaseFile, pk: int, **lookups: Any) -> M:
    """A record of this case file by id; 404 for another case's (or none)."""
    found = model._default_manager.filter(pk=pk, **lookups).first()
    if found is None or getattr(found, "case_id", owner.pk) != owner.pk:
        raise NotFound(_("No such record in this case file."))
    return found

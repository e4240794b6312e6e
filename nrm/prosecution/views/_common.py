"""What the case file pages share: who may do what."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from nrm.access.context import Actor
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

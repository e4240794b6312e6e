"""Multiple systems estimation (MSE): how many victims no list saw (CONTRACTS §3).

A pure core (no Django). Input: one 0/1 column per source list (2 to 8 lists) and a
`count` column, one row per observed combination of lists; combinations not given count
zero. Model: a log-linear Poisson model over the 2^k - 1 observable cells,

    log mu(cell) = b0 + sum of main effects + chosen two-list interactions,

fitted with statsmodels' GLM. The cell no list saw has expected count exp(b0); the
estimated total is the observed total plus exp(b0).

**Model selection (the stated rule).** Forward stepwise search by BIC, starting from the
main-effects model: at each step the two-list interaction that lowers BIC most is added;
the search stops when no interaction lowers BIC. BIC's penalty (log of the number of
cases per parameter) is stricter than AIC's and keeps sparse tables from being over-fitted
(Silverman 2020, JRSS A 183:691). An interaction is a candidate only if the two lists
share at least one case: without overlap its estimate runs off to minus infinity (the
maximum-likelihood estimate does not exist; Chan, Silverman and Vincent 2021).

**Interval.** 95% profile-likelihood interval for b0 (the other parameters re-fitted for
each fixed b0), turned into an interval for the total. Deterministic: no random seed.

Validated on the UK 2013 six-list data (docs/exchange.md; tests/test_mse.py).
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.optimize import brentq
from scipy.stats import chi2

from nrm.core.text import Message, Translate, _, identity

with warnings.catch_warnings():
    # statsmodels 0.14 decorates its classes with a pandas helper that pandas 3 deprecates:
    # noise at import time, nothing we use.
    warnings.simplefilter("ignore")
    from statsmodels.genmod import families
    from statsmodels.genmod.generalized_linear_model import GLM

MAX_LISTS = 8
MIN_LISTS = 2
SMALL_LIST = 10  # a list with fewer cases makes its effects poorly determined
STRONG_DEPENDENCE = math.log(10)  # an interaction beyond tenfold odds: lists far from independent
LEVEL = 0.95


class MseError(Exception):
    """Bad input or a table no model can be fitted to: a clear reason, and where."""

    def __init__(self, message: Message, *, line: int | None = None, column: str = "") -> None:
        super().__init__(message.render())
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True)
class Table:
    lists: tuple[str, ...]
    cells: dict[tuple[int, ...], int]  # observed combinations; absent ones are zero

    @property
    def observed(self) -> int:
        return sum(self.cells.values())


def parse_table(text: str) -> Table:
    """Read the CSV contract: list columns of 0/1 and a `count` column."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [cell.strip() for cell in next(reader, [])]
    lower = [name.lower() for name in header]
    if "count" not in lower:
        raise MseError(Message(_("The table needs a count column.")), line=1)
    count_at = lower.index("count")
    lists = tuple(name for i, name in enumerate(header) if i != count_at)
    if not MIN_LISTS <= len(lists) <= MAX_LISTS:
        raise MseError(
            Message(
                _("Between %(min)s and %(max)s lists are needed; the table has %(found)s."),
                {"min": MIN_LISTS, "max": MAX_LISTS, "found": len(lists)},
            ),
            line=1,
        )
    if len(set(lists)) != len(lists) or any(not name for name in lists):
        raise MseError(Message(_("Each list needs a name of its own.")), line=1)
    cells: dict[tuple[int, ...], int] = {}
    for cells_in_row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells_in_row):
            continue
        if len(cells_in_row) != len(header):
            raise MseError(
                Message(
                    _("This line has %(found)s cells; the header has %(expected)s."),
                    {"found": len(cells_in_row), "expected": len(header)},
                ),
                line=line,
            )
        pattern: list[int] = []
        for i, raw in enumerate(cells_in_row):
            value = raw.strip()
            if i == count_at:
                continue
            if value not in {"0", "1"}:
                raise MseError(
                    Message(_("A list column holds 0 or 1, not %(value)s."), {"value": value}),
                    line=line,
                    column=header[i],
                )
            pattern.append(int(value))
        raw_count = cells_in_row[count_at].strip()
        if not raw_count.isdigit():
            raise MseError(
                Message(
                    _("A count is a whole number, zero or more, not %(value)s."),
                    {"value": raw_count},
                ),
                line=line,
                column=header[count_at],
            )
        key = tuple(pattern)
        if not any(key):
            raise MseError(
                Message(_("A row on no list cannot be observed; remove it.")), line=line
            )
        if key in cells:
            raise MseError(Message(_("This combination of lists appears twice.")), line=line)
        cells[key] = int(raw_count)
    return Table(lists=lists, cells={k: v for k, v in cells.items() if v})


@dataclass(frozen=True)
class Fit:
    terms: tuple[tuple[int, ...], ...]  # (i,) main effect, (i, j) interaction
    params: npt.NDArray[np.float64]
    loglik: float
    bic: float
    deviance: float
    df_resid: int


@dataclass
class Estimate:
    lists: tuple[str, ...]
    observed: int
    unobserved: float
    total: float
    lower: float
    upper: float
    model: Fit
    warnings: list[Message] = field(default_factory=list)

    def term_names(self) -> list[str]:
        return [":".join(self.lists[i] for i in term) for term in self.model.terms]

    def as_json(self, translate: Translate = identity) -> dict[str, Any]:
        interactions = [t for t in self.model.terms if len(t) == 2]
        return {
            "lists": list(self.lists),
            "observed_total": self.observed,
            "estimated_total": round(self.total),
            "estimated_unobserved": round(self.unobserved),
            "interval": {
                "level": LEVEL,
                "lower": round(self.lower),
                "upper": round(self.upper),
                "method": "profile likelihood",
            },
            "model": {
                "family": "Poisson log-linear",
                "terms": ["(Intercept)", *self.term_names()],
                "interactions": [":".join(self.lists[i] for i in t) for t in interactions],
                "selection": "forward stepwise by BIC over two-list interactions",
                "bic": round(self.model.bic, 3),
                "deviance": round(self.model.deviance, 3),
                "df_residual": self.model.df_resid,
            },
            "warnings": [w.render(translate) for w in self.warnings],
        }


def _design(
    k: int, terms: Sequence[tuple[int, ...]]
) -> tuple[npt.NDArray[np.float64], list[tuple[int, ...]]]:
    patterns = [p for p in itertools.product((0, 1), repeat=k) if any(p)]
    x = np.array(
        [[1.0] + [float(all(p[i] for i in term)) for term in terms] for p in patterns]
    )
    return x, patterns


def _fit(table: Table, terms: Sequence[tuple[int, ...]]) -> Fit:
    k = len(table.lists)
    x, patterns = _design(k, terms)
    y = np.array([table.cells.get(p, 0) for p in patterns], dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = GLM(y, x, family=families.Poisson()).fit()
    params = np.asarray(result.params, dtype=float)
    loglik = float(result.llf)
    n = max(table.observed, 2)
    return Fit(
        terms=tuple(terms),
        params=params,
        loglik=loglik,
        bic=-2.0 * loglik + len(params) * math.log(n),
        deviance=float(result.deviance),
        df_resid=round(result.df_resid),
    )


def _overlap(table: Table, i: int, j: int) -> int:
    return sum(count for pattern, count in table.cells.items() if pattern[i] and pattern[j])


def _check(table: Table) -> None:
    k = len(table.lists)
    for i, name in enumerate(table.lists):
        if not any(pattern[i] for pattern in table.cells):
            raise MseError(
                Message(_("The list %(list)s has no cases: leave it out."), {"list": name}),
                column=name,
            )
    if len(table.cells) <= k:
        raise MseError(
            Message(
                _(
                    "Too few observed combinations to fit a model: %(found)s, and at least "
                    "%(needed)s are needed for %(lists)s lists."
                ),
                {"found": len(table.cells), "needed": k + 1, "lists": k},
            )
        )


def select_model(table: Table) -> Fit:
    """Forward stepwise by BIC from the main-effects model (the module's stated rule)."""
    k = len(table.lists)
    terms: list[tuple[int, ...]] = [(i,) for i in range(k)]
    best = _fit(table, terms)
    candidates = [
        (i, j) for i, j in itertools.combinations(range(k), 2) if _overlap(table, i, j) > 0
    ]
    while candidates:
        trials = [(_fit(table, [*terms, c]), c) for c in candidates]
        trial, chosen = min(trials, key=lambda t: t[0].bic)
        if trial.bic >= best.bic or not np.all(np.isfinite(trial.params)):
            break
        terms.append(chosen)
        candidates.remove(chosen)
        best = trial
    return best


def _profile_loglik(table: Table, fit: Fit, b0: float) -> float:
    k = len(table.lists)
    x, patterns = _design(k, fit.terms)
    y = np.array([table.cells.get(p, 0) for p in patterns], dtype=float)
    offset = np.full(len(y), b0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = GLM(y, x[:, 1:], family=families.Poisson(), offset=offset).fit(
            start_params=fit.params[1:]
        )
    return float(result.llf)


def _profile_interval(table: Table, fit: Fit) -> tuple[float, float]:
    b0 = float(fit.params[0])
    cut = float(chi2.ppf(LEVEL, df=1)) / 2.0

    def gap(value: float) -> float:
        return fit.loglik - _profile_loglik(table, fit, value) - cut

    step = 0.5
    low = b0 - step
    while gap(low) < 0 and low > b0 - 30:
        low -= step
    high = b0 + step
    while gap(high) < 0 and high < b0 + 30:
        high += step
    lower = brentq(gap, low, b0) if gap(low) > 0 else low
    upper = brentq(gap, b0, high) if gap(high) > 0 else high
    return math.exp(lower), math.exp(upper)


def estimate(table: Table) -> Estimate:
    _check(table)
    fit = select_model(table)
    unobserved = math.exp(float(fit.params[0]))
    low, high = _profile_interval(table, fit)
    result = Estimate(
        lists=table.lists,
        observed=table.observed,
        unobserved=unobserved,
        total=table.observed + unobserved,
        lower=table.observed + low,
        upper=table.observed + high,
        model=fit,
    )
    for i, name in enumerate(table.lists):
        size = sum(c for p, c in table.cells.items() if p[i])
        if size < SMALL_LIST:
            result.warnings.append(
                Message(
                    _(
                        "The list %(list)s has only %(count)s cases: its effect is poorly "
                        "determined and the estimate is fragile."
                    ),
                    {"list": name, "count": size},
                )
            )
    for index, term in enumerate(fit.terms):
        if len(term) == 2 and abs(float(fit.params[index + 1])) > STRONG_DEPENDENCE:
            result.warnings.append(
                Message(
                    _(
                        "The lists %(first)s and %(second)s are strongly dependent: the "
                        "estimate rests on the model of that dependence."
                    ),
                    {"first": table.lists[term[0]], "second": table.lists[term[1]]},
                )
            )
    if result.upper > 10 * max(result.observed, 1):
        result.warnings.append(
            Message(_("The interval is very wide: the lists overlap too little to estimate."))
        )
    return result

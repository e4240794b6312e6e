"""How many places are taken: pure date arithmetic, no Django, tested without a database.

A stay takes a place on every day from its arrival up to, not including, its departure
(`None`: still there). Placements may be recorded after the fact, so a new stay must fit
on every day it covers, not only on its first: the peak over the window decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

Stay = tuple[date, date | None]


def occupies(stay: Stay, day: date) -> bool:
    arrived, departed = stay
    return arrived <= day and (departed is None or departed > day)


def overlaps(stay: Stay, start: date, end: date | None) -> bool:
    """Whether the stay shares at least one day with the window [start, end)."""
    arrived, departed = stay
    if end is not None and end <= start:
        return False  # an empty window (arrival and departure on the same day)
    return (end is None or arrived < end) and (departed is None or departed > start)


def peak_occupancy(stays: Iterable[Stay], start: date, end: date | None = None) -> int:
    """The most places taken on any one day of the window [start, end)."""
    relevant = [stay for stay in stays if overlaps(stay, start, end)]
    if not relevant:
        return 0
    # Occupancy only rises on an arrival day, so the peak is on the first day of the
    # window or on one of the arrivals inside it.
    days = {start} | {arrived for arrived, _departed in relevant if arrived > start}
    return max(sum(1 for stay in relevant if occupies(stay, day)) for day in days)

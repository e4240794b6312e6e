"""The bridge between stored pathway rows and the pure engine."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings

from nrm import pathway
from nrm.protection.models import PathwayRecord, StatusEvent

# Legal periods are counted in calendar dates where the law applies (DESIGN.md, "Dates").
TIME_ZONES = {"BE": ZoneInfo("Europe/Brussels"), "DK": ZoneInfo("Europe/Copenhagen")}


def config() -> pathway.PathwayConfig:
    """The installation's pathway settings (nrm/installations/), then NRM_PATHWAY_SETTINGS."""
    return pathway.PathwayConfig(
        **{
            **settings.NRM_INSTALLATION.pathway_settings,
            **getattr(settings, "NRM_PATHWAY_SETTINGS", {}),
        }
    )


def time_zone(jurisdiction: str) -> ZoneInfo:
    return TIME_ZONES.get(jurisdiction, ZoneInfo(settings.TIME_ZONE))


def start_of_day(day: dt.date, jurisdiction: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=time_zone(jurisdiction))


def today_in(jurisdiction: str) -> dt.date:
    return dt.datetime.now(time_zone(jurisdiction)).date()


def engine_person(record: PathwayRecord) -> pathway.Person:
    return pathway.Person(
        unaccompanied_minor=record.unaccompanied_minor,
        has_legal_stay=record.has_legal_stay,
        age_at_identification=record.age_at_identification,
    )


def engine_event(event: StatusEvent) -> pathway.Event:
    return pathway.Event(
        date=event.on,
        type=event.type,
        positive=event.details.get("positive"),
        days=event.details.get("days"),
        document=event.details.get("document"),
    )


def engine_state(
    record: PathwayRecord, events: list[StatusEvent] | None = None
) -> pathway.PathwayState:
    """The engine's state for a stored record (its events are loaded unless given)."""
    if events is None:
        events = list(record.events.order_by("sequence")) if record.pk else []
    return pathway.replay(
        engine_person(record), [engine_event(e) for e in events], record.jurisdiction, config()
    )

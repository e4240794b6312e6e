"""An organisation's deadlines as an iCalendar feed (RFC 5545), written by hand: the
format is small, and the three rules that matter are kept here — text values escaped
(§3.3.11), lines folded at 75 octets without splitting a character (§3.1), CRLF endings.

Events name the person by the pseudonymous reference only: a calendar lives on phones
and in mail servers outside the platform.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.protection.display import deadline_label
from nrm.protection.engine import time_zone
from nrm.protection.models import Deadline

PRODUCT_ID = "-//Open NRM//Pathway deadlines//EN"
LINE_OCTETS = 75


def escape_text(value: str) -> str:
    """TEXT value escaping: backslash first, then the separators and newlines."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets (the continuation's leading
    space counts), never cutting a UTF-8 sequence."""
    chunks: list[str] = []
    current, size, limit = "", 0, LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            chunks.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1
        current += char
        size += width
    chunks.append(current)
    return "\r\n ".join(chunks)


def _date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def _stamp(instant: dt.datetime) -> str:
    return instant.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _reminder_days(deadline: Deadline) -> int:
    if deadline.remind_at is None:
        return 0
    zone = time_zone(deadline.jurisdiction)
    return max((deadline.due_on - deadline.remind_at.astimezone(zone).date()).days, 0)


def render_calendar(
    *, name: str, deadlines: Iterable[Deadline], host: str, now: dt.datetime | None = None
) -> str:
    """The feed: one all-day event per open deadline, on its due date."""
    now = now or timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for deadline in deadlines:
        reference = deadline.reference
        summary = _("%(deadline)s: %(reference)s") % {
            "deadline": deadline_label(deadline.kind),
            "reference": reference,
        }
        description = _("To do: %(action)s. Person %(reference)s.") % {
            "action": _(deadline.action),
            "reference": reference,
        }
        lines += [
            "BEGIN:VEVENT",
            # Stable per deadline row: a renewal opens a new row, so a new event.
            f"UID:deadline-{deadline.pk}@{host}",
            f"DTSTAMP:{_stamp(now)}",
            f"DTSTART;VALUE=DATE:{_date(deadline.due_on)}",
            f"DTEND;VALUE=DATE:{_date(deadline.due_on + dt.timedelta(days=1))}",
            f"SUMMARY:{escape_text(summary)}",
            f"DESCRIPTION:{escape_text(description)}",
            "TRANSP:TRANSPARENT",
        ]
        lead = _reminder_days(deadline)
        if lead:
            # The platform's own reminder lead time (NRM_PATHWAY_SETTINGS), as an alarm.
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{escape_text(summary)}",
                f"TRIGGER:-P{lead}D",
                "END:VALARM",
            ]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)

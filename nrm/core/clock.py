"""The one notion of "today": the calendar date where the installation is.

Legal periods are counted in calendar dates where the law applies (DESIGN.md, "Dates"), and
an installation's time zone (settings.TIME_ZONE, from its installation file) is its
jurisdiction's: Europe/Brussels for Belgium, Europe/Copenhagen for Denmark. Pages, forms
and actions all ask here, so that a date typed just after midnight is judged on the same day
everywhere. (A pathway of another jurisdiction counts in its own zone:
`nrm.protection.engine.today_in`.)
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    """Today in the installation's time zone (timezone-aware: never the server's clock)."""
    return timezone.localdate()

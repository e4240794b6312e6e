"""No personal data and no credential in logs.

The application logs ids and event names only. This filter is a second line of defence:
it drops the arguments of records from loggers that may format request data and removes
query strings (search terms typed by a user, possibly a name) and credentials that travel
in a path (a calendar feed's secret address, an account recovery link, an API token) from
every message, access logs included (`nrm.core.gunicorn.AccessLogger` for gunicorn; the
development server logs through `django.server`, which this filter covers).
"""

from __future__ import annotations

import logging
import re

# Query strings may carry search terms typed by a user (possibly a name) or a token.
_QUERY_STRING = re.compile(r"\?[^\s\"']*")
# Paths whose segments are the credential (nrm/protection/urls.py, nrm/accounts/urls.py).
_SECRET_PATHS = (
    (re.compile(r"/calendar/[^/\s\"'?]+\.ics"), "/calendar/….ics"),
    (re.compile(r"/recover/[^\s\"'?]+"), "/recover/…"),
)
# Anything else shaped like a credential: an API token, a bearer header, a long opaque
# path segment (secrets.token_urlsafe(32) is 43 characters; references are 11).
_TOKENS = (
    (re.compile(r"\bnrm_[A-Za-z0-9_\-]+"), "nrm_…"),
    (re.compile(r"(?i)\bbearer\s+[A-Za-z0-9_\-.~+/=]+"), "Bearer …"),
    (re.compile(r"(?<=/)[A-Za-z0-9_\-]{32,}(?=[/.\s\"']|$)"), "…"),
)


def redact(text: str) -> str:
    """The text without query strings and without credentials in paths or headers."""
    text = _QUERY_STRING.sub("?…", text)
    for pattern, replacement in (*_SECRET_PATHS, *_TOKENS):
        text = pattern.sub(replacement, text)
    return text


class NoPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        # Django's request logger attaches the request; never let a handler render it.
        if hasattr(record, "request"):
            record.request = None
        return True

"""No personal data in logs.

The application logs ids and event names only. This filter is a second line of defence:
it drops the arguments of records from loggers that may format request data and removes
any exception text that carries an encrypted-field value or a request body.
"""

from __future__ import annotations

import logging
import re

# Query strings may carry search terms typed by a user (possibly a name).
_QUERY_STRING = re.compile(r"\?[^\s\"']*")


class NoPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = _QUERY_STRING.sub("?…", message)
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        # Django's request logger attaches the request; never let a handler render it.
        if hasattr(record, "request"):
            record.request = None
        return True

"""E-mail sent by the claiming workers after their claim has committed."""

from __future__ import annotations

import logging
import smtplib

from django.core.mail import EmailMessage, get_connection

logger = logging.getLogger("nrm.mail")


def send_after_claim(messages: list[EmailMessage], *, what: str) -> None:
    """Send a worker's e-mails; a mail outage is logged (count only, no address or
    content) and never stops the worker: the claim and the in-app records are committed,
    so each e-mail goes at most once."""
    try:
        get_connection().send_messages(messages)
    except (OSError, smtplib.SMTPException):
        logger.exception("sending %s %s e-mails failed", len(messages), what)

"""Readable references for records people name aloud: persons, inspections, case files.

No 0/O or 1/I: references are read out on the phone and copied by hand. Random, not
derived from the record, so a reference reveals nothing about who or what it names.
"""

from __future__ import annotations

import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def readable_reference(prefix: str) -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{prefix}-{body[:4]}-{body[4:]}"

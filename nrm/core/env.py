"""Typed helpers that read the environment and fail loudly.

Settings come from the environment (or files named by it) so that one code base runs the
demo, the test suite and production. In production a missing secret is an error at start-up,
never a silent default.
"""

from __future__ import annotations

import os
import secrets
from datetime import date
from pathlib import Path

from cryptography.fernet import Fernet


class ConfigurationError(RuntimeError):
    """A setting the running mode needs is missing or malformed."""


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ConfigurationError(f"The environment variable {name} must be set.")
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be a whole number, not {value!r}.") from exc


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    """One of a closed set of values (case-insensitive), e.g. the installation's country."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    chosen = value.strip().upper()
    if chosen not in {choice.upper() for choice in choices}:
        raise ConfigurationError(f"{name} must be one of {', '.join(choices)}, not {value!r}.")
    return chosen


def env_date(name: str, default: date) -> date:
    """An ISO date (YYYY-MM-DD), e.g. the Belgian Criminal Code cut-over."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be a date as YYYY-MM-DD, not {value!r}.") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def fernet_keys(name: str, value: str) -> list[str]:
    """A comma-separated list of Fernet keys, checked at start-up rather than at first use."""
    keys = [key.strip() for key in value.split(",") if key.strip()]
    if not keys:
        raise ConfigurationError(f"{name} holds no key.")
    for key in keys:
        try:
            Fernet(key.encode())
        except ValueError as exc:
            # Never the key itself in the message: it ends up in logs.
            raise ConfigurationError(f"{name} holds a malformed Fernet key.") from exc
    return keys


def secret_from_env_or_file(name: str) -> str | None:
    """`NAME` holds the value itself; `NAME_FILE` names a file holding it (container secrets)."""
    value = os.environ.get(name)
    if value:
        return value.strip()
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigurationError(f"{name}_FILE names {path}, which cannot be read.") from exc
    return None


def generated_secret(path: Path, make: str = "token") -> str:
    """A secret kept under ./var/ for the demo and development only; made on first use.

    Production never reaches this: the settings refuse to start without real secrets.
    """
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = Fernet.generate_key().decode() if make == "fernet" else secrets.token_urlsafe(50)
    path.write_text(value + "\n", encoding="utf-8")
    path.chmod(0o600)
    return value

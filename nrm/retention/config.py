"""The installation's retention rules: the defaults changed by its configuration."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from nrm.retention.policy import ConfigError, Rule, rules_from_config


def retention_config() -> dict[str, Any]:
    """`NRM_RETENTION_FILE` (JSON) first, then the `NRM_RETENTION` setting on top of it."""
    config: dict[str, Any] = {}
    path = str(getattr(settings, "NRM_RETENTION_FILE", "") or "")
    if path:
        try:
            loaded = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ImproperlyConfigured(f"NRM_RETENTION_FILE {path}: {exc}") from exc
        if not isinstance(loaded, dict):
            raise ImproperlyConfigured(f"NRM_RETENTION_FILE {path}: a JSON object is needed")
        config.update(loaded)
    config.update(dict(getattr(settings, "NRM_RETENTION", {}) or {}))
    return config


def active_rules() -> tuple[tuple[Rule, ...], dict[str, int]]:
    """The rules in force and the person record's period per purpose."""
    try:
        return rules_from_config(retention_config())
    except ConfigError as exc:
        raise ImproperlyConfigured(f"retention configuration: {exc}") from exc


def rule_for(key: str) -> Rule:
    rules, _periods = active_rules()
    for rule in rules:
        if rule.key == key:
            return rule
    raise KeyError(key)

"""Indicator frameworks: suggestions with reasons, never decisions."""

"""JSON Schemas of the pathway contract (CONTRACTS.md §2), shipped as package data."""

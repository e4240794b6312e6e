"""JSON Schemas of the qualification contract (input facts, output report)."""

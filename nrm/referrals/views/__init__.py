"""Referral and hotline pages, one module per page family (each owned and read on its own)."""

"""Audit of cases: encrypted payloads, decision trails, replay and the transparency record."""

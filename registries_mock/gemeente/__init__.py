"""Gemeente mock: municipal taxes (per municipality) and parking permits."""

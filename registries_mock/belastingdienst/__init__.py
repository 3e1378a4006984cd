"""Belastingdienst mock: the tax office's copy of a person's address."""

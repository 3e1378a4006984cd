"""Burgerlijke stand mock: deeds of death, disposal permits, messages to undertakers."""

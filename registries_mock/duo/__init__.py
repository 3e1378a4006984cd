"""DUO mock: student finance (studiefinanciering)."""

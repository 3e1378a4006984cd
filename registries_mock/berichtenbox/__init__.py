"""Berichtenbox mock: the citizen's message box (in the manner of MijnOverheid)."""

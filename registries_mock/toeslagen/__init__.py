"""Toeslagen mock: benefits (huurtoeslag, zorgtoeslag, kinderopvangtoeslag, kindgebonden budget)."""

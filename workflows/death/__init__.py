"""The report of a death (aangifte van overlijden) as a life event."""

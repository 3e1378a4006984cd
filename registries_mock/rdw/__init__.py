"""RDW mock: vehicles registered to a person (kentekens)."""

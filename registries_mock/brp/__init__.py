"""BRP mock: Haal Centraal BRP Personen bevragen v2, plus an address-change mutation."""

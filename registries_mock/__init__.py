"""Mock Dutch government registries that follow the public API shapes, and their typed client.

The mocks (`registries_mock.app.create_app`) serve BRP (Haal Centraal BRP Personen bevragen),
BAG (Individuele Bevragingen v2), Belastingdienst, Toeslagen, DUO, RDW, the municipality
(taxes, parking permits) and a citizen message box from one FastAPI app on SQLModel, seeded
with a deterministic synthetic population (`registries_mock.seed`). Each registry has a folder
with `models.py` (tables: `XBase`, `X(table=True)`), `schemas.py` (wire models: `XCreate`
request bodies and `XPublic` responses, pydantic only), `crud.py` and `routes.py`.

Only the client's names are exported here, so importing them stays light.
"""

from registries_mock.client import (
    AdminClient,
    RegistryClient,
    RegistryClientError,
    RegistryError,
    RegistryUnavailable,
)

__all__ = [
    "AdminClient",
    "RegistryClient",
    "RegistryClientError",
    "RegistryError",
    "RegistryUnavailable",
]

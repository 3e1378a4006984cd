"""Mock Dutch government registries that follow the public API shapes.

The mocks (`registries_mock.app.create_app`) serve BRP (Haal Centraal BRP Personen bevragen),
BAG (Individuele Bevragingen v2), Belastingdienst, Toeslagen, DUO, RDW, the municipality
(taxes, parking permits) and a citizen message box from one FastAPI app on SQLModel, seeded
with a deterministic synthetic population (`registries_mock.seed`). They serve the registry
contract of `burgerflow.registry` (the typed client and its wire schemas, which is production
code); each registry has a folder with `models.py` (tables: `XBase`, `X(table=True)`),
`crud.py` and `routes.py`. `registries_mock.admin.client.AdminClient` drives the `/_admin` API.

Only the CLI, the benchmark, the evaluation and the tests import this package.
"""

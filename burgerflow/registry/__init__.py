"""The registry contract: the typed client and the wire schemas of every registry.

Production code: the real registries answer it (Haal Centraal BRP, BAG, ...) and the mocks in
`registries_mock` serve it. Stands on `burgerflow.core` only.
"""

"""The burgerflow HTTP API (v1): assembly of the routers of each resource."""

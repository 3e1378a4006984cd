"""BAG mock: Individuele Bevragingen v2 (addresses and addressable objects)."""

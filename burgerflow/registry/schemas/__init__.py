"""Wire schemas of each registry (`common` holds the types several registries share)."""

"""The data the seeded population is drawn from: municipalities, names, registry values."""

"""The generic gated case: what every life event's case shares, written once."""

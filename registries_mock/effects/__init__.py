"""The effects ledger: one row per idempotency key of every mutation."""

"""The admin API of the mocks (`/_admin`), mounted only in dev mode: test data, ledger, faults."""

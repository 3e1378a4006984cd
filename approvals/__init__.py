"""Human validation gates: the approvals inbox store, caseworker API and page."""

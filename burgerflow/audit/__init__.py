"""The audit side of burgerflow for people: the `burgerflow audit` command and the trail page."""

"""`burgerflow eval`: how well an agent's model plans changes of address, before anyone trusts it.

A fixed set of change-of-address scenarios (`scenarios`), each built fresh through the
registry mocks' `_admin` API with the steps and gates a caseworker would expect, runs through
the agent and policy v1 on Temporal (`workflow`), and the report (`report`) gives per scenario
and overall: step precision and recall, gate agreement, turns, tokens and latency — the
figures a municipality compares models by before switching. `runner.run_eval` ties it
together; `serving` serves the mocks or the fake model in-process.
"""

"""`burgerflow eval`: how well an agent's model plans a life event's cases, before anyone trusts it.

Every life event with an evaluation (`extras["evaluation"]`, see `workflows.case.evaluation`)
brings a fixed set of scenarios, each built fresh through the registry mocks' `_admin` API
(`population`) with the steps and gates a caseworker would expect. `scenarios` picks the life
events and scenarios of a run; each runs through the life event's evaluation workflow (its
agent and policy) on Temporal, and the report (`report`) gives per scenario, per life event
and overall: step precision and recall, gate agreement, turns, tokens and latency — the
figures a municipality compares models by before switching. `runner.run_eval` ties it
together; `serving` serves the mocks or the fake model in-process.
"""

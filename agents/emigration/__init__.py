"""The emigration agent: gathers the departure's facts from the registries and drafts a plan.

Modules: `names` (tool names and fixed texts), `views` (what the model reads and writes, in
tokens), `prompts`, `state` (graph state), `lookups` (registry look-ups and how their answers
merge into the facts), `tools` (the tool table, one round of tool calls, the plan check and the
look-ups an agent left undone), `nodes`, `graph` (`build_emigration_graph`, used by the
worker), `runner` (`run_emigration_agent`, used by the workflow) and `outcome`. Offline, the
scripted planner plays the model: `scripted` (its turns), `knowledge` (what it read in the
conversation) and `planning` (the plan it drafts with the domain's step rules); `fake` is what
the fake endpoint (`agents.fake_llm`) plays for this agent. The domain types (request, facts,
plan) are in `workflows.emigration.domain`.
"""

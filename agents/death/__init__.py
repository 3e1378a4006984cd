"""The report of a death's agent: gathers the facts of a death and drafts the steps.

Modules: `views` (what the model reads and writes, in tokens), `state` (graph state), `tools`
(registry look-ups and `submit_plan`, one module a concept), `prompts`, `nodes`, `graph`
(`build_death_graph`, used by the worker), `runner` (`run_death_agent`, used by the workflow)
and `outcome`. Offline, the scripted planner plays the model: `scripted` (its turns),
`knowledge` (what it read in the conversation) and `planning` (the plan it drafts with the
domain's step rules); `fake` is what the fake endpoint (`agents.fake_llm`) plays for this
agent. The domain types (request, facts, plan) are in `workflows.death.domain`.
"""

"""The change-of-address agent: gathers the move's facts from the registries and drafts a plan.

Modules: `plan` (the plan and facts models), `views` (what the model reads and writes, in
tokens), `state` (graph state), `tools` (registry look-ups and `submit_plan`), `prompts`,
`nodes`, `graph` (`build_change_of_address_graph`, used by the worker) and `runner`
(`run_change_of_address_agent`, used by the workflow).
"""

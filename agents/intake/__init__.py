"""The intake assistant: works out which life event a citizen describes in a chat, asks for
what is missing, finds the address in BAG and proposes the report; it never sends one.

`spec` (what a life event tells the assistant: `IntakeSpec`, slots, the catalogue), `redaction`
(BSNs, IBANs, phone numbers and e-mail addresses as tokens), `dates` (dates in words),
`prompts`, `tools` (search, propose, hand over, reply; the checks), `state`, `nodes`, `graph`,
`runner` (one message, from workflow code), `understanding` and `scripted` (the offline
assistant), `errors` (model failures as Temporal errors) and `fake` (the assistant behind the
fake endpoint).
"""

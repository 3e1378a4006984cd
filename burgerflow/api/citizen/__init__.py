"""The citizen page `/mijn/`: sign in (OIDC or a development token), follow one's cases,
report a change with a form or in the chat, cancel an open case.

`pages` (the router and its pages), `forms` (report forms from a life event's intake spec),
`oidc` (the sign-in at the municipality's identity provider), `i18n` (the page's words) and
`templates/`.
"""

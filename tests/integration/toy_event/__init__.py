"""A toy life event that lives in the tests only: a parking-permit request.

It proves a life event is a plug-in: its own folder (report, two-rule policy, one step, no
agent) and one `LifeEvent`, added to the list by the test that uses it, with no shared file
changed for it.
"""

"""The ground every layer stands on: settings, shared names, BSN, keys, tokens, problem types.

Imports nothing of burgerflow's own outside this package.
"""

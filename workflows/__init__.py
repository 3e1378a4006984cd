"""Temporal workflows of burgerflow: one folder per life event, the worker and client helpers."""

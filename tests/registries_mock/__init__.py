"""Tests of the registry mocks and their client."""

"""Root conftest: the environment defaults live in netra/settings_test.py (read before any conftest)."""

"""Staff back office views, one module per page family."""

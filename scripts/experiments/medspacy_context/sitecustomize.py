import context_adapter  # noqa: F401

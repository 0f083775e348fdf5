"""Chinese for the live-updates strings (change watcher, presence)."""

MESSAGES: dict[str, str] = {
    "Also viewing: %1": "也在查看：%1",
    # Separator between the names of the people viewing a case.
    ", ": "、",
}

BY_CONTEXT: dict[tuple[str, str], str] = {}

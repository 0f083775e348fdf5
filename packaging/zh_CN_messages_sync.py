"""Chinese for the live-updates strings (change watcher, presence)."""

MESSAGES: dict[str, str] = {
    "Also viewing: %1": "也在查看：%1",
}

BY_CONTEXT: dict[tuple[str, str], str] = {
    # Between the names of the people viewing a case; only there, not every ", ".
    ("ViewersLabel", ", "): "、",
}

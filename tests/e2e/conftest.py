"""End-to-end test set-up: app names and a per-test QSettings location."""

# Registered here by import: names as in the app and QSettings in tmp_path, for every e2e test.
from qt_support import message_boxes_never_block, qt_settings_in_tmp  # noqa: F401

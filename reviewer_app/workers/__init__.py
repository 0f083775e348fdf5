"""The bridge between threads: a runner with a read pool and one ordered write lane."""

from reviewer_app.workers import qt_fixes

qt_fixes.apply()

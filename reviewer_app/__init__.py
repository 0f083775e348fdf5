"""Appeal Reviewer Workstation: a desktop client for marketplace appeals moderation."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("reviewer-app")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

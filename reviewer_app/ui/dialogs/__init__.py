"""Dialogs: user chooser, first-run screen, shortcut sheet, error dialogs."""

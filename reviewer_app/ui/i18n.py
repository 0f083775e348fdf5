"""Loads the UI translation for the system locale or the user's language preference."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

log = logging.getLogger(__name__)

LANGUAGE_KEY = "ui/language"
CATALOG = "reviewer_app"
# Languages with a translation, as offered in preferences ("" follows the system).
LANGUAGES = ("en", "zh_CN")


def translations_dir() -> Path:
    """Where the compiled ``reviewer_app_<locale>.qm`` files live."""
    return Path(__file__).resolve().parents[2] / "resources" / "translations"


def preferred_locale(settings: QSettings | None = None) -> QLocale:
    """The QSettings ``ui/language`` preference, else the system locale."""
    settings = settings or QSettings()
    name = str(settings.value(LANGUAGE_KEY, "") or "")
    return QLocale(name) if name else QLocale.system()


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> QLocale:
    """Install our translator (and Qt's own, for standard buttons) for ``locale``.

    The translators are parented to ``app`` so they live as long as it. Returns the locale
    in use; a missing translation simply leaves the English source text.
    """
    locale = locale or preferred_locale()
    QLocale.setDefault(locale)
    ours = QTranslator(app)
    if ours.load(locale, CATALOG, "_", str(translations_dir())):
        app.installTranslator(ours)
        log.info("UI translation loaded: %s", ours.filePath())
    elif locale.language() not in (QLocale.Language.English, QLocale.Language.C):
        log.warning("No UI translation for %s in %s", locale.name(), translations_dir())
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_own = QTranslator(app)
    if qt_own.load(locale, "qtbase", "_", qt_dir):
        app.installTranslator(qt_own)
    return locale


def remove_translators(app: QCoreApplication) -> None:
    """Uninstall translators installed by ``install_translators`` (tests switch languages)."""
    for translator in app.findChildren(QTranslator):
        app.removeTranslator(translator)
        translator.deleteLater()

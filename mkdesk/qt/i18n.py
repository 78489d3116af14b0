"""Qt layer: the UI language — picks English or Slovenian and installs mkdesk's and Qt's own translators (GUI thread).

The language comes from the settings (`system` / `en` / `sl`); `system` follows `QLocale.system()`. For Slovenian
the app installs, in this order (the last installed is asked first): Qt's base catalogue from PySide6's
translations directory (`qtbase_sl.qm`, or the older all-in-one `qt_sl.qm`), `resources/i18n/qtbase_extra_sl.qm`
(the standard button texts Qt's own Slovenian catalogue lacks) and `resources/i18n/mkdesk_sl.qm` (built from
`mkdesk_sl.ts` with `pyside6-lrelease`; `update_catalogue()` re-runs `pyside6-lupdate` over `mkdesk/qt` and
`mkdesk/app.py`). Strings that `lupdate` files under a variable's name (`window.tr(...)` in `app.py` lands in
context "window") are found through `CONTEXT_ALIASES`.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent.parent
I18N_DIR = ROOT / "resources" / "i18n"
LANGUAGES = ("en", "sl")
#: runtime context (the class name) → contexts lupdate gives the same calls (the variable used in app.py)
CONTEXT_ALIASES = {"MainWindow": ("window",)}

_installed: list[QTranslator] = []


class AliasTranslator(QTranslator):
    """A catalogue that also answers a class's strings that lupdate filed under a variable's name."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        text = super().translate(context, source, disambiguation, n)
        if not text:
            for alias in CONTEXT_ALIASES.get(context, ()):
                text = super().translate(alias, source, disambiguation, n)
                if text:
                    break
        return text


def choose_language(setting: str = "system", system: QLocale | None = None) -> str:
    """`en` or `sl`: the setting when explicit, else the system locale's language (anything else → English)."""
    if setting in LANGUAGES:
        return setting
    locale = system or QLocale.system()
    return "sl" if locale.language() == QLocale.Language.Slovenian else "en"


def qt_translations_dir() -> Path:
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def install_translations(setting: str = "system", *, i18n_dir: Path = I18N_DIR) -> str:
    """Install the translators for the chosen language (replacing earlier ones); returns `en` or `sl`."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before installing translations")
    remove_translations()
    language = choose_language(setting)
    if setting in LANGUAGES:
        QLocale.setDefault(QLocale(QLocale.Language.Slovenian, QLocale.Territory.Slovenia) if language == "sl"
                           else QLocale(QLocale.Language.English, QLocale.Territory.UnitedStates))
    if language == "en":
        return language
    candidates: list[tuple[QTranslator, str, Path]] = []
    base = qt_translations_dir()
    for name in (f"qtbase_{language}", f"qt_{language}"):
        if (base / f"{name}.qm").exists():
            candidates.append((QTranslator(), name, base))
            break
    candidates.append((QTranslator(), f"qtbase_extra_{language}", i18n_dir))
    candidates.append((AliasTranslator(), f"mkdesk_{language}", i18n_dir))
    for translator, name, directory in candidates:
        if translator.load(name, str(directory)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("translations: %s.qm not found in %s", name, directory)
    return language


def remove_translations() -> None:
    """Uninstall every translator this module installed (back to the English source texts)."""
    app = QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)


def _tool(name: str) -> str:
    return str(Path(sys.executable).with_name(f"pyside6-{name}"))


def update_catalogue(language: str = "sl") -> None:
    """Developer tool: re-extract the strings into `mkdesk_<language>.ts` and compile every `.ts` to `.qm`."""
    sources = sorted(str(p) for p in (ROOT / "mkdesk" / "qt").rglob("*.py")) + [str(ROOT / "mkdesk" / "app.py")]
    ts = I18N_DIR / f"mkdesk_{language}.ts"
    subprocess.run([_tool("lupdate"), *sources, "-locations", "none", "-target-language", f"{language}_SI",
                    "-ts", str(ts)], check=True)
    for path in sorted(I18N_DIR.glob("*.ts")):
        compile_catalogue(path, path.with_suffix(".qm"))


def compile_catalogue(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("lrelease"), "-silent", "-nounfinished", str(ts), "-qm", str(qm)], check=True)


if __name__ == "__main__":  # python -m mkdesk.qt.i18n: refresh the catalogues after changing UI strings
    update_catalogue()

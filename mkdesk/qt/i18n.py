"""Qt layer: the UI language — picks English or Slovenian and installs mkdesk's and Qt's own translators (GUI thread).

The language comes from the settings (`system` / `en` / `sl`); `system` follows `QLocale.system()`. For Slovenian
the app installs, in this order (the last installed is asked first): Qt's base catalogue from PySide6's
translations directory (`qtbase_sl.qm`, or the older all-in-one `qt_sl.qm`), `resources/i18n/qtbase_extra_sl.qm`
(the standard button texts Qt's own Slovenian catalogue lacks) and `resources/i18n/mkdesk_sl.qm` (built from
`mkdesk_sl.ts` with `pyside6-lrelease`; `update_catalogue()` re-runs `pyside6-lupdate` over `mkdesk/qt` and
`mkdesk/app.py`). `AliasTranslator` also finds strings that `lupdate` filed under a base class or a variable's
name (`window.tr(...)` in `app.py` lands in context "window"; `CONTEXT_ALIASES`).
"""

from __future__ import annotations

import ast
import logging
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent.parent
I18N_DIR = ROOT / "resources" / "i18n"
LANGUAGES = ("en", "sl")
#: runtime context (the class name) → contexts lupdate gives the same calls (the variable used in app.py)
CONTEXT_ALIASES = {"MainWindow": ("window",)}
#: lupdate reads `_tr("…")` (a module's `QCoreApplication.translate(<module>, text)` wrapper) as `tr`, filed under
#: the empty context, which every module context falls back to
LUPDATE_OPTIONS = ("-locations", "none", "-tr-function-alias", "tr+=_tr")

_installed: list[QTranslator] = []
_default_locale: list[QLocale] = []  # the default locale before a language was forced


class AliasTranslator(QTranslator):
    """A catalogue that also finds strings lupdate filed under another context: PySide's `self.tr` looks only in
    the runtime class's name, while lupdate files a call under the class that contains it (a base class) or the
    variable it is made on (`CONTEXT_ALIASES`)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fallbacks: dict[str, tuple[str, ...]] = {}

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        text = super().translate(context, source, disambiguation, n)
        if text:
            return text
        for alias in self._fallback_contexts(context):
            text = super().translate(alias, source, disambiguation, n)
            if text:
                return text
        return None  # a null string: "not here", so Qt asks the next translator (an empty one would end the search)

    def _fallback_contexts(self, context: str) -> tuple[str, ...]:
        found = self._fallbacks.get(context)
        if found is None:
            bases: list[str] = []
            for cls in _mkdesk_qobject_classes().get(context, ()):
                bases += [b.__name__ for b in cls.__mro__[1:] if b.__module__.startswith("mkdesk.")]
            found = tuple(dict.fromkeys([*CONTEXT_ALIASES.get(context, ()), *bases, ""]))
            self._fallbacks[context] = found
        return found


def _mkdesk_qobject_classes() -> dict[str, list[type]]:
    """QObject subclasses by class name (the contexts `self.tr` uses at run time)."""
    found: dict[str, list[type]] = {}
    pending: list[type] = [QObject]
    seen: set[type] = set()
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                pending.append(sub)
                found.setdefault(sub.__name__, []).append(sub)
    return found


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
        _default_locale.append(QLocale())
        QLocale.setDefault(QLocale("sl_SI" if language == "sl" else "en_US"))
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
    if _default_locale:
        QLocale.setDefault(_default_locale[0])
        _default_locale.clear()


def _tool(name: str) -> str:
    return str(Path(sys.executable).with_name(f"pyside6-{name}"))


def ui_sources() -> list[str]:
    """The files whose strings are translated: the Qt layer and the composition root."""
    return sorted(str(p) for p in (ROOT / "mkdesk" / "qt").rglob("*.py")) + [str(ROOT / "mkdesk" / "app.py")]


def extract(ts: Path, language: str = "sl") -> None:
    """Run lupdate over `ui_sources()` into `ts` (kept translations stay; new strings arrive unfinished), then add
    the `self.tr("…")` calls inside f-strings, which lupdate does not see."""
    subprocess.run([_tool("lupdate"), *ui_sources(), *LUPDATE_OPTIONS, "-target-language", f"{language}_SI",
                    "-ts", str(ts)], check=True, capture_output=True)
    _add_calls(ts, [call for path in ui_sources() for call in _tr_calls(Path(path))])


def _tr_calls(path: Path) -> list[tuple[str, str]]:
    """(class, text) of every one-argument `self.tr("literal")` in a file, f-strings included."""
    found: list[tuple[str, str]] = []
    for cls in (n for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(n, ast.ClassDef)):
        for node in ast.walk(cls):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "tr"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "self"
                    and len(node.args) == 1 and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found.append((cls.name, node.args[0].value))
    return found


def _add_calls(ts: Path, calls: list[tuple[str, str]]) -> None:
    """Make sure each (context, text) is a live message of the catalogue (restoring one lupdate marked vanished)."""
    tree = ET.parse(ts)
    root = tree.getroot()
    contexts = {context.findtext("name"): context for context in root.iter("context")}
    changed = False
    for name, text in dict.fromkeys(calls):
        context = contexts.get(name)
        if context is None:
            context = contexts[name] = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = name
        message = next((m for m in context.findall("message")
                        if m.findtext("source") == text and m.find("comment") is None), None)
        if message is None:
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = text
            ET.SubElement(message, "translation", type="unfinished")
            changed = True
            continue
        translation = message.find("translation")
        if translation is not None and translation.get("type") in ("vanished", "obsolete"):
            if translation.text:
                del translation.attrib["type"]
            else:
                translation.set("type", "unfinished")
            changed = True
    if changed:
        ts.write_text(format_ts(root), encoding="utf-8")


def _esc(text: str | None) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        "'", "&apos;").replace('"', "&quot;")


def _element(element: ET.Element, indent: str) -> list[str]:
    attrs = "".join(f' {key}="{_esc(value)}"' for key, value in element.attrib.items())
    if len(element):
        lines = [f"{indent}<{element.tag}{attrs}>"]
        for child in element:
            lines += _element(child, indent + "    ")
        return lines + [f"{indent}</{element.tag}>"]
    return [f"{indent}<{element.tag}{attrs}>{_esc(element.text)}</{element.tag}>"]


def format_ts(root: ET.Element) -> str:
    """A catalogue written the way lupdate writes it (so a later lupdate run changes nothing needlessly)."""
    attrs = "".join(f' {key}="{_esc(value)}"' for key, value in root.attrib.items())
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>", f"<TS{attrs}>"]
    for context in root.iter("context"):
        lines.append("<context>")
        for child in context:
            lines += _element(child, "    ")
        lines.append("</context>")
    return "\n".join([*lines, "</TS>", ""])


def update_catalogue(language: str = "sl") -> None:
    """Developer tool: re-extract the strings into `mkdesk_<language>.ts` and compile every `.ts` to `.qm`."""
    extract(I18N_DIR / f"mkdesk_{language}.ts", language)
    for path in sorted(I18N_DIR.glob("*.ts")):
        compile_catalogue(path, path.with_suffix(".qm"))


def compile_catalogue(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("lrelease"), "-silent", "-nounfinished", str(ts), "-qm", str(qm)], check=True)


if __name__ == "__main__":  # python -m mkdesk.qt.i18n: refresh the catalogues after changing UI strings
    update_catalogue()

"""Tests for mkdesk.qt.i18n: Slovenian UI, Qt's standard buttons, the committed .qm files match their .ts sources."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialogButtonBox

from mkdesk.core.secrets import Keychain
from mkdesk.core.settings import Settings
from mkdesk.qt import i18n
from mkdesk.qt.bridge import Bridge
from mkdesk.qt.i18n import I18N_DIR, choose_language, compile_catalogue, install_translations, remove_translations
from mkdesk.qt.main_window import MainWindow
from mkdesk.qt.settings_dialog import SettingsDialog


@pytest.fixture
def slovenian(qapp):
    assert install_translations("sl") == "sl"
    yield
    remove_translations()


def test_choose_language():
    slovene, german = QLocale("sl_SI"), QLocale("de_DE")
    assert choose_language("system", slovene) == "sl"
    assert choose_language("system", german) == "en"
    assert choose_language("en", slovene) == "en" and choose_language("sl", german) == "sl"


def test_main_window_in_slovenian(slovenian, qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    assert [window.tabs.tabText(i) for i in range(4)] == ["Stranke", "Dokumenti", "Izdelki", "Pošta"]
    assert window.sync_action.text() == "Sinhroniziraj" and window.settings_action.text() == "Nastavitve …"
    # app.py's window.tr(...) strings, which lupdate files under the variable's name
    assert window.tr("Sync cancelled.") == "Sinhronizacija je preklicana."
    assert QLocale().language() == QLocale.Language.Slovenian


def test_settings_dialog_and_standard_buttons_in_slovenian(slovenian, qtbot, tmp_path):
    dialog = SettingsDialog(Settings(), Keychain(), Bridge(), tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Nastavitve mkdesk"
    assert dialog.test_button.text() == "Preizkusi povezavo"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save).text() == "Shrani"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Prekliči"
    assert dialog.tr("Connected: %n warehouse(s).", "", 3) == "Povezano: 3 skladišča."
    assert dialog.tr("Connected: %n warehouse(s).", "", 5) == "Povezano: 5 skladišč."


def test_strings_of_a_base_class_are_found_for_subclasses(slovenian, qtbot, tmp_path):
    class ProfileDialog(SettingsDialog):
        pass

    dialog = ProfileDialog(Settings(), Keychain(), Bridge(), tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.test_button.text() == "Preizkusi povezavo"


def test_english_removes_the_translators(qapp, qtbot):
    install_translations("sl")
    assert install_translations("en") == "en"
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.tabs.tabText(0) == "Contacts"
    remove_translations()
    assert QCoreApplication.translate("MainWindow", "Contacts") == "Contacts"


@pytest.mark.parametrize("name", ["mkdesk_sl", "qtbase_extra_sl"])
def test_committed_qm_matches_its_ts(tmp_path, name):
    fresh = tmp_path / f"{name}.qm"
    compile_catalogue(I18N_DIR / f"{name}.ts", fresh)
    assert fresh.read_bytes() == (I18N_DIR / f"{name}.qm").read_bytes(), (
        f"{name}.qm is out of date: run `python -m mkdesk.qt.i18n` and commit resources/i18n"
    )


def test_every_ui_string_is_translated(tmp_path):
    """Re-extracts the strings of mkdesk/qt and app.py into a copy of the catalogue: nothing may be left open."""
    ts = tmp_path / "mkdesk_sl.ts"
    shutil.copy(I18N_DIR / "mkdesk_sl.ts", ts)
    i18n.extract(ts)
    open_items = [
        (context.findtext("name"), message.findtext("source"))
        for context in ET.parse(ts).getroot().iter("context")
        for message in context.iter("message")
        if message.find("translation").get("type") == "unfinished"
    ]
    assert not open_items, (
        f"untranslated UI strings {open_items}: run `python -m mkdesk.qt.i18n`, translate them in "
        "resources/i18n/mkdesk_sl.ts and run it again"
    )


def test_module_level_tr_wrappers_are_translated(slovenian):
    # modules call QCoreApplication.translate("<module>", text) through a `_tr` helper; lupdate files those strings
    # under the empty context (LUPDATE_OPTIONS), which module contexts fall back to
    assert QCoreApplication.translate("labels", "Offer") == "Ponudba"
    assert QCoreApplication.translate("formatting", "just now") == "pravkar"
    assert QCoreApplication.translate("labels", "not a string of mkdesk") == "not a string of mkdesk"


def test_tr_calls_inside_f_strings_are_extracted(tmp_path):
    source = tmp_path / "pane.py"
    source.write_text(
        "class Pane:\n"
        "    def html(self):\n"
        "        return f\"<h3>{self.tr('Sums')}</h3>\" + self.tr(\"Plain\") + self.tr('%n item(s)', '', 2)\n",
        encoding="utf-8",
    )
    assert sorted(i18n._tr_calls(source)) == [("Pane", "Plain"), ("Pane", "Sums")]


def test_catalogue_is_written_as_lupdate_writes_it():
    text = (I18N_DIR / "mkdesk_sl.ts").read_text(encoding="utf-8")
    assert i18n.format_ts(ET.fromstring(text.encode("utf-8"))) == text

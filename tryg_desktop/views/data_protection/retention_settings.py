"""Indstillinger › Slettefrister: a spin box (months) per kind of data, with its default and the
reason shown, saved to the team's database through retention.set_period. Only an administrator
may change them (tryg_admin on the server; on a SQLite file the PC's user); the others see
them read-only, saying why. The access log's legal minimum is the spin box's minimum, with the
Danish reason next to it. Read from the database when the tab is first shown (the dialog
opens without touching the database for it otherwise)."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop.services.errors import ServiceError
from tryg_desktop.views.kit.screen_fit import height_within_screen

# The labels' mnemonics: none of them is used by the tab bar (Generelt, Slettefrister).
_LABELS = {"private_inactive": "&Privatpersoner uden aktivitet:",
           "inactive_contacts": "&Kontakter gjort inaktive:",
           "episode_notes": "Fritekst i &hændelser:",
           "change_history": "H&istorik (ændringer):",
           "access_log": "&Adgangslog:"}
READ_ONLY = ("Kun en administrator (rollen tryg_admin) kan ændre slettefristerne; du kan se "
             "dem her.")
READ_ONLY_DATABASE = "Databasen er åbnet skrivebeskyttet: slettefristerne kan kun ses her."
NO_DATABASE = "Slettefristerne står i databasen og kan ses, når en database er åben."


class RetentionSettings(QWidget):
    edited = Signal()  # a period was changed (the dialog checks the form again)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.spins: dict[str, QSpinBox] = {}
        self.reasons: dict[str, QLabel] = {}
        self.loaded: dict[str, int | None] = {}
        self.editable = False
        self._read = False
        self.layout_ = QVBoxLayout(self)
        intro = QLabel("Hvor længe hver slags oplysninger gemmes, før de slettes eller "
                       "anonymiseres på siden Slettefrister. Fristerne gælder for alle, der "
                       "bruger databasen.", wordWrap=True)
        self.layout_.addWidget(intro)
        self.note = QLabel(wordWrap=True, objectName="retention_settings_note")
        self.note.setVisible(False)
        self.layout_.addWidget(self.note)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if not self._read:
            self.load()
        super().showEvent(event)

    def load(self) -> None:
        """Read the periods and build the fields (once)."""
        from tryg_desktop.services import db_health
        from tryg_desktop.services.data_protection import access_log
        from tryg_desktop.services.data_protection import retention as R

        self._read = True
        layout = self.layout_
        try:
            months, why = R.periods_if_open(), NO_DATABASE
        except ServiceError as error:
            months, why = None, error.message
        if months is None:
            self._say(why)
            layout.addStretch(1)
            return
        self.loaded = dict(months)
        read_only = db_health.is_read_only()
        self.editable = access_log.is_admin() and not read_only
        # A column, not a QFormLayout: its wrapped labels in the field column get cut short.
        for kind in R.KINDS:
            row = QHBoxLayout()
            if kind.default_months is None:
                row.addWidget(QLabel(f"<b>{kind.label}:</b> {R.KEPT_TEXT}"))
                layout.addLayout(row)
                layout.addWidget(self._reason(kind.key, kind.reason))
                layout.addSpacing(6)
                continue
            spin = QSpinBox(minimum=kind.minimum_months, maximum=R.MAX_MONTHS,
                            value=months[kind.key], suffix=" måneder")
            spin.setAccessibleName(kind.label)
            spin.setEnabled(self.editable)
            if not self.editable:
                spin.setToolTip(READ_ONLY_DATABASE if read_only else READ_ONLY)
            spin.valueChanged.connect(self.edited)
            self.spins[kind.key] = spin
            label = QLabel(_LABELS[kind.key])
            label.setBuddy(spin)
            row.addWidget(label, 1)
            row.addWidget(spin)
            layout.addLayout(row)
            text = f"Standard: {R.months_text(kind.default_months)}. {kind.reason}"
            if kind.minimum_months > 1:  # the logs: the minimum first (the access log's reason
                text = f"Mindst {kind.minimum_months} måneder. " + text  # is in kind.reason)
            layout.addWidget(self._reason(kind.key, text))
            layout.addSpacing(6)
        if not self.editable:
            self._say(READ_ONLY_DATABASE if read_only else READ_ONLY)
        layout.addStretch(1)
        QTimer.singleShot(0, self, self._fit_window)  # dropped if the dialog is gone first

    def _fit_window(self) -> None:
        """The tab widget does not pass a wrapped label's height for its width up to the
        dialog, so the reasons were cut short: the dialog grows by what the column lacks (at
        most to the screen's height)."""
        lacking = self.layout_.totalHeightForWidth(self.width()) - self.height()
        window = self.window()
        if lacking <= 0 or window is self:
            return
        window.resize(window.width(), height_within_screen(window, window.height() + lacking))

    def _reason(self, key: str, text: str) -> QLabel:
        label = QLabel(text, wordWrap=True, objectName=f"retention_reason_{key}")
        label.setStyleSheet("color: palette(placeholder-text);")
        self.reasons[key] = label
        return label

    def _say(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(True)

    def changed(self) -> dict[str, int]:
        return {key: spin.value() for key, spin in self.spins.items()
                if spin.value() != self.loaded.get(key)}

    def problems(self) -> list[str]:
        """The Danish reasons the typed periods cannot be saved (none: they can)."""
        from tryg_desktop.services.data_protection import retention as R

        return [problem for key, months in self.changed().items()
                if (problem := R.check_period(key, months))]

    def save(self) -> str | None:
        """Store the changed periods; the Danish reason when that failed (then nothing more is
        stored)."""
        from tryg_desktop.services.data_protection import retention as R

        if not self.editable:
            return None
        try:
            for key, months in self.changed().items():
                R.set_period(key, months)
                self.loaded[key] = months
        except ServiceError as error:
            return f"Slettefrister: {error.message}"
        return None

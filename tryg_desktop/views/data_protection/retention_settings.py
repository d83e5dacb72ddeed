"""Indstillinger › Slettefrister: a spin box (months) per kind of data, with its default and the
reason shown, saved to the team's database through retention.set_period. Only an administrator
may change them (tryg_admin on the server; on a SQLite file the PC's user); the others see
them read-only, saying why. The access log's legal minimum is the spin box's minimum, with the
Danish reason next to it. Read from the database when the tab is first shown (the dialog
opens without touching the database for it otherwise)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from tryg_desktop.services.errors import ServiceError

# The labels' mnemonics: none of them is used by the tab bar (Generelt, Slettefrister).
_LABELS = {"private_inactive": "&Privatpersoner uden aktivitet:",
           "inactive_contacts": "&Kontakter gjort inaktive:",
           "episode_notes": "Fritekst i &hændelser:",
           "change_history": "H&istorik (ændringer):",
           "access_log": "&Adgangslog:"}
READ_ONLY = ("Kun en administrator (rollen tryg_admin) kan ændre slettefristerne; du kan se "
             "dem her.")
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

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if not self._read:
            self.load()
        super().showEvent(event)

    def load(self) -> None:
        """Read the periods and build the fields (once)."""
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
            layout.addWidget(self.note)
            layout.addStretch(1)
            return
        self.loaded = dict(months)
        self.editable = access_log.is_admin()
        form = QFormLayout()
        for kind in R.KINDS:
            if kind.default_months is None:
                kept = QLabel(R.KEPT_TEXT)
                form.addRow(f"{kind.label}:", kept)
                form.addRow("", self._reason(kind.key, kind.reason))
                continue
            spin = QSpinBox(minimum=kind.minimum_months, maximum=R.MAX_MONTHS,
                            value=months[kind.key], suffix=" måneder")
            spin.setAccessibleName(kind.label)
            spin.setEnabled(self.editable)
            if not self.editable:
                spin.setToolTip(READ_ONLY)
            spin.valueChanged.connect(self.edited)
            self.spins[kind.key] = spin
            label = QLabel(_LABELS[kind.key])
            label.setBuddy(spin)
            form.addRow(label, spin)
            text = f"Standard: {R.months_text(kind.default_months)}. {kind.reason}"
            if kind.key == "access_log":
                text = (f"Mindst {kind.minimum_months} måneder: {R.ACCESS_LOG_REASON}. "
                        + text)
            form.addRow("", self._reason(kind.key, text))
        layout.addLayout(form)
        if not self.editable:
            self._say(READ_ONLY)
        layout.addWidget(self.note)
        layout.addStretch(1)

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

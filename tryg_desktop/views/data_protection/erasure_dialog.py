"""Slet person (GDPR art. 17): the dialog that shows what an erasure will do, asks who takes
over the person's open actions, lists the text mentions to edit by hand and where older backups
still hold the person, and erases only on the explicit "Slet personen" (never the default
button: Enter and Esc both leave the person as they are). The erasure itself runs in a worker
(on SQLite it rewrites the file), then the result is shown.

Entry point: erase_contact(parent, contact_id, prompts) -> bool."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop import l10n
from tryg_desktop.views.kit.accessible import name_from_labels
from tryg_desktop.views.kit.picker import ContactField, contact_search
from tryg_desktop.views.kit.prompts import Prompts
from tryg_desktop.views.kit.screen_fit import resize_within_screen
from tryg_desktop.views.kit.table_columns import elide_with_tooltips

TITLE = "Slet person"
NEEDS_SUCCESSOR = "Vælg først, hvem der overtager personens åbne handlinger."


def _label(text: str, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


class ErasureDialog(QDialog):
    """The preview and the confirmation; `successor_id` is the chosen successor (or None)."""

    def __init__(self, preview, prompts: Prompts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(TITLE)
        content = QWidget()
        body = QVBoxLayout(content)
        body.addWidget(_label(f"Slet {preview.name} (id {preview.contact_id}) for altid?",
                              bold=True))
        body.addWidget(_label("Sletningen kan ikke fortrydes. Det sker:"))
        self.what = _label("\n".join(f"•  {line}" for line in preview.what_happens()))
        body.addWidget(self.what)

        self.successor: ContactField | None = None
        self.open_actions = QListWidget()
        elide_with_tooltips(self.open_actions)
        if preview.open_actions:
            box = QGroupBox("Åbne handlinger, som en anden skal overtage")
            form = QVBoxLayout(box)
            for action in preview.open_actions:
                self.open_actions.addItem(_action_text(action))
            self.open_actions.setMaximumHeight(110)
            form.addWidget(self.open_actions)
            excluded = preview.contact_id

            def search(text: str):
                return [(i, label) for i, label in contact_search(text) if i != excluded]

            self.successor = ContactField(prompts, "Vælg, hvem der overtager", search=search,
                                          prompt="Hvem overtager handlingerne?")
            self.successor.setToolTip("Den valgte bliver ansvarlig for alle de åbne handlinger.")
            row = QFormLayout()
            caption = QLabel("&Overtages af:")
            caption.setBuddy(self.successor)
            row.addRow(caption, self.successor)
            form.addLayout(row)
            self.successor.changed.connect(self._update_buttons)
            body.addWidget(box)

        self.mentions = QListWidget()
        elide_with_tooltips(self.mentions)  # a cut line in full, over its excerpt
        box = QGroupBox("Nævnt i tekster, som du selv skal rette bagefter")
        inner = QVBoxLayout(box)
        if preview.mentions:
            inner.addWidget(_label("Teksterne ændres ikke automatisk: kun du kan se, om det er "
                                   "personen, der nævnes. Ret eller slet navnet i hvert felt."))
            for mention in preview.mentions:
                item = QListWidgetItem(f"{mention.where} – {mention.field}")
                item.setToolTip(mention.excerpt)
                self.mentions.addItem(item)
            self.mentions.setMaximumHeight(140)
            inner.addWidget(self.mentions)
        else:
            inner.addWidget(_label("Personen nævnes ikke ved navn, e-mail eller telefon i "
                                   "referater, handlinger, hændelser eller møder."))
        body.addWidget(box)
        self.backups = _label(preview.backups)
        body.addWidget(self.backups)
        body.addStretch(1)

        scroll = QScrollArea(accessibleName="Det, der slettes")
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.buttons = QDialogButtonBox()
        self.erase_button = QPushButton("&Slet personen")
        self.erase_button.setAutoDefault(False)
        self.erase_button.setDefault(False)
        self.cancel_button = QPushButton("Annuller")
        self.buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setDefault(True)
        self.erase_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        name_from_labels(self)
        resize_within_screen(self, 640, 640)
        self._update_buttons()
        # Tab order: the successor (when asked), the lists, then Annuller before Slet.
        chain = [w for w in (self.successor, self.open_actions if preview.open_actions else None,
                             self.mentions if preview.mentions else None) if w is not None]
        chain += [self.cancel_button, self.erase_button]
        for first, second in zip(chain, chain[1:]):
            self.setTabOrder(first, second)
        (self.successor or self.cancel_button).setFocus()

    @property
    def successor_id(self) -> int | None:
        return self.successor.contact_id if self.successor is not None else None

    def _update_buttons(self) -> None:
        ready = not self.preview.needs_successor or self.successor_id is not None
        self.erase_button.setEnabled(ready)
        self.erase_button.setToolTip("" if ready else NEEDS_SUCCESSOR)

    def accept(self) -> None:
        if self.preview.needs_successor and self.successor_id is None:
            return
        super().accept()


def _action_text(action) -> str:
    parts = [action.title]
    if action.due is not None:
        parts.append(f"frist {l10n.short_date(action.due)}")
    if action.meeting:
        parts.append(action.meeting)
    return " – ".join(parts)


def result_text(result) -> str:
    """The result as the closing message shows it."""
    lines = list(result.summary())
    if result.mentions:
        lines += ["", "Ret selv personens navn i disse tekster:"]
        lines += [f"•  {m.where} – {m.field}" for m in result.mentions]
    lines += ["", result.backups]
    return "\n".join(lines)


def erase_contact(parent: QWidget | None, contact_id: int, prompts: Prompts) -> bool:
    """Show the preview, erase on "Slet personen", show the result. True when the person was
    erased; False when cancelled, refused (not an administrator, already erased) or failed —
    each told in Danish through prompts."""
    from tryg_desktop.services.data_protection import erasure
    from tryg_desktop.services.errors import ServiceError

    try:
        preview = erasure.preview(contact_id)
    except ServiceError as error:
        prompts.warn(parent, TITLE, error.message)
        return False
    if preview.already_erased:
        prompts.inform(parent, TITLE, f"Personen (id {contact_id}) er allerede slettet.")
        return False
    dialog = ErasureDialog(preview, prompts, parent)
    if prompts.run_dialog(dialog) != QDialog.DialogCode.Accepted:
        return False
    successor_id = dialog.successor_id
    outcome: dict = {}
    loop = QEventLoop()

    def work(progress, is_cancelled):
        return erasure.erase(contact_id, successor_id=successor_id)

    def done(result) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(message: str) -> None:
        outcome["error"] = message
        loop.quit()

    from tryg_desktop.views.kit.progress import run_with_progress

    run_with_progress(parent or dialog, TITLE, "Sletter personen …", work, done, failed,
                      cancellable=False)
    if not outcome:
        loop.exec()
    if "error" in outcome:
        prompts.warn(parent, "Personen blev ikke slettet", outcome["error"])
        return False
    prompts.inform(parent, "Personen er slettet", result_text(outcome["result"]))
    return True

"""Bilag of one agenda item, in the item editor of the Dagsorden tab: the list with sizes,
Tilføj bilag … / Åbn / Gem som … / Fjern, files dropped on the list, Delete removes (asks),
Enter opens. The files live in the database (services/meetings/attachments.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop import settings as S
from tryg_desktop.services.meetings import attachments
from tryg_desktop.services.errors import ServiceError
from tryg_desktop.services.privacy import quoted
from tryg_desktop.views.kit.prompts import Prompts

TITLE = "Bilag"
NO_ITEM = "Vælg eller opret et punkt på dagsordenen; så kan du vedhæfte bilag til det."


class _DropList(QListWidget):
    """The bilag list; files dragged from Stifinder onto it are attached."""

    files_dropped = Signal(list)
    delete_pressed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    @staticmethod
    def _files(event) -> list[Path]:
        data = event.mimeData()
        if not data.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            self.delete_pressed.emit()
        else:
            super().keyPressEvent(event)

    def dragEnterEvent(self, event) -> None:
        if self._files(event) and self.isEnabled():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        files = self._files(event)
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)
        else:
            event.ignore()


class AttachmentsPanel(QWidget):
    changed = Signal()

    def __init__(self, prompts: Prompts | None, settings: S.Settings, parent=None) -> None:
        super().__init__(parent)
        self.prompts = prompts or Prompts()
        self.settings = settings
        self.item_id: int | None = None
        self.list = _DropList()
        self.list.setAccessibleName(TITLE)
        self.list.setToolTip("Træk filer herhen for at vedhæfte dem. Enter åbner, Delete fjerner.")
        self.list.setMaximumHeight(96)
        self.list.files_dropped.connect(self.add_files)
        self.list.itemActivated.connect(lambda _item: self.open_current())
        self.list.currentRowChanged.connect(self._update_buttons)
        self.list.delete_pressed.connect(self.remove_current)
        self.note = QLabel(NO_ITEM, wordWrap=True)
        self.summary = QLabel()
        self.add_button = QPushButton("Tilføj &bilag …")
        self.add_button.clicked.connect(self.choose_files)
        self.open_button = QPushButton("Åbn")
        self.open_button.clicked.connect(self.open_current)
        self.save_button = QPushButton("Gem som …")
        self.save_button.clicked.connect(self.save_current)
        self.remove_button = QPushButton("Fjern")
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.open_button, self.save_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.list)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        self.set_item(None)

    # -- showing --------------------------------------------------------------------------------
    def set_item(self, item_id: int | None) -> None:
        """The item whose bilag are shown; None: no saved item (nothing can be attached)."""
        self.item_id = item_id
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self.list.clear()
        rows = []
        if self.item_id is not None:
            try:
                rows = attachments.list_for_item(self.item_id)
            except ServiceError as error:
                self.prompts.warn(self, TITLE, error.message)
        for row in rows:
            entry = QListWidgetItem(f"{row.file_name} ({row.size_text})")
            entry.setData(Qt.ItemDataRole.UserRole, row.id)
            entry.setToolTip(f"{row.file_name}, {row.size_text}")
            self.list.addItem(entry)
            if row.id == select_id:
                self.list.setCurrentItem(entry)
        if rows and self.list.currentRow() < 0:
            self.list.setCurrentRow(0)
        has_item = self.item_id is not None
        self.note.setVisible(not has_item)
        self.list.setEnabled(has_item)
        self.add_button.setEnabled(has_item)
        total = attachments.size_text(attachments.total_size(rows))
        self.summary.setText(f"{len(rows)} bilag, i alt {total}" if rows else
                             "Ingen bilag. Træk filer herhen, eller brug Tilføj bilag …"
                             if has_item else "")
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        chosen = self.current_id() is not None
        for button in (self.open_button, self.save_button, self.remove_button):
            button.setEnabled(chosen)

    def current_id(self) -> int | None:
        entry = self.list.currentItem()
        return entry.data(Qt.ItemDataRole.UserRole) if entry is not None else None

    def names(self) -> list[str]:
        """What the list shows, line by line."""
        return [self.list.item(row).text() for row in range(self.list.count())]

    # -- actions --------------------------------------------------------------------------------
    def choose_files(self) -> None:
        if self.item_id is None:
            self.prompts.inform(self, TITLE, NO_ITEM)
            return
        folder = self.settings.get(S.LAST_IMPORT_DIR) or str(Path.home())
        path = self.prompts.open_file(self, "Tilføj bilag", folder, attachments.FILE_FILTER)
        if path is None:
            return
        self.settings.set(S.LAST_IMPORT_DIR, str(Path(path).parent))
        self.add_files([Path(path)])

    def add_files(self, paths: list[Path]) -> None:
        """Read and check the files in a worker (a long PDF's text takes a while), then store
        them here, asking first about any that seems to hold a CPR number."""
        if self.item_id is None:
            self.prompts.inform(self, TITLE, NO_ITEM)
            return
        if not paths:
            return
        item_id = self.item_id

        def work(progress, is_cancelled):
            results = []
            for number, path in enumerate(paths):
                if is_cancelled():
                    break
                progress(number, len(paths))
                try:
                    results.append(attachments.prepare(path))
                except ServiceError as error:
                    results.append(error.message)
            return results

        from tryg_desktop.views.kit.progress import run_with_progress

        run_with_progress(self, TITLE, "Læser filen …" if len(paths) == 1 else "Læser filerne …",
                          work, lambda results: self._store(item_id, results),
                          lambda message: self.prompts.warn(self, TITLE, message))

    def _store(self, item_id: int, results: list) -> None:
        added, refused = None, []
        for result in results:
            if isinstance(result, str):
                refused.append(result)
                continue
            if result.places and not self.prompts.confirm(
                    self, "Mulige CPR-numre",
                    f"{quoted(result.name, 60)} ser ud til at indeholde et CPR-nummer "
                    f"({', '.join(result.places)}).\n\nBilag sendes med invitationen til "
                    "deltagerne. Fjern nummeret i filen, og vedhæft den igen. Vil du alligevel "
                    "vedhæfte den? Det bliver skrevet i historikken.",
                    yes="Vedhæft alligevel", no="Stop", destructive=True):
                continue
            try:
                added = attachments.add(item_id, result, allow_cpr=bool(result.places))
            except ServiceError as error:
                refused.append(error.message)
        if added is not None and item_id == self.item_id:
            self.reload(select_id=added.id)
        if added is not None:
            self.changed.emit()
        if refused:
            self.prompts.warn(self, "Bilaget kan ikke vedhæftes", "\n\n".join(refused))

    def open_current(self) -> None:
        attachment_id = self.current_id()
        if attachment_id is None:
            return
        try:
            path = attachments.temporary_copy(attachment_id)
        except ServiceError as error:
            self.prompts.warn(self, TITLE, error.message)
            return
        if not self.prompts.open_with_default_program(path):
            self.prompts.warn(self, TITLE, f"Der er intet program til at åbne »{path.name}«. "
                              "Brug Gem som …, og åbn filen derfra.")

    def save_current(self) -> None:
        attachment_id = self.current_id()
        if attachment_id is None:
            return
        try:
            row = attachments.get(attachment_id)
        except ServiceError as error:
            self.prompts.warn(self, TITLE, error.message)
            return self.reload()
        folder = Path(self.settings.get(S.LAST_EXPORT_DIR) or Path.home())
        ending = Path(row.file_name).suffix
        path = self.prompts.save_file(self, "Gem bilag", str(folder / row.file_name),
                                      f"{TITLE} (*{ending});;Alle filer (*)")
        if path is None:
            return
        self.settings.set(S.LAST_EXPORT_DIR, str(Path(path).parent))
        try:
            attachments.save_to(attachment_id, path)
        except ServiceError as error:
            self.prompts.warn(self, TITLE, error.message)

    def remove_current(self) -> None:
        attachment_id = self.current_id()
        if attachment_id is None:
            return
        name = self.list.currentItem().text()
        if not self.prompts.confirm(self, "Fjern bilag", f"Vil du fjerne bilaget {name}?",
                                    yes="Fjern", no="Annuller", destructive=True):
            return
        try:
            attachments.remove(attachment_id)
        except ServiceError as error:
            self.prompts.warn(self, TITLE, error.message)
        self.reload()
        self.changed.emit()

"""A place's page: its facts, the key figures, and every forum, meeting, action, effort and
recent episode linked to it. Enter or a double-click on a line opens that record."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout

from tryg_desktop import l10n
from tryg_desktop.services.safety import places
from tryg_desktop.services.meetings.actions import STATUS_LABELS as ACTION_STATUS_LABELS
from tryg_desktop.services.meetings.meetings import STATUS_LABELS as MEETING_STATUS_LABELS
from tryg_desktop.services.safety.safety_terms import SEVERITY_LABELS, TIME_BAND_LABELS
from tryg_desktop.views.kit import table_columns as fit
from tryg_desktop.views.kit.colours import (
    ERROR_TEXT,
    MUTED_TEXT,
    SUCCESS_TEXT,
    hex_of,
    text_style,
)
from tryg_desktop.views.safety.comparison_text import comparison_line_html
from tryg_desktop.views.safety.measures_panel import MeasuresPanel
from tryg_desktop.views.kit.list_and_detail import (
    DetailView,
    add_group,
    add_item,
    add_none,
    html,
    record_tree,
    short_date,
)

# The fixed-content columns' texts, for their widths.
MEETING_STATUSES = tuple(MEETING_STATUS_LABELS.values())
ACTION_STATUSES = tuple(ACTION_STATUS_LABELS.values()) + ("Overskredet",)
TIME_BAND_NAMES = tuple(label.split(" (")[0] for label in TIME_BAND_LABELS.values())
SEVERITY_NAMES = tuple(SEVERITY_LABELS.values())


def figure_card(title: str) -> tuple[QFrame, QLabel, QLabel]:
    """A key figure: a big number over a short text (and a line for a warning)."""
    frame = QFrame(frameShape=QFrame.Shape.StyledPanel)
    number = QLabel(alignment=Qt.AlignmentFlag.AlignLeft)
    font = QFont(number.font())
    font.setPointSizeF(font.pointSizeF() * 1.9)
    font.setBold(True)
    number.setFont(font)
    note = QLabel()
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(10, 6, 10, 6)
    layout.setSpacing(0)
    layout.addWidget(QLabel(title))
    layout.addWidget(number)
    layout.addWidget(note)
    return frame, number, note


class PlaceView(DetailView):
    open_meeting = Signal(int)
    open_action = Signal(int)
    open_effort = Signal(int)
    open_forum = Signal(int)
    open_episode = Signal(int)

    def __init__(self, parent=None, today: dt.date | None = None, prompts=None) -> None:
        super().__init__("← &Alle steder", "&Redigér stedet …", parent, today)
        self.links: places.PlaceLinks | None = None

        cards = QHBoxLayout()
        self.cards: dict[str, tuple[QLabel, QLabel]] = {}
        for key, title in (("episodes", "Hændelser seneste 12 mdr."),
                           ("meetings", "Kommende møder"), ("actions", "Åbne handlinger"),
                           ("efforts", "Indsatser")):
            frame, number, note = figure_card(title)
            self.cards[key] = (number, note)
            cards.addWidget(frame)

        self.meetings_tree = record_tree(["Dato", "Møde", "Status"],
                                         {0: fit.DATE_TIME_SHORT, 2: MEETING_STATUSES})
        self.actions_tree = record_tree(["Frist", "Handling", "Ansvarlig", "Status"],
                                        {0: fit.DATE, 3: ACTION_STATUSES})
        self.efforts_tree = record_tree(["Hvad", "Navn", "Status"], {0: ("Mødeforum",)})
        self.episodes_tree = record_tree(["Dato", "Kategori", "Tid", "Alvor"],
                                         {0: fit.DATE, 2: fit.TIME + TIME_BAND_NAMES,
                                          3: SEVERITY_NAMES})
        self.focus_widget = self.meetings_tree
        for tree in (self.meetings_tree, self.actions_tree, self.efforts_tree,
                     self.episodes_tree):
            tree.itemActivated.connect(self.activated)
        self.episodes_box = QGroupBox("Seneste hændelser")
        grid = QGridLayout()
        for number, (title, tree) in enumerate((("Møder", self.meetings_tree),
                                                ("Handlinger", self.actions_tree),
                                                ("Indsatser og mødefora", self.efforts_tree),
                                                (None, self.episodes_tree))):
            box = self.episodes_box if title is None else QGroupBox(title)
            QVBoxLayout(box).addWidget(tree)
            grid.addWidget(box, number // 2, number % 2)
        # Surveys and tryghedsvandringer of the place and its district, under the episodes
        # (services/safety/measures.py); a change there reloads the page.
        self.measures_panel = MeasuresPanel(prompts)
        self.measures_panel.changed.connect(self.refresh)
        grid.addWidget(self.measures_panel, 2, 0, 1, 2)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(2, 2)

        # The last 12 whole months against the same months a year before, and the rest of the
        # city over the same months (services/safety/comparison.py).
        self.comparison_label = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.comparison = None

        self.layout().addLayout(cards)
        self.layout().addWidget(self.comparison_label)
        self.layout().addLayout(grid, 1)

    def show_place(self, place_id: int) -> None:
        self.show_record(place_id)

    def fetch(self, place_id: int) -> None:
        from tryg_desktop.services.safety import comparison

        self.links = places.linked(place_id, self.today())
        self.comparison = comparison.for_place(place_id, self.today())

    def fill(self) -> None:
        links = self.links
        self._facts(links.place)
        self._cards(links)
        self.comparison_label.setText(
            comparison_line_html(self.comparison) if self.comparison is not None else "")
        self._meetings(links)
        self._actions(links)
        self._efforts(links)
        self._episodes(links)
        change = self.comparison.change if self.comparison is not None else None
        self.measures_panel.load([links.place.id], change)

    def openers(self) -> dict:
        return {"meeting": self.open_meeting, "action": self.open_action,
                "effort": self.open_effort, "forum": self.open_forum,
                "episode": self.open_episode}

    # -- the parts ---------------------------------------------------------------------------
    def _facts(self, place: places.PlaceRow) -> None:
        inactive = "" if place.active else f" <span style='color: {hex_of(MUTED_TEXT)}'>(inaktivt)</span>"
        self.title_label.setText(f"<h2>{html(place.name)}{inactive}</h2>")
        parts = [place.kind_label] + ([html(place.district)] if place.district else [])
        if place.has_coordinates:
            parts.append(f"{_dk(place.latitude)} N, {_dk(place.longitude)} Ø")
        notes = f"<br>{html(place.notes)}" if place.notes else ""
        self.facts_label.setText(" · ".join(parts) + notes)

    def _cards(self, links: places.PlaceLinks) -> None:
        def put(key, number, note="", colour=None):
            label, note_label = self.cards[key]
            label.setText(l10n.format_integer(number))
            note_label.setText(note)
            note_label.setStyleSheet(text_style(colour) if colour else "")

        since = places.last_12_months_start(links.today)
        put("episodes", links.episodes_12m, f"siden {l10n.format_date(since, 'long')}")
        put("meetings", len(links.upcoming_meetings),
            f"og {len(links.past_meetings)} tidligere" if links.past_meetings else "")
        overdue = links.actions_overdue
        put("actions", links.actions_open,
            f"heraf {overdue} overskredet" if overdue else f"{links.actions_done} udført",
            ERROR_TEXT if overdue else None)
        running = sum(1 for e in links.efforts if e.status == "i gang")
        put("efforts", len(links.efforts), f"{running} i gang" if links.efforts else "")

    def _meetings(self, links: places.PlaceLinks) -> None:
        tree = self.meetings_tree
        tree.clear()
        for title, rows in (("Kommende", links.upcoming_meetings),
                            ("Tidligere", links.past_meetings)):
            group = add_group(tree, f"{title} ({len(rows)})" if rows else title)
            for m in rows:
                colour = MUTED_TEXT if m.status == "aflyst" else None
                add_item(group, [f"{short_date(m.starts_at)} {l10n.clock(m.starts_at)}", m.title,
                                  m.status_label],
                         "meeting", m.id, colour, m.forum_name)
            if not rows:
                add_none(group)
        tree.expandAll()

    def _actions(self, links: places.PlaceLinks) -> None:
        tree = self.actions_tree
        tree.clear()
        today = links.today
        for a in links.actions:
            overdue = a.is_overdue(today)
            colour = ERROR_TEXT if overdue else (SUCCESS_TEXT if a.status == "udført" else
                                                 MUTED_TEXT if a.status == "annulleret" else None)
            status = "Overskredet" if overdue else a.status_label
            add_item(tree, [short_date(a.due) if a.due else "", a.title,
                            a.responsible_name or a.organisation_name, status],
                     "action", a.id, colour, a.title)  # the tooltip: a long title in full
        if not links.actions:
            add_none(tree, "Ingen handlinger på stedet")

    def _efforts(self, links: places.PlaceLinks) -> None:
        tree = self.efforts_tree
        tree.clear()
        for e in links.efforts:
            add_item(tree, ["Indsats", e.title, e.status_label], "effort", e.id,
                     tooltip=f"{e.strand_label}, fra {short_date(e.starts_on)}")
        for f in links.forums:
            add_item(tree, ["Mødeforum", f.name, f.rhythm_label if f.active else "Inaktivt"],
                     "forum", f.id, None if f.active else MUTED_TEXT)
        if not links.efforts and not links.forums:
            add_none(tree, "Ingen indsatser eller mødefora på stedet")

    def _episodes(self, links: places.PlaceLinks) -> None:
        tree = self.episodes_tree
        tree.clear()
        shown = len(links.recent_episodes)
        self.episodes_box.setTitle(f"Seneste hændelser ({shown} vist)" if shown
                                   else "Seneste hændelser")
        for e in links.recent_episodes:
            # "Eftermiddag" without its hours: the category keeps the room.
            add_item(tree, [short_date(e.occurred_on), e.category_label,
                            e.when_text.split(" (")[0],
                            SEVERITY_LABELS.get(e.severity, str(e.severity))],
                     "episode", e.id,
                     tooltip=" – ".join(p for p in (e.category_label, e.note) if p))
        if not shown:
            add_none(tree, "Ingen hændelser registreret")


def _dk(value: float) -> str:
    return f"{value:.4f}".replace(".", ",")

"""An effort's page: its facts, a timeline of its meetings and actions between its start and
end markers, and the episodes at its places before and after its start: the same calendar
months a year earlier, against the rest of the city or its comparison places, with a word on
chance (services/safety/comparison.py).
`chart_area` is where the main window puts a chart of the same figures."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop import l10n
from tryg_desktop.services.safety import efforts
from tryg_desktop.services.safety.safety_terms import EPISODE_CATEGORIES
from tryg_desktop.views.kit import table_columns as fit
from tryg_desktop.views.kit.colours import (
    ERROR_TEXT,
    LINK_TEXT,
    MUTED_TEXT,
    SUCCESS_TEXT,
    colour,
    hex_of,
)
from tryg_desktop.views.kit.list_and_detail import (
    DetailView,
    add_item,
    add_none,
    html,
    record_tree,
    short_date,
)
from tryg_desktop.views.kit.page_stack import scrolled
from tryg_desktop.views.safety.comparison_text import coloured_change, comparison_html
from tryg_desktop.views.safety.measures_panel import MeasuresPanel

STATE_COLOURS = {"overdue": ERROR_TEXT, "done": SUCCESS_TEXT, "cancelled": MUTED_TEXT}
KIND_TEXT = {efforts.START: "▶ Start", efforts.END: "■ Slut", efforts.MEETING: "Møde",
             efforts.ACTION: "Handling"}
# A meeting's or an action's state on the timeline, for the column's width.
TIMELINE_STATES = ("Planlagt", "Afholdt", "Aflyst", "Åben", "I gang", "Udført", "Annulleret",
                   "Overskredet")


class _FiguresColumn(QWidget):
    """The scrolling column of figures, with the measures under them. Its size hint is the
    figures' alone: the page's height follows its size hint, and the measures would make the
    page outgrow a low window instead of scrolling."""

    def __init__(self, figures: QWidget) -> None:
        super().__init__()
        self._figures = figures

    def sizeHint(self) -> QSize:
        hint = self._figures.sizeHint()
        return QSize(max(hint.width(), super().sizeHint().width()), hint.height())


def _n(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


class EffortView(DetailView):
    open_meeting = Signal(int)
    open_action = Signal(int)
    open_place = Signal(int)
    refreshed = Signal(int)  # the effort's id, after every (re)load: time to redraw a chart

    def __init__(self, parent=None, today: dt.date | None = None, prompts=None) -> None:
        super().__init__("← &Alle indsatser", "&Redigér indsatsen …", parent, today)
        self.row: efforts.EffortRow | None = None
        self.entries: list[efforts.TimelineEntry] = []
        self.facts_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.facts_label.linkActivated.connect(lambda link: self.open_place.emit(int(link)))

        # The title gets the room; a long forum name is cut (its tooltip has it), not the title.
        self.timeline = record_tree(["Dato", "Titel", "Hvad", "Status", "Ansvarlig / forum"],
                                    {0: fit.DATE, 2: tuple(KIND_TEXT.values()),
                                     3: TIMELINE_STATES})
        self.timeline.itemActivated.connect(self.activated)
        self.focus_widget = self.timeline
        self.timeline_summary = QLabel()
        timeline_box = QGroupBox("Tidslinje: møder og handlinger")
        inner = QVBoxLayout(timeline_box)
        inner.addWidget(self.timeline_summary)
        inner.addWidget(self.timeline, 1)

        self.before_after_label = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        # The goal against the result, next to the comparison (services/safety/goals.py).
        self.goal_label = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.goal_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.categories_grid = QGridLayout()
        self.categories_grid.setHorizontalSpacing(14)
        self.chart_area = QVBoxLayout()  # the main window adds a chart here (views/chart_view)
        compare_box = QGroupBox("Hændelser på indsatsens steder før og efter start")
        compare = QVBoxLayout(compare_box)
        compare.addWidget(self.goal_label)
        compare.addWidget(self.before_after_label)
        compare.addLayout(self.categories_grid)
        compare.addLayout(self.chart_area, 1)
        compare.addStretch(0)

        # Surveys and tryghedsvandringer of the effort's places and their districts, under the
        # episode figures and in their scrolling column, so a low screen still fits the page
        # (services/safety/measures.py); a change there reloads the page.
        self.measures_panel = MeasuresPanel(prompts)
        self.measures_panel.changed.connect(self.refresh)
        figures = _FiguresColumn(compare_box)
        right = QVBoxLayout(figures)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(compare_box, 3)
        right.addWidget(self.measures_panel, 2)
        body = QHBoxLayout()
        body.addWidget(timeline_box, 5)
        body.addWidget(scrolled(figures, across=False), 3)  # the chart and figures scroll on a low screen
        self.layout().addLayout(body, 1)
        self.before_after = None  # comparison.Comparison (or, before a whole month, BeforeAfter)

    def show_effort(self, effort_id: int) -> None:
        self.show_record(effort_id)

    def fetch(self, effort_id: int) -> None:
        self.row = efforts.get(effort_id)
        self.entries = efforts.timeline(effort_id, self.today())

    def fill(self) -> None:
        self._facts(self.row)
        self._timeline(self.entries)
        self._before_after(self.row)
        self._goal(self.row)
        self.measures_panel.load(self.row.place_ids, self._episode_change())
        self.refreshed.emit(self.record_id)

    def _episode_change(self) -> int | None:
        """The episode trend the page shows, in whole per cent, for the measures' sentence:
        the comparison's change, or the provisional figures' while the effort is new."""
        change = getattr(self.before_after, "change", None)
        if change is None or isinstance(change, int):
            return change
        return l10n.rate_percent(change)

    def openers(self) -> dict:
        return {efforts.MEETING: self.open_meeting, efforts.ACTION: self.open_action}

    def _facts(self, e: efforts.EffortRow) -> None:
        self.title_label.setText(f"<h2>{html(e.title)}</h2>")
        end = short_date(e.ends_on) if e.ends_on else "uden slutdato"
        period = f"{short_date(e.starts_on)} – {end}"
        places = ", ".join(f"<a href='{pid}'>{html(name)}</a>"
                           for pid, name in zip(e.place_ids, e.place_names)) or "ingen"
        lines = [f"<b>{html(e.strand_label)}</b> · {html(e.status_label)} · {period}",
                 f"<b>Steder:</b> {places}",
                 f"<b>Koordinator:</b> {html(e.coordinator_name) or '–'} · "
                 f"<b>Partnere:</b> {html(e.organisations_text) or '–'}"]
        if e.goal:
            lines.append(f"<b>Mål:</b> {html(e.goal)}")
        self.facts_label.setText("<br>".join(lines))

    def _timeline(self, entries: list[efforts.TimelineEntry]) -> None:
        tree = self.timeline
        tree.clear()
        today = self.today()
        today_marked = False
        for entry in entries:
            if not today_marked and entry.on > today:
                self._today_line(today)
                today_marked = True
            marker = entry.kind in (efforts.START, efforts.END)
            item = add_item(tree, [short_date(entry.on), entry.title, KIND_TEXT[entry.kind],
                                   entry.state_label, entry.detail],
                            entry.kind, entry.record_id, STATE_COLOURS.get(entry.state),
                            entry.detail)
            if marker:
                font = QFont(item.font(0))
                font.setBold(True)
                for column in range(5):
                    item.setFont(column, font)
        if not today_marked:
            self._today_line(today)
        actions = [e for e in entries if e.kind == efforts.ACTION]
        counts = {state: sum(1 for e in actions if e.state == state)
                  for state in ("done", "open", "overdue", "cancelled")}
        meetings = sum(1 for e in entries if e.kind == efforts.MEETING)
        parts = [f"{counts['done']} udført",
                 f"{counts['open']} {_n(counts['open'], 'åben', 'åbne')}"]
        if counts["overdue"]:
            parts.append(f"<span style='color: {hex_of(ERROR_TEXT)}'>{counts['overdue']} "
                         f"{_n(counts['overdue'], 'overskreden', 'overskredne')}</span>")
        if counts["cancelled"]:
            parts.append(f"{counts['cancelled']} annulleret")
        self.timeline_summary.setText(
            f"{meetings} {_n(meetings, 'møde', 'møder')} · {len(actions)} "
            f"{_n(len(actions), 'handling', 'handlinger')}: " + ", ".join(parts))
        if not actions and not meetings:
            add_none(tree, "Ingen møder eller handlinger er knyttet til indsatsen endnu")

    def _today_line(self, today: dt.date) -> None:
        item = QTreeWidgetItem(self.timeline, [short_date(today), "I dag"])
        item.setForeground(1, QBrush(colour(LINK_TEXT)))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)

    def _goal(self, e: efforts.EffortRow) -> None:
        from tryg_desktop.services.safety import goals

        status = goals.goal_status(e.id, self.today()) if e.goal_change is not None else None
        self.goal_label.setText(status.line if status else "")
        self.goal_label.setVisible(status is not None)

    def _before_after(self, e: efforts.EffortRow) -> None:
        while self.categories_grid.count():
            widget = self.categories_grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        try:
            from tryg_desktop.services.safety import statistics
        except ImportError:  # the statistics service is not there yet
            self.before_after_label.setText("Tallene er ikke tilgængelige.")
            return
        if not e.place_ids:
            self.before_after = None
            self.before_after_label.setText("Indsatsen har ingen steder endnu. Tilføj steder "
                                            "for at se hændelserne før og efter start.")
            return
        from tryg_desktop.services.safety import comparison

        result = comparison.for_effort(e.id, self.today())
        if result is not None:
            self.before_after = result
            self.before_after_label.setText(comparison_html(result))
        else:
            # Not one whole month since the start: the equal windows, said to be provisional.
            ba = statistics.before_after(e.id, self.today())
            self.before_after = ba
            if ba.days <= 0:
                self.before_after_label.setText(
                    f"Indsatsen starter {l10n.format_date(e.starts_on)}. Sammenligningen kommer, "
                    "når den har kørt et stykke tid.")
                return
            self.before_after_label.setText(
                f"Foreløbige tal: lige lange perioder på {l10n.format_integer(ba.days)} dage på "
                "hver side af starten, ikke korrigeret for årstiden. Sammenligningen med de "
                "samme måneder året før og med resten af byen kommer, når indsatsen har kørt "
                "en hel kalendermåned.<br><br>"
                f"<b>Før:</b> {short_date(ba.before_start)} – {short_date(ba.before_end)}: "
                f"<b>{l10n.format_integer(ba.before)}</b> hændelser<br>"
                f"<b>Efter:</b> {short_date(ba.after_start)} – {short_date(ba.after_end)}: "
                f"<b>{l10n.format_integer(ba.after)}</b> hændelser<br>"
                f"<b>Ændring:</b> {coloured_change(ba.change)}")
        ba = self.before_after
        grid = self.categories_grid
        for column, text in enumerate(("Kategori", "Før", "Efter")):
            grid.addWidget(QLabel(f"<b>{text}</b>"), 0, column,
                           Qt.AlignmentFlag.AlignRight if column else Qt.AlignmentFlag.AlignLeft)
        line = 1
        for value, label in EPISODE_CATEGORIES:
            before, after = ba.before_by_category.get(value, 0), ba.after_by_category.get(value, 0)
            if not before and not after:
                continue
            grid.addWidget(QLabel(label), line, 0)
            grid.addWidget(QLabel(l10n.format_integer(before)), line, 1,
                           Qt.AlignmentFlag.AlignRight)
            grid.addWidget(QLabel(l10n.format_integer(after)), line, 2,
                           Qt.AlignmentFlag.AlignRight)
            line += 1

"""Oversigt, the start page: a welcome on an empty database, else the dashboard that shows
whether the city is getting safer (meetings, overdue actions, episodes, completion, attendance).

The figures are computed by workers after the window's first paint, so start-up never waits
for them; the charts are QtCharts (views/safety/dashboard_charts.py) of the very figures the status
report prints."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop import l10n
from tryg_desktop.services.register import register
from tryg_desktop.views.kit.table_columns import elide_with_tooltips
from tryg_desktop.views.safety.chart_view import ChartView
from tryg_desktop.workers import Task

CHARTS = {  # name: title on screen (the report uses the same titles)
    "episodes": "Hændelser pr. måned, seneste 12 måneder",
    "categories": "Hændelser fordelt på kategori",
    "places": "Hændelser fordelt på sted",
    "forums": "Handlinger udført pr. mødeforum",
    "efforts": "Handlinger udført pr. indsats",
    "attendance": "Fremmøde efter organisationstype",
}
CHART_SIZE = (480, 210)
MAX_BARS = 15
# services/dashboard.PARTS in the order the workers take them (two at a time): the longest
# first. Named here so that starting them does not import the statistics on the GUI thread.
PARTS = ("completion", "episodes", "attendance", "lists")
# The four cards at the top: (one, many, what follows), "1 møde …" / "2 møder …".
CARD_WORDS = {"upcoming": ("møde", "møder", "de næste 30 dage"),
              "overdue": ("handling", "handlinger", "over fristen"),
              "episodes": ("hændelse", "hændelser", "de seneste 30 dage"),
              "efforts": ("indsats", "indsatser", "i gang")}


def _card(title: str, value_label: QLabel) -> QFrame:
    frame = QFrame(objectName="card")
    layout = QVBoxLayout(frame)
    caption = QLabel(title, objectName="cardCaption", wordWrap=True)
    value_label.caption = caption
    value_label.setObjectName("cardValue")
    layout.addWidget(value_label)
    layout.addWidget(caption)
    return frame


def compute_part(part: str, today, place_id):
    """Runs in a worker: one part of the figures."""
    from tryg_desktop.services.safety import dashboard

    values = dashboard.load_part(part, today, place_id)
    if part == "episodes":
        # Loaded here, not on the GUI thread: QtCharts and babel's Danish month names.
        from tryg_desktop.views.safety.dashboard_charts import month_label

        month_label(today)
    return part, values


def _busiest(rows):
    """Beyond MAX_BARS rows only the busiest are drawn (the status report lists them all)."""
    if len(rows) <= MAX_BARS:
        return rows, ""
    return (sorted(rows, key=lambda r: -r.created)[:MAX_BARS],
            f" (de {MAX_BARS} med flest handlinger)")


class OverviewPage(QWidget):
    load_demo_requested = Signal()
    import_requested = Signal()
    new_contact_requested = Signal()
    new_organisation_requested = Signal()
    new_episode_requested = Signal()
    report_requested = Signal()
    open_page_requested = Signal(int)
    open_meeting = Signal(int)
    open_action = Signal(int)
    open_effort = Signal(int)
    dashboard_ready = Signal()  # every figure and chart is on screen (benchmarks wait for it)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.stack = QStackedLayout(self)
        self.welcome = self._build_welcome()
        self.summary = self._build_summary()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.summary)
        self._generation = 0  # results of an older refresh are dropped
        self._painted = False
        self._refresh_after_paint = False
        self._tasks: list[Task] = []
        self.data = None

    def _build_welcome(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        title = QLabel("<h1>Velkommen til Tryg Desktop</h1>", alignment=Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            "Her holder du styr på samarbejdspartnere, dialogmøder, handlinger, steder, "
            "indsatser og hændelser i Tryg Aalborg.<br>"
            "Databasen er tom. Kom i gang med eksempeldata, eller hent dine egne kontakter "
            "fra en CSV-fil (Excel) eller et vCard (Outlook).",
            alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        text.setFixedWidth(560)
        self.demo_button = QPushButton("Indlæs &eksempeldata")
        self.demo_button.clicked.connect(self.load_demo_requested)
        self.import_button = QPushButton("&Importér kontakter …")
        self.import_button.clicked.connect(self.import_requested)
        self.demo_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(text)
        centred.addStretch(1)
        layout.addWidget(title)
        layout.addLayout(centred)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        layout.addStretch(2)
        return page

    def _build_summary(self) -> QWidget:
        content = QWidget(objectName="dashboard")
        layout = QVBoxLayout(content)
        layout.addLayout(self._build_header())
        self.status = QLabel("Henter tal …", objectName="dashboardStatus")
        layout.addWidget(self.status)
        # The place against the rest of the city, or the city against a year before: whether
        # a fall is the place's own (services/safety/comparison.py).
        self.trend = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText,
                            objectName="dashboardTrend")
        self.trend.setAccessibleName("Udvikling mod samme måneder året før")
        layout.addWidget(self.trend)

        self.upcoming_value, self.overdue_value = QLabel("–"), QLabel("–")
        self.episodes_value, self.efforts_value = QLabel("–"), QLabel("–")
        self.episodes_caption = QLabel()
        cards = QGridLayout()
        for column, (name, (_one, many, rest)) in enumerate(CARD_WORDS.items()):
            card = _card(f"{many} {rest}", getattr(self, f"{name}_value"))
            cards.addWidget(card, 0, column)
            if name == "episodes":
                card.layout().addWidget(self.episodes_caption)
        layout.addLayout(cards)

        lists = QGridLayout()
        self.upcoming_list = self._list("Kommende møder", self.open_meeting)
        self.overdue_list = self._list("Handlinger over fristen", self.open_action)
        lists.addWidget(QLabel("<h3>Kommende møder</h3>"), 0, 0)
        lists.addWidget(QLabel("<h3>Handlinger over fristen</h3>"), 0, 1)
        lists.addWidget(self.upcoming_list, 1, 0)
        lists.addWidget(self.overdue_list, 1, 1)
        layout.addLayout(lists)
        # Each effort's goal against its result and verdict (services/safety/goals.py).
        self.goals_heading = QLabel("<h3>Mål for indsatserne</h3>")
        self.goals_list = self._list("Mål for indsatserne", self.open_effort)
        layout.addWidget(self.goals_heading)
        layout.addWidget(self.goals_list)

        self.charts = {name: ChartView(title) for name, title in CHARTS.items()}
        self.chart_grid = QGridLayout()
        self.chart_grid.setHorizontalSpacing(24)
        for column in (0, 1):  # two equal columns, whatever each chart would like
            self.chart_grid.setColumnStretch(column, 1)
        self._place_charts(list(self.charts.values()))
        layout.addLayout(self.chart_grid)

        layout.addWidget(QLabel("<h3>Registret</h3>"))
        self.organisations_value = QLabel()
        self.contacts_value = QLabel()
        self.private_value = QLabel()
        self.inactive_value = QLabel()
        register_cards = QGridLayout()
        register_cards.addWidget(_card("aktive organisationer", self.organisations_value), 0, 0)
        register_cards.addWidget(_card("aktive kontaktpersoner", self.contacts_value), 0, 1)
        register_cards.addWidget(_card("privatpersoner", self.private_value), 0, 2)
        register_cards.addWidget(_card("inaktive kontakter", self.inactive_value), 0, 3)
        layout.addLayout(register_cards)
        self.recent = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.recent.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(QLabel("<h3>Seneste ændringer</h3>"))
        layout.addWidget(self.recent)
        layout.addStretch(1)

        scroll = QScrollArea(accessibleName="Oversigt")
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the page's controls
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        return scroll

    def _place_charts(self, views: list[ChartView]) -> None:
        """Two charts a row, in CHARTS order."""
        for view in self.charts.values():
            self.chart_grid.removeWidget(view)
        for number, view in enumerate(views):
            self.chart_grid.addWidget(view, number // 2, number % 2, Qt.AlignmentFlag.AlignTop)

    def _build_header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        header.addWidget(QLabel("<h2>Oversigt</h2>"))
        header.addStretch(1)
        label = QLabel("&Sted:")
        self.place_filter = QComboBox()
        self.place_filter.setMinimumWidth(200)
        self.place_filter.setAccessibleName("Vis tal for sted")
        label.setBuddy(self.place_filter)
        self.place_filter.addItem("Hele byen", None)
        self.place_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        header.addWidget(label)
        header.addWidget(self.place_filter)
        for text, signal, tip in (
                ("Registrér hæn&delse …", self.new_episode_requested, "Ctrl+H"),
                ("Status&rapport …", self.report_requested, "Ctrl+R")):
            button = QPushButton(text)
            button.setToolTip(f"{text.replace('&', '').rstrip(' …')} ({tip})")
            button.clicked.connect(signal)
            header.addWidget(button)
        return header

    def _list(self, name: str, signal) -> QListWidget:
        widget = QListWidget()
        widget.setAccessibleName(name)
        widget.setMaximumHeight(150)
        # Long meeting places end in "…" (the full line is the tooltip), not a scroll bar.
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        elide_with_tooltips(widget)
        widget.itemActivated.connect(lambda item: self._activated(item, signal))
        return widget

    @staticmethod
    def _activated(item: QListWidgetItem, signal) -> None:
        record_id = item.data(Qt.ItemDataRole.UserRole)
        if record_id:
            signal.emit(record_id)

    # -- data ------------------------------------------------------------------------------------
    @property
    def place_id(self) -> int | None:
        return self.place_filter.currentData()

    def set_place(self, place_id: int | None) -> None:
        index = self.place_filter.findData(place_id)
        if index >= 0:
            self.place_filter.setCurrentIndex(index)

    def refresh(self) -> None:
        if not self._painted:  # the window's first paint must not wait for the figures
            self._refresh_after_paint = True
            return
        if register.is_empty():
            self.stack.setCurrentWidget(self.welcome)
            return
        self.stack.setCurrentWidget(self.summary)
        self._generation += 1
        generation, place_id = self._generation, self.place_id
        today = datetime.date.today()
        self.status.setText("Henter tal …")
        # Counting reads every contact and a year of episodes and actions: workers do it, so
        # start-up does not grow with the data. The parts run side by side (SQLite works
        # outside Python's lock); the service module itself is loaded by the first of them.
        tasks = [
            Task(lambda progress, is_cancelled, part=part: compute_part(part, today, place_id))
            for part in PARTS]
        self._parts: dict = {}
        for task in tasks:
            task.signals.finished.connect(
                lambda result: self._part_arrived(generation, today, place_id, result))
            task.signals.failed.connect(lambda message: self._failed(generation, message))
        self._tasks = [task.start() for task in tasks]
        for view in self.charts.values():  # while the workers count: not at start-up
            view.prepare()
        self._show_recent()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            if self._refresh_after_paint:
                QTimer.singleShot(0, self.refresh)

    def _part_arrived(self, generation: int, today, place_id, result) -> None:
        from tryg_desktop.services.safety import dashboard

        if generation != self._generation:
            return
        part, values = result
        self._parts[part] = values
        # Each part's charts are drawn as it arrives, while the other parts are still counted.
        if part == "episodes":
            self._draw_episode_charts(values["monthly"], place_id)
        elif part == "completion":
            self._draw_completion_charts(values)
        elif part == "attendance":
            from tryg_desktop.views.safety import dashboard_charts as C

            attendance = [r for r in values["attendance"] if r.invited]
            self.charts["attendance"].set_chart(C.attendance_chart(attendance),
                                                max(C.row_height_px(2 * len(attendance)), 250))
        if len(self._parts) < len(PARTS):
            return
        all_values: dict = {}
        for values in self._parts.values():
            all_values.update(values)
        self._show(generation, dashboard.assemble(all_values, today, place_id))

    def _show_recent(self) -> None:
        lines = [f"{l10n.format_datetime(e.at_local)} · {e.user} · {e.action_label.lower()}: "
                 f"{e.what} <b>{_html(e.label)}</b>" for e in register.recent_changes(8)]
        self.recent.setText("<br>".join(lines) or "Ingen ændringer endnu.")

    def _show_counts(self, counts: register.Counts) -> None:
        self.organisations_value.setText(l10n.format_integer(counts.active_organisations))
        self.contacts_value.setText(l10n.format_integer(counts.active_contacts))
        self.private_value.setText(l10n.format_integer(counts.private_contacts))
        self.inactive_value.setText(l10n.format_integer(counts.inactive_contacts))

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.status.setText(f"Tallene kunne ikke hentes: {message}")

    def _show(self, generation: int, data) -> None:
        if generation != self._generation:
            return
        self.data = data
        self._fill_places(data.place_choices)
        where = f"for {data.place_name}" if data.place_name else "for hele byen"
        start, end = data.period
        # The running month is counted to today: its bar is short without anything falling.
        month = l10n.format_date(end, "LLLL")
        self.status.setText(f"Tal {where}, {l10n.format_date(start)} – {l10n.format_date(end)}"
                            f" ({month} til og med i dag).")
        for name, value in (("upcoming", data.upcoming_count), ("overdue", data.overdue_count),
                            ("episodes", data.episodes_30_days),
                            ("efforts", data.active_efforts)):
            one, many, rest = CARD_WORDS[name]
            label = getattr(self, f"{name}_value")
            label.setText(l10n.format_integer(value))
            label.caption.setText(f"{one if value == 1 else many} {rest}")
        self.episodes_caption.setText(_change_text(data.episodes_30_days,
                                                   data.episodes_previous_30_days))
        self._fill_list(self.upcoming_list, [
            (m.id, f"{l10n.format_datetime(m.starts_at)} · {m.title}"
                   + (f" · {m.location}" if m.location else "")) for m in data.upcoming],
            "Ingen kommende møder.")
        self._fill_list(self.overdue_list, [
            (a.id, f"Frist {l10n.format_date(a.due)} · {a.title}"
                   + (f" · {a.responsible}" if a.responsible else " · mangler ansvarlig"))
            for a in data.overdue], "Ingen handlinger over fristen.")
        self._show_trend(data.trend)
        self._fill_list(self.goals_list, [(g.effort_id, g.summary) for g in data.goals],
                        "Ingen indsatser har et målbart mål endnu.")
        # As high as its lines (a few efforts), not the height of the lists above.
        rows = self.goals_list.count()
        self.goals_list.setFixedHeight(self.goals_list.sizeHintForRow(0) * rows
                                       + 2 * self.goals_list.frameWidth() + 4)
        self.dashboard_ready.emit()
        # The register's counts (every contact) wait until the figures above are on screen.
        counts = Task(lambda progress, is_cancelled: register.counts())
        counts.signals.finished.connect(self._show_counts)
        self._tasks.append(counts.start())

    def _show_trend(self, trend) -> None:
        from tryg_desktop.views.safety.comparison_text import trend_line_html

        self.trend.setText(trend_line_html(trend) if trend is not None else
                           "Endnu ingen hel måned at sammenligne med samme måned året før.")

    def _draw_episode_charts(self, monthly, place_id) -> None:
        from tryg_desktop.views.safety import dashboard_charts as C

        self.charts["episodes"].set_chart(C.episodes_chart(monthly))
        self.charts["categories"].set_chart(C.category_chart(monthly))
        self.charts["places"].set_chart(C.place_chart(monthly))
        # For one place there is nothing to split by place: the other charts close the gap.
        shown = [view for name, view in self.charts.items()
                 if name != "places" or place_id is None]
        self.charts["places"].setVisible(place_id is None)
        self._place_charts(shown)

    def _draw_completion_charts(self, values: dict) -> None:
        from tryg_desktop.views.safety import dashboard_charts as C

        forums, forums_note = _busiest(values["completion_by_forum"])
        efforts, efforts_note = _busiest(values["completion_by_effort"])
        for name, rows in (("forums", forums), ("efforts", efforts)):
            self.charts[name].set_chart(C.completion_chart(rows),
                                        max(C.row_height_px(len(rows)), 250))
        self.charts["forums"].title.setText(f"<b>{CHARTS['forums']}{forums_note}</b>")
        self.charts["efforts"].title.setText(f"<b>{CHARTS['efforts']}{efforts_note}</b>")

    def _fill_places(self, choices: list[tuple[int, str]]) -> None:
        """The place filter lists the active places; the current choice stays."""
        current = self.place_id
        if [self.place_filter.itemData(i) for i in range(1, self.place_filter.count())] == [
                pid for pid, _ in choices]:
            return
        self.place_filter.blockSignals(True)
        self.place_filter.clear()
        self.place_filter.addItem("Hele byen", None)
        for place_id, name in choices:
            self.place_filter.addItem(name, place_id)
        index = self.place_filter.findData(current)
        self.place_filter.setCurrentIndex(max(index, 0))
        self.place_filter.blockSignals(False)

    @staticmethod
    def _fill_list(widget: QListWidget, rows: list[tuple[int, str]], empty: str) -> None:
        widget.clear()
        for record_id, text in rows:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            widget.addItem(item)
        if not rows:
            item = QListWidgetItem(empty)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(item)


def _change_text(now: int, before: int) -> str:
    if before == 0:
        return "ingen i de 30 dage før" if now else ""
    change = (now - before) / before
    if abs(change) < 0.005:
        return "som de 30 dage før"
    word = "flere" if change > 0 else "færre"
    return f"{abs(change):.0%} {word} end de 30 dage før".replace("%", " %")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

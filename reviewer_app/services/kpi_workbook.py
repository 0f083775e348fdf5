"""The business-review workbook: KPIs overall and one sheet per cut, with native charts.

Used by ``reviewer-app report kpis --xlsx FILE`` and by the GUI's Reports tab. It only
turns domain objects (``KpiBook``, ``DsaReport``) into an ``.xlsx`` file with openpyxl; the
figures come from ``services.reports``. Cells hold the exact values of ``--json`` (rates
as fractions shown as percentages by their number format, hours and seconds unrounded and
shown with one decimal), so a formula over the sheet uses the precise figures (to the 16
significant digits openpyxl writes). A KPI with no denominator is an empty cell. The file is
written atomically (``export_files``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reviewer_app.domain.kpis import CUTS, FINAL_OUTCOMES, KpiBook, Kpis, Period
from reviewer_app.domain.spreadsheet import neutralise
from reviewer_app.services.export_files import safe_cell, write_atomically

if TYPE_CHECKING:  # services.reports imports this module to save workbooks
    from reviewer_app.services.reports import DsaReport

Progress = Callable[[int, int], None]

COUNT, HOURS, SECONDS, PERCENT = "#,##0", "#,##0.0", "#,##0.0", "0.0%"
DATE = "yyyy-mm-dd"
OVERALL_SHEET = "Overall"
DSA_SHEET = "DSA transparency"
CUT_NAMES = {"market": "Market", "policy": "Policy", "queue": "Queue",
             "reviewer": "Reviewer", "language": "Language"}
CUT_PLURALS = {"market": "markets", "policy": "policies", "queue": "queues",
               "reviewer": "reviewers", "language": "languages"}
NO_DENOMINATOR = "A blank value has no denominator in the period (for example nothing decided)."


@dataclass(frozen=True)
class KpiColumn:
    """One KPI cell: ``key`` of ``Kpis.as_dict()`` and, for the interval, which end."""

    key: str
    label: str
    number_format: str
    part: int | None = None

    def value(self, kpis: Kpis | Mapping[str, Any]) -> Any:
        """The figure of ``kpis`` (a ``Kpis`` or its ``as_dict()``); None when undefined."""
        data = kpis.as_dict() if isinstance(kpis, Kpis) else kpis
        value = data[self.key]
        return value if self.part is None else value[self.part]


# Every key of domain.kpis.KPI_KEYS, in its order; the QA interval takes two cells.
KPI_COLUMNS: tuple[KpiColumn, ...] = (
    KpiColumn("intake", "Intake (appeals received)", COUNT),
    KpiColumn("decisions", "Decisions (appeals decided)", COUNT),
    KpiColumn("backlog_end", "Backlog at end of period", COUNT),
    KpiColumn("median_ttd_hours", "Median time to decision (hours)", HOURS),
    KpiColumn("p90_ttd_hours", "90th percentile time to decision (hours)", HOURS),
    KpiColumn("p95_ttd_hours", "95th percentile time to decision (hours)", HOURS),
    KpiColumn("sla_compliance", "SLA compliance (decided appeals)", PERCENT),
    KpiColumn("sla_compliance_inclusive", "SLA compliance incl. open past due", PERCENT),
    KpiColumn("aht_seconds", "Average handle time (seconds)", SECONDS),
    KpiColumn("overturn_rate", "Overturn rate (full + partial)", PERCENT),
    KpiColumn("full_overturn_rate", "Full overturn rate", PERCENT),
    KpiColumn("partial_rate", "Partial overturn rate", PERCENT),
    KpiColumn("escalation_rate", "Escalation rate", PERCENT),
    KpiColumn("info_request_rate", "Information request rate", PERCENT),
    KpiColumn("qa_accuracy", "QA accuracy", PERCENT),
    KpiColumn("qa_accuracy_ci", "QA accuracy 95% interval, low", PERCENT, part=0),
    KpiColumn("qa_accuracy_ci", "QA accuracy 95% interval, high", PERCENT, part=1),
    KpiColumn("dispute_rate", "QA dispute rate", PERCENT),
)
_COLUMN_OF = {(c.key, c.part): i for i, c in enumerate(KPI_COLUMNS)}

_TITLE = Font(bold=True, size=14)
_BOLD = Font(bold=True)
_NOTE = Font(italic=True, color="555555")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_TOTAL_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
_THIN = Side(style="thin", color="808080")


def sheet_name(cut: str) -> str:
    """The sheet of ``cut``: ``By market`` and so on."""
    return f"By {cut}"


def period_text(period: Period) -> str:
    """``2026-03-02 to 2026-03-08 (UTC days, the last one included)``."""
    return (f"{period.first_day.isoformat()} to {period.last_day.isoformat()} "
            "(UTC days, the last one included)")


def write_kpi_workbook(path: Path, book: KpiBook, progress: Progress | None = None,
                       *, generated_at: datetime | None = None) -> Path:
    """Write ``book`` to ``path`` as an ``.xlsx`` workbook, atomically; return ``path``.

    Sheets: ``Overall`` (the period and every KPI, one per row) and one ``By <cut>`` sheet
    per cut of the book (one row per group, one column per KPI, an all-groups row, charts).
    ``progress(done, total)`` counts sheets, then the saved file; an exception it raises
    (Ctrl+C, a cancel) stops the write and leaves no file behind.

    Raises:
        ExportError: the file cannot be written.
    """
    total = 2 + len(book.cuts)  # the overall sheet, each cut, saving
    tick = _ticker(progress, total)
    workbook = Workbook()
    _overall_sheet(workbook.active, book, generated_at or datetime.now(UTC))
    tick()
    for cut, groups in book.cuts.items():
        _cut_sheet(workbook.create_sheet(sheet_name(cut)), book.period, cut, groups,
                   book.overall)
        tick()

    def save(temporary: Path) -> None:
        workbook.save(temporary)
        tick()  # still before the rename: a cancel here leaves nothing behind

    return write_atomically(path, save)


def write_dsa_workbook(path: Path, report: DsaReport,
                       progress: Progress | None = None) -> Path:
    """The EU DSA transparency figures as a one-sheet workbook with a chart, atomically."""
    tick = _ticker(progress, 2)
    workbook = Workbook()
    ws = workbook.active
    ws.title = DSA_SHEET
    ws["A1"] = "EU DSA transparency figures: internal complaint-handling system"
    ws["A1"].font = _TITLE
    ws["A2"] = period_text(report.period)
    header = ["Market", "Complaints received",
              *(f"Decided: {o.replace('_', ' ')}" for o in FINAL_OUTCOMES),
              "Median time to decision (hours)", "Reversed (overturn + partial)"]
    formats = [COUNT] * (1 + len(FINAL_OUTCOMES)) + [HOURS, COUNT]
    rows = [[market, f.complaints_received, *f.decisions_by_outcome.values(),
             f.median_ttd_hours, f.reversed] for market, f in report.markets.items()]
    t = report.total
    total = ["All markets", t.complaints_received, *t.decisions_by_outcome.values(),
             t.median_ttd_hours, t.reversed]
    header_row = 4
    first, last = _table(ws, header_row, header, formats, rows, total)
    if rows:
        chart = _bar_chart("Complaints received and reversed by market", "Appeals",
                           len(rows))
        for col in (2, len(header)):
            chart.add_data(Reference(ws, min_col=col, min_row=header_row, max_row=last),
                           titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
        ws.add_chart(chart, f"A{last + 4}")
    tick()

    def save(temporary: Path) -> None:
        workbook.save(temporary)
        tick()

    return write_atomically(path, save)


def _ticker(progress: Progress | None, total: int) -> Callable[[], None]:
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    return tick


def _overall_sheet(ws: Worksheet, book: KpiBook, generated_at: datetime) -> None:
    ws.title = OVERALL_SHEET
    ws["A1"] = "KPI business review"
    ws["A1"].font = _TITLE
    facts: list[tuple[str, Any, str | None]] = [
        ("From", book.period.first_day, DATE),
        ("To (included)", book.period.last_day, DATE),
        ("Generated (UTC)", generated_at.astimezone(UTC).replace(tzinfo=None),
         "yyyy-mm-dd hh:mm"),
        ("Sheets", ", ".join([OVERALL_SHEET, *map(sheet_name, book.cuts)]), None),
    ]
    for row, (label, value, number_format) in enumerate(facts, start=2):
        ws.cell(row, 1, label).font = _BOLD
        cell = ws.cell(row, 2, safe_cell(value))
        cell.alignment = Alignment(horizontal="left")
        if number_format:
            cell.number_format = number_format
    ws.cell(6, 1, "Days are UTC: the period covers From 00:00 ≤ t < (To + 1 day) 00:00."
            ).font = _NOTE
    header_row = 8
    for col, text in enumerate(("KPI", "Value", "Key (--json)"), start=1):
        _header_cell(ws.cell(header_row, col, text))
    for row, column in enumerate(KPI_COLUMNS, start=header_row + 1):
        ws.cell(row, 1, column.label)
        cell = ws.cell(row, 2, column.value(book.overall))
        cell.number_format = column.number_format
        key = column.key if column.part is None else f"{column.key}[{column.part}]"
        ws.cell(row, 3, key).font = _NOTE
    note_row = header_row + len(KPI_COLUMNS) + 2
    ws.cell(note_row, 1, NO_DENOMINATOR).font = _NOTE
    ws.cell(note_row + 1, 1, "Definitions: README, section Reports (DOMAIN.md \"KPIs\")."
            ).font = _NOTE
    ws.column_dimensions["A"].width = 44
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 26
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    _print_setup(ws)


def _cut_sheet(ws: Worksheet, period: Period, cut: str, groups: Mapping[str, Kpis],
               overall: Kpis) -> None:
    if cut not in CUTS:
        raise ValueError(f"unknown cut {cut!r}")
    ws["A1"] = f"KPIs by {cut}"
    ws["A1"].font = _TITLE
    ws["A2"] = period_text(period)
    if cut == "reviewer":
        ws["A3"] = ("Open appeals have no reviewer: intake, backlog and SLA compliance "
                    "incl. open appeals are blank per reviewer (the all-reviewers row has them).")
        ws["A3"].font = _NOTE
    header_row = 4
    header = [CUT_NAMES[cut], *(c.label for c in KPI_COLUMNS)]
    rows = [[group, *(c.value(k) for c in KPI_COLUMNS)] for group, k in groups.items()]
    total = [f"All {CUT_PLURALS[cut]}", *(c.value(overall) for c in KPI_COLUMNS)]
    first, last = _table(ws, header_row, header, [c.number_format for c in KPI_COLUMNS],
                         rows, total)
    if rows:
        _cut_charts(ws, cut, header_row, first, last)


def _table(ws: Worksheet, header_row: int, header: Sequence[str], formats: Sequence[str],
           rows: Sequence[Sequence[Any]], total: Sequence[Any]) -> tuple[int, int]:
    """A table with a styled header, its group rows and a bold all-groups row below.

    Returns the first and last group row (last < first when there are none). Column A is
    the (data-supplied, so neutralised) group name; the others get ``formats``.
    """
    for col, text in enumerate(header, start=1):
        _header_cell(ws.cell(header_row, col, text))
    ws.row_dimensions[header_row].height = 48
    first = header_row + 1
    for r, row in enumerate([*rows, total], start=first):
        ws.cell(r, 1, neutralise(str(row[0])))
        for col, (value, number_format) in enumerate(zip(row[1:], formats, strict=True),
                                                      start=2):
            ws.cell(r, col, value).number_format = number_format
    last = first + len(rows) - 1
    total_row = last + 1
    for col in range(1, len(header) + 1):
        cell = ws.cell(total_row, col)
        cell.font = _BOLD
        cell.fill = _TOTAL_FILL
        cell.border = Border(top=_THIN)
    names = [str(r[0]) for r in [*rows, total]]
    ws.column_dimensions["A"].width = min(40, max(14, *(len(n) + 2 for n in names)))
    for col in range(2, len(header) + 1):
        ws.column_dimensions[get_column_letter(col)].width = 14
    ws.freeze_panes = ws.cell(first, 2)
    _print_setup(ws)
    if rows:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(header))}{last}"
    return first, last


def _print_setup(ws: Worksheet) -> None:
    """Landscape, one page wide (as many pages down as it takes)."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _header_cell(cell: Any) -> None:
    cell.font = _HEADER_FONT
    cell.fill = _HEADER_FILL
    cell.alignment = _HEADER_ALIGN
    cell.border = Border(bottom=_THIN)


def _bar_chart(title: str, axis_title: str, groups: int, *, percent: bool = False
               ) -> BarChart:
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "clustered"
    chart.title = title
    chart.y_axis.title = axis_title
    # openpyxl ≥ 3.1 marks axes deleted by default: Excel would draw the bars without them.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    if percent:
        chart.y_axis.numFmt = "0%"
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 1
    chart.legend.position = "b"  # long KPI names: below the bars, not squeezing them
    chart.width = min(60.0, max(16.0, 4.0 + 1.2 * groups))
    chart.height = 8.0
    return chart


def _cut_charts(ws: Worksheet, cut: str, header_row: int, first: int, last: int) -> None:
    """Bar charts of the group rows, two per row of charts while they fit side by side."""
    plural = CUT_PLURALS[cut]

    def col(key: str, part: int | None = None) -> int:
        return 2 + _COLUMN_OF[(key, part)]

    volume = ["decisions"] if cut == "reviewer" else ["intake", "decisions"]
    sla = ["sla_compliance"] if cut == "reviewer" else ["sla_compliance",
                                                        "sla_compliance_inclusive"]
    specs = [
        (("Decisions" if cut == "reviewer" else "Intake and decisions") + f" by {cut}",
         "Appeals", volume, False),
        (f"SLA compliance by {cut}", "Share", sla, True),
        (f"Time to decision by {cut} (hours)", "Hours", ["median_ttd_hours", "p90_ttd_hours"],
         False),
        (f"Overturn rate and QA accuracy by {cut}", "Share", ["overturn_rate", "qa_accuracy"],
         True),
    ]
    groups = last - first + 1
    charts = []
    for title, axis, keys, percent in specs:
        chart = _bar_chart(title, axis, groups, percent=percent)
        for key in keys:
            chart.add_data(Reference(ws, min_col=col(key), min_row=header_row, max_row=last),
                           titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
        charts.append(chart)
    # Place them under the table (and its all-<plural> row): side by side when narrow.
    top = last + 4
    rows_per_chart = 18  # 8 cm at the default 15-point row height, plus a gap
    side_by_side = charts[0].width <= 20.0
    second_col = _column_after(ws, charts[0].width + 1.0)
    for i, chart in enumerate(charts):
        if side_by_side:
            anchor = f"{'A' if i % 2 == 0 else second_col}{top + (i // 2) * rows_per_chart}"
        else:
            anchor = f"A{top + i * rows_per_chart}"
        ws.add_chart(chart, anchor)
    ws.cell(top - 1, 1, f"Charts: one bar per {cut}; the all-{plural} row is not charted."
            ).font = _NOTE


def _column_after(ws: Worksheet, centimetres: float) -> str:
    """The first column letter that starts at least ``centimetres`` from the left edge."""
    width_cm, col = 0.0, 1
    while width_cm < centimetres:
        width = ws.column_dimensions[get_column_letter(col)].width or 8.43
        width_cm += width * 0.19  # a character of the default font is about 0.19 cm
        col += 1
    return get_column_letter(col)

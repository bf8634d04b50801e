"""
A picture of the record: each dialogue's rounds on a time axis, and its forecast window.

Needs the ``plot`` extra (matplotlib), imported only when a picture is drawn. The figure is
made with matplotlib's object API (``Figure`` and its canvases), not pyplot; the one setting
of matplotlib's it needs, the salt that makes the SVG's ids the same on every run, is set
only while the SVG is written (``matplotlib.rc_context``).
"""

from __future__ import annotations

import datetime as dt
import io
import zlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

import pendulum

from twoplustwo._learning import LEVEL, Pool, midpoint
from twoplustwo._model import Dataset, Mechanism, Mode
from twoplustwo._rotation import next_round
from twoplustwo.exceptions import InvalidDate, MissingExtra, NotForecastable

if TYPE_CHECKING:  # pragma: no cover - matplotlib is an extra, loaded when a picture is drawn
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

COLOURS: Final[Mapping[str, str]] = {
    "AU": "#1f77b4",
    "CA": "#7b4173",
    "DE": "#bcbd22",
    "FR": "#e377c2",
    "GB": "#8c564b",
    "ID": "#2ca02c",
    "IN": "#ff7f0e",
    "JP": "#9467bd",
    "KR": "#17becf",
    "PH": "#e7ba52",
    "RU": "#252525",
    "US": "#d62728",
}
"""The colour of each party on record, the same in every picture."""

SPARE: Final = ("#393b79", "#637939", "#8c6d31", "#843c39", "#5254a3", "#8ca252", "#ad494a")
"""Colours for the other parties, chosen by a stable hash of the code."""

NO_HOST: Final = "#9e9e9e"
"""The colour of a round with no host, and of the legend's marks."""

SALT: Final = "twoplustwo"
"""The salt of the SVG's ids, so that the same picture is the same bytes."""


def colour_of(code: str) -> str:
    """
    Return the colour of a party, the same in every picture.

    Fixed for the parties on record; any other code is hashed (CRC-32, not Python's salted
    ``hash``) into :data:`SPARE`.
    """
    return COLOURS.get(code) or SPARE[zlib.crc32(code.encode()) % len(SPARE)]


def timeline_svg(
    dataset: Dataset,
    mechanisms: Sequence[str] = (),
    *,
    as_of: dt.date | None = None,
    level: float = LEVEL,
) -> bytes:
    """
    Draw the rounds of some dialogues (all by default) on a time axis, as an SVG image.

    Each dialogue is a row; each held round a dot at its date in its host's colour (the same
    colour in every picture; grey when it had none), hollow when it met by video; a pending
    round is a hollow diamond; the next round's forecast window is shaded in the colour of
    its likeliest host (hatched when it has passed and the dialogue is dormant); a dashed
    line marks the day of the forecasts. The legend sits below the axes. The same input
    gives the same bytes.

    Args:
        dataset: The dialogues; its other dialogues inform each window.
        mechanisms: The ids of the dialogues to draw, in order; all of them if empty.
        as_of: The day of the forecasts; today unless given, as for ``next_round``.
        level: The share of past gaps a window covers.

    Raises:
        UnknownMechanism: An id names no dialogue.
        MissingExtra: matplotlib is not installed (the ``plot`` extra); it is also a
            ModuleNotFoundError.
    """
    try:
        import matplotlib as mpl  # noqa: PLC0415 - the extra
        from matplotlib.backends.backend_svg import FigureCanvasSVG  # noqa: PLC0415 - the extra
    except ModuleNotFoundError:
        raise MissingExtra("matplotlib", "plot", "timeline_svg") from None

    figure, title = _figure(dataset, mechanisms, as_of=as_of, level=level)
    FigureCanvasSVG(figure)
    out = io.BytesIO()
    with mpl.rc_context({"svg.hashsalt": SALT}):
        figure.savefig(out, format="svg", metadata={"Date": None, "Title": title})
    return out.getvalue()


def _figure(
    dataset: Dataset,
    mechanisms: Sequence[str],
    *,
    as_of: dt.date | None,
    level: float,
) -> tuple[Figure, str]:
    """
    Return the picture as a matplotlib Figure with no canvas yet, and its title.
    """
    from matplotlib.figure import Figure  # noqa: PLC0415 - the extra
    from matplotlib.lines import Line2D  # noqa: PLC0415 - the extra
    from matplotlib.patches import Patch  # noqa: PLC0415 - the extra

    chosen = [dataset.mechanism(i) for i in mechanisms] or list(dataset.mechanisms)
    day = pendulum.Date(*(as_of or pendulum.today().date()).timetuple()[:3])
    codes = sorted({code for m in chosen for code in m.codes})
    marks: list[Artist] = [
        Line2D([], [], marker="o", linestyle="", color=colour_of(c), label=c) for c in codes
    ]
    shown: set[str] = set()
    figure = Figure(figsize=(10, 0.45 * len(chosen) + 2.4), layout="constrained")
    axes = figure.add_subplot()
    pool = Pool.of(dataset)  # the gaps every window pools, worked out once
    for row, mechanism in enumerate(reversed(chosen)):
        shown |= _draw(axes, row, mechanism, pool, day, level)
    axes.set_yticks(range(len(chosen)), [m.id for m in reversed(chosen)])
    axes.set_ylim(-0.7, len(chosen) - 0.3)
    axes.grid(axis="x", alpha=0.3)
    axes.xaxis_date()
    axes.axvline(_x(day), color="black", linestyle="--", linewidth=1)
    axes.annotate(
        f"as of {day.isoformat()}",
        xy=(_x(day), 1),
        xycoords=("data", "axes fraction"),
        xytext=(0, 3),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize="small",
    )
    title = (
        f"2+2 rounds, and the next round's {level:.0%} window as of {day.isoformat()} "
        f"(data as of {dataset.as_of.isoformat()})"
    )
    axes.set_title(title, pad=16)
    kinds: dict[str, Artist] = {
        "host": Line2D([], [], marker="o", linestyle="", color=NO_HOST, label="no host"),
        "virtual": Line2D(
            [], [], marker="o", linestyle="", color=NO_HOST, fillstyle="none", label="by video"
        ),
        "pending": Line2D(
            [],
            [],
            marker="D",
            linestyle="",
            color=NO_HOST,
            fillstyle="none",
            markeredgewidth=1.5,
            label="pending (announced)",
        ),
        "window": Patch(color=NO_HOST, alpha=0.3, label=f"next round's {level:.0%} window"),
        "dormant": Patch(
            facecolor="none", edgecolor=NO_HOST, hatch="///", label="window passed (dormant)"
        ),
    }
    marks += [artist for kind, artist in kinds.items() if kind in shown]
    marks.append(
        Line2D([], [], color="black", linestyle="--", linewidth=1, label="day of the forecasts")
    )
    figure.legend(
        handles=marks,
        loc="outside lower center",
        fontsize="small",
        ncols=min(len(marks), 8),
        frameon=False,
    )
    return figure, title


def _draw(  # noqa: PLR0913, PLR0917 - one row of the figure and what it needs
    axes: Axes,
    row: int,
    mechanism: Mechanism,
    pool: Pool,
    day: pendulum.Date,
    level: float,
) -> set[str]:
    """
    Draw one dialogue's row; return the kinds of mark it used beyond a hosted, held dot.
    """
    used = set()
    for hosting in mechanism.hostings():
        current = hosting.round
        tint = NO_HOST if hosting.host is None else colour_of(hosting.host)
        used |= {"host"} if hosting.host is None else set()
        if current.is_pending:
            used.add("pending")
            style = {"marker": "D", "fillstyle": "none", "markeredgewidth": 1.5}
        elif current.mode is Mode.VIRTUAL:
            used.add("virtual")
            style = {"marker": "o", "fillstyle": "none", "markeredgewidth": 1.5}
        else:
            style = {"marker": "o", "fillstyle": "full"}
        axes.plot(
            [_x(midpoint(current.date))],
            [row],
            markersize=7,
            color=tint,
            linestyle="",
            **style,  # type: ignore[arg-type] # a marker's settings, as matplotlib takes them
        )
    try:
        forecast = next_round(mechanism, as_of=day, level=level, context=pool)
    except (NotForecastable, InvalidDate):  # none expected, or none within the model's dates
        return used
    likeliest = max(forecast.chances, key=lambda pair: pair[1], default=None)
    tint = colour_of(likeliest[0]) if likeliest is not None else NO_HOST
    start = _x(forecast.window.earliest)
    width = (forecast.window.latest - forecast.window.earliest).days + 1  # days, as date2num's
    if forecast.dormant:
        used.add("dormant")
        axes.barh(row, width, left=start, height=0.5, facecolor="none", edgecolor=tint, hatch="///")
    else:
        used.add("window")
        axes.barh(row, width, left=start, height=0.5, color=tint, alpha=0.3)
    return used


def _x(day: dt.date) -> float:
    """
    Return where a day lies on matplotlib's time axis.
    """
    from matplotlib.dates import date2num  # noqa: PLC0415 - the extra

    return float(date2num(day))  # type: ignore[no-untyped-call] # matplotlib gives it no hints

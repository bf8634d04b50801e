"""
A picture of the record: each dialogue's rounds on a time axis, and its forecast window.

Needs the ``plot`` extra (matplotlib), imported only when a picture is drawn. The figure is
made with matplotlib's object API (``Figure`` and its SVG canvas), not pyplot, so drawing
touches no global state of matplotlib's.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from twoplustwo._learning import midpoint
from twoplustwo._model import Dataset, Mechanism, Mode
from twoplustwo._rotation import next_round
from twoplustwo.exceptions import InvalidDate, NotForecastable

PALETTE = (
    "#1b6ca8",
    "#d1495b",
    "#edae49",
    "#00798c",
    "#6a4c93",
    "#3d9970",
    "#ff7f50",
    "#8b5e3c",
    "#4d4d4d",
    "#c71585",
    "#2e8b57",
    "#b8860b",
)
"""Host colours, given to the countries in the order of their codes."""


def timeline_svg(
    dataset: Dataset,
    mechanisms: Sequence[str] = (),
    *,
    as_of: dt.date | None = None,
    level: float = 0.8,
) -> bytes:
    """
    Draw the rounds of some dialogues (all by default) on a time axis, as an SVG image.

    Each dialogue is a row; each held round a dot at its date, coloured by its host (grey
    when it had none), hollow when it met by video; a pending round is a ring; the next
    round's forecast window is shaded in the colour of its likeliest host.

    Args:
        dataset: The dialogues; its other dialogues inform each window.
        mechanisms: The ids of the dialogues to draw, in order; all of them if empty.
        as_of: The day of the forecasts; the dataset's ``as_of`` if not given.
        level: The share of past gaps a window covers.

    Raises:
        UnknownMechanism: An id names no dialogue.
        ModuleNotFoundError: matplotlib is not installed (the ``plot`` extra).
    """
    from matplotlib.backends.backend_svg import FigureCanvasSVG  # noqa: PLC0415 - the extra
    from matplotlib.figure import Figure  # noqa: PLC0415 - the extra
    from matplotlib.lines import Line2D  # noqa: PLC0415 - the extra

    chosen = [dataset.mechanism(i) for i in mechanisms] or list(dataset.mechanisms)
    day = as_of if as_of is not None else dataset.as_of
    codes = sorted({code for m in chosen for code in m.codes})
    colour = {code: PALETTE[index % len(PALETTE)] for index, code in enumerate(codes)}
    figure = Figure(figsize=(10, 0.45 * len(chosen) + 1.6))
    FigureCanvasSVG(figure)
    axes = figure.add_subplot()
    for row, mechanism in enumerate(reversed(chosen)):
        _draw(axes, row, mechanism, dataset, day, level, colour)
    axes.set_yticks(range(len(chosen)), [m.id for m in reversed(chosen)])
    axes.set_ylim(-0.7, len(chosen) - 0.3)
    axes.grid(axis="x", alpha=0.3)
    axes.set_title(f"2+2 rounds, and the next round's {level:.0%} window as of {day.isoformat()}")
    handles = [Line2D([], [], marker="o", linestyle="", color=colour[c], label=c) for c in codes]
    handles.append(Line2D([], [], marker="o", linestyle="", color="grey", label="no host"))
    handles.append(
        Line2D([], [], marker="o", linestyle="", color="grey", fillstyle="none", label="virtual")
    )
    axes.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.04),
        fontsize="small",
        ncols=min(len(handles), 10),
        frameon=False,
    )
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def _draw(  # noqa: PLR0913, PLR0917 - one row of the figure and what it needs
    axes: object,
    row: int,
    mechanism: Mechanism,
    dataset: Dataset,
    day: dt.date,
    level: float,
    colour: dict[str, str],
) -> None:
    for hosting in mechanism.hostings():
        current = hosting.round
        tint = colour[hosting.host] if hosting.host is not None else "grey"
        hollow = current.mode is Mode.VIRTUAL or current.is_pending
        axes.plot(  # type: ignore[attr-defined] # matplotlib's Axes, typed loosely here
            [midpoint(current.date)],
            [row],
            marker="o",
            markersize=7,
            color=tint,
            fillstyle="none" if hollow else "full",
            linestyle="",
        )
    try:
        forecast = next_round(mechanism, as_of=day, level=level, context=dataset)
    except (NotForecastable, InvalidDate):  # none expected, or none within the model's dates
        return
    likeliest = max(forecast.chances, key=lambda pair: pair[1], default=None)
    tint = colour[likeliest[0]] if likeliest is not None else "grey"
    start = forecast.window.earliest
    width = (forecast.window.latest - start).days + 1
    axes.barh(  # type: ignore[attr-defined] # matplotlib's Axes, typed loosely here
        row, dt.timedelta(days=width), left=start, height=0.5, color=tint, alpha=0.25
    )

"""
The timeline picture: an SVG of the rounds and windows, drawn without matplotlib's globals.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pendulum
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import twoplustwo as tpt
from builders import DELHI, WASHINGTON, F, held, mechanism
from twoplustwo import _plot, cli

SVG = "{http://www.w3.org/2000/svg}svg"
TITLE = "{http://www.w3.org/2000/svg}title"
DAY = pendulum.Date(2026, 12, 5)
DOCS_PICTURE = Path(__file__).parent.parent / "docs" / "timeline.svg"


def _root(data: bytes) -> ET.Element:
    return ET.fromstring(data)  # noqa: S314 - our own output


@pytest.fixture(scope="module")
def record_picture(world: tpt.Dataset) -> bytes:
    """
    The picture of the whole record on DAY, drawn once: it takes seconds.
    """
    return tpt.timeline_svg(world, as_of=DAY)


class TestTimeline:
    """timeline_svg draws every kind of round and window."""

    def test_the_record_draws_as_an_svg(self, record_picture: bytes) -> None:
        assert SVG == _root(record_picture).tag

    def test_chosen_dialogues_of_every_kind(self) -> None:
        data = every_kind()
        picture = tpt.timeline_svg(data, ("in-us", "in-us-2"), as_of=F.parse("2022-01-01").earliest)
        assert SVG == _root(picture).tag
        with pytest.raises(tpt.UnknownMechanism):
            tpt.timeline_svg(data, ("xx-yy",))

    def test_the_docs_show_one(self) -> None:
        assert SVG == _root(DOCS_PICTURE.read_bytes()).tag


def every_kind() -> tpt.Dataset:
    """
    Two dialogues with a held, a virtual and a pending round, and one that ended.
    """
    virtual = tpt.Round(2, tpt.RoundStatus.HELD, F.parse("2020-06"), mode=tpt.Mode.VIRTUAL)
    pending = tpt.Round(3, tpt.RoundStatus.PROPOSED, F.parse("2021"), mode=tpt.Mode.VIRTUAL)
    open_ended = mechanism(held(1, "2019", DELHI), virtual, pending)
    stop = tpt.StatusChange(tpt.MechanismStatus.ENDED, F.parse("2021"))
    ended = mechanism(held(1, "2019", WASHINGTON), id="in-us-2", status_changes=(stop,))
    return tpt.Dataset(as_of=F.parse("2022-01-01").earliest, mechanisms=(open_ended, ended))


def drawn(dataset: tpt.Dataset, ids: tuple[str, ...] = (), day: pendulum.Date = DAY) -> Figure:
    figure, _ = _plot._figure(dataset, ids, as_of=day, level=0.8)
    FigureCanvasAgg(figure).draw()  # type: ignore[no-untyped-call] # Agg has no hints
    return figure


def labels(figure: Figure) -> list[str]:
    (legend,) = figure.legends
    return [text.get_text() for text in legend.get_texts()]


class TestWhatThePictureSays:
    """The picture is the same for the same input, and says what each mark means."""

    def test_the_same_input_gives_the_same_bytes(self, world: tpt.Dataset) -> None:
        first = tpt.timeline_svg(world, ("in-us",), as_of=DAY)
        assert first == tpt.timeline_svg(world, ("in-us",), as_of=DAY)
        assert mpl.rcParams["svg.hashsalt"] is None  # matplotlib's setting is left as it was

    def test_a_party_has_one_colour_in_every_picture(
        self, world: tpt.Dataset, record_picture: bytes
    ) -> None:
        few = ("jp-us", "in-ru")
        for ids, picture in [
            (few, tpt.timeline_svg(world, few, as_of=DAY).decode()),
            ((), record_picture.decode()),
        ]:
            codes = {c for m in world.mechanisms if not ids or m.id in ids for c in m.codes}
            for code in codes:
                assert f"fill: {_plot.colour_of(code)}" in picture, (ids, code)

    def test_the_parties_on_record_have_different_colours(self, world: tpt.Dataset) -> None:
        codes = {code for m in world.mechanisms for code in m.codes}
        assert len(codes) == len({_plot.colour_of(code) for code in codes})

    def test_another_party_gets_the_same_colour_in_every_process(self) -> None:
        code = "from twoplustwo._plot import colour_of; print(colour_of('XX'), colour_of('QQ'))"
        said = {
            subprocess.run(  # noqa: S603 - our own interpreter and code
                [sys.executable, "-c", code],
                capture_output=True,
                text=True,
                check=True,
                timeout=60,
                env={**os.environ, "PYTHONHASHSEED": seed},
            ).stdout
            for seed in ("1", "2")
        }
        assert 1 == len(said)
        assert set(said.pop().split()) <= set(_plot.SPARE)

    def test_pending_rounds_look_unlike_virtual_ones(self) -> None:
        figure = drawn(every_kind(), day=pendulum.Date(2022, 1, 1))
        marks = {(line.get_marker(), line.get_fillstyle()) for line in figure.axes[0].lines}
        assert {("o", "full"), ("o", "none"), ("D", "none")} <= marks
        assert {"by video", "pending (announced)", "no host"} <= set(labels(figure))

    def test_the_day_is_a_labelled_line_and_the_window_is_in_the_legend(self) -> None:
        day = pendulum.Date(2022, 1, 1)
        figure = drawn(every_kind(), day=day)
        (axes,) = figure.axes
        x = _plot._x(day)
        assert any(np.asarray(line.get_xdata()).tolist() == [x, x] for line in axes.lines)
        assert "as of 2022-01-01" in [text.get_text() for text in axes.texts]
        assert {"next round's 80% window", "day of the forecasts"} <= set(labels(figure))

    def test_a_window_long_past_is_hatched_and_says_dormant(self, world: tpt.Dataset) -> None:
        figure = drawn(world, ("in-ru",))  # quiet since 2021
        assert "window passed (dormant)" in labels(figure)
        assert "next round's 80% window" not in labels(figure)
        assert any(bar.get_hatch() == "///" for bar in figure.axes[0].patches)

    @pytest.mark.parametrize(
        "ids",
        # the whole record's legend is the widest; drawing it takes seconds, so the heavy step
        [("in-us",), ("in-us", "au-us"), pytest.param((), marks=pytest.mark.heavy)],
    )
    def test_the_legend_covers_no_label(self, ids: tuple[str, ...], world: tpt.Dataset) -> None:
        figure = drawn(world, ids)
        renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined] # Agg's canvas has one
        (axes,) = figure.axes
        (legend,) = figure.legends
        box, labelled = legend.get_window_extent(renderer), axes.get_tightbbox(renderer)
        assert labelled is not None
        assert not box.overlaps(labelled)
        assert 0 <= box.y0  # and it is inside the picture

    def test_the_day_is_today_unless_given(self, world: tpt.Dataset) -> None:
        title = _root(tpt.timeline_svg(world, ("in-us",))).find(TITLE)
        assert title is not None
        today = pendulum.today().date().isoformat()
        assert f"window as of {today} (data as of {world.as_of.isoformat()})" in str(title.text)


class TestTheCommand:
    """`twoplustwo timeline` writes the picture, or says which extra it needs."""

    def test_it_writes_a_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        out = tmp_path / "rounds.svg"
        assert 0 == cli.main(
            ["timeline", "in-us", "au-us", "-o", str(out), "--as-of", "2026-01-01"]
        )
        assert f"Wrote {out}.\n" == capsys.readouterr().err
        assert SVG == _root(out.read_bytes()).tag

    def test_as_of_draws_the_record_known_that_day(
        self, capsysbinary: pytest.CaptureFixture[bytes], world: tpt.Dataset
    ) -> None:
        assert 0 == cli.main(["timeline", "in-us", "--as-of", "2021-12-24"])
        day = pendulum.Date(2021, 12, 24)
        known = world.known_on(day)
        expected = tpt.timeline_svg(known, ("in-us",), as_of=day)
        assert expected == capsysbinary.readouterr().out

    def test_without_as_of_it_draws_today_as_next_does(
        self, capsysbinary: pytest.CaptureFixture[bytes], world: tpt.Dataset
    ) -> None:
        assert 0 == cli.main(["timeline", "in-us"])
        expected = tpt.timeline_svg(world, ("in-us",), as_of=pendulum.today().date())
        assert expected == capsysbinary.readouterr().out

    def test_it_prints_to_standard_output(self, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
        assert 0 == cli.main(["timeline", "in-ru"])
        assert SVG == _root(capsysbinary.readouterr().out).tag

    @pytest.mark.parametrize(
        ("argv", "module", "extra"),
        [(["timeline"], "matplotlib", "plot"), (["ics", "--all"], "icalendar", "ics")],
    )
    def test_without_its_extra_it_says_what_to_install(
        self,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        argv: list[str],
        module: str,
        extra: str,
    ) -> None:
        for name in [n for n in sys.modules if n == module or n.startswith(f"{module}.")]:
            monkeypatch.delitem(sys.modules, name)
        monkeypatch.setitem(sys.modules, module, None)  # an import of it now fails
        assert 1 == cli.main(argv)
        expected = (
            f"twoplustwo: error: this command needs {module}: pip install 'twoplustwo[{extra}]'\n"
        )
        assert expected == capsys.readouterr().err

    def test_another_missing_module_is_not_hidden(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def broken(*_: object, **__: object) -> bytes:
            raise ModuleNotFoundError("no module", name="somethingelse")

        monkeypatch.setattr(tpt, "timeline_svg", broken)
        with pytest.raises(ModuleNotFoundError):
            cli.main(["timeline"])


BLOCKER = """
import sys


class Without:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in {"icalendar", "matplotlib", "hypothesis"}:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)


sys.meta_path.insert(0, Without())
"""


class TestWithoutTheExtras:
    """In a Python that cannot import the extras, each command says which one to install."""

    @pytest.mark.parametrize(
        ("argv", "says"),
        [
            (["ics", "--all"], "this command needs icalendar: pip install 'twoplustwo[ics]'"),
            (["timeline"], "this command needs matplotlib: pip install 'twoplustwo[plot]'"),
        ],
    )
    def test_a_command_needing_one_fails_in_a_line(self, argv: list[str], says: str) -> None:
        code = BLOCKER + "from twoplustwo.cli import main\nsys.exit(main(sys.argv[1:]))\n"
        done = subprocess.run(  # noqa: S603 - our own interpreter and code
            [sys.executable, "-c", code, *argv],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert (1, f"twoplustwo: error: {says}\n") == (done.returncode, done.stderr)

    def test_the_strategies_module_says_which_extra(self) -> None:
        code = BLOCKER + "import twoplustwo.strategies\n"
        done = subprocess.run(  # noqa: S603 - our own interpreter and code
            [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
        )
        assert "twoplustwo.strategies needs hypothesis: pip install 'twoplustwo[testing]'" in (
            done.stderr
        )

    def test_the_rest_works(self) -> None:
        code = BLOCKER + "from twoplustwo.cli import main\nsys.exit(main(['next', 'in-us']))\n"
        done = subprocess.run(  # noqa: S603 - our own interpreter and code
            [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
        )
        assert 0 == done.returncode
        assert "State: " in done.stdout

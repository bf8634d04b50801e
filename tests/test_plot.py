"""
The timeline picture: an SVG of the rounds and windows, drawn without matplotlib's globals.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import twoplustwo as tpt
from builders import DELHI, WASHINGTON, F, held, mechanism
from twoplustwo import cli

SVG = "{http://www.w3.org/2000/svg}svg"
DOCS_PICTURE = Path(__file__).parent.parent / "docs" / "timeline.svg"


def _root(data: bytes) -> ET.Element:
    return ET.fromstring(data)  # noqa: S314 - our own output


class TestTimeline:
    """timeline_svg draws every kind of round and window."""

    def test_the_record_draws_as_an_svg(self) -> None:
        assert SVG == _root(tpt.timeline_svg(tpt.load_dataset())).tag

    def test_chosen_dialogues_of_every_kind(self) -> None:
        virtual = tpt.Round(2, tpt.RoundStatus.HELD, F.parse("2020-06"), mode=tpt.Mode.VIRTUAL)
        pending = tpt.Round(3, tpt.RoundStatus.PROPOSED, F.parse("2021"), mode=tpt.Mode.VIRTUAL)
        open_ended = mechanism(held(1, "2019", DELHI), virtual, pending)
        stop = tpt.StatusChange(tpt.MechanismStatus.ENDED, F.parse("2021"))
        ended = mechanism(held(1, "2019", WASHINGTON), id="in-us-2", status_changes=(stop,))
        data = tpt.Dataset(as_of=F.parse("2022-01-01").earliest, mechanisms=(open_ended, ended))
        picture = tpt.timeline_svg(data, ("in-us", "in-us-2"), as_of=F.parse("2022-01-01").earliest)
        assert SVG == _root(picture).tag
        with pytest.raises(tpt.UnknownMechanism):
            tpt.timeline_svg(data, ("xx-yy",))

    def test_the_docs_show_one(self) -> None:
        assert SVG == _root(DOCS_PICTURE.read_bytes()).tag


class TestTheCommand:
    """`twoplustwo timeline` writes the picture, or says which extra it needs."""

    def test_it_writes_a_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        out = tmp_path / "rounds.svg"
        assert 0 == cli.main(
            ["timeline", "in-us", "au-us", "-o", str(out), "--as-of", "2026-01-01"]
        )
        assert f"Wrote {out}.\n" == capsys.readouterr().err
        assert SVG == _root(out.read_bytes()).tag

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

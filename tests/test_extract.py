"""
From the news to the record: extract proposes the rounds an article states, and only those.

The passages here are written for these tests in the style of the news; the real pages the
extractor is scored on are not in the repository (see scripts/score_extract.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import twoplustwo as tpt
from twoplustwo import _extract, _html, _news, cli

F = tpt.FuzzyDate
DAY = pendulum.Date(2021, 12, 24)  # a Friday


def one(text: str, world: tpt.Dataset, day: pendulum.Date | None = DAY) -> tpt.Proposal:
    (found,) = tpt.extract(text, published=day, dataset=world)
    return found


class TestWhatItReads:
    """Each kind of sentence the news writes about a round, read as the round it states."""

    def test_an_announcement_with_its_day_city_ordinal_and_earlier_plan(
        self, world: tpt.Dataset
    ) -> None:
        found = one(
            "NEW DELHI: India and the US will hold the fourth 2+2 ministerial dialogue in "
            "Washington in the third week of January, officials said on Friday. The meeting "
            "had been planned for the first week of December.",
            world,
        )
        assert (found.mechanism, found.status, found.ordinal, str(found.date)) == (
            "in-us",
            tpt.RoundStatus.SCHEDULED,
            4,
            "2022-01-15/2022-01-21",
        )
        assert (found.venue and found.venue.name, found.host) == ("Washington", "US")
        assert [str(p.date) for p in found.slipped_from] == ["2021-12-01/2021-12-07"]
        assert len(found.evidence) == 2

    def test_a_report_of_a_held_round_by_its_alias_and_weekday(self, world: tpt.Dataset) -> None:
        found = one(
            "Australian and US ministers met in Brisbane on Saturday for AUSMIN. "
            "The talks ran for a day.",
            world,
            pendulum.Date(2023, 7, 30),
        )
        assert (found.mechanism, found.status, str(found.date), found.host) == (
            "au-us",
            tpt.RoundStatus.HELD,
            "2023-07-29",
            "AU",
        )

    def test_a_postponement_to_a_new_date_keeps_the_old_one_as_a_plan(
        self, world: tpt.Dataset
    ) -> None:
        found = one(
            "The Japan-Australia 2+2 planned for next week has been postponed to 12 March.",
            world,
            pendulum.Date(2022, 1, 10),
        )
        assert (found.status, str(found.date)) == (tpt.RoundStatus.SCHEDULED, "2022-03-12")
        assert [str(p.date) for p in found.slipped_from] == ["2022-01-17/2022-01-23"]

    def test_a_postponement_without_a_new_date_is_postponed(self, world: tpt.Dataset) -> None:
        found = one(
            "The US has postponed the 2+2 dialogue with India, scheduled to be held next week "
            "in Washington.",
            world,
            pendulum.Date(2018, 6, 27),
        )
        assert (found.status, found.date) == (tpt.RoundStatus.POSTPONED, None)
        assert [str(p.date) for p in found.slipped_from] == ["2018-07-02/2018-07-08"]

    def test_a_virtual_round_and_a_new_dialogue(self, world: tpt.Dataset) -> None:
        found = one(
            "Brazil and Spain held their first 2+2 meeting of foreign and defence ministers "
            "by video conference on 3 May 2021.",
            world,
        )
        assert (found.mechanism, found.parties, found.mode, found.ordinal, str(found.date)) == (
            None,
            ("BR", "ES"),
            tpt.Mode.VIRTUAL,
            1,
            "2021-05-03",
        )

    def test_a_round_before_in_the_same_sentence_is_a_round_of_its_own(
        self, world: tpt.Dataset
    ) -> None:
        found = tpt.extract(
            "The Philippines and Japan are set to convene the 2+2 on 8 July, following the "
            "inaugural 2+2 meeting held in Tokyo in April 2022.",
            published=pendulum.Date(2024, 6, 28),
            dataset=world,
        )
        assert [(p.status, str(p.date)) for p in found] == [
            (tpt.RoundStatus.SCHEDULED, "2024-07-08"),
            (tpt.RoundStatus.HELD, "2022-04"),
        ]

    def test_a_heading_lends_its_dialogue_to_the_sentence_under_it(
        self, world: tpt.Dataset
    ) -> None:
        found = one(
            "AUSMIN 2018 fact sheet\nThe secretaries and ministers met at Stanford, "
            "California, on 24 July 2018.",
            world,
        )
        assert (found.mechanism, found.status, str(found.date)) == (
            "au-us",
            tpt.RoundStatus.HELD,
            "2018-07-24",
        )

    def test_without_a_publication_day_a_relative_date_stays_unstated(
        self, world: tpt.Dataset
    ) -> None:
        found = one("India and Japan will hold their 2+2 next month in Tokyo.", world, None)
        assert (found.date, found.status) == (None, tpt.RoundStatus.PROPOSED)
        assert (
            found.confidence
            < one("India and Japan will hold their 2+2 next month in Tokyo.", world).confidence
        )

    def test_a_day_named_but_unread_is_still_scheduled(self, world: tpt.Dataset) -> None:
        found = one("India and Japan will hold their 2+2 on 6 September in Delhi.", world, None)
        assert (found.status, found.date, found.venue and found.venue.name) == (
            tpt.RoundStatus.SCHEDULED,
            None,
            "New Delhi",
        )

    def test_a_dateline_date_is_the_articles_not_the_rounds(self, world: tpt.Dataset) -> None:
        found = one(
            "New Delhi, Jun 27: India and the US will hold the 2+2 dialogue later this year.",
            world,
            pendulum.Date(2018, 6, 27),
        )
        assert str(found.date) == "2018-06-27/2018-12-31"


class TestDetails:
    """The finer points: hosts, modes, numbers, tenses, pairs and the parts of a group."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("India will host the 2+2 with the US in November.", ("IN", None, None)),
            ("The 2+2 with the US is hosted by India next month.", ("IN", None, None)),
            ("India and the US will hold a hybrid 2+2 next month.", (None, "hybrid", None)),
            ("India and the US will hold the 2+2 in person next month.", (None, "in_person", None)),
            ("India and the US will hold their 5th 2+2 next month.", (None, None, 5)),
            ("India and the US will hold their 0th 2+2 next month.", (None, None, None)),
        ],
    )
    def test_host_mode_and_number(
        self, text: str, expected: tuple[str | None, str | None, int | None], world: tpt.Dataset
    ) -> None:
        found = one(text, world)
        mode = None if found.mode is None else found.mode.value
        assert (found.host, mode, found.ordinal) == expected

    def test_a_mode_is_said_in_words(self, world: tpt.Dataset) -> None:
        found = one("India and the US will hold a hybrid 2+2 next month.", world)
        assert found.describe() == "in-us: proposed, January 2022, hybrid"

    def test_a_host_the_city_contradicts_gives_way_to_the_city(self, world: tpt.Dataset) -> None:
        found = one("India will host the 2+2 with the US in Washington next month.", world)
        assert (found.host, found.venue and found.venue.name) == ("US", "Washington")

    def test_the_pronoun_us_is_no_country(self, world: tpt.Dataset) -> None:
        found = one("Japan told us that Japan and Australia will hold a 2+2 next month.", world)
        assert found.parties == ("AU", "JP")

    def test_a_possessive_names_its_country(self, world: tpt.Dataset) -> None:
        found = one("India's and Japan's ministers will hold their 2+2 next month.", world)
        assert found.mechanism == "in-jp"

    def test_a_sentence_with_no_pair_to_tell_is_passed_over(self, world: tpt.Dataset) -> None:
        assert tpt.extract("The 2+2 will be held next month.", dataset=world) == ()

    def test_a_pair_leading_a_longer_list_with_a_dialogue_is_that_dialogue(
        self, world: tpt.Dataset
    ) -> None:
        found = one("India and the US will hold the 2+2 on Russia and China next month.", world)
        assert found.mechanism == "in-us"

    def test_one_country_named_finds_its_partner_in_the_article(self, world: tpt.Dataset) -> None:
        found = tpt.extract(
            "Australia and Japan are close. Japan will hold the 2+2 in Tokyo next month.",
            published=DAY,
            dataset=world,
        )
        assert [p.mechanism for p in found] == ["jp-au"]

    def test_a_sentence_without_a_tense_under_a_heading_was_held(self, world: tpt.Dataset) -> None:
        found = one("AUSMIN 2018\nThe ministers gathered at Stanford on 24 July 2018.", world)
        assert (found.status, str(found.date)) == (tpt.RoundStatus.HELD, "2018-07-24")

    def test_a_city_that_will_host_names_no_party_but_its_own(self, world: tpt.Dataset) -> None:
        found = one("Officials said Tokyo will host the Japan-Australia 2+2 next month.", world)
        assert found.host == "JP"
        assert found.describe().startswith("jp-au: proposed, January 2022, in Tokyo, host JP")

    def test_past_and_future_in_one_sentence_go_by_which_comes_first(
        self, world: tpt.Dataset
    ) -> None:
        found = one("India and the US will meet for the 2+2 that was held in Delhi.", world)
        assert found.status is not tpt.RoundStatus.HELD

    def test_two_numbers_are_two_rounds(self, world: tpt.Dataset) -> None:
        found = tpt.extract(
            "India and the US will hold the sixth 2+2 next month. "
            "India and the US will hold the seventh 2+2 next year.",
            published=DAY,
            dataset=world,
        )
        assert [p.ordinal for p in found] == [6, 7]

    def test_an_unread_day_takes_a_later_date_only_if_it_is_that_day(
        self, world: tpt.Dataset
    ) -> None:
        same = one(
            "India and the US will hold the 2+2 on Friday, September 6. "
            "The meeting is on 6 September 2019.",
            world,
            None,
        )
        other = one(
            "India and the US will hold the 2+2 on September 6. The meeting was agreed in "
            "November 2018.",
            world,
            None,
        )
        weekday = one(
            "India and the US will hold the 2+2 on Friday. The meeting is on 6 September 2019.",
            world,
            None,
        )
        assert (str(same.date), other.date, weekday.date) == ("2019-09-06", None, None)

    def test_an_unread_phrase_after_the_name_leaves_the_date_unstated(
        self, world: tpt.Dataset
    ) -> None:
        found = one("India and the US will hold the 2+2 next month, not in 2019.", world, None)
        assert found.date is None

    def test_a_record_without_the_aliases_cities(self) -> None:
        small = tpt.Dataset(
            as_of=tpt.load_dataset().as_of,
            mechanisms=tuple(m for m in tpt.load_dataset().mechanisms if m.id == "au-nz"),
        )
        found = tpt.extract(
            "Australia and New Zealand will hold ANZMIN in Delhi soon.", dataset=small
        )
        assert [p.venue for p in found] == [None]


class TestWhatItPassesOver:
    """Meetings that are not the dialogue's ministerial rounds are never proposed."""

    @pytest.mark.parametrize(
        "text",
        [
            "Vice-ministers of Japan and the Philippines held a 2+2 meeting in Manila on Tuesday.",
            "India and the UK held the 2+2 dialogue at the senior official level in Delhi.",
            "Officials of Japan and Australia met for the 2+2 intersessional in Tokyo.",
            "The US and Japanese defence chiefs spoke by phone about the 2+2 on Monday.",
            "India has held 2+2 dialogues with countries such as Japan, Russia and Australia.",
            "The 2+2 mechanism was instituted in 2010 to deepen the alliance.",
            "AUSMIN 2017",
            "The leaders met at the summit in Tokyo on Monday.",
        ],
    )
    def test_it_proposes_nothing(self, text: str, world: tpt.Dataset) -> None:
        assert tpt.extract(text, published=DAY, dataset=world) == ()

    def test_an_abbreviation_does_not_end_a_sentence(self, world: tpt.Dataset) -> None:
        found = one(
            "Defense Minister Kihara held the Japan-U.S. Security Consultative Committee "
            "(2+2) in Tokyo on July 28.",
            world,
            pendulum.Date(2024, 7, 29),
        )
        assert (found.mechanism, str(found.date)) == ("jp-us", "2024-07-28")


_PASSAGES = st.tuples(
    st.sampled_from(
        [
            ("in-us", "India and the United States"),
            ("jp-au", "Japan and Australia"),
            ("kr-us", "South Korea and the US"),
            ("au-gb", "Australia and the UK"),
        ]
    ),
    st.sampled_from(
        [
            ("will hold their 2+2 ministerial dialogue {when} in {city}.", True),
            ("held their 2+2 ministerial dialogue {when} in {city}.", False),
        ]
    ),
    st.sampled_from(["on 6 September 2018", "in March 2023", "on 26-27 October 2020"]),
)


class TestProperties:
    """Properties over passages and over any text."""

    @given(_PASSAGES)
    def test_a_passage_of_the_news_is_read_as_it_says(
        self, passage: tuple[tuple[str, str], tuple[str, bool], str]
    ) -> None:
        (dialogue, pair), (template, ahead), when = passage
        world = tpt.load_dataset()
        city = world.mechanism(dialogue).parties[1].capital
        text = f"{pair} " + template.format(when=when, city=city.name)
        published = pendulum.Date(2015 if ahead else 2025, 1, 1)
        (found,) = tpt.extract(text, published=published, dataset=world)
        assert found.mechanism == dialogue
        assert found.date == F.from_text(when.removeprefix("on ").removeprefix("in "))
        assert (found.status is tpt.RoundStatus.HELD) != ahead
        assert (found.venue, found.host) == (city, city.country)

    @given(st.text(max_size=300) | _PASSAGES.map(lambda p: f"{p[0][1]} {p[1][0]} {p[2]}"))
    def test_no_proposal_without_evidence_of_its_date_and_its_dialogue(self, text: str) -> None:
        world = tpt.load_dataset()
        for found in tpt.extract(text, published=DAY, dataset=world):
            said = " ".join(found.evidence)
            assert all(line in " ".join(text.split()) for line in found.evidence)
            names = [alias for m in world.mechanisms for alias in m.aliases]
            meeting = re.search(_extract._MEETING, said, re.IGNORECASE)
            assert meeting or any(n.lower() in said.lower() for n in names)
            if found.date is not None:
                assert any(_reads_as(m[0], found.date) for m in _extract._DATES.finditer(said)), (
                    said
                )

    @given(st.binary(max_size=400))
    def test_any_bytes_give_proposals_or_our_error(self, data: bytes) -> None:
        text = data.decode("utf-8", errors="replace")
        page = _html.html_text(text) if _html.looks_like_html(text) else text
        assert isinstance(tpt.extract(page, published=DAY), tuple)


def _reads_as(phrase: str, date: tpt.FuzzyDate) -> bool:
    for ahead in (True, False):
        try:
            if F.from_text(phrase, relative_to=DAY, ahead=ahead) == date:
                return True
        except tpt.InvalidDate:
            pass
    return False


class TestBadInput:
    """Input that is not an article gets our error, or no proposal."""

    def test_not_text(self) -> None:
        with pytest.raises(tpt.Error, match="extract reads text"):
            tpt.extract(b"2+2")  # type: ignore[arg-type] # the wrong type on purpose

    def test_too_long(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(_news, "MAX_TEXT", 10)
        with pytest.raises(tpt.Error, match="over the limit of 10"):
            tpt.extract("x" * 11)

    def test_a_megabyte_on_one_line_is_read_in_bounded_time(self, world: tpt.Dataset) -> None:
        text = "India and the US will hold the 2+2 " + "and so on " * 100_000 + "next month."
        (found,) = tpt.extract(text, published=DAY, dataset=world)
        assert max(len(e) for e in found.evidence) <= _extract._LONGEST

    def test_a_proposal_names_two_parties_and_rests_on_a_sentence(self) -> None:
        with pytest.raises(tpt.InvalidModel, match="must name two countries"):
            tpt.Proposal(None, ("IN",), tpt.RoundStatus.HELD, evidence=("x",))
        with pytest.raises(tpt.InvalidModel, match="evidence is empty"):
            tpt.Proposal(None, ("IN", "US"), tpt.RoundStatus.HELD)
        with pytest.raises(tpt.InvalidModel, match="not one of its parties"):
            tpt.Proposal(None, ("IN", "US"), tpt.RoundStatus.HELD, host="JP", evidence=("x",))


class TestHtml:
    """html_text gives a page's main text: its article, without scripts or navigation."""

    def test_the_article_without_scripts_or_navigation(self) -> None:
        page = (
            "<!doctype html><html><head><title>T</title><script>var x = '2+2';</script>"
            "</head><body><nav>AUSMIN menu</nav><article><h1>AUSMIN</h1><p>Ministers met "
            "in&nbsp;Brisbane.</p></article><footer>2+2 footer</footer></body></html>"
        )
        assert _html.html_text(page) == "AUSMIN\nMinisters met in Brisbane."
        assert _html.looks_like_html(page)
        assert not _html.looks_like_html("India and the US will meet.")

    def test_a_page_without_an_article_gives_its_body_and_survives_broken_tags(self) -> None:
        assert tpt.html_text("<div><p>One<p>Two</div></span><style>x") == "One\nTwo"
        deep = "<div>" * 50_000 + "2+2" + "</div>" * 10
        assert tpt.html_text(deep) == "2+2"


class TestApply:
    """apply_proposals merges through edit_round; what contradicts the record is skipped."""

    SOURCE = tpt.Source("A report", published=F.parse("2026-11-30"), url="https://example.org/a")

    def test_a_new_round_is_added_and_a_contradiction_skipped(self, world: tpt.Dataset) -> None:
        text = (
            "India and the US will hold their sixth 2+2 in Washington on 15 January 2027. "
            "India and the US held their fifth 2+2 in Tokyo on 10 November 2023."
        )
        found = tpt.extract(text, published=pendulum.Date(2026, 11, 30), dataset=world)
        edit, skipped = _news.apply_proposals(
            world, found, self.SOURCE, today=pendulum.Date(2026, 12, 5)
        )
        added = edit.dataset.mechanism("in-us").rounds[-1]
        assert (added.ordinal, str(added.date), added.sources[-1]) == (6, "2027-01-15", self.SOURCE)
        (why,) = skipped
        assert why.startswith("in-us: held, round 5, 10 November 2023, in Tokyo")

    def test_a_new_dialogue_is_only_a_suggestion(self, world: tpt.Dataset) -> None:
        found = tpt.extract(
            "Brazil and Spain will hold a 2+2 of foreign and defence ministers in May 2027.",
            published=DAY,
            dataset=world,
        )
        edit, skipped = _news.apply_proposals(world, found, self.SOURCE)
        assert (edit.changed, skipped[0].endswith("only a suggestion")) == (False, True)

    def test_the_article_needs_its_day(self, world: tpt.Dataset) -> None:
        with pytest.raises(tpt.Error, match="publication day"):
            _news.apply_proposals(world, (), tpt.Source("Undated"))

    def test_without_an_ordinal_or_a_date_a_dialogue_with_no_pending_round_gets_a_new_one(
        self, world: tpt.Dataset
    ) -> None:
        undated = tpt.Proposal("in-us", ("IN", "US"), tpt.RoundStatus.PROPOSED, evidence=("x",))
        assert _news._ordinal_for(world.mechanism("in-us"), undated) is None

    def test_without_an_ordinal_the_pending_round_or_a_held_one_on_those_dates(
        self, world: tpt.Dataset
    ) -> None:
        jp_gb = world.mechanism("jp-gb")
        pending = tpt.Proposal("jp-gb", ("GB", "JP"), tpt.RoundStatus.PROPOSED, evidence=("x",))
        assert _news._ordinal_for(jp_gb, pending) == jp_gb.rounds[-1].ordinal
        in_us = world.mechanism("in-us")
        held = tpt.Proposal(
            "in-us", ("IN", "US"), tpt.RoundStatus.HELD, date=F.parse("2023-11"), evidence=("x",)
        )
        assert _news._ordinal_for(in_us, held) == 5
        later = tpt.Proposal(
            "in-us", ("IN", "US"), tpt.RoundStatus.HELD, date=F.parse("2030"), evidence=("x",)
        )
        assert _news._ordinal_for(in_us, later) is None


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestCommand:
    """twoplustwo extract prints proposals to review, or JSON, or applies them to a file."""

    TEXT = (
        "NEW DELHI: India and the US will hold the fourth 2+2 ministerial dialogue in "
        "Washington in the third week of January, officials said."
    )

    def test_it_prints_each_proposal_with_its_evidence(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        article = tmp_path / "a.txt"
        article.write_text(self.TEXT)
        code, out, _ = run(capsys, "extract", str(article), "--published", "2021-12-24")
        assert code == 0
        assert out.startswith("- in-us: scheduled, round 4, 3rd week of January 2022, in ")
        assert "    “NEW DELHI: India and the US will hold" in out

    def test_json_and_html_from_standard_input(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        page = f"<html><body><article><p>{self.TEXT}</p></article></body></html>"
        monkeypatch.setattr("sys.stdin", type("In", (), {"buffer": _Bytes(page.encode())})())
        code, out, _ = run(capsys, "extract", "-", "--json")
        (found,) = json.loads(out)
        assert (code, found["mechanism"], found["date"], found["ordinal"]) == (0, "in-us", None, 4)

    def test_nothing_found_is_said(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        article = tmp_path / "a.txt"
        article.write_bytes(b"\xff\xfe not an article")
        assert run(capsys, "extract", str(article))[:2] == (
            0,
            "No 2+2 ministerial round found in the article.\n",
        )

    def test_apply_merges_and_exits_3_on_a_conflict(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        data = tmp_path / "d.json"
        tpt.save(tpt.load_dataset(), data)
        article = tmp_path / "a.txt"
        article.write_text(
            "India and the US will hold their sixth 2+2 in Washington on 15 January 2027. "
            "India and the US held their fifth 2+2 in Tokyo on 10 November 2023."
        )
        code, out, err = run(
            capsys,
            "--data",
            str(data),
            "extract",
            str(article),
            "--apply",
            "--published",
            "2026-11-30",
            "--source-url",
            "https://example.org/a",
            "--source-title",
            "A report",
        )
        assert code == _extract_conflicts()
        assert out.startswith("in-us round 6: added")
        assert "twoplustwo: skipped: in-us: held, round 5" in err
        assert tpt.load(data).mechanism("in-us").rounds[-1].ordinal == 6

    def test_apply_needs_the_articles_day_url_and_title(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        data = tmp_path / "d.json"
        tpt.save(tpt.load_dataset(), data)
        article = tmp_path / "a.txt"
        article.write_text(self.TEXT)
        code, _, err = run(capsys, "--data", str(data), "extract", str(article), "--apply")
        assert (code, err) == (
            1,
            "twoplustwo: error: --apply needs --published, --source-url and --source-title\n",
        )


def _extract_conflicts() -> int:
    from twoplustwo.cli import _articles  # noqa: PLC0415 - the constant of the command

    return _articles.CONFLICTS


class _Bytes:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        return self.data

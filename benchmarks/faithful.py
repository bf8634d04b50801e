"""
Check that compare.py's pydantic mirror refuses what twoplustwo refuses and accepts the rest.

Run it from the repository root, with the ``bench`` extra installed::

    python benchmarks/faithful.py             # a table of every case
    python benchmarks/faithful.py --quiet     # the disagreements and the count only

It takes two valid documents, a small built one (``builder.dataset``) and the embedded
record (``tpt.dumps(tpt.load_dataset())``), and checks that both readers accept each. Then,
on each document, it makes one change a case: most break a single rule of twoplustwo's
reader or model (one each), the others make a document that is unusual but valid. Each
changed document is read by ``tpt.loads(text, tpt.Dataset, max_size=None)`` and by
``compare.pydantic_loads``; a case passes when both refuse it, or both accept it and write
back the same JSON value. It prints each case with what each reader said, and exits with
status 1 if any case fails. A script a developer runs, not a test.
"""

from __future__ import annotations

import argparse
import copy
import importlib.resources
import json
import typing
from collections.abc import Callable, Sequence
from typing import Any

import builder
import pydantic
from compare import CountryCode, PCity, PDataset, PNote, PSpan, PText, PUrl, pydantic_loads

import twoplustwo as tpt
from twoplustwo._validators import NOTE, TEXT, URL, Invalid, Validator, country_codes

Doc = dict[str, Any]
Case = tuple[str, bool, Callable[[Doc], str]]
"""A case: its name, whether twoplustwo accepts the changed document, and the change, which
returns the document's text."""


def text(doc: Doc) -> str:
    """
    Write the changed document as tpt.dumps does: UTF-8 text, nothing escaped that need not be.
    """
    return json.dumps(doc, ensure_ascii=False)


def m0(doc: Doc) -> Doc:
    """
    The first mechanism: its first two rounds are held and the first has participants.
    """
    mechanism: Doc = doc["mechanisms"][0]
    return mechanism


def r0(doc: Doc, index: int = 0) -> Doc:
    """
    A round of the first mechanism, the first unless told.
    """
    found: Doc = m0(doc)["rounds"][index]
    return found


def changed(change: Callable[[Doc], object]) -> Callable[[Doc], str]:
    """
    Turn a change made in place into a change that returns the document's text.
    """

    def apply(doc: Doc) -> str:
        change(doc)
        return text(doc)

    return apply


def put(path: Callable[[Doc], Doc], key: str, value: object) -> Callable[[Doc], str]:
    """
    Set ``key`` of the object that ``path`` finds to ``value``.
    """
    return changed(lambda doc: path(doc).__setitem__(key, value))


def drop(path: Callable[[Doc], Doc], key: str) -> Callable[[Doc], str]:
    """
    Remove ``key`` from the object that ``path`` finds.
    """
    return changed(lambda doc: path(doc).pop(key))


def edit(old: str, new: str) -> Callable[[Doc], str]:
    """
    Replace the first ``old`` in the document's text with ``new``.
    """

    def apply(doc: Doc) -> str:
        written = text(doc)
        if old not in written:
            raise SystemExit(f"the document has no {old!r} to replace")
        return written.replace(old, new, 1)

    return apply


def escaped(change: Callable[[Doc], object]) -> Callable[[Doc], str]:
    """
    Make a change and write the document with every non-ASCII character escaped.
    """

    def apply(doc: Doc) -> str:
        change(doc)
        return json.dumps(doc, ensure_ascii=True)

    return apply


def city(name: str, country: str, zone: str) -> Doc:
    """
    A city as a document writes it.
    """
    return {"name": name, "country": country, "timezone": zone}


def source(published: str | None, title: str = "A report") -> Doc:
    """
    A source as a document writes it.
    """
    return {"title": title, "published": published}


def codes(doc: Doc) -> tuple[str, str]:
    """
    The first mechanism's parties.
    """
    first, second = m0(doc)["parties"]
    return first["code"], second["code"]


def outsider(doc: Doc) -> str:
    """
    A country that is not a party of the first mechanism.
    """
    return next(c for c in ("US", "GB", "FR", "BR") if c not in codes(doc))


def capital(doc: Doc, party: int = 0) -> Doc:
    """
    A copy of a party's capital.
    """
    found: Doc = copy.deepcopy(m0(doc)["parties"][party]["capital"])
    return found


def first_participant(doc: Doc) -> Doc:
    """
    The first minister at the first round.
    """
    minister: Doc = r0(doc)["participants"][0]
    return minister


def _bare_round(doc: Doc, index: int) -> Doc:
    """
    A round of the first mechanism with no participants, so that its date may move freely.
    """
    found = r0(doc, index)
    found["participants"] = []
    return found


def _nested(depth: int) -> object:
    value: object = []
    for _ in range(depth - 1):
        value = [value]
    return value


def _set_second_party_to_first(doc: Doc) -> None:
    m0(doc)["parties"][1] = copy.deepcopy(m0(doc)["parties"][0])


def _status_changes(doc: Doc, first: str, second: str) -> None:
    m0(doc)["status_changes"] = [
        {"status": "dormant", "date": first},
        {"status": "active", "date": second},
    ]


def _held_after_as_of(doc: Doc) -> None:
    rounds = m0(doc)["rounds"]
    last = rounds[-1]
    last["status"], last["participants"], last["date"] = "held", [], "2199-12"
    for current in rounds:
        current["sources"], current["announced"] = [], []
    m0(doc)["sources"] = []


def _pending_after_as_of(doc: Doc, date: str = "2199-12") -> None:
    last = m0(doc)["rounds"][-1]
    last["status"], last["participants"], last["date"] = "scheduled", [], date


def _year(doc: Doc) -> str:
    date: str = r0(doc)["date"]
    return date[:4]


def _term(
    doc: Doc, start: str | None = None, end: str | None = None, died: str | None = None
) -> None:
    """
    Give the first round the whole of its year, and its first minister a term in that year.

    Each month given (as "-MM") is of the round's year; the round's span of a year keeps the
    minister in office whatever the months, so that only the rule of the term's order breaks.
    """
    year = _year(doc)
    r0(doc)["date"] = year
    first_participant(doc).update(
        term_start=start and year + start, term_end=end and year + end, died=died and year + died
    )


def _other_portfolio_only(doc: Doc) -> None:
    held = first_participant(doc)["portfolio"]
    m0(doc)["portfolios"] = ["defence" if held == "foreign" else "foreign"]


def _linked_zone(doc: Doc) -> None:
    """
    Give the first party's capital an older name of its zone, one that links to it.
    """
    zone = m0(doc)["parties"][0]["capital"]["timezone"]
    zi = importlib.resources.files("tzdata").joinpath("zoneinfo", "tzdata.zi").read_text("utf-8")
    links = [line.split() for line in zi.splitlines() if line.startswith("L ")]
    m0(doc)["parties"][0]["capital"]["timezone"] = next(
        n for _, t, n in links if t == zone and "/" in n
    )


def _v1(doc: Doc, slipped: list[object]) -> None:
    doc["format"] = "twoplustwo/1"
    r0(doc)["slipped_from"] = slipped


def _dataset(doc: Doc) -> Doc:
    return doc


def _duplicate(doc: Doc, key: str, first: Callable[[Doc], Doc]) -> None:
    """
    Make sure ``doc[key]`` has an item (``first`` finds or makes it), then add a copy of it.
    """
    doc[key].append(copy.deepcopy(first(doc)))


def _sanction(doc: Doc) -> Doc:
    if not doc["sanction_risks"]:
        doc["sanction_risks"] = [
            {
                "id": "risk-x",
                "law": "A law",
                "imposed_by": "US",
                "exposed": "IN",
                "trigger": "A purchase",
                "status": "potential",
                "as_of": "2021-01-01",
            }
        ]
    risk: Doc = doc["sanction_risks"][0]
    return risk


def _grouping(doc: Doc) -> Doc:
    if not doc["groupings"]:
        doc["groupings"] = [{"id": "group-x", "name": "Group", "members": ["US", "IN"]}]
    grouping: Doc = doc["groupings"][0]
    return grouping


def cases() -> tuple[Case, ...]:
    """
    Return every case: (name, whether twoplustwo accepts it, the change).
    """
    refused: list[tuple[str, Callable[[Doc], str]]] = [
        # What the reader itself refuses.
        ("duplicate key in a round", edit('"ordinal": 1,', '"ordinal": 1, "ordinal": 1,')),
        (
            "duplicate key at the top",
            edit('"mechanisms": [', '"format": "twoplustwo/2", "mechanisms": ['),
        ),
        ("duplicate key written with an escape", edit('"name": ', '"n\\u0061me": "x", "name": ')),
        ("duplicate key in a city", edit('"timezone": ', '"timezone": "UTC", "timezone": ')),
        ("nesting deeper than 64", put(m0, "note", _nested(70))),
        ("NaN", edit('"ordinal": 1,', '"ordinal": NaN,')),
        ("Infinity", edit('"ordinal": 1,', '"ordinal": Infinity,')),
        ("-Infinity", edit('"ordinal": 1,', '"ordinal": -Infinity,')),
        ("not JSON: a trailing comma", edit('"ordinal": 1,', '"ordinal": 1,,')),
        ("not JSON: a raw control character in a string", edit('"name": "', '"name": "\x01')),
        ("not JSON: a byte order mark", lambda doc: "\ufeff" + text(doc)),
        ("not an object", lambda doc: json.dumps([doc])),
        ("format missing", drop(_dataset, "format")),
        ("format unknown", put(_dataset, "format", "twoplustwo/3")),
        ("format null", put(_dataset, "format", None)),
        ("unknown key at the top", put(_dataset, "extra", 1)),
        ("unknown key in a round", put(r0, "venue_name", "x")),
        ("unknown key in a city", put(lambda d: m0(d)["parties"][0]["capital"], "pop", 1)),
        ("unknown key in a rotation", put(lambda d: m0(d)["rotation"], "every", 2)),
        ("rotation kind unknown", put(m0, "rotation", {"kind": "random"})),
        (
            "a learned rotation with a first host",
            put(m0, "rotation", {"kind": "learned", "first_host": None}),
        ),
        ("rotation kind missing", put(m0, "rotation", {"first_host": None})),
        ("required key missing: a round's date", drop(r0, "date")),
        ("required key missing: a mechanism's id", drop(m0, "id")),
        ("required key missing: mechanisms", drop(_dataset, "mechanisms")),
        # JSON types.
        ("an ordinal as a string", put(r0, "ordinal", "1")),
        ("an ordinal as a float", put(r0, "ordinal", 1.0)),
        ("an ordinal as a boolean", put(r0, "ordinal", True)),  # noqa: FBT003 - the JSON value
        ("abroad as a number", put(r0, "abroad", 0)),
        ("counted as a string", put(r0, "counted", "false")),
        ("topics as a string", put(m0, "topics", "space")),
        ("topics null", put(m0, "topics", None)),
        ("mode null", put(r0, "mode", None)),
        ("parties as an object", put(m0, "parties", {"a": 1})),
        ("one party", changed(lambda d: m0(d)["parties"].pop())),
        ("three parties", changed(lambda d: m0(d)["parties"].append(m0(d)["parties"][0]))),
        ("a day as a number", put(_dataset, "as_of", 20400101)),
        ("a date as a number", put(r0, "date", 1973)),
        ("a name as a number", put(m0, "name", 7)),
        # Text.
        ("a name with a trailing space", changed(lambda d: m0(d).update(name=m0(d)["name"] + " "))),
        (
            "a name ending in a zero-width space",
            changed(lambda d: m0(d).update(name=m0(d)["name"] + "\u200b")),
        ),
        (
            "a name starting with a byte order mark",
            changed(lambda d: m0(d).update(name="\ufeff" + m0(d)["name"])),
        ),
        (
            "a grouping's source published after as_of",
            changed(lambda d: _grouping(d).update(sources=[source("2199")])),
        ),
        (
            "a sanction risk reported after as_of",
            changed(lambda d: _sanction(d).update(as_of="2199-01-01")),
        ),
        (
            "a sanction risk's source published after as_of",
            changed(lambda d: _sanction(d).update(sources=[source("2199")])),
        ),
        ("a name with a leading space", changed(lambda d: m0(d).update(name=" " + m0(d)["name"]))),
        ("a name with a leading no-break space", put(m0, "name", "\xa0Dialogue")),
        ("a name with a trailing ideographic space", put(m0, "name", "Dialogue\u3000")),
        ("a name with a trailing U+001F", put(m0, "name", "Dialogue\x1f")),
        ("an empty name", put(m0, "name", "")),
        ("a name of spaces", put(m0, "name", "   ")),
        ("a name with a newline", put(m0, "name", "Two\nlines")),
        ("a title with a carriage return", put(first_participant, "title", "Mini\rster")),
        ("a name with BEL", put(m0, "name", "Dia\x07logue")),
        ("a name with DEL", put(m0, "name", "Dia\x7flogue")),
        ("a name with NEL (C1)", put(m0, "name", "Dia\x85logue")),
        ("a name with a C1 control", put(m0, "name", "Dia\x9blogue")),
        ("a name with a bidi override", put(m0, "name", "Dia\u202elogue")),
        ("a name with a bidi isolate", put(m0, "name", "Dia\u2066logue")),
        ("an alias with a NUL", put(m0, "aliases", ["A\x00B"])),
        ("a topic with a trailing tab", put(m0, "topics", ["space\t"])),
        ("a note with a trailing newline", put(m0, "note", "A note.\n")),
        ("a note with a vertical tab", put(m0, "note", "A\x0bnote.")),
        ("a source title with a bidi embedding", put(r0, "sources", [source(None, "A\u202ab")])),
        ("a lone high surrogate, escaped", escaped(lambda d: m0(d).update(name="A\ud800B"))),
        ("a lone low surrogate, escaped", escaped(lambda d: m0(d).update(name="A\udc00B"))),
        ("a lone surrogate, raw in the text", put(m0, "name", "A\ud83dB")),
        (
            "a reversed surrogate pair, escaped",
            escaped(lambda d: m0(d).update(name="\ude00\ud83d")),
        ),
        ("a lone surrogate in a note", escaped(lambda d: m0(d).update(note="A\ud800"))),
        # URLs, slugs, codes, zones, enums, numbers.
        ("a URL of ftp", put(r0, "sources", [{"title": "T", "url": "ftp://example.org/a"}])),
        ("a URL without a host", put(r0, "sources", [{"title": "T", "url": "https:///a"}])),
        ("a URL of the scheme alone", put(r0, "sources", [{"title": "T", "url": "https://"}])),
        ("a URL with a space", put(r0, "sources", [{"title": "T", "url": "https://a.org/b c"}])),
        ("a URL in capitals", put(r0, "sources", [{"title": "T", "url": "HTTPS://a.org"}])),
        ("a relative URL", put(r0, "sources", [{"title": "T", "url": "/news/1"}])),
        (
            "a URL with a C1 control",
            put(r0, "sources", [{"title": "T", "url": "https://a.org/\x85"}]),
        ),
        ("an id in capitals", put(m0, "id", "In-us")),
        ("an id with a double dash", put(m0, "id", "in--us")),
        ("an id ending in a dash", put(m0, "id", "in-us-")),
        ("an id with a space", put(m0, "id", "in us")),
        ("a country code that is no country", put(lambda d: m0(d)["parties"][0], "code", "XX")),
        ("a country code in lower case", put(first_participant, "country", "in")),
        ("a three-letter code", put(r0, "host", "USA")),
        (
            "a zone that is no zone",
            put(lambda d: m0(d)["parties"][0]["capital"], "timezone", "Mars/Olympus"),
        ),
        (
            "a legacy zone name (EST)",
            put(lambda d: m0(d)["parties"][0]["capital"], "timezone", "EST"),
        ),
        (
            "a zone of another country",
            put(lambda d: m0(d)["parties"][0]["capital"], "timezone", "Antarctica/Troll"),
        ),
        ("a zone in lower case", put(lambda d: m0(d)["parties"][0]["capital"], "timezone", "utc")),
        ("a round status unknown", put(r0, "status", "done")),
        ("a portfolio in capitals", put(first_participant, "portfolio", "Foreign")),
        ("a mode unknown", put(r0, "mode", "video")),
        ("an uncertain fact unknown", put(r0, "uncertain", [{"fact": "place", "note": "N"}])),
        (
            "a mechanism status unknown",
            put(m0, "status_changes", [{"status": "asleep", "date": "2000"}]),
        ),
        ("a sanction status unknown", changed(lambda d: _sanction(d).update(status="maybe"))),
        ("ordinal 0", put(r0, "ordinal", 0)),
        (
            "ordinal 10000",
            changed(lambda d: [r.update(ordinal=10000 + i) for i, r in enumerate(m0(d)["rounds"])]),
        ),
        ("cadence 0", put(m0, "cadence_months", 0)),
        ("cadence 121", put(m0, "cadence_months", 121)),
        ("cadence as a string", put(m0, "cadence_months", "12")),
        # Dates.
        ("a month 13", put(r0, "date", "1973-13")),
        ("a month 00", put(r0, "date", "1973-00")),
        ("30 February", put(r0, "date", "1973-02-30")),
        ("29 February of a common year", put(r0, "date", "1973-02-29")),
        ("a year before 1900", put(r0, "date", "1899")),
        ("a year after 2199", changed(lambda d: _pending_after_as_of(d, "2200"))),
        ("a reversed interval", put(r0, "date", "1974/1973")),
        ("an interval with an empty end", put(r0, "date", "1973/")),
        ("an interval of three", put(r0, "date", "1973/1974/1975")),
        ("a day without zeros", put(r0, "date", "1973-4-1")),
        ("a date with a time", put(r0, "date", "1973-04-01T00:00")),
        ("a date in full-width digits", put(r0, "date", "\uff11\uff19\uff17\uff13")),
        ("a date as an English phrase", put(r0, "date", "April 1973")),
        ("as_of before 1900", put(_dataset, "as_of", "1899-12-31")),
        ("as_of after 2199", put(_dataset, "as_of", "2200-01-01")),
        ("as_of without zeros", put(_dataset, "as_of", "2040-1-1")),
        ("as_of a month", put(_dataset, "as_of", "2040-01")),
        ("as_of with a time", put(_dataset, "as_of", "2040-01-01T00:00:00")),
        ("checked after 2199", put(m0, "checked", "2200-01-01")),
        (
            "a sanction's as_of 30 February",
            changed(lambda d: _sanction(d).update(as_of="2021-02-30")),
        ),
        # Arrays: lengths and repeats.
        ("a cycle of no hosts", put(m0, "rotation", {"kind": "cycle", "hosts": []})),
        ("no portfolios", changed(lambda d: m0(d).update(portfolios=[], rounds=[]))),
        ("a portfolio twice", put(m0, "portfolios", ["foreign", "defence", "foreign"])),
        ("an alias twice", put(m0, "aliases", ["Two", "Two"])),
        ("a grouping of one", changed(lambda d: _grouping(d).update(members=["US"]))),
        (
            "a grouping member twice",
            changed(lambda d: _grouping(d).update(members=["US", "IN", "US"])),
        ),
        # Across fields.
        (
            "a capital outside its country",
            changed(lambda d: m0(d)["parties"][0].update(capital=capital(d, 1))),
        ),
        ("the same party twice", changed(_set_second_party_to_first)),
        (
            "alternation's first host not a party",
            changed(
                lambda d: m0(d).update(rotation={"kind": "alternating", "first_host": outsider(d)})
            ),
        ),
        (
            "a cycle host not a party",
            changed(
                lambda d: m0(d).update(
                    rotation={"kind": "cycle", "hosts": [codes(d)[0], outsider(d)]}
                )
            ),
        ),
        (
            "a fixed venue outside the parties",
            changed(
                lambda d: m0(d).update(
                    rotation={
                        "kind": "fixed_venue",
                        "venue": city("Brasília", "BR", "America/Sao_Paulo")
                        if "BR" not in codes(d)
                        else city("Paris", "FR", "Europe/Paris"),
                    }
                )
            ),
        ),
        ("status changes out of order", changed(lambda d: _status_changes(d, "2001", "2000-06"))),
        (
            "a round's ordinal repeated",
            changed(lambda d: r0(d, 1).update(ordinal=r0(d)["ordinal"])),
        ),
        (
            "a round's ordinal going back",
            changed(lambda d: r0(d).update(ordinal=r0(d, 1)["ordinal"] + 1)),
        ),
        (
            "a round after a pending round (two pending)",
            changed(lambda d: r0(d).update(status="scheduled")),
        ),
        ("a round after a postponed round", changed(lambda d: r0(d).update(status="postponed"))),
        (
            "a round dated before the one before",
            changed(lambda d: _bare_round(d, 1).update(date="1900-01-01")),
        ),
        (
            "a round's host not a party",
            changed(lambda d: r0(d).update(host=outsider(d), venue=None, abroad=False)),
        ),
        (
            "a plan's host not a party",
            changed(lambda d: r0(d).update(slipped_from=[{"host": outsider(d)}])),
        ),
        (
            "an announced host not a party",
            changed(
                lambda d: r0(d).update(announced=[{"source": source(None), "host": outsider(d)}])
            ),
        ),
        (
            "a participant of neither party",
            changed(lambda d: first_participant(d).update(country=outsider(d))),
        ),
        ("a participant of a portfolio not at the table", changed(_other_portfolio_only)),
        (
            "two ministers in one seat",
            changed(
                lambda d: r0(d).update(
                    participants=[
                        first_participant(d),
                        {**first_participant(d), "name": "Someone Else"},
                    ]
                )
            ),
        ),
        (
            "an uncertain fact twice",
            put(r0, "uncertain", [{"fact": "date", "note": "A."}, {"fact": "date", "note": "B."}]),
        ),
        (
            "a minister whose term ended before the round",
            changed(
                lambda d: first_participant(d).update(term_start=None, term_end="1900", died=None)
            ),
        ),
        (
            "a minister whose term began after the round",
            changed(
                lambda d: first_participant(d).update(term_start="2030", term_end=None, died=None)
            ),
        ),
        (
            "a minister who died before the round",
            changed(
                lambda d: first_participant(d).update(term_start=None, term_end=None, died="1900")
            ),
        ),
        ("a term that ends before it starts", changed(lambda d: _term(d, start="-06", end="-03"))),
        (
            "a minister who died before the term began",
            changed(lambda d: _term(d, start="-06", died="-03")),
        ),
        (
            "a minister who died before the term ended",
            changed(lambda d: _term(d, end="-06", died="-03")),
        ),
        (
            "a virtual round with a venue",
            changed(
                lambda d: r0(d).update(mode="virtual", venue=capital(d), host=None, abroad=False)
            ),
        ),
        (
            "abroad without a host",
            changed(
                lambda d: r0(d).update(
                    venue=city("Paris", "FR", "Europe/Paris"),
                    host=None,
                    abroad=True,
                    mode="in_person",
                )
            ),
        ),
        (
            "abroad without a venue",
            changed(
                lambda d: r0(d).update(venue=None, host=codes(d)[0], abroad=True, mode="in_person")
            ),
        ),
        (
            "abroad in the host's own country",
            changed(
                lambda d: r0(d).update(
                    venue=capital(d), host=codes(d)[0], abroad=True, mode="in_person"
                )
            ),
        ),
        (
            "a venue outside the host, not abroad",
            changed(
                lambda d: r0(d).update(
                    venue=capital(d, 1), host=codes(d)[0], abroad=False, mode="in_person"
                )
            ),
        ),
        ("a mechanism id twice", changed(lambda d: _duplicate(d, "mechanisms", m0))),
        ("a grouping id twice", changed(lambda d: _duplicate(d, "groupings", _grouping))),
        ("a sanction risk id twice", changed(lambda d: _duplicate(d, "sanction_risks", _sanction))),
        (
            "a sanction imposed by the exposed",
            changed(lambda d: _sanction(d).update(imposed_by=_sanction(d)["exposed"])),
        ),
        (
            "a counterparty that is a party to the risk",
            changed(lambda d: _sanction(d).update(counterparty=_sanction(d)["exposed"])),
        ),
        (
            "a mechanism's source published after as_of",
            changed(lambda d: m0(d).update(sources=[source("2040-01-02")])),
        ),
        (
            "a round's source published after as_of",
            changed(lambda d: r0(d).update(sources=[source("2041")])),
        ),
        (
            "an announcement's source published after as_of",
            changed(lambda d: r0(d).update(announced=[{"source": source("2040-02")}])),
        ),
        (
            "a status change's source published after as_of",
            changed(
                lambda d: m0(d).update(
                    status_changes=[
                        {
                            "status": "dormant",
                            "date": "2000",
                            "sources": [source("2040-01-01/2040-01-02")],
                        }
                    ]
                )
            ),
        ),
        (
            "a status change after as_of",
            changed(lambda d: m0(d).update(status_changes=[{"status": "dormant", "date": "2041"}])),
        ),
        ("a held round after as_of", changed(_held_after_as_of)),
        ("a bare date in slipped_from of a /2 document", put(r0, "slipped_from", ["1972"])),
    ]
    accepted: list[tuple[str, Callable[[Doc], str]]] = [
        (
            "a twoplustwo/1 document with a bare date in slipped_from",
            changed(lambda d: _v1(d, ["1972", {"date": "1972-06"}])),
        ),
        ("a twoplustwo/1 document without bare dates", put(_dataset, "format", "twoplustwo/1")),
        ("a name with a tab inside", put(m0, "name", "Two\t2")),
        ("a name with U+2028 inside", put(m0, "name", "Two\u20282")),
        ("a name with a zero-width space inside", put(m0, "name", "Two\u200bWay")),
        (
            "a name with an emoji, escaped as a surrogate pair",
            escaped(lambda d: m0(d).update(name="Two \U0001f91d")),
        ),
        ("a note with newlines inside", put(m0, "note", "One.\n\nTwo.")),
        (
            "a URL with a query and a fragment",
            put(r0, "sources", [{"title": "T", "url": "http://a.org/b?c=d#e"}]),
        ),
        ("a zone that links to one of the country's", changed(_linked_zone)),
        ("cadence null", put(m0, "cadence_months", None)),
        ("cadence left out (12)", drop(m0, "cadence_months")),
        (
            "optional keys left out",
            changed(
                lambda d: [
                    r0(d).pop(k)
                    for k in (
                        "venue",
                        "note",
                        "host",
                        "abroad",
                        "counted",
                        "announced",
                        "uncertain",
                        "slipped_from",
                        "mode",
                    )
                ]
            ),
        ),
        (
            "an interval of a day and a month",
            changed(lambda d: _bare_round(d, 0).update(date=f"{_year(d)}-01-01/{_year(d)}-02")),
        ),
        ("29 February of a leap year", changed(lambda d: d.update(as_of="2040-02-29"))),
        (
            "dates at the ends of the range",
            changed(
                lambda d: [
                    m0(d).update(checked="2199-12-31"),
                    _sanction(d).update(as_of="1900-01-01"),
                ]
            ),
        ),
        ("a pending round dated after as_of", changed(_pending_after_as_of)),
        (
            "a round abroad, hosted by a party",
            changed(
                lambda d: r0(d).update(
                    venue=city("Reykjavík", "IS", "Atlantic/Reykjavik"),
                    host=codes(d)[0],
                    abroad=True,
                    mode="in_person",
                )
            ),
        ),
        (
            "a venue outside the parties, no host",
            changed(
                lambda d: r0(d).update(
                    venue=city("Reykjavík", "IS", "Atlantic/Reykjavik"),
                    host=None,
                    abroad=False,
                    mode="in_person",
                )
            ),
        ),
        (
            "a hybrid round with a venue",
            changed(
                lambda d: r0(d).update(mode="hybrid", venue=capital(d), host=None, abroad=False)
            ),
        ),
        (
            "a plan with a venue outside the parties",
            changed(
                lambda d: r0(d).update(
                    slipped_from=[
                        {"date": "1972", "venue": city("Reykjavík", "IS", "Atlantic/Reykjavik")}
                    ]
                )
            ),
        ),
        (
            "an announcement without a publication day",
            changed(
                lambda d: r0(d).update(announced=[{"source": source(None), "host": codes(d)[1]}])
            ),
        ),
        (
            "a minister in office on part of the round's span",
            changed(lambda d: _term(d, end="-03")),
        ),
        ("a key written with an escape", edit('"name": ', '"n\\u0061me": ')),
        ("whitespace around the document", lambda doc: f" \n{text(doc)}\n\t"),
        ("a learned rotation", put(m0, "rotation", {"kind": "learned"})),
        ("checked after as_of (not checked)", put(m0, "checked", "2199-01-01")),
        ("no mechanisms", put(_dataset, "mechanisms", [])),
    ]
    return (
        *((name, False, change) for name, change in refused),
        *((name, True, change) for name, change in accepted),
    )


def _refused_by_pydantic(tp: object, items: list[str]) -> set[int]:
    """
    The indices of the items that pydantic refuses as ``tp``, in one call.
    """
    try:
        pydantic.TypeAdapter(list[tp]).validate_python(items)  # type: ignore[valid-type] # a type alias given as a value
    except pydantic.ValidationError as error:
        return {int(e["loc"][0]) for e in error.errors()}
    return set()


def _refused_by_twoplustwo(rule: Validator, items: list[str]) -> set[int]:
    refused = set()
    for index, item in enumerate(items):
        try:
            rule.check(item)
        except Invalid:
            refused.add(index)
    return refused


def characters() -> list[str]:
    """
    Check every character, alone, inside and at the end of text, of a note and of a URL.

    Lone surrogates are left out: pydantic's parser refuses them before any rule (a case
    above checks it).
    """
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    rules = (
        ("text", TEXT, PText, ("{}", "a{}b", "a{}")),
        ("note", NOTE, PNote, ("{}", "a{}b", "a{}")),
        ("URL", URL, PUrl, ("https://{}x", "https://a.org/{}")),
    )
    lines = []
    for name, rule, annotated, forms in rules:
        for form in forms:
            items = [form.format(c) for c in chars]
            theirs = _refused_by_pydantic(annotated, items)
            ours = _refused_by_twoplustwo(rule, items)
            differ = ", ".join(f"U+{ord(chars[i]):04X}" for i in sorted(ours ^ theirs)[:5])
            verdict = f"FAIL ({differ})" if differ else "ok  "
            lines.append(
                f"{verdict} {name} {form!r} for all {len(chars):,} characters: "
                f"twoplustwo refuses {len(ours)}, pydantic {len(theirs)}"
            )
    return lines


def zones() -> list[str]:
    """
    Check every country code with every name of the tz database, as a city's.
    """
    names = sorted({*importlib.resources.files("tzdata").joinpath("zones").read_text().split()})
    ours = theirs = agree = 0
    for code in sorted(country_codes()):
        for zone in names:
            try:
                tpt.City("A city", code, zone)
                ours_ok = True
            except tpt.InvalidModel:
                ours_ok = False
            try:
                PCity(name="A city", country=code, timezone=zone)
                theirs_ok = True
            except pydantic.ValidationError:
                theirs_ok = False
            ours += ours_ok
            theirs += theirs_ok
            agree += ours_ok == theirs_ok
    total = len(country_codes()) * len(names)
    verdict = "ok  " if agree == total else "FAIL"
    said = f"twoplustwo accepts {ours}, pydantic {theirs}, and they agree on {agree:,}"
    return [f"{verdict} (country, zone) for all {total:,} pairs: {said}"]


def dates() -> list[str]:
    """
    Check dates: every year, month and day near the ends of the range, and intervals of them.
    """
    years = [f"{y:04d}" for y in (0, 1, 1000, *range(1895, 1905), 1973, 2000, 2024, 2100)]
    years += [f"{y:04d}" for y in (*range(2195, 2205), 9999)]
    months = [f"{y}-{m:02d}" for y in years[::3] for m in range(14)]
    days = [
        f"{y}-{m:02d}-{d:02d}"
        for y in ("1900", "2000", "2023", "2024", "2199")
        for m in (0, 1, 2, 12, 13)
        for d in (0, 1, 28, 29, 30, 31, 32)
    ]
    singles = [*years, *months, *days, "", "73", "1973-1", "1973-01-1", "1973-W01", " 1973"]
    texts = [*singles, *(f"{a}/{b}" for a in singles[::7] for b in singles[::5])]
    ours = theirs = agree = 0
    for text_ in texts:
        try:
            ours_said: str | None = str(tpt.FuzzyDate.parse(text_))
        except tpt.InvalidModel:
            ours_said = None
        try:
            theirs_said: str | None = str(pydantic.TypeAdapter(PSpan).validate_python(text_))
        except pydantic.ValidationError:
            theirs_said = None
        ours += ours_said is not None
        theirs += theirs_said is not None
        agree += ours_said == theirs_said
    verdict = "ok  " if agree == len(texts) else "FAIL"
    said = f"twoplustwo accepts {ours}, pydantic {theirs}, and they agree (and write the same)"
    return [f"{verdict} FuzzyDate text for {len(texts):,} strings: {said} on {agree:,}"]


def codes_listed() -> list[str]:
    """
    Check that both read the same country codes.
    """
    theirs = set(typing.get_args(CountryCode))
    verdict = "ok  " if theirs == country_codes() else "FAIL"
    return [
        f"{verdict} country codes: twoplustwo has {len(country_codes())}, pydantic {len(theirs)}"
    ]


def read_twoplustwo(written: str) -> object:
    """
    Read as compare.py's twoplustwo contender does.
    """
    return tpt.loads(written, tpt.Dataset, max_size=None)


def read_pydantic(written: str) -> object:
    """
    Read as compare.py's pydantic v2 contender does.
    """
    return pydantic_loads(written)


def said(read: Callable[[str], object], written: str) -> tuple[object | None, str]:
    """
    Return what ``read`` made of the text, or None and the first line of why it refused.
    """
    try:
        return read(written), ""
    except tpt.DecodeError as error:
        return None, str(error).splitlines()[-1].strip()
    except pydantic.ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return None, f"{where}: {first['msg']}"
    except ValueError as error:  # the duplicate-key scan
        return None, str(error)


def written_back(ours: object, theirs: object) -> bool:
    """
    Whether the two readers' objects write the same JSON value.
    """
    assert isinstance(theirs, PDataset)  # noqa: S101 - read_pydantic returns one
    return bool(json.loads(tpt.dumps(ours)) == json.loads(theirs.model_dump_json()))


def check(name: str, accepted: bool, written: str) -> tuple[bool, str]:  # noqa: FBT001 - a case's field
    """
    Read ``written`` both ways; return whether the mirror agrees, and a line that says so.
    """
    ours, ours_why = said(read_twoplustwo, written)
    theirs, theirs_why = said(read_pydantic, written)
    if (ours is not None) != accepted:
        return False, f"FAIL {name}: twoplustwo did not do as the case expects ({ours_why})"
    if ours is None:
        if theirs is not None:
            return False, f"FAIL {name}: twoplustwo refused ({ours_why}), pydantic accepted"
        why = f"\n{'twoplustwo:':>19} {ours_why[:110]}\n{'pydantic:':>19} {theirs_why[:110]}"
        return True, f"ok   {name}{why}"
    if theirs is None:
        return False, f"FAIL {name}: twoplustwo accepted, pydantic refused ({theirs_why})"
    if not written_back(ours, theirs):
        return False, f"FAIL {name}: both accepted, but they write back different documents"
    return True, f"ok   {name}: both accept, and write back the same document"


def main(argv: Sequence[str] | None = None) -> None:
    """
    Check every case on both documents; print the results; exit 1 if any case fails.
    """
    parser = argparse.ArgumentParser(description=(__doc__ or "").strip().splitlines()[0])
    parser.add_argument("--mechanisms", type=int, default=8, help="of the built document")
    parser.add_argument("--quiet", action="store_true", help="print only the failures")
    args = parser.parse_args(argv)
    documents = {
        f"builder.dataset({args.mechanisms})": tpt.dumps(builder.dataset(args.mechanisms)),
        "the embedded record": tpt.dumps(tpt.load_dataset()),
    }
    failures = total = 0
    for title, document in documents.items():
        print(f"\n== {title}")
        base = json.loads(document)
        field: list[tuple[str, bool, str]] = [("the document as it is", True, document)]
        field += [(name, ok, change(copy.deepcopy(base))) for name, ok, change in cases()]
        for name, accepted, written in field:
            agreed, line = check(name, accepted, written)
            total += 1
            failures += not agreed
            if not agreed or not args.quiet:
                print(line)
    print("\n== the rules of single values, exhaustively")
    for line in (*characters(), *zones(), *dates(), *codes_listed()):
        total += 1
        failures += not line.startswith("ok")
        print(line)
    refused = sum(not ok for _, ok, _ in cases())
    print(
        f"\n{total - failures} of {total} checks agree ({refused} refusals and "
        f"{len(cases()) - refused + 1} acceptances a document, on {len(documents)} documents, "
        "and the exhaustive checks of single values)"
    )
    if failures:
        raise SystemExit(1)


if __name__ == "__main__":
    main()

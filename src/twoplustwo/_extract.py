"""
From the news to the record: read an article and propose the 2+2 rounds it states.

Rules, not a model: a sentence that names a 2+2 ministerial meeting (by "2+2", a dialogue's
name or alias, or "foreign and defence ministers' meeting") is read for its dialogue, its
tense, a date phrase (read by ``FuzzyDate.from_text`` against the publication day), a city
of the record's gazetteer, a host, a mode and an ordinal; the sentences right after it that
speak of "the meeting" or "the talks" add to it. Meetings that are not ministerial rounds
(officials', vice-ministers', intersessional, a phone call) are passed over. Each proposal
keeps the sentences it rests on as evidence, and says how sure it is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from typing import Final

import attrs

from twoplustwo._dates import FuzzyDate, to_date
from twoplustwo._model import Dataset, Mode, Plan, RoundStatus
from twoplustwo._places import City
from twoplustwo._proposal import Proposal
from twoplustwo.exceptions import InvalidDate

_NAMES: Final[dict[str, tuple[str, ...]]] = {
    "AU": ("australia", "australian", "australians"),
    "CA": ("canada", "canadian"),
    "CN": ("china", "chinese", "prc"),
    "DE": ("germany", "german"),
    "EG": ("egypt", "egyptian"),
    "FR": ("france", "french"),
    "GB": ("united kingdom", "uk", "u.k.", "britain", "british", "great britain"),
    "ID": ("indonesia", "indonesian"),
    "IN": ("india", "indian"),
    "IT": ("italy", "italian"),
    "JP": ("japan", "japanese"),
    "KR": ("south korea", "korea", "korean", "rok", "republic of korea", "s. korea"),
    "NZ": ("new zealand", "nz"),
    "PH": ("philippines", "philippine", "filipino", "manila's"),
    "RU": ("russia", "russian"),
    "TR": ("türkiye", "turkiye", "turkey", "turkish"),
    "US": ("united states", "u.s.", "us", "usa", "america", "american", "americans"),
    "AE": ("united arab emirates", "uae", "emirati"),
    "AR": ("argentina", "argentine"),
    "BR": ("brazil", "brazilian"),
    "CL": ("chile", "chilean"),
    "ES": ("spain", "spanish"),
    "GR": ("greece", "greek"),
    "IL": ("israel", "israeli"),
    "MX": ("mexico", "mexican"),
    "MY": ("malaysia", "malaysian"),
    "NL": ("netherlands", "dutch"),
    "NO": ("norway", "norwegian"),
    "PK": ("pakistan", "pakistani"),
    "PL": ("poland", "polish"),
    "SA": ("saudi arabia", "saudi"),
    "SE": ("sweden", "swedish"),
    "SG": ("singapore", "singaporean"),
    "TH": ("thailand", "thai"),
    "UA": ("ukraine", "ukrainian"),
    "VN": ("vietnam", "viet nam", "vietnamese"),
    "ZA": ("south africa", "south african"),
}
"""The usual names and adjectives of the countries with a dialogue on record, and of others
that hold or may hold such a dialogue."""

_WORD: Final = re.compile(r"[A-Za-z\u00c0-\u024f][\w.'\u2019]*")
"""A word, as country names are matched: "U.S." and "Türkiye" are one word each."""

_CITY_ALIASES: Final = {
    "delhi": "New Delhi",
    "washington dc": "Washington",
    "washington, dc": "Washington",
    "washington, d.c.": "Washington",
    "washington d.c.": "Washington",
}
"""Other names of the record's cities, as the news writes them."""

_MEETING: Final = (
    r"2\s?\+\s?2|\b2 2(?= (?:dialogue|ministerial|meeting|talks|format))"
    r"|two[- ]plus[- ]two|2-plus-2|"
    r"foreign and defen[cs]e ministers?'?(?:ial)?\s+(?:meeting|dialogue|consultations?|talks)|"
    r"ministerial (?:consultations|dialogue)|security consultative committee"
)
_EXCLUDED: Final = re.compile(
    r"vice[- ]minister|deputy (?:foreign|defen[cs]e) minister|senior[- ]officials?"
    r"|officials['\u2019]? (?:level|2\s?\+\s?2|meeting|dialogue|talks)"
    r"|(?:2\s?\+\s?2|meeting|dialogue|talks) (?:of|among|between|at) (?:the )?officials"
    r"|working[- ]level|director[- ]general|intersessional|sub-cabinet|assistant secretar"
    r"|official[- ]level|(?:senior )?official level|joint secretar|permanent secretar"
    r"|phone call|telephone|spoke by phone|(?:over|by) the phone",
    re.IGNORECASE,
)
_EARLIER: Final = re.compile(
    r"\b(?:after|despite)\s(?:\w+\s){0,2}$|\bhad\s(?:been\s)?(?:\w+\s)?$", re.IGNORECASE
)
"""What comes right before a postponement that happened earlier, not now."""
_NEW_DATE: Final = re.compile(
    r"\b(?:postponed|delayed|deferred|rescheduled|moved|pushed|put off|shifted)\s"
    r"(?:[\w'\u2019]+\s){0,6}?(?:to|until|till|for)\s(?:the\s)?$"
    r"|\bnow\s(?:\w+\s){0,3}?(?:for|on|in)\s$",
    re.IGNORECASE,
)
_WAS_PLANNED: Final = re.compile(
    r"\b(?:had been|was|were) (?:originally |initially |first )?(?:planned|scheduled|set"
    r"|slated|expected)\b|\boriginally\b",
    re.IGNORECASE,
)
_POSTPONED: Final = re.compile(
    r"\b(?:postpone[ds]?|delay(?:ed|s)?|called off|cancel(?:l?ed|s)?|put off|deferred"
    r"|rescheduled)\b",
    re.IGNORECASE,
)
_AHEAD: Final = re.compile(
    r"\b(?:will|would|shall|to be held|is to|are to|set to|slated|scheduled|expected to"
    r"|plans? to|planned|planning|due to|upcoming|next|forthcoming|ahead of|to hold|to host"
    r"|to meet|to visit|to travel|agreed to|is likely|are likely|proposed|to take place"
    r"|going to|likely to)\b",
    re.IGNORECASE,
)
_HELD: Final = re.compile(
    r"\b(?:held|met|concluded|wrapped up|co-chaired|took place|hosted|convened|attended"
    r"|participated|was|were|discussed|agreed|signed|reaffirmed|joined|said|announced|took"
    r"|since|last|previous|earlier)\b",
    re.IGNORECASE,
)
_PAST: Final = re.compile(
    r"\b(?:convened|met|took place|concluded|wrapped up|co-chaired|was held|were held"
    r"|has been held|had been held)\b"
    r"|(?<!be )(?<!been )\bheld (?:on|in|at|its|their|the|a|an|his|her)\b",
    re.IGNORECASE,
)
_FUTURE: Final = re.compile(
    r"\b(?:will|shall|is to be held|are to be held|to be held on|is scheduled|are scheduled"
    r"|is set to|are set to|is slated|slated to|is expected to|are expected to|plans? to"
    r"|planning to|is likely to|will be held|to take place|is going to|are going to)\b",
    re.IGNORECASE,
)
_LIST: Final = re.compile(
    r"\b(?:such as|including|various|several|other|all|each|both|as well as)\b", re.IGNORECASE
)
_BACKGROUND: Final = re.compile(
    r"\binstitut\w*|\bestablish\w*|\bmechanisms?\b|\bformat was\b|\bsuch as\b",
    re.IGNORECASE,
)
"""What a sentence about the format, not a round, says."""
_MET: Final = re.compile(
    r"\b(?:met|meet|convened|will convene|held talks|hold talks|co-chaired|gathered)\b",
    re.IGNORECASE,
)
"""What a sentence under a heading says when it tells the heading's meeting."""
_CONTINUED: Final = re.compile(
    r"\b(?:the|this|that) (?:meeting|talks|dialogue|consultations|session|ministerial|round"
    r"|2\+2)\b",
    re.IGNORECASE,
)
_MONTH: Final = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY: Final = r"[0-9]{1,2}(?:st|nd|rd|th)?"
_NAMED_MONTH: Final = (
    r"(?-i:Jan(?:uary)?|Feb(?:ruary)?|March|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
"""A month named alone, capitalised, so that "may" the verb and "march" the noun are not."""
_WEEKDAY: Final = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_SPAN: Final = r"\s?(?:-|\u2013|\u2014|to|and)\s?"
_DATES: Final = re.compile(
    "|".join(
        [
            rf"(?:on\s)?{_WEEKDAY},?\s(?:the\s)?{_DAY}(?:\sof)?\s{_MONTH}(?:,?\s[0-9]{{4}})?",
            rf"(?:on\s)?{_WEEKDAY},?\s{_MONTH}\s{_DAY}(?:,?\s[0-9]{{4}})?",
            rf"{_DAY}(?:{_SPAN}{_DAY})?\s(?:of\s)?{_MONTH}(?:{_SPAN}{_DAY}\s{_MONTH})?(?:,?\s[0-9]{{4}})?",
            rf"{_MONTH}\s{_DAY}(?:{_SPAN}(?:{_MONTH}\s)?{_DAY})?(?:,?\s[0-9]{{4}})?",
            rf"(?:the\s)?(?:first|second|third|fourth|last|1st|2nd|3rd|4th)\sweek\sof\s{_MONTH}(?:\s[0-9]{{4}})?",
            rf"(?:early|mid|late)[- ]{_MONTH}(?:\s[0-9]{{4}})?",
            rf"{_MONTH}\s[0-9]{{4}}",
            r"(?:the\s)?(?:first|second) half of (?:[0-9]{4}|next year|this year)",
            r"(?:early|mid|late)[- ](?:[0-9]{4}|next year|this year)",
            r"later this (?:year|month)|(?:this|next|last) (?:week|month|year)",
            rf"(?:on\s)?{_WEEKDAY}",
            r"today|tomorrow|yesterday",
            rf"(?:in\s)?{_NAMED_MONTH}(?:\s[0-9]{{4}})?(?=[\s,.;)]|$)",
            r"(?:in\s)[0-9]{4}\b",
        ]
    ),
    re.IGNORECASE,
)
_PRECISE: Final = re.compile(
    r"[0-9]{1,2}(?:st|nd|rd|th)?\b(?!\s?[0-9])|day\b|today|tomorrow", re.IGNORECASE
)
"""A date phrase that names a day, read or not: a round set for it is scheduled."""
_VIRTUAL: Final = re.compile(
    r"\bvirtual(?:ly)?\b|video ?conferenc|videoconferenc|\bonline\b|by video", re.IGNORECASE
)
_HYBRID: Final = re.compile(r"\bhybrid\b", re.IGNORECASE)
_IN_PERSON: Final = re.compile(r"\bin[- ]person\b|face[- ]to[- ]face", re.IGNORECASE)
_ORDINALS: Final = {
    "inaugural": 1,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
}
_ORDINAL: Final = re.compile(
    r"\b(?P<word>inaugural|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|eleventh|twelfth|thirteenth|fourteenth|fifteenth|(?P<number>[0-9]{1,3})(?:st|nd|rd|th))"
    r"(?!\s(?:week|half|time|day|month|year|quarter|of))"
    r"\s(?:(?:edition|round|iteration|session)\s(?:of\s)?(?:the\s)?)?(?:[\w'\u2019\u2013-]+\s){0,6}?"
    rf"(?:{_MEETING}|dialogue|meeting|consultations|talks|ausmin|aukmin|anzmin)",
    re.IGNORECASE,
)
_SENTENCE: Final = re.compile(
    r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!U\.S\.)(?<!U\.K\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bNo\.)"
    r"(?<!\bGen\.)(?<!\bJan\.)(?<!\bFeb\.)(?<!\bAug\.)(?<!\bSep\.)(?<!\bOct\.)(?<!\bNov\.)"
    r"(?<!\bDec\.)(?<!\bSept\.)(?<!\bMar\.)(?<!\bApr\.)"
    r"[\"'\u201d\u2019)]?\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n+"
)
_WRAPPED: Final = re.compile(r"(?<=[^\n.!?:])[ \t]*\n(?=[ \t]*[a-z(])")
"""A line break inside a sentence: the next line goes on in lower case."""
_CLAUSE: Final = re.compile(
    r"(?<=,)\s(?=(?:following|after|since|as a follow-up to) (?:the|its|their) (?:\w+ ){0,3}?"
    r"(?:2\s?\+\s?2|meeting|dialogue))",
    re.IGNORECASE,
)
"""Where a sentence turns to an earlier round: ", following the inaugural 2+2 held in ..."."""
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]+")
_LONGEST: Final = 600
"""The most characters of a sentence kept as evidence, around the words that matter."""


@attrs.frozen
class _Reading:
    """
    What one sentence says of a round.
    """

    index: int
    sentence: str
    parties: tuple[str, str]
    mechanism: str | None
    ahead: bool
    postponed: bool
    date: FuzzyDate | None
    phrase: str | None
    slips: tuple[FuzzyDate, ...]
    venue: City | None
    host: str | None
    mode: Mode | None
    ordinal: int | None
    named_in: str | None = None
    """The sentence that names the meeting, where this one does not: a heading, or the
    sentence it follows; kept with it as evidence."""


def propose(text: str, dataset: Dataset, published: dt.date | None = None) -> tuple[Proposal, ...]:
    """
    Propose the rounds the plain ``text`` states, matching the names of ``dataset``.

    See :func:`twoplustwo.extract`, which checks its input and defaults the record.
    """
    day = None if published is None else to_date(published)
    lexicon = _Lexicon(dataset)
    joined = _WRAPPED.sub(" ", text)  # a line broken mid-sentence is one line
    sentences = [
        s for part in _SENTENCE.split(joined) for s in (_clean(c) for c in _CLAUSE.split(part)) if s
    ]
    article = _article_parties(sentences, lexicon)
    readings = list(_readings(sentences, lexicon, article, day))
    officials = _officials(sentences, lexicon, article)
    return tuple(
        p for p in _proposals(readings) if p.mechanism is not None or p.parties not in officials
    )


class _Lexicon:
    """
    The names the reader matches: dialogues, countries and the record's cities.
    """

    def __init__(self, dataset: Dataset) -> None:
        self.mechanisms = {m.id: m for m in dataset.mechanisms}
        self.by_parties = {tuple(sorted(m.codes)): m.id for m in dataset.mechanisms}
        names = [(_normal(alias), m.id) for m in dataset.mechanisms for alias in m.aliases]
        self.aliases = sorted(names, key=lambda pair: -len(pair[0]))
        self.alias_words = {re.split(r"[\s-]", name.lower())[-1] for name, _ in names}
        self.alias_pattern = re.compile(
            "|".join(rf"\b{re.escape(name)}\b" for name, _ in self.aliases) or r"(?!)",
            re.IGNORECASE,
        )
        words = {word: code for code, forms in _NAMES.items() for word in forms}
        for m in dataset.mechanisms:
            for party in m.parties:
                words.setdefault(party.name.lower(), party.code)
        self.countries = words
        self.longest = max(len(w.split()) for w in words)
        self.starts = {w.split()[0] for w in words}
        cities: dict[str, City] = {}
        for m in dataset.mechanisms:
            for party in m.parties:
                cities.setdefault(party.capital.name.lower(), party.capital)
            for current in m.rounds:
                places = [current.venue, *(p.venue for p in current.slipped_from)]
                places += [a.venue for a in current.announced]
                for place in places:
                    if place is not None:
                        cities.setdefault(place.name.lower(), place)
        for alias, name in _CITY_ALIASES.items():
            if name.lower() in cities:
                cities.setdefault(alias, cities[name.lower()])
        self.cities = cities
        self.city_pattern = re.compile(
            r"\b(" + "|".join(re.escape(c) for c in sorted(cities, key=len, reverse=True)) + r")\b",
            re.IGNORECASE,
        )

    def codes_in(self, sentence: str) -> list[str]:
        """
        Return the countries ``sentence`` names, in order, each once.

        Word by word, trying the longest names first ("South Korea" before "Korea"), so that
        the cost grows with the words and not with the names.
        """
        words = [_bare_word(word) for word in _WORD.findall(sentence)]
        found: list[str] = []
        index = 0
        while index < len(words):
            size = 1
            if words[index][1] in self.starts:
                for size in range(min(self.longest, len(words) - index), 0, -1):
                    said = " ".join(low for _, low in words[index : index + size])
                    code = self.countries.get(said)
                    if code is not None and words[index][0] != "us":  # "us", the pronoun
                        if code not in found:
                            found.append(code)
                        break
            index += size
        return found

    def dialogue_in(self, sentence: str) -> str | None:
        """
        Return the id of the dialogue ``sentence`` names by one of its aliases, if it does.
        """
        low = sentence.lower()
        if not any(word in low for word in self.alias_words):
            return None
        match = self.alias_pattern.search(_normal(sentence))
        if match is None:
            return None
        wanted = match[0].lower()
        return next(mid for name, mid in self.aliases if name.lower() == wanted)


def _bare_word(word: str) -> tuple[str, str]:
    """
    A word as written, and as looked up.

    Lower case, without a possessive or a final stop: "India's" is looked up as "india",
    "U.S." as "u.s.".
    """
    low = word.lower()
    if low.endswith(("'s", "\u2019s")):
        low = low[:-2]
    elif low.endswith(("'", "\u2019")) or (low.endswith(".") and low.count(".") == 1):
        low = low[:-1]
    return word, low


def _normal(text: str) -> str:
    return re.sub(r"\s*[\u2013\u2014-]\s*", "-", text)


def _clean(part: str) -> str:
    """
    One sentence of the article as evidence: its spaces single, no control characters.
    """
    text = " ".join(_CONTROL.sub(" ", part).split())
    if len(text) <= _LONGEST:
        return text
    found = re.search(_MEETING, text, re.IGNORECASE)
    middle = found.start() if found else 0
    start = max(0, middle - _LONGEST // 2)
    return text[start : start + _LONGEST].strip()


def _article_parties(sentences: Sequence[str], lexicon: _Lexicon) -> list[str]:
    """
    Return the countries the article names, the most named first.
    """
    counts: dict[str, int] = {}
    for sentence in sentences:
        for code in lexicon.codes_in(sentence):
            counts[code] = counts.get(code, 0) + 1
    return sorted(counts, key=lambda code: -counts[code])


def _readings(
    sentences: Sequence[str], lexicon: _Lexicon, article: list[str], day: dt.date | None
) -> Iterator[_Reading]:
    """
    Yield what each sentence that names a ministerial 2+2, or follows one, says of its round.
    """
    last: _Reading | None = None
    heading: tuple[int, str | None, tuple[str, str]] | None = None
    for index, sentence in enumerate(sentences):
        mechanism = lexicon.dialogue_in(sentence)
        named = mechanism is not None or re.search(_MEETING, sentence, re.IGNORECASE)
        if named and _EXCLUDED.search(sentence):
            last = heading = None
            continue
        if named and not _says_something(sentence):
            # a heading or a caption: no verb; the sentence after it may tell its round
            parties = _parties(sentence, mechanism, lexicon, article)
            if parties is not None and not _BACKGROUND.search(sentence):
                heading = (index, mechanism or lexicon.by_parties.get(parties), parties)
            continue
        if not named and heading is not None and index - heading[0] <= 2 and _MET.search(sentence):
            at, mechanism, parties = heading
            heading = None
            last = _read(index, sentence, parties, mechanism, lexicon, day, ahead=None)
            last = attrs.evolve(last, named_in=sentences[at])
            yield last
            continue
        if named:
            parties = _parties(sentence, mechanism, lexicon, article)
            if parties is None:
                last = None
                continue
            mechanism = mechanism or lexicon.by_parties.get(parties)
        elif last is not None and index - last.index <= 2 and _CONTINUED.search(sentence):
            found = _read(
                index, sentence, last.parties, last.mechanism, lexicon, day, ahead=last.ahead
            )
            yield attrs.evolve(found, named_in=last.named_in or last.sentence)
            continue
        else:
            continue
        last = _read(index, sentence, parties, mechanism, lexicon, day, ahead=None)
        yield last


def _officials(
    sentences: Sequence[str], lexicon: _Lexicon, article: list[str]
) -> set[tuple[str, str]]:
    """
    The pairs whose 2+2 the article puts at officials' level: not a ministerial dialogue.
    """
    return {
        pair
        for sentence in sentences
        if re.search(_MEETING, sentence, re.IGNORECASE) and _EXCLUDED.search(sentence)
        if (pair := _parties(sentence, None, lexicon, article)) is not None
    }


def _says_something(sentence: str) -> bool:
    """
    Whether a sentence says something of a meeting, as a heading or a caption does not.

    It has a verb of ours, and does not tell of the format itself ("the mechanism").
    """
    if _BACKGROUND.search(sentence):
        return False
    return any(pattern.search(sentence) for pattern in (_AHEAD, _HELD, _POSTPONED, _PAST))


def _parties(
    sentence: str, mechanism: str | None, lexicon: _Lexicon, article: list[str]
) -> tuple[str, str] | None:
    """
    Return the two parties of the meeting ``sentence`` names, if they can be told.
    """
    if mechanism is not None:
        codes = lexicon.mechanisms[mechanism].codes
        return (min(codes), max(codes))
    named = lexicon.codes_in(sentence)
    if len(named) > 2:
        one, other = sorted(named[:2])
        if _LIST.search(sentence) or (one, other) not in lexicon.by_parties:
            return None
        return (one, other)  # ...unless it leads with a pair that has one
    if len(named) == 1:  # the partner: the article's most named with a dialogue, else any
        partners = [code for code in article if code != named[0]]
        known = [c for c in partners if (min(c, named[0]), max(c, named[0])) in lexicon.by_parties]
        named += (known or partners)[:1]
    elif not named:
        named = article[:2]
    if len(named) < 2:
        return None
    first, second = named
    return (min(first, second), max(first, second))


def _read(  # noqa: PLR0913, PLR0917 - the parts of one sentence's reading
    index: int,
    sentence: str,
    parties: tuple[str, str],
    mechanism: str | None,
    lexicon: _Lexicon,
    day: dt.date | None,
    *,
    ahead: bool | None,
) -> _Reading:
    """
    Read one sentence; ``ahead`` is the tense of the sentence it follows, if it follows one.
    """
    postponed = any(
        not _EARLIER.search(sentence[: m.start()]) for m in _POSTPONED.finditer(sentence)
    )
    if ahead is None:
        ahead = _tense(sentence, postponed=postponed)
    if ahead is None:  # no tense, as under a heading ("The ministers gathered at ..."): held
        ahead = False
    dates = list(_dates(sentence, day, ahead=ahead))
    if dates and day is not None and not postponed and re.search(r"[0-9]{4}", dates[0][1]):
        # a date with its year, before or after the article, settles the tense
        first_date = dates[0][0]
        ahead = (
            ahead if first_date.earliest <= day <= first_date.latest else day < first_date.earliest
        )
    date: FuzzyDate | None = None
    phrase: str | None = None
    slips: tuple[FuzzyDate, ...] = ()
    if dates and _WAS_PLANNED.search(sentence) and not postponed:
        slips = tuple(found for found, _, _ in _dates(sentence, day, ahead=False))
    elif dates and postponed:
        # called off: a date after "to" or "until" is the new one, the others were plans
        new = [(found, said) for found, said, start in dates if _NEW_DATE.search(sentence[:start])]
        date, phrase = new[-1] if new else (None, None)
        slips = tuple(found for found, _, _ in dates if found != date)
    elif dates:
        # the date nearest after the meeting is named, else the nearest before it; a phrase
        # there that cannot be read leaves the date unstated
        named = re.search(_MEETING, sentence, re.IGNORECASE)
        at = named.start() if named else 0
        phrases = [m for m in _DATES.finditer(sentence) if m.start() >= at] or [
            *_DATES.finditer(sentence)
        ][-1:]
        nearest = phrases[0].start() if phrases else None
        chosen = [d for d in dates if d[2] == nearest]
        if chosen:
            date, phrase = chosen[0][0], chosen[0][1]
        else:
            phrase = phrases[0][0]
    elif (unread := _DATES.search(sentence)) is not None:
        phrase = unread[0]
    venue = _venue(sentence, lexicon, parties)
    return _Reading(
        index=index,
        sentence=sentence,
        parties=parties,
        mechanism=mechanism,
        ahead=ahead,
        postponed=postponed,
        date=date,
        phrase=phrase,
        slips=slips,
        venue=venue,
        host=_host(sentence, lexicon, parties, venue),
        mode=_mode(sentence),
        ordinal=_ordinal(sentence),
    )


def _tense(sentence: str, *, postponed: bool) -> bool | None:
    """
    Whether a sentence speaks of a meeting ahead (or called off), not one held.

    None if it does not say.
    """
    if postponed:
        return True
    past, future = _PAST.search(sentence), _FUTURE.search(sentence)
    if past and future:
        return future.start() < past.start()
    if past or future:
        return future is not None
    ahead, held = _AHEAD.search(sentence), _HELD.search(sentence)
    if ahead or held:
        return ahead is not None
    return None


def _dates(
    sentence: str, day: dt.date | None, *, ahead: bool
) -> Iterator[tuple[FuzzyDate, str, int]]:
    """
    Yield each date phrase of ``sentence`` that reads as a date, with the phrase and where.

    A dateline's date ("New Delhi, Jun 27:") is the article's, not the round's: left out.
    """
    for match in _DATES.finditer(sentence):
        phrase = match[0]
        said = _bare(phrase)
        if match.start() < 60 and re.match(r"\s*(?:[:(\u2013\u2014]|-\s)", sentence[match.end() :]):
            continue
        try:
            if day is None:
                found = FuzzyDate.from_text(said)
            else:
                found = FuzzyDate.from_text(said, relative_to=day, ahead=ahead)
        except InvalidDate:
            continue
        yield found, phrase, match.start()


def _venue(sentence: str, lexicon: _Lexicon, parties: tuple[str, str]) -> City | None:
    """
    Return the city the meeting meets in: one of the record's, preferring the parties'.
    """
    matches = [m for m in lexicon.city_pattern.finditer(sentence) if not _dateline(sentence, m)]
    placed = [m for m in matches if re.search(r"\b(?:in|at)\s(?:the\s)?$", sentence[: m.start()])]
    found = [lexicon.cities[m[1].lower()] for m in placed or matches]
    if not found:
        return None
    return next((city for city in found if city.country in parties), found[0])


def _dateline(sentence: str, match: re.Match[str]) -> bool:
    """
    Whether a city opens the sentence as a dateline does ("NEW DELHI:", "Tokyo, 5 May -").
    """
    return (
        match.start() == 0
        and re.match(r"\s*(?:[:,(\u2013\u2014-]|\s[0-9])", sentence[match.end() :]) is not None
    )


def _host(
    sentence: str, lexicon: _Lexicon, parties: tuple[str, str], venue: City | None
) -> str | None:
    """
    Return the party that hosts: the one "hosted by", or that "will host", else the city's.
    """
    for pattern in _HOSTED:
        match = pattern.search(sentence)
        codes = [] if match is None else [c for c in lexicon.codes_in(match[1]) if c in parties]
        if codes:
            return codes[-1] if pattern is _HOSTED[1] else codes[0]
    if venue is not None and venue.country in parties:
        return venue.country
    return None


_HOSTED: Final = (
    re.compile(r"hosted by (?:the\s)?([\w.]+(?:\s[\w.]+)?)"),
    re.compile(
        r"([\w.]+(?:\s[\w.]+)?)\s(?:will host|is hosting|hosts|is to host|hosted (?:a|the))\b"
    ),
)


def _mode(sentence: str) -> Mode | None:
    if _HYBRID.search(sentence):
        return Mode.HYBRID
    if _VIRTUAL.search(sentence):
        return Mode.VIRTUAL
    if _IN_PERSON.search(sentence):
        return Mode.IN_PERSON
    return None


def _ordinal(sentence: str) -> int | None:
    match = _ORDINAL.search(sentence)
    if match is None:
        return None
    if match["number"]:
        return int(match["number"]) or None
    return _ORDINALS[match["word"].lower()]


def _proposals(readings: Sequence[_Reading]) -> Iterator[Proposal]:
    """
    Join the readings of each round (a dialogue's rounds ahead and behind apart) into one.
    """
    groups: list[list[_Reading]] = []
    for reading in readings:
        home = next((group for group in groups if _same_round(group, reading)), None)
        if home is None:
            groups.append([reading])
        else:
            home.append(reading)
    for group in groups:
        yield _joined(group[0].parties, ahead=group[0].ahead, group=group)


def _precise(date: FuzzyDate | None, group: Sequence[_Reading]) -> bool:
    """
    Whether a round is set for a day or a few: its date is, or its unread phrase names a day.
    """
    if date is not None:
        return (date.latest - date.earliest).days < 7
    return any(_PRECISE.search(r.phrase or "") for r in group)


def _agrees(phrase: str, date: FuzzyDate) -> bool:
    """
    Whether a phrase without its year (such as "September 6") names ``date`` in its year.
    """
    try:
        return FuzzyDate.from_text(_bare(phrase), year=date.earliest.year) == date
    except InvalidDate:
        return False


def _bare(phrase: str) -> str:
    """
    A date phrase without its "on", "in" or weekday, as ``FuzzyDate.from_text`` reads it.
    """
    said = re.sub(
        rf"^(?:on\s|in\s)?(?:{_WEEKDAY},?\s)?(?=.*[0-9])", "", phrase, flags=re.IGNORECASE
    )
    return said.removeprefix("in ").removeprefix("In ")


def _same_round(group: Sequence[_Reading], reading: _Reading) -> bool:
    """
    Whether ``reading`` speaks of the round ``group`` does.

    The same parties and tense, and no other number or date.
    """
    first = group[0]
    if (first.parties, first.ahead) != (reading.parties, reading.ahead):
        return False
    ordinals = {r.ordinal for r in group if r.ordinal is not None}
    if reading.ordinal is not None and ordinals and reading.ordinal not in ordinals:
        return False
    dates = [r.date for r in group if r.date is not None]
    return reading.date is None or not dates or any(d.overlaps(reading.date) for d in dates)


def _joined(parties: tuple[str, str], *, ahead: bool, group: Sequence[_Reading]) -> Proposal:
    def first(name: str) -> object:
        return next((getattr(r, name) for r in group if getattr(r, name) is not None), None)

    mechanism = next((r.mechanism for r in group if r.mechanism), None)
    postponed = any(r.postponed for r in group)
    # Called off: a new date only where the postponement gives one; other dates were plans.
    # the first date given; where the first sentence names a day it cannot read, a later
    # date only if it is that day ("September 6", then "6 September 2018")
    dated = [r for r in group if r.date is not None and (r.postponed or not postponed)]
    said = group[0].phrase if group[0].date is None else None
    unread = said is not None and _PRECISE.search(said) is not None
    date = dated[0].date if dated else None
    if unread and date is not None and not _agrees(str(said), date):
        date = None
    plans = [r.date for r in group if r.date is not None and r not in dated]
    if not ahead:
        status = RoundStatus.HELD
    elif postponed and date is None:
        status = RoundStatus.POSTPONED
    elif _precise(date, group):
        status = RoundStatus.SCHEDULED
    else:
        status = RoundStatus.PROPOSED
    venue: City | None = first("venue")  # type: ignore[assignment] # a City field
    host: str | None = first("host")  # type: ignore[assignment] # a code field
    if venue is not None and venue.country in parties and host not in (None, venue.country):
        host = venue.country
    slips = tuple(
        Plan(date=slip) for slip in [*(s for r in group for s in r.slips), *plans] if slip != date
    )
    unread = unread or (date is None and any(r.phrase for r in group))
    confidence = 0.5 + 0.2 * (mechanism is not None) + 0.15 * (date is not None)
    confidence += 0.1 * (venue is not None or host is not None) - 0.2 * unread
    return Proposal(
        mechanism=mechanism,
        parties=parties,
        status=status,
        ordinal=first("ordinal"),  # type: ignore[arg-type] # an int field
        date=date,
        venue=venue,
        host=host,
        mode=first("mode"),  # type: ignore[arg-type] # a Mode field
        slipped_from=tuple(dict.fromkeys(slips)),
        evidence=tuple(
            dict.fromkeys(said for r in group for said in (r.named_in, r.sentence) if said)
        ),
        confidence=round(min(0.95, max(0.05, confidence)), 2),
    )

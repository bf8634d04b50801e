"""
Validators: each rule of a single value, written once.

A validator is a small frozen callable, in the style of ``attrs.validators``: attrs calls it
with the instance, the attribute and the value, and it raises :class:`FieldError` (an
:class:`~twoplustwo.exceptions.InvalidModel`) naming the class, the field and the value.
Its settings can be read back, and it carries the JSON Schema keywords of its rule, so the
model, the JSON layer and the schema all read the rule from the same object.

This module sits at the bottom of the package: it imports nothing of twoplustwo but the
exceptions.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Hashable, Iterable
from typing import Any, ClassVar, Final, TypeAlias

import attrs

from twoplustwo.exceptions import FieldError, InvalidModel

Schema: TypeAlias = dict[str, Any]
"""A JSON Schema, or a part of one, as a JSON object."""

SHOWN: Final = 80
"""Echoed values are cut to this many characters in messages."""

# What str.strip() removes: text may not start or end with any of these.
_SPACE: Final = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# Nor with these, which show as nothing: the Mongolian vowel separator, zero-width space,
# non-joiner and joiner, word joiner, and the byte order mark (zero-width no-break space).
# The strategies leave them out of names.
INVISIBLE: Final = "\u180e\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE_ESCAPED: Final = "".join(f"\\u{ord(c):04x}" for c in INVISIBLE)  # shown in the schema
_SURROGATE: Final = re.compile(r"[\ud800-\udfff]")
# Bidi embeddings, overrides and isolates: they reorder the text around them when shown.
_BIDI: Final = r"\u202a-\u202e\u2066-\u2069"
# Control characters no text may hold: C0 but tab and newline, DEL, C1, bidi controls.
_CONTROLS: Final = rf"\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}"
_SLUG: Final = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_CODE: Final = r"[A-Z]{2}"
_URL: Final = rf"https?://[^\x00-\x20\x7f-\x9f{_BIDI}/?#]+[^\x00-\x20\x7f-\x9f{_BIDI}]*"


def whole(pattern: str) -> str:
    r"""
    Return a JSON Schema pattern that matches ``pattern`` against the whole of a string.

    It ends ``$(?!\n)``: a JSON Schema's ``$`` matches at the end only, but Python's, which
    jsonschema's ``re.search`` uses, also matches before a last newline; the lookahead makes
    them the same, so that ``"IN\n"`` is no country code to either.
    """
    return f"^(?:{pattern})$(?!\\n)"


@functools.lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    """
    Compile a validator's pattern once; the validators have a handful of patterns.
    """
    return re.compile(pattern)


def show(value: object) -> str:
    """
    Return a short ``repr`` of ``value`` for a message: at most :data:`SHOWN` characters.

    Integers too long for ``repr`` (Python refuses past 4,300 digits) are described.
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 4000:
        return f"<an integer of about {int(value.bit_length() * 0.30103):,} digits>"
    try:
        text = repr(value)
    except ValueError:  # a container holding such an integer
        return f"<a {type(value).__name__} too large to show>"
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


class Invalid(Exception):
    """
    What a check found wrong with a value; ``suffix`` is the part of the path below the field.
    """

    def __init__(self, value: object, message: str, suffix: str = "") -> None:
        super().__init__(message)
        self.value = value
        self.message = message
        self.suffix = suffix


def field_error(owner: str, field: str, invalid: Invalid) -> FieldError:
    """
    Return the error that says ``field`` of an ``owner`` object holds what ``invalid`` found.
    """
    return FieldError(owner, field, f"{show(invalid.value)} {invalid.message}", invalid.suffix)


def check_argument(validator: Validator, name: str, value: object) -> None:
    """
    Check a function's argument against ``validator``; the error names the argument.

    Raises:
        InvalidModel: ``value`` breaks the rule.
    """
    try:
        validator.check(value)
    except Invalid as invalid:
        raise InvalidModel(
            f"{name}{invalid.suffix}={show(invalid.value)} {invalid.message}"
        ) from None


class Validator:
    """
    The base of every validator: call it as attrs does; override ``check``.
    """

    __slots__ = ()

    def check(self, value: object) -> None:
        """
        Raise :class:`Invalid` if ``value`` breaks the rule.
        """
        raise NotImplementedError

    def schema(self) -> Schema:
        """
        Return the JSON Schema keywords of the rule, for the innermost value it checks.
        """
        return {}

    def array_schema(self) -> Schema:
        """
        Return the JSON Schema keywords of the rule for an array value as a whole.
        """
        return {}

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        try:
            self.check(value)
        except Invalid as invalid:
            raise field_error(type(instance).__name__, attribute.name, invalid) from None


@attrs.frozen
class InstanceOf(Validator):
    """
    The value is an instance of one of ``types`` (a bool is no int unless bool is named).

    Attributes:
        types: The accepted types.
    """

    types: tuple[type, ...]

    def check(self, value: object) -> None:
        if not isinstance(value, self.types) or (
            isinstance(value, bool) and bool not in self.types
        ):
            names = " or ".join(t.__name__ for t in self.types)
            raise Invalid(value, f"is not of type {names}")


def instance_of(*types: type) -> InstanceOf:
    """
    Return a validator that the value is an instance of one of ``types``.
    """
    return InstanceOf(types)


@attrs.frozen
class Matches(Validator):
    """
    The value is text that matches ``pattern`` whole.

    Attributes:
        pattern: The regular expression, also used as the JSON Schema pattern.
        message: What is wrong with a value that does not match.
    """

    pattern: str
    message: str

    def check(self, value: object) -> None:
        if not isinstance(value, str) or not _compiled(self.pattern).fullmatch(value):
            raise Invalid(value, self.message)

    def schema(self) -> Schema:
        return {"pattern": whole(self.pattern)}


@attrs.frozen
class Text(Validator):
    """
    Non-empty Unicode text without surrounding whitespace, and without control characters.

    Refused at either end: whitespace, and the characters that show as nothing (zero-width
    space, non-joiner and joiner, word joiner, byte order mark, Mongolian vowel separator),
    with which two names that look the same would differ.

    Refused anywhere in the text: the C0 controls but tab (and newline, where ``lines``), DEL,
    the C1 controls (U+0080-U+009F), and the bidi embeddings, overrides and isolates
    (U+202A-U+202E, U+2066-U+2069), which can make a terminal, a calendar or an editor show
    text other than what it holds.

    Attributes:
        lines: Whether the text may hold newlines, as a note's paragraphs may.
    """

    lines: bool = False

    message: ClassVar[str] = (
        "must be non-empty text without surrounding whitespace or invisible characters"
    )

    @property
    def refused(self) -> str:
        """
        The characters the text may not hold, as the inside of a regular expression's class.
        """
        return _CONTROLS if self.lines else _CONTROLS + r"\n"

    def check(self, value: object) -> None:
        if (
            not isinstance(value, str)
            or not value.strip()
            or value != value.strip()
            or value[0] in INVISIBLE
            or value[-1] in INVISIBLE
        ):
            raise Invalid(value, self.message)
        if value.isascii() and value.isprintable():
            return
        found = _compiled(f"[{self.refused}]").search(value)
        if found is not None:
            code = f"U+{ord(found[0]):04X}"
            raise Invalid(value, f"holds the control character {code}, which text may not")
        if _SURROGATE.search(value):
            raise Invalid(value, "holds a lone surrogate, which is not Unicode text")

    def schema(self) -> Schema:
        end = f"[^{_SPACE}{_INVISIBLE_ESCAPED}{self.refused}]"
        return {"minLength": 1, "pattern": whole(f"{end}(?:[^{self.refused}]*{end})?")}


@functools.cache
def country_codes() -> frozenset[str]:
    """
    Return the ISO 3166-1 alpha-2 codes of pycountry's database, read once.

    The database file is read as package data through pycountry's resource reader, without
    importing pycountry (which costs tens of milliseconds); where that reader is not there,
    pycountry's own API is asked.
    """
    import importlib.util  # noqa: PLC0415 - deferred, so that `import twoplustwo` skips it
    import json  # noqa: PLC0415 - deferred, so that `import twoplustwo` skips it

    spec = importlib.util.find_spec("pycountry")
    reader = spec.loader.get_resource_reader("pycountry") if spec and spec.loader else None  # type: ignore[attr-defined] # Loader stubs lack the optional resource reader hook
    if reader is None:
        import pycountry  # noqa: PLC0415 - the slow way, only without the reader

        return frozenset(country.alpha_2 for country in pycountry.countries)
    data = reader.files().joinpath("databases", "iso3166-1.json").read_bytes()
    return frozenset(entry["alpha_2"] for entry in json.loads(data)["3166-1"])


@functools.cache
def zone_names() -> frozenset[str]:
    """
    Return the IANA time zone names of the tz database that the tzdata package ships.

    The same names on every host, whatever time zone files the host has.
    """
    text = importlib.resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8")
    return frozenset(text.split())


@functools.cache
def country_zones() -> dict[str, frozenset[str]]:
    """
    Return each country's time zones as the tz database lists them (its ``zone.tab``), read once.

    Older names that link to one of them are not listed; :func:`zone_of` allows them.
    """
    text = importlib.resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    zones: dict[str, set[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, _, zone = line.split("\t")[:3]
            zones.setdefault(code, set()).add(zone)
    return {code: frozenset(names) for code, names in zones.items()}


@functools.cache
def zone_links() -> dict[str, str]:
    """
    Return the tz database's older zone names, each with the name it links to, read once.
    """
    text = importlib.resources.files("tzdata").joinpath("zoneinfo", "tzdata.zi").read_text("utf-8")
    links = (line.split() for line in text.splitlines() if line.startswith("L "))
    return {name: target for _, target, name in links}


def zone_of(country: str, zone: str) -> bool:
    """
    Whether ``zone`` is one of ``country``'s time zones in the tz database, or links to one.
    """
    listed = country_zones().get(country, frozenset())
    return zone in listed or zone_links().get(zone) in listed


@attrs.frozen
class CountryCode(Validator):
    """
    An ISO 3166-1 alpha-2 code of a country that exists, such as ``IN``.
    """

    message: ClassVar[str] = "is not an ISO 3166-1 alpha-2 country code"

    def check(self, value: object) -> None:
        if not isinstance(value, str) or value not in country_codes():
            raise Invalid(value, self.message)

    def schema(self) -> Schema:
        return {"pattern": whole(_CODE)}


@attrs.frozen
class TimeZone(Validator):
    """
    An IANA time zone of a place, such as ``Asia/Kolkata``, or ``UTC``.

    Only names of the tz database as the tzdata package ships it, and of the Area/Location
    form: legacy names such as ``EST`` or ``GB`` are no city's zone.
    """

    message: ClassVar[str] = "is not an IANA time zone"
    pattern: ClassVar[str] = r"UTC|[A-Za-z][A-Za-z0-9_+-]{0,29}(?:/[A-Za-z0-9_+-]{1,30}){1,2}"

    def check(self, value: object) -> None:
        if (
            not isinstance(value, str)
            or not _compiled(self.pattern).fullmatch(value)
            or value not in zone_names()
        ):
            raise Invalid(value, self.message)

    def schema(self) -> Schema:
        return {"pattern": whole(self.pattern)}


@attrs.frozen
class Count(Validator):
    """
    An int (not a bool) from ``minimum`` to ``maximum``.

    Attributes:
        minimum: The smallest allowed value.
        maximum: The largest allowed value.
    """

    minimum: int
    maximum: int

    def check(self, value: object) -> None:
        if not isinstance(value, int) or isinstance(value, bool):
            raise Invalid(value, "is not of type int")
        if not self.minimum <= value <= self.maximum:
            raise Invalid(value, f"must be in {self.minimum}-{self.maximum}")

    def schema(self) -> Schema:
        return {"minimum": self.minimum, "maximum": self.maximum}


@attrs.frozen
class Probability(Validator):
    """
    A number (int or float, not a bool) from 0 to 1.
    """

    def check(self, value: object) -> None:
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise Invalid(value, "is not a number")
        if not 0 <= value <= 1:
            raise Invalid(value, "must be from 0 to 1")

    def schema(self) -> Schema:
        return {"minimum": 0, "maximum": 1}


@attrs.frozen
class Chances(Validator):
    """
    (party code, chance) pairs, each chance from 0 to 1, together summing to 1; or none.
    """

    def check(self, value: object) -> None:
        if not isinstance(value, tuple):
            raise Invalid(value, "is not a tuple")
        for index, pair in enumerate(value):
            if not isinstance(pair, tuple) or len(pair) != 2 or not isinstance(pair[0], str):
                raise Invalid(pair, "is not a (party code, chance) pair", f"[{index}]")
            try:
                Probability().check(pair[1])
            except Invalid as invalid:
                raise Invalid(invalid.value, invalid.message, f"[{index}][1]") from None
        if value and abs(sum(pair[1] for pair in value) - 1) > 1e-9:
            raise Invalid(value, "do not sum to 1")

    def schema(self) -> Schema:
        return {"minimum": 0, "maximum": 1}


@attrs.frozen
class Optional(Validator):
    """
    None, or a value that ``inner`` accepts.

    Attributes:
        inner: The rule for values other than None.
    """

    inner: Validator

    def check(self, value: object) -> None:
        if value is not None:
            self.inner.check(value)

    def schema(self) -> Schema:
        return self.inner.schema()

    def array_schema(self) -> Schema:
        return self.inner.array_schema()


@attrs.frozen
class TupleOf(Validator):
    """
    A tuple whose items ``item`` accepts, with at least ``min_items``, none twice if ``unique``.

    Attributes:
        item: The rule for each item.
        min_items: The fewest items allowed.
        unique: Whether an item may appear twice.
    """

    item: Validator
    min_items: int = 0
    unique: bool = False

    def check(self, value: object) -> None:
        if not isinstance(value, tuple):
            raise Invalid(value, "is not a tuple")
        for index, item in enumerate(value):
            try:
                self.item.check(item)
            except Invalid as invalid:
                raise Invalid(
                    invalid.value, invalid.message, f"[{index}]{invalid.suffix}"
                ) from None
        if len(value) < self.min_items:
            count = self.min_items
            raise Invalid(value, f"must have at least {count} item{'s' if count > 1 else ''}")
        if self.unique:
            first_twice = _first_repeat(value)  # the items passed their rule: all hashable
            if first_twice is not None:
                raise Invalid(value, f"names {show(first_twice)} twice")

    def schema(self) -> Schema:
        return self.item.schema()

    def array_schema(self) -> Schema:
        keywords: Schema = {}
        if self.min_items:
            keywords["minItems"] = self.min_items
        if self.unique:
            keywords["uniqueItems"] = True
        return keywords


def _first_repeat(items: Iterable[Hashable]) -> Hashable | None:
    """
    Return the first item that appears a second time, or None; linear, through a set.
    """
    seen: set[Hashable] = set()
    for item in items:
        if item in seen:
            return item
        seen.add(item)
    return None


def unique(what: str, keys: Iterable[Hashable]) -> None:
    """
    Raise InvalidModel if a key appears twice; ``what`` names the keys in the message.
    """
    repeated = _first_repeat(keys)
    if repeated is not None:
        raise InvalidModel(f"{what} {show(repeated)} appears twice")


TEXT: Final = Text()
NOTE: Final = Text(lines=True)
SLUG: Final = Matches(_SLUG, "is not a lowercase slug like 'in-us'")
URL: Final = Matches(_URL, "is not an absolute http(s) URL")
CODE: Final = CountryCode()
ZONE: Final = TimeZone()
ORDINAL: Final = Count(1, 9999)

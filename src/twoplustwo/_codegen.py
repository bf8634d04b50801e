"""
Compiled readers and writers of the model classes: the fast path of ``loads`` and ``dumps``.

For each class, a function is generated from its attrs fields and compiled once, the way
attrs and cattrs generate theirs:

- the *reader* takes a parsed JSON value and returns the instance, or raises. It checks
  JSON types, unknown and missing keys and the fields' checks in one expression a field,
  builds the instance without calling ``__init__`` (whose validators would check the same
  values again), then runs what it did not inline: any other validator, and
  ``__attrs_post_init__``. It does not say what is wrong: ``loads`` asks the detailed
  converter for that, so a reader may raise any exception. Of the values ``json.loads``
  makes, it accepts exactly those the converter and the classes accept
  (tests/test_codegen.py holds it to that).
- the *writer* returns the JSON value of an instance, by the converter's rules.

Only the field types the model uses are supported; any other is an :class:`Unsupported`
error when the functions are built, never a silent slow path.
"""

from __future__ import annotations

import enum
import functools
import linecache
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs
import pendulum

from twoplustwo._dates import FuzzyDate, _canonical, _parse_text, _to_date
from twoplustwo._model import (
    _SLUG,
    _SURROGATE,
    CHECKS,
    _country_code,
    _slug,
    _text,
    _timezone,
    country_codes,
)
from twoplustwo._model import known_zone as _known_zone

Reader = Callable[[Any], Any]
Writer = Callable[[Any], Any]

_MISSING: Final = object()

# The conditions, over a value ``{v}`` known to be a string, under which it passes a check:
# the checks of _model restated inline, as a call a field is what the readers avoid.
# tests/test_codegen.py compares readers with the checks themselves, so the two agree.
_STRING_CHECKS: Final[dict[object, str]] = {
    _text: "{v} and {v} == {v}.strip()",
    _slug: "_slug_match({v}) is not None",
    _country_code: "{v} in _codes",
    _timezone: "_known_zone({v})",
}


class Unsupported(TypeError):
    """
    A field the generator has no code for.
    """


def _bad() -> None:
    raise ValueError


def _members(tp: Any) -> tuple[Any, ...]:
    """
    Return the members of a union type, or ``(tp,)``.
    """
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        return typing.get_args(tp)
    return (tp,)


def _produces(tp: Any, allowed: tuple[type, ...]) -> bool:
    """
    Whether every value read as ``tp`` passes ``_instance_of(*allowed)``.
    """
    return all(
        isinstance(member, type)
        and issubclass(member, allowed)
        and (member is not bool or bool in allowed)
        for member in _members(tp)
    )


@attrs.frozen
class TaggedUnion:
    """
    A union of model classes told apart in JSON by a tag key.

    Attributes:
        name: A name for its reader and writer.
        key: The tag key, such as ``kind``.
        tags: The tag value of each member class.
    """

    name: str
    key: str
    tags: Mapping[type, str]


class _Generator:
    """
    Generate the readers and writers of a closed set of attrs classes.
    """

    def __init__(
        self,
        unions: Mapping[Any, TaggedUnion],
        extra: Mapping[type, tuple[str, str]],
        read_day: Callable[[Any], pendulum.Date],
        dates: dict[str, FuzzyDate],
    ) -> None:
        self.unions = unions
        self.extra = dict(extra)  # a key and value a class's JSON object carries besides its fields
        for union in unions.values():
            self.extra.update({cls: (union.key, tag) for cls, tag in union.tags.items()})
        self.lines: list[str] = []
        self.tables: dict[str, Mapping[Any, str]] = {}
        self.names: dict[str, object] = {
            "_bad": _bad,
            "_M": _MISSING,
            "_sur": _SURROGATE.search,
            "_slug_match": _SLUG.fullmatch,
            "_known_zone": _known_zone,
            "_codes": country_codes(),
            "_dates_get": dates.get,
            "_read_date": functools.partial(_read_date, dates),
            "_canonical": _canonical,
            "_day": read_day,
            "_str": str,
            "_int": int,
            "_bool": bool,
            "_list": list,
            "_tuple": tuple,
        }

    def name(self, value: object, hint: str) -> str:
        """
        Return a global name of the generated code that refers to ``value``.
        """
        for name, known in self.names.items():
            if known is value:
                return name
        name = f"_{hint}"
        if name in self.names:
            name = f"_{hint}_{len(self.names)}"
        self.names[name] = value
        return name

    def _class(self, cls: type) -> str:
        """
        Return the name of ``cls`` in the generated code; its functions are named after it.
        """
        return self.name(cls, cls.__name__)

    def _read(self, tp: Any, check: object, v: str, depth: int) -> tuple[str, bool]:
        """
        Return an expression reading JSON value ``v`` (a name) as ``tp``, and its coverage.

        ``check`` is the field's check for this value, or None; the coverage says whether
        the expression does all of it. If not, the field's validator runs as well.
        """
        found: tuple[str | None, Any] = CHECKS.get(check, (None, None))
        kind, inner = found
        if kind == "type" and _produces(tp, inner):
            check, kind = None, None
        members = _members(tp)
        if len(members) == 2 and type(None) in members:
            (item,) = (m for m in members if m is not type(None))
            expr, covered = self._read(item, inner if kind == "optional" else None, v, depth)
            return f"(None if {v} is None else {expr})", covered and (
                check is None or kind == "optional"
            )
        if typing.get_origin(tp) is tuple:
            return self._read_tuple(tp, check, v, depth)
        if tp is str:
            condition = f"type({v}) is _str and ({v}.isascii() or not _sur({v}))"
            test = _STRING_CHECKS.get(check)
            if test is not None:
                condition += " and " + test.format(v=v)
            return f"({v} if {condition} else _bad())", check is None or test is not None
        return self._read_other(tp, v), check is None

    def _read_other(self, tp: Any, v: str) -> str:
        """
        Return an expression reading ``v`` as ``tp``, a type with no check to inline.
        """
        if tp in self.unions:
            return f"{self.unions[tp].name}_read({v})"
        if tp in (int, bool):
            return f"({v} if type({v}) is _{tp.__name__} else _bad())"
        if tp is FuzzyDate:
            return f"((_dates_get({v}) or _read_date({v})) if type({v}) is _str else _bad())"
        if tp is pendulum.Date:
            return f"_day({v})"
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            table = f"{self.name(tp, tp.__name__)}_values"
            self.names.setdefault(table, {member.value: member for member in tp})
            return f"({table}[{v}] if type({v}) is _str else _bad())"
        if attrs.has(tp):
            return f"{self._class(tp)}_read({v})"
        raise Unsupported(f"no reader for {tp!r}")

    def _read_tuple(self, tp: Any, check: object, v: str, depth: int) -> tuple[str, bool]:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            shape = f"type({v}) is _list"
        elif len(set(args)) == 1:
            shape = f"type({v}) is _list and len({v}) == {len(args)}"
        else:
            raise Unsupported(f"no reader for {tp!r}: only tuple[X, ...] and tuple[X, X]")
        kind, inner = CHECKS.get(check, (None, None))
        i = f"i{depth}"
        item, covered = self._read(args[0], inner if kind == "tuple" else None, i, depth + 1)
        expr = f"(_tuple([{item} for {i} in {v}]) if {shape} else _bad())"
        return expr, covered and (check is None or kind == "tuple")

    def reader(self, cls: type) -> None:
        """
        Add ``<cls>_read(o)``.
        """
        if hasattr(cls, "__attrs_pre_init__"):
            raise Unsupported(f"{cls.__name__} has __attrs_pre_init__, which readers do not run")
        name = self._class(cls)
        hints = typing.get_type_hints(cls)
        lines = [f"def {name}_read(o):", "    if type(o) is not dict: _bad()"]
        used = 0
        extra = self.extra.get(cls)
        if extra is not None:
            lines.append(f"    if o.get({extra[0]!r}) != {extra[1]!r}: _bad()")
            used += 1
        lines.append("    used = 0")
        after = []
        lines.append(f"    self = {self.name(cls.__new__, 'new')}({name})")
        for index, field in enumerate(attrs.fields(cls)):
            _check_plain(cls, field)
            v, x = f"v{index}", f"x{index}"
            check = CHECKS.get(field.validator, (None, None))[1]
            expr, covered = self._read(hints[field.name], check, v, 0)
            if field.default is attrs.NOTHING:
                used += 1
                lines.append(f"    {v} = o[{field.name!r}]")
                lines.append(f"    {x} = {expr}")
            else:
                default = self.name(field.default, "default")
                lines.append(f"    {v} = o.get({field.name!r}, _M)")
                lines.append(f"    if {v} is _M: {x} = {default}")
                lines.append(f"    else: {x} = {expr}; used += 1")
            setter = self.name(_slot(cls, field.name).__set__, f"{name[1:]}_set_{field.name}")
            lines.append(f"    {setter}(self, {x})")
            if field.validator is not None and not (covered and field.validator in CHECKS):
                check = self.name(field.validator, f"{name[1:]}_check_{field.name}")
                attribute = self.name(field, f"{name[1:]}_{field.name}")
                after.append(f"    {check}(self, {attribute}, {x})")
        lines.append(f"    if len(o) != used + {used}: _bad()")
        lines.extend(after)
        if hasattr(cls, "__attrs_post_init__"):
            lines.append("    self.__attrs_post_init__()")
        lines.append("    return self")
        self.lines.extend(lines)

    def _write(self, tp: Any, x: str, depth: int) -> str:  # noqa: PLR0911 - a return per kind of type
        """
        Return an expression for the JSON value of ``x`` (a name), of type ``tp``.
        """
        members = _members(tp)
        if len(members) == 2 and type(None) in members:
            (item,) = (m for m in members if m is not type(None))
            inner = self._write(item, x, depth)
            return x if inner == x else f"(None if {x} is None else {inner})"
        if typing.get_origin(tp) is tuple:
            i = f"i{depth}"
            item = self._write(typing.get_args(tp)[0], i, depth + 1)
            return f"_list({x})" if item == i else f"[{item} for {i} in {x}]"
        if tp in self.unions:
            return f"{self.unions[tp].name}_write({x})"
        if tp in (str, int, bool):
            return x
        if tp is FuzzyDate:
            return f"_canonical({x}.earliest, {x}.latest)"
        if tp is pendulum.Date:
            return f"{x}.isoformat()"
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return f"{x}._value_"
        if attrs.has(tp):
            return f"{self._class(tp)}_write({x})"
        raise Unsupported(f"no writer for {tp!r}")

    def writer(self, cls: type) -> None:
        """
        Add ``<cls>_write(o)``.
        """
        name = self._class(cls)
        hints = typing.get_type_hints(cls)
        items = []
        extra = self.extra.get(cls)
        if extra is not None:
            items.append(f"{extra[0]!r}: {extra[1]!r}")
        lines = [f"def {name}_write(o):"]
        for index, field in enumerate(attrs.fields(cls)):
            w = f"w{index}"
            lines.append(f"    {w} = o.{field.name}")
            items.append(f"{field.name!r}: {self._write(hints[field.name], w, 0)}")
        lines.append("    return {" + ", ".join(items) + "}")
        self.lines.extend(lines)

    def union(self, union: TaggedUnion) -> None:
        """
        Add ``<union>_read(o)`` and ``<union>_write(o)``, which dispatch on the tag.
        """
        readers = {tag: f"{self._class(cls)}_read" for cls, tag in union.tags.items()}
        writers = {cls: f"{self._class(cls)}_write" for cls in union.tags}
        self.tables[f"{union.name}_readers"] = readers
        self.tables[f"{union.name}_writers"] = writers
        self.lines.extend(
            [
                f"def {union.name}_read(o):",
                f"    return {union.name}_readers[o[{union.key!r}]](o)",
                f"def {union.name}_write(o):",
                f"    return {union.name}_writers[type(o)](o)",
            ]
        )

    def compile(self, filename: str) -> dict[str, Any]:
        """
        Compile what was added; return the namespace it defines.
        """
        text = "\n".join(self.lines) + "\n"
        linecache.cache[filename] = (len(text), None, text.splitlines(keepends=True), filename)
        namespace: dict[str, Any] = dict(self.names)
        exec(compile(text, filename, "exec"), namespace)  # noqa: S102 - code we generated
        for table, functions in self.tables.items():
            namespace[table] = {key: namespace[name] for key, name in functions.items()}
        return namespace


_MOST_DATES: Final = 1 << 16
"""How many dates ``dates`` keeps before it starts again, should reads overlap for ever."""


def _read_date(dates: dict[str, FuzzyDate], text: str) -> FuzzyDate:
    date = _parse_text(text)
    if len(dates) >= _MOST_DATES:
        dates.clear()
    dates[text] = date
    return date


def _slot(cls: type, name: str) -> Any:
    """
    Return the slot descriptor of attribute ``name`` of ``cls``, which readers set directly.
    """
    descriptor = getattr(cls, name, None)
    if not isinstance(descriptor, types.MemberDescriptorType):
        raise Unsupported(f"{cls.__name__}.{name} is not a slot: only slotted classes are read")
    return descriptor


def _check_plain(cls: type, field: attrs.Attribute[Any]) -> None:
    """
    Refuse a field whose initialisation does more than store the value.
    """
    converter: object = field.converter
    plain = (
        field.init
        and field.alias == field.name
        and not isinstance(field.default, attrs.Factory)  # type: ignore[arg-type] # Factory is a class
        and (converter is None or converter is _to_date)  # a Date stays as it is
    )
    if not plain:
        raise Unsupported(f"{cls.__name__}.{field.name} is not a plain field")


def build(
    classes: tuple[type, ...],
    unions: Mapping[Any, TaggedUnion],
    extra: Mapping[type, tuple[str, str]],
    read_day: Callable[[Any], pendulum.Date],
    dates: dict[str, FuzzyDate],
) -> tuple[dict[Any, Reader], dict[Any, Writer]]:
    """
    Generate and compile the reader and writer of each class and union.

    Args:
        classes: The attrs classes, including every class their fields refer to.
        unions: The unions of classes that fields refer to, by their type.
        extra: A key and constant value that a class's JSON object carries too.
        read_day: Reads a ``pendulum.Date`` from JSON, raising on anything else.
        dates: Where readers keep the FuzzyDate of each EDTF string they parse, as a
            document repeats its dates; the caller empties it when a read is over.

    Raises:
        Unsupported: A field has a type or an initialisation the generator cannot do.
    """
    generator = _Generator(unions, extra, read_day, dates)
    for cls in classes:
        generator.reader(cls)
        generator.writer(cls)
    for union in unions.values():
        generator.union(union)
    namespace = generator.compile("<twoplustwo generated readers and writers>")
    readers: dict[Any, Reader] = {}
    writers: dict[Any, Writer] = {}
    for key in (*classes, *unions):
        name = unions[key].name if key in unions else generator.name(key, "cls")
        readers[key] = namespace[f"{name}_read"]
        writers[key] = namespace[f"{name}_write"]
    return readers, writers

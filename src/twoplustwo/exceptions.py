"""
The exceptions twoplustwo raises: all derive from :class:`Error`.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "DecodeError",
    "Error",
    "FieldError",
    "InvalidDate",
    "InvalidModel",
    "MissingExtra",
    "NotForecastable",
    "Problem",
    "UnknownId",
    "UnknownMechanism",
]


class Error(ValueError):
    """
    Base class of every error twoplustwo raises.
    """


class InvalidModel(Error):
    """
    A model object would break one of its invariants; the message names the field and the value.
    """


class FieldError(InvalidModel):
    """
    One field of a model object is wrong; ``field``, ``path`` and ``problem`` say which and how.

    Attributes:
        field: The field's name.
        path: Where in the field, such as ``participants[2].name``.
        problem: The value, shown short, and what is wrong with it.
    """

    def __init__(self, owner: str, field: str, problem: str, suffix: str = "") -> None:
        self.field = field
        self.path = field + suffix
        self.problem = problem
        super().__init__(f"{owner}.{self.path}={problem}")


class InvalidDate(InvalidModel):
    """
    A date, date string or date phrase is not valid or cannot be read.
    """


@attrs.frozen
class Problem:
    """
    One problem of a JSON document: where it is, and what is wrong.

    Attributes:
        path: The JSON path of the value, such as ``$.mechanisms[0].rounds[2].date``.
        message: What is wrong with it.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.message} @ {self.path}"


class DecodeError(Error):
    """
    A JSON document cannot be decoded; ``problems`` lists each problem with its JSON path.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the JSON document"
        super().__init__(head + ":\n" + "\n".join(f"- {p}" for p in self.problems))


class MissingExtra(Error, ModuleNotFoundError):
    """
    An optional dependency is not installed; the message names the extra that brings it.
    """

    def __init__(self, module: str, extra: str, what: str) -> None:
        super().__init__(f"{what} needs {module}: pip install 'twoplustwo[{extra}]'")
        self.name = module
        self.extra = extra


class NotForecastable(Error):
    """
    The next round of a mechanism cannot be forecast; the message says why.
    """


class UnknownId(Error, LookupError):
    """
    No object of the asked kind has that id; ``known`` holds the ids there are.
    """

    def __init__(self, kind: str, key: str, known: tuple[str, ...]) -> None:
        self.kind = kind
        self.key = key
        self.known = known
        listing = ", ".join(known) if known else "none"
        super().__init__(f"no {kind} with id {key!r}; known ids: {listing}")

    def __str__(self) -> str:
        return str(self.args[0])


class UnknownMechanism(UnknownId):
    """
    No mechanism goes by the requested name; the message suggests the likeliest and lists ids.
    """

    def __init__(
        self, mechanism_id: str, known: tuple[str, ...], meant: tuple[str, ...] = ()
    ) -> None:
        super().__init__("mechanism", mechanism_id, known)
        self.meant = meant

    def __str__(self) -> str:
        said = super().__str__()
        if not self.meant:
            return said
        return f"{said}; did you mean {' or '.join(self.meant)}?"

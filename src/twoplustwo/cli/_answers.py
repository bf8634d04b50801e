"""
The commands that answer questions about the record: next, list, show, backtest, risks, evaluate.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Final

import pendulum

import twoplustwo as tpt
from twoplustwo import Mechanism, NotForecastable, backtest, dumps, next_round
from twoplustwo._learning import LEADS, LEVEL, MONTH, Pool
from twoplustwo._render import history, hosts, table, text_width, wrapped
from twoplustwo._rotation import rule_of
from twoplustwo.cli._options import (
    AS_OF_HELP,
    MECHANISM,
    Commands,
    as_of,
    country,
    load,
    load_mechanism,
    mechanism,
    subcommand,
)
from twoplustwo.cli._output import Json

_LEVEL_HELP = "the share of past gaps a window covers"

STATES: Final = (
    "announced",
    "proposed",
    "postponed",
    "expected",
    "overdue",
    "dormant",
    "suspended",
    "ended",
    "no rounds",
)
"""The states `list` shows, as `Forecast.state` names them, and those with no forecast."""


def add_next(commands: Commands) -> None:
    """
    Add ``next``: the forecast of a mechanism's next round, with the reasons.
    """
    command = subcommand(
        commands,
        "next",
        "forecast the next round of a mechanism, with the reasons",
        "twoplustwo next in-us --as-of 2021-12-24",
        handler=_next,
    )
    command.add_argument("mechanism", **MECHANISM)
    command.add_argument("--as-of", metavar="DATE", help=AS_OF_HELP)
    command.add_argument("--level", type=float, default=LEVEL, help=_LEVEL_HELP)


def _next(args: argparse.Namespace) -> tuple[str, int]:
    found, pool = load_mechanism(args)
    day = as_of(args) or pendulum.today().date()
    try:
        forecast = next_round(found, as_of=day, level=args.level, context=pool)
    except NotForecastable:
        stopped = _stopped(found, day)
        if stopped is None:
            raise
        if args.json:
            return Json(json.dumps({"mechanism": found.id, "state": stopped[0]})), 0
        data = f"as of {pool.as_of.format('D MMMM YYYY')}"
        lines = [f"{found.name} ({found.id})", *wrapped(f"State: {stopped[1]}")]
        return "\n".join([*lines, *wrapped(f"Data:  {data}")]), 0
    if forecast.stale and not args.json:
        age = (forecast.as_of - pool.as_of).days / MONTH
        print(
            f"twoplustwo: warning: the data is {age:.0f} months older than this forecast "
            f"(data as of {pool.as_of.isoformat()}); a round may have been held since",
            file=sys.stderr,
        )
    if args.json:
        return Json(dumps(forecast, indent=2)), 0
    return forecast.explain(found.name, width=text_width()), 0


def _stopped(found: Mechanism, day: pendulum.Date) -> tuple[str, str] | None:
    """
    The state of a suspended or ended mechanism, and its answer in words; None otherwise.
    """
    status = found.status_on(day)
    if status not in (tpt.MechanismStatus.SUSPENDED, tpt.MechanismStatus.ENDED):
        return None
    change = [c for c in found.status_changes if c.date.earliest <= day][-1]
    said = f"{status.value} since {change.date.phrase()}: no next round is expected"
    return status.value, said + (f". {change.note}" if change.note else ".")


def add_list(commands: Commands) -> None:
    """
    Add ``list``: the mechanisms, each with its state.
    """
    command = subcommand(
        commands,
        "list",
        "list the mechanisms, each with its state",
        "twoplustwo list --overdue",
        handler=_list,
    )
    command.add_argument("--as-of", metavar="DATE", help=AS_OF_HELP)
    command.add_argument(
        "--overdue", action="store_true", help="only the overdue and the dormant dialogues"
    )
    command.add_argument(
        "--state",
        action="append",
        default=[],
        choices=STATES,
        metavar="STATE",
        help=f"only dialogues in this state (may be repeated): {', '.join(STATES)}",
    )


def _list(args: argparse.Namespace) -> tuple[str, int]:
    dataset = load(args)
    if args.json:
        return _json_list(dataset.mechanisms), 0
    wanted = set(args.state) | ({"overdue", "dormant"} if args.overdue else set())
    rows = [("ID", "STATE", "CHECKED", "LAST ROUND", "NEXT ROUND (FORECAST)")]
    today = as_of(args) or pendulum.today().date()
    pool = Pool.of(dataset)  # the gaps every forecast pools, worked out once
    for each in dataset.mechanisms:
        held = each.held
        last = "-"
        if held:
            hosting = each.hostings(each.rounds[: len(held)])[-1]
            last = f"{held[-1].ordinal}: {held[-1].date} {hosting.host or '-'}"
        try:
            forecast = next_round(each, as_of=today, context=pool)
        except NotForecastable:
            stopped = _stopped(each, today)
            state, upcoming = (stopped[0] if stopped else "no rounds"), "-"
        else:
            host = " or ".join(hosts(forecast)) or "-"
            state, upcoming = forecast.state, f"{forecast.ordinal}: {forecast.window} {host}"
        checked = each.checked.isoformat() if each.checked is not None else "-"
        if not wanted or state in wanted:
            rows.append((each.id, state, checked, last, upcoming))
    footer = wrapped(
        f"Data as of {dataset.as_of.isoformat()}; answers as of {today.isoformat()}. "
        "CHECKED: the day each dialogue was last checked against the news. Hosts are party "
        "codes."
    )
    if len(rows) == 1:
        return "\n".join([f"No dialogue is {' or '.join(sorted(wanted))}.", "", *footer]), 0
    return "\n".join([*table(rows), "", *footer]), 0


def _json_list(items: Sequence[object]) -> str:
    # The converter is built on first use: only the --json lists need it.
    unstructure = tpt.converter.unstructure
    return Json(json.dumps([unstructure(item) for item in items], indent=2, ensure_ascii=False))


def add_show(commands: Commands) -> None:
    """
    Add ``show``: the history of a mechanism, round by round.
    """
    command = subcommand(
        commands,
        "show",
        "show the history of a mechanism, round by round",
        "twoplustwo show in-us",
        handler=_show,
    )
    command.add_argument("mechanism", **MECHANISM)


def _show(args: argparse.Namespace) -> tuple[str, int]:
    dataset = load(args)
    found = mechanism(args, dataset)
    if args.json:
        return Json(dumps(found, indent=2)), 0
    lines = [f"{found.name} ({found.id})"]
    parties = " and ".join(f"{c.name} ({c.code})" for c in found.parties)
    lines += wrapped(f"Between {parties}; {rule_of(found)}.")
    checked = found.checked
    lines += wrapped(
        f"Last checked against the news on {checked.format('D MMMM YYYY')}."
        if checked is not None
        else "Not recorded as checked against the news."
    )
    lines.append("")
    if not found.rounds:
        lines.append("No rounds on record.")
    else:
        lines += history(found)
    lines.append(f"\nData as of {dataset.as_of.isoformat()}.")
    return "\n".join(lines), 0


def add_backtest(commands: Commands) -> None:
    """
    Add ``backtest``: the rotation checked against the recorded hosts.
    """
    command = subcommand(
        commands,
        "backtest",
        "check the rotation against the recorded hosts",
        "twoplustwo backtest in-us",
        handler=_backtest,
    )
    command.add_argument("mechanism", **MECHANISM)


def _backtest(args: argparse.Namespace) -> tuple[str, int]:
    found = mechanism(args, load(args))
    rows = backtest(found)
    if args.json:
        return _json_list(rows), 0
    if not rows:
        why = "no held round after the first has a recorded venue"
        return "\n".join(wrapped(f"{found.id}: nothing to backtest yet: {why}.")), 0
    cells = [("ROUND", "PREDICTED", "ACTUAL", "HIT")]
    cells += [
        (str(r.ordinal), r.predicted.name, r.actual.name, "yes" if r.hit else "no") for r in rows
    ]
    hits = sum(r.hit for r in rows)
    return "\n".join([*table(cells), f"\n{hits} of {len(rows)} predicted."]), 0


def add_risks(commands: Commands) -> None:
    """
    Add ``risks``: the sanction risks, of one country if given.
    """
    command = subcommand(
        commands,
        "risks",
        "list the sanction risks, of one country if given",
        "twoplustwo risks IN",
        handler=_risks,
    )
    command.add_argument("country", metavar="COUNTRY", nargs="?", help="an ISO 3166-1 code")


def _risks(args: argparse.Namespace) -> tuple[str, int]:
    dataset = load(args)
    code = None if args.country is None else country(args.country)
    found = [
        r
        for r in dataset.sanction_risks
        if code is None or code in (r.imposed_by, r.exposed, r.counterparty)
    ]
    if args.json:
        return _json_list(found), 0
    if not found:
        return f"No sanction risks on record{f' for {code}' if code else ''}.", 0
    lines: list[str] = []
    for risk in found:
        lines.append(f"{risk.id}: {risk.law}")
        party = f", over dealings with {risk.counterparty}" if risk.counterparty else ""
        lines += wrapped(f"{risk.imposed_by} may sanction {risk.exposed}{party}.", "  ")
        lines += wrapped(f"Trigger: {risk.trigger}.", "  ")
        status = f"Status: {risk.status.value} as of {risk.as_of.isoformat()}"
        decided = f"; decided by {risk.decided_by}" if risk.decided_by else ""
        lines += wrapped(status + decided + ".", "  ")
    return "\n".join(lines), 0


def add_evaluate(commands: Commands) -> None:
    """
    Add ``evaluate``: every dialogue replayed, its forecasts scored beside simple baselines.
    """
    command = subcommand(
        commands,
        "evaluate",
        "replay every dialogue and score the forecasts beside simple baselines",
        "twoplustwo evaluate --level 0.8",
        handler=_evaluate,
    )
    command.add_argument("--level", type=float, default=LEVEL, help=_LEVEL_HELP)
    command.add_argument(
        "--lead",
        type=int,
        choices=LEADS[1:],
        help="score each round as forecast this many days before it (default: on the day of "
        "the round before it)",
    )
    command.add_argument("--as-of", metavar="DATE", help=AS_OF_HELP)


def _evaluate(args: argparse.Namespace) -> tuple[str, int]:
    board = tpt.evaluate(load(args), level=args.level)
    if args.json:
        return Json(json.dumps(tpt.converter.unstructure(board), indent=2)), 0
    lead = args.lead
    ids = list(dict.fromkeys(score.mechanism for score in board.scores))
    hosts: list[tuple[str, ...]] = [
        ("HOST", "N", "TWOPLUSTWO", "+NEWS", "BRIER", "BY NUMBER", "PREVIOUS", "12-MONTH")
    ]
    cities: list[tuple[str, ...]] = [
        ("CITY", "N", "TWOPLUSTWO", "+NEWS", "BY NUMBER", "PREVIOUS", "12-MONTH")
    ]
    windows: list[tuple[str, ...]] = [
        ("WINDOW", "N", "COVERED", "WIDTH", "+NEWS", "WIDTH", "12-MONTH", "WIDTH")
    ]
    for each in ids:
        ours, news, *others = (board.score(each, method, lead) for method in tpt.METHODS)
        brier = "-" if ours.brier is None else f"{ours.brier:.2f}"
        rates = (_percent(other.accuracy) for other in others)
        hosts.append(
            (each, str(ours.hosts), _percent(ours.accuracy), _percent(news.accuracy), brier, *rates)
        )
        rates = (_percent(other.city_accuracy) for other in others)
        cities.append(
            (
                each,
                str(ours.cities),
                _percent(ours.city_accuracy),
                _percent(news.city_accuracy),
                *rates,
            )
        )
        old = others[-1]
        windows.append(
            (
                each,
                str(ours.windows),
                *(
                    part
                    for score in (ours, news, old)
                    for part in (_percent(score.coverage), _months(score.median_width_months))
                ),
            )
        )
    when = "on the day of the round before it" if lead is None else f"{lead} days before it"
    head = (
        f"Each round forecast {when}, from the rounds before it only; windows at "
        f"{board.level:.0%}. +NEWS: twoplustwo with the round's announcements published by "
        "then. Host columns: the share of hosts right (and twoplustwo's Brier score of its "
        "chances, 0 best). City columns: the share of venues right where the record names "
        "one; twoplustwo learns each host's usual city, the baselines take its capital. "
        "Widths in months."
    )
    body = [*table(hosts), "", *table(cities), "", *table(windows), "", *_by_lead(board)]
    return "\n".join([*wrapped(head), "", *body]), 0


def _by_lead(board: tpt.Scoreboard) -> list[str]:
    """
    The overall scores at each lead time: how much the announcements known by then add.
    """
    rows: list[tuple[str, ...]] = [
        ("ALL, BY LEAD", "N", "NEWS", "HOSTS", "+NEWS", "CITIES", "+NEWS", "COVERED", "+NEWS")
    ]
    widths: list[tuple[str, ...]] = [("ALL, BY LEAD", "N", "WIDTH", "+NEWS", "12-MONTH")]
    for lead in LEADS:
        ours, news, *_, old = (board.score("all", method, lead) for method in tpt.METHODS)
        label = "last round" if lead is None else f"{lead} days"
        rows.append(
            (
                label,
                str(ours.rounds),
                _percent(ours.announced / ours.rounds if ours.rounds else None),
                _percent(ours.accuracy),
                _percent(news.accuracy),
                _percent(ours.city_accuracy),
                _percent(news.city_accuracy),
                _percent(ours.coverage),
                _percent(news.coverage),
            )
        )
        widths.append(
            (
                label,
                str(ours.windows),
                *(_months(score.median_width_months) for score in (ours, news, old)),
            )
        )
    return [*table(rows), "", *table(widths)]


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _months(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"

"""
The embedded dataset holds every fact of the source document, each with its source.
"""

from __future__ import annotations

from importlib import resources

import pendulum

import twoplustwo as tpt

F = tpt.FuzzyDate
AS_OF = pendulum.Date(2021, 12, 24)


def names(r: tpt.Round) -> list[str]:
    return [m.name for m in r.participants]


class TestSeed:
    """What the 2021-12-24 report says, as data."""

    def test_the_data_is_as_of_the_report(self, seed: tpt.Dataset) -> None:
        assert AS_OF == seed.as_of
        assert type(seed.as_of) is pendulum.Date

    def test_india_has_four_mechanisms_and_russia_is_the_one_outside_the_quad(
        self, seed: tpt.Dataset
    ) -> None:
        assert ["in-us", "in-jp", "in-au", "in-ru"] == [m.id for m in seed.mechanisms]
        assert ("AU", "JP", "RU", "US") == seed.partners("IN")
        assert ("RU",) == seed.partners("IN", outside="quad")

    def test_the_quad_is_india_us_australia_and_japan(self, seed: tpt.Dataset) -> None:
        quad = seed.grouping("quad")
        assert ("IN", "US", "AU", "JP") == quad.members
        assert quad.note is not None
        assert "2021" in quad.note
        assert "in-person" in quad.note

    def test_capitals_are_spelled_as_agreed(self, seed: tpt.Dataset) -> None:
        capitals = {c.code: c.capital.name for m in seed.mechanisms for c in m.parties}
        expected = {
            "IN": "New Delhi",
            "US": "Washington",
            "JP": "Tokyo",
            "AU": "Canberra",
            "RU": "Moscow",
        }
        assert expected == capitals

    def test_india_us_is_annual_between_foreign_and_defence_ministers(
        self, seed: tpt.Dataset
    ) -> None:
        m = seed.mechanism("in-us")
        assert (12, tpt.Alternating()) == (m.cadence_months, m.rotation)
        assert (tpt.Portfolio.FOREIGN, tpt.Portfolio.DEFENCE) == m.portfolios
        assert ("defence", "strategic", "security") == m.topics

    def test_india_us_rounds_1_to_3_were_held_with_a_venue_only_where_given(
        self, seed: tpt.Dataset
    ) -> None:
        rounds = seed.mechanism("in-us").rounds
        assert [(1, "2018-09-06", "New Delhi"), (2, "2019-12", None), (3, "2020-10", None)] == [
            (r.ordinal, str(r.date), r.venue.name if r.venue else None) for r in rounds[:3]
        ]
        assert all(r.status is tpt.RoundStatus.HELD for r in rounds[:3])

    def test_the_inaugural_round_had_pompeo_mattis_swaraj_and_sitharaman(
        self, seed: tpt.Dataset
    ) -> None:
        first = seed.mechanism("in-us").rounds[0]
        assert [
            "Michael R. Pompeo",
            "James N. Mattis",
            "Sushma Swaraj",
            "Nirmala Sitharaman",
        ] == names(first)
        by_name = {m.name: m for m in first.participants}
        assert "Secretary of State" == by_name["Michael R. Pompeo"].title
        assert "Secretary of Defense" == by_name["James N. Mattis"].title
        # "then", "former" and "late" as of the report: out of office, and dead, by 2021-12-24.
        for m in first.participants:
            assert m.term_end is not None
            assert m.term_end.latest <= AS_OF
        assert by_name["Sushma Swaraj"].died is not None
        assert by_name["Nirmala Sitharaman"].died is None

    def test_round_4_is_set_for_washington_after_slipping_from_december(
        self, seed: tpt.Dataset
    ) -> None:
        fourth = seed.mechanism("in-us").rounds[3]
        assert (4, tpt.RoundStatus.SCHEDULED) == (fourth.ordinal, fourth.status)
        assert F.from_text("3rd week of January", year=2022) == fourth.date
        assert (tpt.Plan(F.from_text("first week of December 2021")),) == fourth.slipped_from
        assert fourth.venue is not None
        assert "Washington" == fourth.venue.name
        assert ["S. Jaishankar", "Rajnath Singh"] == names(fourth)
        assert "Dr" == fourth.participants[0].honorific
        assert [tpt.Portfolio.FOREIGN, tpt.Portfolio.DEFENCE] == [
            m.portfolio for m in fourth.participants
        ]

    def test_india_russia_met_first_in_new_delhi_on_the_summit_day(self, seed: tpt.Dataset) -> None:
        (first,) = seed.mechanism("in-ru").rounds
        assert (tpt.RoundStatus.HELD, F.day(2021, 12, 6)) == (first.status, first.date)
        assert first.venue is not None
        assert "New Delhi" == first.venue.name
        assert first.note is not None
        assert "summit" in first.note

    def test_the_caatsa_risk_hangs_over_the_india_us_dialogue(self, seed: tpt.Dataset) -> None:
        (risk,) = seed.risks_for("in-us")
        assert "CAATSA" in risk.law
        assert ("US", "IN", "RU") == (risk.imposed_by, risk.exposed, risk.counterparty)
        assert ("S-400", "US Congress") == (risk.program, risk.decided_by)
        assert (tpt.SanctionStatus.POTENTIAL, AS_OF) == (risk.status, risk.as_of)
        assert () == seed.risks_for("in-ru")

    def test_every_fact_carries_its_source(self, seed: tpt.Dataset) -> None:
        carriers: list[tpt.Mechanism | tpt.Round | tpt.Grouping | tpt.SanctionRisk] = [
            *seed.mechanisms,
            *(r for m in seed.mechanisms for r in m.rounds),
            *seed.groupings,
            *seed.sanction_risks,
        ]
        for carrier in carriers:
            assert carrier.sources, carrier
            assert all(s.published == F.day(2021, 12, 24) for s in carrier.sources)

    def test_the_file_is_what_dumps_writes(self, seed: tpt.Dataset) -> None:
        text = (
            resources.files("twoplustwo").joinpath("seeds/india-2021-12-24.json").read_text("utf-8")
        )
        assert tpt.dumps(seed, indent=2) + "\n" == text

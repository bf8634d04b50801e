from __future__ import annotations

import datetime as dt
import importlib.util
from typing import Any

import pendulum
import pycountry
import pytest
from hypothesis import given

import twoplustwo as tpt
from builders import DELHI, HELD, INDIA, JAPAN, US, WASHINGTON, F, held, mechanism
from strategies import datasets, ministers
from twoplustwo import _validators

FOREIGN, DEFENCE = tpt.Portfolio.FOREIGN, tpt.Portfolio.DEFENCE


def minister(country: str = "IN", portfolio: tpt.Portfolio = FOREIGN, **kw: Any) -> tpt.Minister:
    return tpt.Minister(
        f"Minister {country} {portfolio.value}", country, portfolio, "Minister", **kw
    )


class TestInvariantsHold:
    """What a drawn dataset or minister says of itself holds."""

    @given(datasets())
    def test_every_mechanism_of_a_dataset_is_found_by_its_id(self, data: tpt.Dataset) -> None:
        for m in data.mechanisms:
            assert m is data.mechanism(m.id)

    @given(datasets())
    def test_partners_are_sorted_unique_and_exclude_the_country(self, data: tpt.Dataset) -> None:
        for m in data.mechanisms:
            for code in m.codes:
                found = data.partners(code)
                assert sorted(set(found)) == list(found)
                assert code not in found
                assert (m.codes[1] if code == m.codes[0] else m.codes[0]) in found

    @given(ministers(on=F.parse("2020-05")))
    def test_a_minister_drawn_for_a_date_may_hold_office_then(self, m: tpt.Minister) -> None:
        assert m.may_hold_office_on(F.parse("2020-05"))


class TestPlaces:
    """Cities and countries check their codes, zones and capitals."""

    @pytest.mark.parametrize("code", ["UK", "us", "XX", "USA", "", "I1", 5, None])
    def test_a_city_needs_a_real_alpha_2_country_code(self, code: Any) -> None:
        with pytest.raises(tpt.InvalidModel, match=r"City\.country=.* ISO 3166-1"):
            tpt.City("London", code, "Europe/London")

    @pytest.mark.parametrize(
        "zone", ["Asia/Delhi", "asia/kolkata", "EST", "GB", "", "../etc/passwd", "Nowhere/", 3]
    )
    def test_a_city_needs_an_iana_zone_of_a_place(self, zone: Any) -> None:
        with pytest.raises(tpt.InvalidModel, match=r"City\.timezone="):
            tpt.City("New Delhi", "IN", zone)

    @pytest.mark.parametrize("name", ["\ud800", "New \udfff Delhi"])
    def test_names_are_unicode_text_without_lone_surrogates(self, name: str) -> None:
        with pytest.raises(tpt.InvalidModel, match="holds a lone surrogate"):
            tpt.City(name, "IN", "Asia/Kolkata")

    def test_an_older_name_of_one_of_its_countrys_zones_is_its_zone(self) -> None:
        assert tpt.City("Calcutta", "IN", "Asia/Calcutta").timezone == "Asia/Calcutta"

    @pytest.mark.parametrize(
        ("country", "zone", "listed"),
        [
            ("GB", "Asia/Tokyo", "its zones: Europe/London"),
            ("IN", "UTC", "its zones: Asia/Kolkata"),
            ("US", "Asia/Calcutta", "its zones: America/Adak, America/Anchorage, "),
            ("BV", "Europe/Oslo", "it lists none for that country"),
        ],
    )
    def test_the_zone_is_one_of_its_countrys(self, country: str, zone: str, listed: str) -> None:
        with pytest.raises(tpt.InvalidModel) as info:
            tpt.City("London", country, zone)
        assert str(info.value).startswith(
            f"City.timezone={zone!r} is not a time zone of {country} in the tz database; {listed}"
        )

    @pytest.mark.parametrize("name", ["", " ", " Delhi", "Delhi ", None, 7])
    def test_names_are_non_empty_and_trimmed(self, name: Any) -> None:
        with pytest.raises(tpt.InvalidModel, match=r"City\.name="):
            tpt.City(name, "IN", "Asia/Kolkata")

    def test_a_capital_lies_in_its_country(self) -> None:
        with pytest.raises(tpt.InvalidModel, match=r"Washington.* lies in US, not in IN"):
            tpt.Country("IN", "India", WASHINGTON)

    def test_a_capital_must_be_a_city(self) -> None:
        with pytest.raises(
            tpt.InvalidModel, match=r"Country\.capital='New Delhi' is not of type City"
        ):
            tpt.Country("IN", "India", "New Delhi")  # type: ignore[arg-type] # a bad input on purpose


class TestMinister:
    """A minister's term and life bound when they can sit at the table."""

    def test_a_term_cannot_end_before_it_starts(self) -> None:
        with pytest.raises(tpt.InvalidModel, match="term_end=2019 is before term_start=2020"):
            minister(term_start=F.year(2020), term_end=F.year(2019))

    def test_a_term_cannot_start_or_end_after_death(self) -> None:
        with pytest.raises(tpt.InvalidModel, match="died=2019 is before term_start=2020"):
            minister(term_start=F.year(2020), died=F.year(2019))
        with pytest.raises(tpt.InvalidModel, match="died=2019 is before term_end=2020"):
            minister(term_end=F.year(2020), died=F.year(2019))

    def test_unknown_bounds_allow_any_date(self) -> None:
        assert minister().may_hold_office_on(F.year(1900))
        assert minister(died=F.year(2020)).may_hold_office_on(F.year(2020))

    @pytest.mark.parametrize(
        ("bounds", "date", "expected"),
        [
            ({"term_start": F.parse("2019-05")}, "2019-04-30", False),
            ({"term_start": F.parse("2019-05")}, "2019-05-31", True),
            ({"term_end": F.parse("2019-05")}, "2019-06-01", False),
            ({"term_end": F.parse("2019-05")}, "2019-05-01", True),
            ({"died": F.parse("2019-05")}, "2019-06-01", False),
        ],
    )
    def test_known_bounds_rule_out_dates_definitely_outside(
        self, bounds: dict[str, Any], date: str, expected: bool
    ) -> None:
        assert expected == minister("IN", FOREIGN, **bounds).may_hold_office_on(F.parse(date))

    def test_the_seat_is_country_and_portfolio(self) -> None:
        assert ("US", DEFENCE) == minister("US", DEFENCE).seat

    def test_the_portfolio_must_be_a_portfolio(self) -> None:
        with pytest.raises(tpt.InvalidModel, match=r"Minister\.portfolio='foreign'"):
            tpt.Minister("A", "IN", "foreign", "B")  # type: ignore[arg-type] # a bad input on purpose


class TestRound:
    """A round checks its ordinal, its types and its participants."""

    @pytest.mark.parametrize("ordinal", [0, -1])
    def test_ordinals_start_at_one(self, ordinal: int) -> None:
        with pytest.raises(tpt.InvalidModel, match=f"Round.ordinal={ordinal} must be in 1-9999"):
            held(ordinal, "2020")

    @pytest.mark.parametrize("ordinal", [True, 1.0, "1"])
    def test_an_ordinal_is_an_int_and_not_a_bool(self, ordinal: Any) -> None:
        with pytest.raises(tpt.InvalidModel, match=r"Round\.ordinal=.* is not of type int"):
            held(ordinal, "2020")

    def test_participants_must_be_a_tuple_of_ministers(self) -> None:
        with pytest.raises(tpt.InvalidModel, match=r"Round\.participants=\[\] is not a tuple"):
            held(1, "2020", participants=[])
        with pytest.raises(tpt.InvalidModel, match=r"Round\.participants\[0\]='x'"):
            held(1, "2020", participants=("x",))

    def test_one_minister_a_seat(self) -> None:
        with pytest.raises(
            tpt.InvalidModel, match=r"seat \('IN', <Portfolio.FOREIGN.*appears twice"
        ):
            held(1, "2020", participants=(minister(), minister()))

    def test_participants_were_in_office_on_the_date(self) -> None:
        gone = minister(term_end=F.parse("2019-12"))
        with pytest.raises(tpt.InvalidModel, match=r"participants\[0\]=.* was not in office"):
            held(1, "2020-01-15", participants=(gone,))

    def test_a_round_is_pending_unless_held(self) -> None:
        statuses = {s: tpt.Round(1, s, F.year(2020)).is_pending for s in tpt.RoundStatus}
        assert {s: s is not HELD for s in tpt.RoundStatus} == statuses


class TestRotations:
    """Rotation policies check their hosts."""

    def test_a_cycle_needs_a_host(self) -> None:
        with pytest.raises(tpt.InvalidModel, match=r"Cycle\.hosts=\(\) must have at least 1 item"):
            tpt.Cycle(())

    def test_cycle_hosts_are_country_codes(self) -> None:
        with pytest.raises(tpt.InvalidModel, match=r"Cycle\.hosts\[1\]='uk'"):
            tpt.Cycle(("IN", "uk"))

    @pytest.mark.parametrize(
        "rotation",
        [tpt.Alternating("JP"), tpt.Cycle(("IN", "JP")), tpt.FixedVenue(JAPAN.capital)],
    )
    def test_a_rotation_names_only_parties(self, rotation: tpt.Rotation) -> None:
        with pytest.raises(tpt.InvalidModel, match="names JP, which is not a party"):
            mechanism(rotation=rotation)

    def test_the_rotation_must_be_one_of_the_policies(self) -> None:
        with pytest.raises(
            tpt.InvalidModel, match="is not of type Alternating or FixedVenue or Cycle"
        ):
            mechanism(rotation="alternating")


class TestMechanism:
    """A mechanism checks its parties, cadence, portfolios and rounds."""

    def test_two_parties(self) -> None:
        with pytest.raises(tpt.InvalidModel, match="has 3 countries, not 2"):
            mechanism(parties=(INDIA, US, JAPAN))

    def test_two_distinct_parties(self) -> None:
        with pytest.raises(tpt.InvalidModel, match="names IN twice"):
            mechanism(parties=(INDIA, INDIA))

    @pytest.mark.parametrize("mid", ["In-US", "in_us", "-in", "in-", "", "in--us", "ínus"])
    def test_ids_are_lowercase_slugs(self, mid: str) -> None:
        with pytest.raises(tpt.InvalidModel, match=r"Mechanism\.id=.* is not a lowercase slug"):
            mechanism(id=mid)

    @pytest.mark.parametrize("months", [0, -12, 121])
    def test_cadence_is_between_one_month_and_ten_years(self, months: int) -> None:
        with pytest.raises(tpt.InvalidModel, match=f"cadence_months={months} must be in 1-120"):
            mechanism(cadence_months=months)

    def test_portfolios_are_unique_and_not_empty(self) -> None:
        with pytest.raises(tpt.InvalidModel, match="must have at least 1 item"):
            mechanism(portfolios=())
        with pytest.raises(tpt.InvalidModel, match=r"names <Portfolio\.FOREIGN.* twice"):
            mechanism(portfolios=(FOREIGN, FOREIGN))

    def test_ordinals_strictly_increase(self) -> None:
        with pytest.raises(tpt.InvalidModel, match=r"rounds\[1\]\.ordinal=1 does not follow 1"):
            mechanism(held(1, "2019"), held(1, "2020"))
        with pytest.raises(tpt.InvalidModel, match=r"rounds\[1\]\.ordinal=2 does not follow 3"):
            mechanism(held(3, "2019"), held(2, "2020"))

    def test_gaps_in_ordinals_are_allowed(self) -> None:
        assert (1, 3) == tuple(
            r.ordinal for r in mechanism(held(1, "2019"), held(3, "2020")).rounds
        )

    def test_held_rounds_are_in_chronological_order(self) -> None:
        with pytest.raises(
            tpt.InvalidModel, match=r"rounds\[1\]\.date=2019-12 is before round 1's 2020"
        ):
            mechanism(held(1, "2020"), held(2, "2019-12"))

    def test_overlapping_dates_count_as_in_order(self) -> None:
        assert 2 == len(mechanism(held(1, "2019"), held(2, "2019-03-01")).rounds)

    def test_only_the_last_round_may_be_pending(self) -> None:
        pending = tpt.Round(1, tpt.RoundStatus.PROPOSED, F.year(2019))
        with pytest.raises(tpt.InvalidModel, match="round 1 is proposed, so no round can follow"):
            mechanism(pending, held(2, "2020"))

    def test_a_venue_outside_both_parties_has_no_host_or_says_abroad(self) -> None:
        assert mechanism(held(1, "2020", JAPAN.capital)).hostings()[0].host is None
        with pytest.raises(tpt.InvalidModel, match=r"not in the host US; .* abroad=True"):
            held(1, "2020", JAPAN.capital, host="US")
        met = held(1, "2020", JAPAN.capital, host="US", abroad=True)
        assert "US" == mechanism(met).hostings()[0].host

    def test_a_host_is_a_party(self) -> None:
        with pytest.raises(tpt.InvalidModel, match=r"rounds\[0\]\.host='JP' is not a party"):
            mechanism(held(1, "2020", host="JP"))
        plan = tpt.Plan(F.year(2019), host="JP")
        with pytest.raises(
            tpt.InvalidModel, match=r"rounds\[0\]\.slipped_from\[0\]\.host='JP' is not a party"
        ):
            mechanism(held(1, "2020", slipped_from=(plan,)))

    @pytest.mark.parametrize(
        ("fields", "says"),
        [
            ({"venue": DELHI, "mode": tpt.Mode.VIRTUAL}, "is virtual, so it has no venue"),
            ({"abroad": True, "host": "IN"}, "met abroad, which needs a host and a venue"),
            ({"abroad": True, "venue": DELHI}, "met abroad, which needs a host and a venue"),
            ({"abroad": True, "host": "IN", "venue": DELHI}, "lies in the host's country, IN"),
        ],
        ids=["virtual with a venue", "abroad without venue", "abroad without host", "not abroad"],
    )
    def test_mode_host_venue_and_abroad_agree(self, fields: dict[str, Any], says: str) -> None:
        with pytest.raises(tpt.InvalidModel, match=says):
            tpt.Round(1, tpt.RoundStatus.HELD, F.year(2020), **fields)

    def test_a_fact_is_uncertain_at_most_once(self) -> None:
        doubt = tpt.Uncertainty(tpt.Fact.DATE, "Sources disagree.")
        with pytest.raises(tpt.InvalidModel, match=r"uncertain fact <Fact\.DATE.* appears twice"):
            held(1, "2020", uncertain=(doubt, doubt))
        assert held(1, "2020", uncertain=(doubt,)).is_uncertain(tpt.Fact.DATE)

    def test_status_changes_go_oldest_first_and_give_the_status_of_a_day(self) -> None:
        suspended = tpt.StatusChange(tpt.MechanismStatus.SUSPENDED, F.parse("2014-03"))
        resumed = tpt.StatusChange(tpt.MechanismStatus.ACTIVE, F.parse("2017-03"))
        with pytest.raises(tpt.InvalidModel, match=r"status_changes\[1\]\.date=2014-03 is before"):
            mechanism(status_changes=(resumed, suspended))
        m = mechanism(status_changes=(suspended, resumed))
        assert [tpt.MechanismStatus.ACTIVE, tpt.MechanismStatus.SUSPENDED] == [
            m.status_on(pendulum.Date(2014, 2, 28)),
            m.status_on(pendulum.Date(2014, 3, 1)),
        ]
        assert tpt.MechanismStatus.ACTIVE == m.status_on(pendulum.Date(2020, 1, 1))

    @pytest.mark.parametrize("url", ["example.org", "ftp://example.org/a", "https://", "http:// x"])
    def test_a_source_url_is_absolute_http(self, url: str) -> None:
        with pytest.raises(tpt.InvalidModel, match="is not an absolute http"):
            tpt.Source("A page", url=url)

    @pytest.mark.parametrize(
        "who", [minister("JP", FOREIGN), minister("IN", DEFENCE)], ids=["not a party", "no seat"]
    )
    def test_participants_hold_a_seat_of_the_mechanism(self, who: tpt.Minister) -> None:
        with pytest.raises(tpt.InvalidModel, match=r"participants\[0\]=.* holds no seat here"):
            mechanism(held(1, "2020", participants=(who,)), portfolios=(FOREIGN,))

    def test_party_looks_up_a_party_by_code(self) -> None:
        m = mechanism()
        assert US == m.party("US")
        with pytest.raises(tpt.InvalidModel, match="'JP' is not a party to in-us"):
            m.party("JP")


class TestDataset:
    """A dataset keeps ids unique, held rounds in its past, and answers look-ups."""

    def test_as_of_becomes_a_pendulum_date(self) -> None:
        data = tpt.Dataset(dt.date(2021, 12, 24), ())
        assert type(data.as_of) is pendulum.Date

    @pytest.mark.parametrize("as_of", ["2021-12-24", dt.datetime(2021, 12, 24, tzinfo=dt.UTC)])
    def test_as_of_must_be_a_date(self, as_of: Any) -> None:
        with pytest.raises(tpt.InvalidDate, match="expected a date"):
            tpt.Dataset(as_of, ())

    def test_ids_are_unique(self) -> None:
        quad = tpt.Grouping("quad", "Quad", ("IN", "US"))
        with pytest.raises(tpt.InvalidModel, match="mechanisms: id 'in-us' appears twice"):
            tpt.Dataset(pendulum.Date(2021, 1, 1), (mechanism(), mechanism()))
        with pytest.raises(tpt.InvalidModel, match="groupings: id 'quad' appears twice"):
            tpt.Dataset(pendulum.Date(2021, 1, 1), (), (quad, quad))

    def test_no_round_is_held_after_as_of(self) -> None:
        with pytest.raises(
            tpt.InvalidModel, match="in-us round 1 is dated up to 2022-12-31, after as_of=2021-12"
        ):
            tpt.Dataset(pendulum.Date(2021, 12, 24), (mechanism(held(1, "2022")),))

    def test_a_held_round_must_be_over_by_as_of(self) -> None:
        with pytest.raises(tpt.InvalidModel, match="round 1 is dated up to 2021-12-31"):
            tpt.Dataset(pendulum.Date(2021, 12, 24), (mechanism(held(1, "2021-12")),))
        data = tpt.Dataset(pendulum.Date(2021, 12, 31), (mechanism(held(1, "2021-12")),))
        assert 1 == len(data.mechanisms)

    def test_no_source_or_status_change_is_dated_after_as_of(self) -> None:
        late = tpt.Source("Later report", published=tpt.FuzzyDate.parse("2022-01-05"))
        with pytest.raises(tpt.InvalidModel, match=r"a source \(Later report\) is dated up to"):
            tpt.Dataset(pendulum.Date(2021, 12, 24), (mechanism(sources=(late,)),))
        change = tpt.StatusChange(tpt.MechanismStatus.DORMANT, tpt.FuzzyDate.parse("2022"))
        with pytest.raises(tpt.InvalidModel, match="status change to dormant is dated up to"):
            tpt.Dataset(pendulum.Date(2021, 12, 24), (mechanism(status_changes=(change,)),))

    def test_an_unknown_mechanism_names_the_known_ids(self) -> None:
        data = tpt.Dataset(pendulum.Date(2021, 1, 1), (mechanism(),))
        with pytest.raises(
            tpt.UnknownMechanism, match="no mechanism with id 'in-xx'; known ids: in-us"
        ) as info:
            data.mechanism("in-xx")
        assert ("in-us",) == info.value.known
        assert isinstance(info.value, LookupError)
        assert isinstance(info.value, tpt.Error)

    def test_an_empty_dataset_knows_no_ids(self) -> None:
        with pytest.raises(tpt.UnknownId, match="known ids: none"):
            tpt.Dataset(pendulum.Date(2021, 1, 1), ()).grouping("quad")

    def test_partners_leave_out_a_grouping(self) -> None:
        jp = mechanism(id="in-jp", parties=(INDIA, JAPAN))
        quad = tpt.Grouping("g", "G", ("IN", "US"))
        data = tpt.Dataset(pendulum.Date(2021, 1, 1), (mechanism(), jp), (quad,))
        assert ("JP", "US") == data.partners("IN")
        assert ("JP",) == data.partners("IN", outside="g")
        assert ("IN",) == data.partners("JP")
        assert () == data.partners("FR")
        with pytest.raises(tpt.UnknownId, match="no grouping with id 'quad'; known ids: g"):
            data.partners("IN", outside="quad")

    def test_risks_for_a_mechanism_are_those_between_its_parties(self) -> None:
        def risk(rid: str, by: str, exposed: str) -> tpt.SanctionRisk:
            return tpt.SanctionRisk(
                rid,
                "Law",
                by,
                exposed,
                "trigger",
                tpt.SanctionStatus.POTENTIAL,
                dt.date(2021, 1, 1),
            )

        us_in, in_us, us_jp = risk("a", "US", "IN"), risk("b", "IN", "US"), risk("c", "US", "JP")
        data = tpt.Dataset(pendulum.Date(2021, 1, 1), (mechanism(),), (), (us_in, in_us, us_jp))
        assert (us_in, in_us) == data.risks_for("in-us")
        assert (us_in, in_us) == data.risks_for(data.mechanism("in-us"))
        with pytest.raises(tpt.UnknownMechanism):
            data.risks_for("in-xx")


class TestGroupingAndRisk:
    """Groupings and sanction risks check their countries."""

    def test_a_grouping_has_two_distinct_members_or_more(self) -> None:
        with pytest.raises(tpt.InvalidModel, match="must have at least 2 items"):
            tpt.Grouping("g", "G", ("IN",))
        with pytest.raises(tpt.InvalidModel, match="names 'IN' twice"):
            tpt.Grouping("g", "G", ("IN", "IN"))

    @pytest.mark.parametrize(
        ("by", "exposed", "third", "message"),
        [
            ("US", "US", None, "exposed='US' is also imposed_by"),
            ("US", "IN", "IN", "counterparty='IN' must be a third country"),
            ("US", "IN", "US", "counterparty='US' must be a third country"),
        ],
    )
    def test_a_risk_involves_distinct_countries(
        self, by: str, exposed: str, third: str | None, message: str
    ) -> None:
        with pytest.raises(tpt.InvalidModel, match=message):
            tpt.SanctionRisk(
                "r",
                "Law",
                by,
                exposed,
                "t",
                tpt.SanctionStatus.WAIVED,
                dt.date(2021, 1, 1),
                counterparty=third,
            )

    def test_a_source_has_a_title_and_a_fuzzy_publication_date(self) -> None:
        with pytest.raises(
            tpt.InvalidModel, match=r"Source\.published='2021' is not of type FuzzyDate"
        ):
            tpt.Source("T", "2021")  # type: ignore[arg-type] # a bad input on purpose
        assert tpt.Source("T", F.year(2021)).url is None


class TestCountryCodes:
    """The codes are read from pycountry's database file, or asked of pycountry."""

    def test_the_file_and_pycountry_agree(self) -> None:
        assert {c.alpha_2 for c in pycountry.countries} == _validators.country_codes()

    def test_without_the_resource_reader_pycountry_is_asked(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        expected = _validators.country_codes()
        monkeypatch.setattr(importlib.util, "find_spec", lambda _: None)
        _validators.country_codes.cache_clear()
        try:
            assert expected == _validators.country_codes()
        finally:
            _validators.country_codes.cache_clear()


class TestReprs:
    """The big classes print in a line; a FuzzyDate prints as the call that makes it."""

    def test_a_dataset_and_a_mechanism_fit_a_line(self) -> None:
        seed = tpt.load_seed()
        assert (
            "<Dataset as of 2021-12-24: 4 mechanisms, 5 rounds, 1 grouping, 1 sanction risk>"
            == repr(seed)
        )
        assert "<Mechanism 'in-us': IN-US, 4 rounds, 3 held, Alternating>" == repr(
            seed.mechanism("in-us")
        )

    def test_a_fuzzy_date_shows_its_text(self) -> None:
        date = F.parse("2019-12")
        assert "FuzzyDate.parse('2019-12')" == repr(date)
        assert date == eval(repr(date), {"FuzzyDate": tpt.FuzzyDate})  # noqa: S307 - our own repr

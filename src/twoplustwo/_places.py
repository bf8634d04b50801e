"""
Where rounds meet: cities, and the countries that are parties and host.
"""

from __future__ import annotations

import attrs

from twoplustwo._validators import CODE, TEXT, ZONE, country_zones, instance_of, zone_of
from twoplustwo.exceptions import InvalidModel


@attrs.frozen
class City:
    """
    A city where rounds meet.

    Attributes:
        name: The city's usual English name, such as ``New Delhi``.
        country: The ISO 3166-1 alpha-2 code of its country, such as ``IN``.
        timezone: Its IANA time zone, such as ``Asia/Kolkata``.
    """

    name: str = attrs.field(validator=TEXT)
    country: str = attrs.field(validator=CODE)
    timezone: str = attrs.field(validator=ZONE)

    def __attrs_post_init__(self) -> None:
        if not zone_of(self.country, self.timezone):
            zones = sorted(country_zones().get(self.country, ()))
            listed = f"its zones: {', '.join(zones[:6])}{', ...' if len(zones) > 6 else ''}"
            raise InvalidModel(
                f"City.timezone={self.timezone!r} is not a time zone of {self.country} in the tz "
                f"database; {listed if zones else 'it lists none for that country'}"
            )


@attrs.frozen
class Country:
    """
    A party to a mechanism.

    Attributes:
        code: Its ISO 3166-1 alpha-2 code.
        name: Its usual English short name.
        capital: Its capital, which lies in it; a forecast venue is the host's capital.
    """

    code: str = attrs.field(validator=CODE)
    name: str = attrs.field(validator=TEXT)
    capital: City = attrs.field(validator=instance_of(City))

    @capital.validator
    def _check_capital(self, attribute: attrs.Attribute[City], value: City) -> None:
        if value.country != self.code:
            raise InvalidModel(
                f"Country.capital={value.name!r} lies in {value.country}, not in {self.code}"
            )

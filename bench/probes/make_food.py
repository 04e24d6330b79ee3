#!/usr/bin/env python3
"""Write bench/probes/food.ttl: a made-up food-ordering database mapped table by table the way relational
benchmarks map theirs (a class per table, `<table>#<column>` properties, `<table>#ref-<column>` links to rows,
row IRIs `<table>/<key>=<value>`), with a link table (order items: an order, a dish, a quantity), a yes/no
column as xsd:boolean, dates as plain strings, no labels or comments; deterministic."""

from __future__ import annotations

import random
from pathlib import Path

from rdflib import Graph
from tables import add_row, row, write_sorted

RESTAURANTS = [  # name, cuisine, rating, city
    ("Trattoria Lume", "Italian", 4.5, "Ghent"),
    ("Pho Saigon", "Vietnamese", 4.1, "Ghent"),
    ("Casa Verde", "Mexican", 3.6, "Leuven"),
    ("Il Forno", "Italian", 3.9, "Leuven"),
    ("Bombay Spice", "Indian", 4.7, "Mechelen"),
]
DISHES = [  # restaurant, name, price, vegetarian, calories
    (1, "Margherita", 11.5, True, 850), (1, "Lasagna", 14.0, False, 1100), (1, "Tiramisu", 6.5, True, 450),
    (2, "Beef Pho", 13.0, False, 600), (2, "Tofu Pho", 12.0, True, 520), (2, "Spring Rolls", 7.0, True, 300),
    (3, "Burrito", 10.5, False, 950), (3, "Veggie Tacos", 9.0, True, 700), (4, "Calzone", 13.5, False, 1000),
    (4, "Panna Cotta", 6.0, True, 400), (5, "Butter Chicken", 15.5, False, 900), (5, "Dal Tadka", 11.0, True, 650),
    (5, "Lamb Biryani", 17.0, False, 1050),
]  # fmt: skip
CUSTOMERS = [  # name, age, email
    ("Lotte Claes", 29, "lotte@example.org"), ("Wout Maes", 41, "wout@example.org"),
    ("Sara Wouters", 35, "sara@example.org"), ("Jonas Goossens", 23, "jonas@example.org"),
    ("Nina Hermans", 52, "nina@example.org"), ("Pieter Smet", 31, "pieter@example.org"),
]  # fmt: skip


def build() -> Graph:
    g = Graph()
    for i, (name, cuisine, rating, city) in enumerate(RESTAURANTS, 1):
        add_row(g, "restaurant", "restaurant_id", i, {"name": name, "cuisine": cuisine, "rating": rating, "city": city})
    for i, (r, name, price, veg, kcal) in enumerate(DISHES, 1):
        values = {"restaurant_id": r, "ref-restaurant_id": row("restaurant", "restaurant_id", r), "name": name}
        add_row(g, "dish", "dish_id", i, {**values, "price": price, "is_vegetarian": veg, "calories": kcal})
    for i, (name, age, email) in enumerate(CUSTOMERS, 1):
        add_row(g, "customer", "customer_id", i, {"name": name, "age": age, "email": email})
    rng = random.Random(5)
    item = 0
    for o in range(1, 21):
        customer = rng.choice([1, 1, 2, 3, 3, 3, 4, 5])  # Pieter Smet (6) never orders
        restaurant = rng.choice([1, 1, 2, 2, 3, 5, 5])  # Il Forno (4) gets no orders
        values = {
            "customer_id": customer,
            "ref-customer_id": row("customer", "customer_id", customer),
            "ref-restaurant_id": row("restaurant", "restaurant_id", restaurant),
            "order_date": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        }
        add_row(g, "orders", "order_id", o, values)
        menu = [k for k, d in enumerate(DISHES, 1) if d[0] == restaurant]
        for dish in rng.sample(menu, rng.randint(1, len(menu))):
            item += 1
            values = {
                "ref-order_id": row("orders", "order_id", o),
                "ref-dish_id": row("dish", "dish_id", dish),
                "quantity": rng.randint(1, 4),
            }
            add_row(g, "order_item", "", item, values)
    return g


if __name__ == "__main__":
    write_sorted(build(), Path(__file__).resolve().parent / "food.ttl")

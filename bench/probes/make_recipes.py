#!/usr/bin/env python3
"""Write bench/probes/recipes.ttl: a made-up recipe-sharing website database mapped table by table the way
relational benchmarks map theirs (a class per table, `<table>#<column>` properties, `<table>#ref-<column>` links
to rows, row IRIs `<table>/<key>=<value>`): cooks write recipes (a cuisine, a difficulty code 'EASY'/'MEDIUM'/
'HARD', prep and cook minutes, servings, a publication date as plain text), a link table puts ingredients in
recipes with a weight in grams, cooks review recipes with 1 to 5 stars and a date as text, a professional flag
'Y'/'N', energy per 100 g only in a column's name (`kcal_per_100g`), no labels or comments; deterministic."""

from __future__ import annotations

import datetime
import random
from pathlib import Path

from rdflib import Graph
from tables import add_row, row, write_sorted

COOKS = [  # user name, first name, last name, country, joined year, professional
    ("marisol_k", "Marisol", "Kettering", "Spain", 2016, "Y"),
    ("tobi_bakes", "Tobias", "Wrenfield", "Germany", 2018, "N"),
    ("nong_ploy", "Ploy", "Suwanrat", "Thailand", 2017, "Y"),
    ("chefdario", "Dario", "Melluso", "Italy", 2015, "Y"),
    ("lupe_cocina", "Guadalupe", "Arrieta", "Mexico", 2019, "N"),
    ("hanna_eats", "Hanna", "Lindqvist", "Sweden", 2020, "N"),
    ("kofi_grills", "Kofi", "Asante", "Ghana", 2018, "N"),
    ("mei_wok", "Mei", "Tanabe", "Japan", 2021, "Y"),
    ("oskar_p", "Oskar", "Pellmann", "Germany", 2022, "N"),  # has written no recipe
    ("ines_r", "Ines", "Roubaud", "France", 2023, "N"),  # has written no recipe
]
RECIPES = [  # title, author, cuisine, difficulty, prep minutes, cook minutes, servings, published
    ("Spaghetti Carbonara", 4, "Italian", "EASY", 10, 15, 4, "2019-03-14"),
    ("Mushroom Risotto", 4, "Italian", "MEDIUM", 15, 35, 4, "2019-11-02"),
    ("Osso Buco", 4, "Italian", "HARD", 30, 150, 6, "2020-02-21"),
    ("Tiramisu", 4, "Italian", "MEDIUM", 40, 0, 8, "2021-06-10"),
    ("Margherita Pizza", 4, "Italian", "MEDIUM", 90, 12, 2, "2022-08-05"),
    ("Green Curry with Chicken", 3, "Thai", "MEDIUM", 20, 25, 4, "2018-05-30"),
    ("Pad Thai", 3, "Thai", "EASY", 25, 10, 2, "2019-07-19"),
    ("Tom Yum Soup", 3, "Thai", "EASY", 15, 20, 4, "2020-10-08"),
    ("Massaman Beef", 3, "Thai", "HARD", 30, 120, 6, "2023-01-15"),
    ("Chicken Enchiladas", 5, "Mexican", "MEDIUM", 30, 30, 6, "2020-04-11"),
    ("Guacamole", 5, "Mexican", "EASY", 10, 0, 4, "2021-09-16"),
    ("Mole Poblano", 5, "Mexican", "HARD", 60, 180, 8, "2022-11-02"),
    ("Paella Valenciana", 1, "Spanish", "HARD", 25, 45, 6, "2018-09-23"),
    ("Gazpacho", 1, "Spanish", "EASY", 20, 0, 4, "2021-07-01"),
    ("Miso Ramen", 8, "Japanese", "MEDIUM", 20, 40, 2, "2022-02-18"),
    ("Chicken Teriyaki", 8, "Japanese", "EASY", 15, 15, 3, "2023-05-27"),
    ("Vegetable Lasagne", 2, "Italian", "MEDIUM", 35, 45, 6, "2024-03-09"),  # never reviewed
    ("Fish Tacos", 2, "Mexican", "EASY", 20, 10, 3, "2020-06-14"),
    ("Swedish Meatballs", 6, "Swedish", "MEDIUM", 25, 20, 5, "2021-12-03"),
    ("Jollof Rice", 7, "West African", "MEDIUM", 15, 50, 5, "2022-05-22"),
]
INGREDIENTS = [  # name, category, kcal per 100 g
    ("Spaghetti", "grain", 371.0), ("Arborio Rice", "grain", 358.0), ("Jasmine Rice", "grain", 365.0),
    ("Rice Noodles", "grain", 360.0), ("Flour", "grain", 368.0), ("Parmesan", "dairy", 431.0),
    ("Butter", "dairy", 717.0), ("Mascarpone", "dairy", 429.0), ("Mozzarella", "dairy", 280.0),
    ("Egg", "dairy", 143.0), ("Chicken Breast", "meat", 165.0), ("Beef Shin", "meat", 201.0),
    ("Pancetta", "meat", 458.0), ("White Fish", "seafood", 96.0), ("Prawns", "seafood", 99.0),
    ("Tomato", "vegetable", 18.0), ("Onion", "vegetable", 40.0), ("Garlic", "vegetable", 149.0),
    ("Mushroom", "vegetable", 22.0), ("Avocado", "fruit", 160.0), ("Lime", "fruit", 30.0),
    ("Chili Pepper", "spice", 41.0), ("Cumin", "spice", 375.0), ("Lemongrass", "herb", 98.0),
    ("Coconut Milk", "pantry", 230.0), ("Olive Oil", "pantry", 884.0),
    ("Star Anise", "spice", 337.0),  # used in no recipe
]  # fmt: skip
USES = {  # recipe: (ingredient, grams), ...
    1: [(1, 400.0), (13, 150.0), (10, 200.0), (6, 60.0)],
    2: [(2, 320.0), (19, 300.0), (7, 40.0), (6, 50.0)],
    3: [(12, 1200.0), (17, 150.0), (16, 400.0)],
    4: [(8, 500.0), (10, 240.0)],
    5: [(5, 300.0), (16, 200.0), (9, 250.0)],
    6: [(11, 500.0), (25, 400.0), (22, 10.0), (3, 300.0)],
    7: [(4, 250.0), (15, 200.0), (10, 100.0), (21, 30.0)],
    8: [(15, 300.0), (24, 30.0), (21, 40.0), (22, 8.0)],
    9: [(12, 900.0), (25, 400.0), (23, 5.0)],
    10: [(11, 600.0), (16, 300.0), (23, 6.0), (22, 12.0)],
    11: [(20, 400.0), (21, 30.0), (17, 50.0)],
    12: [(11, 800.0), (22, 40.0), (23, 10.0), (18, 20.0), (16, 200.0)],
    13: [(2, 400.0), (15, 300.0), (11, 300.0), (26, 40.0)],
    14: [(16, 1000.0), (18, 10.0), (26, 60.0)],
    15: [(4, 300.0), (10, 100.0), (19, 100.0)],
    16: [(11, 500.0), (3, 300.0), (18, 12.0)],
    17: [(5, 250.0), (16, 500.0), (9, 300.0), (19, 200.0)],
    18: [(14, 400.0), (20, 150.0), (21, 20.0), (5, 200.0)],
    19: [(12, 500.0), (17, 100.0), (7, 40.0), (10, 60.0)],
    20: [(3, 400.0), (16, 300.0), (17, 150.0), (22, 15.0)],
}
REVIEWERS = [1, 1, 2, 3, 4, 5, 5, 6, 6, 7, 9, 10]  # Mei Tanabe (8) reviews nothing; Ploy Suwanrat (3) is never drawn
REVIEWED = [r for r in range(1, 21) if r != 17] * 2 + [1, 1]  # Vegetable Lasagne (17) never
SEED = 3


def build() -> Graph:
    g = Graph()
    for i, (user, first, last, country, joined, pro) in enumerate(COOKS, 1):
        values = {"user_name": user, "first_name": first, "last_name": last, "country": country}
        add_row(g, "cook", "cook_id", i, {**values, "joined_year": joined, "is_pro": pro})
    for i, (title, author, cuisine, level, prep, cook, servings, published) in enumerate(RECIPES, 1):
        values = {"title": title, "ref-author_id": row("cook", "cook_id", author), "cuisine": cuisine}
        values |= {"difficulty": level, "prep_minutes": prep, "cook_minutes": cook, "servings": servings}
        add_row(g, "recipe", "recipe_id", i, {**values, "published": published})
    for i, (name, category, kcal) in enumerate(INGREDIENTS, 1):
        add_row(g, "ingredient", "ingredient_id", i, {"name": name, "category": category, "kcal_per_100g": kcal})
    n = 0
    for recipe, uses in USES.items():
        for ingredient, grams in uses:
            n += 1
            values = {
                "ref-recipe_id": row("recipe", "recipe_id", recipe),
                "ref-ingredient_id": row("ingredient", "ingredient_id", ingredient),
                "grams": grams,
            }
            add_row(g, "recipe_ingredient", "", n, values)
    rng = random.Random(SEED)
    end = datetime.date(2024, 12, 31).toordinal()
    for i in range(1, 41):
        recipe = REVIEWED[i - 1]
        _, author, *_, published = RECIPES[recipe - 1]
        day = datetime.date.fromordinal(rng.randint(datetime.date.fromisoformat(published).toordinal() + 1, end))
        # nobody reviews their own recipe, nor before joining
        reviewer = rng.choice([c for c in REVIEWERS if c != author and COOKS[c - 1][4] <= day.year])
        values = {
            "ref-recipe_id": row("recipe", "recipe_id", recipe),
            "ref-reviewer_id": row("cook", "cook_id", reviewer),
            "stars": rng.choice([1, 2, 3, 3, 4, 4, 4, 5, 5, 5]),
            "review_date": day.isoformat(),
        }
        add_row(g, "review", "review_id", i, values)
    return g


if __name__ == "__main__":
    write_sorted(build(), Path(__file__).resolve().parent / "recipes.ttl")

#!/usr/bin/env python3
"""Write bench/probes/rental.ttl: a made-up car rental company's database mapped table by table the way relational
benchmarks map theirs (a class per table, `<table>#<column>` properties, `<table>#ref-<column>` links to rows, row
IRIs `<table>/<key>=<value>`): branches in cities, cars with a plate ('KX-482-PL'), a make, a model, a year built,
a number of seats, a daily rate, a fuel code 'P'/'D'/'E'/'H' (petrol, diesel, electric, hybrid) and a home branch;
customers with names split in first and last, a birth date as plain text 'YYYY-MM-DD' and the country of their
driving licence; rentals with two links to the branch table (`ref-pickup_branch_id`, `ref-return_branch_id`; the two
differ for one-way rentals, which pay a fixed fee on top of the days times the daily rate), start and end dates as
plain text, the kilometres driven and the total cost; damage reports on rentals with a severity code 'MINOR'/'MAJOR',
a repair cost and a reported date as text. Two cars were never rented, one customer never rented, and one branch
(Brackwater Plaza) has pickups but never had a car returned to it. No labels or comments; deterministic (fixed
data)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rdflib import Graph
from tables import add_row, row, write_sorted

BRANCHES = [  # name, city
    ("Kelmouth Central", "Kelmouth"), ("Kelmouth Airport", "Kelmouth"), ("Arlenford Station", "Arlenford"),
    ("Sorvik Harbour", "Sorvik"), ("Pellaro Old Town", "Pellaro"),
    ("Brackwater Plaza", "Brackwater"),  # cars are picked up here, none is ever returned here
]  # fmt: skip
CARS = [  # plate, make, model, year built, seats, daily rate, fuel, home branch
    ("KX-482-PL", "Veltra", "Lumen", 2019, 5, 48.0, "P", 1),
    ("RT-115-VB", "Veltra", "Lumen", 2021, 5, 52.0, "D", 2),
    ("MJ-903-KA", "Orsano", "Pico", 2018, 4, 34.0, "P", 1),
    ("ZD-274-QE", "Orsano", "Arbor", 2020, 7, 71.0, "D", 3),
    ("HB-650-TN", "Halvik", "Nimbus", 2022, 5, 89.0, "E", 2),
    ("LC-338-WF", "Halvik", "Nimbus", 2023, 5, 94.0, "E", 4),
    ("PF-721-SG", "Tessaro", "Kestrel", 2017, 5, 42.0, "H", 5),
    ("NV-046-DR", "Tessaro", "Kestrel", 2020, 5, 46.5, "H", 4),
    ("GE-589-UM", "Veltra", "Strada", 2016, 9, 78.0, "D", 3),
    ("WA-812-CO", "Orsano", "Pico", 2022, 4, 38.0, "E", 5),
    ("YS-207-LJ", "Halvik", "Corvo", 2015, 5, 39.5, "P", 6),  # never rented
    ("BQ-964-HI", "Veltra", "Strada", 2019, 8, 82.0, "D", 1),
    ("TK-431-MZ", "Tessaro", "Alma", 2021, 5, 56.0, "P", 2),
    ("OU-375-XP", "Orsano", "Arbor", 2018, 7, 66.0, "P", 6),
    ("DI-158-RB", "Halvik", "Corvo", 2024, 5, 120.0, "H", 3),  # never rented
    ("FJ-690-EK", "Tessaro", "Alma", 2014, 5, 31.0, "D", 5),
]
CUSTOMERS = [  # first name, last name, birth date, licence country
    ("Ilse", "Marquardt", "1974-06-12", "Germany"),
    ("Bram", "Oosterhuis", "1988-11-03", "Netherlands"),
    ("Tove", "Lindahl", "1992-02-27", "Sweden"),
    ("Rafael", "Quintela", "1965-09-18", "Portugal"),
    ("Noemi", "Castellan", "1999-04-05", "Italy"),
    ("Oskar", "Wendt", "1981-01-30", "Germany"),
    ("Maelle", "Kerbrat", "1979-12-24", "France"),
    ("Jasper", "Holloway", "1995-07-14", "Ireland"),
    ("Leire", "Azkarate", "1986-03-09", "Spain"),
    ("Kasimir", "Nowel", "1970-05-21", "Poland"),
    ("Anouk", "Verhaegen", "2001-08-16", "Belgium"),  # never rented
    ("Sefa", "Demirel", "1990-10-02", "Turkey"),
]
RENTALS = [  # car, customer, pickup branch, return branch, start date, end date, km driven
    (3, 1, 1, 1, "2022-02-14", "2022-02-17", 233),
    (1, 2, 1, 1, "2022-03-04", "2022-03-08", 412),
    (9, 4, 3, 3, "2022-03-19", "2022-03-26", 1340),
    (5, 3, 2, 1, "2022-04-11", "2022-04-13", 188),
    (12, 10, 1, 1, "2022-05-02", "2022-05-09", 980),
    (7, 7, 5, 5, "2022-05-20", "2022-05-24", 355),
    (2, 1, 2, 2, "2022-06-06", "2022-06-10", 520),
    (16, 8, 5, 3, "2022-06-18", "2022-06-21", 290),
    (3, 5, 1, 1, "2022-07-01", "2022-07-03", 140),
    (6, 6, 4, 4, "2022-07-15", "2022-07-20", 610),
    (4, 9, 3, 3, "2022-08-02", "2022-08-12", 1875),
    (13, 12, 2, 2, "2022-08-20", "2022-08-23", 265),
    (8, 2, 4, 5, "2022-09-05", "2022-09-09", 448),
    (14, 10, 6, 1, "2022-10-01", "2022-10-04", 502),
    (10, 5, 5, 5, "2022-11-12", "2022-11-14", 96),
    (1, 1, 1, 2, "2023-01-09", "2023-01-12", 175),
    (3, 9, 1, 1, "2023-02-03", "2023-02-06", 301),
    (12, 6, 1, 3, "2023-03-15", "2023-03-22", 1120),
    (5, 5, 2, 2, "2023-04-07", "2023-04-09", 205),
    (2, 2, 2, 2, "2023-05-18", "2023-05-21", 390),
    (9, 7, 3, 3, "2023-06-10", "2023-06-17", 1460),
    (7, 3, 5, 4, "2023-07-01", "2023-07-05", 530),
    (3, 8, 1, 1, "2023-07-22", "2023-07-25", 212),
    (16, 1, 5, 5, "2023-08-14", "2023-08-18", 318),
    (6, 9, 4, 4, "2023-09-02", "2023-09-05", 275),
    (4, 4, 3, 1, "2023-10-20", "2023-10-27", 1010),
    (13, 10, 2, 2, "2023-11-11", "2023-11-13", 150),
    (8, 12, 4, 4, "2023-12-01", "2023-12-04", 330),
    (1, 5, 1, 1, "2024-01-15", "2024-01-18", 288),
    (3, 2, 6, 2, "2024-02-10", "2024-02-13", 365),
    (10, 9, 5, 5, "2024-03-02", "2024-03-04", 122),
    (14, 6, 6, 3, "2024-04-19", "2024-04-24", 720),
    (2, 7, 2, 2, "2024-05-25", "2024-05-29", 455),
    (12, 1, 1, 1, "2024-06-08", "2024-06-15", 1205),
    (5, 3, 2, 2, "2024-07-03", "2024-07-06", 260),
]
ONE_WAY_FEE = 40.0
DAMAGE_REPORTS = [  # rental, severity, repair cost, reported date
    (3, "MINOR", 180.0, "2022-03-26"),
    (11, "MAJOR", 2450.0, "2022-08-12"),
    (13, "MINOR", 95.0, "2022-09-09"),
    (18, "MAJOR", 1890.0, "2023-03-23"),
    (21, "MINOR", 240.0, "2023-06-17"),
    (23, "MINOR", 130.0, "2023-07-25"),
    (26, "MINOR", 310.0, "2023-10-28"),
    (30, "MAJOR", 3120.0, "2024-02-13"),
    (34, "MINOR", 205.0, "2024-06-15"),
    (34, "MINOR", 60.0, "2024-06-17"),
]


def build() -> Graph:
    g = Graph()
    for i, (name, city) in enumerate(BRANCHES, 1):
        add_row(g, "branch", "branch_id", i, {"name": name, "city": city})
    for i, (plate, make, model, built, seats, rate, fuel, home) in enumerate(CARS, 1):
        values = {
            "plate": plate,
            "make": make,
            "model": model,
            "year_built": built,
            "seats": seats,
            "daily_rate": rate,
            "fuel": fuel,
            "ref-home_branch_id": row("branch", "branch_id", home),
        }
        add_row(g, "car", "car_id", i, values)
    for i, (first, last, born, country) in enumerate(CUSTOMERS, 1):
        values = {"first_name": first, "last_name": last, "birth_date": born, "licence_country": country}
        add_row(g, "customer", "customer_id", i, values)
    for i, (car, customer, pickup, back, start, end, km) in enumerate(RENTALS, 1):
        days = (date.fromisoformat(end) - date.fromisoformat(start)).days
        cost = days * CARS[car - 1][5] + (ONE_WAY_FEE if pickup != back else 0.0)
        values = {
            "ref-car_id": row("car", "car_id", car),
            "ref-customer_id": row("customer", "customer_id", customer),
            "ref-pickup_branch_id": row("branch", "branch_id", pickup),
            "ref-return_branch_id": row("branch", "branch_id", back),
            "start_date": start,
            "end_date": end,
            "km_driven": km,
            "total_cost": round(cost, 2),
        }
        add_row(g, "rental", "rental_id", i, values)
    for i, (rental, severity, cost, reported) in enumerate(DAMAGE_REPORTS, 1):
        values = {
            "ref-rental_id": row("rental", "rental_id", rental),
            "severity": severity,
            "repair_cost": cost,
            "reported_date": reported,
        }
        add_row(g, "damage_report", "report_id", i, values)
    return g


if __name__ == "__main__":
    write_sorted(build(), Path(__file__).resolve().parent / "rental.ttl")

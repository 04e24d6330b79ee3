#!/usr/bin/env python3
"""Write bench/probes/insurer.ttl: a made-up insurance company database mapped table by table the way relational
benchmarks map theirs (a class per table, `<table>#<column>` properties, `<table>#ref-<column>` links to rows,
row IRIs `<table>/<key>=<value>`): customers hold policies sold by agents, claims on policies are handled by
adjusters (a staff table of their own), premiums are paid in payments; codes for kinds (gender 'F'/'M', product
'HOME'/'AUTO'/'LIFE'/'TRAVEL', status 'PAID'/'DENIED'/'PENDING', active 'Y'/'N', method 'CARD'/'BANK'/'CASH'),
policy numbers as codes ('HP-1042'), dates as plain strings, no labels or comments; deterministic."""

from __future__ import annotations

import random
from pathlib import Path

from rdflib import Graph
from tables import add_row, row, write_sorted

CUSTOMERS = [  # first name, last name, city, date of birth, gender
    ("Ingrid", "Solberg", "Lindhaven", "1978-03-14", "F"), ("Tomas", "Varnell", "Marrowby", "1985-07-22", "M"),
    ("Aiko", "Brandt", "Lindhaven", "1992-11-05", "F"), ("Joaquim", "Pereira", "Oskford", "1969-01-30", "M"),
    ("Leona", "Fairweather", "Tellan", "1990-06-18", "F"), ("Ruben", "Okafor", "Marrowby", "1975-09-09", "M"),
    ("Mirela", "Dascalu", "Oskford", "1988-02-27", "F"), ("Henrik", "Aalto", "Lindhaven", "1961-12-03", "M"),
    ("Sabine", "Kroll", "Tellan", "1995-04-11", "F"), ("Dario", "Mensah", "Oskford", "1982-08-15", "M"),
    ("Petra", "Lindqvist", "Marrowby", "1973-05-29", "F"), ("Callum", "Reyes", "Lindhaven", "1999-10-02", "M"),
    ("Noor", "Haddad", "Tellan", "1986-03-08", "F"), ("Elias", "Brandt", "Oskford", "1958-07-19", "M"),
    ("Wanda", "Kessler", "Marrowby", "1993-01-25", "F"),
]  # fmt: skip
AGENTS = [  # name, office city, years of experience, commission rate
    ("Greta Holmfirth", "Lindhaven", 12, 0.08), ("Oskar Tamm", "Marrowby", 5, 0.06),
    ("Priya Nandakumar", "Oskford", 9, 0.075), ("Marcel Dubois", "Lindhaven", 3, 0.05),
    ("Fenna de Wit", "Tellan", 15, 0.09), ("Jonah Pike", "Oskford", 1, 0.04),  # Jonah Pike has sold no policy
]  # fmt: skip
ADJUSTERS = [  # name, level, base city
    ("Hana Sato", "SENIOR", "Lindhaven"), ("Victor Lund", "JUNIOR", "Marrowby"),
    ("Ama Boateng", "SENIOR", "Oskford"), ("Liam Corr", "JUNIOR", "Tellan"),  # Liam Corr has handled no claim
]  # fmt: skip
POLICIES = [  # policy number, customer, agent, product type, annual premium, start date, active
    ("HP-1001", 1, 1, "HOME", 820.0, "2019-04-01", "Y"), ("AP-1002", 1, 1, "AUTO", 640.5, "2020-02-15", "Y"),
    ("LP-1003", 2, 2, "LIFE", 1200.0, "2018-09-10", "Y"), ("TP-1004", 2, 2, "TRAVEL", 95.0, "2023-06-01", "N"),
    ("HP-1005", 3, 4, "HOME", 710.0, "2021-01-20", "Y"), ("HP-1006", 4, 3, "HOME", 935.0, "2017-05-05", "Y"),
    ("AP-1007", 4, 3, "AUTO", 580.0, "2019-11-11", "Y"), ("LP-1008", 4, 5, "LIFE", 1550.0, "2016-03-03", "Y"),
    ("AP-1009", 5, 5, "AUTO", 720.0, "2022-08-08", "Y"), ("HP-1010", 6, 2, "HOME", 1010.0, "2020-07-07", "Y"),
    ("AP-1011", 6, 2, "AUTO", 495.0, "2021-03-14", "N"), ("TP-1012", 7, 3, "TRAVEL", 120.0, "2024-01-10", "Y"),
    ("LP-1013", 7, 1, "LIFE", 980.0, "2019-12-01", "Y"), ("HP-1014", 8, 1, "HOME", 1250.0, "2015-02-20", "Y"),
    ("LP-1015", 8, 5, "LIFE", 2100.0, "2014-06-30", "N"), ("AP-1016", 9, 4, "AUTO", 610.0, "2023-04-04", "Y"),
    ("HP-1017", 10, 3, "HOME", 860.0, "2022-10-01", "Y"), ("TP-1018", 10, 3, "TRAVEL", 80.0, "2024-05-15", "Y"),
    ("HP-1019", 11, 5, "HOME", 1120.0, "2018-01-12", "Y"), ("AP-1020", 11, 5, "AUTO", 690.0, "2018-01-12", "Y"),
    ("LP-1021", 12, 4, "LIFE", 450.0, "2024-02-01", "Y"), ("AP-1022", 13, 2, "AUTO", 560.0, "2021-09-09", "N"),
    ("TP-1023", 13, 1, "TRAVEL", 110.0, "2022-12-20", "Y"), ("HP-1042", 15, 5, "HOME", 1340.0, "2023-03-01", "Y"),
    ("AP-1025", 3, 4, "AUTO", 530.0, "2024-07-01", "Y"),
]  # fmt: skip  # Elias Brandt (14) holds no policy; Callum Reyes (12) and Wanda Kessler (15) have made no claim
CLAIMS = [  # policy, claim date, amount claimed, amount paid, status, adjuster
    (1, "2019-10-12", 2400.0, 2100.0, "PAID", 1), (7, "2021-02-03", 850.0, 850.0, "PAID", 2),
    (2, "2020-06-19", 1800.0, 1500.0, "PAID", 2), (2, "2022-11-30", 3200.0, 0.0, "DENIED", 1),
    (3, "2023-05-14", 15000.0, 0.0, "PENDING", 3), (4, "2023-07-22", 640.0, 640.0, "PAID", 2),
    (5, "2021-08-09", 5200.0, 4800.0, "PAID", 3), (5, "2023-01-15", 900.0, 0.0, "DENIED", 3),
    (6, "2018-03-27", 7600.0, 7000.0, "PAID", 1), (6, "2020-12-02", 1250.0, 1250.0, "PAID", 2),
    (6, "2024-02-18", 3100.0, 0.0, "PENDING", 1), (7, "2020-04-04", 2200.0, 2000.0, "PAID", 2),
    (9, "2022-12-24", 4100.0, 3900.0, "PAID", 3), (9, "2023-09-05", 700.0, 0.0, "DENIED", 2),
    (9, "2024-03-11", 1900.0, 0.0, "PENDING", 3), (10, "2021-05-17", 6300.0, 6300.0, "PAID", 1),
    (11, "2021-10-21", 1500.0, 0.0, "DENIED", 1), (12, "2024-02-28", 450.0, 450.0, "PAID", 2),
    (14, "2016-08-13", 12500.0, 11800.0, "PAID", 1), (14, "2019-01-26", 3400.0, 3400.0, "PAID", 3),
    (14, "2023-06-06", 2750.0, 0.0, "DENIED", 3), (16, "2023-10-10", 2600.0, 2400.0, "PAID", 2),
    (17, "2023-03-03", 4800.0, 0.0, "PENDING", 1), (18, "2024-07-19", 300.0, 300.0, "PAID", 2),
    (19, "2019-09-14", 9200.0, 8500.0, "PAID", 3), (20, "2020-02-02", 1350.0, 1350.0, "PAID", 3),
    (20, "2022-06-25", 2050.0, 0.0, "DENIED", 1), (22, "2022-04-16", 1100.0, 1000.0, "PAID", 2),
    (23, "2023-01-08", 520.0, 0.0, "PENDING", 2), (25, "2024-09-02", 1700.0, 0.0, "PENDING", 3),
]  # fmt: skip


def build() -> Graph:
    g = Graph()
    for i, (first, last, city, born, gender) in enumerate(CUSTOMERS, 1):
        values = {"first_name": first, "last_name": last, "city": city, "date_of_birth": born, "gender": gender}
        add_row(g, "customer", "customer_id", i, values)
    for i, (name, city, years, rate) in enumerate(AGENTS, 1):
        values = {"name": name, "office_city": city, "years_experience": years, "commission_rate": rate}
        add_row(g, "agent", "agent_id", i, values)
    for i, (name, level, city) in enumerate(ADJUSTERS, 1):
        add_row(g, "adjuster", "adjuster_id", i, {"name": name, "level": level, "base_city": city})
    for i, (number, customer, agent, product, premium, start, active) in enumerate(POLICIES, 1):
        values = {
            "policy_no": number,
            "ref-customer_id": row("customer", "customer_id", customer),
            "ref-agent_id": row("agent", "agent_id", agent),
            "product_type": product,
            "annual_premium": premium,
            "start_date": start,
            "active": active,
        }
        add_row(g, "policy", "policy_id", i, values)
    for i, (policy, day, claimed, paid, status, adjuster) in enumerate(CLAIMS, 1):
        values = {
            "ref-policy_id": row("policy", "policy_id", policy),
            "claim_date": day,
            "amount_claimed": claimed,
            "amount_paid": paid,
            "status": status,
            "ref-adjuster_id": row("adjuster", "adjuster_id", adjuster),
        }
        add_row(g, "claim", "claim_id", i, values)
    rng = random.Random(23)
    n = 0
    for i, (_, _, _, _, premium, start, _) in enumerate(POLICIES, 1):
        if i == 21:  # LP-1021 has had no payment yet
            continue
        parts = rng.choice([1, 1, 2, 4])
        for _ in range(parts):
            n += 1
            year = rng.randint(int(start[:4]), 2024)
            first = year == int(start[:4])
            month = rng.randint(int(start[5:7]) if first else 1, 12)
            low = int(start[8:]) if first and month == int(start[5:7]) else 1
            day = rng.randint(low, max(low, 28))  # never before the policy's start
            values = {
                "ref-policy_id": row("policy", "policy_id", i),
                "pay_date": f"{year}-{month:02d}-{day:02d}",
                "amount": round(premium / parts, 2),
                "method": rng.choice(["CARD", "CARD", "BANK", "CASH"]),
            }
            add_row(g, "payment", "payment_id", n, values)
    return g


if __name__ == "__main__":
    write_sorted(build(), Path(__file__).resolve().parent / "insurer.ttl")

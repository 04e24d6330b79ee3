#!/usr/bin/env python3
"""Write bench/probes/clinic.ttl: a made-up clinic database mapped table by table the way relational benchmarks
map theirs (a class per table, `<table>#<column>` properties, `<table>#ref-<column>` links to rows, row IRIs
`<table>/<key>=<value>`), with a link table that carries its own numbers (appointments with a fee and a length),
yes/no columns as 'T'/'F', codes as letters, dates as plain strings and no labels or comments; deterministic."""

from __future__ import annotations

import random
from pathlib import Path

from rdflib import Graph
from tables import add_row, row, write_sorted

DOCTORS = [  # name, specialty, years of experience, senior
    ("Anouk Brel", "Cardiology", 22, "T"), ("Bram Celis", "Dermatology", 6, "F"), ("Chloe Dierckx", "Cardiology", 9, "F"),
    ("Daan Evers", "Pediatrics", 15, "T"), ("Elke Fransen", "Dermatology", 31, "T"), ("Filip Goossens", "Surgery", 12, "F"),
    ("Greet Hermans", "Surgery", 4, "F"),
]  # fmt: skip
PATIENTS = [  # name, age, city, sex
    ("Hanne Jacobs", 34, "Leuven", "F"), ("Ivo Kools", 61, "Mechelen", "M"), ("Jana Lenaerts", 8, "Leuven", "F"),
    ("Kobe Maes", 45, "Lier", "M"), ("Lotte Nijs", 27, "Mechelen", "F"), ("Mats Op de Beeck", 72, "Lier", "M"),
    ("Nina Peeters", 12, "Leuven", "F"), ("Oscar Quintens", 55, "Hasselt", "M"),
]  # fmt: skip


def build() -> Graph:
    g = Graph()
    for i, (name, specialty, years, senior) in enumerate(DOCTORS, 1):
        values = {"name": name, "specialty": specialty, "years_experience": years, "is_senior": senior}
        add_row(g, "doctor", "doctor_id", i, values)
    for i, (name, age, city, sex) in enumerate(PATIENTS, 1):
        add_row(g, "patient", "patient_id", i, {"name": name, "age": age, "city": city, "sex": sex})
    rng = random.Random(11)
    for i in range(1, 29):
        doctor = rng.choice([1, 1, 2, 3, 3, 4, 4, 5, 6, 6])  # Greet Hermans (7) has no appointments
        patient = rng.choice([1, 1, 2, 3, 4, 4, 5, 6, 7])  # Oscar Quintens (8) has none
        values = {
            "ref-doctor_id": row("doctor", "doctor_id", doctor),
            "ref-patient_id": row("patient", "patient_id", patient),
            "appointment_date": f"202{rng.randint(3, 4)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "duration_minutes": rng.choice([15, 20, 30, 45, 60]),
            "fee": float(rng.choice([40, 55, 60, 85, 120])),
            "status": rng.choice(["DONE", "DONE", "DONE", "NOSHOW"]),
        }
        add_row(g, "appointment", "appointment_id", i, values)
    return g


if __name__ == "__main__":
    write_sorted(build(), Path(__file__).resolve().parent / "clinic.ttl")

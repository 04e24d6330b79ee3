#!/usr/bin/env python3
"""Write bench/probes/pharmacy.ttl: a made-up pharmacy chain's database mapped table by table the way relational
benchmarks map theirs (a class per table, `<table>#<column>` properties, `<table>#ref-<column>` links to rows, row
IRIs `<table>/<key>=<value>`): stores in towns with an opening year; drugs with a brand name beside a generic name
(two brands share one generic), a form code 'TAB'/'CAP'/'SYR'/'INJ', a strength in mg and a unit price only in the
column names (`strength_mg`, `unit_price`), a prescription flag 'Y'/'N'; doctors with a specialty; patients with a
date of birth as plain text; prescriptions written by a doctor for a patient on a date as text, their drugs in the
link table `prescription_item` (quantity, refills); sales of a drug at a store on a date as text, with a patient
only when the drug needs a prescription (`ref-patient_id` is missing for over-the-counter sales). A drug is never
sold, a doctor wrote no prescription, two patients have none, and one store (closed for a refit) sold nothing in
2023. No labels or comments; deterministic."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from rdflib import Graph
from tables import add_row, row, write_sorted

STORES = [  # name, town, opened year
    ("Greenleaf Pharmacy", "Ashbury", 2004), ("Corner Remedy", "Ashbury", 2015),
    ("Millbrook Apothecary", "Millbrook", 1998), ("Harlow Health Pharmacy", "Harlow Cross", 2011),
    ("Saltmere Chemist", "Saltmere", 2019),  # no sale in 2023
]  # fmt: skip
DRUGS = [  # brand name, generic name, form, strength in mg, unit price, requires a prescription
    ("Feveril", "paracetamol", "TAB", 500, 0.12, "N"), ("Bactorin", "amoxicillin", "CAP", 500, 0.45, "Y"),
    ("Coughease", "dextromethorphan", "SYR", 15, 0.30, "N"), ("Glucanta", "metformin", "TAB", 850, 0.20, "Y"),
    ("Tensivex", "lisinopril", "TAB", 10, 0.35, "Y"), ("Painaway", "ibuprofen", "TAB", 400, 0.15, "N"),
    ("Thrombex", "enoxaparin", "INJ", 40, 6.80, "Y"), ("Allerfree", "cetirizine", "TAB", 10, 0.18, "N"),
    ("Gastrolin", "omeprazole", "CAP", 20, 0.40, "Y"), ("Dozalin", "melatonin", "TAB", 3, 0.25, "N"),
    ("Cardiovan", "atorvastatin", "TAB", 20, 0.55, "Y"), ("Pedifen", "ibuprofen", "SYR", 100, 0.22, "N"),
    ("Steroject", "methylprednisolone", "INJ", 125, 9.40, "Y"),  # never prescribed, never sold
    ("Azimax", "azithromycin", "CAP", 250, 1.65, "Y"),
]  # fmt: skip
DOCTORS = [  # first name, last name, specialty
    ("Miriam", "Oduya", "General Practice"), ("Tobias", "Renwick", "Cardiology"), ("Selin", "Akgun", "Pediatrics"),
    ("Rafael", "Montiel", "General Practice"), ("Greta", "Hollis", "Endocrinology"),
    ("Nikolai", "Brandvold", "Dermatology"),  # wrote no prescription
]  # fmt: skip
PATIENTS = [  # first name, last name, date of birth, town
    ("Ada", "Pennick", "1951-03-12", "Ashbury"), ("Bruno", "Castell", "1968-11-02", "Millbrook"),
    ("Chioma", "Eze", "1985-06-21", "Ashbury"), ("Dorian", "Vale", "2012-09-14", "Harlow Cross"),
    ("Elsa", "Marrow", "1939-01-30", "Millbrook"), ("Farid", "Nasser", "1977-04-08", "Saltmere"),
    ("Gwen", "Talbot", "1990-12-19", "Harlow Cross"), ("Hugo", "Lindahl", "2016-05-03", "Ashbury"),
    ("Ines", "Varga", "1962-07-25", "Saltmere"), ("Jasper", "Quill", "1983-02-14", "Millbrook"),  # no prescription
    ("Kira", "Solano", "1999-10-10", "Ashbury"), ("Leopold", "Finch", "1944-08-17", "Harlow Cross"),
    ("Maren", "Oakes", "2001-03-29", "Millbrook"),  # no prescription
    ("Nils", "Hargreave", "1958-12-01", "Saltmere"),
]  # fmt: skip
PRESCRIPTIONS = [  # doctor, patient, issued date, items (drug, quantity, refills)
    (1, 1, "2022-01-18", [(4, 60, 3)]),
    (2, 5, "2022-02-07", [(11, 30, 5), (5, 30, 5)]),
    (3, 4, "2022-03-15", [(2, 21, 0)]),
    (4, 2, "2022-04-02", [(9, 28, 1)]),
    (5, 5, "2022-05-20", [(4, 60, 4)]),
    (1, 3, "2022-06-11", [(14, 6, 0)]),
    (2, 12, "2022-07-04", [(5, 30, 3), (11, 30, 3)]),
    (4, 6, "2022-09-13", [(2, 21, 0)]),
    (1, 1, "2022-10-25", [(9, 28, 2)]),
    (5, 2, "2022-11-30", [(4, 60, 2), (5, 30, 2)]),
    (2, 9, "2023-01-09", [(11, 30, 4)]),
    (1, 5, "2023-02-14", [(2, 21, 0), (9, 14, 0)]),
    (3, 8, "2023-03-06", [(14, 3, 0)]),
    (4, 7, "2023-03-22", [(2, 30, 1)]),
    (5, 1, "2023-04-17", [(4, 90, 3), (11, 30, 3)]),
    (2, 14, "2023-05-29", [(7, 10, 0)]),
    (1, 6, "2023-07-03", [(9, 28, 1)]),
    (4, 11, "2023-08-21", [(14, 6, 0)]),
    (5, 2, "2023-10-02", [(4, 60, 3)]),
    (1, 3, "2023-11-15", [(2, 21, 0)]),
    (2, 5, "2024-01-22", [(11, 30, 2), (7, 10, 0)]),
    (3, 4, "2024-02-12", [(2, 15, 0)]),
    (4, 12, "2024-03-18", [(9, 28, 2)]),
    (5, 5, "2024-04-30", [(4, 90, 3)]),
    (1, 1, "2024-06-10", [(14, 6, 0)]),
    (2, 9, "2024-08-05", [(11, 30, 3)]),
]
CLOSED = (5, "2023")  # Saltmere Chemist was shut for a refit all of 2023: its customers went to Harlow Cross
LAST_DAY = date(2024, 12, 31)


def home_store(rng: random.Random, town: str, when: date) -> int:
    stores = [i for i, s in enumerate(STORES, 1) if s[1] == town]
    store = rng.choice(stores)
    if store == CLOSED[0] and when.isoformat().startswith(CLOSED[1]):
        store = 4
    return store


def build() -> Graph:
    g = Graph()
    for i, (name, town, opened) in enumerate(STORES, 1):
        add_row(g, "store", "store_id", i, {"name": name, "town": town, "opened_year": opened})
    for i, (brand, generic, form, mg, price, rx) in enumerate(DRUGS, 1):
        values = {
            "brand_name": brand,
            "generic_name": generic,
            "form": form,
            "strength_mg": mg,
            "unit_price": price,
            "requires_prescription": rx,
        }
        add_row(g, "drug", "drug_id", i, values)
    for i, (first, last, specialty) in enumerate(DOCTORS, 1):
        add_row(g, "doctor", "doctor_id", i, {"first_name": first, "last_name": last, "specialty": specialty})
    for i, (first, last, born, town) in enumerate(PATIENTS, 1):
        values = {"first_name": first, "last_name": last, "birth_date": born, "town": town}
        add_row(g, "patient", "patient_id", i, values)
    rng = random.Random(41)
    sales = []  # (date, store, drug, units, patient or None)
    n = 0
    for i, (doctor, patient, issued, items) in enumerate(PRESCRIPTIONS, 1):
        values = {
            "ref-doctor_id": row("doctor", "doctor_id", doctor),
            "ref-patient_id": row("patient", "patient_id", patient),
            "issued_date": issued,
        }
        add_row(g, "prescription", "prescription_id", i, values)
        for drug, quantity, refills in items:
            n += 1
            values = {
                "ref-prescription_id": row("prescription", "prescription_id", i),
                "ref-drug_id": row("drug", "drug_id", drug),
                "quantity": quantity,
                "refills": refills,
            }
            add_row(g, "prescription_item", "", n, values)
            # the first fill a day or two after the prescription, each refill about a month later
            when = date.fromisoformat(issued) + timedelta(days=rng.randint(0, 2))
            for _ in range(1 + refills):
                if when > LAST_DAY:
                    break
                sales.append((when, home_store(rng, PATIENTS[patient - 1][3], when), drug, quantity, patient))
                when += timedelta(days=rng.randint(26, 34))
    over_the_counter = [i for i, d in enumerate(DRUGS, 1) if d[5] == "N"]
    for _ in range(40):
        when = date(2022, 1, 1) + timedelta(days=rng.randint(0, 1095))
        store = rng.randint(1, len(STORES))
        if store == CLOSED[0] and when.isoformat().startswith(CLOSED[1]):
            continue
        sales.append((when, store, rng.choice(over_the_counter), rng.choice([10, 12, 16, 20, 24]), None))
    sales.sort(key=lambda s: (s[0], s[1], s[2]))
    for i, (when, store, drug, units, patient) in enumerate(sales, 1):
        values = {
            "ref-store_id": row("store", "store_id", store),
            "ref-drug_id": row("drug", "drug_id", drug),
            "sale_date": when.isoformat(),
            "units": units,
        }
        if patient is not None:
            values["ref-patient_id"] = row("patient", "patient_id", patient)
        add_row(g, "sale", "sale_id", i, values)
    return g


if __name__ == "__main__":
    write_sorted(build(), Path(__file__).resolve().parent / "pharmacy.ttl")

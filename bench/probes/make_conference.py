#!/usr/bin/env python3
"""Write bench/probes/conference.ttl: a made-up scientific conference database mapped table by table the way
relational benchmarks map theirs (a class per table, `<table>#<column>` properties, `<table>#ref-<column>` links
to rows, row IRIs `<table>/<key>=<value>`): sessions of a track sit in a room and are chaired by a speaker,
talks belong to a session and are presented by a speaker (two links into the speaker table), attendees attend
sessions through a link table; days and start times as plain text ('YYYY-MM-DD', 'HH:MM'), a keynote flag as
'T'/'F', registration types as codes ('STUDENT', 'REGULAR', 'VIP') and no labels or comments; deterministic."""

from __future__ import annotations

import random
from pathlib import Path

from rdflib import Graph
from tables import add_row, row, write_sorted

SPEAKERS = [  # first name, last name, affiliation, country, h-index
    ("Marta", "Kolvik", "University of Tarnby", "Norway", 34),
    ("Dorian", "Achterberg", "Veldhoven Institute of Technology", "Netherlands", 21),
    ("Priya", "Ramanathan", "Coastline University", "India", 45),
    ("Tomasz", "Wierzba", "Krasno Polytechnic", "Poland", 18),
    ("Elena", "Castellvi", "Universitat de Serrallonga", "Spain", 27),
    ("Kofi", "Mensah-Adu", "Accra Lakeside University", "Ghana", 12),
    ("Yuki", "Harada", "Shirakawa Research Lab", "Japan", 39),
    ("Ingrid", "Fjellstad", "University of Tarnby", "Norway", 15),
    ("Lucas", "Brenner", "Veldhoven Institute of Technology", "Netherlands", 9),
    ("Amara", "Okafor", "Coastline University", "Nigeria", 31),
    ("Henrik", "Lindqvist", "Krasno Polytechnic", "Sweden", 24),  # chairs three sessions, presents no talk
    ("Sofia", "Marchetti", "Politecnico di Valsera", "Italy", 6),  # neither chairs nor presents
]
ROOMS = [  # name, floor, capacity
    ("Aurora Hall", 0, 400), ("Birch Room", 1, 120), ("Cedar Room", 1, 80), ("Delta Lab", 2, 40),
    ("Elm Suite", 2, 60),  # no session is held here
]  # fmt: skip
SESSIONS = [  # title, track, room, chair, day, start time
    ("Foundation Models", "AI", 1, 1, "2025-06-10", "09:00"),
    ("Distributed Storage", "Systems", 2, 2, "2025-06-10", "11:00"),
    ("Graph Algorithms", "Theory", 3, 3, "2025-06-10", "14:30"),
    ("Learning on Graphs", "AI", 1, 7, "2025-06-11", "09:30"),
    ("Operating Systems Revisited", "Systems", 3, 11, "2025-06-11", "11:00"),
    ("Complexity and Logic", "Theory", 4, 11, "2025-06-11", "14:00"),
    ("Reinforcement Learning", "AI", 1, 10, "2025-06-12", "08:30"),
    ("Networks and Cloud", "Systems", 1, 2, "2025-06-12", "10:30"),
    ("Cryptography Theory", "Theory", 3, 11, "2025-06-12", "13:00"),  # nobody attends it
    ("Robotics and Vision", "AI", 2, 5, "2025-06-12", "15:30"),
]
TALKS = [  # title, session, presenter, length in minutes, keynote
    ("Scaling Laws for Small Labs", 1, 1, 60, "T"),
    ("Sparse Attention in Practice", 1, 7, 25, "F"),
    ("Tokenizers Are Not Neutral", 1, 10, 20, "F"),
    ("Evaluating Open Weights", 1, 3, 25, "F"),
    ("Erasure Codes at the Edge", 2, 2, 30, "F"),
    ("A Log-Structured Key Store", 2, 9, 25, "F"),
    ("Consistency Without Clocks", 2, 4, 30, "F"),
    ("Faster Shortest Paths on Planar Graphs", 3, 3, 30, "F"),
    ("Dense Subgraph Discovery", 3, 8, 20, "F"),
    ("Message Passing Beyond Neighbours", 4, 7, 45, "T"),
    ("Graph Transformers for Chemistry", 4, 10, 25, "F"),
    ("Knowledge Graph Completion Revisited", 4, 3, 20, "F"),
    ("Schedulers for Many Cores", 5, 4, 30, "F"),
    ("Unikernels in Production", 5, 9, 10, "F"),
    ("Proof Complexity of Counting", 6, 8, 35, "F"),
    ("Fixed Points and Databases", 6, 5, 25, "F"),
    ("Agents That Learn to Ask", 7, 1, 50, "T"),
    ("Offline Policy Evaluation", 7, 6, 20, "F"),
    ("Reward Models Under Shift", 7, 3, 25, "F"),
    ("Curriculum Design for Robots", 7, 5, 15, "F"),
    ("Exploration with Intrinsic Motivation", 7, 6, 30, "F"),
    ("Congestion Control for Data Centres", 8, 2, 30, "F"),
    ("Serverless Cold Starts", 8, 9, 25, "F"),
    ("Lattices and Lower Bounds", 9, 8, 40, "F"),
    ("Depth from a Single Camera", 10, 6, 30, "F"),
]
ATTENDEES = [  # name, registration type, fee, country
    ("Nora Quist", "STUDENT", 150.0, "Norway"), ("Felix Adeyemi", "REGULAR", 450.0, "Nigeria"),
    ("Hana Kuroda", "VIP", 950.0, "Japan"), ("Mateo Ruiz", "STUDENT", 120.0, "Spain"),
    ("Greta Holm", "REGULAR", 390.0, "Sweden"), ("Oskar Brandt", "REGULAR", 450.0, "Germany"),
    ("Leila Farahani", "STUDENT", 150.0, "Canada"), ("Ravi Menon", "REGULAR", 450.0, "India"),
    ("Chloe Dubarry", "VIP", 800.0, "France"), ("Jonas Petrauskas", "STUDENT", 120.0, "Lithuania"),
    ("Amelie Kramer", "REGULAR", 390.0, "Germany"), ("Samuel Osei", "STUDENT", 150.0, "Ghana"),
    ("Wen Zhao", "REGULAR", 450.0, "China"), ("Isabel Moreno", "REGULAR", 450.0, "Spain"),
    ("Tariq Haddad", "VIP", 900.0, "Jordan"), ("Lotte de Graaf", "STUDENT", 120.0, "Netherlands"),
    ("Pavel Novak", "REGULAR", 390.0, "Czechia"),  # attends nothing
    ("Aisha Bello", "STUDENT", 150.0, "Nigeria"), ("Erik Sandvik", "REGULAR", 450.0, "Norway"),
    ("Mia Lorenz", "STUDENT", 150.0, "Germany"),
]  # fmt: skip


def build() -> Graph:
    g = Graph()
    for i, (first, last, affiliation, country, h_index) in enumerate(SPEAKERS, 1):
        values = {
            "first_name": first,
            "last_name": last,
            "affiliation": affiliation,
            "country": country,
            "h_index": h_index,
        }
        add_row(g, "speaker", "speaker_id", i, values)
    for i, (name, floor, capacity) in enumerate(ROOMS, 1):
        add_row(g, "room", "room_id", i, {"name": name, "floor": floor, "capacity": capacity})
    for i, (title, track, room, chair, day, start) in enumerate(SESSIONS, 1):
        values = {
            "title": title,
            "track": track,
            "ref-room_id": row("room", "room_id", room),
            "ref-chair_id": row("speaker", "speaker_id", chair),
            "day": day,
            "start_time": start,
        }
        add_row(g, "session", "session_id", i, values)
    for i, (title, session, presenter, length, keynote) in enumerate(TALKS, 1):
        values = {
            "title": title,
            "ref-session_id": row("session", "session_id", session),
            "ref-presenter_id": row("speaker", "speaker_id", presenter),
            "length_min": length,
            "is_keynote": keynote,
        }
        add_row(g, "talk", "talk_id", i, values)
    for i, (name, reg_type, fee, country) in enumerate(ATTENDEES, 1):
        add_row(g, "attendee", "attendee_id", i, {"name": name, "reg_type": reg_type, "fee": fee, "country": country})
    rng = random.Random(15)
    attendees = [a for a in range(1, 21) if a != 17]  # Pavel Novak (17) attends nothing
    sessions = [1, 1, 1, 2, 3, 4, 4, 5, 6, 7, 7, 8, 10]  # Cryptography Theory (9) has no audience
    seen = set()
    n = 0
    while n < 60:
        pair = (rng.choice(attendees), rng.choice(sessions))
        if pair in seen:
            continue
        seen.add(pair)
        n += 1
        values = {
            "ref-attendee_id": row("attendee", "attendee_id", pair[0]),
            "ref-session_id": row("session", "session_id", pair[1]),
        }
        add_row(g, "attendance", "", n, values)
    return g


if __name__ == "__main__":
    write_sorted(build(), Path(__file__).resolve().parent / "conference.ttl")

#!/usr/bin/env python3
"""Write bench/probes/tracker.ttl: a made-up software bug tracker database mapped table by table the way relational
benchmarks map theirs (a class per table, `<table>#<column>` properties, `<table>#ref-<column>` links to rows, row
IRIs `<table>/<key>=<value>`): projects, developers with a team code ('BE', 'FE', 'QA', 'OPS') and a seniority
level, issues with two links to the developer table (`ref-reporter_id`, `ref-assignee_id`, the latter missing for
unassigned issues), a severity code 'S1'..'S4', a status code 'OPEN'/'CLOSED'/'WONTFIX', a creation date as plain
text and an estimate in hours; commits as a link table (developer, issue, a short hash, a date as text, lines added
and removed), and labels put on issues through the link table `issue_tag`. No labels or comments; deterministic."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from rdflib import Graph
from tables import add_row, row, write_sorted

PROJECTS = [  # name, language, start year
    ("Harbor Lens", "Python", 2016), ("Quillbase", "Go", 2018), ("Mossgate", "Rust", 2020),
    ("Tinder Relay", "Java", 2014), ("Plover UI", "TypeScript", 2019),
    ("Cobalt Ledger", "Python", 2022),  # no issues
]  # fmt: skip
DEVELOPERS = [  # first name, last name, team, hired year, seniority level
    ("Amara", "Okafor", "BE", 2015, 4), ("Tomasz", "Wilk", "FE", 2019, 2), ("Ines", "Carvalho", "QA", 2017, 3),
    ("Jonah", "Fairweather", "BE", 2021, 1), ("Priya", "Raman", "FE", 2016, 3), ("Luca", "Brenner", "OPS", 2013, 4),
    ("Hana", "Sato", "QA", 2020, 2), ("Mateo", "Quiroga", "BE", 2018, 3), ("Freya", "Lindqvist", "FE", 2022, 1),
    ("Dmitri", "Volkov", "QA", 2023, 1),  # never committed, never assigned
]  # fmt: skip
ISSUES = [  # title, project, reporter, assignee (None: unassigned), severity, status, created, estimate in hours
    ("Crash when importing empty CSV", 1, 3, 1, "S1", "CLOSED", "2022-03-14", 6.5),
    ("Thumbnail cache never expires", 1, 7, 8, "S3", "OPEN", "2023-01-09", 4.0),
    ("Export to PDF drops page numbers", 1, 2, 5, "S2", "CLOSED", "2022-07-21", 3.5),
    ("Slow startup with large catalogs", 1, 6, 1, "S2", "OPEN", "2023-05-02", 12.0),
    ("Typo in settings dialog", 1, 9, 9, "S4", "CLOSED", "2023-02-17", 0.5),
    ("Memory leak in preview pane", 1, 3, 8, "S1", "OPEN", "2024-01-11", 16.0),
    ("Date filter ignores time zone", 1, 10, 4, "S3", "WONTFIX", "2023-08-30", 5.0),
    ("Add keyboard shortcut for rotate", 1, 5, None, "S4", "OPEN", "2024-03-05", 2.0),
    ("Deadlock during concurrent writes", 2, 6, 1, "S1", "CLOSED", "2021-11-02", 20.0),
    ("Index rebuild fails on ARM", 2, 7, 8, "S2", "OPEN", "2023-04-18", 9.0),
    ("Query planner ignores LIMIT", 2, 3, 4, "S2", "CLOSED", "2022-09-09", 7.5),
    ("Backup job leaves temp files", 2, 6, 6, "S3", "CLOSED", "2022-12-01", 3.0),
    ("Wrong error code on timeout", 2, 10, 8, "S3", "OPEN", "2024-02-20", 2.5),
    ("Replication lag metric is negative", 2, 7, 1, "S2", "WONTFIX", "2023-06-12", 4.5),
    ("Upgrade TLS library", 2, 6, None, "S3", "OPEN", "2024-04-02", 6.0),
    ("Panic on malformed config", 3, 3, 4, "S1", "CLOSED", "2021-05-19", 5.5),
    ("Build fails with newest compiler", 3, 8, 8, "S2", "CLOSED", "2022-02-08", 3.0),
    ("Plugin loader skips symlinks", 3, 10, 4, "S3", "OPEN", "2023-10-27", 4.0),
    ("Log rotation loses last line", 3, 7, 6, "S3", "CLOSED", "2022-06-15", 2.5),
    ("CPU spike when idle", 3, 3, 1, "S1", "OPEN", "2023-11-30", 14.0),
    ("Document the plugin API", 3, 1, 9, "S4", "WONTFIX", "2023-03-22", 8.0),
    ("Messages delivered twice after reconnect", 4, 7, 1, "S1", "CLOSED", "2021-08-04", 18.0),
    ("Queue dashboard shows stale counts", 4, 5, 2, "S3", "CLOSED", "2022-04-26", 5.0),
    ("Retry policy ignores max attempts", 4, 3, 8, "S2", "OPEN", "2023-07-07", 6.5),
    ("Heap dump on shutdown", 4, 6, 6, "S2", "CLOSED", "2022-10-13", 10.0),
    ("Consumer group rebalancing stalls", 4, 10, 1, "S1", "OPEN", "2024-01-25", 24.0),
    ("Admin page times out on Firefox", 4, 7, 5, "S3", "OPEN", "2023-09-14", 3.5),
    ("Deprecated config keys still accepted", 4, 1, 4, "S4", "WONTFIX", "2022-11-08", 1.5),
    ("Missing metrics for dead letters", 4, 3, 8, "S3", "CLOSED", "2023-02-28", 4.0),
    ("TLS handshake fails with old clients", 4, 6, None, "S2", "OPEN", "2024-05-16", 7.0),
    ("Login page freezes on Safari", 5, 7, 2, "S1", "CLOSED", "2022-05-05", 8.5),
    ("Dark mode colors unreadable", 5, 9, 5, "S3", "CLOSED", "2023-03-03", 3.0),
    ("Dropdown closes on scroll", 5, 3, 2, "S3", "OPEN", "2023-12-12", 2.0),
    ("Tooltip overlaps footer", 5, 10, 9, "S4", "OPEN", "2024-02-07", 1.0),
    ("Form loses input on back navigation", 5, 5, 5, "S2", "CLOSED", "2022-08-19", 5.5),
    ("Screen reader skips table headers", 5, 5, 2, "S2", "OPEN", "2024-06-03", 6.0),
]
LABELS = [  # name, colour
    ("regression", "#d73a4a"), ("performance", "#fbca04"), ("security", "#b60205"), ("ui", "#1d76db"),
    ("docs", "#0075ca"), ("crash", "#e11d21"), ("good-first-issue", "#7057ff"),
    ("flaky-test", "#c5def5"),  # on no issue
]  # fmt: skip
TAGS = {  # issue -> labels
    1: [6, 1], 2: [2], 3: [1], 4: [2], 5: [4, 7], 6: [2, 6], 8: [4, 7], 9: [6], 10: [1], 11: [2, 1], 13: [7],
    15: [3], 16: [6, 3], 17: [1], 20: [2], 21: [5], 22: [1], 23: [4], 25: [6], 26: [2], 27: [4, 2], 28: [5, 7],
    30: [3], 31: [4, 6], 32: [4], 33: [4], 34: [4, 7], 35: [1, 4], 36: [4],
}  # fmt: skip


def build() -> Graph:
    g = Graph()
    for i, (name, language, start) in enumerate(PROJECTS, 1):
        add_row(g, "project", "project_id", i, {"name": name, "language": language, "start_year": start})
    for i, (first, last, team, hired, level) in enumerate(DEVELOPERS, 1):
        values = {"first_name": first, "last_name": last, "team": team, "hired_year": hired, "seniority_level": level}
        add_row(g, "developer", "developer_id", i, values)
    for i, (title, project, reporter, assignee, severity, status, created, hours) in enumerate(ISSUES, 1):
        values = {
            "title": title,
            "ref-project_id": row("project", "project_id", project),
            "ref-reporter_id": row("developer", "developer_id", reporter),
            "severity": severity,
            "status": status,
            "created_date": created,
            "estimate_hours": hours,
        }
        if assignee is not None:
            values["ref-assignee_id"] = row("developer", "developer_id", assignee)
        add_row(g, "issue", "issue_id", i, values)
    for i, (name, colour) in enumerate(LABELS, 1):
        add_row(g, "label", "label_id", i, {"name": name, "color": colour})
    n = 0
    for issue, labels in TAGS.items():
        for label in labels:
            n += 1
            values = {"ref-issue_id": row("issue", "issue_id", issue), "ref-label_id": row("label", "label_id", label)}
            add_row(g, "issue_tag", "", n, values)
    rng = random.Random(23)
    # commits go to issues someone is assigned to and that were not dropped (WONTFIX); Dmitri Volkov (10) never commits
    worked = [i for i, issue in enumerate(ISSUES, 1) if issue[3] is not None and issue[5] != "WONTFIX"]
    for i in range(1, 53):
        issue = rng.choice(worked)
        assignee = ISSUES[issue - 1][3]
        developer = assignee if rng.random() < 0.75 else rng.randint(1, 9)
        when = date.fromisoformat(ISSUES[issue - 1][6]) + timedelta(days=rng.randint(1, 60))
        values = {
            "sha": f"{rng.getrandbits(28):07x}",
            "ref-developer_id": row("developer", "developer_id", developer),
            "ref-issue_id": row("issue", "issue_id", issue),
            "commit_date": when.isoformat(),
            "lines_added": rng.randint(1, 400),
            "lines_removed": rng.randint(0, 150),
        }
        add_row(g, "commit", "", i, values)
    return g


if __name__ == "__main__":
    write_sorted(build(), Path(__file__).resolve().parent / "tracker.ttl")

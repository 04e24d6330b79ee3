#!/usr/bin/env python3
"""Write bench/countries/questions.jsonl: questions about the bundled countries graph.

Every answer set is computed here by running the question's SPARQL on the built graph with
pyoxigraph; no answer is typed by hand. Rebuild the graph first if build.py changed:

    python graphs/countries/build.py
    python bench/countries/make_questions.py [--graph ...] [--out ...] [--check]

Answer values: IRIs as full strings, literals as their lexical form, "true"/"false" for ASK.
When a query projects several variables (per-group questions), "answers" holds every value of
every row, row by row, and "rows" keeps the rows themselves.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_GRAPH = ROOT / "graphs" / "countries" / "countries.ttl"
DEFAULT_OUT = Path(__file__).resolve().parent / "questions.jsonl"

PREFIXES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX cv: <https://kgquery.dev/countries/vocab/>
PREFIX country: <https://kgquery.dev/countries/id/country/>
PREFIX city: <https://kgquery.dev/countries/id/city/>
PREFIX language: <https://kgquery.dev/countries/id/language/>
PREFIX currency: <https://kgquery.dev/countries/id/currency/>
PREFIX region: <https://kgquery.dev/countries/id/region/>
PREFIX subregion: <https://kgquery.dev/countries/id/subregion/>
PREFIX iregion: <https://kgquery.dev/countries/id/intermediate-region/>
"""

# (question, tags, SPARQL body without prefixes)
QUESTIONS: list[tuple[str, list[str], str]] = [
    # --- attribute of an entity
    ("What is the capital of Peru?", ["SELECT"], "SELECT ?city WHERE { country:PER cv:capital ?city }"),
    ("What currency does Japan use?", ["SELECT"], "SELECT ?currency WHERE { country:JPN cv:currency ?currency }"),
    (
        "How many people live in Canada?",
        ["SELECT"],
        "SELECT ?population WHERE { country:CAN cv:population ?population }",
    ),
    ("How big is Switzerland in square kilometres?", ["SELECT"], "SELECT ?area WHERE { country:CHE cv:area ?area }"),
    (
        "What's Norway's two-letter ISO country code?",
        ["SELECT"],
        "SELECT ?code WHERE { country:NOR cv:alpha2Code ?code }",
    ),
    (
        "What is the international dialling code for Brazil?",
        ["SELECT"],
        "SELECT ?code WHERE { country:BRA cv:callingCode ?code }",
    ),
    (
        "What are the official languages of Switzerland?",
        ["SELECT"],
        "SELECT ?language WHERE { country:CHE cv:officialLanguage ?language }",
    ),
    ("Which region is Kazakhstan in?", ["SELECT"], "SELECT ?region WHERE { country:KAZ cv:region ?region }"),
    (
        "Egypt belongs to which subregion?",
        ["SELECT"],
        "SELECT ?subregion WHERE { country:EGY cv:subregion ?subregion }",
    ),
    ("What is the official name of Germany?", ["SELECT"], "SELECT ?name WHERE { country:DEU cv:officialName ?name }"),
    ("What do you call someone from Peru?", ["SELECT"], "SELECT ?demonym WHERE { country:PER cv:demonym ?demonym }"),
    ("What is the capital of the Ivory Coast?", ["SELECT"], "SELECT ?city WHERE { country:CIV cv:capital ?city }"),
    # --- reverse lookups
    (
        "Which country has Canberra as its capital?",
        ["SELECT"],
        'SELECT ?country WHERE { ?country cv:capital ?city . ?city rdfs:label "Canberra" }',
    ),
    (
        "Which country uses the internet domain .tv?",
        ["SELECT"],
        'SELECT ?country WHERE { ?country cv:topLevelDomain ".tv" }',
    ),
    (
        "Which countries have a capital called Kingston?",
        ["SELECT"],
        'SELECT ?country WHERE { ?country cv:capital ?city . ?city rdfs:label "Kingston" }',
    ),
    # --- lists filtered by linked values
    ("Which countries border Germany?", ["SELECT"], "SELECT ?country WHERE { country:DEU cv:borders ?country }"),
    (
        "Which countries in Western Europe use the euro?",
        ["SELECT", "FILTER"],
        "SELECT ?country WHERE { ?country cv:subregion subregion:western-europe ; cv:currency currency:EUR }",
    ),
    (
        "In which countries is Portuguese an official language?",
        ["SELECT"],
        "SELECT ?country WHERE { ?country cv:officialLanguage language:por }",
    ),
    (
        "List the countries that use the US dollar.",
        ["SELECT"],
        "SELECT ?country WHERE { ?country cv:currency currency:USD }",
    ),
    (
        "Which Central American countries have Spanish as an official language?",
        ["SELECT", "FILTER"],
        "SELECT ?country WHERE { ?country cv:intermediateRegion iregion:central-america ; "
        "cv:officialLanguage language:spa }",
    ),
    (
        "Which African countries have Arabic as an official language?",
        ["SELECT", "FILTER"],
        "SELECT ?country WHERE { ?country cv:region region:africa ; cv:officialLanguage language:ara }",
    ),
    (
        "Which countries outside Europe use the euro?",
        ["SELECT", "FILTER"],
        "SELECT ?country WHERE { ?country cv:currency currency:EUR . "
        "FILTER NOT EXISTS { ?country cv:region region:europe } }",
    ),
    (
        "Which countries share a border with both France and Germany?",
        ["SELECT", "MULTIHOP"],
        "SELECT ?country WHERE { country:FRA cv:borders ?country . country:DEU cv:borders ?country }",
    ),
    # --- counts
    (
        "How many countries border Brazil?",
        ["COUNT"],
        "SELECT (COUNT(DISTINCT ?country) AS ?n) WHERE { country:BRA cv:borders ?country }",
    ),
    (
        "How many countries and territories are there in Oceania?",
        ["COUNT"],
        "SELECT (COUNT(DISTINCT ?country) AS ?n) WHERE { ?country cv:region region:oceania }",
    ),
    (
        "In how many countries is English an official language?",
        ["COUNT"],
        "SELECT (COUNT(DISTINCT ?country) AS ?n) WHERE { ?country cv:officialLanguage language:eng }",
    ),
    (
        "How many official languages does South Africa have?",
        ["COUNT"],
        "SELECT (COUNT(DISTINCT ?language) AS ?n) WHERE { country:ZAF cv:officialLanguage ?language }",
    ),
    # --- superlatives
    (
        "Which is the most populous country in Africa?",
        ["SUPERLATIVE"],
        "SELECT ?country WHERE { ?country cv:region region:africa ; cv:population ?p } ORDER BY DESC(?p) LIMIT 1",
    ),
    (
        "What is the largest country by area?",
        ["SUPERLATIVE"],
        "SELECT ?country WHERE { ?country a cv:Country ; cv:area ?a } ORDER BY DESC(?a) LIMIT 1",
    ),
    (
        "What's the smallest country in Europe by area?",
        ["SUPERLATIVE"],
        "SELECT ?country WHERE { ?country cv:region region:europe ; cv:area ?a } ORDER BY ?a LIMIT 1",
    ),
    (
        "Which Asian country has the most inhabitants?",
        ["SUPERLATIVE"],
        "SELECT ?country WHERE { ?country cv:region region:asia ; cv:population ?p } ORDER BY DESC(?p) LIMIT 1",
    ),
    (
        "Which language is an official language in the largest number of countries?",
        ["SUPERLATIVE", "GROUP"],
        "SELECT ?language WHERE { ?country cv:officialLanguage ?language } "
        "GROUP BY ?language ORDER BY DESC(COUNT(DISTINCT ?country)) LIMIT 1",
    ),
    # --- numeric comparisons
    (
        "Which countries in South America have more than 20 million people?",
        ["COMPARISON", "FILTER"],
        "SELECT ?country WHERE { ?country cv:intermediateRegion iregion:south-america ; "
        "cv:population ?p FILTER(?p > 20000000) }",
    ),
    (
        "Which countries are bigger than Brazil?",
        ["COMPARISON", "FILTER"],
        "SELECT ?country WHERE { country:BRA cv:area ?brazil . ?country cv:area ?a FILTER(?a > ?brazil) }",
    ),
    (
        "Which Northern European countries have fewer than one million inhabitants?",
        ["COMPARISON", "FILTER"],
        "SELECT ?country WHERE { ?country cv:subregion subregion:northern-europe ; "
        "cv:population ?p FILTER(?p < 1000000) }",
    ),
    (
        "Does Mexico have more people than Japan?",
        ["ASK", "COMPARISON"],
        "ASK { country:MEX cv:population ?m . country:JPN cv:population ?j FILTER(?m > ?j) }",
    ),
    # --- yes/no
    ("Does France border Spain?", ["ASK"], "ASK { country:FRA cv:borders country:ESP }"),
    ("Is Spanish an official language of Chile?", ["ASK"], "ASK { country:CHL cv:officialLanguage language:spa }"),
    ("Do Canada and Mexico share a border?", ["ASK"], "ASK { country:CAN cv:borders country:MEX }"),
    ("Is Sucre the capital of Bolivia?", ["ASK"], 'ASK { country:BOL cv:capital ?city . ?city rdfs:label "Sucre" }'),
    # --- two-hop chains
    (
        "What languages are spoken in the countries that border Austria?",
        ["MULTIHOP"],
        "SELECT DISTINCT ?language WHERE { country:AUT cv:borders ?neighbour . "
        "?neighbour cv:officialLanguage ?language }",
    ),
    (
        "What is the currency of the country whose capital is Nairobi?",
        ["MULTIHOP"],
        'SELECT ?currency WHERE { ?city rdfs:label "Nairobi" . ?country cv:capital ?city ; cv:currency ?currency }',
    ),
    (
        "Which currencies are used in Norway's neighbouring countries?",
        ["MULTIHOP"],
        "SELECT DISTINCT ?currency WHERE { country:NOR cv:borders ?n . ?n cv:currency ?currency }",
    ),
    (
        "What is the latitude of Iceland's capital?",
        ["MULTIHOP"],
        "SELECT ?lat WHERE { country:ISL cv:capital ?city . ?city cv:latitude ?lat }",
    ),
    (
        "What is the ISO currency code of the money used in India?",
        ["MULTIHOP"],
        "SELECT ?code WHERE { country:IND cv:currency ?c . ?c cv:currencyCode ?code }",
    ),
    (
        "What is the capital of the most populous country in South America?",
        ["MULTIHOP", "SUPERLATIVE"],
        "SELECT ?city WHERE { { SELECT ?country WHERE { ?country cv:intermediateRegion "
        "iregion:south-america ; cv:population ?p } ORDER BY DESC(?p) LIMIT 1 } "
        "?country cv:capital ?city }",
    ),
    # --- per-group aggregates
    (
        "How many countries are in each region?",
        ["GROUP", "COUNT"],
        "SELECT ?region (COUNT(DISTINCT ?country) AS ?n) WHERE { ?country cv:region ?region } "
        "GROUP BY ?region ORDER BY ?region",
    ),
    (
        "How many countries in each subregion of Europe?",
        ["GROUP", "COUNT"],
        "SELECT ?subregion (COUNT(DISTINCT ?country) AS ?n) WHERE { ?country cv:region region:europe ; "
        "cv:subregion ?subregion } GROUP BY ?subregion ORDER BY ?subregion",
    ),
    (
        "What is the average population of the countries in each region?",
        ["GROUP", "AGGREGATE"],
        "SELECT ?region (AVG(?p) AS ?average) WHERE { ?country cv:region ?region ; cv:population ?p } "
        "GROUP BY ?region ORDER BY ?region",
    ),
    (
        "What is the combined population of the countries of Northern America?",
        ["AGGREGATE"],
        "SELECT (SUM(?p) AS ?total) WHERE { ?country cv:subregion subregion:northern-america ; cv:population ?p }",
    ),
    (
        "Which countries border exactly one other country?",
        ["GROUP", "FILTER"],
        "SELECT ?country WHERE { ?country cv:borders ?n } GROUP BY ?country HAVING (COUNT(DISTINCT ?n) = 1)",
    ),
]


def term_value(term) -> str:
    return term.value  # IRI string or literal lexical form


def run(store: pyoxigraph.Store, sparql: str):
    result = store.query(sparql)
    if isinstance(result, bool):
        return ["true" if result else "false"], None
    if isinstance(result, pyoxigraph.QueryBoolean):
        return ["true" if bool(result) else "false"], None
    variables = [v.value for v in result.variables]
    rows = [[term_value(sol[v]) if sol[v] is not None else None for v in variables] for sol in result]
    if len(variables) == 1:
        ordered = "ORDER BY" in sparql.upper() and "LIMIT" not in sparql.upper()
        values = [r[0] for r in rows if r[0] is not None]
        answers = list(dict.fromkeys(values)) if ordered else sorted(set(values))
        return answers, None
    flat = [value for row in rows for value in row if value is not None]
    return flat, rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--graph", type=Path, default=DEFAULT_GRAPH)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if the file on disk differs from what would be written",
    )
    args = parser.parse_args(argv)

    store = pyoxigraph.Store()
    store.load(path=str(args.graph), format=pyoxigraph.RdfFormat.TURTLE)

    lines, tags = [], Counter()
    for i, (question, qtags, body) in enumerate(QUESTIONS, start=1):
        sparql = PREFIXES + body
        answers, rows = run(store, sparql)
        if not answers:
            raise SystemExit(f"c{i:02d} has no answer: {question}")
        record = {"id": f"c{i:02d}", "question": question, "answers": answers, "tags": qtags, "sparql": sparql}
        if rows is not None:
            record["rows"] = rows
        lines.append(json.dumps(record, ensure_ascii=False))
        tags.update(qtags)
    text = "\n".join(lines) + "\n"

    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{args.out} is stale: rerun make_questions.py")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}: {len(lines)} questions")
    print("  tags: " + ", ".join(f"{t}={n}" for t, n in sorted(tags.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())

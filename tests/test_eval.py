"""The evaluation harness (`kgquery eval`): metrics, question formats, scoring runs, reports.

Small real graphs are written to tmp_path and loaded with KnowledgeGraph.load; the answering
engine in the quick tests is a fixed question -> SPARQL table run on that graph, so every number
is exact. The end-to-end test runs the real `kgquery eval` on ck25 (marked slow).
"""

from __future__ import annotations

import doctest
import json
import os
from pathlib import Path

import pytest

from kgquery.answer.types import Answer, Outcome
from kgquery.evaluation import compare as compare_mod, formats, metrics, splits
from kgquery.evaluation.formats import detect_format, load_questions
from kgquery.evaluation.harness import GraphLoader, run_eval
from kgquery.evaluation.metrics import norm_value, percentile, score, set_prf
from kgquery.evaluation.report import markdown
from kgquery.graph import KnowledgeGraph
from kgquery.graph.execute import Limits

REQUIRED_Q_KEYS = {"id", "question", "sparql", "values", "gold", "f1", "outcome", "seconds"}
REQUIRED_SUMMARY_KEYS = {"n", "mean_f1", "exact", "latency_p50_s", "latency_p95_s", "outcomes"}

TTL = """@prefix ex: <http://ex.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:alice a ex:Person ; ex:name "Alice" ; ex:age 30 ; ex:knows ex:bob .
ex:bob a ex:Person ; ex:name "Bob" ; ex:age 25 .
ex:carol a ex:Person ; ex:name "Carol" ; ex:age "25.0"^^xsd:decimal .
"""
P = "PREFIX ex: <http://ex.org/>\n"

# question -> the SPARQL the fixed engine answers with (others abstain)
ENGINE_SPARQL = {
    "Who does Alice know?": P + "SELECT ?x WHERE { ex:alice ex:knows ?x }",
    "How many persons are there?": P + "SELECT (COUNT(?p) AS ?n) WHERE { ?p a ex:Person }",
    "Is Bob a person?": P + "ASK { ex:bob a ex:Person }",
    "Names of all people?": P + "SELECT ?n WHERE { ?p ex:age ?a ; ex:name ?n FILTER(?a = 25) }",  # 2 of 3
    "Who does Bob know?": P + "SELECT ?x WHERE { ex:bob ex:knows ?x }",  # empty, gold empty
}
NAMES = {
    Outcome.ROWS: "answered",
    Outcome.BOOLEAN: "answered",
    Outcome.EMPTY: "empty",
    Outcome.TIMED_OUT: "timed_out",
    Outcome.REFUSED: "refused",
    Outcome.FAILED: "failed",
}


class FixedEngine:
    """Answers from a fixed question -> SPARQL table, executed on the real graph."""

    def __init__(self, kg, table):
        self.kg, self.table = kg, table

    def ask(self, question: str) -> Answer:
        sparql = self.table.get(question)
        if sparql is None:
            return Answer(question=question, text="I don't know.", outcome="abstained")
        r = self.kg.query(sparql)
        return Answer(
            question=question,
            text="",
            sparql=sparql,
            vars=r.vars,
            rows=r.rows,
            boolean=r.boolean,
            outcome=NAMES[r.outcome],
            generator="fixed",
            confidence=1.0,
        )


def fixed(table=ENGINE_SPARQL):
    return lambda kg, model: FixedEngine(kg, table)


@pytest.fixture
def kg(tmp_path):
    f = tmp_path / "people.ttl"
    f.write_text(TTL, "utf-8")
    return KnowledgeGraph.load(f, limits=Limits(timeout_s=5))


def write_jsonl(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return path


JSONL_RECORDS = [
    {"id": "q1", "question": "Who does Alice know?", "answers": ["http://ex.org/bob"], "tags": ["SELECT"]},
    {"id": "q2", "question": "How many persons are there?", "answers": ["3.0"], "tags": ["SELECT", "COUNT"]},
    {"id": "q3", "question": "Is Bob a person?", "answers": [True], "tags": ["ASK"]},
    {"id": "q4", "question": "Names of all people?", "answers": ["Alice", "Bob", "Carol"], "tags": ["SELECT"]},
    {"id": "q5", "question": "Who does Bob know?", "answers": [], "tags": ["SELECT"]},
    {"id": "q6", "question": "What is the meaning of life?", "answers": ["42"]},
]


# --- metrics ----------------------------------------------------------------------------------


def test_metric_doctests():
    for mod in (metrics, formats, compare_mod, splits):
        res = doctest.testmod(mod)
        assert res.failed == 0 and res.attempted > 0, mod.__name__


def test_set_prf_edge_cases():
    assert set_prf([], []) == (1.0, 1.0, 1.0)  # empty gold, empty answer
    assert set_prf(["a"], []) == (0.0, 0.0, 0.0)  # empty gold, non-empty answer
    assert set_prf([], ["a"]) == (0.0, 0.0, 0.0)  # gold, empty answer
    assert set_prf(["a", "x"], ["a", "b", "c"]) == pytest.approx((0.5, 1 / 3, 0.4))
    assert set_prf(["a", "a", "a"], ["a"]) == (1.0, 1.0, 1.0)  # sets, not bags


def test_numbers_compare_as_numbers():
    assert set_prf(["6"], [6.0]) == (1.0, 1.0, 1.0)
    assert set_prf(["6.00"], ["6"]) == (1.0, 1.0, 1.0)
    assert set_prf([6], ["6E0"]) == (1.0, 1.0, 1.0)
    assert set_prf(["0.1"], [0.1]) == (1.0, 1.0, 1.0)
    assert set_prf(["6.01"], ["6"])[2] == 0.0
    assert norm_value("B523-5464510") == ("str", "B523-5464510")  # not a number
    assert norm_value("http://x/6") == ("str", "http://x/6")


def test_ask_booleans():
    for gold in (["true"], [True], [1], ["1"], ["TRUE"]):
        assert set_prf(["true"], gold) == (1.0, 1.0, 1.0), gold
        assert set_prf(["false"], gold) == (0.0, 0.0, 0.0), gold
    for gold in (["false"], [False], [0]):
        assert set_prf(["false"], gold) == (1.0, 1.0, 1.0), gold


def test_no_answer_scores_zero_even_for_empty_gold():
    for outcome in ("abstained", "failed", "timed_out", "refused"):
        assert score([], [], outcome) == (0.0, 0.0, 0.0)
        assert score(["x"], ["x"], outcome) == (0.0, 0.0, 0.0)
    assert score([], [], "empty") == (1.0, 1.0, 1.0)
    assert score(["x"], ["x", "y"], "answered")[2] == pytest.approx(2 / 3)


def test_percentile():
    assert percentile([0.1, 0.2, 0.3, 0.4, 10.0], 50) == pytest.approx(0.3)
    assert percentile([0.1, 0.2, 0.3, 0.4, 10.0], 95) == pytest.approx(8.08)


# --- formats ----------------------------------------------------------------------------------


def test_jsonl_format(tmp_path):
    f = write_jsonl(tmp_path / "qs.jsonl", JSONL_RECORDS)
    assert detect_format(f) == "jsonl"
    qs = load_questions(f)
    assert [q.id for q in qs] == ["q1", "q2", "q3", "q4", "q5", "q6"]
    assert qs[1].gold == ["3.0"] and qs[1].tags == ["SELECT", "COUNT"]
    assert qs[2].boolean and qs[2].gold == [True]
    assert qs[4].gold == [] and qs[5].tags == []


TEXT2SPARQL_YML = """dataset:
  id: https://example.org/tst/
  prefix: tst
questions:
  - id: 1
    question:
      en: Who does Alice know?
      de: Wen kennt Alice?
    features: [SELECT]
    query:
      sparql: |
        PREFIX ex: <http://ex.org/>
        SELECT ?x WHERE { ex:alice ex:knows ?x }
  - id: 2
    question:
      en: Is Carol unknown to everyone?
    features: [ASK, EXISTS]
    query:
      sparql: |
        PREFIX ex: <http://ex.org/>
        # a comment before the form
        ASK { ex:carol a ex:Person FILTER NOT EXISTS { ?s ex:knows ex:carol } }
  - id: 3
    question:
      en: How many persons are there?
    features: [SELECT, COUNT]
    query:
      sparql: |
        PREFIX ex: <http://ex.org/>
        SELECT (COUNT(?p) AS ?n) WHERE { ?p a ex:Person }
"""


def test_text2sparql_format(tmp_path):
    f = tmp_path / "questions.yml"
    f.write_text(TEXT2SPARQL_YML, "utf-8")
    (tmp_path / "tst_true_result_set.json").write_text(
        json.dumps({"tst:1-en": {"http://ex.org/bob": 1}, "tst:2-en": {"true": 0}}), "utf-8"
    )
    assert detect_format(f) == "text2sparql"
    qs = load_questions(f)
    assert [q.id for q in qs] == ["tst:1-en", "tst:2-en", "tst:3-en"]
    assert qs[0].question == "Who does Alice know?" and qs[0].tags == ["SELECT"]
    assert qs[0].gold == ["http://ex.org/bob"]
    assert qs[1].boolean and qs[1].gold == [False]  # {"true": 0} is a false ASK
    assert qs[2].gold is None and "COUNT(?p)" in qs[2].sparql  # not in the gold file: run the query


def test_text2sparql_gold_from_reference_query(tmp_path, kg):
    f = tmp_path / "questions.yml"
    f.write_text(TEXT2SPARQL_YML, "utf-8")  # no *_true_result_set.json beside it
    qs = load_questions(f)
    assert all(q.gold is None for q in qs)
    rep = run_eval(kg, qs, engine_factory=fixed(), progress=False)
    golds = {r["id"]: r["gold"] for r in rep["questions"]}
    assert golds == {"tst:1-en": ["http://ex.org/bob"], "tst:2-en": ["true"], "tst:3-en": ["3"]}
    assert [r["gold_source"] for r in rep["questions"]] == ["query"] * 3
    f1 = {r["id"]: r["f1"] for r in rep["questions"]}
    assert f1 == {"tst:1-en": 1.0, "tst:2-en": 0.0, "tst:3-en": 1.0}  # q2 abstains in the fixed engine
    assert rep["summary"]["by_tag"]["ASK"] == {"n": 1, "mean_f1": 0.0, "exact": 0.0}
    assert rep["summary"]["by_tag"]["SELECT"] == {"n": 2, "mean_f1": 1.0, "exact": 1.0}


def test_qald_format(tmp_path):
    data = {
        "questions": [
            {
                "id": "7",
                "answertype": "resource",
                "question": [
                    {"language": "de", "string": "Wen kennt Alice?"},
                    {"language": "en", "string": "Who does Alice know?"},
                ],
                "query": {"sparql": "SELECT ?x WHERE { <http://ex.org/alice> <http://ex.org/knows> ?x }"},
                "answers": [
                    {
                        "head": {"vars": ["x"]},
                        "results": {
                            "bindings": [
                                {"x": {"type": "uri", "value": "http://ex.org/bob"}},
                                {"x": {"type": "literal", "value": "Bobby", "xml:lang": "en"}},
                            ]
                        },
                    }
                ],
            },
            {
                "id": 8,
                "question": [{"language": "en", "string": "Is Bob a person?"}],
                "query": {"sparql": "ASK { <http://ex.org/bob> a <http://ex.org/Person> }"},
                "answers": [{"head": {}, "boolean": True}],
            },
        ]
    }
    f = tmp_path / "qald.json"
    f.write_text(json.dumps(data), "utf-8")
    assert detect_format(f) == "qald"
    qs = load_questions(f)
    assert [q.id for q in qs] == ["7", "8"]
    assert qs[0].question == "Who does Alice know?"
    assert qs[0].gold == ["http://ex.org/bob", "Bobby"] and qs[0].tags == ["answertype:resource"]
    assert qs[1].gold == [True] and qs[1].boolean


SPIDER_TTL = """<http://valuenet/ontop/singer/id=1> a <http://valuenet/ontop/singer> ;
    <http://valuenet/ontop/singer#name> "Ann" ; <http://valuenet/ontop/singer#age> 30 .
<http://valuenet/ontop/singer/id=2> a <http://valuenet/ontop/singer> ;
    <http://valuenet/ontop/singer#name> "Ben" ; <http://valuenet/ontop/singer#age> 40 .
"""


def spider_files(tmp_path):
    kgs = tmp_path / "kgs"
    kgs.mkdir()
    (kgs / "tiny_db_triples.ttl").write_text(SPIDER_TTL, "utf-8")
    dev = tmp_path / "dev.json"
    dev.write_text(
        json.dumps(
            [
                {
                    "kg_name": "tiny_db",
                    "question": "How many singers?",
                    "query": "select (count( *) as ?c) where { ?t a :singer . }",
                },
                {
                    "kg_name": "Tiny_DB",
                    "question": "Names of singers?",
                    "query": "SELECT ?n WHERE { ?t a :singer . ?t :singer\\#name ?n }",
                },
                {"kg_name": "missing_db", "question": "Anything?", "query": "SELECT ?x WHERE { ?x a :thing }"},
            ]
        ),
        "utf-8",
    )
    return dev, kgs


def test_spider_format_and_run(tmp_path):
    dev, kgs = spider_files(tmp_path)
    assert detect_format(dev) == "spider4sparql"
    with pytest.raises(formats.FormatError):
        load_questions(dev)  # needs --kgs
    qs = load_questions(dev, kgs)
    assert [q.id for q in qs] == ["0", "1", "2"]
    assert qs[1].sparql == (
        "PREFIX : <http://valuenet/ontop/>\n"
        "SELECT ?n WHERE { ?t a :singer . ?t <http://valuenet/ontop/singer#name> ?n }"
    )
    assert qs[1].graph_path.name == "tiny_db_triples.ttl" and qs[2].skip and not qs[0].skip
    loader = GraphLoader(Limits(timeout_s=5))
    rep = run_eval(
        loader,
        qs,
        engine_factory=fixed(
            {"How many singers?": "SELECT (COUNT(*) AS ?k) WHERE { ?s a <http://valuenet/ontop/singer> }"}
        ),
        progress=False,
    )
    assert len(loader.graphs) == 2  # keyed by db_id as written; the same file
    rows = rep["questions"]
    assert rows[0]["gold"] == ["2"] and rows[0]["f1"] == 1.0
    assert sorted(rows[1]["gold"]) == ["Ann", "Ben"] and rows[1]["f1"] == 0.0 and rows[1]["outcome"] == "abstained"
    assert rows[2]["skipped"].startswith("no graph for missing_db") and rows[2]["f1"] is None
    s = rep["summary"]
    assert (s["n"], s["skipped"], s["mean_f1"], s["exact"]) == (2, 1, 0.5, 0.5)
    assert s["by_tag"]["db:tiny_db"]["n"] == 1


def test_network_1_fix():
    q = formats.fix_spider_query("SELECT ?g WHERE { ?t a :highschooler . ?t :highschooler\\#grade ?g }", "network_1")
    assert ":high_schooler ." in q and "<http://valuenet/ontop/high_schooler#grade>" in q and "\\#" not in q
    other = formats.fix_spider_query("SELECT ?x WHERE { ?x a :highschooler }", "other_db")
    assert ":highschooler" in other


# --- runs and reports -------------------------------------------------------------------------


def test_run_eval_numbers_and_json_keys(tmp_path, kg):
    qs = load_questions(write_jsonl(tmp_path / "qs.jsonl", JSONL_RECORDS))
    rep = run_eval(kg, qs, engine_factory=fixed(), progress=False)
    assert set(rep) == {"summary", "questions"}  # exactly, without --compare
    s = rep["summary"]
    assert REQUIRED_SUMMARY_KEYS <= set(s)
    f1 = [r["f1"] for r in rep["questions"]]
    assert f1 == [1.0, 1.0, 1.0, pytest.approx(0.8), 1.0, 0.0]
    assert s["n"] == 6 and s["mean_f1"] == pytest.approx(0.8) and s["exact"] == pytest.approx(4 / 6)
    assert s["outcomes"] == {
        "answered": 4,
        "empty": 1,
        "timed_out": 0,
        "refused": 0,
        "failed": 0,
        "abstained": 1,
        "clarify": 0,
    }
    assert s["by_tag"]["COUNT"] == {"n": 1, "mean_f1": 1.0, "exact": 1.0}
    assert s["by_tag"]["SELECT"]["n"] == 4 and s["by_tag"]["SELECT"]["mean_f1"] == pytest.approx(0.95)
    assert not s["all_abstained"] and s["latency_p95_s"] >= s["latency_p50_s"] > 0
    for r in rep["questions"]:
        assert REQUIRED_Q_KEYS <= set(r)
    assert rep["questions"][2]["values"] == ["true"] and rep["questions"][1]["values"] == ["3"]
    json.dumps(rep)  # serialisable as is
    md = markdown(rep)
    assert "| 6 | 0.800 | 0.667 |" in md and "### By tag" in md and "What is the meaning of life?" in md


def test_all_abstentions_are_reported(tmp_path, kg):
    qs = load_questions(write_jsonl(tmp_path / "qs.jsonl", JSONL_RECORDS[:3]))
    rep = run_eval(kg, qs, engine_factory=fixed({}), progress=False)
    s = rep["summary"]
    assert s["all_abstained"] and s["mean_f1"] == 0.0 and s["outcomes"]["abstained"] == 3
    assert any("all 3 answers were abstentions" in n for n in s["notes"])
    assert "all 3 answers were abstentions" in markdown(rep)


def test_gold_query_timeout_is_gold_unavailable(tmp_path):
    f = tmp_path / "people.ttl"
    f.write_text(TTL, "utf-8")
    kg = KnowledgeGraph.load(f, limits=Limits(timeout_s=0.5))
    slow = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(9)) + " }"
    qs = load_questions(
        write_jsonl(
            tmp_path / "qs.jsonl",
            [
                {"id": "slow", "question": "Everything times everything?", "sparql": slow},
                {"id": "q1", "question": "Who does Alice know?", "answers": ["http://ex.org/bob"]},
            ],
        )
    )
    rep = run_eval(kg, qs, engine_factory=fixed(), progress=False)
    s = rep["summary"]
    assert s["gold_unavailable"] == 1 and s["n"] == 1 and s["mean_f1"] == 1.0
    slow_row = rep["questions"][0]
    assert slow_row["gold_unavailable"] and slow_row["f1"] is None and "timed_out" in slow_row["note"]
    assert any("excluded from every mean" in n for n in s["notes"])


def test_compare_and_ranking(tmp_path, kg):
    cdir = tmp_path / "results"
    cdir.mkdir()
    (cdir / "AAA_tst_eval.json").write_text(
        json.dumps(
            {
                "q1": {"set_P": 1, "set_recall": 1, "set_F": 1.0},
                "q2": {"set_F": 1.0},
                "q3": {"set_F": 1.0},
                "average": {"set_F": 1.0},
            }
        ),
        "utf-8",
    )
    (cdir / "BBB_tst_eval.json").write_text(json.dumps({"q1": {"set_F": 0.5}}), "utf-8")
    comp = compare_mod.compare(cdir, ["q1", "q2"])
    assert comp["AAA"]["mean_f1"] == 1.0 and comp["AAA"]["matched"] == 2
    assert comp["BBB"]["mean_f1"] == 0.25 and comp["BBB"]["per_question"] == {"q1": 0.5, "q2": None}
    qs = load_questions(write_jsonl(tmp_path / "qs.jsonl", JSONL_RECORDS[:2] + JSONL_RECORDS[5:]))
    rep = run_eval(kg, qs, engine_factory=fixed(), progress=False)  # F1 1, 1, 0 -> mean 2/3
    rep["compare"] = compare_mod.compare(cdir, [r["id"] for r in rep["questions"]])
    md = markdown(rep)
    assert "| AAA | BBB | question |" in md
    ranking = md.split("### Ranking")[1]
    assert ranking.index("AAA") < ranking.index("kgquery (this run)") < ranking.index("BBB")
    assert "| 2 | **kgquery (this run)** | 0.667 |" in ranking


# --- end to end -------------------------------------------------------------------------------


def _benchmarks() -> Path | None:
    here = Path(__file__).resolve().parents[1]
    for p in (os.environ.get("KGQUERY_BENCHMARKS"), "/work/shared/benchmarks", here.parent / "shared" / "benchmarks"):
        if p and (Path(p) / "ck25" / "questions.yml").is_file():
            return Path(p)
    return None


@pytest.mark.slow
def test_cli_eval_ck25_end_to_end(tmp_path, capsys):
    bench = _benchmarks()
    if bench is None:
        pytest.skip(
            "benchmarks not found (looked in $KGQUERY_BENCHMARKS, /work/shared/benchmarks, ../shared/benchmarks)"
        )
    from kgquery.cli import main

    out = tmp_path / "ck25_eval.json"
    rc = main(
        [
            "eval",
            "--graph",
            "ck25",
            "--questions",
            str(bench / "ck25" / "questions.yml"),
            "--limit",
            "3",
            "--json",
            str(out),
            "--compare",
            str(bench / "ck25" / "challenge_results"),
        ]
    )
    assert rc == 0
    rep = json.loads(out.read_text("utf-8"))
    assert set(rep) == {"summary", "questions", "compare"}
    s = rep["summary"]
    assert REQUIRED_SUMMARY_KEYS <= set(s) and s["n"] == 3 and s["format"] == "text2sparql"
    assert sum(s["outcomes"].values()) == 3
    assert [q["id"] for q in rep["questions"]] == ["ck25:1-en", "ck25:2-en", "ck25:3-en"]
    assert rep["questions"][0]["gold"] == ["http://ld.company.org/prod-instances/dept-73191"]
    assert rep["questions"][1]["gold"] == ["+49-6200-33069465"]
    for q in rep["questions"]:
        assert REQUIRED_Q_KEYS <= set(q) and q["gold_source"] == "file" and 0.0 <= q["f1"] <= 1.0
        assert q["f1"] == pytest.approx(score(q["values"], q["gold"], q["outcome"])[2])
    assert s["mean_f1"] == pytest.approx(sum(q["f1"] for q in rep["questions"]) / 3)
    assert rep["compare"]["IIS-Q"]["per_question"] == {"ck25:1-en": 1.0, "ck25:2-en": 1.0, "ck25:3-en": 0.0}
    assert rep["compare"]["IIS-Q"]["mean_f1"] == pytest.approx(2 / 3)
    md = capsys.readouterr().out
    assert "### Ranking by mean F1 over the 3 questions" in md and "kgquery (this run)" in md
    assert "| ck25:1-en |" in md


# --- trust: answered precision, coverage, confidence AUROC (issue 14) -------------------------


def _auc_by_pairs(scores, labels):
    """AUROC by its definition: the share of (positive, negative) pairs ordered right, ties half."""
    pos = [s for s, y in zip(scores, labels) if y]
    neg = [s for s, y in zip(scores, labels) if not y]
    if not pos or not neg:
        return None
    return sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg) / (len(pos) * len(neg))


@pytest.mark.parametrize(
    "scores,labels,auc",
    [
        ([0.9, 0.8, 0.3, 0.1], [1, 1, 0, 0], 1.0),
        ([0.9, 0.8, 0.3, 0.1], [0, 0, 1, 1], 0.0),
        ([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], 0.75),  # the classic sklearn example
        ([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0], 0.5),  # all tied
        ([0.2, 0.6, 0.6, 0.9, 0.6], [0, 1, 0, 1, 1], 5 / 6),  # a tie across the classes counts half
        ([0.3, 0.7], [1, 1], None),  # one class only: undefined
        ([0.3, 0.7], [0, 0], None),
        ([], [], None),
    ],
)
def test_auroc_known_values(scores, labels, auc):
    got = metrics.auroc(scores, [bool(y) for y in labels])
    assert got == (None if auc is None else pytest.approx(auc))
    assert got == (None if auc is None else pytest.approx(_auc_by_pairs(scores, labels)))


PEOPLE = """@prefix ex: <http://example.org/people/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:Person a rdfs:Class ; rdfs:label "Person" .
ex:City a rdfs:Class ; rdfs:label "City" .
ex:livesIn rdfs:label "lives in" .
ex:age rdfs:label "age" .
ex:ada a ex:Person ; rdfs:label "Ada Lovelace" ; ex:age 36 ; ex:livesIn ex:london ; ex:knows ex:charles .
ex:charles a ex:Person ; rdfs:label "Charles Babbage" ; ex:age 79 ; ex:livesIn ex:london .
ex:grace a ex:Person ; rdfs:label "Grace Hopper" ; ex:age 85 ; ex:livesIn ex:nyc .
ex:london a ex:City ; rdfs:label "London" .
ex:nyc a ex:City ; rdfs:label "New York City" .
"""
EXP = "http://example.org/people/"
# the right values of each question, worked out from PEOPLE by hand
PEOPLE_QUESTIONS = [
    {"id": "p1", "question": "Where does Grace Hopper live?", "answers": [EXP + "nyc"]},
    {"id": "p2", "question": "Who lives in London?", "answers": [EXP + "ada", EXP + "charles"]},
    {"id": "p3", "question": "How old is Ada Lovelace?", "answers": [36]},
    {"id": "p4", "question": "How many persons are there?", "answers": [3]},
    {"id": "p5", "question": "Whom does Ada Lovelace know?", "answers": [EXP + "charles"]},
    {"id": "p6", "question": "Is Charles Babbage a person?", "answers": True},
    {"id": "p7", "question": "Who is the oldest person?", "answers": [EXP + "grace"]},
    {"id": "p8", "question": "What is the favourite colour of the moon?", "answers": ["silver"]},
    {"id": "p9", "question": "people", "answers": [EXP + "ada", EXP + "charles", EXP + "grace"]},
]


def test_trust_summary_on_the_real_engine(tmp_path):
    """answered_precision, coverage and confidence_auroc equal what the per-question report implies."""
    g = tmp_path / "people.ttl"
    g.write_text(PEOPLE, "utf-8")
    kg = KnowledgeGraph.load(g, limits=Limits(timeout_s=5))
    rep = run_eval(kg, load_questions(write_jsonl(tmp_path / "qs.jsonl", PEOPLE_QUESTIONS)), progress=False)
    rows, s = rep["questions"], rep["summary"]
    assert len(rows) == s["n"] == len(PEOPLE_QUESTIONS)
    answered = [r for r in rows if r["outcome"] == "answered"]
    exact = [r for r in answered if r["f1"] == 1.0]
    assert answered and len(exact) < len(rows)  # some answers, and not everything right: both classes occur
    assert s["answered"] == len(answered)
    assert s["coverage"] == pytest.approx(len(answered) / len(rows))
    assert s["answered_precision"] == pytest.approx(len(exact) / len(answered))
    assert s["answered_mean_f1"] == pytest.approx(sum(r["f1"] for r in answered) / len(answered))
    expected_auc = _auc_by_pairs([r["confidence"] for r in rows], [r["f1"] == 1.0 for r in rows])
    assert s["confidence_auroc"] == pytest.approx(expected_auc)
    assert rows[5]["gold"] == [True]  # a bare boolean is the gold of a yes/no question
    md = markdown(rep)
    assert f"Answered {len(answered)} of {len(rows)} (coverage {len(answered) / len(rows):.3f})" in md
    assert f"confidence AUROC {expected_auc:.3f}" in md


def test_abstention_attempt_values_are_recorded(tmp_path, kg):
    """An abstention that kept its attempt's rows gets attempt_f1; one without an attempt gets none."""
    q = P + "SELECT ?x WHERE { ex:alice ex:knows ?x }"

    class Unsure(FixedEngine):
        def ask(self, question):
            ans = super().ask(question)
            if question.startswith("Who does Alice"):
                ans.outcome, ans.confidence = "abstained", 0.2
            return ans

    qs = load_questions(write_jsonl(tmp_path / "qs.jsonl", JSONL_RECORDS[:1] + JSONL_RECORDS[5:]))
    rep = run_eval(kg, qs, engine_factory=lambda kg, model: Unsure(kg, {"Who does Alice know?": q}), progress=False)
    r1, r6 = rep["questions"]
    assert r1["outcome"] == "abstained" and r1["f1"] == 0.0
    assert r1["attempt_values"] == ["http://ex.org/bob"] and r1["attempt_f1"] == 1.0
    assert "attempt_f1" not in r6
    s = rep["summary"]
    assert s["abstained_attempt_exact"] == 1 and s["f1_if_answered"] == pytest.approx(0.5)
    assert s["coverage"] == 0.0 and s["answered_precision"] is None and s["confidence_auroc"] is None


# --- question selection: --only / --exclude / --split -----------------------------------------


def _two_db_files(tmp_path):
    kgs = tmp_path / "kgs"
    kgs.mkdir()
    for db in ("concert_singer", "battle_death"):
        (kgs / f"{db}_triples.ttl").write_text(SPIDER_TTL, "utf-8")
    dev = tmp_path / "dev.json"
    q = "select (count( *) as ?c) where { ?t a :singer . }"
    dev.write_text(
        json.dumps(
            [
                {"kg_name": db, "question": f"How many singers ({i})?", "query": q}
                for i, db in enumerate(["concert_singer", "battle_death", "concert_singer"])
            ]
        ),
        "utf-8",
    )
    return dev, kgs


@pytest.mark.parametrize(
    "extra,ids",
    [
        ([], ["0", "1", "2"]),
        (["--only", "battle_death"], ["1"]),
        (["--exclude", "battle_death"], ["0", "2"]),
        (["--only", "concert_singer, battle_death", "--exclude", "concert_singer"], ["1"]),
        (["--split", "dev"], ["0", "2"]),
        (["--split", "heldout"], ["1"]),
    ],
)
def test_cli_eval_selects_graphs(tmp_path, capsys, extra, ids):
    from kgquery.cli import main

    dev, kgs = _two_db_files(tmp_path)
    out = tmp_path / "rep.json"
    rc = main(["eval", "--questions", str(dev), "--kgs", str(kgs), "--json", str(out), *extra])
    assert rc == 0, capsys.readouterr().err
    rep = json.loads(out.read_text("utf-8"))
    assert [r["id"] for r in rep["questions"]] == ids


@pytest.mark.parametrize(
    "extra,says",
    [
        (["--only", "no_such_db"], "unknown db_id no_such_db"),
        (["--exclude", "concert_singer,battle_death"], "no questions left"),
    ],
)
def test_cli_eval_bad_selection_exits_2(tmp_path, capsys, extra, says):
    from kgquery.cli import main

    dev, kgs = _two_db_files(tmp_path)
    rc = main(["eval", "--questions", str(dev), "--kgs", str(kgs), *extra])
    out, err = capsys.readouterr()
    assert rc == 2 and out == "" and err.count("\n") == 1 and says in err


def test_selection_on_a_one_graph_set(tmp_path, kg, capsys):
    from kgquery.cli import main

    g = tmp_path / "people.ttl"
    g.write_text(TTL, "utf-8")
    qs = write_jsonl(tmp_path / "qs.jsonl", JSONL_RECORDS[:2])
    out = tmp_path / "rep.json"
    rc = main(["eval", "-g", str(g), "--questions", str(qs), "--only", "x", "--json", str(out)])
    assert rc == 0 and "--only/--exclude ignored" in capsys.readouterr().err
    assert len(json.loads(out.read_text("utf-8"))["questions"]) == 2
    rc = main(["eval", "-g", str(g), "--questions", str(qs), "--split", "dev"])
    assert rc == 2 and "Spider4SPARQL" in capsys.readouterr().err


def test_fixed_split_is_disjoint_and_matches_dev_json():
    from kgquery.evaluation.splits import SPIDER4SPARQL_SPLIT

    dev, held = set(SPIDER4SPARQL_SPLIT["dev"]), set(SPIDER4SPARQL_SPLIT["heldout"])
    assert len(dev) == 10 and len(held) == 9 and not dev & held
    bench = _benchmarks()
    if bench is None:
        pytest.skip(
            "benchmarks not found (looked in $KGQUERY_BENCHMARKS, /work/shared/benchmarks, ../shared/benchmarks)"
        )
    # count by graph only: the held-out questions' text is not read
    data = json.loads((bench / "spider4sparql" / "nl_sparql_pairs" / "dev.json").read_text("utf-8"))
    dbs = [item.get("db_id") or item.get("kg_name") for item in data]
    assert sum(d in dev for d in dbs) == 590 and sum(d in held for d in dbs) == 382

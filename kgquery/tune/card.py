"""The model card saved beside a tuned adapter: kgquery_tune.json (for programs) and README.md (for people).

The card says how to re-create the base model (hub id or folder, plus the GGUF file name when the
base was a GGUF file: transformers dequantises it on load), which data trained it (graph, counts per
split and shape), the hyper-parameters and the metrics. `ask --model DIR` reads `base` from it.
"""

from __future__ import annotations

import json
from pathlib import Path

CARD_JSON = "kgquery_tune.json"


def base_source(spec: str) -> dict:
    """Where a `--model` value loads from: {'spec', 'source', 'gguf_file'}.

    >>> base_source("transformers:/models/SmolLM2.Q4_1.gguf")
    {'spec': '/models/SmolLM2.Q4_1.gguf', 'source': '/models', 'gguf_file': 'SmolLM2.Q4_1.gguf'}
    >>> base_source("HuggingFaceTB/SmolLM2-135M-Instruct")["gguf_file"] is None
    True
    """
    for prefix in ("transformers:", "hf:", "huggingface:"):
        if spec.startswith(prefix):
            spec = spec[len(prefix) :]
    if spec.endswith(".gguf"):
        p = Path(spec).expanduser()
        return {"spec": str(p), "source": str(p.parent), "gguf_file": p.name}
    return {"spec": spec, "source": spec, "gguf_file": None}


def read_card(folder: str | Path) -> dict | None:
    """The card of a tuned model folder, or None."""
    path = Path(folder) / CARD_JSON
    return json.loads(path.read_text("utf-8")) if path.is_file() else None


def write_card(folder: str | Path, card: dict) -> None:
    """Write kgquery_tune.json and a short README.md."""
    folder = Path(folder)
    (folder / CARD_JSON).write_text(json.dumps(card, indent=1, ensure_ascii=False), "utf-8")
    base, data, hp = card["base"], card.get("data", {}), card.get("hyperparameters", {})
    lines = [
        f"# {folder.name}: {card.get('method', 'lora')} fine-tune of {base['spec']} for kgquery",
        "",
        "Made with `kgquery tune train`. Serve it with `kgquery ask --model " + str(folder) + " ...`.",
        "",
        "## Base model",
        "",
        f"- load from: `{base['source']}`"
        + (f" with `gguf_file={base['gguf_file']}` (dequantised on load)" if base.get("gguf_file") else ""),
        "",
        "## Data",
        "",
        f"- graph: {data.get('graph')} ({data.get('triples', '?')} triples), seed {data.get('seed')}",
        f"- pairs: {json.dumps(data.get('totals', {}))}",
        f"- prompt: as `ask` builds it ({json.dumps(data.get('prompt', {}))})",
        "",
        "## Hyper-parameters",
        "",
        "```json",
        json.dumps(hp, indent=1),
        "```",
        "",
        "## Metrics",
        "",
        "```json",
        json.dumps(card.get("metrics", {}), indent=1),
        "```",
        "",
    ]
    (folder / "README.md").write_text("\n".join(lines), "utf-8")

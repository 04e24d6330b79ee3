"""`kgquery tune synth | train | eval`: the command-line side of instruction tuning."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from ..errors import KgqueryError


def cmd_synth(args) -> int:
    """Build instruction/SPARQL pairs from a graph, verified by execution, split by entity."""
    from ..graphs import open_graph
    from .synth import format_report, synthesize

    kg = open_graph(args)
    if args.task == "verify":
        from .verifier import synthesize_verify

        report = synthesize_verify(
            kg, args.out, args.per_shape, args.seed, embeddings=False if args.no_embeddings else None
        )
        report["graph_path"] = ";".join(str(Path(g).resolve()) for g in args.resolved_graphs)
        (Path(args.out) / "report.json").write_text(json.dumps(report, indent=1), "utf-8")
        print(json.dumps({k: report[k] for k in ("pairs", "totals", "labels")}))
        print(
            f"wrote {args.out}/train.jsonl, validation.jsonl, test.jsonl (verifier examples) ({report['seconds']:.0f} s)"
        )
        return 0
    report = synthesize(
        kg,
        args.out,
        per_shape=args.per_shape,
        seed=args.seed,
        paraphrase_model=args.paraphrase_model,
        examples=args.examples,
        embeddings=False if args.no_embeddings else None,
    )
    report["graph_path"] = ";".join(str(Path(g).resolve()) for g in args.resolved_graphs)
    (Path(args.out) / "report.json").write_text(json.dumps(report, indent=1), "utf-8")
    print(format_report(report))
    print(f"wrote {args.out}/train.jsonl, validation.jsonl, test.jsonl, report.json ({report['seconds']:.0f} s)")
    return 0


def cmd_train(args) -> int:
    """Fine-tune a model on synthesised pairs (LoRA by default) and save it with a model card."""
    import importlib.util

    if importlib.util.find_spec("peft") is None or importlib.util.find_spec("torch") is None:
        raise KgqueryError("training needs torch, transformers and peft: pip install 'kgquery[llm]'")
    from .train import TrainConfig, train

    cfg = TrainConfig(
        data=args.data,
        model=args.model,
        out=args.out,
        epochs=args.epochs,
        lr=args.lr,
        batch_size=args.batch_size,
        grad_accum=args.grad_accum,
        max_steps=args.max_steps,
        full=args.full,
        lora_r=args.lora_r,
        targets=args.targets,
        patience=args.patience,
        train_limit=args.train_limit,
        val_limit=args.val_limit or None,
        resume=args.resume,
        threads=args.threads,
        dtype=args.dtype,
        save_every=args.save_every,
        max_len=args.max_len,
    )
    card = train(cfg)
    m = card["metrics"]
    print(
        f"{card['method']}: {m['steps']} steps in {m['train_seconds']:.0f} s; validation loss "
        f"{m['val_loss_before']} -> {m['best_val_loss']:.4f}; saved to {args.out}"
    )
    return 0


def cmd_eval(args) -> int:
    """Execution accuracy, set-F1, valid-query rate and BLEU on the test split, before and after tuning."""
    from ..graphs import open_graph
    from .evaluate import evaluate, markdown_table, write_result

    report_file = Path(args.data) / "report.json"
    if report_file.is_file() and json.loads(report_file.read_text("utf-8")).get("task") == "verify":
        return _eval_verifier(args)
    if not args.graph and not args.endpoint:
        report = Path(args.data) / "report.json"
        paths = json.loads(report.read_text("utf-8")).get("graph_path") if report.is_file() else None
        if not paths:
            raise KgqueryError("no graph: pass --graph (the data's report.json does not name one)")
        args.graph = paths.split(";")
    kg = open_graph(args)
    result = evaluate(
        kg,
        args.data,
        args.model,
        args.adapter,
        limit=args.limit,
        split=args.split,
        dtype=args.dtype,
        threads=args.threads,
        batch_size=args.batch_size,
    )
    out = args.json_out or str(Path(args.data) / "eval.json")
    write_result(result, out)
    print(markdown_table(result))
    print(f"(per-question rows in {out})")
    return 0


def _eval_verifier(args) -> int:
    """Verifier accuracy, AUROC and pick accuracy on `synth --task verify` data, before and after tuning."""
    from .evaluate import write_result
    from .verifier import evaluate_verifier, verifier_table

    result = evaluate_verifier(
        args.data, args.model, args.adapter, limit=args.limit, split=args.split, threads=args.threads
    )
    out = args.json_out or str(Path(args.data) / "eval.json")
    write_result(result, out)
    print(verifier_table(result))
    print(f"(per-example scores in {out})")
    return 0


def add_parser(sub, graph_args) -> None:
    """Register `tune` and its three subcommands on the main parser's subparsers."""
    tp = sub.add_parser(
        "tune",
        help="instruction tuning for a graph: synth, train, eval",
        description="Instruction tuning for one graph: synthesise pairs, fine-tune, evaluate.",
    )
    tsub = tp.add_subparsers(dest="tune_command", metavar="STEP")
    tp.set_defaults(func=lambda a: (tp.print_help(), 2)[1])

    sp = tsub.add_parser("synth", help=cmd_synth.__doc__, description=cmd_synth.__doc__)
    graph_args(sp)
    sp.add_argument("--out", required=True, help="output folder")
    sp.add_argument("--per-shape", type=int, default=60, help="pairs per query shape (default 60)")
    sp.add_argument("--seed", type=int, default=0)
    sp.add_argument("--examples", type=int, default=None, help="graph-built examples per prompt (default: as ask)")
    sp.add_argument(
        "--paraphrase-model",
        default=None,
        help="also reword each question with this model (transformers:..., openai:...; default off)",
    )
    sp.add_argument("--no-embeddings", action="store_true", help="link without sentence embeddings")
    sp.add_argument(
        "--task",
        choices=["sparql", "verify"],
        default="sparql",
        help="sparql: question -> query pairs (default); verify: yes/no examples for `ask --verify` (issue 19)",
    )
    sp.set_defaults(func=_with_graphs(cmd_synth))

    sp = tsub.add_parser("train", help=cmd_train.__doc__, description=cmd_train.__doc__)
    sp.add_argument("--data", required=True, help="folder written by `kgquery tune synth`")
    sp.add_argument("--model", required=True, help="base model: hub id, folder or .gguf file")
    sp.add_argument("--out", required=True, help="where the adapter (or model) and its card go")
    sp.add_argument("--epochs", type=int, default=2)
    sp.add_argument("--lr", type=float, default=2e-4, help="learning rate (default 2e-4; ~2e-5 with --full)")
    sp.add_argument("--batch-size", type=int, default=4)
    sp.add_argument("--grad-accum", type=int, default=1, help="batches per optimizer step")
    sp.add_argument("--max-steps", type=int, default=None, help="stop after this many optimizer steps")
    sp.add_argument("--max-len", type=int, default=2048, help="tokens per example (prompt cut from the start)")
    sp.add_argument("--full", action="store_true", help="full fine-tuning instead of LoRA")
    sp.add_argument("--lora-r", type=int, default=16)
    sp.add_argument("--targets", default="all-linear", help="LoRA target modules (default all-linear)")
    sp.add_argument("--patience", type=int, default=1, help="epochs without better validation loss before stopping")
    sp.add_argument("--train-limit", type=int, default=None, help="use only N train pairs")
    sp.add_argument("--val-limit", type=int, default=64, help="validation pairs per evaluation (0 = all)")
    sp.add_argument("--save-every", type=int, default=50, help="checkpoint every N steps")
    sp.add_argument("--resume", action="store_true", help="continue from OUT/checkpoint")
    sp.add_argument("--threads", type=int, default=_env_threads(), help="CPU threads (default: KGQUERY_THREADS)")
    sp.add_argument("--dtype", default="auto", choices=["auto", "bfloat16", "float32"])
    sp.set_defaults(func=cmd_train)

    sp = tsub.add_parser(
        "eval",
        help=cmd_eval.__doc__,
        description=cmd_eval.__doc__ + " On `synth --task verify` data: verifier accuracy, AUROC, pick accuracy.",
    )
    graph_args(sp, required=False)
    sp.add_argument("--data", required=True, help="folder written by `kgquery tune synth`")
    sp.add_argument("--model", required=True, help="the base model (hub id, folder or .gguf file)")
    sp.add_argument("--adapter", default=None, help="the tuned model folder (`kgquery tune train --out`)")
    sp.add_argument("--limit", type=int, default=None, help="only the first N test pairs")
    sp.add_argument("--split", default="test", choices=["test", "validation", "train"])
    sp.add_argument("--batch-size", type=int, default=4, help="prompts per generate call")
    sp.add_argument("--dtype", default=None, help="torch dtype for inference (default: as ask)")
    sp.add_argument("--threads", type=int, default=_env_threads())
    sp.add_argument("--json", dest="json_out", default=None, help="result JSON (default DATA/eval.json)")
    sp.set_defaults(func=_with_graphs(cmd_eval))


def _env_threads() -> int | None:
    v = os.environ.get("KGQUERY_THREADS")
    return int(v) if v and v.isdigit() else None


def _with_graphs(func):
    """Remember the resolved graph paths (the data report records them for `tune eval`)."""

    def run(args: argparse.Namespace) -> int:
        from ..graphs import resolve_graph_path

        args.resolved_graphs = [resolve_graph_path(g) for g in (args.graph or [])]
        return func(args)

    run.__doc__ = func.__doc__
    return run

"""Supervised fine-tuning on `kgquery tune synth` data: LoRA through peft (default) or full, one torch loop.

Reads top to bottom like nanoGPT's train.py: config, load, encode, batches, loss, loop. The prompt of
each record is the conversation `ask` builds; the loss is on the answer tokens only (the query and the
end-of-turn token), computed from the last positions' logits alone (`logits_to_keep`), which saves the
vocabulary projection over the long prompt. bf16 (autocast) where the device has it (CUDA, or CPUs
with AVX-512 BF16 / AMX), gradient checkpointing on CUDA. Validation loss after each epoch keeps the
best weights in OUT and stops after `patience` epochs without improvement. A checkpoint (weights,
optimizer, scheduler, step) goes to OUT/checkpoint every `save_every` steps; `resume` continues it.
"""

from __future__ import annotations

import json
import math
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import KgqueryError


@dataclass
class TrainConfig:
    """Every knob of a run (written into the card)."""

    data: str
    model: str
    out: str
    epochs: int = 1
    lr: float = 2e-4
    batch_size: int = 1
    grad_accum: int = 1
    max_steps: int | None = None  # optimizer steps; stops early (mid-epoch) when reached
    max_len: int = 2048  # tokens; long prompts lose their start, never the answer
    full: bool = False  # full fine-tuning instead of LoRA
    lora_r: int = 16
    lora_alpha: int = 32
    lora_dropout: float = 0.05
    targets: str = "all-linear"  # LoRA target modules: 'all-linear' or a comma list (q_proj,v_proj)
    warmup: float = 0.05  # fraction of steps with a linear warm-up
    patience: int = 1  # epochs without a better validation loss before stopping
    val_limit: int | None = 64  # validation examples per evaluation (None: all)
    train_limit: int | None = None  # train examples used (None: all)
    save_every: int = 50
    resume: bool = False
    seed: int = 0
    threads: int | None = None  # CPU threads (1 can beat 2 on a busy machine)
    dtype: str = "auto"  # auto, bfloat16, float32


# ---------------------------------------------------------------------------- loading
def load_base(spec: str, device: str, dtype):
    """(model, tokenizer) of a hub id, folder or .gguf file (dequantised to torch weights)."""
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    from .card import base_source

    hf_logging.disable_progress_bar()
    src = base_source(spec)
    kw = {"gguf_file": src["gguf_file"]} if src["gguf_file"] else {}
    try:
        tok = AutoTokenizer.from_pretrained(src["source"], **kw)
        model = AutoModelForCausalLM.from_pretrained(src["source"], dtype=dtype, **kw).to(device)
    except (OSError, ValueError) as e:
        raise KgqueryError(f"could not load base model '{spec}': {' '.join(str(e).split())[:300]}") from None
    if tok.pad_token_id is None:
        tok.pad_token = tok.eos_token
    if src["gguf_file"]:  # dequantised: plain torch weights now, so let save_pretrained write them
        model.hf_quantizer = None
        if hasattr(model.config, "quantization_config"):
            del model.config.quantization_config
    return model, tok


def pick_precision(device: str, dtype: str):
    """(weights dtype, autocast dtype or None) for this device."""
    import torch

    if dtype == "float32":
        return torch.float32, None
    if device == "cuda":
        bf16 = torch.cuda.is_bf16_supported()
        return (torch.bfloat16 if bf16 else torch.float16), (torch.bfloat16 if bf16 else torch.float16)
    ok = dtype == "bfloat16" or torch.ops.mkldnn._is_mkldnn_bf16_supported()
    return torch.float32, (torch.bfloat16 if ok else None)


# ---------------------------------------------------------------------------- data
def encode(rec: dict, tok, max_len: int) -> tuple[list[int], int]:
    """(token ids, answer length): the ask-time prompt followed by the target query and end of turn."""
    msgs = rec["messages"]
    if getattr(tok, "chat_template", None):
        prompt = tok.apply_chat_template(msgs, add_generation_prompt=True, tokenize=False)
        full = tok.apply_chat_template(msgs + [{"role": "assistant", "content": rec["sparql"]}], tokenize=False)
        answer = full[len(prompt) :] if full.startswith(prompt) else rec["sparql"] + (tok.eos_token or "")
    else:
        from ..models.transformers_backend import _plain_prompt

        prompt, answer = _plain_prompt(msgs), " " + rec["sparql"] + (tok.eos_token or "")
    p_ids = tok(prompt, add_special_tokens=False)["input_ids"]
    a_ids = tok(answer, add_special_tokens=False)["input_ids"]
    if len(a_ids) > 1 and answer.endswith("\n") and not tok.decode(a_ids[-1:]).strip():
        a_ids = a_ids[:-1]  # the newline after the end-of-turn token: nothing to learn there
    if rec.get("target") in ("yes", "no"):  # a verifier example (tune/verifier.py): one token, what P(yes) reads
        a_ids = a_ids[:1]
    a_ids = a_ids[: max_len // 2]
    p_ids = p_ids[-(max_len - len(a_ids)) :]
    return p_ids + a_ids, len(a_ids)


def collate(items: list[tuple[list[int], int]], pad_id: int):
    """Left-padded batch: every answer ends at the last position, so the loss reads the last K logits."""
    import torch

    L = max(len(ids) for ids, _ in items)
    K = max(n for _, n in items)
    input_ids = torch.full((len(items), L), pad_id, dtype=torch.long)
    mask = torch.zeros((len(items), L), dtype=torch.long)
    labels = torch.full((len(items), K), -100, dtype=torch.long)
    for i, (ids, n) in enumerate(items):
        input_ids[i, L - len(ids) :] = torch.tensor(ids)
        mask[i, L - len(ids) :] = 1
        labels[i, K - n :] = torch.tensor(ids[-n:])
    position_ids = (mask.cumsum(-1) - 1).clamp(min=0)
    return {"input_ids": input_ids, "attention_mask": mask, "position_ids": position_ids, "labels": labels}


def batch_loss(model, batch: dict, device: str, autocast) -> tuple:
    """(mean loss over answer tokens, number of answer tokens)."""
    import torch
    import torch.nn.functional as F

    labels = batch["labels"].to(device)
    K = labels.shape[1]
    with torch.autocast(device_type=device, dtype=autocast, enabled=autocast is not None):
        out = model(
            input_ids=batch["input_ids"].to(device),
            attention_mask=batch["attention_mask"].to(device),
            position_ids=batch["position_ids"].to(device),
            logits_to_keep=K + 1,
            use_cache=False,
        )
    logits = out.logits[:, :-1, :].float()  # position t predicts token t+1: the last K tokens
    n = int((labels != -100).sum())
    loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), ignore_index=-100)
    return loss, n


def evaluate_loss(model, data: list, cfg: TrainConfig, pad_id: int, device: str, autocast) -> float:
    """Token-weighted mean answer loss over (up to val_limit of) the validation examples."""
    import torch

    model.eval()
    total, count = 0.0, 0
    items = data[: cfg.val_limit] if cfg.val_limit else data
    with torch.no_grad():
        for i in range(0, len(items), cfg.batch_size):
            loss, n = batch_loss(model, collate(items[i : i + cfg.batch_size], pad_id), device, autocast)
            total, count = total + float(loss) * n, count + n
    model.train()
    return total / max(count, 1)


# ---------------------------------------------------------------------------- the run
def device_and_precision(cfg: TrainConfig):
    """(device, weights dtype, autocast dtype or None), after setting torch's threads and seed."""
    import torch

    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    torch.manual_seed(cfg.seed)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    w_dtype, autocast = pick_precision(device, cfg.dtype)
    if not cfg.full and device == "cpu" and autocast is not None:
        w_dtype = torch.bfloat16  # frozen base in bf16 (no per-step casts); LoRA weights stay float32
    return device, w_dtype, autocast


def encoded_splits(cfg: TrainConfig, tok) -> tuple[list, list, dict]:
    """(train, validation) examples encoded with the base tokenizer's chat template, and the data's report."""
    from .synth import read_split

    train_recs, val_recs = read_split(cfg.data, "train"), read_split(cfg.data, "validation")
    if cfg.train_limit:
        train_recs = random.Random(cfg.seed).sample(train_recs, min(cfg.train_limit, len(train_recs)))
    if not train_recs:
        raise KgqueryError(f"{cfg.data}: the train split is empty")
    train_data = [encode(r, tok, cfg.max_len) for r in train_recs]
    val_data = [encode(r, tok, cfg.max_len) for r in val_recs]
    report_path = Path(cfg.data) / "report.json"
    data_report = json.loads(report_path.read_text("utf-8")) if report_path.is_file() else {}
    return train_data, val_data, data_report


def trainable(model, cfg: TrainConfig, device: str, ckpt: Path):
    """The model to train: LoRA adapters on a frozen base, or every weight; from the checkpoint on resume."""
    if device == "cuda":
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        model.enable_input_require_grads()
    if not cfg.full:
        from peft import LoraConfig, PeftModel, get_peft_model

        targets = cfg.targets if cfg.targets == "all-linear" else [t.strip() for t in cfg.targets.split(",")]
        if cfg.resume and (ckpt / "model" / "adapter_config.json").is_file():
            model = PeftModel.from_pretrained(model, ckpt / "model", is_trainable=True)
        else:
            model = get_peft_model(
                model,
                LoraConfig(
                    r=cfg.lora_r,
                    lora_alpha=cfg.lora_alpha,
                    lora_dropout=cfg.lora_dropout,
                    target_modules=targets,
                    task_type="CAUSAL_LM",
                ),
            )
    elif cfg.resume and (ckpt / "model").is_dir():
        from safetensors.torch import load_file

        model.load_state_dict(load_file(str(ckpt / "model" / "model.safetensors")), strict=False)
    model.train()
    return model


class Run:
    """One training run's moving parts: the model and its optimizer, the data, and the resumable state
    (step, epoch, batch within the epoch, validation history) that a checkpoint saves."""

    def __init__(self, cfg: TrainConfig, model, tok, device: str, autocast, train_data: list, val_data: list):
        import torch
        from transformers import get_cosine_schedule_with_warmup

        self.cfg, self.model, self.tok, self.device, self.autocast = cfg, model, tok, device, autocast
        self.train_data, self.val_data = train_data, val_data
        self.out, self.ckpt = Path(cfg.out), Path(cfg.out) / "checkpoint"
        self.params = [p for p in model.parameters() if p.requires_grad]
        steps_per_epoch = math.ceil(len(train_data) / (cfg.batch_size * cfg.grad_accum))
        self.total_steps = steps_per_epoch * cfg.epochs
        if cfg.max_steps:
            self.total_steps = min(self.total_steps, cfg.max_steps)
        self.opt = torch.optim.AdamW(self.params, lr=cfg.lr, weight_decay=0.0)
        self.sched = get_cosine_schedule_with_warmup(self.opt, int(cfg.warmup * self.total_steps), self.total_steps)
        self.state = {
            "step": 0,
            "epoch": 0,
            "batch": 0,
            "best_val": None,
            "bad_epochs": 0,
            "history": [],
            "seconds": 0.0,
        }
        if cfg.resume and (self.ckpt / "state.json").is_file():
            self.state = json.loads((self.ckpt / "state.json").read_text("utf-8"))
            self.opt.load_state_dict(torch.load(self.ckpt / "optimizer.pt", weights_only=True))
            self.sched.load_state_dict(torch.load(self.ckpt / "scheduler.pt", weights_only=True))

    def save_checkpoint(self) -> None:
        import torch

        self.ckpt.mkdir(parents=True, exist_ok=True)
        self.model.save_pretrained(self.ckpt / "model")
        torch.save(self.opt.state_dict(), self.ckpt / "optimizer.pt")
        torch.save(self.sched.state_dict(), self.ckpt / "scheduler.pt")
        (self.ckpt / "state.json").write_text(json.dumps(self.state, indent=1), "utf-8")

    def val_loss(self) -> float:
        return evaluate_loss(self.model, self.val_data, self.cfg, self.tok.pad_token_id, self.device, self.autocast)

    def end_of_epoch(self, val_loss: float) -> bool:
        """Record the validation loss, keep the best weights in OUT; True when training should stop."""
        state = self.state
        state["history"].append({"epoch": state["epoch"], "step": state["step"], "val_loss": round(val_loss, 4)})
        if state["best_val"] is None or val_loss < state["best_val"]:
            state["best_val"], state["bad_epochs"] = val_loss, 0
            self.model.save_pretrained(self.out)
            self.tok.save_pretrained(self.out)
            return False
        state["bad_epochs"] += 1
        return state["bad_epochs"] >= self.cfg.patience

    def optimizer_step(self, losses: list[float], t0: float, bar) -> None:
        """Clip, step the optimizer and the schedule, record the mean loss of the accumulated batches."""
        import torch

        state = self.state
        torch.nn.utils.clip_grad_norm_(self.params, 1.0)
        self.opt.step()
        self.sched.step()
        self.opt.zero_grad(set_to_none=True)
        state["step"] += 1
        state.setdefault("train_loss", []).append(round(sum(losses) / len(losses), 4))
        state["seconds"] = time.perf_counter() - t0
        bar.update(1)
        bar.set_postfix(loss=f"{state['train_loss'][-1]:.3f}", lr=f"{self.sched.get_last_lr()[0]:.1e}")
        if state["step"] % self.cfg.save_every == 0:
            self.save_checkpoint()

    def epoch(self, t0: float, bar) -> bool:
        """The current epoch's batches from where the state stands; True when it ran to its end
        (False: the step budget ran out mid-epoch)."""
        cfg, state = self.cfg, self.state
        order = list(range(len(self.train_data)))
        random.Random(cfg.seed + state["epoch"]).shuffle(order)  # same order again on resume
        batches = [order[i : i + cfg.batch_size] for i in range(0, len(order), cfg.batch_size)]
        losses: list[float] = []
        while state["batch"] < len(batches):
            batch = collate([self.train_data[j] for j in batches[state["batch"]]], self.tok.pad_token_id)
            loss, _ = batch_loss(self.model, batch, self.device, self.autocast)
            (loss / cfg.grad_accum).backward()
            losses.append(float(loss.detach()))
            state["batch"] += 1
            if state["batch"] % cfg.grad_accum and state["batch"] < len(batches):
                continue
            self.optimizer_step(losses, t0, bar)
            losses = []
            if state["step"] >= self.total_steps:
                break
        return state["batch"] >= len(batches)

    def loop(self, progress: bool) -> None:
        """Epochs until the last one, the step budget, or `patience` epochs without a better validation loss."""
        from tqdm import tqdm

        cfg, state = self.cfg, self.state
        if state["step"] == 0 and not state["history"]:
            state["val_loss_before"] = round(self.val_loss(), 4)
        t0 = time.perf_counter() - state["seconds"]
        bar = tqdm(
            total=self.total_steps, initial=state["step"], desc="train", disable=not progress, dynamic_ncols=True
        )
        stop = False
        while state["epoch"] < cfg.epochs and not stop and state["step"] < self.total_steps:
            done_epoch = self.epoch(t0, bar)
            stop = self.end_of_epoch(self.val_loss())
            if done_epoch:
                state["epoch"], state["batch"] = state["epoch"] + 1, 0
            self.save_checkpoint()
        bar.close()
        if not state["history"] or state["history"][-1]["step"] != state["step"]:  # e.g. resumed at its last step
            self.end_of_epoch(self.val_loss())
            self.save_checkpoint()


def run_card(run: Run, w_dtype, data_report: dict, seconds: float) -> dict:
    """The model card's record of a finished run: method, base, data, hyperparameters, losses, times."""
    from .card import base_source

    cfg, state = run.cfg, run.state
    train_loss = state.get("train_loss", [])
    return {
        "kgquery_tune": 1,
        "method": "full" if cfg.full else "lora",
        "base": base_source(cfg.model),
        "device": run.device,
        "weights_dtype": str(w_dtype).replace("torch.", ""),
        "autocast": str(run.autocast).replace("torch.", "") if run.autocast else None,
        "trainable_parameters": sum(p.numel() for p in run.params),
        "train_examples": len(run.train_data),
        "validation_examples": len(run.val_data),
        "data": {
            k: data_report.get(k) for k in ("graph", "graph_path", "triples", "seed", "prompt", "totals", "counts")
        },
        "hyperparameters": asdict(cfg),
        "metrics": {
            "steps": state["step"],
            "epochs_done": state["epoch"],
            "val_loss_before": state.get("val_loss_before"),
            "best_val_loss": state["best_val"],
            "history": state["history"],
            "train_loss_first": train_loss[0] if train_loss else None,
            "train_loss_last": sum(train_loss[-10:]) / len(train_loss[-10:]) if train_loss else None,
            "train_seconds": round(state["seconds"], 1),
            "total_seconds": round(seconds, 1),
        },
        "train_loss_curve": train_loss,
    }


def train(cfg: TrainConfig, progress: bool = True) -> dict:
    """Run SFT as configured; returns the card (also written to cfg.out)."""
    from .card import write_card

    t_start = time.perf_counter()
    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    device, w_dtype, autocast = device_and_precision(cfg)
    model, tok = load_base(cfg.model, device, w_dtype)
    train_data, val_data, data_report = encoded_splits(cfg, tok)
    model = trainable(model, cfg, device, out / "checkpoint")
    run = Run(cfg, model, tok, device, autocast, train_data, val_data)
    run.loop(progress)
    card = run_card(run, w_dtype, data_report, time.perf_counter() - t_start)
    write_card(out, card)
    return card

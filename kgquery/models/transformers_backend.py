"""In-process models with Hugging Face transformers: hub ids, local folders or .gguf files.

CUDA with bf16 (fp16 where bf16 is missing) when a GPU is present, float32 on CPU; the model's
chat template; greedy decoding; stop strings; token streaming; batched generation; and a
logits processor hook for constrained decoding (kgquery.generate.constrain). torch is imported on load.

Environment: KGQUERY_DEVICE (cuda, cpu, mps), KGQUERY_DTYPE (bfloat16, float16, float32),
KGQUERY_THREADS (CPU threads for torch; on a busy machine one thread can beat two).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Iterator

from ..errors import ModelError


def _cut_at_stop(text: str, stop: list[str] | None) -> str:
    """Text up to the first stop string.

    >>> _cut_at_stop("SELECT ?x\\n\\nThis query", ["\\n\\n"])
    'SELECT ?x'
    """
    for s in stop or ():
        i = text.find(s)
        if i >= 0:
            text = text[:i]
    return text


def _plain_prompt(messages: list[dict]) -> str:
    """A prompt for models without a chat template.

    >>> _plain_prompt([{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}])
    'Be brief.\\n\\nUser: Hi\\nAssistant:'
    """
    parts = []
    for m in messages:
        if m["role"] == "system":
            parts.append(m["content"] + "\n\n")
        elif m["role"] == "user":
            parts.append(f"User: {m['content']}\nAssistant:")
        else:
            parts.append(f" {m['content']}\n")
    return "".join(parts)


def _adapter_base(path: str) -> tuple[str, str] | None:
    """(adapter folder, base model) when `path` is a folder holding a peft adapter, else None.

    The base comes from the kgquery_tune.json card (it names the GGUF file when the base was one),
    else from peft's adapter_config.json.
    """
    import json

    folder = Path(path).expanduser()
    if not (folder / "adapter_config.json").is_file():
        return None
    card = folder / "kgquery_tune.json"
    if card.is_file():
        return str(folder), json.loads(card.read_text("utf-8"))["base"]["spec"]
    base = json.loads((folder / "adapter_config.json").read_text("utf-8")).get("base_model_name_or_path")
    if not base:
        raise ModelError(f"{folder}: the adapter does not say which base model it tunes")
    return str(folder), base


class TransformersChatModel:
    """A chat model running in this process (see module docstring)."""

    supports_logits_processor = True
    supports_sampling = True

    def __init__(
        self, model_id_or_path: str, device: str | None = None, dtype: str | None = None, threads: int | None = None
    ):
        self.path = str(model_id_or_path)
        self.name = f"transformers:{self.path}"
        self.device = device or os.environ.get("KGQUERY_DEVICE") or None
        self.dtype = dtype or os.environ.get("KGQUERY_DTYPE") or None
        self.threads = threads or (int(os.environ["KGQUERY_THREADS"]) if os.environ.get("KGQUERY_THREADS") else None)
        self._model = None
        self._tok = None
        self._lock = threading.Lock()
        self._load_lock = threading.Lock()
        self.is_seq2seq = False

    # ------------------------------------------------------------------ loading
    def load(self) -> "TransformersChatModel":
        """Load weights and tokenizer (once); raise ModelError with a one-line reason."""
        with self._load_lock:
            if self._model is not None:
                return self
            local = self.path.endswith(".gguf") or self.path.startswith(("/", "./", "../", "~"))
            if local and not Path(self.path).expanduser().exists():  # checked before the slow imports
                raise ModelError(f"model file not found: {Path(self.path).expanduser()}")
            try:
                import torch
                from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer
            except ImportError as e:
                raise ModelError(
                    f"the transformers backend needs torch and transformers (pip install 'kgquery[llm]'): {e}"
                ) from None
            if self.threads:
                torch.set_num_threads(self.threads)
            kwargs = {}
            adapter = _adapter_base(self.path)  # a `kgquery tune train` output: (its folder, the base it tunes)
            source = adapter[1] if adapter else self.path
            if source.endswith(".gguf"):
                p = Path(source).expanduser()
                source, kwargs["gguf_file"] = str(p.parent), p.name
            device = self.device or ("cuda" if torch.cuda.is_available() else "cpu")
            if self.dtype:
                dtype = getattr(torch, self.dtype)
            elif device == "cuda":
                dtype = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
            else:
                dtype = torch.float32
            try:
                if "gguf_file" not in kwargs:  # GGUF files hold decoder-only models (reading one costs seconds)
                    config = AutoConfig.from_pretrained(source, **kwargs)
                    self.is_seq2seq = bool(getattr(config, "is_encoder_decoder", False))
                cls = AutoModelForSeq2SeqLM if self.is_seq2seq else AutoModelForCausalLM
                tok = AutoTokenizer.from_pretrained(source, **kwargs)
                model = cls.from_pretrained(source, dtype=dtype, **kwargs).to(device).eval()
                if adapter:
                    from peft import PeftModel

                    model = PeftModel.from_pretrained(model, adapter[0]).merge_and_unload().eval()
            except ImportError as e:
                raise ModelError(f"'{self.path}' is a LoRA adapter: loading it needs peft ({e})") from None
            except (OSError, ValueError, RuntimeError) as e:
                raise ModelError(f"could not load model '{self.path}': {' '.join(str(e).split())[:300]}") from None
            if tok.pad_token_id is None:
                tok.pad_token = tok.eos_token
            if not self.is_seq2seq:
                tok.padding_side = "left"
            self._tok, self._model, self._device = tok, model, device
            return self

    @property
    def tokenizer(self):
        return self.load()._tok

    @property
    def model(self):
        return self.load()._model

    # ------------------------------------------------------------------ generation
    def _prompt(self, messages: list[dict]) -> str:
        tok = self.tokenizer
        if getattr(tok, "chat_template", None):
            return tok.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
        return _plain_prompt(messages)

    def _inputs(self, conversations: list[list[dict]]):
        tok = self.tokenizer
        texts = [self._prompt(m) for m in conversations]
        has_template = bool(getattr(tok, "chat_template", None))
        enc = tok(texts, return_tensors="pt", padding=True, add_special_tokens=not has_template)
        return enc.to(self._device)

    def _generate_kwargs(
        self,
        max_new_tokens: int,
        stop: list[str] | None,
        logits_processor,
        temperature: float = 0.0,
        seed: int | None = None,
    ) -> dict:
        from transformers import LogitsProcessorList

        kw = dict(max_new_tokens=max_new_tokens, do_sample=False, pad_token_id=self.tokenizer.pad_token_id)
        if temperature > 0:
            import torch

            kw.update(do_sample=True, temperature=temperature, top_k=50, top_p=1.0)
            if seed is not None:
                torch.manual_seed(seed)
        if stop:
            kw.update(stop_strings=list(stop), tokenizer=self.tokenizer)
        if logits_processor is not None:
            if hasattr(logits_processor, "reset"):
                logits_processor.reset()
            kw["logits_processor"] = LogitsProcessorList([logits_processor])
        return kw

    def chat_batch(
        self,
        conversations: list[list[dict]],
        max_new_tokens: int = 256,
        stop: list[str] | None = None,
        logits_processor=None,
        temperature: float = 0.0,
        seed: int | None = None,
    ) -> list[str]:
        """Complete several conversations in one batched generate call (left padding)."""
        import torch

        enc = self._inputs(conversations)
        with self._lock, torch.inference_mode():
            kw = self._generate_kwargs(max_new_tokens, stop, logits_processor, temperature, seed)
            try:
                out = self.model.generate(**enc, **kw)
            except RuntimeError as e:  # e.g. CUDA out of memory
                raise ModelError(f"generation failed: {' '.join(str(e).split())[:200]}") from None
        if not self.is_seq2seq:
            out = out[:, enc["input_ids"].shape[1] :]
        texts = self.tokenizer.batch_decode(out, skip_special_tokens=True)
        return [_cut_at_stop(t, stop).strip() for t in texts]

    # ------------------------------------------------------------------ scoring (one forward pass)
    def next_token_logprobs(self, messages: list[dict], top: int = 10) -> list[tuple[str, float]]:
        """The `top` most likely next tokens after the conversation's generation prompt: (text, logprob)."""
        import torch

        logprobs = self._next_logprobs(messages)
        values, ids = torch.topk(logprobs, min(top, logprobs.shape[-1]))
        return [(self.tokenizer.decode([int(i)]), float(v)) for v, i in zip(values, ids)]

    def yes_probability(self, messages: list[dict]) -> float:
        """P(yes) / (P(yes) + P(no)) for the next token (every case and leading-space variant that is
        one token), from one forward pass: no generation."""
        import torch

        logprobs = self._next_logprobs(messages)
        yes_ids, no_ids = self._yes_no_ids()
        p_yes = float(torch.exp(logprobs[yes_ids]).sum())
        p_no = float(torch.exp(logprobs[no_ids]).sum())
        if p_yes + p_no <= 0:
            raise ModelError(f"{self.name}: 'yes' and 'no' have no probability after this prompt")
        return p_yes / (p_yes + p_no)

    def _next_logprobs(self, messages: list[dict]):
        import torch

        if self.is_seq2seq:
            raise ModelError(f"{self.name}: next-token scoring needs a decoder-only model")
        enc = self._inputs([messages])
        with self._lock, torch.inference_mode():
            try:
                out = self.model(**enc, logits_to_keep=1, use_cache=False)
            except RuntimeError as e:
                raise ModelError(f"scoring failed: {' '.join(str(e).split())[:200]}") from None
        return torch.log_softmax(out.logits[0, -1].float(), dim=-1)

    def _yes_no_ids(self) -> tuple[list[int], list[int]]:
        """Token ids that spell 'yes' / 'no' alone (any case, with or without a leading space)."""
        if getattr(self, "_yes_no", None) is None:
            from .scoring import NO_WORDS, YES_WORDS

            def ids(words) -> list[int]:
                found = set()
                for w in words:
                    for v in {w, w.capitalize(), w.upper()}:
                        for text in (v, " " + v):
                            t = self.tokenizer(text, add_special_tokens=False)["input_ids"]
                            if len(t) == 1:
                                found.add(t[0])
                return sorted(found)

            self._yes_no = (ids(YES_WORDS), ids(NO_WORDS))
            if not self._yes_no[0] or not self._yes_no[1]:
                raise ModelError(f"{self.name}: its tokenizer has no single token for 'yes' or 'no'")
        return self._yes_no

    def chat(
        self,
        messages: list[dict],
        max_new_tokens: int = 256,
        stop: list[str] | None = None,
        logits_processor=None,
        stream: bool = False,
        temperature: float = 0.0,
        seed: int | None = None,
    ) -> str | Iterator[str]:
        """Greedy completion (sampled when temperature > 0); stream=True yields text pieces as decoded."""
        if stream:
            return self._stream(messages, max_new_tokens, stop, logits_processor, temperature, seed)
        return self.chat_batch([messages], max_new_tokens, stop, logits_processor, temperature, seed)[0]

    def _stream(self, messages, max_new_tokens, stop, logits_processor, temperature=0.0, seed=None) -> Iterator[str]:
        import torch
        from transformers import TextIteratorStreamer

        enc = self._inputs([messages])
        kw = self._generate_kwargs(max_new_tokens, stop, logits_processor, temperature, seed)
        streamer = TextIteratorStreamer(
            self.tokenizer, skip_prompt=not self.is_seq2seq, skip_special_tokens=True, timeout=600
        )
        errors: list[BaseException] = []

        def run():
            try:
                with self._lock, torch.inference_mode():
                    self.model.generate(**enc, **kw, streamer=streamer)
            except BaseException as e:  # surfaced to the consumer below
                errors.append(e)
                streamer.end()

        threading.Thread(target=run, daemon=True).start()
        yield from _stop_filtered(streamer, stop)
        if errors:
            raise ModelError(f"generation failed: {' '.join(str(errors[0]).split())[:200]}")


def _stop_filtered(pieces, stop: list[str] | None) -> Iterator[str]:
    """Pass text pieces through until a stop string appears (held back while it could be forming).

    >>> "".join(_stop_filtered(iter(["SEL", "ECT ?x\\n", "\\nmore"]), ["\\n\\n"]))
    'SELECT ?x'
    """
    if not stop:
        yield from (p for p in pieces if p)
        return
    hold = max(len(s) for s in stop) - 1
    buf = ""
    for piece in pieces:
        buf += piece
        cut = [buf.find(s) for s in stop if s in buf]
        if cut:
            if buf[: min(cut)]:
                yield buf[: min(cut)]
            for _ in pieces:  # drain: generation stops on its own at the stop string
                pass
            return
        if len(buf) > hold:
            out, buf = (buf[:-hold], buf[-hold:]) if hold else (buf, "")
            yield out
    if buf:
        yield buf

"""The grammar enforced in process by llguidance (pip ``llguidance``), through a transformers LogitsProcessor.

`GrammarLogitsProcessor(grammar, tokenizer)` keeps one llguidance matcher per batch row, built from
the question's Lark grammar (kgquery.generate.grammar), and at each step sets the logits of every
token the grammar does not allow to -inf (llguidance computes the full token mask from the
tokenizer's vocabulary, in Rust). End-of-sequence is allowed only where the query is complete.
`accepts(lark, text)` checks a whole text against a grammar with the same engine (over single
bytes, no model needed): the acceptance tests and the benchmark use it.

`available()` says whether llguidance is installed; without it kgquery.generate.llm falls back to
the hand-written checker in kgquery.generate.constrain (and says so in the run's stats).
"""

from __future__ import annotations

import threading
import time

_LOCK = threading.Lock()
_TOKENIZERS: dict[int, object] = {}
_BYTES = None


def available() -> bool:
    """True when llguidance can be imported."""
    try:
        import llguidance  # noqa: F401
    except ImportError:
        return False
    return True


def ll_tokenizer(hf_tokenizer):
    """llguidance's view of a Hugging Face tokenizer (built once per tokenizer: about a second)."""
    key = id(hf_tokenizer)
    with _LOCK:
        if key not in _TOKENIZERS:
            import llguidance.hf

            _TOKENIZERS[key] = (hf_tokenizer, llguidance.hf.from_tokenizer(hf_tokenizer))
        return _TOKENIZERS[key][1]


class _ByteTokens:
    """A tokenizer whose tokens are the 256 bytes (and an end token): grammar checks without a model."""

    eos_token_id = 256
    bos_token_id = None
    special_token_ids = [256]
    tokens = [bytes([i]) for i in range(256)] + [b"<eos>"]

    def __call__(self, data):
        return list(data if isinstance(data, bytes) else data.encode("utf-8"))


def byte_tokenizer():
    """An llguidance tokenizer over single bytes (made once)."""
    global _BYTES
    with _LOCK:
        if _BYTES is None:
            import llguidance

            _BYTES = llguidance.LLTokenizer(llguidance.TokenizerWrapper(_ByteTokens()), slices=[])
        return _BYTES


def matcher(lark: str, tokenizer=None, limits=None):
    """A fresh llguidance matcher for this grammar (over bytes when no tokenizer is given; `limits`:
    an llguidance.LLParserLimits); ValueError when the grammar does not compile."""
    import llguidance

    m = llguidance.LLMatcher(tokenizer or byte_tokenizer(), lark, log_level=0, limits=limits)
    if m.is_error():
        raise ValueError(f"grammar does not compile: {m.get_error()}")
    return m


def accepts(lark: str, text: str, compiled=None) -> bool:
    """True when `text` (blanks around it stripped) is a complete sentence of the grammar.

    `compiled`: a byte matcher of this grammar to copy (compiled once for many texts)."""
    m = compiled.deep_copy() if compiled is not None else matcher(lark)
    ok = m.consume_tokens(list(text.strip().encode("utf-8"))) and m.is_accepting()
    return bool(ok) and not m.is_error()


def prefix_ok(lark: str, text: str, compiled=None) -> bool:
    """True when `text` can still be continued to a sentence of the grammar."""
    m = compiled.deep_copy() if compiled is not None else matcher(lark)
    return bool(m.consume_tokens(list(text.encode("utf-8")))) and not m.is_error()


class GrammarLogitsProcessor:
    """A transformers LogitsProcessor that enforces a Lark grammar with llguidance (see module docstring).

    Args:
        grammar: a kgquery.generate.grammar.SparqlGrammar (its `.lark` is compiled) or Lark text.
        tokenizer: the model's Hugging Face tokenizer (a fast one).
        completer: optional object with `complete(text)` closing a query cut off by the token budget.
    """

    def __init__(self, grammar, tokenizer, completer=None):
        self.lark = grammar if isinstance(grammar, str) else grammar.lark
        self.tokenizer = tokenizer
        self.ll = ll_tokenizer(tokenizer)
        eos = tokenizer.eos_token_id
        self.eos_ids = set(eos if isinstance(eos, list) else [eos]) - {None}
        self.completer = completer
        self.keep = 1  # kept for the caller's interface: the mask leaves every allowed token
        self.stats = {"engine": "llguidance", "steps": 0, "compile_s": 0.0, "mask_s": 0.0, "aborted": 0}
        self._bytes = None
        self.reset()

    def reset(self) -> None:
        """Forget the rows of the previous generate call."""
        self._prompt_len: int | None = None
        self._rows: list[list] = []  # per batch row: [tokens consumed, matcher, finished, text]

    def _new_matcher(self):
        t0 = time.perf_counter()
        m = matcher(self.lark, self.ll)
        self.stats["compile_s"] += time.perf_counter() - t0
        return m

    def _advance(self, row, tokens) -> None:
        for tid in tokens:
            row[0] += 1
            if row[2] or tid in self.eos_ids:
                row[2] = True
                continue
            if not row[1].consume_token(tid):
                row[2] = True  # cannot happen under the mask; stop rather than go on unconstrained
            row[3] += self.tokenizer.decode([tid])

    def __call__(self, input_ids, scores):
        import numpy as np
        import torch

        from .constrain import _repeating

        if self._prompt_len is None:
            self._prompt_len = input_ids.shape[1]
            self._rows = [[0, self._new_matcher(), False, ""] for _ in range(input_ids.shape[0])]
        t0 = time.perf_counter()
        gen = input_ids[:, self._prompt_len :]
        vocab = scores.shape[1]
        words = (self.ll.vocab_size + 31) // 32
        bitmask = torch.zeros((scores.shape[0], words), dtype=torch.int32)
        eos = next(iter(self.eos_ids), 0)
        for b in range(scores.shape[0]):
            row = self._rows[b]
            self._advance(row, gen[b, row[0] :].tolist())
            if not row[2] and (_repeating(row[3]) or (len(row[3]) > 9 and row[3][-9:].isspace())):
                row[2] = True  # a loop ("?a, ?a, ?a, ...") or endless blanks: stop; the caller closes the query
                self.stats["aborted"] += 1
            if row[2] or row[1].is_stopped() or row[1].is_error():
                bitmask[b, eos // 32] = 1 << (eos % 32) if eos % 32 != 31 else -(2**31)
                continue
            self.stats["steps"] += 1
            row[1].unsafe_compute_mask_ptr(bitmask[b].data_ptr(), words * 4)
        bits = np.unpackbits(bitmask.numpy().view(np.uint8), axis=1, bitorder="little")[:, :vocab]
        if scores.device.type == "cpu" and scores.dtype == torch.float32 and scores.is_contiguous():
            # in numpy, in place: small torch ops on a busy CPU wait for torch's thread pool (~100 ms a step)
            arr = scores.detach().numpy()
            arr[:, : bits.shape[1]][bits == 0] = -np.inf
            arr[:, bits.shape[1] :] = -np.inf  # the model's vocabulary padded past the tokenizer's
            out = scores
        else:
            allowed = torch.zeros(scores.shape, dtype=torch.bool)
            allowed[:, : bits.shape[1]] = torch.from_numpy(bits).bool()
            out = scores.masked_fill(~allowed.to(scores.device), float("-inf"))
        self.stats["mask_s"] += time.perf_counter() - t0
        return out

    # ------------------------------------------------------------------ whole texts
    def _byte_matcher(self):
        if self._bytes is None:
            self._bytes = matcher(self.lark)
        return self._bytes

    def accepts(self, text: str) -> bool:
        """True when `text` is a complete query of this grammar."""
        return accepts(self.lark, text, self._byte_matcher())

    def complete(self, text: str) -> str | None:
        """A complete query from `text` cut off by the token budget: closed by the completer when it
        can (its shortest ending, checked against this grammar), else `text` up to the last point
        where it was a complete query (None when there is none)."""
        if self.completer is not None and prefix_ok(self.lark, text, self._byte_matcher()):
            done = self.completer.complete(text)
            if done is not None and self.accepts(done):
                return done
        return longest_complete_prefix(self.lark, text, self._byte_matcher())


def longest_complete_prefix(lark: str, text: str, compiled=None) -> str | None:
    """The longest beginning of `text` that is a complete sentence of the grammar (one pass), or None.

    e.g. "SELECT ?x WHERE { ?x ?p ?o } LIMIT 5 VALUES ( ) { ( ) ( " -> "SELECT ?x WHERE { ?x ?p ?o } LIMIT 5"
    """
    m = compiled.deep_copy() if compiled is not None else matcher(lark)
    data = text.strip().encode("utf-8")
    best = None
    for i, b in enumerate(data):
        if not m.consume_token(b):
            break
        if m.is_accepting():
            best = i + 1
    return data[:best].decode("utf-8", "ignore").strip() if best else None

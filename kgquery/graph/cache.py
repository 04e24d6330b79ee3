"""The on-disk cache folder and atomic cache writes, below every module that caches (schema, labels,
paging), so none of them has to import the graph handle that uses them."""

from __future__ import annotations

import os
import threading
import warnings
from pathlib import Path

_unusable_warned: set[str] = set()


def cache_dir() -> Path | None:
    """Where kgquery keeps caches (schema, label index, paged steps): KGQUERY_CACHE or ~/.cache/kgquery.

    None (and a warning, once per folder) when the folder cannot be made or written: a cache only
    saves time, so kgquery then works without one.
    """
    base = os.environ.get("KGQUERY_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache"), "kgquery"
    )
    p = Path(base)
    try:
        p.mkdir(parents=True, exist_ok=True)
        if not os.access(p, os.W_OK | os.X_OK):
            raise PermissionError("not writable")
    except OSError as e:
        if base not in _unusable_warned:
            _unusable_warned.add(base)
            warnings.warn(
                f"cache folder {base} is not usable ({getattr(e, 'strerror', None) or e}); "
                f"working without a cache (set KGQUERY_CACHE to a writable folder)",
                RuntimeWarning,
                stacklevel=2,
            )
        return None
    return p


def write_cache_file(path: Path, text: str) -> None:
    """Replace a cache file atomically, through a temp name no other thread or process uses; a cache
    that cannot be written (read-only or full disk) is skipped: it only saves time."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        tmp.write_text(text, "utf-8")
        tmp.replace(path)
    except OSError:
        tmp.unlink(missing_ok=True)

"""Packaging: the wheel carries the bundled graphs (with their licence notes) and the query page.

The slow test is real end to end: it builds a wheel from a copy of this checkout, installs it
(non-editable, with its core dependencies) into a fresh venv, and asks a question of the bundled
ck25 graph from a folder outside the checkout, so nothing can come from the source tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_pyproject_lists_every_package():
    """pyproject.toml lists its packages by hand (to map graphs/ and app/ in): none may be forgotten."""
    tomllib = pytest.importorskip("tomllib")
    conf = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "kgquery").rglob("__init__.py")}
    mapped = set(conf["package-dir"])
    assert set(conf["packages"]) == found | mapped
    assert {REPO / d for d in conf["package-dir"].values()} == {REPO / "graphs", REPO / "app"}


def test_checkout_resolves_bundled_graphs_and_page():
    """From a checkout (or an editable install) the bundled graphs and the page are the checkout's own."""
    from kgquery.graphs import APP_SCRIPT, BUNDLED, resolve_graph_path

    assert BUNDLED == REPO / "graphs" and APP_SCRIPT == REPO / "app" / "streamlit_app.py"
    assert resolve_graph_path("ck25") == REPO / "graphs" / "ck25" / "prod-inst.ttl"
    assert resolve_graph_path("countries") == REPO / "graphs" / "countries" / "countries.ttl"


def _copy_checkout(dest: Path) -> Path:
    """The files a build reads, without build/, *.egg-info or caches left by earlier builds."""
    skip = shutil.ignore_patterns(
        ".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".venv", "bench", "tests", "docs"
    )
    shutil.copytree(REPO, dest, ignore=skip)
    return dest


CHECK_INSTALLED = r"""
import sys
from importlib.resources import files
from pathlib import Path

import kgquery
from kgquery.graphs import APP_SCRIPT, BUNDLED

site = Path(kgquery.__file__).resolve().parent
assert site.parent.name == "site-packages", site
page = files("kgquery._app") / "streamlit_app.py"
assert page.is_file() and (files("kgquery._app") / ".streamlit" / "config.toml").is_file()
assert APP_SCRIPT == site / "_app" / "streamlit_app.py" == Path(str(page)), (APP_SCRIPT, page)
# the page's helpers ship beside it and import as the page imports them (its folder on sys.path)
sys.path.insert(0, str(APP_SCRIPT.parent))
import page_support
assert Path(page_support.__file__).resolve() == site / "_app" / "page_support.py", page_support.__file__
assert BUNDLED == site / "_graphs", BUNDLED
graphs = files("kgquery._graphs")
for name, rdf, notes in [("ck25", "prod-inst.ttl", ["LICENSE", "SOURCE.md"]),
                         ("countries", "countries.ttl", ["LICENSE.md", "LICENSE-LGPL-2.1.txt", "SOURCE.md"])]:
    for f in [rdf, *notes]:
        assert (graphs / name / f).is_file(), (name, f)
assert not (graphs / "countries" / "build.py").is_file()
print("ok")
"""


@pytest.mark.slow
def test_wheel_install_answers_from_bundled_graph(tmp_path):
    t0 = time.monotonic()
    src = _copy_checkout(tmp_path / "src")
    dist = tmp_path / "dist"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    run = dict(env=env, capture_output=True, text=True, timeout=600)
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-w", str(dist), "-q"], **run)
    assert r.returncode == 0, r.stderr[-2000:]
    (wheel,) = dist.glob("kgquery-*.whl")
    shutil.rmtree(src)  # nothing may come from the copy either

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, **run)
    py, exe = venv / "bin" / "python", venv / "bin" / "kgquery"
    r = subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], **run)  # core dependencies only
    assert r.returncode == 0, r.stderr[-2000:]

    away = tmp_path / "elsewhere"
    away.mkdir()
    run["cwd"] = away
    r = subprocess.run([str(exe), "ask", "--graph", "ck25", "Who is the manager of Heinrich Hoch?"], **run)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "Waldtraud Kuttner" in r.stdout.split("\n\n")[0], r.stdout

    r = subprocess.run([str(py), "-c", CHECK_INSTALLED], **run)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr[-2000:]

    # `kgquery app` finds its page (the check before Streamlit's: the core install has no Streamlit)
    r = subprocess.run([str(exe), "app"], **run)
    assert (
        r.returncode == 2 and r.stderr.strip() == "kgquery: error: the page needs Streamlit: pip install 'kgquery[app]'"
    ), r.stderr
    print(f"wheel {wheel.stat().st_size / 1e3:.0f} kB; built, installed and asked in {time.monotonic() - t0:.0f} s")

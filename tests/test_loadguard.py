"""Hostile graph files: entity bombs, gzip bombs, remote JSON-LD contexts, time and memory bounds;
and the caches: keyed on content, and no cache (with a warning) when the folder is unusable."""

from __future__ import annotations

import gzip
import json
import os
import socket
import threading
import urllib.request
import warnings
from pathlib import Path

import pytest

from conftest import Listener, import_page_support
from kgquery import KnowledgeGraph
from kgquery.cli import main
from kgquery.errors import LoadError
from kgquery.graph.loadguard import CHECK_EVERY, LoadLimits, NetworkRefused, no_network

STORES = ["oxigraph", "memory"]
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"


@pytest.fixture
def listener():
    lst = Listener()
    yield lst
    lst.close()


def _one_line_cli_error(path: Path, store: str, capsys, *extra: str) -> str:
    """The CLI's exit code is 2 and its error one line on stderr; returns that line."""
    capsys.readouterr()
    rc = main(["info", "--graph", str(path), "--store", store, *extra])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and "\n" not in err and err.startswith("kgquery: error: ") and "Traceback" not in err
    return err


def _rdfxml(doctype: str, label: str) -> str:
    return (
        f'<?xml version="1.0"?>\n{doctype}\n<rdf:RDF xmlns:rdf="{RDF_NS}" xmlns:rdfs="{RDFS_NS}">\n'
        f' <rdf:Description rdf:about="http://example.org/a"><rdfs:label>{label}</rdfs:label></rdf:Description>\n'
        f'</rdf:RDF>\n'
    )


def _laughs(levels: int = 4) -> str:
    """A "billion laughs" document, kept small (10**levels copies) so that a run without the guard ends."""
    ents = ' <!ENTITY lol0 "lol">\n' + "".join(
        f' <!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, levels + 1)
    )
    return _rdfxml(f"<!DOCTYPE rdf:RDF [\n{ents}]>", f"&lol{levels};")


# --------------------------------------------------------------------------- XML entities


@pytest.mark.parametrize("store", STORES)
def test_nested_xml_entities_are_refused(tmp_path, capsys, store):
    path = tmp_path / "laughs.rdf"
    path.write_text(_laughs(), "utf-8")
    with pytest.raises(LoadError, match=r"laughs.rdf: the XML entity &lol1; refers to other entities"):
        KnowledgeGraph.load(path, store=store)
    assert "refers to other entities" in _one_line_cli_error(path, store, capsys)


@pytest.mark.parametrize("store", STORES)
@pytest.mark.parametrize(
    "decl, says",
    [
        ('<!ENTITY % p "x">', "parameter entity %p;"),
        ('<!ENTITY ext SYSTEM "{url}/secret.txt">', "external entity &ext;"),
        ('<!ENTITY big "{big}">', "is 2,000 characters long"),
    ],
)
def test_xml_entities_that_can_grow_or_fetch_are_refused(tmp_path, listener, store, decl, says):
    decl = decl.format(url=listener.url, big="x" * 2000)
    path = tmp_path / "ents.rdf"
    path.write_text(_rdfxml(f"<!DOCTYPE rdf:RDF [ {decl} ]>", "plain"), "utf-8")
    with pytest.raises(LoadError, match=says):
        KnowledgeGraph.load(path, store=store)
    assert len(listener.connections) == 0


@pytest.mark.parametrize("store", STORES)
def test_plain_xml_entities_still_load_within_the_size_cap(tmp_path, store):
    """Protégé writes `<!ENTITY ex "http://...">` abbreviations: short plain text is expanded; the expansion
    counts against the size cap (a short entity repeated a million times is the "quadratic" bomb)."""
    doctype = '<!DOCTYPE rdf:RDF [ <!ENTITY ex "http://example.org/"> ]>'
    path = tmp_path / "protege.rdf"
    path.write_text(_rdfxml(doctype, "Alpha").replace('"http://example.org/a"', '"&ex;a"'), "utf-8")
    kg = KnowledgeGraph.load(path, store=store)
    res = kg.query(f"SELECT ?l WHERE {{ <http://example.org/a> <{RDFS_NS}label> ?l }}")
    assert [r[0].value for r in res.rows] == ["Alpha"]

    blowup = tmp_path / "quadratic.rdf"
    blowup.write_text(_rdfxml(f'<!DOCTYPE rdf:RDF [ <!ENTITY x "{"y" * 500}"> ]>', "&x;" * 3000), "utf-8")
    with pytest.raises(LoadError, match=r"quadratic.rdf: its XML entities expand it to 1 MB, over the 1 MB limit"):
        KnowledgeGraph.load(blowup, store=store, load_limits=LoadLimits(max_mb=1))


# --------------------------------------------------------------------------- size cap


def _turtle(n: int, pad: str = "") -> str:
    return "@prefix ex: <http://example.org/> .\n" + "".join(f'ex:s{i} ex:p "v{i}{pad}" .\n' for i in range(n))


@pytest.mark.parametrize("store", STORES)
def test_gzip_past_the_size_cap_is_refused(tmp_path, capsys, store):
    path = tmp_path / "bomb.ttl.gz"
    path.write_bytes(gzip.compress(_turtle(10).encode() + b"#" * (3 << 20), 9))  # 3 MB of comment, ~3 KB of .gz
    assert path.stat().st_size < 10_000
    with pytest.raises(LoadError, match=r"bomb.ttl.gz: decompresses to more than 2 MB, over the 2 MB limit"):
        KnowledgeGraph.load(path, store=store, load_limits=LoadLimits(max_mb=2))
    assert "--max-graph-mb" in _one_line_cli_error(path, store, capsys, "--max-graph-mb", "2")
    assert KnowledgeGraph.load(path, store=store, load_limits=LoadLimits(max_mb=4)).triple_count == 10


def test_gzip_bomb_ratio_is_refused_under_the_default_cap(tmp_path):
    path = tmp_path / "ratio.nt.gz"
    with gzip.open(path, "wb", compresslevel=1) as fh:
        for _ in range(70):
            fh.write(b"\n" * (1 << 20))
    with pytest.raises(LoadError, match=r"ratio.nt.gz: a .* .gz that expands to over .* looks like a compression bomb"):
        KnowledgeGraph.load(path)


def test_plain_file_past_the_cap_is_refused_before_reading(tmp_path, capsys, monkeypatch):
    path = tmp_path / "big.ttl"
    path.write_text(_turtle(20_000), "utf-8")
    monkeypatch.setenv("KGQUERY_MAX_GRAPH_MB", "0.1")
    with pytest.raises(LoadError, match=r"big.ttl: 486.1 KB on disk, over the 0.1 MB limit .* KGQUERY_MAX_GRAPH_MB"):
        KnowledgeGraph.load(path)
    _one_line_cli_error(path, "oxigraph", capsys)
    assert main(["info", "--graph", str(path), "--max-graph-mb", "5"]) == 0
    monkeypatch.setenv("KGQUERY_MAX_GRAPH_MB", "lots")
    assert "KGQUERY_MAX_GRAPH_MB='lots' is not a positive number" in _one_line_cli_error(path, "oxigraph", capsys)


def test_page_upload_of_a_gzip_bomb_is_one_line(monkeypatch):
    monkeypatch.setenv("KGQUERY_MAX_GRAPH_MB", "1")
    load_upload = import_page_support().load_upload  # the page's upload (app/page_support.py)
    data = gzip.compress(b"#" * (2 << 20))
    with pytest.raises(LoadError, match=r"^bomb.ttl.gz: decompresses to more than 1 MB, over the 1 MB limit"):
        load_upload(data, "bomb.ttl.gz")


# --------------------------------------------------------------------------- time and memory


@pytest.mark.parametrize("store", STORES)
def test_load_stops_past_its_time_limit(tmp_path, store):
    path = tmp_path / "slow.ttl"
    path.write_text(_turtle(CHECK_EVERY + 10), "utf-8")
    with pytest.raises(LoadError, match=r"slow.ttl: loading took longer than 1e-06 s .*KGQUERY_LOAD_TIMEOUT_S"):
        KnowledgeGraph.load(path, store=store, load_limits=LoadLimits(timeout_s=1e-6))


@pytest.mark.parametrize("store", STORES)
def test_load_stops_past_its_memory_limit(tmp_path, store):
    path = tmp_path / "fat.ttl"
    # ~50 MB of distinct literals: far past what a long test session's freed memory can take in unseen
    path.write_text(_turtle(3 * CHECK_EVERY, pad="x" * 800), "utf-8")
    with pytest.raises(LoadError, match=r"fat.ttl: loading took more than 1 MB of memory .*KGQUERY_LOAD_MEMORY_MB"):
        KnowledgeGraph.load(path, store=store, load_limits=LoadLimits(memory_mb=1))


# --------------------------------------------------------------------------- no network


def _jsonld(context) -> str:
    return json.dumps({"@context": context, "@id": "http://example.org/a", "name": "Alpha"})


@pytest.mark.parametrize("store", STORES)
@pytest.mark.parametrize("shape", ["string", "list", "import", "scoped"])
def test_remote_jsonld_context_is_never_fetched(tmp_path, listener, capsys, store, shape):
    url = f"{listener.url}/context.jsonld"
    context = {
        "string": url,
        "list": [url, {"name": "http://schema.org/name"}],
        "import": {"@import": url},
        "scoped": {"knows": {"@id": "http://xmlns.com/foaf/0.1/knows", "@context": url}},
    }
    path = tmp_path / "remote.jsonld"
    path.write_text(_jsonld(context[shape]), "utf-8")
    with pytest.raises(
        LoadError,
        match=r"remote.jsonld: the JSON-LD @(context|import) .*names a document to fetch; "
        r"kgquery reads no network",
    ):
        KnowledgeGraph.load(path, store=store)
    _one_line_cli_error(path, store, capsys)
    assert len(listener.connections) == 0


@pytest.mark.parametrize("store", STORES)
def test_inline_jsonld_context_loads(tmp_path, store):
    path = tmp_path / "inline.jsonld"
    path.write_text(_jsonld({"name": "http://schema.org/name"}), "utf-8")
    assert KnowledgeGraph.load(path, store=store).triple_count == 1


def test_loading_thread_cannot_connect(tmp_path, listener):
    """Whatever a parser does, the loading thread opens no connection; other threads still can."""
    with no_network(tmp_path / "x.jsonld"):
        with pytest.raises(NetworkRefused, match=r"x.jsonld: the parser tried to reach the network"):
            urllib.request.urlopen(listener.url, timeout=2)
        with pytest.raises(NetworkRefused):
            socket.create_connection(("127.0.0.1", listener.port), timeout=2)
        other: list[BaseException | None] = []

        def connect():
            try:
                socket.create_connection(("127.0.0.1", listener.port), timeout=2).close()
                other.append(None)
            except BaseException as e:
                other.append(e)

        t = threading.Thread(target=connect)
        t.start()
        t.join(10)
        assert other == [None]
    socket.create_connection(("127.0.0.1", listener.port), timeout=2).close()  # allowed again after the load
    for _ in range(50):
        if len(listener.connections) == 2:
            break
        threading.Event().wait(0.05)
    assert len(listener.connections) == 2


# --------------------------------------------------------------------------- caches


def _labelled(label: str) -> str:
    return (
        f'@prefix rdfs: <{RDFS_NS}> .\n<http://example.org/alpha> rdfs:label "{label}" ; a <http://example.org/T> .\n'
    )


@pytest.mark.parametrize("store", STORES)
def test_cache_follows_the_content_not_the_mtime(tmp_path, store):
    """`cp -p` of an edited file of the same size keeps size and mtime: the old labels must not come back."""
    path = tmp_path / "g.ttl"
    path.write_text(_labelled("Alpha one"), "utf-8")
    st = path.stat()
    old = KnowledgeGraph.load(path, store=store)
    assert old.labels.label_of("http://example.org/alpha") == "Alpha one"  # built and cached

    edited = tmp_path / "edited.ttl"
    edited.write_text(_labelled("Alpha two"), "utf-8")
    assert edited.stat().st_size == st.st_size
    path.write_bytes(edited.read_bytes())
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    new = KnowledgeGraph.load(path, store=store)
    assert new.fingerprint != old.fingerprint
    assert new.labels.label_of("http://example.org/alpha") == "Alpha two"
    assert KnowledgeGraph.load(path, store=store).fingerprint == new.fingerprint  # same bytes: same caches


@pytest.mark.parametrize("where", ["/proc/kgquery-cache", "a file"])
def test_unusable_cache_folder_means_no_cache_and_a_warning(tmp_path, monkeypatch, capsys, where):
    from kgquery.graph.cache import cache_dir
    from kgquery.graph.paging import Checkpoint

    if where == "a file":
        where = str(tmp_path / "not-a-folder")
        Path(where).write_text("x", "utf-8")
    monkeypatch.setenv("KGQUERY_CACHE", where)
    path = tmp_path / "g.ttl"
    path.write_text(_labelled("Alpha"), "utf-8")
    with pytest.warns(RuntimeWarning, match=r"cache folder .* is not usable .* working without a cache"):
        assert cache_dir() is None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        assert Checkpoint.for_build("labels", "x") is None
        kg = KnowledgeGraph.load(path)
        assert kg.labels.label_of("http://example.org/alpha") == "Alpha"
        assert [c.iri for c in kg.schema.classes] == ["http://example.org/T"]
    capsys.readouterr()
    monkeypatch.setattr("kgquery.graph.cache._unusable_warned", set())  # the CLI warns afresh
    with warnings.catch_warnings():
        warnings.simplefilter("always", RuntimeWarning)
        assert main(["info", "--graph", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "labelled entities: 1" in out
    assert err.startswith("kgquery: warning: cache folder ") and err.count("\n") == 1  # one line


def test_utf16_entity_bomb_is_refused(tmp_path):
    """The check reads the XML as the parser will: a UTF-16 file hides "<!ENTITY" from a byte search."""
    path = tmp_path / "laughs16.rdf"
    path.write_bytes(
        _laughs().replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>').encode("utf-16")
    )
    with pytest.raises(LoadError, match=r"laughs16.rdf: the XML entity &lol1; refers to other entities"):
        KnowledgeGraph.load(path, store="memory")


@pytest.mark.parametrize("store", STORES)
def test_external_dtd_is_never_fetched(tmp_path, listener, store):
    path = tmp_path / "dtd.rdf"
    path.write_text(_rdfxml(f'<!DOCTYPE rdf:RDF SYSTEM "{listener.url}/rdf.dtd">', "Alpha"), "utf-8")
    assert KnowledgeGraph.load(path, store=store).triple_count == 1
    assert len(listener.connections) == 0


def test_serve_loads_within_the_limits(tmp_path):
    from kgquery.serve import load_graphs

    path = tmp_path / "bomb.nt.gz"
    path.write_bytes(gzip.compress(b"\n" * (2 << 20)))
    with pytest.raises(LoadError, match=r"bomb.nt.gz: decompresses to more than 1 MB, over the 1 MB limit"):
        load_graphs([f"g={path}"], load_limits=LoadLimits(max_mb=1))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_input_stops_at_the_cap(capsys):
    """A device or pipe has no size to check first (/dev/zero never ends): reading stops at the cap."""
    err = _one_line_cli_error(Path("/dev/zero"), "oxigraph", capsys, "--format", "turtle", "--max-graph-mb", "1")
    assert "/dev/zero: more than 1 MB, over the 1 MB limit" in err

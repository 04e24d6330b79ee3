#!/usr/bin/env python3
"""Build the bundled "countries" knowledge graph (Turtle) from data shipped in two PyPI packages.

Sources (see SOURCE.md for versions and data notes, LICENSE.md for licences):

* ``pycountry`` - the ISO 3166-1 country list (the set of countries, their alpha-2/alpha-3/numeric
  codes, ISO names and official names), ISO 639 language names and codes, and ISO 4217 currency
  names and codes (a copy of Debian's iso-codes database).
* ``countryinfo`` - per-country JSON files with capital (and its coordinates), borders, official
  languages, currencies, population, area, UN M49 region / subregion / intermediate region,
  calling codes, top-level domains, time zones, demonym and alternative names.

Nothing is fetched from the network and nothing is typed in by hand: every fact in the output
comes from one of those two packages. The output is deterministic (sorted subjects, predicates
and objects), so rebuilding with the same package versions gives a byte-identical file.

Usage::

    pip install pycountry==26.2.16 countryinfo==1.0.1
    python graphs/countries/build.py [--out graphs/countries/countries.ttl]
"""
from __future__ import annotations

import argparse
import importlib.metadata
import json
import re
import sys
import unicodedata
from collections import defaultdict
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pycountry

# --------------------------------------------------------------------------------------------
# Namespaces
# --------------------------------------------------------------------------------------------
BASE = "https://kgquery.dev/countries/"
VOCAB = BASE + "vocab/"
ID = BASE + "id/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"

# prefix -> namespace, in the order they are written. Resource IRIs get one prefix per kind so
# that Turtle can abbreviate them (local names cannot contain "/").
PREFIXES = {
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dct": DCT,
    "cv": VOCAB,
    "country": ID + "country/",
    "city": ID + "city/",
    "language": ID + "language/",
    "currency": ID + "currency/",
    "region": ID + "region/",
    "subregion": ID + "subregion/",
    "iregion": ID + "intermediate-region/",
}

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "countries.ttl"

# --------------------------------------------------------------------------------------------
# Ontology: classes and properties (labels are the words a person would use in a question)
# --------------------------------------------------------------------------------------------
CLASSES = [
    ("Country", "country",
     "A country or territory that has an ISO 3166-1 code (sovereign states as well as "
     "dependent territories such as Greenland or Puerto Rico)."),
    ("City", "city", "A city; in this graph every city is the capital of a country."),
    ("Language", "language", "A human language identified by its ISO 639 code."),
    ("Currency", "currency", "A currency identified by its ISO 4217 code."),
    ("Region", "region",
     "A UN M49 geographic region (continent-level grouping), e.g. Africa, Americas, Europe."),
    ("Subregion", "subregion",
     "A UN M49 geographic subregion, e.g. Western Europe, Sub-Saharan Africa, Northern America."),
    ("IntermediateRegion", "intermediate region",
     "A UN M49 intermediate region inside a subregion, e.g. South America, Caribbean, "
     "Eastern Africa."),
]

# (local name, kind, label, comment, domain, range)
OBJ, DATA = "object", "datatype"
PROPERTIES = [
    # Country -> entity
    ("capital", OBJ, "capital", "The capital city of the country.", "Country", "City"),
    ("officialLanguage", OBJ, "official language",
     "A language that is official (or national) in the country.", "Country", "Language"),
    ("currency", OBJ, "currency", "A currency used in the country.", "Country", "Currency"),
    ("borders", OBJ, "borders",
     "A country that shares a land border with this country (symmetric).", "Country", "Country"),
    ("region", OBJ, "region", "The UN M49 region the country belongs to.", "Country", "Region"),
    ("subregion", OBJ, "subregion",
     "The UN M49 subregion the country belongs to.", "Country", "Subregion"),
    ("intermediateRegion", OBJ, "intermediate region",
     "The UN M49 intermediate region the country belongs to (only some countries have one).",
     "Country", "IntermediateRegion"),
    # City -> Country
    ("country", OBJ, "country", "The country the city is in.", "City", "Country"),
    # region hierarchy
    ("subregionOf", OBJ, "part of region",
     "The region that this subregion is part of.", "Subregion", "Region"),
    ("intermediateRegionOf", OBJ, "part of subregion",
     "The subregion that this intermediate region is part of.", "IntermediateRegion", "Subregion"),
    # Country literals
    ("population", DATA, "population",
     "Number of inhabitants, as recorded by the source (a snapshot figure, not a live value).",
     "Country", XSD + "integer"),
    ("area", DATA, "area", "Total area in square kilometres (km2).", "Country", XSD + "decimal"),
    ("alpha2Code", DATA, "ISO alpha-2 code",
     "Two-letter ISO 3166-1 alpha-2 country code, e.g. FR.", "Country", XSD + "string"),
    ("alpha3Code", DATA, "ISO alpha-3 code",
     "Three-letter ISO 3166-1 alpha-3 country code, e.g. FRA.", "Country", XSD + "string"),
    ("numericCode", DATA, "ISO numeric code",
     "Three-digit ISO 3166-1 numeric country code, e.g. 250.", "Country", XSD + "string"),
    ("officialName", DATA, "official name",
     "The official (long) name of the country according to ISO 3166-1.", "Country", XSD + "string"),
    ("nativeName", DATA, "native name",
     "The country's name in (one of) its own language(s).", "Country", XSD + "string"),
    ("demonym", DATA, "demonym",
     "The word for a person from the country, e.g. French.", "Country", XSD + "string"),
    ("callingCode", DATA, "calling code",
     "International telephone calling code, without the leading +.", "Country", XSD + "string"),
    ("topLevelDomain", DATA, "top-level domain",
     "Internet country-code top-level domain, e.g. .fr.", "Country", XSD + "string"),
    ("utcOffset", DATA, "time zone",
     "A UTC offset used in the country, e.g. UTC+01:00.", "Country", XSD + "string"),
    ("ianaTimeZone", DATA, "IANA time zone",
     "An IANA time zone database name used in the country, e.g. Europe/Paris.",
     "Country", XSD + "string"),
    # City literals
    ("latitude", DATA, "latitude", "Latitude in decimal degrees (WGS84).", "City", XSD + "decimal"),
    ("longitude", DATA, "longitude", "Longitude in decimal degrees (WGS84).", "City",
     XSD + "decimal"),
    # Language literals
    ("iso6391Code", DATA, "ISO 639-1 code",
     "Two-letter ISO 639-1 language code, e.g. fr.", "Language", XSD + "string"),
    ("iso6393Code", DATA, "ISO 639-3 code",
     "Three-letter ISO 639-3 language code, e.g. fra.", "Language", XSD + "string"),
    # Currency literals
    ("currencyCode", DATA, "currency code",
     "Three-letter ISO 4217 currency code, e.g. EUR.", "Currency", XSD + "string"),
    ("currencyNumericCode", DATA, "currency numeric code",
     "Three-digit ISO 4217 numeric currency code, e.g. 978.", "Currency", XSD + "string"),
]


# --------------------------------------------------------------------------------------------
# Terms: IRIs are plain str, literals are Lit
# --------------------------------------------------------------------------------------------
class Lit:
    __slots__ = ("lex", "datatype", "lang")

    def __init__(self, lex: str, datatype: str | None = None, lang: str | None = None):
        self.lex, self.datatype, self.lang = lex, datatype, lang

    def key(self):
        return (self.datatype or "", self.lang or "", self.lex)

    def __eq__(self, other):
        return isinstance(other, Lit) and self.key() == other.key()

    def __hash__(self):
        return hash(self.key())


def lit(value) -> Lit:
    """A literal for a Python value: str -> plain string, int -> xsd:integer, Decimal -> xsd:decimal."""
    if isinstance(value, bool):
        raise TypeError("no booleans in this graph")
    if isinstance(value, int):
        return Lit(str(value), XSD + "integer")
    if isinstance(value, Decimal):
        # canonical xsd:decimal form ("41284", "0.49") so every engine reports the same lexical
        text = format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))
        return Lit(text, XSD + "decimal")
    return Lit(str(value))


def dec(number) -> Decimal:
    """Exact decimal of a JSON number (via its shortest repr, so 0.49 stays 0.49)."""
    return Decimal(repr(number)) if isinstance(number, float) else Decimal(number)


def v(local: str) -> str:
    return VOCAB + local


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def clean(text) -> str:
    """Trim a source string and turn Unicode minus signs into ASCII hyphen-minus."""
    return str(text).replace("\u2212", "-").strip() if text is not None else ""


# --------------------------------------------------------------------------------------------
# Reading the sources
# --------------------------------------------------------------------------------------------
def load_countryinfo() -> dict[str, dict]:
    """countryinfo's data/*.json keyed by ISO alpha-3.

    A few alpha-3 codes have two files (CUW, PSE, VAT); keep the one with the most non-empty
    fields, ties broken by file name, so the choice is deterministic.
    """
    data_dir = resources.files("countryinfo") / "data"
    by_code: dict[str, list[tuple[int, str, dict]]] = defaultdict(list)
    for entry in sorted(data_dir.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".json"):
            continue
        record = json.loads(entry.read_text(encoding="utf-8"))
        code = (record.get("ISO") or {}).get("alpha3")
        if not code:
            continue
        filled = sum(1 for value in record.values() if value not in (None, "", [], {}))
        by_code[code].append((-filled, entry.name, record))
    return {code: sorted(records, key=lambda r: (r[0], r[1]))[0][2] for code, records in by_code.items()}


_INVERTED = re.compile(r", .*\bof( the)?$|, (British|U\.S\.)$")


def country_label(iso, info: dict) -> str:
    """English common name: pycountry's common name; else countryinfo's name when it is a
    shortening of the ISO name; else the ISO name unless that is an inverted form
    ("Congo, The Democratic Republic of the"), in which case countryinfo's name or the official
    name."""
    common = getattr(iso, "common_name", None)
    if common:
        return common
    short = info.get("name") or ""
    if short and short != iso.name and iso.name.startswith(short) and " and " not in iso.name[len(short):]:
        return short  # "Russian Federation" -> "Russia", "Falkland Islands (Malvinas)" -> "Falkland Islands"
    if not _INVERTED.search(iso.name):
        return iso.name
    for candidate in (info.get("name"), getattr(iso, "official_name", None)):
        if candidate and not _INVERTED.search(candidate) and ", " not in candidate:
            return candidate
    return iso.name


_LANG_QUALIFIER = re.compile(r" \((macrolanguage|[^)]*\d[^)]*)\)$")


def language_label(lang) -> str:
    """ISO 639 name without qualifiers such as "(macrolanguage)" or "(1453-)"."""
    return _LANG_QUALIFIER.sub("", lang.name)


# --------------------------------------------------------------------------------------------
# Building the triples
# --------------------------------------------------------------------------------------------
def build(report=print) -> set[tuple[str, str, object]]:
    triples: set[tuple[str, str, object]] = set()
    notes: list[str] = []

    def add(s, p, o):
        if isinstance(o, Lit) and not o.lex:
            return
        triples.add((s, p, o))

    # ---- ontology
    onto = VOCAB
    add(onto, RDF + "type", OWL + "Ontology")
    add(onto, RDFS + "label", lit("Countries ontology"))
    add(onto, RDFS + "comment", lit(
        "Countries and territories with their capitals, languages, currencies, UN M49 regions, "
        "borders, population and area. Built by graphs/countries/build.py from the pycountry "
        "and countryinfo packages."))
    for pkg in ("pycountry", "countryinfo"):
        add(onto, DCT + "source", lit(f"{pkg} {importlib.metadata.version(pkg)} (PyPI)"))
    add(onto, DCT + "license", lit("GNU LGPL 2.1; see graphs/countries/LICENSE.md"))
    for local, label, comment in CLASSES:
        cls = v(local)
        add(cls, RDF + "type", OWL + "Class")
        add(cls, RDF + "type", RDFS + "Class")
        add(cls, RDFS + "label", lit(label))
        add(cls, RDFS + "comment", lit(comment))
        add(cls, RDFS + "isDefinedBy", onto)
    for local, kind, label, comment, domain, rng in PROPERTIES:
        prop = v(local)
        add(prop, RDF + "type", OWL + ("ObjectProperty" if kind == OBJ else "DatatypeProperty"))
        add(prop, RDF + "type", RDF + "Property")
        add(prop, RDFS + "label", lit(label))
        add(prop, RDFS + "comment", lit(comment))
        add(prop, RDFS + "domain", v(domain))
        add(prop, RDFS + "range", v(rng) if kind == OBJ else rng)
        add(prop, RDFS + "isDefinedBy", onto)
    add(v("borders"), RDF + "type", OWL + "SymmetricProperty")

    # ---- countries
    info_by_code = load_countryinfo()
    countries = {c.alpha_3: c for c in pycountry.countries}
    alpha2_to_3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    country_iri = {code: ID + "country/" + code for code in countries}

    regions: dict[str, str] = {}
    subregions: dict[str, tuple[str, str]] = {}
    iregions: dict[str, tuple[str, str]] = {}
    languages: dict[str, object] = {}
    currencies: set[str] = set()
    border_pairs: set[tuple[str, str]] = set()
    stated_borders: set[tuple[str, str]] = set()

    for code in sorted(countries):
        iso = countries[code]
        info = info_by_code.get(code, {})
        s = country_iri[code]
        add(s, RDF + "type", v("Country"))
        label = country_label(iso, info)
        add(s, RDFS + "label", lit(label))

        alt = [iso.name, getattr(iso, "official_name", None), getattr(iso, "common_name", None),
               info.get("name")]
        alt += list(info.get("altSpellings") or []) + list(info.get("alt") or [])
        codes = {iso.alpha_2, iso.alpha_3}
        for name in alt:
            name = clean(name)
            if name and name != label and name not in codes:
                add(s, SKOS + "altLabel", lit(name))

        add(s, v("alpha2Code"), lit(iso.alpha_2))
        add(s, v("alpha3Code"), lit(iso.alpha_3))
        add(s, v("numericCode"), lit(iso.numeric))
        if getattr(iso, "official_name", None):
            add(s, v("officialName"), lit(iso.official_name))
        add(s, v("nativeName"), lit(clean(info.get("nativeName"))))
        add(s, v("demonym"), lit(clean(info.get("demonym"))))

        if isinstance(info.get("population"), int) and info["population"] > 0:
            add(s, v("population"), lit(int(info["population"])))
        if isinstance(info.get("area"), (int, float)) and info["area"] > 0:
            add(s, v("area"), lit(dec(info["area"])))
        for value in info.get("callingCodes") or []:
            add(s, v("callingCode"), lit(clean(value)))
        for value in info.get("tld") or []:
            add(s, v("topLevelDomain"), lit(clean(value)))
        for value in info.get("timezones") or []:
            add(s, v("utcOffset"), lit(clean(value)))
        for value in info.get("timezoneNames") or []:
            add(s, v("ianaTimeZone"), lit(clean(value)))

        # regions (UN M49 three-level hierarchy as given by countryinfo)
        region = clean(info.get("region"))
        subregion = clean(info.get("subregion"))
        iregion = clean(info.get("intermediateregion"))
        if region:
            regions[slug(region)] = region
            add(s, v("region"), ID + "region/" + slug(region))
        if subregion:
            subregions[slug(subregion)] = (subregion, slug(region) if region else "")
            add(s, v("subregion"), ID + "subregion/" + slug(subregion))
        if iregion:
            iregions[slug(iregion)] = (iregion, slug(subregion) if subregion else "")
            add(s, v("intermediateRegion"), ID + "intermediate-region/" + slug(iregion))

        # capital(s): a string, a list, or "A / B / C" with one coordinate pair per city
        capital = info.get("capital")
        names = capital if isinstance(capital, list) else clean(capital).split(" / ") if capital else []
        names = [clean(n) for n in names if clean(n)]
        coords = info.get("capital_latlng") or []
        if coords and not isinstance(coords[0], list):
            coords = [coords]
        for i, name in enumerate(names):
            city = ID + "city/" + code + "-" + slug(name)
            add(city, RDF + "type", v("City"))
            add(city, RDFS + "label", lit(name))
            add(city, v("country"), s)
            add(s, v("capital"), city)
            if len(coords) == len(names):
                add(city, v("latitude"), lit(dec(coords[i][0])))
                add(city, v("longitude"), lit(dec(coords[i][1])))

        for lang_code in info.get("languages") or []:
            lang = (pycountry.languages.get(alpha_2=lang_code)
                    or pycountry.languages.get(alpha_3=lang_code))
            if lang is None:
                notes.append(f"{code}: language code {lang_code!r} is not an ISO 639 code; skipped")
                continue
            languages[lang.alpha_3] = lang
            add(s, v("officialLanguage"), ID + "language/" + lang.alpha_3)

        for cur_code in info.get("currencies") or []:
            currencies.add(cur_code)
            add(s, v("currency"), ID + "currency/" + cur_code)

        for other in info.get("borders") or []:
            other3 = other if other in countries else alpha2_to_3.get(other)
            if other3 is None:
                notes.append(f"{code}: border code {other!r} is not an ISO 3166-1 country; skipped")
                continue
            stated_borders.add((code, other3))
            border_pairs.add(tuple(sorted((code, other3))))

    # borders are symmetric: a border stated by either side is written in both directions
    for a, b in sorted(border_pairs):
        add(country_iri[a], v("borders"), country_iri[b])
        add(country_iri[b], v("borders"), country_iri[a])
        for x, y in ((a, b), (b, a)):
            if (x, y) not in stated_borders:
                notes.append(f"{x}-{y}: border stated only by {y}; added in both directions")

    # ---- regions
    for key, name in regions.items():
        r = ID + "region/" + key
        add(r, RDF + "type", v("Region"))
        add(r, RDFS + "label", lit(name))
    for key, (name, parent) in subregions.items():
        r = ID + "subregion/" + key
        add(r, RDF + "type", v("Subregion"))
        add(r, RDFS + "label", lit(name))
        if parent:
            add(r, v("subregionOf"), ID + "region/" + parent)
    for key, (name, parent) in iregions.items():
        r = ID + "intermediate-region/" + key
        add(r, RDF + "type", v("IntermediateRegion"))
        add(r, RDFS + "label", lit(name))
        if parent:
            add(r, v("intermediateRegionOf"), ID + "subregion/" + parent)

    # ---- languages
    for code3, lang in languages.items():
        r = ID + "language/" + code3
        label = language_label(lang)
        add(r, RDF + "type", v("Language"))
        add(r, RDFS + "label", lit(label))
        for other in (lang.name, getattr(lang, "common_name", None), getattr(lang, "inverted_name", None)):
            if other and other != label:
                add(r, SKOS + "altLabel", lit(other))
        add(r, v("iso6393Code"), lit(lang.alpha_3))
        if getattr(lang, "alpha_2", None):
            add(r, v("iso6391Code"), lit(lang.alpha_2))

    # ---- currencies (codes withdrawn from ISO 4217 are not in pycountry: labelled by code)
    for cur_code in currencies:
        r = ID + "currency/" + cur_code
        cur = pycountry.currencies.get(alpha_3=cur_code)
        add(r, RDF + "type", v("Currency"))
        add(r, v("currencyCode"), lit(cur_code))
        if cur is None:
            add(r, RDFS + "label", lit(cur_code))
            notes.append(f"currency {cur_code}: not in pycountry's ISO 4217 list; labelled by its code")
        else:
            add(r, RDFS + "label", lit(cur.name))
            add(r, v("currencyNumericCode"), lit(cur.numeric))

    for note in sorted(set(notes)):
        report("note: " + note)
    return triples


# --------------------------------------------------------------------------------------------
# Turtle writer (deterministic: sections by kind, subjects/predicates/objects sorted)
# --------------------------------------------------------------------------------------------
_LOCAL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")


def iri_n3(iri: str) -> str:
    if iri == RDF + "type":
        return "a"
    best = None
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and _LOCAL.match(iri[len(ns):]):
            if best is None or len(ns) > len(PREFIXES[best]):
                best = prefix
    if best is not None:
        return f"{best}:{iri[len(PREFIXES[best]):]}"
    return f"<{iri}>"


def lit_n3(term: Lit) -> str:
    esc = (term.lex.replace("\\", "\\\\").replace('"', '\\"')
           .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t"))
    text = f'"{esc}"'
    if term.lang:
        return f"{text}@{term.lang}"
    if term.datatype == XSD + "integer" and re.fullmatch(r"-?\d+", term.lex):
        return term.lex
    if term.datatype == XSD + "decimal" and re.fullmatch(r"-?\d+\.\d+", term.lex):
        return term.lex
    if term.datatype:
        return f"{text}^^{iri_n3(term.datatype)}"
    return text


def term_n3(term) -> str:
    return lit_n3(term) if isinstance(term, Lit) else iri_n3(term)


PREDICATE_ORDER = [RDF + "type", RDFS + "label", SKOS + "altLabel", RDFS + "comment"]
SECTIONS = [
    ("Ontology", None),
    ("Regions", v("Region")),
    ("Subregions", v("Subregion")),
    ("Intermediate regions", v("IntermediateRegion")),
    ("Countries", v("Country")),
    ("Cities", v("City")),
    ("Languages", v("Language")),
    ("Currencies", v("Currency")),
]


def object_key(term):
    return (1, *term.key()) if isinstance(term, Lit) else (0, term, "", "")


def to_turtle(triples) -> str:
    by_subject: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        by_subject[s][p].append(o)
    types = {s: set(po.get(RDF + "type", [])) for s, po in by_subject.items()}
    section_of = {}
    for s in by_subject:
        section_of[s] = "Ontology"
        for title, cls in SECTIONS[1:]:
            if cls in types[s]:
                section_of[s] = title

    out = [f"# Countries knowledge graph - generated by graphs/countries/build.py; do not edit.",
           f"# Sources: {', '.join(f'{p} {importlib.metadata.version(p)}' for p in ('pycountry', 'countryinfo'))}"
           " (see SOURCE.md).", ""]
    out += [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()]
    for title, _ in SECTIONS:
        subjects = sorted(s for s in by_subject if section_of[s] == title)
        if title == "Ontology":  # ontology header, then classes, then properties
            subjects.sort(key=lambda s: (s != VOCAB, OWL + "Class" not in types[s], s))
        out += ["", f"# {'-' * 20} {title} ({len(subjects)}) {'-' * 20}"]
        for s in subjects:
            preds = sorted(by_subject[s], key=lambda p: (
                PREDICATE_ORDER.index(p) if p in PREDICATE_ORDER else len(PREDICATE_ORDER), p))
            lines = []
            for p in preds:
                objs = ", ".join(term_n3(o) for o in sorted(by_subject[s][p], key=object_key))
                lines.append(f"    {iri_n3(p)} {objs}")
            out.append("")
            out.append(iri_n3(s))
            out.append(" ;\n".join(lines) + " .")
    return "\n".join(out) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"output Turtle file (default: {DEFAULT_OUT.relative_to(Path.cwd()) if DEFAULT_OUT.is_relative_to(Path.cwd()) else DEFAULT_OUT})")
    parser.add_argument("--quiet", action="store_true", help="do not print data-cleaning notes")
    args = parser.parse_args(argv)

    triples = build(report=(lambda _msg: None) if args.quiet else (lambda msg: print(msg, file=sys.stderr)))
    text = to_turtle(triples)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")

    counts = defaultdict(int)
    for s, p, o in triples:
        if p == RDF + "type" and o.startswith(VOCAB):
            counts[o[len(VOCAB):]] += 1
    print(f"wrote {args.out}: {len(triples)} triples, {len(text.encode('utf-8'))} bytes")
    print("  " + ", ".join(f"{cls}={counts[cls]}" for cls, _, _ in CLASSES))
    return 0


if __name__ == "__main__":
    sys.exit(main())

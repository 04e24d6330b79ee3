"""Sizes a graph does not store but its extents give: a thing's volume, area and density.

"the potentiometer with the smallest volume": no property is a volume, but a width, a height and a depth
in millimetres multiply to one. Extents and masses are told by the units their names or descriptions give
(general units of length and mass, not any graph's words); the measure words are general geometry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .candidate import Path

#: units of length: a number property measured in one is an extent of the thing
LENGTH_UNITS = set(
    """mm cm dm millimeter millimeters millimetre millimetres centimeter centimeters centimetre centimetres
meter meters metre metres inch inches ft foot feet""".split()
)
#: units of mass (not 'pound', which is also money)
MASS_UNITS = set("g mg kg gram grams gramme grammes kilogram kilograms kilo kilos lb lbs ounce ounces oz".split())
#: the extent a footprint ('base area') leaves out
UPRIGHT = {"height", "high", "tall"}
#: measure word -> how many extents multiply to it; a density divides a mass by a volume
MEASURES = {"volume": 3, "area": 2, "footprint": 2, "density": 3}
DIVIDED = {"density"}

_TOKEN = re.compile(r"[a-z]+")


@dataclass
class Derived(Path):
    """A number computed from the thing's own numbers: the product of `steps`' values, a mass over it
    when `mass` is set. `triples` binds it to the target like any path's value."""

    mass: str = ""

    def triples(self, x: str, tag: str) -> list[str]:
        factors = [p for p, _ in self.steps]
        out = [f"{x} <{p}> ?{tag}f{k} ." for k, p in enumerate(factors)]
        product = " * ".join(f"?{tag}f{k}" for k in range(len(factors)))
        if self.mass:
            out.append(f"{x} <{self.mass}> ?{tag}g .")
            out.append(f"FILTER({product} != 0)")
            value = f"?{tag}g / ({product})"
        else:
            value = product
        return out + [f"BIND({value} AS {self.target})"]


#: spellings of common units of length and mass -> (dimension, unit): what a question's unit is compared with
UNIT_SPELLINGS = {
    w: (dim, unit)
    for dim, unit, spellings in (
        ("length", "km", "km kilometre kilometres kilometer kilometers"),
        ("length", "m", "m metre metres meter meters"),
        ("length", "cm", "cm centimetre centimetres centimeter centimeters"),
        ("length", "mm", "mm millimetre millimetres millimeter millimeters"),
        ("length", "mi", "mi mile miles"),
        ("length", "ft", "ft foot feet"),
        ("mass", "kg", "kg kilo kilos kilogram kilograms"),
        ("mass", "g", "g gram grams gramme grammes"),
        ("mass", "t", "tonne tonnes"),
        ("mass", "lb", "lb lbs"),
    )
    for w in spellings.split()
}


def unit_clash(asked: list[str], texts: list[str]) -> tuple[str, str] | None:
    """(the unit asked, the unit stored) when the question states a unit (`asked`: its words) of the same
    dimension as the unit a number's names or description give (`texts`), but another one: 'how many metres
    longer' of a length in kilometres. The number is then not in the unit asked; nothing is converted.

    >>> unit_clash("how many metres longer".split(), ["length: in kilometres"])
    ('metres', 'kilometres')
    >>> unit_clash("over 300 km".split(), ["length: in kilometres"]) is None
    True
    """
    said = [w for w in asked if w in UNIT_SPELLINGS]
    stored = [w for t in texts for w in _TOKEN.findall(t.lower()) if w in UNIT_SPELLINGS]
    for a in said:
        for b in stored:
            (d, u), (e, v) = UNIT_SPELLINGS[a], UNIT_SPELLINGS[b]
            if d == e and u != v:
                return a, b
    return None


def unit_kind(texts: list[str]) -> str:
    """'length', 'mass' or '' from a property's names and description ('width_mm', 'measured in grams')."""
    words = {w for t in texts for w in _TOKEN.findall(t.lower())}
    if words & LENGTH_UNITS:
        return "length"
    if words & MASS_UNITS:
        return "mass"
    return ""


def derived_path(word: str, numbers: dict[str, list[str]], score: float) -> Derived | None:
    """The measure `word` names, computed from the thing's `numbers` (property -> its names and
    description), or None when the word is no measure or the thing lacks the extents it needs.

    >>> texts = {"w": ["width mm"], "h": ["height mm"], "d": ["depth mm"], "m": ["weight: in grams"]}
    >>> derived_path("volume", texts, 1.0).steps
    (('d', True), ('h', True), ('w', True))
    >>> derived_path("area", texts, 1.0).steps, derived_path("density", texts, 1.0).mass
    ((('d', True), ('w', True)), 'm')
    >>> derived_path("volume", {"w": ["width mm"]}, 1.0) is None
    True
    """
    need = MEASURES.get(word)
    if need is None:
        return None
    kinds = {p: unit_kind(t) for p, t in numbers.items()}
    extents = sorted(p for p, k in kinds.items() if k == "length")
    if need == 2 and len(extents) == 3:
        # a thing's area is its footprint: the extents other than its height
        extents = [p for p in extents if not UPRIGHT & {w for t in numbers[p] for w in _TOKEN.findall(t.lower())}]
    if len(extents) != need:
        return None  # fewer extents, or more than the measure can tell apart
    mass = ""
    if word in DIVIDED:
        masses = sorted(p for p, k in kinds.items() if k == "mass")
        if len(masses) != 1:
            return None
        mass = masses[0]
    return Derived(tuple((p, True) for p in extents), "?v", score, mass=mass)


_COMPUTED = re.compile(r"BIND\(([^()]*(?:\([^()]*\))?[^()]*) AS \?\w+\)")


def measure_words(sparql: str) -> set[str]:
    """The measure words a query's computed size (Derived.triples) stands for: 'density' for a mass over a
    product, 'volume' for three extents, 'area' and 'footprint' for two; empty for any other query.

    >>> measure_words("SELECT ?x WHERE { BIND(?nf0 * ?nf1 * ?nf2 AS ?v) }"), measure_words("BIND(?ng / (?a * ?b * ?c) AS ?v)")
    ({'volume'}, {'density'})
    """
    found: set[str] = set()
    for expr in _COMPUTED.findall(sparql):
        if "/" in expr:
            found |= DIVIDED
        elif "*" in expr:
            n = expr.count("*") + 1
            found |= {w for w, k in MEASURES.items() if k == n and w not in DIVIDED}
    return found

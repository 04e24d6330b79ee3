#!/usr/bin/env python3
"""Write bench/probes/space.ttl: a made-up space-exploration knowledge graph in its own RDFS/OWL vocabulary
(`https://space.example/def#`, things under `https://space.example/id/`); deterministic (fixed data).

Idioms:
- classes with rdfs:label and some skos:altLabel ('space agency' for agency, 'probe' for robotic spacecraft,
  'astronaut' for crew member, 'spaceport' for launch site);
- a small class hierarchy (spacecraft > crewed / robotic spacecraft; celestial body > planet, moon, asteroid),
  with every spacecraft and body typed only by its most specific class (no rdf:type to the superclass);
- readable camelCase properties (`launchDate`, `operatedBy`, `targetBody`, `orbitsBody`, `flewOn`, `massKg`)
  beside clipped ones (`lnchSite`, `dur_d`, `bdgt`, `rad_km`, `estYr`, `cntry`) whose meaning is only in
  rdfs:label and rdfs:comment; units only in comments (budget in million US dollars, duration in days);
- launch and birth dates as xsd:date, the year an agency was founded as xsd:gYear, a yes/no `sampleReturn`
  (xsd:boolean), a mission status as a plain string ('active', 'completed', 'failed');
- missions link to a spacecraft, a launch site, a target body and a lead agency (the same agency that operates
  the spacecraft); crew members fly on missions; moons orbit planets, so a chain runs crew member -> mission ->
  target body -> the planet it orbits;
- edge cases: robotic missions and one uncrewed test flight of a crewed spacecraft have no crew, an agency with
  no spacecraft and no mission, a launch site never used, a planet with no moon, two crew members who never flew,
  a moon larger than a planet.

Made up for kgquery's probes (Apache-2.0, like the project); every name of a country, agency, site, mission,
spacecraft, person and body is invented.

    cd bench/probes && python make_space.py
"""

from __future__ import annotations

from pathlib import Path

from rdflib import OWL, RDF, SKOS, XSD, Graph, Literal, Namespace
from tables import write_turtle
from vocab import label, write_vocabulary

DEF = Namespace("https://space.example/def#")
ID = Namespace("https://space.example/id/")

CLASSES = [  # local name, label, alt labels, superclass, comment
    ("Agency", "agency", ["space agency"], None, "An organisation that runs space missions."),
    ("Country", "country", [], None, None),
    ("LaunchSite", "launch site", ["spaceport"], None, "A place rockets lift off from."),
    ("Mission", "mission", [], None, "A single flight of a spacecraft to a target."),
    ("Spacecraft", "spacecraft", ["craft"], None, None),
    ("CrewedSpacecraft", "crewed spacecraft", [], "Spacecraft", "A spacecraft built to carry people."),
    ("RoboticSpacecraft", "robotic spacecraft", ["probe"], "Spacecraft", "A spacecraft with no one on board."),
    ("CelestialBody", "celestial body", [], None, None),
    ("Planet", "planet", [], "CelestialBody", None),
    ("Moon", "moon", ["natural satellite"], "CelestialBody", None),
    ("Asteroid", "asteroid", [], "CelestialBody", None),
    ("CrewMember", "crew member", ["astronaut"], None, "A person trained to fly on crewed missions."),
]
OBJECT_PROPERTIES = [  # local name, label, domain, range, comment
    ("operatedBy", "operated by", "Spacecraft", "Agency", "The agency that flies and controls the spacecraft."),
    ("ledBy", "lead agency", "Mission", "Agency", "The agency in charge of the mission."),
    ("usesCraft", "spacecraft used", "Mission", "Spacecraft", "The spacecraft flown on the mission."),
    ("lnchSite", "launch site", "Mission", "LaunchSite", "The site the mission lifted off from."),
    ("targetBody", "target body", "Mission", "CelestialBody", "The body the mission was sent to."),
    ("orbitsBody", "orbits", "Moon", "Planet", "The planet a moon travels around."),
    ("basedIn", "headquarters country", "Agency", "Country", "The country the agency belongs to."),
    ("cntry", "country", "LaunchSite", "Country", "The country the launch site lies in."),
    ("nationality", "nationality", "CrewMember", "Country", None),
    ("flewOn", "flew on", "CrewMember", "Mission", "A mission the person was part of the crew of."),
]
DATA_PROPERTIES = [  # local name, label, domain, range, comment
    ("launchDate", "launch date", "Mission", XSD.date, "The day the mission lifted off."),
    ("status", "mission status", "Mission", XSD.string, "One of 'active', 'completed' or 'failed'."),
    ("dur_d", "duration", "Mission", XSD.integer, "Length of the mission in days, from launch to its end."),
    ("bdgt", "budget", "Mission", XSD.decimal, "Total cost of the mission, in million US dollars."),
    (
        "sampleReturn",
        "sample return",
        "Mission",
        XSD.boolean,
        "True when the mission was designed to bring material from its target back for study.",
    ),
    ("massKg", "launch mass", "Spacecraft", XSD.decimal, "Mass at launch, in kilograms."),
    ("rad_km", "mean radius", "CelestialBody", XSD.decimal, "Mean radius of the body, in kilometres."),
    ("birthDate", "date of birth", "CrewMember", XSD.date, None),
    ("estYr", "year founded", "Agency", XSD.gYear, "The year the agency was set up."),
]
COUNTRIES = ["Varessa", "Kaldoria", "Ostreny", "Mirenta", "Zelhaven"]
AGENCIES = [  # name, country, year founded
    ("Varessan Space Directorate", "Varessa", 1961),
    ("Kaldor Orbital Agency", "Kaldoria", 1958),
    ("Ostreny Aerospace Office", "Ostreny", 1974),
    ("Mirenta Space Institute", "Mirenta", 1989),
    ("Zelhaven Rocket Authority", "Zelhaven", 2011),
]
SITES = {
    "Corvane Launch Complex": "Varessa",
    "Northgate Range": "Varessa",
    "Port Imbrel": "Kaldoria",
    "Sela Ridge Spaceport": "Ostreny",
    "Tarrow Point": "Mirenta",
    "Hessick Field": "Zelhaven",
}
PLANETS = [  # name, mean radius in km
    ("Velora", 6210.5),
    ("Tharsen", 3388.0),
    ("Kolos", 69120.0),
    ("Ystra", 25400.0),
    ("Pellucid", 2440.0),
    ("Gharn", 58230.0),
]
MOONS = [  # name, planet, mean radius in km
    ("Seris", "Velora", 1737.4),
    ("Phobar", "Tharsen", 11.3),
    ("Deimar", "Tharsen", 6.2),
    ("Orrin", "Kolos", 2634.1),
    ("Calyra", "Kolos", 2410.3),
    ("Nessa", "Kolos", 1560.8),
    ("Talon", "Kolos", 1821.6),
    ("Miravel", "Ystra", 1353.4),
    ("Ebbe", "Gharn", 2574.7),
    ("Wisp", "Gharn", 198.2),
]
ASTEROIDS = [("Vantor", 262.7), ("Quill", 0.25), ("Brisk", 0.49), ("Ophir", 473.0)]
CRAFT = [  # name, C(rewed)/R(obotic), operator, launch mass in kg
    ("Ardent Wing", "C", "Varessan Space Directorate", 9800),
    ("Cobalt Ferry", "C", "Varessan Space Directorate", 21350),
    ("Pathwright", "R", "Varessan Space Directorate", 1450),
    ("Emberline", "R", "Varessan Space Directorate", 3820),
    ("Farreach", "R", "Varessan Space Directorate", 5230),
    ("Teralux Capsule", "C", "Kaldor Orbital Agency", 12400),
    ("Lantern Seeker", "R", "Kaldor Orbital Agency", 720),
    ("Driftmark", "R", "Kaldor Orbital Agency", 2210),
    ("Quillon", "R", "Kaldor Orbital Agency", 1240),
    ("Silverhawk", "C", "Ostreny Aerospace Office", 8600),
    ("Thistle Rover", "R", "Ostreny Aerospace Office", 899.5),
    ("Sablewing", "R", "Ostreny Aerospace Office", 4100),
    ("Graywhisper", "R", "Mirenta Space Institute", 1675),
    ("Copperbell", "R", "Mirenta Space Institute", 530),
    ("Orrery Scout", "R", "Mirenta Space Institute", 380),
]
# name, spacecraft, launch site, launch date, target, status, duration in days, budget in million USD, sample return
MISSIONS = [
    ("Seris Landing I", "Ardent Wing", "Corvane Launch Complex", "2009-04-17", "Seris", "completed", 12, 2150, True),
    ("Seris Landing II", "Ardent Wing", "Corvane Launch Complex", "2012-09-03", "Seris", "completed", 16, 2380, True),
    ("Cobalt Gate", "Cobalt Ferry", "Northgate Range", "2021-06-22", "Phobar", "active", 1100, 9400, False),
    ("Harrow Test", "Cobalt Ferry", "Northgate Range", "2019-11-05", "Seris", "completed", 9, 610, False),
    ("Long Ember", "Emberline", "Corvane Launch Complex", "2015-02-11", "Kolos", "completed", 2920, 1240, False),
    ("Quiet Meridian", "Pathwright", "Corvane Launch Complex", "2006-08-30", "Tharsen", "completed", 1450, 520, False),
    ("Outer Lantern", "Farreach", "Northgate Range", "2023-03-14", "Gharn", "active", 640, 1870, False),
    ("Teralux One", "Teralux Capsule", "Port Imbrel", "2011-05-09", "Seris", "completed", 21, 1980, True),
    ("Teralux Two", "Teralux Capsule", "Port Imbrel", "2016-10-28", "Seris", "completed", 34, 2210, False),
    ("Deep Furrow", "Teralux Capsule", "Port Imbrel", "2022-04-02", "Deimar", "active", 780, 3050, False),
    ("Glint", "Lantern Seeker", "Port Imbrel", "2004-12-19", "Quill", "completed", 1890, 310, True),
    ("Driftmark Survey", "Driftmark", "Port Imbrel", "2013-07-07", "Ystra", "failed", 95, 640, False),
    ("Quillon Relay", "Quillon", "Port Imbrel", "2018-01-25", "Miravel", "completed", 1210, 455, False),
    ("Silverhawk Ascent", "Silverhawk", "Sela Ridge Spaceport", "2014-03-30", "Seris", "completed", 8, 1320, False),
    ("Silverhawk Return", "Silverhawk", "Sela Ridge Spaceport", "2020-08-12", "Seris", "completed", 14, 1460, True),
    ("Thistle Walk", "Thistle Rover", "Sela Ridge Spaceport", "2010-06-01", "Tharsen", "completed", 2300, 410, False),
    ("Saber Dusk", "Sablewing", "Sela Ridge Spaceport", "2017-09-19", "Pellucid", "failed", 3, 880, False),
    ("Graywhisper Veil", "Graywhisper", "Tarrow Point", "2019-04-04", "Vantor", "active", 2100, 720, True),
    ("Copperbell Chime", "Copperbell", "Tarrow Point", "2008-02-14", "Brisk", "failed", 40, 150, True),
    ("Orrery Scout I", "Orrery Scout", "Tarrow Point", "2024-05-20", "Ophir", "active", 450, 230, False),
]  # fmt: skip
CREW = [  # name, date of birth, nationality, missions flown
    ("Idris Kalvane", "1971-03-14", "Varessa", ["Seris Landing I", "Seris Landing II"]),
    ("Mara Oyelind", "1975-11-02", "Varessa", ["Seris Landing I"]),
    ("Tobin Reske", "1968-07-22", "Varessa", ["Seris Landing II"]),
    ("Lisette Varo", "1984-01-30", "Varessa", ["Cobalt Gate"]),
    ("Anwen Halloway", "1986-05-09", "Varessa", ["Cobalt Gate"]),
    ("Jorund Pell", "1980-09-17", "Kaldoria", ["Cobalt Gate", "Teralux Two", "Deep Furrow"]),
    ("Senna Duvik", "1973-04-05", "Kaldoria", ["Teralux One", "Teralux Two"]),
    ("Arkady Voss", "1969-12-11", "Kaldoria", ["Teralux One"]),
    ("Ilse Marrick", "1982-08-26", "Kaldoria", ["Teralux Two", "Deep Furrow"]),
    ("Pavo Renn", "1990-02-03", "Kaldoria", ["Deep Furrow"]),
    ("Calla Benedek", "1978-06-19", "Ostreny", ["Silverhawk Ascent", "Silverhawk Return"]),
    ("Rurik Asgen", "1981-10-07", "Ostreny", ["Silverhawk Ascent"]),
    ("Nadia Strell", "1992-03-28", "Mirenta", ["Silverhawk Return"]),
    ("Oskar Thelm", "1965-01-12", "Ostreny", []),
    ("Eda Marlowe", "1994-07-07", "Mirenta", []),
]


def key(name: str) -> str:
    return "".join(c for w in name.split() for c in w[:1].upper() + w[1:] if c.isalnum())


def thing(g: Graph, name: str, cls: str):
    node = ID[key(name)]
    assert (node, None, None) not in g, name
    g.add((node, RDF.type, DEF[cls]))
    label(g, node, name)
    return node


def build() -> Graph:
    g = Graph()
    g.bind("sx", DEF)
    g.bind("sxi", ID)
    g.bind("skos", SKOS)
    g.bind("owl", OWL)
    write_vocabulary(g, DEF, "Space exploration vocabulary", CLASSES, OBJECT_PROPERTIES, DATA_PROPERTIES)
    for c in COUNTRIES:
        thing(g, c, "Country")
    for name, country, year in AGENCIES:
        a = thing(g, name, "Agency")
        g.add((a, DEF.basedIn, ID[key(country)]))
        g.add((a, DEF.estYr, Literal(str(year), datatype=XSD.gYear)))
    for name, country in SITES.items():
        g.add((thing(g, name, "LaunchSite"), DEF.cntry, ID[key(country)]))
    for name, radius in PLANETS:
        g.add((thing(g, name, "Planet"), DEF.rad_km, Literal(str(radius), datatype=XSD.decimal)))
    for name, planet, radius in MOONS:
        m = thing(g, name, "Moon")
        g.add((m, DEF.orbitsBody, ID[key(planet)]))
        g.add((m, DEF.rad_km, Literal(str(radius), datatype=XSD.decimal)))
    for name, radius in ASTEROIDS:
        g.add((thing(g, name, "Asteroid"), DEF.rad_km, Literal(str(radius), datatype=XSD.decimal)))
    operator = {}
    for name, kind, agency, kg in CRAFT:
        s = thing(g, name, "CrewedSpacecraft" if kind == "C" else "RoboticSpacecraft")
        g.add((s, DEF.operatedBy, ID[key(agency)]))
        g.add((s, DEF.massKg, Literal(str(kg), datatype=XSD.decimal)))
        operator[name] = agency
    for name, craft, site, date, target, status, days, budget, sample in MISSIONS:
        m = thing(g, name, "Mission")
        g.add((m, DEF.usesCraft, ID[key(craft)]))
        g.add((m, DEF.ledBy, ID[key(operator[craft])]))
        g.add((m, DEF.lnchSite, ID[key(site)]))
        g.add((m, DEF.launchDate, Literal(date, datatype=XSD.date)))
        g.add((m, DEF.targetBody, ID[key(target)]))
        g.add((m, DEF.status, Literal(status)))
        g.add((m, DEF.dur_d, Literal(days, datatype=XSD.integer)))
        g.add((m, DEF.bdgt, Literal(str(budget), datatype=XSD.decimal)))
        g.add((m, DEF.sampleReturn, Literal(sample)))
    for name, born, country, flights in CREW:
        p = thing(g, name, "CrewMember")
        g.add((p, DEF.birthDate, Literal(born, datatype=XSD.date)))
        g.add((p, DEF.nationality, ID[key(country)]))
        for f in flights:
            assert (ID[key(f)], RDF.type, DEF.Mission) in g, f
            g.add((p, DEF.flewOn, ID[key(f)]))
    return g


if __name__ == "__main__":
    write_turtle(build(), Path(__file__).with_name("space.ttl"))

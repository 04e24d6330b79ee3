#!/usr/bin/env python3
"""Write bench/probes/energy.ttl: a made-up energy company's monitoring data in an IoT / SOSA-like vocabulary of
its own (`https://grid.example/ns#`, instances under `https://grid.example/res/`); deterministic.

Idioms: sites (wind farms, solar parks, a hydro plant) typed only by their subclass of `Site`, each in a region
that lies in a country (site -> region -> country) and run by an operator company; devices (turbines, PV arrays,
hydro generators) installed at sites, typed only by their subclass of `Device`, with a rated capacity in kilowatts
(the unit said only in a comment), an installation date (`xsd:date`), a manufacturer (a company node), a model
code with a hyphen ('WT-3000X') and a yes/no `underWarranty` (`xsd:boolean`); monthly production records as nodes
of their own (n-ary: device, month as `xsd:gYearMonth`, energy in MWh and downtime in hours, units in comments);
maintenance events as nodes (device, a date that is an `xsd:dateTime` for some and an `xsd:date` for others, a
technician named only by `foaf:name`, a cost in euros said in a comment, a type 'inspection' / 'repair' /
'replacement'); clipped property names (`prodMWh`, `dtHrs`, `instDate`, `evtDate`, `ratedKW`, `mfr`) explained by
rdfs:label and rdfs:comment; classes with skos:altLabel ('PV array', 'work order', 'plant').

Made up for kgquery (Apache-2.0, like the project); every name of a site, region, company, device and person is
invented (the two countries are real). Production figures come from a seeded random generator.

    cd bench/probes && python make_energy.py
"""

from __future__ import annotations

import calendar
import random
from decimal import Decimal
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace
from rdflib.namespace import FOAF, SKOS
from tables import write_turtle

EN = Namespace("https://grid.example/ns#")
GX = Namespace("https://grid.example/res/")
YEAR = 2024

COUNTRIES = {"Spain": "Spain", "Portugal": "Portugal"}
REGIONS = {"Montaria": "Spain", "Valdorra": "Spain", "Serranova": "Portugal", "Alvoreda": "Portugal"}
COMPANIES = {  # local name: label
    "Iberwatt": "Iberwatt Energia",
    "Lusavento": "Lusavento Renovaveis",
    "Norvent": "Norvent Turbines",
    "Skyrotor": "Skyrotor Industries",
    "Solquartz": "Solquartz Systems",
}
SITES = [  # local name, label, class, region, operator, device prefix
    ("VientosDelCerro", "Vientos del Cerro Wind Farm", "WindFarm", "Montaria", "Iberwatt", "VC"),
    ("LomaBlanca", "Loma Blanca Wind Farm", "WindFarm", "Valdorra", "Iberwatt", "LB"),
    ("Ribamar", "Ribamar Wind Farm", "WindFarm", "Serranova", "Lusavento", "RB"),
    ("SerraFria", "Serra Fria Wind Farm", "WindFarm", "Alvoreda", "Lusavento", "SF"),
    ("CampoDorado", "Campo Dorado Solar Park", "SolarPark", "Montaria", "Iberwatt", "CD"),
    ("SolaraSur", "Solara Sur Solar Park", "SolarPark", "Valdorra", "Lusavento", "SS"),
    ("PedraLuz", "Pedra Luz Solar Park", "SolarPark", "Alvoreda", "Lusavento", "PL"),
    ("RioTavessa", "Rio Tavessa Hydro Plant", "HydroPlant", "Serranova", "Iberwatt", "RT"),
]
MODELS = {  # model code: (device class, manufacturer, rated capacity in kW)
    "WT-2500": ("WindTurbine", "Norvent", 2500),
    "WT-3000X": ("WindTurbine", "Norvent", 3000),
    "SR-3600": ("WindTurbine", "Skyrotor", 3600),
    "SR-4200": ("WindTurbine", "Skyrotor", 4200),
    "PV-800B": ("SolarArray", "Solquartz", 800),
    "PV-1200M": ("SolarArray", "Solquartz", 1200),
    "HG-1800": ("HydroGenerator", "Skyrotor", 1800),
    "HG-2500": ("HydroGenerator", "Skyrotor", 2500),
}
DEVICES = [  # code (also the local name), site, model, installation date
    ("VC-01", "VientosDelCerro", "WT-2500", "2010-06-14"), ("VC-02", "VientosDelCerro", "WT-2500", "2010-06-21"),
    ("VC-03", "VientosDelCerro", "WT-2500", "2010-07-02"), ("VC-04", "VientosDelCerro", "WT-3000X", "2016-04-18"),
    ("VC-05", "VientosDelCerro", "WT-3000X", "2016-05-09"),
    ("LB-01", "LomaBlanca", "WT-3000X", "2019-04-03"), ("LB-02", "LomaBlanca", "WT-3000X", "2019-04-17"),
    ("LB-03", "LomaBlanca", "WT-3000X", "2020-10-06"), ("LB-04", "LomaBlanca", "WT-3000X", "2020-10-20"),
    ("RB-01", "Ribamar", "SR-3600", "2013-03-11"), ("RB-02", "Ribamar", "SR-3600", "2013-03-25"),
    ("RB-03", "Ribamar", "WT-3000X", "2015-12-31"), ("RB-04", "Ribamar", "WT-3000X", "2016-01-12"),
    ("SF-01", "SerraFria", "SR-4200", "2022-05-16"), ("SF-02", "SerraFria", "SR-4200", "2022-05-30"),
    ("SF-03", "SerraFria", "SR-4200", "2022-06-13"), ("SF-04", "SerraFria", "SR-4200", "2022-06-27"),
    ("CD-A1", "CampoDorado", "PV-1200M", "2017-02-20"), ("CD-A2", "CampoDorado", "PV-1200M", "2017-03-06"),
    ("CD-A3", "CampoDorado", "PV-1200M", "2021-09-13"), ("CD-A4", "CampoDorado", "PV-1200M", "2021-09-27"),
    ("SS-A1", "SolaraSur", "PV-800B", "2012-11-05"), ("SS-A2", "SolaraSur", "PV-800B", "2012-12-14"),
    ("SS-A3", "SolaraSur", "PV-800B", "2012-12-31"),
    ("PL-A1", "PedraLuz", "PV-1200M", "2023-03-01"), ("PL-A2", "PedraLuz", "PV-1200M", "2023-03-15"),
    ("PL-A3", "PedraLuz", "PV-1200M", "2023-04-03"),
    ("RT-G1", "RioTavessa", "HG-2500", "2008-11-04"), ("RT-G2", "RioTavessa", "HG-2500", "2008-11-18"),
    ("RT-G3", "RioTavessa", "HG-1800", "2015-07-07"),
]  # fmt: skip
TECHNICIANS = [  # name, employer
    ("Ines Calvareda", "Iberwatt"), ("Tomas Brezal", "Iberwatt"), ("Marta Olivenza", "Iberwatt"),
    ("Duarte Navelho", "Lusavento"), ("Lucia Serrapio", "Iberwatt"), ("Rui Castanhal", "Lusavento"),
    ("Paula Meirinho", "Lusavento"), ("Jorge Aldamuz", "Lusavento"),
]  # fmt: skip
EVENTS = [  # device, date (with a time when the field app logged it), type, technician (index), cost in euros
    ("VC-01", "2023-03-14", "inspection", 0, "450.00"), ("VC-01", "2024-02-07T09:30:00", "repair", 1, "8200.00"),
    ("VC-02", "2024-05-21", "inspection", 0, "480.00"), ("VC-04", "2024-01-16T08:15:00", "repair", 1, "12400.00"),
    ("VC-05", "2024-09-03", "replacement", 1, "64000.00"), ("VC-03", "2023-11-08", "inspection", 2, "450.00"),
    ("LB-01", "2024-03-12T10:00:00", "inspection", 2, "520.00"), ("LB-02", "2024-04-09T07:45:00", "repair", 2, "15800.00"),
    ("LB-02", "2024-04-23", "inspection", 0, "500.00"), ("LB-03", "2024-06-11", "repair", 7, "9400.00"),
    ("LB-04", "2023-08-29", "inspection", 7, "480.00"), ("LB-04", "2024-10-02T13:20:00", "replacement", 1, "87500.00"),
    ("RB-01", "2024-01-25", "repair", 3, "21300.00"), ("RB-01", "2024-07-15T11:00:00", "inspection", 3, "610.00"),
    ("RB-02", "2024-02-19", "inspection", 3, "600.00"), ("RB-03", "2024-03-04T08:00:00", "repair", 5, "6700.00"),
    ("RB-03", "2024-03-27", "repair", 5, "11900.00"), ("RB-04", "2023-12-05", "inspection", 5, "590.00"),
    ("SF-01", "2024-05-08T09:10:00", "inspection", 6, "700.00"), ("SF-02", "2024-08-20", "repair", 6, "18400.00"),
    ("SF-03", "2024-11-13T14:30:00", "inspection", 6, "700.00"), ("SF-04", "2024-06-30T16:20:00", "inspection", 3, "720.00"),
    ("CD-A1", "2024-04-16", "inspection", 4, "320.00"), ("CD-A2", "2024-06-04T10:30:00", "repair", 4, "2900.00"),
    ("CD-A3", "2023-09-19", "replacement", 4, "23800.00"), ("CD-A4", "2024-07-01", "inspection", 0, "340.00"),
    ("SS-A1", "2024-02-13", "repair", 4, "1750.00"), ("SS-A2", "2024-05-28T12:00:00", "inspection", 7, "310.00"),
    ("SS-A3", "2024-10-22", "replacement", 7, "19600.00"), ("PL-A1", "2024-03-19", "inspection", 6, "330.00"),
    ("PL-A2", "2024-09-10T09:00:00", "repair", 5, "2400.00"), ("PL-A3", "2024-12-03", "inspection", 6, "330.00"),
    ("RT-G1", "2023-05-17", "inspection", 3, "880.00"), ("RT-G1", "2024-08-06T07:30:00", "replacement", 3, "112000.00"),
    ("RT-G2", "2024-04-02", "inspection", 5, "860.00"), ("RT-G2", "2024-11-26T15:45:00", "repair", 3, "14600.00"),
    ("RT-G3", "2024-06-18", "inspection", 5, "840.00"), ("VC-01", "2024-12-10", "inspection", 2, "470.00"),
    ("LB-03", "2024-01-30T08:40:00", "inspection", 1, "500.00"), ("SF-02", "2024-02-27", "inspection", 6, "690.00"),
]  # fmt: skip
CAPACITY_FACTOR = {  # share of the rated capacity delivered on average, per month
    "WindTurbine": [0.38, 0.36, 0.34, 0.30, 0.26, 0.22, 0.20, 0.21, 0.25, 0.30, 0.35, 0.39],
    "SolarArray": [0.08, 0.11, 0.15, 0.19, 0.23, 0.26, 0.27, 0.25, 0.20, 0.14, 0.09, 0.07],
    "HydroGenerator": [0.55, 0.60, 0.65, 0.62, 0.50, 0.40, 0.30, 0.25, 0.28, 0.38, 0.48, 0.52],
}
OUTAGE_HOURS = {"inspection": (1, 4), "repair": (8, 40), "replacement": (36, 96)}

CLASSES = [  # local name, label, parent, alt labels, comment
    ("Country", "country", None, [], None),
    ("Region", "region", None, ["province"], None),
    ("Company", "company", None, ["firm"], None),
    ("Site", "site", None, ["plant", "facility"], "A generating site: a wind farm, a solar park or a hydro plant."),
    ("WindFarm", "wind farm", "Site", ["wind park"], None),
    ("SolarPark", "solar park", "Site", ["solar farm", "PV plant"], None),
    ("HydroPlant", "hydro plant", "Site", ["hydroelectric plant"], None),
    ("Device", "device", None, ["generating unit", "asset"], "A piece of generating equipment installed at a site."),
    ("WindTurbine", "wind turbine", "Device", ["WTG", "wind generator"], None),
    ("SolarArray", "solar array", "Device", ["PV array", "panel array"], None),
    ("HydroGenerator", "hydro generator", "Device", ["hydro unit", "turbine-generator set"], None),
    ("ProductionRecord", "production record", None, ["monthly production reading", "output observation"],
     "What one device delivered in one calendar month."),
    ("MaintenanceEvent", "maintenance event", None, ["work order", "service job"],
     "One visit of a technician to a device: an inspection, a repair or a replacement of a part."),
    ("Technician", "technician", None, ["field engineer"], None),
]  # fmt: skip
PROPERTIES = [  # local name, label, domain, range, comment
    ("inRegion", "located in region", "Site", EN.Region, None),
    ("inCountry", "country", "Region", EN.Country, None),
    ("operatedBy", "operator", "Site", EN.Company, "The company that runs the site."),
    ("installedAt", "installed at", "Device", EN.Site, None),
    ("ratedKW", "rated capacity", "Device", XSD.integer, "Nameplate capacity in kilowatts (kW)."),
    ("instDate", "installation date", "Device", XSD.date, "The day the device was commissioned."),
    ("mfr", "manufacturer", "Device", EN.Company, "The company that built the device."),
    ("modelCode", "model code", "Device", XSD.string, "The manufacturer's model designation."),
    ("underWarranty", "under warranty", "Device", XSD.boolean, "Whether the manufacturer's warranty still covers it."),
    ("ofDevice", "device", "ProductionRecord", EN.Device, "The device whose output is recorded."),
    ("period", "month", "ProductionRecord", XSD.gYearMonth, "The calendar month the record covers."),
    ("prodMWh", "energy produced", "ProductionRecord", XSD.decimal,
     "Electricity fed into the grid during the month, in megawatt-hours (MWh)."),
    ("dtHrs", "downtime", "ProductionRecord", XSD.decimal,
     "Hours in the month the device was out of service (stopped for faults or maintenance)."),
    ("onDevice", "device serviced", "MaintenanceEvent", EN.Device, None),
    ("evtDate", "date of work", "MaintenanceEvent", RDFS.Literal,
     "When the work was done: a date, or a date and time when the field app logged it."),
    ("tech", "technician", "MaintenanceEvent", EN.Technician, "The technician who did the work."),
    ("costEUR", "cost", "MaintenanceEvent", XSD.decimal, "Cost of the work (labour and parts) in euros."),
    ("mtype", "maintenance type", "MaintenanceEvent", XSD.string, "One of 'inspection', 'repair', 'replacement'."),
    ("worksFor", "employer", "Technician", EN.Company, None),
]  # fmt: skip


def label(g: Graph, node, text: str) -> None:
    g.add((node, RDFS.label, Literal(text, lang="en")))


def schema(g: Graph) -> None:
    for name, lab, parent, alts, comment in CLASSES:
        g.add((EN[name], RDF.type, RDFS.Class))
        label(g, EN[name], lab)
        if parent:
            g.add((EN[name], RDFS.subClassOf, EN[parent]))
        for alt in alts:
            g.add((EN[name], SKOS.altLabel, Literal(alt, lang="en")))
        if comment:
            g.add((EN[name], RDFS.comment, Literal(comment, lang="en")))
    for name, lab, domain, rng, comment in PROPERTIES:
        g.add((EN[name], RDF.type, RDF.Property))
        label(g, EN[name], lab)
        g.add((EN[name], RDFS.domain, EN[domain]))
        g.add((EN[name], RDFS.range, rng))
        if comment:
            g.add((EN[name], RDFS.comment, Literal(comment, lang="en")))


def outages() -> dict[tuple[str, int], list[str]]:
    """The maintenance types done on each device in each month of the year."""
    out: dict[tuple[str, int], list[str]] = {}
    for device, date, kind, _, _ in EVENTS:
        if date.startswith(str(YEAR)):
            out.setdefault((device, int(date[5:7])), []).append(kind)
    return out


def build() -> Graph:
    g = Graph()
    g.bind("en", EN)
    g.bind("gx", GX)
    g.bind("skos", SKOS)
    g.bind("foaf", FOAF)
    schema(g)
    for name, lab in COUNTRIES.items():
        g.add((GX[name], RDF.type, EN.Country))
        label(g, GX[name], lab)
    for name, country in REGIONS.items():
        g.add((GX[name], RDF.type, EN.Region))
        label(g, GX[name], name)
        g.add((GX[name], EN.inCountry, GX[country]))
    for name, lab in COMPANIES.items():
        g.add((GX[name], RDF.type, EN.Company))
        label(g, GX[name], lab)
    for name, lab, cls, region, operator, _ in SITES:
        g.add((GX[name], RDF.type, EN[cls]))
        label(g, GX[name], lab)
        g.add((GX[name], EN.inRegion, GX[region]))
        g.add((GX[name], EN.operatedBy, GX[operator]))
    word = {"WindTurbine": "Turbine", "SolarArray": "PV array", "HydroGenerator": "Generator"}
    for code, site, model, installed in DEVICES:
        cls, maker, kw = MODELS[model]
        d = GX[code]
        g.add((d, RDF.type, EN[cls]))
        label(g, d, f"{word[cls]} {code}")
        g.add((d, EN.installedAt, GX[site]))
        g.add((d, EN.modelCode, Literal(model)))
        g.add((d, EN.mfr, GX[maker]))
        g.add((d, EN.ratedKW, Literal(kw, datatype=XSD.integer)))
        g.add((d, EN.instDate, Literal(installed, datatype=XSD.date)))
        g.add((d, EN.underWarranty, Literal(installed >= "2020-01-01", datatype=XSD.boolean)))
    techs = []
    for name, employer in TECHNICIANS:
        t = GX["tech-" + name.split()[1].lower()]
        techs.append(t)
        g.add((t, RDF.type, EN.Technician))
        g.add((t, RDF.type, FOAF.Person))
        g.add((t, FOAF.name, Literal(name)))
        g.add((t, EN.worksFor, GX[employer]))
    for k, (device, date, kind, tech, cost) in enumerate(EVENTS, 1):
        e = GX[f"wo-{k:03d}"]
        g.add((e, RDF.type, EN.MaintenanceEvent))
        g.add((e, EN.onDevice, GX[device]))
        g.add((e, EN.evtDate, Literal(date, datatype=XSD.dateTime if "T" in date else XSD.date)))
        g.add((e, EN.tech, techs[tech]))
        g.add((e, EN.costEUR, Literal(Decimal(cost), datatype=XSD.decimal)))
        g.add((e, EN.mtype, Literal(kind)))
    rng = random.Random(2024)
    stops = outages()
    for code, _, model, _ in DEVICES:
        cls, _, kw = MODELS[model]
        for month in range(1, 13):
            hours = calendar.monthrange(YEAR, month)[1] * 24
            down = sum(rng.randint(*OUTAGE_HOURS[kind]) for kind in stops.get((code, month), []))
            if rng.random() < 0.15:
                down += rng.randint(1, 12)
            factor = CAPACITY_FACTOR[cls][month - 1] * rng.uniform(0.88, 1.12)
            mwh = Decimal(kw * (hours - down) * factor / 1000).quantize(Decimal("0.1"))
            r = GX[f"rec-{code}-{YEAR}-{month:02d}"]
            g.add((r, RDF.type, EN.ProductionRecord))
            g.add((r, EN.ofDevice, GX[code]))
            g.add((r, EN.period, Literal(f"{YEAR}-{month:02d}", datatype=XSD.gYearMonth)))
            g.add((r, EN.prodMWh, Literal(mwh, datatype=XSD.decimal)))
            g.add((r, EN.dtHrs, Literal(Decimal(down).quantize(Decimal("0.1")), datatype=XSD.decimal)))
    return g


if __name__ == "__main__":
    write_turtle(build(), Path(__file__).with_name("energy.ttl"))

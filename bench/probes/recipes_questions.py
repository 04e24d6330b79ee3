"""Questions about bench/probes/recipes.ttl (built by make_recipes.py): what someone running a recipe-sharing
website would ask of its database, in the style of the relational benchmarks, each with the SPARQL that answers
it (the query body only; rdfs and xsd are always declared, PREFIXES_EXTRA adds the rest). The answers are computed
from these queries, never typed. Made up for this project (Apache-2.0).

Codes are said as words where the word is plain ('hard recipes' for 'HARD', 'easy' for 'EASY', 'professional
cooks' for is_pro 'Y'); dates are strings, so years are compared as text. Cooks have first and last names, so
'which cooks' is answered by their rows; recipes and ingredients by their titles and names.
"""

from __future__ import annotations

PREFIXES_EXTRA = """\
PREFIX rc: <http://valuenet/ontop/>
PREFIX rck: <http://valuenet/ontop/cook#>
PREFIX rcp: <http://valuenet/ontop/recipe#>
PREFIX rci: <http://valuenet/ontop/ingredient#>
PREFIX rcr: <http://valuenet/ontop/recipe_ingredient#>
PREFIX rcv: <http://valuenet/ontop/review#>
"""

QUESTIONS = [
    # counts, with a code said as a word
    ("How many hard recipes are there?", "SELECT (COUNT(?r) AS ?n) WHERE { ?r a rc:recipe ; rcp:difficulty 'HARD' }"),
    # a list in order
    (
        "List the titles of the Thai recipes ordered by publication date, newest first.",
        "SELECT ?t WHERE { ?r rcp:cuisine 'Thai' ; rcp:title ?t ; rcp:published ?d } ORDER BY DESC(?d)",
    ),
    # aggregates
    (
        "What is the average preparation time of Italian recipes?",
        "SELECT (AVG(?m) AS ?avg) WHERE { ?r rcp:cuisine 'Italian' ; rcp:prep_minutes ?m }",
    ),
    (
        "What is the highest calorie count per 100 grams of any ingredient?",
        "SELECT (MAX(?k) AS ?max) WHERE { ?i a rc:ingredient ; rci:kcal_per_100g ?k }",
    ),
    (
        "How many grams of tomato are used in all recipes combined?",
        "SELECT (SUM(?g) AS ?total) WHERE { ?x rcr:ref-ingredient_id/rci:name 'Tomato' ; rcr:grams ?g }",
    ),
    (
        "What is the lowest star rating Spaghetti Carbonara has received?",
        "SELECT (MIN(?s) AS ?min) WHERE { ?v rcv:ref-recipe_id/rcp:title 'Spaghetti Carbonara' ; rcv:stars ?s }",
    ),
    # per-group counts, with the columns asked
    (
        "For each cuisine, show the number of recipes.",
        "SELECT ?c (COUNT(?r) AS ?n) WHERE { ?r a rc:recipe ; rcp:cuisine ?c } GROUP BY ?c",
    ),
    (
        "Show the user name of each cook and the number of recipes they have written.",
        "SELECT ?u (COUNT(?r) AS ?n) WHERE { ?r rcp:ref-author_id ?c . ?c rck:user_name ?u } GROUP BY ?c ?u",
    ),
    # having
    (
        "Which cooks wrote more than 2 recipes?",
        "SELECT ?c WHERE { ?r rcp:ref-author_id ?c } GROUP BY ?c HAVING (COUNT(?r) > 2)",
    ),
    (
        "Which cuisines have an average review rating of at least 4 stars?",
        "SELECT ?c WHERE { ?v rcv:ref-recipe_id/rcp:cuisine ?c ; rcv:stars ?s } GROUP BY ?c HAVING (AVG(?s) >= 4)",
    ),
    # superlatives
    (
        "Which recipe has the most reviews?",
        "SELECT ?t WHERE { ?v rcv:ref-recipe_id ?r . ?r rcp:title ?t } GROUP BY ?r ?t ORDER BY DESC(COUNT(?v)) LIMIT 1",
    ),
    (
        "Which recipe has the highest average star rating?",
        "SELECT ?t WHERE { ?v rcv:ref-recipe_id ?r ; rcv:stars ?s . ?r rcp:title ?t } "
        "GROUP BY ?r ?t ORDER BY DESC(AVG(?s)) LIMIT 1",
    ),
    (
        "Which cook has written the most reviews?",
        "SELECT ?c WHERE { ?v rcv:ref-reviewer_id ?c } GROUP BY ?c ORDER BY DESC(COUNT(?v)) LIMIT 1",
    ),
    (
        "Which ingredient is used in the most recipes?",
        "SELECT ?n WHERE { ?x rcr:ref-ingredient_id ?i ; rcr:ref-recipe_id ?r . ?i rci:name ?n } "
        "GROUP BY ?i ?n ORDER BY DESC(COUNT(DISTINCT ?r)) LIMIT 1",
    ),
    # the sum of two columns
    (
        "Which recipe takes the longest in total, counting both preparation and cooking time?",
        "SELECT ?t WHERE { ?r rcp:title ?t ; rcp:prep_minutes ?p ; rcp:cook_minutes ?c } ORDER BY DESC(?p + ?c) LIMIT 1",
    ),
    # negation
    (
        "Which recipes have never been reviewed?",
        "SELECT ?t WHERE { ?r a rc:recipe ; rcp:title ?t FILTER NOT EXISTS { ?v rcv:ref-recipe_id ?r } }",
    ),
    (
        "Find the ingredients that are not used in any recipe.",
        "SELECT ?n WHERE { ?i a rc:ingredient ; rci:name ?n FILTER NOT EXISTS { ?x rcr:ref-ingredient_id ?i } }",
    ),
    (
        "Give me the user names of the cooks who have not written any recipe.",
        "SELECT ?u WHERE { ?c a rc:cook ; rck:user_name ?u FILTER NOT EXISTS { ?r rcp:ref-author_id ?c } }",
    ),
    # both ... and
    (
        "Which ingredients are used in both Italian and Mexican recipes?",
        "SELECT DISTINCT ?n WHERE { ?i rci:name ?n . "
        "?x rcr:ref-ingredient_id ?i ; rcr:ref-recipe_id/rcp:cuisine 'Italian' . "
        "?y rcr:ref-ingredient_id ?i ; rcr:ref-recipe_id/rcp:cuisine 'Mexican' }",
    ),
    # compared with the average
    (
        "Which recipes take longer to prepare than the average preparation time?",
        "SELECT ?t WHERE { ?r rcp:title ?t ; rcp:prep_minutes ?m "
        "{ SELECT (AVG(?x) AS ?avg) WHERE { ?q rcp:prep_minutes ?x } } FILTER(?m > ?avg) }",
    ),
    # joins over two and three links
    (
        "What are the names of the ingredients used in Thai recipes?",
        "SELECT DISTINCT ?n WHERE { ?x rcr:ref-recipe_id/rcp:cuisine 'Thai' ; rcr:ref-ingredient_id/rci:name ?n }",
    ),
    (
        "List the titles of the recipes reviewed by cooks from Germany.",
        "SELECT DISTINCT ?t WHERE { ?v rcv:ref-reviewer_id/rck:country 'Germany' ; rcv:ref-recipe_id/rcp:title ?t }",
    ),
    (
        "Find the titles of the easy recipes written by professional cooks.",
        "SELECT ?t WHERE { ?r rcp:difficulty 'EASY' ; rcp:title ?t ; rcp:ref-author_id/rck:is_pro 'Y' }",
    ),
    # dates as text
    (
        "How many reviews were written in 2024?",
        "SELECT (COUNT(?v) AS ?n) WHERE { ?v rcv:review_date ?d FILTER(STRSTARTS(?d, '2024')) }",
    ),
    (
        "Return the titles of the recipes published before 2020.",
        "SELECT ?t WHERE { ?r rcp:title ?t ; rcp:published ?d FILTER(SUBSTR(?d, 1, 4) < '2020') }",
    ),
    # distinct values
    ("What are the distinct countries the cooks come from?", "SELECT DISTINCT ?c WHERE { ?k rck:country ?c }"),
    # yes/no (the answer is no)
    (
        "Has any cook ever reviewed one of their own recipes?",
        "ASK { ?v rcv:ref-reviewer_id ?c ; rcv:ref-recipe_id ?r . ?r rcp:ref-author_id ?c }",
    ),
    # a row by its title
    ("Who wrote Massaman Beef?", "SELECT ?c WHERE { ?r rcp:title 'Massaman Beef' ; rcp:ref-author_id ?c }"),
    # a number in words
    ("Which recipes serve four people?", "SELECT ?t WHERE { ?r rcp:servings 4 ; rcp:title ?t }"),
    # typed casually
    (
        "show me thai recipes that take under 30 minutes to cook",
        "SELECT ?t WHERE { ?r rcp:cuisine 'Thai' ; rcp:title ?t ; rcp:cook_minutes ?m FILTER(?m < 30) }",
    ),
]

"""The project's fixed Spider4SPARQL split by graph (issue 14): tune on the development graphs only;
the held-out graphs are run once, at the end, and reported beside them."""
from __future__ import annotations

#: 584 questions
SPIDER_DEV = frozenset({"concert_singer", "pets_1", "car_1", "world_1", "flight_2", "cre_Doc_Template_Mgt",
                        "student_transcripts_tracking", "singer", "voter_1", "real_estate_properties"})
#: 382 questions
SPIDER_HELDOUT = frozenset({"battle_death", "course_teach", "dog_kennels", "employee_hire_evaluation",
                            "museum_visit", "network_1", "orchestra", "poker_player", "tvshow"})

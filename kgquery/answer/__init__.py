"""The answer: what `ask` returns and how it is shown, worded, explained and trusted.

`render` (tables), `confidence` (how sure), `explain` (what the query does, in words) and `verbalize`
(the answer sentence) sit above `types` (Answer), which sits above `evidence` (the triples behind it).
"""

"""Understanding the question: what it asks and which graph entities its words name.

`text` (question analysis: cues, numbers, words), above it `linking` (question words -> entities and
properties through the label index), `embed` (the optional embedding sidecar) and `clarify` (asking
back when a name fits several entities alike).
"""

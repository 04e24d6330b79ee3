"""Reading a yes/no verdict from next-token probabilities (the backends' `yes_probability`; issue 19)."""

from __future__ import annotations

import math

#: the answer words a verifier prompt asks for (any case, with or without a leading space)
YES_WORDS, NO_WORDS = ("yes",), ("no",)


def yes_share(top: list[tuple[str, float]]) -> float | None:
    """P(yes) / (P(yes) + P(no)) from next-token (token text, logprob) pairs; None when neither word is among them.

    Token texts are compared stripped and lower-cased, so 'Yes', ' yes' and 'YES' all count as yes
    (byte-level tokenizers write a leading space as 'Ġ', which counts as a space too).

    >>> round(yes_share([("Yes", -0.1), ("No", -2.4), (" yes", -3.0), ("The", -4.0)]), 3)
    0.913
    >>> yes_share([("The", -0.1)]) is None
    True
    """
    p_yes = p_no = 0.0
    for text, logprob in top:
        word = text.replace("\u0120", " ").replace("\u2581", " ").strip().lower()
        if word in YES_WORDS:
            p_yes += math.exp(logprob)
        elif word in NO_WORDS:
            p_no += math.exp(logprob)
    if p_yes + p_no <= 0:
        return None
    return p_yes / (p_yes + p_no)

"""URL helpers shared by the model backends: a module of its own so a backend never imports base.py,
which loads the backends."""

from __future__ import annotations


def strip_userinfo(url: str) -> str:
    """The URL without user:password@ (names and messages show the URL, never a secret in it).

    >>> strip_userinfo("http://me:s3cret@gpu:8000/v1")
    'http://gpu:8000/v1'
    >>> strip_userinfo("openai:qwen@https://k@host/v1")
    'openai:qwen@https://host/v1'
    """
    head, sep, rest = url.partition("://")
    if not sep:
        return url
    host, slash, path = rest.partition("/")
    return f"{head}{sep}{host.rpartition('@')[2]}{slash}{path}"

"""Translation catalogs, the ``t()`` helper and the column labels. Indonesian is the default language.

Every header a person reads (an Excel sheet, a table on screen) comes from one catalog section,
``label.<column>`` (:func:`column_label`), so a data column has one name in every file and view."""
from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

LOCALES = Path(__file__).parent / "locales"
LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
DEFAULT = "id"
_source: dict[str, Callable[[], str | None] | None] = {"session": None}
_speaking: ContextVar[str | None] = ContextVar("talenta_language", default=None)
#: a data column's name (``jenjang_jabatan``, ``nip``): what a header must never show as it is
IDENTIFIER = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
_unlisted: set[str] = set()


@cache
def catalog(lang: str) -> dict[str, str]:
    with open(LOCALES / f"{lang}.toml", "rb") as f:
        return tomllib.load(f)


def use_session_language(source: Callable[[], str | None]) -> None:
    """Read the language from the user's session (the ui layer passes Streamlit's session state
    here, so this module need not know Streamlit)."""
    _source["session"] = source


@contextmanager
def speaking(lang: str | None) -> Iterator[None]:
    """Within the block, :func:`language` is ``lang``: a file built on a click (outside the page run,
    where the session cannot be read) speaks the language the page had."""
    token = _speaking.set(lang)
    try:
        yield
    finally:
        _speaking.reset(token)


def language() -> str:
    if spoken := _speaking.get():
        return spoken
    source = _source["session"]
    if source is not None:
        try:
            return source() or DEFAULT
        except Exception:  # outside a script run
            pass
    return DEFAULT


def t(key: str, lang: str | None = None, **kwargs) -> str:
    """Text for ``key`` in the session's language, falling back to Indonesian, then to the key."""
    lang = lang or language()
    text = catalog(lang).get(key) or catalog(DEFAULT).get(key) or key
    return text.format(**kwargs) if kwargs else text


def column_label(name: object, lang: str | None = None) -> str:
    """The header a person reads for the data column ``name``: ``label.<name>`` of the catalog; a name
    that is no identifier (already a label: "NIP", "Nama") as it is; an identifier the catalog lacks
    as words ("masa_kerja" → "Masa kerja", never the raw name; the xlsx test lists every column)."""
    text = str(name)
    lang = lang or language()
    key = f"label.{text}"
    found = catalog(lang).get(key) or catalog(DEFAULT).get(key)
    if found:
        return found
    if IDENTIFIER.fullmatch(text):
        _unlisted.add(text)
        return text.replace("_", " ").capitalize()
    return text


def unlisted_columns() -> set[str]:
    """The identifiers :func:`column_label` was asked for and the catalog lacks (a test keeps it empty)."""
    return set(_unlisted)


def column_labels(columns, lang: str | None = None) -> dict:
    """{column: label} for a frame's columns (``frame.rename(columns=column_labels(frame.columns))``)."""
    return {c: column_label(c, lang) for c in columns}

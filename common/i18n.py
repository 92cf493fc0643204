"""Translation catalogs and the ``t()`` helper. Indonesian is the default language."""
from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path

LOCALES = Path(__file__).parent / "locales"
LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
DEFAULT = "id"
_source: dict[str, Callable[[], str | None] | None] = {"session": None}


@cache
def catalog(lang: str) -> dict[str, str]:
    with open(LOCALES / f"{lang}.toml", "rb") as f:
        return tomllib.load(f)


def use_session_language(source: Callable[[], str | None]) -> None:
    """Read the language from the user's session (the ui layer passes Streamlit's session state
    here, so this module need not know Streamlit)."""
    _source["session"] = source


def language() -> str:
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

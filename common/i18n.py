"""Translation catalogs and the ``t()`` helper. Indonesian is the default language."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

LOCALES = Path(__file__).parent / "locales"
LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
DEFAULT = "id"
_current = {"lang": DEFAULT}


@lru_cache(maxsize=None)
def catalog(lang: str) -> dict[str, str]:
    with open(LOCALES / f"{lang}.toml", "rb") as f:
        return tomllib.load(f)


def set_language(lang: str) -> None:
    _current["lang"] = lang if lang in LANGUAGES else DEFAULT


def language() -> str:
    try:  # per session when running inside Streamlit
        import streamlit as st
        return st.session_state.get("lang", DEFAULT)
    except Exception:  # outside a script run
        return _current["lang"]


def t(key: str, lang: str | None = None, **kwargs) -> str:
    """Text for ``key`` in the session's language, falling back to Indonesian, then to the key."""
    lang = lang or language()
    text = catalog(lang).get(key) or catalog(DEFAULT).get(key) or key
    return text.format(**kwargs) if kwargs else text

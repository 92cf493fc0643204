"""AppTest: after a page run, nothing large stays reachable from the page script's names.

Streamlit runs a page in a fresh module and keeps the run's widget callables (``format_func``,
``on_change``/``on_click`` callbacks, dialog functions, download ``data=`` callables) alive in
the session until its next rerun; a function defined at the page's module level has that
module's dict as its globals. A page that kept the placements frame in a module-level name
held the old (national: ~1 GB) frame while the next run computed the new one after the caches
were cleared. Here each page is run (with the interactions that register callbacks and open dialogs), the
shared frames it was given are weakly referenced, the caches are cleared — without a rerun —
and every one of those frames (and the arrays under it: with copy-on-write a derived frame
shares its parent's arrays, not the parent) must be gone; and the page's module dict, if a
kept callable still reaches it, holds nothing but imports, functions and constants.
"""
from __future__ import annotations

import functools
import gc
import types
import weakref
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from data.store import open_store
from tests.conftest import app_test

pytestmark = pytest.mark.slow  # a whole-app AppTest run per page, about 5 s each

TIMEOUT = 60
APP = str(Path(__file__).resolve().parents[2] / "app.py")


# -- the frames pages are given: every shared frame the cached readers hand out is recorded ------------
def _refs(obj) -> list[weakref.ref]:
    """Weak references to a frame and to every array under it (a frame derived by copy-on-write
    holds its parent's arrays, not the parent: the memory is the arrays)."""
    out = [weakref.ref(obj)]
    for arr in obj._mgr.arrays:
        out.append(weakref.ref(arr))
        # what an extension array wraps (a shallow copy may share it and not the wrapper), and a view's base
        for inner in (getattr(arr, "_pa_array", None), getattr(arr, "_codes", None), getattr(arr, "_ndarray", None),
                      getattr(arr, "_data", None), getattr(arr, "_mask", None), getattr(arr, "base", None)):
            if inner is not None and not isinstance(inner, (str, bytes)):
                try:
                    out.append(weakref.ref(inner))
                except TypeError:   # a PyCapsule (arrow memory) cannot be weakly referenced: its owner is above
                    pass
    return out


def _frames(value) -> list[pd.DataFrame]:
    if isinstance(value, pd.DataFrame):
        return [value]
    if isinstance(value, tuple):
        return [v for v in value if isinstance(v, pd.DataFrame)]
    return []


@pytest.fixture
def real_placements():
    from ui import services
    return services.placements


@pytest.fixture
def deferred(monkeypatch) -> list:
    """Keep every download button's ``data=`` callable, as the server's media file manager does until the
    session's next rerun (AppTest has no runtime: Streamlit would keep none here and hide the problem)."""
    from streamlit.delta_generator import DeltaGenerator

    kept = []
    real = DeltaGenerator.download_button

    def download_button(self, label, data, *args, **kwargs):
        if callable(data):
            kept.append(data)
        return real(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", download_button)
    monkeypatch.setattr(st, "download_button", functools.partial(download_button, st._main))
    return kept


@pytest.fixture
def given(monkeypatch, real_placements, deferred):
    """Spy on the cached readers pages call (by module attribute, so the pages get the spies):
    ``{reader: [(args, [weakrefs])]}`` for every call, holding nothing strongly."""
    from ui import development, privacy, services, succession

    seen: dict[str, list] = {}
    for module, name in ((services, "placements"), (privacy, "placements"), (succession, "candidates"),
                         (development, "population")):
        real = getattr(module, name)
        label = f"{module.__name__.rsplit('.', 1)[-1]}.{name}"

        def spy(*args, _real=real, _label=label, **kwargs):
            result = _real(*args, **kwargs)
            seen.setdefault(_label, []).append((args, [r for f in _frames(result) for r in _refs(f)]))
            return result

        monkeypatch.setattr(module, name, spy)
    return seen


def _page_names(page: str) -> dict[str, str]:
    """What the page's module dicts still alive (kept by the run's callables) hold beyond imports,
    functions and UPPER_CASE constants: {name: type}. Page state belongs in ``main``'s locals."""
    found = {}
    for obj in gc.get_objects():
        if isinstance(obj, dict) and str(obj.get("__file__", "")).endswith(page):
            found |= {k: type(v).__name__ for k, v in obj.items()
                      if not (k.startswith("__") or k.isupper() or k == "annotations"
                              or isinstance(v, types.ModuleType) or callable(v))}
    return found


def _holders(ref: weakref.ref) -> list[str]:
    """For the failure message: which module-dict names (or other containers) still hold the object."""
    obj = ref()
    if obj is None:
        return []
    out = []
    for r in gc.get_referrers(obj):
        if isinstance(r, dict) and "__file__" in r:
            out += [f"{r['__file__']}:{k}" for k, v in r.items() if v is obj]
        else:
            out.append(type(r).__name__)
    return out


def _assert_released(at: AppTest, page: str, given: dict, real_placements) -> None:
    from ui import services

    assert not at.exception, at.exception
    calls = given.get("services.placements", [])
    assert calls, "the page read no placements through ui.services"
    # the frame the page was last given for each reading is the cached one (AppTest runs in this process)
    last = {args: refs[0] for args, refs in calls}
    with services.snapshot():
        for args, ref in last.items():
            assert real_placements(*args) is ref(), f"not the cached frame: {args}"
    refs = [r for recorded in given.values() for _, rs in recorded for r in rs]
    assert refs
    st.cache_resource.clear()
    st.cache_data.clear()
    for _ in range(3):
        gc.collect()
    alive = [r for r in refs if r() is not None]
    holders = sorted({h for r in alive for h in _holders(r)})
    assert not alive, f"{page}: {len(alive)} of {len(refs)} frames/arrays still alive after clearing the caches " \
                      f"(held by {holders})"
    del alive
    big = _page_names(page)
    assert not big, f"{page} keeps page state in its module names after the run: {big}"
    assert at is not None  # the session (and the widget callables Streamlit keeps) is still alive here


def _profiles_viewed(db: Path) -> int:
    s = open_store(db)
    try:
        return len(s.audit_entries(action="lihat:profil"))
    finally:
        s.close()


def _pick_row(at: AppTest, db: Path, column: str) -> None:
    """Select the first row of the (selectable) table with ``column``: the page opens a profile dialog."""
    key = next(d.key for d in at.dataframe if column in d.value.columns and d.key)
    viewed = _profiles_viewed(db)
    at.session_state[key] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception, at.exception
    assert _profiles_viewed(db) == viewed + 1   # the dialog ran (it records the view)


def _open(db: Path, page: str | None, role: str = "admin", user: str = "admin") -> AppTest:
    at = app_test(db, user, role, timeout=TIMEOUT)
    assert not at.exception, at.exception
    if page is not None:
        at.switch_page(page).run()
        assert not at.exception, at.exception
    return at


def test_beranda_releases_the_frames(demo_copy, real_placements, given):
    at = _open(demo_copy, None)
    assert at.title[0].value == "Beranda"
    _assert_released(at, "app_pages/beranda.py", given, real_placements)


def test_sembilan_kotak_releases_the_frames(demo_copy, real_placements, given):
    at = _open(demo_copy, "app_pages/sembilan_kotak.py")
    next(w for w in at.get("segmented_control") if w.key == "kotak").set_value(9).run()  # drill-down, on_change
    _pick_row(at, demo_copy, "nip")                                                            # the profile dialog
    _assert_released(at, "app_pages/sembilan_kotak.py", given, real_placements)


def test_suksesi_releases_the_frames(demo_copy, real_placements, given):
    at = _open(demo_copy, "app_pages/suksesi.py")
    assert given.get("succession.candidates")
    _assert_released(at, "app_pages/suksesi.py", given, real_placements)


def test_pergerakan_releases_the_frames(demo_copy, real_placements, given):
    at = _open(demo_copy, "app_pages/pergerakan.py")
    assert len({args[0] for args, _ in given["services.placements"]}) == 2  # both periods read
    _pick_row(at, demo_copy, "langkah")                                                        # the profile dialog
    _assert_released(at, "app_pages/pergerakan.py", given, real_placements)


def test_pengembangan_releases_the_frames(demo_copy, real_placements, given):
    at = _open(demo_copy, "app_pages/pengembangan.py")
    at.selectbox(key="dev_opd").set_value("DINKES").run()
    at.selectbox(key="dev_kode").set_value("k_pengambilan_keputusan").run()
    nip = next(d.value for d in at.dataframe if {"standar", "selisih"} <= set(d.value.columns))["nip"].iloc[0]
    at.selectbox(key="dev_person_DINKES_k_pengambilan_keputusan").set_value(nip).run()  # the IDP
    assert any(f.key.startswith("dev_form_") for f in at.get("form"))
    assert given.get("development.population")
    _assert_released(at, "app_pages/pengembangan.py", given, real_placements)


def test_kalibrasi_releases_the_frames(demo_copy, real_placements, given):
    at = _open(demo_copy, "app_pages/kalibrasi.py")
    search = at.selectbox(key="kal_search")
    search.set_value(_first_placed(given, real_placements)).run()  # on_change: the person opens
    assert any((b.key or "").startswith("kal_save_") for b in at.button)  # the decision form is shown
    viewed = _profiles_viewed(demo_copy)
    at.button(key="kal_profile").click().run()                                      # the profile dialog
    assert not at.exception, at.exception
    assert _profiles_viewed(demo_copy) == viewed + 1
    _assert_released(at, "app_pages/kalibrasi.py", given, real_placements)


def _first_placed(given, real_placements) -> str:
    """A NIP the calibration page lists (someone with a box from the engine)."""
    from ui import services
    with services.snapshot():
        placed = real_placements(*given["services.placements"][-1][0])
        return str(placed.loc[placed["kotak_awal"].notna(), "nip"].iloc[0])


def test_presentasi_releases_the_frames(demo_copy, real_placements, given):
    at = _open(demo_copy, "app_pages/presentasi.py")
    at.button(key="pres_next").click().run()                       # on_click with args
    assert at.session_state["slide"] == 2
    _assert_released(at, "app_pages/presentasi.py", given, real_placements)


def test_audit_keeps_no_frame_in_its_names(demo_copy):
    at = _open(demo_copy, "app_pages/audit.py")
    assert not at.exception, at.exception
    assert at.title[0].value == "Log Audit"
    gc.collect()
    assert not _page_names("app_pages/audit.py")

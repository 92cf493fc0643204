"""The benchmark's pages phase: the server's warm-up and the pages, server side (Streamlit AppTest)."""
from __future__ import annotations

import os
import time

from scripts.bench.common import ROOT, repeats, say, timed

APP = str(ROOT / "app.py")
KOTAK = "app_pages/sembilan_kotak.py"
SUKSESI = "app_pages/suksesi.py"
PERGERAKAN = "app_pages/pergerakan.py"
PENGEMBANGAN = "app_pages/pengembangan.py"


def child_pages(n: int, db: str, beranda_only: bool = False) -> dict:
    """The pages phase; ``beranda_only`` stops after Beranda (the warm-ups, cold, warm, counts, filter)."""
    os.environ["TALENTA_DB"] = db
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")   # no bare-mode warnings per cache call
    import streamlit as st
    from streamlit.logger import set_log_level
    from streamlit.testing.v1 import AppTest

    set_log_level("error")
    # The server compiles each page script once (its ScriptCache); AppTest makes a new cache on every
    # run and recompiles app.py and the page each time (~40 ms a rerun of Sembilan Kotak, with Streamlit's
    # magic rewriting): share one, so a rerun costs what it costs the server.
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner
    compiled = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: compiled
    r = repeats(n)
    row: dict = {}
    at = AppTest.from_file(APP, default_timeout=3600)

    def run():
        at.run()
        if at.exception:
            raise RuntimeError(f"page error: {at.exception[0].message}")

    def sidebar_filter(prefix: str) -> None:
        options = iter(at.sidebar.multiselect(key="opd").options[:r])

        def change():
            at.sidebar.multiselect(key="opd").set_value([next(options)])
            run()
        row[f"{prefix}_filter_s"], _ = timed(change, repeat=r, key=f"{prefix}_filter_s")
        at.sidebar.multiselect(key="opd").set_value([])
        run()

    def cold_and_warm(page: str, prefix: str) -> None:
        """The page opened with cold caches (its first visitor after a restart or an import), then rerun."""
        st.cache_resource.clear()
        st.cache_data.clear()
        at.switch_page(page)
        row[f"{prefix}_cold_s"], _ = timed(run, key=f"{prefix}_cold_s")
        row[f"{prefix}_warm_s"], _ = timed(run, repeat=r, key=f"{prefix}_warm_s")

    # The server's warm-up on a data version with no stored placements (the first start after a build, an
    # import, a rule or calibration change): the engine places the period and its rows are stored
    from reports.figures import ninebox as grids
    from ui import serve
    row["warm_store_s"], _ = timed(serve.warm, key="warm_store_s")
    say(f"warm-up, placements stored {row['warm_store_s']} s", row)
    row["beranda_first_s"], _ = timed(run, key="beranda_first_s")   # the first visitor after the warm-up
    # a restart: every cache empty, the stored placements still there; the warm-up then only counts
    st.cache_resource.clear()
    st.cache_data.clear()
    row["warm_stored_s"], _ = timed(serve.warm, key="warm_stored_s")
    st.cache_resource.clear()
    st.cache_data.clear()
    # Beranda: the first run after a restart without the warm-up (caches cold) opens the database and counts
    # the stored placements of the period (GROUP BY); when its 9-box figure is built (the grid reaches the
    # browser then, before the vacant posts' readiness is worked out); then the reruns
    drawn: list[float] = []
    build_grid = grids.ninebox_grid

    def grid_spy(*a, **k):
        out = build_grid(*a, **k)
        drawn.append(time.perf_counter())
        return out
    grids.ninebox_grid = grid_spy
    started = time.perf_counter()
    try:
        row["beranda_cold_s"], _ = timed(run, key="beranda_cold_s")
    finally:
        grids.ninebox_grid = build_grid
    row["beranda_cold_grid_s"] = round(drawn[0] - started, 3) if drawn else None
    row["beranda_warm_s"], _ = timed(run, repeat=r, key="beranda_warm_s")
    say(f"Beranda after the warm-up {row['beranda_first_s']} s; warm-up with stored placements "
        f"{row['warm_stored_s']} s; Beranda cold {row['beranda_cold_s']} s (9-box built at "
        f"{row['beranda_cold_grid_s']} s), warm {row['beranda_warm_s']} s", row)
    row["counts_match"] = same_counts_as_the_engine()
    say(f"Beranda's counts equal the engine's: {row['counts_match']}", row)
    if not row["counts_match"]:
        raise RuntimeError("the stored placements' counts differ from the engine's")
    sidebar_filter("beranda")
    say(f"Beranda filter {row['beranda_filter_s']} s", row)
    if beranda_only:
        return row

    # Sembilan Kotak, opened with cold caches (first visitor after a restart or an import)
    cold_and_warm(KOTAK, "kotak")
    say(f"Sembilan Kotak cold {row['kotak_cold_s']} s, warm {row['kotak_warm_s']} s", row)
    sidebar_filter("kotak")
    sexes = iter([["P"], ["L"]] * r)

    def page_filter():
        at.multiselect(key="jk").set_value(next(sexes))
        run()
    row["kotak_page_filter_s"], _ = timed(page_filter, repeat=r, key="kotak_page_filter_s")
    at.multiselect(key="jk").set_value([])
    run()
    boxes = iter([9, 8, 7, 6, 5] * r)

    def box_list():
        next(w for w in at.get("segmented_control") if w.key == "kotak").set_value(next(boxes))
        run()
    row["kotak_box_s"], _ = timed(box_list, repeat=r, key="kotak_box_s")
    next(w for w in at.get("segmented_control") if w.key == "kotak").set_value(9)
    run()
    table = next(d.value for d in at.dataframe if "nip" in d.value.columns)
    nips = iter(table["nip"].tolist()[:r])

    def open_profile():
        at.session_state["nk_open_profile"] = next(nips)
        run()
        if not any(m.value.startswith("### ") for m in at.markdown):
            raise RuntimeError("the profile dialog did not open")
    row["profile_s"], _ = timed(open_profile, repeat=r, key="profile_s")
    say(f"Sembilan Kotak filter {row['kotak_filter_s']} s, page filter {row['kotak_page_filter_s']} s, "
        f"profile {row['profile_s']} s", row)

    # Suksesi: the first target post's shortlist with cold caches, then other posts
    cold_and_warm(SUKSESI, "suksesi")
    say(f"Suksesi cold {row['suksesi_cold_s']} s", row)
    from ui import services  # the page's own store: the options are labels, the values ids
    box = at.selectbox(key="suk_post")
    ids = [p for p in services.store().target_posts()["post_id"] if p != box.value]
    posts = len(ids) + 1
    others = iter(ids)

    def shortlist():
        at.selectbox(key="suk_post").set_value(next(others))
        run()
        if not any(d.value.shape[0] for d in at.dataframe if "kesiapan" in d.value.columns):
            raise RuntimeError("no shortlist shown")
    row["suksesi_post_s"], _ = timed(shortlist, repeat=min(r, posts - 1), key="suksesi_post_s")
    say(f"Suksesi other post {row['suksesi_post_s']} s", row)

    # the session browses on, with the caches the pages above left: Pergerakan places a second period
    # (two placements cached), Pengembangan reads the assessed people's competencies
    for key, page in (("pergerakan", PERGERAKAN), ("pengembangan", PENGEMBANGAN)):
        at.switch_page(page)
        row[f"{key}_s"], _ = timed(run, key=f"{key}_s")
        say(f"{key} {row[f'{key}_s']} s", row)
    return row


def same_counts_as_the_engine() -> bool:
    """Beranda's 9-box and status counts (GROUP BY over the stored placements) against the engine's
    placements of the same period (``ui.services.placements``: population, place, calibration), for
    everyone and for the first OPD."""
    from analytics.ninebox import box_summary
    from data.store import Filters, Scope
    from ui import services

    period = max(services.store().periods())
    opd = services.store().opd()["opd_id"].iloc[0]
    for filters in (Filters(), Filters(opd_ids=(opd,))):
        stored = services.summary(period, filters, Scope(None))
        status = services.counts(period, filters, Scope(None)).groupby("status")["jumlah"].sum()
        placed = services.placements(period, filters, Scope(None))
        engine = box_summary(placed["kotak"], services.rules(period).boxes)
        by_status = placed["status"].astype(str).value_counts()
        if not (stored.equals(engine) and status.sort_index().to_dict() == by_status.sort_index().to_dict()):
            return False
    st_clear()
    return True


def st_clear() -> None:
    import streamlit as st
    st.cache_resource.clear()
    st.cache_data.clear()

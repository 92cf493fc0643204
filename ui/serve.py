"""Start the Streamlit server with the default view already prepared, so the first visitor waits no longer
than the second.

``python -m ui.serve run app.py [streamlit options]`` is ``streamlit run`` that first, before the server
answers, fills the caches the first page (Beranda) needs: the store, the rules of the newest period,
its headline counts, its 9-box counts for the whole city (no filters, every OPD), the succession bench behind
"vacant posts with a candidate ready" (the bench of the vacant posts), and one 9-box figure (plotly loads its validators on the first figure
it builds, about a second). The 9-box counts are a GROUP BY over the stored placements
(``data/store/placements.py``); when the data version has none yet (first start after an import, a rule or
calibration change), the engine places the period and stores it here, so no visitor pays for it. Then,
in a thread started once the first visitor's page has run (:func:`after_page_run`), (:func:`warm_people`)
the placements with the people, which Sembilan Kotak draws. The caches are
``st.cache_resource`` entries of ``ui/services.py``: process-wide, the same entries a page's run reads, so the
work is done once.

A visitor who arrives before the thread is done waits on the same cache entry instead of computing it a
second time (Streamlit computes one cached value once). A failure here is logged and changes nothing: the
page computes as it always did. Views narrowed by an OPD scope or filters are computed on first use, as
before.
"""
from __future__ import annotations

import gc
import importlib
import logging
import sys
import threading
import time
from datetime import date

_log = logging.getLogger("talenta.serve")


def warm() -> float:
    """Fill the caches of the default view; returns the seconds it took (0 when there is nothing to warm)."""
    started = time.perf_counter()
    from data.store import Filters, Scope
    from reports.figures import ninebox
    from ui import home, services

    store = services.store()
    periods = store.periods()
    if not periods:
        return 0.0
    period, everyone, every_opd = max(periods), Filters(), Scope(None)
    services.pseudonym_key()
    services.rules(period)
    services.headline(period, everyone, every_opd)
    services.counts(period, everyone, every_opd)   # places and stores the period when its version is not stored
    summary = services.summary(period, everyone, every_opd)
    home.vacant_ready_count(period, everyone, every_opd, date.today())   # "vacant posts with a candidate ready"
    ninebox.ninebox_grid(summary, lang="id")   # loads plotly's figure machinery; the figure itself is not kept
    importlib.import_module("ui.export_menu")   # Beranda's export menu: its report builders load here (~0.5 s)
    _streamlit_first_element()
    return time.perf_counter() - started


def _streamlit_first_element() -> None:
    """Streamlit checks once per process, on the first element a page sends, whether it runs in a REPL (to
    print a "use streamlit run" warning), by walking the whole call stack with ``inspect.stack()``, each
    frame's source file resolved: 0.15-0.35 s in the deep stack of the first visitor's page run. Served
    here by ``streamlit run`` itself, the warning can never apply: the check is marked done."""
    from streamlit import delta_generator

    if hasattr(delta_generator, "_use_warning_has_been_displayed"):   # private: a later release may drop it
        delta_generator._use_warning_has_been_displayed = True


def warm_people() -> float:
    """After :func:`warm`: the placements of the default view with the people (what Sembilan Kotak draws and
    lists), which Beranda no longer reads, and the importer's modules; returns the seconds it took."""
    started = time.perf_counter()
    from data.store import Filters, Scope
    from ui import services

    periods = services.store().periods()
    if periods:
        services.placements(max(periods), Filters(), Scope(None))
    importlib.import_module("ui.importing")   # the importer's modules (~0.3 s), else loaded by Impor Data's first visit
    for name in ("ui.ninebox", "analytics.selection", "ui.import_done"):   # Sembilan Kotak's own, the page a drop goes to
        importlib.import_module(name)
    return time.perf_counter() - started


def _warm_first() -> None:
    try:
        seconds = warm()
        _log.info("Tampilan awal disiapkan dalam %.1f detik.", seconds)
    except Exception:   # noqa: BLE001 - the pages compute it themselves; the server must start regardless
        _log.exception("Tampilan awal tidak dapat disiapkan; halaman menghitungnya sendiri.")


def _warm_people_in_background() -> None:
    try:
        seconds = warm_people()
        _log.info("Penempatan per orang disiapkan dalam %.1f detik.", seconds)
    except Exception:   # noqa: BLE001 - Sembilan Kotak computes it itself
        _log.exception("Penempatan per orang tidak dapat disiapkan; halaman menghitungnya sendiri.")
    # Streamlit's server, the first page's modules and the importer, all loaded since main()'s freeze, live as
    # long as the server too: out of the collection after every run (~0.13 s a run after an import, before)
    gc.freeze()


_people_pending = threading.Event()   # set by main(): the people's placements are still to be prepared


def after_page_run() -> None:
    """Called by ``app.py`` after each page run: the first one (the first visitor's page, sent) starts the
    preparation of the people's placements in a thread. Started earlier, that thread held the interpreter
    while the first visitor's page ran (3.1 → 3.5-3.9 s to Beranda's 9-box on the demo). Nothing when the
    server was not started through :func:`main` (``streamlit run``, tests)."""
    if _people_pending.is_set():
        _people_pending.clear()
        threading.Thread(target=_warm_people_in_background, name="talenta-warm", daemon=True).start()


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    # Beranda's part before the server answers: a visitor who came while it ran in a thread shared the two
    # cores with it and with the same module imports (4.1-4.6 s to the 9-box on the demo, stored placements);
    # done first, the server answers ~1-3 s later and its first visitor waits only for their own page.
    _warm_first()
    # What is alive now (modules, plotly's validators, the warm caches: ~170k objects on the demo) lives as
    # long as the server: out of the collector's sight, Streamlit's full collection after every script run
    # costs ~0 s instead of ~0.2 s.
    gc.freeze()
    _people_pending.set()
    from streamlit.web import cli
    sys.argv = ["streamlit", *argv]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""What the browser benchmark waits for, noted by the page itself: a state's predicate (JS) checked on DOM
changes by an observer armed before the step, the time it first held kept in ``window.__marks``."""
from __future__ import annotations

#: the Sembilan Kotak chart has drawn dots (traces of markers with points: SVG, or WebGL above SVG_DOTS), not only its counts
DOTS_DRAWN = """() => {
    const gd = document.querySelector("[data-testid='stMain'] [data-testid='stPlotlyChart'] .js-plotly-plot");
    if (!gd || !gd._fullData || !gd.querySelector('.main-svg')) return false;
    return gd._fullData.some(t => t.mode === 'markers' && t.type.startsWith('scatter') && (t._length || (t.x || []).length) > 0);
}"""
#: the Sembilan Kotak chart shows its nine badges (the counts: drawn first, before the dots, or with them)
COUNTS_DRAWN = """() => {
    const gd = document.querySelector("[data-testid='stMain'] [data-testid='stPlotlyChart'] .js-plotly-plot");
    return !!(gd && gd._fullData && gd.querySelector('.main-svg') && gd._fullData.length
              && (gd._fullData[0].text || []).length === 9);
}"""
#: Impor Data's one report lists every dropped file, its Impor button can be clicked, the script is done
REPORT_READY = """() => {
    const report = document.querySelector('.st-key-impor_drop_report');
    const button = document.querySelector('.st-key-impor_submit button');
    const app = document.querySelector("[data-testid='stApp']");
    return !!(report && button && !button.disabled && app && app.dataset.testScriptState === 'notRunning'
              && (window.__dropped || []).every(name => report.textContent.includes(name)));
}"""
#: Records in ``window.__marks[name]`` the time (``Date.now()``, the machine's clock) of the first DOM change
#: after which ``pred`` holds. Checked on DOM changes only: polling each animation frame (Playwright's
#: ``polling="raf"``) kept the renderer's main thread drawing frames, ~0.4 of a core on this 2-core machine,
#: taken from the very page being timed; a poll at an interval notices late (up to its interval).
ARM = """([name, pred]) => {
    window.__marks = window.__marks || {};
    delete window.__marks[name];
    const test = (0, eval)('(' + pred + ')');
    const holds = () => { try { return !!test(); } catch (e) { return false; } };
    const seen = new MutationObserver(() => {
        if (holds()) { window.__marks[name] = Date.now(); seen.disconnect(); }
    });
    // nodes added or removed, and the two attributes a state here turns on: every attribute change of the
    // page (plotly sets thousands while drawing) would make the browser record each one for the observer
    seen.observe(document, {subtree: true, childList: true, attributes: true,
                            attributeFilter: ['data-test-script-state', 'disabled']});
}"""
#: Beranda's 9-box: a plotly chart whose nine boxes are drawn (nine rectangles in its layout)
GRID_DRAWN = """() => [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stPlotlyChart'] .js-plotly-plot")]
    .some(gd => gd._fullLayout && (gd._fullLayout.shapes || []).length >= 9 && gd.querySelector('.main-svg'))"""


def arm(page, name: str, predicate: str) -> None:
    """From now on, note when ``predicate`` (a JS function's source) first holds: :func:`marked` reads it."""
    page.evaluate(ARM, [name, predicate])


def marked(page, name: str, timeout_s: float = 600) -> float:
    """The epoch seconds at which the armed ``name`` first held (waits for it, polling every 0.1 s: the
    time read is the page's own, not the poll's)."""
    return page.wait_for_function("n => window.__marks && window.__marks[n]", arg=name, polling=100,
                                  timeout=timeout_s * 1000).json_value() / 1000


def arm_ninebox(page) -> None:
    for name, predicate in (("counts", COUNTS_DRAWN), ("dots", DOTS_DRAWN)):
        arm(page, name, predicate)

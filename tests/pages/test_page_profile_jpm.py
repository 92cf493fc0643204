"""AppTest: the profile shows the CACT file's official JPM (57,86), labelled, with the computed value beside it
when the two differ; a JPM computed from levels (no JPM in the file) is labelled as computed."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data.importing import pipeline
from data.importing.fields import K_FIELDS
from data.store import open_store
from tests.import_helpers import csv_bytes

TIMEOUT = 60
LEVELS = [2, 2, 2, 2, 2, 1, 1, 1, 2]     # a Pelaksana (standard 1): 166,67 uncapped, 100 capped


@pytest.fixture(scope="module")
def imported(real_db, tmp_path_factory) -> tuple[Path, str, str]:
    """A copy of the real-data base where one Pelaksana's CACT file says JPM 57,86; also an official
    assessed by an assessment centre (levels only, no JPM in the file)."""
    path = tmp_path_factory.mktemp("jpm") / "jpm.duckdb"
    shutil.copy(real_db, path)
    s = open_store(path)
    try:
        nip = s._frame("SELECT nip FROM asn_period WHERE period = 2025 AND jenjang_jabatan = 'Pelaksana'"
                       " ORDER BY nip LIMIT 1")["nip"].item()
        content = csv_bytes([["NIP", *(name for _, name, _ in K_FIELDS), "JPM (%)"], [nip, *LEVELS, "57,86"]])
        result = pipeline.run(s, content, "cact.csv", actor="uji", period=2025, kind="assessment",
                              constants={"sumber": "CACT"})
        assert result.batch_id is not None, result.outcome.messages()
        ac = s._frame("SELECT a.nip FROM assessment a JOIN asn_period p USING (period, nip) WHERE a.period = 2025"
                      " AND a.sumber = 'AC' AND a.jpm_sumber IS NULL AND p.jenjang_jabatan = 'Administrator'"
                      " ORDER BY a.nip LIMIT 1")["nip"].item()
    finally:
        s.close()
    return path, nip, ac


def _profile(db: Path, nip: str) -> AppTest:
    def script(nip: str, db: str):
        import os
        os.environ["TALENTA_DB"] = db
        from data.store import EVERYTHING
        from ui import profile
        profile.render(nip, 2025, EVERYTHING)

    at = AppTest.from_function(script, args=(nip, str(db)), default_timeout=TIMEOUT).run()
    assert not at.exception
    return at


def test_profile_shows_the_files_official_jpm_and_the_computed_one_beside_it(imported):
    db, nip, _ = imported
    at = _profile(db, nip)
    jpm = {m.label: m.value for m in at.metric if "JPM" in m.label}
    assert jpm == {"JPM resmi (berkas CACT)": "57,86"}
    captions = " ".join(c.value for c in at.caption)
    assert "JPM resmi (berkas CACT) 57,86 · dihitung dari level 100" in captions
    assert "166" not in captions and "166" not in " ".join(m.value for m in at.metric)
    history = next(d.value for d in at.dataframe if "period" in d.value.columns)
    now = history[history["period"] == 2025].iloc[0]
    assert (now["jpm"], now["jpm_asal"]) == ("57,86", "Resmi (berkas)")


def test_profile_labels_a_computed_jpm_as_computed(imported):
    db, _, ac = imported
    at = _profile(db, ac)
    labels = [m.label for m in at.metric if "JPM" in m.label]
    assert labels == ["JPM (dihitung dari level)"]
    value = next(m.value for m in at.metric if "JPM" in m.label)
    assert float(value.replace(".", "").replace(",", ".")) <= 100
    assert not any("JPM resmi" in c.value for c in at.caption)
    history = next(d.value for d in at.dataframe if "period" in d.value.columns)
    assert history.loc[history["period"] == 2025, "jpm_asal"].item() == "Dihitung dari level"

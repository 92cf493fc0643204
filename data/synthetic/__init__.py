"""Deterministic synthetic Pemerintah Kota Serang for demos, tests and benchmarks.

``build_demo`` returns one frame per table (column names as in the schema, no batch_id);
``load_demo`` wipes personal data and writes them as one ``demo`` import batch.

Everything is vectorised numpy: 600k ASN build in seconds. Names come from Faker's id_ID
provider lists, read once and sampled with numpy (no per-row Faker calls). The same seed always
gives identical frames.

Model, in short (2024 is built first, 2025 follows from it):

* a fixed structure of 37 OPD (6 kecamatan with 67 kelurahan), 37 JPT Pratama posts, 73
  Administrator and 160 Pengawas posts at 6,000 ASN (Administrator/Pengawas posts, schools
  scale with ``n_asn / 6000``); non-structural roles (teachers, health staff, other JF,
  pelaksana) sampled from a weighted catalog;
* every person has latent traits: performance, potential (corr. ~0.3), competence, digital;
* 2025: people at retirement age (BUP) and a few others leave, vacated posts are filled by
  promotion (Administrator → JPT, Pengawas → Administrator, staff → Pengawas), some officials
  rotate between OPD, JF and golongan promotions, ~3 % new entrants. Five JPT Pratama posts
  stay vacant (the posts from the 5-1-2026 launch);
* ``asn_period`` of 2025 has exactly ``n_asn`` rows.

Layout: :mod:`constants`, :mod:`education`, :mod:`city`, :mod:`roles` and :mod:`posts` describe
the city; :mod:`people`, :mod:`careers`, :mod:`identity` and :mod:`turnover` make its people;
:mod:`performance`, :mod:`assessment` and :mod:`discipline` their records; :mod:`build` puts the
tables together.
"""
from __future__ import annotations

from data.synthetic.assessment import DL_CODES, ES_CODES, K_CODES, P_CODES
from data.synthetic.build import build_demo
from data.synthetic.city import KECAMATAN, VACANT_JPT
from data.synthetic.constants import GOL

__all__ = ["DL_CODES", "ES_CODES", "GOL", "KECAMATAN", "K_CODES", "P_CODES", "VACANT_JPT", "build_demo",
           "load_demo"]


def load_demo(store, n_asn: int = 6000, seed: int = 20260105, actor: str = "sistem") -> dict[str, int]:
    """Replace all personal data with the synthetic city (one ``demo`` batch). Row counts per table.

    ``build_demo`` is looked up in this module when called, so that the benchmark can time it by
    replacing ``data.synthetic.build_demo``."""
    frames = build_demo(n_asn=n_asn, seed=seed)
    store.wipe_personal_data(actor)
    store.replace_dataset(frames, kind="demo", period=None, source="sintetis", actor=actor,
                          file_name=f"sintetis-seed{seed}-n{n_asn}")
    return {name: len(frame) for name, frame in frames.items()}

"""Names and NIPs of synthetic people."""
from __future__ import annotations

import numpy as np

from analytics.nip import NIP_LENGTH
from data.synthetic.dates import day, month_of, month_start, year_of


def person_names(rng: np.random.Generator, female: np.ndarray) -> np.ndarray:
    """Indonesian names from Faker's id_ID lists (read once, sampled with numpy)."""
    from faker.providers.person.id_ID import Provider

    male_first = np.array(sorted(set(Provider.first_names_male)), dtype=object)
    female_first = np.array(sorted(set(Provider.first_names_female)), dtype=object)
    last_m = np.array(sorted(set(Provider.last_names_male)), dtype=object)
    last_f = np.array(sorted(set(Provider.last_names_female)), dtype=object)
    n = len(female)
    first = np.where(female, female_first[rng.integers(0, len(female_first), n)],
                     male_first[rng.integers(0, len(male_first), n)])
    middle = np.where(female, female_first[rng.integers(0, len(female_first), n)],
                      male_first[rng.integers(0, len(male_first), n)])
    u = rng.random(n)
    last = np.where(female, last_f[rng.integers(0, len(last_f), n)], last_m[rng.integers(0, len(last_m), n)])
    second = np.where(u < 0.6, last, np.where(u < 0.85, middle, ""))
    prefix_m = np.array(["Muhammad", "Ahmad", "Mochamad", "Agus", "Asep"], dtype=object)
    prefix_f = np.array(["Siti", "Nur", "Dewi", "Rina", "Sri"], dtype=object)
    pre = np.where(female, prefix_f[rng.integers(0, 5, n)], prefix_m[rng.integers(0, 5, n)])
    use_pre = rng.random(n) < 0.14
    name = np.where(use_pre, pre + " " + first, first)
    name = np.where(second != "", name + " " + second, name)
    return name


def build_nips(rng: np.random.Generator, birth: np.ndarray, female: np.ndarray, pppk: np.ndarray,
               tmt_cpns: np.ndarray, ni_year: np.ndarray, paruh: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unique, valid 18-digit NIP / NI PPPK consistent with birth date, sex and kind."""
    by, bm = year_of(birth), month_of(birth)
    bd = (birth - month_start(birth)).astype(np.int64) + 1
    birth_int = by * 10000 + bm * 100 + bd
    tmt_safe = np.where(pppk, day("2000-01-01"), tmt_cpns)
    mid = np.where(pppk, ni_year * 100 + np.where(paruh, 24, 21), year_of(tmt_safe) * 100 + month_of(tmt_safe))
    sex = np.where(female, 2, 1)
    key = birth_int * 10_000_000 + mid * 10 + sex
    order = np.argsort(key, kind="stable")
    ks = key[order]
    start = np.r_[True, ks[1:] != ks[:-1]]
    group_start = np.maximum.accumulate(np.where(start, np.arange(len(ks)), 0))
    rank = np.empty(len(ks), dtype=np.int64)
    rank[order] = np.arange(len(ks)) - group_start
    offset = (key % 9973) % 5                     # sequence numbers need not start at 001
    seq = 1 + offset + rank
    if seq.max() > 999:
        raise RuntimeError("NIP sequence overflow")
    nip = key // 10 * 10_000 + sex * 1000 + seq
    text = nip.astype(str)
    if len(nip) and (nip.min() < 10 ** (NIP_LENGTH - 1) or nip.max() >= 10 ** NIP_LENGTH):
        raise RuntimeError("NIP length")
    return text.astype(object), nip

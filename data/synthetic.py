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
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analytics.nip import NIP_LENGTH

BASE_N = 6000
PERIODS = (2024, 2025)
CACT_SHARE = 0.192            # 1,152 of 6,000: the BKN quota for Kota Serang
CACT_PILOT_SHARE = 500 / 6000
ENTRANT_SHARE = 0.03
MIN_N = 200

TIERS = ("SMA", "D3", "D4", "S1", "S2", "S3")
SMA, D3, D4, S1, S2, S3 = range(6)
GOL = ("II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c")
GOL_START = np.array([0, 2, 4, 4, 5, 6])                 # first golongan by education tier
GOL_PPPK = np.array(["V", "VII", "IX", "IX", "X", "XI"], dtype=object)
PELAKSANA_GOL_CAP = np.array([5, 6, 7, 7, 7, 7])          # pelaksana: SMA up to III/b, ...

# jenjang -> (jenis_jabatan, golongan range, BUP, SKJ level, competence mean)
JENJANG: dict[str, tuple[str, int, int, int, int, float]] = {
    "JPT Pratama":     ("JPT",           9, 10, 60, 4, 3.6),
    "Administrator":   ("Administrator", 7, 9,  58, 3, 2.7),
    "Pengawas":        ("Pengawas",      5, 8,  58, 2, 2.0),
    "JF Ahli Madya":   ("Fungsional",    8, 10, 60, 4, 3.0),
    "JF Ahli Muda":    ("Fungsional",    6, 7,  58, 3, 2.3),
    "JF Ahli Pertama": ("Fungsional",    4, 5,  58, 2, 1.75),
    "JF Penyelia":     ("Fungsional",    6, 7,  58, 2, 1.75),
    "JF Mahir":        ("Fungsional",    4, 5,  58, 1, 1.45),
    "JF Terampil":     ("Fungsional",    1, 3,  58, 1, 1.25),
    "Pelaksana":       ("Pelaksana",     0, 7,  58, 1, 1.2),
}
JF_SUFFIX = {"JF Ahli Madya": "Ahli Madya", "JF Ahli Muda": "Ahli Muda",
             "JF Ahli Pertama": "Ahli Pertama", "JF Penyelia": "Penyelia", "JF Mahir": "Mahir",
             "JF Terampil": "Terampil"}
ENTRY_LEVELS = ("JF Ahli Pertama", "JF Terampil", "Pelaksana")
NEXT_JENJANG = {"JF Ahli Pertama": "JF Ahli Muda", "JF Ahli Muda": "JF Ahli Madya",
                "JF Terampil": "JF Mahir", "JF Mahir": "JF Penyelia"}
# age at the end of 2024 (integer years) and Beta shape, by jenjang, for PNS
AGE_RANGE = {
    "JPT Pratama": (46, 58, 2.5, 1.5), "Administrator": (38, 57, 2.2, 1.5),
    "Pengawas": (34, 57, 2.0, 1.5), "JF Ahli Madya": (42, 59, 2.0, 1.4),
    "JF Ahli Muda": (32, 57, 1.8, 1.5), "JF Ahli Pertama": (25, 57, 1.3, 2.6),
    "JF Penyelia": (36, 57, 2.0, 1.4), "JF Mahir": (28, 57, 1.8, 1.7),
    "JF Terampil": (22, 57, 1.3, 2.4), "Pelaksana": (21, 57, 1.6, 1.5),
}
PPPK_AGE = (24, 54, 1.6, 1.8)
# education tier probabilities (SMA, D3, D4, S1, S2, S3) by jenjang
EDU = {
    "JPT Pratama": (0, 0, 0, .08, .82, .10), "Administrator": (0, 0, .05, .33, .60, .02),
    "Pengawas": (0, 0, .10, .55, .35, 0), "JF Ahli Madya": (0, 0, 0, .50, .45, .05),
    "JF Ahli Muda": (0, 0, .05, .75, .20, 0), "JF Ahli Pertama": (0, 0, .07, .88, .05, 0),
    "JF Penyelia": (0, .85, 0, .15, 0, 0), "JF Mahir": (0, .90, 0, .10, 0, 0),
    "JF Terampil": (.10, .90, 0, 0, 0, 0), "Pelaksana": (.45, .20, .02, .30, .03, 0),
}

# -- fields of study and degrees -------------------------------------------------------------
# name -> (D3 title, D4 title, S1 title, S2 title, title in front for S1+)
FIELDS: dict[str, tuple[str | None, str | None, str | None, str | None, str | None]] = {
    "Pendidikan Guru SD": (None, None, "S.Pd.", "M.Pd.", None),
    "Pendidikan Guru PAUD": (None, None, "S.Pd.", "M.Pd.", None),
    "Pendidikan Matematika": (None, None, "S.Pd.", "M.Pd.", None),
    "Pendidikan Bahasa Indonesia": (None, None, "S.Pd.", "M.Pd.", None),
    "Pendidikan Bahasa Inggris": (None, None, "S.Pd.", "M.Pd.", None),
    "Pendidikan IPA": (None, None, "S.Pd.", "M.Pd.", None),
    "Pendidikan IPS": (None, None, "S.Pd.", "M.Pd.", None),
    "Pendidikan Agama Islam": (None, None, "S.Pd.", "M.Pd.", None),
    "Pendidikan Jasmani": (None, None, "S.Pd.", "M.Pd.", None),
    "Pendidikan Pancasila dan Kewarganegaraan": (None, None, "S.Pd.", "M.Pd.", None),
    "Bimbingan dan Konseling": (None, None, "S.Pd.", "M.Pd.", None),
    "Manajemen Pendidikan": (None, None, "S.Pd.", "M.Pd.", None),
    "Keperawatan": ("A.Md.Kep.", "S.Tr.Kep.", "S.Kep., Ners", "M.Kep.", None),
    "Kebidanan": ("A.Md.Keb.", "S.Tr.Keb.", "S.Keb., Bd.", "M.Keb.", None),
    "Kedokteran": (None, None, None, "M.Kes.", "dr."),
    "Kedokteran Gigi": (None, None, None, "M.Kes.", "drg."),
    "Farmasi": ("A.Md.Farm.", None, "S.Farm.", "M.Farm.", "apt."),
    "Analis Kesehatan": ("A.Md.AK.", "S.Tr.Kes.", "S.Si.", "M.Si.", None),
    "Gizi": ("A.Md.Gz.", "S.Tr.Gz.", "S.Gz.", "M.Gz.", None),
    "Kesehatan Lingkungan": ("A.Md.KL.", "S.Tr.KL.", "S.K.M.", "M.K.M.", None),
    "Kesehatan Masyarakat": (None, None, "S.K.M.", "M.K.M.", None),
    "Radiologi": ("A.Md.Rad.", "S.Tr.Rad.", None, None, None),
    "Rekam Medis": ("A.Md.RMIK.", "S.Tr.RMIK.", None, None, None),
    "Fisioterapi": ("A.Md.Ftr.", "S.Tr.Ftr.", None, None, None),
    "Ilmu Pemerintahan": (None, "S.STP", "S.IP.", "M.Si.", None),
    "Administrasi Negara": (None, None, "S.Sos.", "M.Si.", None),
    "Administrasi Publik": (None, None, "S.AP.", "M.A.P.", None),
    "Manajemen": ("A.Md.", None, "S.E.", "M.M.", None),
    "Akuntansi": ("A.Md.Ak.", "S.Tr.Ak.", "S.E.", "M.Ak.", None),
    "Ekonomi Pembangunan": (None, None, "S.E.", "M.E.", None),
    "Hukum": (None, None, "S.H.", "M.H.", None),
    "Teknik Sipil": ("A.Md.T.", "S.Tr.T.", "S.T.", "M.T.", None),
    "Arsitektur": (None, None, "S.Ars.", "M.T.", None),
    "Perencanaan Wilayah dan Kota": (None, None, "S.T.", "M.T.", None),
    "Teknik Lingkungan": (None, None, "S.T.", "M.T.", None),
    "Teknik Mesin": ("A.Md.T.", None, "S.T.", "M.T.", None),
    "Informatika": ("A.Md.Kom.", None, "S.Kom.", "M.Kom.", None),
    "Sistem Informasi": ("A.Md.Kom.", None, "S.Kom.", "M.Kom.", None),
    "Ilmu Komunikasi": (None, None, "S.I.Kom.", "M.I.Kom.", None),
    "Sosiologi": (None, None, "S.Sos.", "M.Si.", None),
    "Kesejahteraan Sosial": (None, None, "S.Sos.", "M.Si.", None),
    "Psikologi": (None, None, "S.Psi.", "M.Psi.", None),
    "Agribisnis": ("A.Md.P.", None, "S.P.", "M.Si.", None),
    "Agroteknologi": (None, None, "S.P.", "M.P.", None),
    "Peternakan": (None, None, "S.Pt.", "M.Si.", None),
    "Teknologi Pangan": (None, None, "S.TP.", "M.Si.", None),
    "Statistika": (None, None, "S.Stat.", "M.Stat.", None),
    "Ilmu Perpustakaan": ("A.Md.", None, "S.I.Pust.", "M.Hum.", None),
    "Administrasi Perkantoran": ("A.Md.", None, None, None, None),
    "Manajemen Informatika": ("A.Md.Kom.", None, None, None, None),
    "IPA": (None, None, None, None, None),
    "IPS": (None, None, None, None, None),
    "SMK Administrasi Perkantoran": (None, None, None, None, None),
    "SMK Akuntansi": (None, None, None, None, None),
    "SMK Teknik Komputer dan Jaringan": (None, None, None, None, None),
}
FIELD_NAMES = tuple(FIELDS)
FIELD_INDEX = {f: i for i, f in enumerate(FIELD_NAMES)}
SPECIALIST = ("Sp.PD.", "Sp.A.", "Sp.OG.", "Sp.B.", "Sp.An.", "Sp.Rad.", "Sp.P.", "Sp.JP.", "Sp.N.", "Sp.M.")
OLD_SOCIAL = {"Administrasi Negara", "Ilmu Pemerintahan", "Sosiologi", "Manajemen", "Akuntansi",
              "Ekonomi Pembangunan", "Ilmu Komunikasi", "Kesejahteraan Sosial"}
OLD_ENGINEERING = {"Teknik Sipil", "Arsitektur", "Perencanaan Wilayah dan Kota", "Teknik Lingkungan",
                   "Agribisnis", "Agroteknologi", "Peternakan", "Teknik Mesin"}

GENERAL_S = (("Ilmu Pemerintahan", 4), ("Administrasi Negara", 4), ("Manajemen", 3), ("Hukum", 2),
             ("Akuntansi", 2), ("Ekonomi Pembangunan", 1.5), ("Administrasi Publik", 1.5),
             ("Sosiologi", 1), ("Ilmu Komunikasi", 1), ("Informatika", 1), ("Psikologi", 0.5),
             ("Teknik Sipil", 0.5), ("Kesehatan Masyarakat", 0.3), ("Statistika", 0.2))
GENERAL_D = (("Administrasi Perkantoran", 4), ("Akuntansi", 2), ("Manajemen Informatika", 2),
             ("Manajemen", 1))
GENERAL_A = (("IPS", 4), ("IPA", 2), ("SMK Administrasi Perkantoran", 3), ("SMK Akuntansi", 1.5),
             ("SMK Teknik Komputer dan Jaringan", 1))
HEALTH_S = (("Kedokteran", 3), ("Kesehatan Masyarakat", 4), ("Keperawatan", 2), ("Farmasi", 1))
EDU_S = (("Manajemen Pendidikan", 3), ("Pendidikan Guru SD", 2), ("Pendidikan Matematika", 1),
         ("Pendidikan Bahasa Indonesia", 1), ("Administrasi Negara", 1))
ENG_S = (("Teknik Sipil", 5), ("Arsitektur", 2), ("Perencanaan Wilayah dan Kota", 2), ("Manajemen", 1))
FIN_S = (("Akuntansi", 5), ("Manajemen", 3), ("Ekonomi Pembangunan", 2))
GOV_S = (("Ilmu Pemerintahan", 6), ("Administrasi Negara", 3), ("Hukum", 1), ("Sosiologi", 1))

# -- the city -------------------------------------------------------------------------------
# 67 kelurahan. Names from memory of public lists; 'Kaloran' and 'Pegadingan' are plausible
# placeholders where the memory was not sure (synthetic data only).
KECAMATAN: dict[str, tuple[str, ...]] = {
    "Serang": ("Cimuncang", "Cipare", "Kagungan", "Kaligandu", "Kaloran", "Kotabaru", "Lontarbaru",
               "Lopang", "Serang", "Sumurpecung", "Terondol", "Unyur"),
    "Cipocok Jaya": ("Banjaragung", "Banjarsari", "Cipocok Jaya", "Dalung", "Gelam", "Karundang",
                     "Panancangan", "Tembong"),
    "Curug": ("Cilaku", "Cipete", "Curug", "Curug Manis", "Kamanisan", "Pancalaksana", "Sukajaya",
              "Sukalaksana", "Sukawana", "Tinggar"),
    "Kasemen": ("Banten", "Bendung", "Kasemen", "Kasunyatan", "Kilasah", "Margaluyu",
                "Masjid Priyayi", "Pegadingan", "Sawah Luhur", "Terumbu", "Warung Jaud"),
    "Taktakan": ("Cibendung", "Cilowong", "Drangong", "Kalang Anyar", "Kuranji", "Lialang", "Pancur",
                 "Panggungjati", "Sayar", "Sepang", "Taktakan", "Umbul Tengah"),
    "Walantaka": ("Cigoong", "Kalodran", "Kepuren", "Kiara", "Lebakwangi", "Nyapah", "Pabuaran",
                  "Pager Agung", "Pasuluhan", "Pengampelan", "Pipitan", "Tegalsari", "Teritih",
                  "Walantaka"),
}
KEC_ID = {k: "KEC-" + k.upper().replace(" ", "") for k in KECAMATAN}
SD_PER_KEC = {"Serang": 45, "Cipocok Jaya": 28, "Curug": 22, "Kasemen": 35, "Taktakan": 30, "Walantaka": 30}
SMP_COUNT = 24
PUSKESMAS = ("Puskesmas Serang Kota", "Puskesmas Ciracas", "Puskesmas Rau", "Puskesmas Singandaru",
             "Puskesmas Unyur", "Puskesmas Kagungan", "Puskesmas Banten Girang",
             "Puskesmas Cipocok Jaya", "Puskesmas Curug", "Puskesmas Kasemen", "Puskesmas Kilasah",
             "Puskesmas Sawah Luhur", "Puskesmas Taktakan", "Puskesmas Pancur", "Puskesmas Walantaka",
             "Puskesmas Kalodran")
RSUD_UNITS = ("Instalasi Gawat Darurat", "Instalasi Rawat Inap", "Instalasi Rawat Jalan",
              "Instalasi Bedah Sentral", "Instalasi Farmasi", "Instalasi Laboratorium",
              "Instalasi Radiologi", "Instalasi Rekam Medis", "Bagian Umum dan Keuangan",
              "Bidang Pelayanan Medis dan Keperawatan")


@dataclass(frozen=True)
class Opd:
    """One perangkat daerah with its units and structural posts below JPT."""

    opd_id: str
    nama: str
    singkatan: str
    kelompok: str
    units: tuple[str, ...]
    head: str | None                          # JPT post name; None for kecamatan
    bidang_target: str | None = None          # target_post.bidang_pendidikan of the head
    fields: tuple[tuple[str, float], ...] = GENERAL_S   # fields of its officials
    kabid: tuple[str, ...] = ()               # units whose head is Administrator
    uptd: tuple[str, ...] = ()                # units whose head is Pengawas
    kasubbag: tuple[str, ...] = ("Kepala Subbagian Umum dan Kepegawaian",)
    staff_weight: float = 2.0                 # share of pelaksana / general JF


def _o(opd_id, nama, singkatan, kelompok, units, head, **kw) -> Opd:
    return Opd(opd_id, nama, singkatan, kelompok, tuple(units), head, **kw)


_SETDA_BAGIAN = ("Bagian Pemerintahan", "Bagian Hukum", "Bagian Kesejahteraan Rakyat",
                 "Bagian Perekonomian dan Sumber Daya Alam", "Bagian Administrasi Pembangunan",
                 "Bagian Pengadaan Barang dan Jasa", "Bagian Umum", "Bagian Organisasi",
                 "Bagian Protokol dan Komunikasi Pimpinan")
_EDU_TARGET = "Manajemen Pendidikan;Pendidikan Guru SD;Pendidikan Matematika;Pendidikan Bahasa Indonesia"
OPDS: tuple[Opd, ...] = (
    _o("SETDA", "Sekretariat Daerah", "Setda", "sekretariat", _SETDA_BAGIAN, "Sekretaris Daerah",
       staff_weight=9),
    _o("DPRD", "Sekretariat DPRD", "Setwan", "sekretariat",
       ("Bagian Umum dan Keuangan", "Bagian Persidangan dan Perundang-undangan",
        "Bagian Fasilitasi Penganggaran dan Pengawasan"), "Sekretaris DPRD", staff_weight=4),
    _o("INSPEKTORAT", "Inspektorat Daerah", "Inspektorat", "lainnya",
       ("Sekretariat", "Inspektur Pembantu Wilayah I", "Inspektur Pembantu Wilayah II",
        "Inspektur Pembantu Wilayah III", "Inspektur Pembantu Khusus"), "Inspektur",
       bidang_target="Akuntansi;Hukum;Manajemen",
       fields=(("Akuntansi", 4), ("Hukum", 3), ("Manajemen", 2), ("Ilmu Pemerintahan", 2)),
       kasubbag=("Kepala Subbagian Umum dan Kepegawaian", "Kepala Subbagian Perencanaan dan Keuangan"),
       staff_weight=2.5),
    _o("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "Bappeda", "badan",
       ("Sekretariat", "Bidang Perencanaan Pemerintahan dan Pembangunan Manusia",
        "Bidang Perekonomian dan Sumber Daya Alam", "Bidang Infrastruktur dan Kewilayahan"),
       "Kepala Badan Perencanaan Pembangunan Daerah",
       fields=(("Perencanaan Wilayah dan Kota", 3), ("Ekonomi Pembangunan", 3),
               ("Administrasi Negara", 2), ("Teknik Sipil", 1), ("Statistika", 1)),
       kabid=("Bidang Perencanaan Pemerintahan dan Pembangunan Manusia",
              "Bidang Infrastruktur dan Kewilayahan"), staff_weight=2.5),
    _o("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", "badan",
       ("Sekretariat", "Bidang Pengadaan, Pemberhentian dan Informasi", "Bidang Mutasi dan Promosi",
        "Bidang Pengembangan Sumber Daya Manusia"),
       "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
       fields=(("Administrasi Negara", 3), ("Psikologi", 2), ("Manajemen", 2), ("Hukum", 1),
               ("Ilmu Pemerintahan", 2)),
       kabid=("Bidang Mutasi dan Promosi", "Bidang Pengembangan Sumber Daya Manusia"), staff_weight=3),
    _o("BPBD", "Badan Penanggulangan Bencana Daerah", "BPBD", "badan",
       ("Sekretariat", "Bidang Pencegahan dan Kesiapsiagaan", "Bidang Kedaruratan dan Logistik",
        "Bidang Rehabilitasi dan Rekonstruksi"), "Kepala Badan Penanggulangan Bencana Daerah",
       staff_weight=2),
    _o("BAPENDA", "Badan Pendapatan Daerah", "Bapenda", "badan",
       ("Sekretariat", "Bidang Pendataan dan Penetapan", "Bidang Penagihan dan Pengendalian",
        "UPTD Pendapatan Wilayah I", "UPTD Pendapatan Wilayah II"), "Kepala Badan Pendapatan Daerah",
       bidang_target="Akuntansi;Manajemen;Ekonomi Pembangunan", fields=FIN_S,
       kabid=("Bidang Pendataan dan Penetapan",),
       uptd=("UPTD Pendapatan Wilayah I", "UPTD Pendapatan Wilayah II"),
       kasubbag=("Kepala Subbagian Umum dan Kepegawaian", "Kepala Subbagian Keuangan"), staff_weight=4),
    _o("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", "badan",
       ("Sekretariat", "Bidang Anggaran", "Bidang Perbendaharaan", "Bidang Akuntansi", "Bidang Aset"),
       "Kepala Badan Pengelolaan Keuangan dan Aset Daerah",
       bidang_target="Akuntansi;Manajemen;Ekonomi Pembangunan", fields=FIN_S,
       kabid=("Bidang Anggaran", "Bidang Aset"),
       kasubbag=("Kepala Subbagian Umum dan Kepegawaian", "Kepala Subbagian Keuangan"), staff_weight=4),
    _o("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "Kesbangpol", "badan",
       ("Sekretariat", "Bidang Politik Dalam Negeri", "Bidang Ketahanan Ekonomi, Sosial dan Budaya"),
       "Kepala Badan Kesatuan Bangsa dan Politik", staff_weight=1.5),
    _o("BRIDA", "Badan Riset dan Inovasi Daerah", "Brida", "badan",
       ("Sekretariat", "Bidang Riset dan Inovasi"), "Kepala Badan Riset dan Inovasi Daerah",
       staff_weight=1),
    _o("SATPOLPP", "Satuan Polisi Pamong Praja", "Satpol PP", "lainnya",
       ("Sekretariat", "Bidang Penegakan Peraturan Daerah", "Bidang Ketenteraman dan Ketertiban Umum",
        "Bidang Perlindungan Masyarakat"), "Kepala Satuan Polisi Pamong Praja",
       fields=(("Hukum", 3), ("Ilmu Pemerintahan", 4), ("Administrasi Negara", 2)),
       kasubbag=("Kepala Subbagian Umum dan Kepegawaian", "Kepala Subbagian Keuangan"), staff_weight=5),
    _o("RSUD", "RSUD Kota Serang", "RSUD", "lainnya", RSUD_UNITS, "Direktur RSUD Kota Serang",
       bidang_target="Kedokteran", fields=HEALTH_S, kasubbag=(), staff_weight=6),
    _o("DINDIKBUD", "Dinas Pendidikan dan Kebudayaan", "Dindikbud", "dinas",
       ("Sekretariat", "Bidang Pembinaan Sekolah Dasar", "Bidang Pembinaan Sekolah Menengah Pertama",
        "Bidang Guru dan Tenaga Kependidikan", "Bidang Kebudayaan"),
       "Kepala Dinas Pendidikan dan Kebudayaan", bidang_target=_EDU_TARGET, fields=EDU_S,
       kabid=("Bidang Pembinaan Sekolah Dasar", "Bidang Pembinaan Sekolah Menengah Pertama",
              "Bidang Guru dan Tenaga Kependidikan"),
       kasubbag=("Kepala Subbagian Umum dan Kepegawaian", "Kepala Subbagian Keuangan"), staff_weight=20),
    _o("DINKES", "Dinas Kesehatan", "Dinkes", "dinas",
       ("Sekretariat", "Bidang Kesehatan Masyarakat", "Bidang Pencegahan dan Pengendalian Penyakit",
        "Bidang Pelayanan dan Sumber Daya Kesehatan", "UPTD Laboratorium Kesehatan Daerah",
        "UPTD Instalasi Farmasi"), "Kepala Dinas Kesehatan",
       bidang_target="Kedokteran;Kesehatan Masyarakat", fields=HEALTH_S,
       kabid=("Bidang Kesehatan Masyarakat", "Bidang Pencegahan dan Pengendalian Penyakit",
              "Bidang Pelayanan dan Sumber Daya Kesehatan"),
       uptd=("UPTD Laboratorium Kesehatan Daerah", "UPTD Instalasi Farmasi"),
       kasubbag=("Kepala Subbagian Umum dan Kepegawaian", "Kepala Subbagian Keuangan"), staff_weight=8),
    _o("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", "dinas",
       ("Sekretariat", "Bidang Bina Marga", "Bidang Sumber Daya Air", "Bidang Penataan Ruang",
        "Bidang Bina Konstruksi"), "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
       bidang_target="Teknik Sipil;Arsitektur;Perencanaan Wilayah dan Kota", fields=ENG_S,
       kabid=("Bidang Bina Marga", "Bidang Sumber Daya Air"),
       kasubbag=("Kepala Subbagian Umum dan Kepegawaian", "Kepala Subbagian Keuangan"), staff_weight=4),
    _o("DISPERKIM", "Dinas Perumahan dan Kawasan Permukiman", "Disperkim", "dinas",
       ("Sekretariat", "Bidang Perumahan", "Bidang Kawasan Permukiman", "Bidang Pertanahan"),
       "Kepala Dinas Perumahan dan Kawasan Permukiman",
       bidang_target="Teknik Sipil;Arsitektur;Perencanaan Wilayah dan Kota", fields=ENG_S,
       staff_weight=2.5),
    _o("DISPARPORA", "Dinas Pariwisata, Pemuda dan Olahraga", "Disparpora", "dinas",
       ("Sekretariat", "Bidang Pariwisata", "Bidang Pemuda", "Bidang Olahraga",
        "UPTD Gelanggang Olahraga"), "Kepala Dinas Pariwisata, Pemuda dan Olahraga",
       uptd=("UPTD Gelanggang Olahraga",), staff_weight=2),
    _o("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", "dinas",
       ("Sekretariat", "Bidang Pelayanan Pendaftaran Penduduk", "Bidang Pelayanan Pencatatan Sipil",
        "Bidang Pengelolaan Informasi Administrasi Kependudukan"),
       "Kepala Dinas Kependudukan dan Pencatatan Sipil", staff_weight=3),
    _o("DINSOS", "Dinas Sosial", "Dinsos", "dinas",
       ("Sekretariat", "Bidang Rehabilitasi Sosial", "Bidang Perlindungan dan Jaminan Sosial",
        "Bidang Pemberdayaan Sosial"), "Kepala Dinas Sosial",
       fields=(("Kesejahteraan Sosial", 3), ("Sosiologi", 2), ("Administrasi Negara", 2)),
       staff_weight=2),
    _o("DISHUB", "Dinas Perhubungan", "Dishub", "dinas",
       ("Sekretariat", "Bidang Lalu Lintas", "Bidang Angkutan", "UPTD Terminal",
        "UPTD Pengujian Kendaraan Bermotor"), "Kepala Dinas Perhubungan",
       uptd=("UPTD Terminal", "UPTD Pengujian Kendaraan Bermotor"), staff_weight=3),
    _o("DLH", "Dinas Lingkungan Hidup", "DLH", "dinas",
       ("Sekretariat", "Bidang Pengelolaan Sampah", "Bidang Pengendalian Pencemaran",
        "UPTD Tempat Pemrosesan Akhir Sampah"), "Kepala Dinas Lingkungan Hidup",
       bidang_target="Teknik Lingkungan;Kesehatan Masyarakat",
       fields=(("Teknik Lingkungan", 4), ("Kesehatan Masyarakat", 2), ("Administrasi Negara", 1)),
       uptd=("UPTD Tempat Pemrosesan Akhir Sampah",), staff_weight=3.5),
    _o("DISKOMINFO", "Dinas Komunikasi dan Informatika", "Diskominfo", "dinas",
       ("Sekretariat", "Bidang Informasi dan Komunikasi Publik", "Bidang Aplikasi Informatika",
        "Bidang Statistik dan Persandian"), "Kepala Dinas Komunikasi dan Informatika",
       bidang_target="Informatika;Sistem Informasi;Ilmu Komunikasi",
       fields=(("Informatika", 4), ("Sistem Informasi", 3), ("Ilmu Komunikasi", 2)), staff_weight=2),
    _o("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", "dinas",
       ("Sekretariat", "Bidang Pelayanan Perizinan", "Bidang Penanaman Modal"),
       "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", staff_weight=2),
    _o("DISNAKER", "Dinas Tenaga Kerja", "Disnaker", "dinas",
       ("Sekretariat", "Bidang Penempatan dan Pelatihan Kerja", "Bidang Hubungan Industrial"),
       "Kepala Dinas Tenaga Kerja", staff_weight=1.5),
    _o("DKP", "Dinas Ketahanan Pangan", "DKP", "dinas",
       ("Sekretariat", "Bidang Ketersediaan dan Distribusi Pangan", "Bidang Konsumsi dan Keamanan Pangan"),
       "Kepala Dinas Ketahanan Pangan", bidang_target="Agribisnis;Agroteknologi;Teknologi Pangan",
       fields=(("Agribisnis", 3), ("Teknologi Pangan", 2), ("Agroteknologi", 2)), staff_weight=1.5),
    _o("DISPERTAN", "Dinas Pertanian", "Distan", "dinas",
       ("Sekretariat", "Bidang Tanaman Pangan dan Hortikultura", "Bidang Peternakan dan Kesehatan Hewan",
        "Bidang Perikanan", "UPTD Rumah Potong Hewan"), "Kepala Dinas Pertanian",
       bidang_target="Agribisnis;Agroteknologi;Peternakan",
       fields=(("Agribisnis", 3), ("Agroteknologi", 3), ("Peternakan", 2)),
       uptd=("UPTD Rumah Potong Hewan",), staff_weight=2),
    _o("DISPERINDAG", "Dinas Perindustrian dan Perdagangan", "Disperindag", "dinas",
       ("Sekretariat", "Bidang Perindustrian", "Bidang Perdagangan", "UPTD Pasar"),
       "Kepala Dinas Perindustrian dan Perdagangan", uptd=("UPTD Pasar",), staff_weight=2),
    _o("DINKOPUKM", "Dinas Koperasi dan Usaha Mikro", "Dinkop UKM", "dinas",
       ("Sekretariat", "Bidang Koperasi", "Bidang Usaha Mikro"), "Kepala Dinas Koperasi dan Usaha Mikro",
       staff_weight=1.5),
    _o("DP3AKB", "Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana", "DP3AKB",
       "dinas", ("Sekretariat", "Bidang Pemberdayaan Perempuan dan Perlindungan Anak",
                 "Bidang Pengendalian Penduduk dan Keluarga Berencana"),
       "Kepala Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana", staff_weight=2),
    _o("DISPUSIP", "Dinas Perpustakaan dan Kearsipan", "Dispusip", "dinas",
       ("Sekretariat", "Bidang Perpustakaan", "Bidang Kearsipan"), "Kepala Dinas Perpustakaan dan Kearsipan",
       staff_weight=1.5),
    _o("DAMKAR", "Dinas Pemadam Kebakaran dan Penyelamatan", "Damkar", "dinas",
       ("Sekretariat", "Bidang Pemadaman dan Penyelamatan", "Bidang Pencegahan Kebakaran",
        "Pos Pemadam Kebakaran Kasemen", "Pos Pemadam Kebakaran Walantaka"),
       "Kepala Dinas Pemadam Kebakaran dan Penyelamatan", staff_weight=2.5),
) + tuple(
    _o(KEC_ID[k], f"Kecamatan {k}", f"Kec. {k}", "kecamatan",
       (f"Kecamatan {k}",) + tuple(f"Kelurahan {kel}" for kel in kels), None, fields=GOV_S,
       kasubbag=(), staff_weight=3 + len(kels) / 3)
    for k, kels in KECAMATAN.items()
)
OPD_BY_ID = {o.opd_id: o for o in OPDS}

SETDA_JPT = (
    ("Asisten Pemerintahan dan Kesejahteraan Rakyat", None),
    ("Asisten Perekonomian dan Pembangunan", None),
    ("Asisten Administrasi Umum", None),
    ("Staf Ahli Wali Kota Bidang Pemerintahan, Hukum dan Politik", None),
    ("Staf Ahli Wali Kota Bidang Ekonomi, Keuangan dan Pembangunan", None),
    ("Staf Ahli Wali Kota Bidang Kemasyarakatan dan Sumber Daya Manusia", None),
)
# The five JPT Pratama posts left vacant for the launch of 5 January 2026 (bantenraya.com 7-1-2026).
VACANT_JPT = (
    "Kepala Dinas Pariwisata, Pemuda dan Olahraga",
    "Kepala Badan Penanggulangan Bencana Daerah",
    "Sekretaris DPRD",
    "Staf Ahli Wali Kota Bidang Kemasyarakatan dan Sumber Daya Manusia",
    "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
)
CRITICAL = set(VACANT_JPT) | {
    "Sekretaris Daerah", "Inspektur", "Kepala Dinas Kesehatan", "Kepala Dinas Pendidikan dan Kebudayaan",
    "Kepala Badan Pengelolaan Keuangan dan Aset Daerah", "Kepala Badan Pendapatan Daerah",
    "Kepala Badan Perencanaan Pembangunan Daerah", "Direktur RSUD Kota Serang",
    "Kepala Dinas Pekerjaan Umum dan Penataan Ruang", "Camat Serang",
}
SETDA_KASUBBAG = (
    ("Bagian Pemerintahan", "Kepala Subbagian Otonomi Daerah dan Kerja Sama"),
    ("Bagian Hukum", "Kepala Subbagian Peraturan Perundang-undangan"),
    ("Bagian Kesejahteraan Rakyat", "Kepala Subbagian Kesejahteraan Masyarakat"),
    ("Bagian Perekonomian dan Sumber Daya Alam", "Kepala Subbagian Perekonomian"),
    ("Bagian Administrasi Pembangunan", "Kepala Subbagian Pengendalian Pembangunan"),
    ("Bagian Pengadaan Barang dan Jasa", "Kepala Subbagian Pengelolaan Pengadaan Barang dan Jasa"),
    ("Bagian Umum", "Kepala Subbagian Tata Usaha Pimpinan"),
    ("Bagian Umum", "Kepala Subbagian Rumah Tangga"),
    ("Bagian Umum", "Kepala Subbagian Keuangan"),
    ("Bagian Organisasi", "Kepala Subbagian Kelembagaan dan Analisis Jabatan"),
    ("Bagian Protokol dan Komunikasi Pimpinan", "Kepala Subbagian Protokol"),
)
KEC_PENGAWAS = ("Kepala Subbagian Umum dan Kepegawaian", "Kepala Seksi Pemerintahan",
                "Kepala Seksi Ketenteraman dan Ketertiban Umum", "Kepala Seksi Pemberdayaan Masyarakat",
                "Kepala Seksi Kesejahteraan Sosial")


# -- non-structural roles --------------------------------------------------------------------
KEAHLIAN = (("JF Ahli Pertama", .3), ("JF Ahli Muda", .5), ("JF Ahli Madya", .2))
KETERAMPILAN = (("JF Terampil", .4), ("JF Mahir", .4), ("JF Penyelia", .2))


@dataclass(frozen=True)
class Role:
    """A non-structural job family: JF (``jf`` + jenjang suffix) or a pelaksana post."""

    key: str
    weight: float                                   # share of non-structural staff
    opds: tuple[tuple[str, float], ...]             # (opd_id or '*' for staff-weighted, weight)
    jenjang: tuple[tuple[str, float], ...]          # PNS
    jf: str | None = None
    jabatan: str | None = None                      # pelaksana
    unit: str = "office"                            # sd, smp, tk, pkm, rsud, office
    pppk: float = 0.1
    paruh: float = 0.1                              # share of PPPK that are part-time
    jenjang_pppk: tuple[tuple[str, float], ...] = ()
    fields_s: tuple[tuple[str, float], ...] = GENERAL_S
    fields_d: tuple[tuple[str, float], ...] = GENERAL_D
    fields_a: tuple[tuple[str, float], ...] = GENERAL_A
    edu: dict = field(default_factory=dict)         # jenjang -> tier probabilities override
    female: float = 0.5
    group: str = "lain"                             # guru, kesehatan, lain, pelaksana


_ALL = (("*", 1.0),)
_GURU_PPPK = (("JF Ahli Pertama", .92), ("JF Ahli Muda", .08))
_SKILL_PPPK = (("JF Terampil", .6), ("JF Ahli Pertama", .4))
_SUBJECTS = (("Pendidikan Matematika", 2), ("Pendidikan Bahasa Indonesia", 2),
             ("Pendidikan Bahasa Inggris", 1.5), ("Pendidikan IPA", 2), ("Pendidikan IPS", 1.5),
             ("Pendidikan Agama Islam", 1.5), ("Pendidikan Jasmani", 1),
             ("Pendidikan Pancasila dan Kewarganegaraan", 1), ("Bimbingan dan Konseling", 1))
_KEAHLIAN_EDU = {"JF Ahli Pertama": (0, 0, 0, .93, .07, 0), "JF Ahli Muda": (0, 0, 0, .8, .2, 0),
                 "JF Ahli Madya": (0, 0, 0, .62, .36, .02)}
_HEALTH_MIX = (("JF Terampil", .25), ("JF Mahir", .2), ("JF Penyelia", .1), ("JF Ahli Pertama", .3),
               ("JF Ahli Muda", .15))
_NERS_EDU = {"JF Ahli Pertama": (0, 0, .1, .9, 0, 0), "JF Ahli Muda": (0, 0, .05, .85, .1, 0)}
_SMA_SKILL = {"JF Terampil": (.8, .2, 0, 0, 0, 0), "JF Mahir": (.7, .3, 0, 0, 0, 0),
              "JF Penyelia": (.6, .3, 0, .1, 0, 0)}

ROLES: tuple[Role, ...] = (
    # teachers (Dinas Pendidikan dan Kebudayaan)
    Role("guru_sd", .235, (("DINDIKBUD", 1),), (("JF Ahli Pertama", .3), ("JF Ahli Muda", .45),
         ("JF Ahli Madya", .25)), jf="Guru", unit="sd", pppk=.38, paruh=.08, jenjang_pppk=_GURU_PPPK,
         fields_s=(("Pendidikan Guru SD", 17), ("Pendidikan Agama Islam", 2), ("Pendidikan Jasmani", 1.5)),
         edu=_KEAHLIAN_EDU, female=.72, group="guru"),
    Role("guru_smp", .12, (("DINDIKBUD", 1),), (("JF Ahli Pertama", .3), ("JF Ahli Muda", .45),
         ("JF Ahli Madya", .25)), jf="Guru", unit="smp", pppk=.38, paruh=.08, jenjang_pppk=_GURU_PPPK,
         fields_s=_SUBJECTS, edu=_KEAHLIAN_EDU, female=.62, group="guru"),
    Role("guru_tk", .012, (("DINDIKBUD", 1),), (("JF Ahli Pertama", .4), ("JF Ahli Muda", .45),
         ("JF Ahli Madya", .15)), jf="Guru", unit="tk", pppk=.38, paruh=.08, jenjang_pppk=_GURU_PPPK,
         fields_s=(("Pendidikan Guru PAUD", 1),), edu=_KEAHLIAN_EDU, female=.97, group="guru"),
    Role("pengawas_sekolah", .006, (("DINDIKBUD", 1),), (("JF Ahli Muda", .4), ("JF Ahli Madya", .6)),
         jf="Pengawas Sekolah", pppk=0, fields_s=EDU_S, edu=_KEAHLIAN_EDU, female=.45, group="guru"),
    Role("penilik", .003, (("DINDIKBUD", 1),), (("JF Ahli Pertama", .3), ("JF Ahli Muda", .5),
         ("JF Ahli Madya", .2)), jf="Penilik", pppk=0, fields_s=EDU_S, female=.5, group="guru"),
    Role("pamong", .002, (("DINDIKBUD", 1),), KEAHLIAN, jf="Pamong Belajar", pppk=0, fields_s=EDU_S,
         group="guru"),
    # health (Dinas Kesehatan: puskesmas; RSUD)
    Role("perawat", .056, (("DINKES", .45), ("RSUD", .55)), _HEALTH_MIX, jf="Perawat", unit="pkm",
         pppk=.3, paruh=.1, jenjang_pppk=_SKILL_PPPK, fields_s=(("Keperawatan", 1),),
         fields_d=(("Keperawatan", 1),), edu=_NERS_EDU, female=.68, group="kesehatan"),
    Role("bidan", .04, (("DINKES", .7), ("RSUD", .3)), _HEALTH_MIX, jf="Bidan", unit="pkm", pppk=.3,
         paruh=.1, jenjang_pppk=_SKILL_PPPK, fields_s=(("Kebidanan", 1),), fields_d=(("Kebidanan", 1),),
         edu={"JF Ahli Pertama": (0, 0, .6, .4, 0, 0), "JF Ahli Muda": (0, 0, .5, .45, .05, 0)},
         female=1.0, group="kesehatan"),
    Role("dokter", .014, (("DINKES", .5), ("RSUD", .5)), (("JF Ahli Pertama", .4), ("JF Ahli Muda", .4),
         ("JF Ahli Madya", .2)), jf="Dokter", unit="pkm", pppk=.12, jenjang_pppk=(("JF Ahli Pertama", 1),),
         fields_s=(("Kedokteran", 1),), edu={j: (0, 0, 0, .7, .3, 0) for j in
                                              ("JF Ahli Pertama", "JF Ahli Muda", "JF Ahli Madya")},
         female=.6, group="kesehatan"),
    Role("dokter_gigi", .004, (("DINKES", .7), ("RSUD", .3)), (("JF Ahli Pertama", .5),
         ("JF Ahli Muda", .4), ("JF Ahli Madya", .1)), jf="Dokter Gigi", unit="pkm", pppk=.1,
         jenjang_pppk=(("JF Ahli Pertama", 1),), fields_s=(("Kedokteran Gigi", 1),),
         edu={j: (0, 0, 0, .9, .1, 0) for j in ("JF Ahli Pertama", "JF Ahli Muda", "JF Ahli Madya")},
         female=.7, group="kesehatan"),
    Role("apoteker", .004, (("DINKES", .5), ("RSUD", .5)), (("JF Ahli Pertama", .6), ("JF Ahli Muda", .4)),
         jf="Apoteker", unit="pkm", pppk=.2, jenjang_pppk=(("JF Ahli Pertama", 1),),
         fields_s=(("Farmasi", 1),), edu={"JF Ahli Pertama": (0, 0, 0, 1, 0, 0),
                                          "JF Ahli Muda": (0, 0, 0, .85, .15, 0)},
         female=.75, group="kesehatan"),
    Role("asisten_apoteker", .007, (("DINKES", .5), ("RSUD", .5)), KETERAMPILAN,
         jf="Asisten Apoteker", unit="pkm", pppk=.3, jenjang_pppk=(("JF Terampil", 1),),
         fields_d=(("Farmasi", 1),), edu={j: (0, 1, 0, 0, 0, 0) for j in JF_SUFFIX}, female=.75,
         group="kesehatan"),
    Role("pranata_lab", .007, (("DINKES", .5), ("RSUD", .5)), (("JF Terampil", .35), ("JF Mahir", .35),
         ("JF Ahli Pertama", .3)), jf="Pranata Laboratorium Kesehatan", unit="pkm", pppk=.3,
         jenjang_pppk=_SKILL_PPPK, fields_s=(("Analis Kesehatan", 1),), fields_d=(("Analis Kesehatan", 1),),
         edu={"JF Ahli Pertama": (0, 0, .7, .3, 0, 0)}, female=.6, group="kesehatan"),
    Role("nutrisionis", .006, (("DINKES", .6), ("RSUD", .4)), (("JF Terampil", .5), ("JF Ahli Pertama", .5)),
         jf="Nutrisionis", unit="pkm", pppk=.3, jenjang_pppk=_SKILL_PPPK, fields_s=(("Gizi", 1),),
         fields_d=(("Gizi", 1),), female=.8, group="kesehatan"),
    Role("sanitarian", .006, (("DINKES", .85), ("RSUD", .15)), (("JF Terampil", .4), ("JF Mahir", .3),
         ("JF Ahli Pertama", .3)), jf="Tenaga Sanitasi Lingkungan", unit="pkm", pppk=.3,
         jenjang_pppk=_SKILL_PPPK, fields_s=(("Kesehatan Lingkungan", 1),),
         fields_d=(("Kesehatan Lingkungan", 1),), female=.55, group="kesehatan"),
    Role("promkes", .004, (("DINKES", 1),), (("JF Ahli Pertama", .6), ("JF Ahli Muda", .4)),
         jf="Penyuluh Kesehatan Masyarakat", unit="pkm", pppk=.2, jenjang_pppk=(("JF Ahli Pertama", 1),),
         fields_s=(("Kesehatan Masyarakat", 1),), female=.65, group="kesehatan"),
    Role("epidemiolog", .002, (("DINKES", 1),), (("JF Ahli Pertama", .6), ("JF Ahli Muda", .4)),
         jf="Epidemiolog Kesehatan", pppk=.1, jenjang_pppk=(("JF Ahli Pertama", 1),),
         fields_s=(("Kesehatan Masyarakat", 1),), female=.6, group="kesehatan"),
    Role("admkes", .002, (("DINKES", 1),), (("JF Ahli Pertama", .5), ("JF Ahli Muda", .5)),
         jf="Administrator Kesehatan", pppk=.1, jenjang_pppk=(("JF Ahli Pertama", 1),),
         fields_s=(("Kesehatan Masyarakat", 3), ("Manajemen", 1)), female=.6, group="kesehatan"),
    Role("radiografer", .002, (("RSUD", 1),), (("JF Terampil", .6), ("JF Mahir", .4)),
         jf="Radiografer", unit="rsud", pppk=.3, jenjang_pppk=(("JF Terampil", 1),),
         fields_d=(("Radiologi", 1),), fields_s=(("Radiologi", 1),), female=.45, group="kesehatan"),
    Role("rekam_medis", .004, (("RSUD", .6), ("DINKES", .4)), (("JF Terampil", .6), ("JF Mahir", .4)),
         jf="Perekam Medis", unit="pkm", pppk=.3, jenjang_pppk=(("JF Terampil", 1),),
         fields_d=(("Rekam Medis", 1),), fields_s=(("Rekam Medis", 1),), female=.65, group="kesehatan"),
    Role("fisioterapis", .001, (("RSUD", 1),), (("JF Terampil", .6), ("JF Mahir", .4)),
         jf="Fisioterapis", unit="rsud", pppk=.3, jenjang_pppk=(("JF Terampil", 1),),
         fields_d=(("Fisioterapi", 1),), fields_s=(("Fisioterapi", 1),), female=.6, group="kesehatan"),
    # other JF
    Role("analis_kebijakan", .013, (("SETDA", .35), ("BAPPEDA", .15), ("*", .5)), KEAHLIAN,
         jf="Analis Kebijakan", pppk=0, edu=_KEAHLIAN_EDU),
    Role("perencana", .005, (("BAPPEDA", .6), ("*", .4)), KEAHLIAN, jf="Perencana", pppk=0,
         fields_s=(("Perencanaan Wilayah dan Kota", 3), ("Ekonomi Pembangunan", 3), ("Statistika", 1),
                   ("Teknik Sipil", 1)), edu=_KEAHLIAN_EDU),
    Role("auditor", .006, (("INSPEKTORAT", 1),), KEAHLIAN, jf="Auditor", pppk=0,
         fields_s=(("Akuntansi", 5), ("Manajemen", 2), ("Hukum", 1)), edu=_KEAHLIAN_EDU),
    Role("p2upd", .004, (("INSPEKTORAT", 1),), KEAHLIAN,
         jf="Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", pppk=0,
         fields_s=(("Ilmu Pemerintahan", 3), ("Hukum", 2), ("Administrasi Negara", 2)), edu=_KEAHLIAN_EDU),
    Role("pranata_komputer", .005, (("DISKOMINFO", .5), ("*", .5)), (("JF Terampil", .2), ("JF Mahir", .1),
         ("JF Ahli Pertama", .45), ("JF Ahli Muda", .25)), jf="Pranata Komputer", pppk=.2,
         jenjang_pppk=_SKILL_PPPK, fields_s=(("Informatika", 3), ("Sistem Informasi", 2)),
         fields_d=(("Manajemen Informatika", 2), ("Informatika", 1))),
    Role("humas", .003, (("DISKOMINFO", .5), ("SETDA", .5)), KEAHLIAN, jf="Pranata Hubungan Masyarakat",
         pppk=.1, jenjang_pppk=(("JF Ahli Pertama", 1),), fields_s=(("Ilmu Komunikasi", 1),)),
    Role("statistisi", .001, (("DISKOMINFO", .6), ("BAPPEDA", .4)), KEAHLIAN, jf="Statistisi", pppk=0,
         fields_s=(("Statistika", 1),)),
    Role("arsiparis", .004, (("DISPUSIP", .4), ("*", .6)), (("JF Terampil", .35), ("JF Mahir", .2),
         ("JF Ahli Pertama", .3), ("JF Ahli Muda", .15)), jf="Arsiparis", pppk=.2,
         jenjang_pppk=_SKILL_PPPK, fields_d=(("Administrasi Perkantoran", 1),)),
    Role("pustakawan", .003, (("DISPUSIP", .7), ("DINDIKBUD", .3)), (("JF Terampil", .4), ("JF Mahir", .2),
         ("JF Ahli Pertama", .3), ("JF Ahli Muda", .1)), jf="Pustakawan", pppk=.2,
         jenjang_pppk=_SKILL_PPPK, fields_s=(("Ilmu Perpustakaan", 1),), fields_d=(("Ilmu Perpustakaan", 1),)),
    Role("analis_sdm", .004, (("BKPSDM", .7), ("*", .3)), KEAHLIAN, jf="Analis Sumber Daya Manusia Aparatur",
         pppk=0, fields_s=(("Administrasi Negara", 3), ("Psikologi", 1), ("Manajemen", 2), ("Hukum", 1))),
    Role("asesor_sdm", .001, (("BKPSDM", 1),), KEAHLIAN, jf="Asesor Sumber Daya Manusia Aparatur", pppk=0,
         fields_s=(("Psikologi", 1),)),
    Role("penyuluh_pertanian", .005, (("DISPERTAN", .8), ("DKP", .2)), (("JF Terampil", .3), ("JF Mahir", .2),
         ("JF Ahli Pertama", .3), ("JF Ahli Muda", .2)), jf="Penyuluh Pertanian", pppk=.4,
         jenjang_pppk=_SKILL_PPPK, fields_s=(("Agribisnis", 2), ("Agroteknologi", 2), ("Peternakan", 1)),
         fields_d=(("Agribisnis", 1),)),
    Role("polpp", .011, (("SATPOLPP", 1),), (("JF Terampil", .35), ("JF Mahir", .3), ("JF Penyelia", .15),
         ("JF Ahli Pertama", .15), ("JF Ahli Muda", .05)), jf="Polisi Pamong Praja", pppk=.1,
         jenjang_pppk=(("JF Terampil", 1),), fields_s=(("Hukum", 2), ("Ilmu Pemerintahan", 2)),
         edu=_SMA_SKILL, female=.15),
    Role("damkar", .005, (("DAMKAR", 1),), (("JF Terampil", .45), ("JF Mahir", .35), ("JF Penyelia", .2)),
         jf="Pemadam Kebakaran", pppk=.2, jenjang_pppk=(("JF Terampil", 1),), edu=_SMA_SKILL, female=.05),
    Role("analis_keuangan", .006, (("BPKAD", .6), ("BAPENDA", .4)), KEAHLIAN,
         jf="Analis Keuangan Pusat dan Daerah", pppk=0, fields_s=FIN_S),
    Role("pbj", .002, (("SETDA", 1),), KEAHLIAN, jf="Pengelola Pengadaan Barang/Jasa", pppk=0,
         fields_s=(("Manajemen", 2), ("Teknik Sipil", 1), ("Akuntansi", 1), ("Hukum", 1))),
    Role("penyuluh_kb", .003, (("DP3AKB", 1),), KEAHLIAN, jf="Penyuluh Keluarga Berencana", pppk=.3,
         jenjang_pppk=(("JF Ahli Pertama", 1),), fields_s=(("Kesehatan Masyarakat", 2), ("Sosiologi", 1)),
         female=.7),
    Role("peksos", .003, (("DINSOS", 1),), KEAHLIAN, jf="Pekerja Sosial", pppk=.3,
         jenjang_pppk=(("JF Ahli Pertama", 1),), fields_s=(("Kesejahteraan Sosial", 3), ("Sosiologi", 1))),
    Role("dampak_lingkungan", .002, (("DLH", 1),), KEAHLIAN, jf="Pengendali Dampak Lingkungan", pppk=0,
         fields_s=(("Teknik Lingkungan", 3), ("Kesehatan Masyarakat", 1))),
    Role("penguji_kendaraan", .003, (("DISHUB", 1),), KETERAMPILAN, jf="Penguji Kendaraan Bermotor",
         pppk=.1, jenjang_pppk=(("JF Terampil", 1),), fields_d=(("Teknik Mesin", 1),),
         edu={j: (.3, .7, 0, 0, 0, 0) for j in JF_SUFFIX}, female=.1),
    Role("jalan_jembatan", .003, (("DPUPR", 1),), KEAHLIAN, jf="Teknik Jalan dan Jembatan", pppk=.1,
         jenjang_pppk=(("JF Ahli Pertama", 1),), fields_s=(("Teknik Sipil", 1),), female=.25),
    Role("penata_ruang", .001, (("DPUPR", 1),), KEAHLIAN, jf="Penata Ruang", pppk=0,
         fields_s=(("Perencanaan Wilayah dan Kota", 2), ("Arsitektur", 1))),
    Role("tata_bangunan", .002, (("DISPERKIM", 1),), KEAHLIAN, jf="Teknik Tata Bangunan dan Perumahan",
         pppk=.1, jenjang_pppk=(("JF Ahli Pertama", 1),), fields_s=(("Arsitektur", 1), ("Teknik Sipil", 1))),
    Role("adminduk", .003, (("DISDUKCAPIL", 1),), (("JF Terampil", .3), ("JF Mahir", .2),
         ("JF Ahli Pertama", .35), ("JF Ahli Muda", .15)), jf="Administrator Database Kependudukan",
         pppk=.2, jenjang_pppk=_SKILL_PPPK, fields_s=(("Informatika", 1), ("Sistem Informasi", 1)),
         fields_d=(("Manajemen Informatika", 1),)),
    Role("psm", .004, tuple((KEC_ID[k], 1.0) for k in KECAMATAN), KEAHLIAN,
         jf="Penggerak Swadaya Masyarakat", pppk=.1, jenjang_pppk=(("JF Ahli Pertama", 1),), fields_s=GOV_S),
    Role("analis_perdagangan", .001, (("DISPERINDAG", 1),), KEAHLIAN, jf="Analis Perdagangan", pppk=0,
         fields_s=FIN_S),
    Role("pengawas_koperasi", .001, (("DINKOPUKM", 1),), KEAHLIAN, jf="Pengawas Koperasi", pppk=0,
         fields_s=FIN_S),
    Role("mediator", .001, (("DISNAKER", 1),), KEAHLIAN, jf="Mediator Hubungan Industrial", pppk=0,
         fields_s=(("Hukum", 2), ("Manajemen", 1))),
    Role("pengantar_kerja", .001, (("DISNAKER", 1),), KEAHLIAN, jf="Pengantar Kerja", pppk=0),
    Role("analis_pangan", .001, (("DKP", 1),), KEAHLIAN, jf="Analis Ketahanan Pangan", pppk=0,
         fields_s=(("Teknologi Pangan", 1), ("Agribisnis", 1))),
    Role("penata_perizinan", .002, (("DPMPTSP", 1),), KEAHLIAN, jf="Penata Perizinan", pppk=0),
    # pelaksana
    Role("pel_pengadministrasi", .099, _ALL, (("Pelaksana", 1),), jabatan="Pengadministrasi Perkantoran",
         pppk=.3, paruh=.75, edu={"Pelaksana": (.8, .2, 0, 0, 0, 0)}, group="pelaksana"),
    Role("pel_operator", .07, _ALL, (("Pelaksana", 1),), jabatan="Operator Layanan Operasional",
         pppk=.35, paruh=.75, edu={"Pelaksana": (1, 0, 0, 0, 0, 0)}, female=.35, group="pelaksana"),
    Role("pel_pengelola", .05, _ALL, (("Pelaksana", 1),), jabatan="Pengelola Layanan Operasional",
         pppk=.3, paruh=.7, edu={"Pelaksana": (.1, .9, 0, 0, 0, 0)}, group="pelaksana"),
    Role("pel_penata", .046, _ALL, (("Pelaksana", 1),), jabatan="Penata Layanan Operasional",
         pppk=.3, paruh=.7, edu={"Pelaksana": (0, 0, .05, .85, .1, 0)}, group="pelaksana"),
    Role("pel_penelaah", .045, _ALL, (("Pelaksana", 1),), jabatan="Penelaah Teknis Kebijakan",
         pppk=.1, paruh=.5, edu={"Pelaksana": (0, 0, .03, .8, .17, 0)}, group="pelaksana"),
)
ROLE_BY_KEY = {r.key: r for r in ROLES}

# -- performance ------------------------------------------------------------------------------
PREDIKAT = ("Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")
# thresholds on a standard normal score: 15 % / 70 % / 10 % / 4 % / 1 %
PREDIKAT_CUTS = (1.0364, -1.0364, -1.6449, -2.3263)
K_CODES = ("k_integritas", "k_kerja_sama", "k_komunikasi", "k_orientasi_hasil", "k_pelayanan_publik",
           "k_pengembangan_diri", "k_mengelola_perubahan", "k_pengambilan_keputusan", "k_perekat_bangsa")
K_OFFSET = np.array([.25, .1, 0, 0, .1, -.1, -.2, -.25, .2])
P_CODES = ("p_kemampuan_intelektual", "p_interpersonal", "p_kesadaran_diri", "p_berpikir_kritis",
           "p_problem_solving", "p_kecerdasan_emosi", "p_growth_mindset", "p_motivasi_komitmen")
P_OFFSET = np.array([0, .1, .05, -.15, -.1, .05, .05, .15])
DL_CODES = ("dl_digital_skills", "dl_digital_culture", "dl_digital_ethics", "dl_digital_safety")
ES_CODES = ("es_analytical_thinking", "es_problem_solving", "es_creativity", "es_leadership",
            "es_service_orientation", "es_adaptability", "es_emotional_intelligence",
            "es_continuous_learning", "es_troubleshooting_ux", "es_technology_design",
            "es_technology_use", "es_system_analysis")
# Tuned so that, with the default potential weights and the 90/78 cut-offs, about a fifth of
# the assessed are 'tinggi' and well over half 'menengah', with aspects averaging ~3.6 of 5
# (see tests/test_synthetic.py).
P_MEAN = 3.5                 # potential aspects: P_MEAN + P_COEF * latent potential (+ education)
P_COEF = 0.45
OFFICIAL_SHIFT = (0.25, 0.35, 0.25)   # officials' head start in performance, potential, competence

# -- small helpers -----------------------------------------------------------------------------


def _objframe(data: dict) -> pd.DataFrame:
    """DataFrame keeping text in plain object columns: pandas 3 would convert every text column
    to Arrow strings at once, which is slow for the many intermediate frames; :func:`_clean`
    converts the final frames once."""
    n = next(len(v) for v in data.values() if isinstance(v, (np.ndarray, list, pd.Series)))
    cols = {}
    for k, v in data.items():
        if isinstance(v, np.ndarray) and v.dtype.kind in "OU":
            cols[k] = pd.Series(v.astype(object), dtype=object)
        elif isinstance(v, list):
            cols[k] = pd.Series(np.array(v, dtype=object), dtype=object)
        elif isinstance(v, str) or v is None:
            cols[k] = pd.Series(np.full(n, v, dtype=object), dtype=object)
        else:
            cols[k] = v
    return pd.DataFrame(cols)


def _txt(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _d(text: str) -> np.datetime64:
    return np.datetime64(text, "D")


def _month_start(d: np.ndarray) -> np.ndarray:
    return d.astype("datetime64[M]").astype("datetime64[D]")


def _add_months(d: np.ndarray, months) -> np.ndarray:
    return (d.astype("datetime64[M]") + np.asarray(months, dtype=np.int64)).astype("datetime64[D]")


def _year(d: np.ndarray) -> np.ndarray:
    return d.astype("datetime64[Y]").astype(np.int64) + 1970


def _month(d: np.ndarray) -> np.ndarray:
    return d.astype("datetime64[M]").astype(np.int64) % 12 + 1


def _ymd(y, m, d=1) -> np.ndarray:
    ym = (np.asarray(y, dtype=np.int64) - 1970) * 12 + np.asarray(m, dtype=np.int64) - 1
    return ym.astype("datetime64[M]").astype("datetime64[D]") + (np.asarray(d, dtype=np.int64) - 1)


def _uniform_dates(rng: np.random.Generator, lo, hi, n: int) -> np.ndarray:
    """Uniform dates in [lo, hi] (element-wise bounds allowed)."""
    lo = np.broadcast_to(np.asarray(lo, dtype="datetime64[D]"), (n,))
    hi = np.broadcast_to(np.asarray(hi, dtype="datetime64[D]"), (n,))
    span = np.maximum((hi - lo).astype(np.int64), 0)
    return lo + np.floor(rng.random(n) * (span + 1)).astype(np.int64)


def _choice(rng: np.random.Generator, items, weights, n: int) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    idx = rng.choice(len(items), size=n, p=w / w.sum())
    return np.asarray(items, dtype=object)[idx]


def _pick_tier(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One education tier per row from an (n, 6) probability matrix."""
    cum = np.cumsum(probs / probs.sum(axis=1, keepdims=True), axis=1)
    return np.minimum((rng.random(len(probs))[:, None] > cum).sum(axis=1), 5)


def _snap_gol_date(d: np.ndarray) -> np.ndarray:
    """Golongan promotions take effect on 1 April or 1 October."""
    y, m = _year(d), _month(d)
    return _ymd(y, np.where(m <= 6, 4, 10))


def _structural_posts(scale: float) -> pd.DataFrame:
    """One row per structural post; Administrator/Pengawas posts scale with ``scale``."""
    jpt, adm, pgw = [], [], []
    setda = OPD_BY_ID["SETDA"]
    jpt.append(("Sekretaris Daerah", "II.a", "SETDA", setda.nama, None, setda.fields))
    for name, bidang in SETDA_JPT:
        jpt.append((name, "II.b", "SETDA", setda.nama, bidang, setda.fields))
    for o in OPDS:
        if o.opd_id == "SETDA":
            continue
        if o.head:
            jpt.append((o.head, "II.b", o.opd_id, o.nama, o.bidang_target, o.fields))
        if o.kelompok == "kecamatan":
            kec = o.nama.removeprefix("Kecamatan ")
            adm.append((f"Camat {kec}", "III.a", o.opd_id, o.nama, o.fields))
            adm.append((f"Sekretaris Kecamatan {kec}", "III.b", o.opd_id, o.nama, o.fields))
            for title in KEC_PENGAWAS:
                pgw.append((title, "IV.b" if "Subbagian" in title else "IV.a", o.opd_id, o.nama, o.fields))
            for unit in o.units[1:]:
                pgw.append((f"Lurah {unit.removeprefix('Kelurahan ')}", "IV.a", o.opd_id, unit, o.fields))
            continue
        if o.opd_id == "DPRD":
            for unit in o.units:
                adm.append((f"Kepala {unit}", "III.a", o.opd_id, unit, o.fields))
            for title in ("Kepala Subbagian Tata Usaha dan Kepegawaian", "Kepala Subbagian Keuangan",
                          "Kepala Subbagian Rumah Tangga dan Perlengkapan"):
                pgw.append((title, "IV.a", o.opd_id, o.units[0], o.fields))
            continue
        if o.opd_id == "INSPEKTORAT":
            adm.append(("Sekretaris Inspektorat", "III.a", o.opd_id, "Sekretariat", o.fields))
            for unit in o.units[1:]:
                adm.append((unit, "III.a", o.opd_id, unit, o.fields))
        elif o.opd_id == "RSUD":
            adm.append(("Wakil Direktur Umum dan Keuangan", "III.a", o.opd_id, "Bagian Umum dan Keuangan",
                        o.fields))
            adm.append(("Wakil Direktur Pelayanan", "III.a", o.opd_id,
                        "Bidang Pelayanan Medis dan Keperawatan", o.fields))
            for title, unit in (("Kepala Seksi Pelayanan Medis", "Bidang Pelayanan Medis dan Keperawatan"),
                                ("Kepala Seksi Keperawatan", "Bidang Pelayanan Medis dan Keperawatan"),
                                ("Kepala Subbagian Kepegawaian", "Bagian Umum dan Keuangan"),
                                ("Kepala Subbagian Keuangan", "Bagian Umum dan Keuangan")):
                pgw.append((title, "IV.a", o.opd_id, unit, o.fields))
        else:
            adm.append((f"Sekretaris {o.nama}", "III.a", o.opd_id,
                        "Sekretariat", o.fields))
        for unit in o.kabid:
            adm.append((f"Kepala {unit}", "III.a", o.opd_id, unit, o.fields))
        for unit in o.uptd:
            pgw.append((f"Kepala {unit}", "IV.a", o.opd_id, unit, o.fields))
        for title in o.kasubbag:
            pgw.append((title, "IV.b" if title.endswith("Keuangan") else "IV.a", o.opd_id, "Sekretariat",
                        o.fields))
    for unit in setda.units:
        adm.append((f"Kepala {unit}", "III.a", "SETDA", unit, setda.fields))
    for unit, title in SETDA_KASUBBAG:
        pgw.append((title, "IV.a", "SETDA", unit, setda.fields))

    def scaled(rows: list) -> list:
        count = max(2, int(round(len(rows) * scale)))
        if count <= len(rows):
            keep = np.unique(np.linspace(0, len(rows) - 1, count).round().astype(int))
            return [(*rows[i], 0) for i in keep]
        out = []
        copy = 0
        while len(out) < count:
            for r in rows:
                if len(out) >= count:
                    break
                out.append((*r, copy))
            copy += 1
        return out

    records = []
    for name, eselon, opd_id, unit, bidang, fields in jpt:
        records.append(dict(jabatan=name, jenjang="JPT Pratama", eselon=eselon, opd_id=opd_id,
                            unit_kerja=unit, bidang_target=bidang, fields=fields, replica=0))
    for rows, jenjang in ((adm, "Administrator"), (pgw, "Pengawas")):
        for name, eselon, opd_id, unit, fields, copy in scaled(rows):
            records.append(dict(jabatan=name, jenjang=jenjang, eselon=eselon, opd_id=opd_id,
                                unit_kerja=unit if copy == 0 else f"{unit} {copy + 1}",
                                bidang_target=None, fields=fields, replica=copy))
    posts = pd.DataFrame(records)
    admin_target = posts["jabatan"].map(TARGET_ADMIN).where(posts["jabatan"].isin(list(TARGET_ADMIN)))
    posts["bidang_target"] = posts["bidang_target"].where(posts["bidang_target"].notna(), admin_target)
    posts["bidang_target"] = posts["bidang_target"].astype(object).where(posts["bidang_target"].notna(), None)
    posts["vacant_2025"] = posts["jabatan"].isin(VACANT_JPT) & (posts["jenjang"] == "JPT Pratama")
    return posts


def _school_units(scale: float) -> dict[str, list[str]]:
    sd = []
    for kec, count in SD_PER_KEC.items():
        sd += [f"SDN {kec} {i}" for i in range(1, max(1, int(round(count * scale))) + 1)]
    smp = [f"SMPN {i} Kota Serang" for i in range(1, max(2, int(round(SMP_COUNT * scale))) + 1)]
    tk = ["TK Negeri Pembina Kota Serang"] + [f"TK Negeri {i} Kota Serang"
                                               for i in range(1, max(1, int(round(5 * scale))) + 1)]
    return {"sd": sd, "smp": smp, "tk": tk}


# -- people ------------------------------------------------------------------------------------
_TITLES = np.array([[FIELDS[f][k] for k in range(5)] for f in FIELD_NAMES], dtype=object)  # d3 d4 s1 s2 depan


def _fields_for(rng: np.random.Generator, tiers: np.ndarray, pools: tuple) -> np.ndarray:
    """Field index per row: S pool for D4+, D pool for D3, A pool for SMA."""
    pool_s, pool_d, pool_a = pools
    out = np.empty(len(tiers), dtype=np.int64)
    for pool, mask in ((pool_s, tiers >= D4), (pool_d, tiers == D3), (pool_a, tiers == SMA)):
        k = int(mask.sum())
        if k:
            names, weights = zip(*pool)
            out[mask] = [FIELD_INDEX[f] for f in _choice(rng, names, weights, k)]
    return out


def _fix_tiers(tiers: np.ndarray, fields: np.ndarray) -> np.ndarray:
    """Make (tier, field) pairs that have a degree title."""
    t = tiers.copy()
    d3, d4, s1, depan = (_TITLES[fields, i] != None for i in (0, 1, 2, 4))  # noqa: E711
    has_s = s1 | depan
    t = np.where((t == D4) & ~d4, np.where(s1 | depan, S1, D3), t)
    t = np.where((t >= S1) & ~has_s, np.where(d4, D4, D3), t)
    return t


def _ages(rng: np.random.Generator, lo, hi, a, b) -> np.ndarray:
    """Integer ages in [lo, hi] with a Beta(a, b) shape (element-wise parameters)."""
    lo, hi = np.asarray(lo), np.asarray(hi)
    x = rng.beta(a, b)
    return (lo + np.floor(x * (hi - lo + 1))).astype(np.int64).clip(lo, hi)


def _age_params(jenjang: np.ndarray, pppk: np.ndarray) -> tuple[np.ndarray, ...]:
    table = np.array([AGE_RANGE[j] for j in jenjang], dtype=float) if len(jenjang) else np.zeros((0, 4))
    table[pppk] = PPPK_AGE
    return table[:, 0], table[:, 1], table[:, 2], table[:, 3]


def _new_people(rng: np.random.Generator, n: int, female_p: np.ndarray, officials: np.ndarray) -> dict:
    """Latent traits for n people (performance/potential corr. ~0.3)."""
    z = rng.standard_normal((n, 4))
    perf = z[:, 0]
    pot = 0.3 * perf + np.sqrt(1 - 0.09) * z[:, 1]
    comp = 0.6 * pot + 0.8 * z[:, 2]
    dig = 0.3 * pot + 0.95 * z[:, 3]
    perf = perf + OFFICIAL_SHIFT[0] * officials
    pot = pot + OFFICIAL_SHIFT[1] * officials
    comp = comp + OFFICIAL_SHIFT[2] * officials
    return dict(female=rng.random(n) < female_p, perf=perf, pot=pot, comp=comp, dig=dig)


def _units_for(rng: np.random.Generator, role: Role, opd_ids: np.ndarray, schools: dict) -> np.ndarray:
    out = np.empty(len(opd_ids), dtype=object)
    for opd_id in np.unique(opd_ids):
        mask = opd_ids == opd_id
        k = int(mask.sum())
        o = OPD_BY_ID[opd_id]
        if role.unit in ("sd", "smp", "tk"):
            out[mask] = _choice(rng, schools[role.unit], np.ones(len(schools[role.unit])), k)
            continue
        if role.unit == "rsud" or opd_id == "RSUD":
            out[mask] = _choice(rng, RSUD_UNITS, np.r_[np.full(8, 3.0), 1, 1], k)
            continue
        if role.unit == "pkm" and opd_id == "DINKES":
            pool = list(PUSKESMAS) + list(o.units)
            w = np.r_[np.full(len(PUSKESMAS), 6.0), np.ones(len(o.units))]
            out[mask] = _choice(rng, pool, w, k)
            continue
        if role.group == "pelaksana" and opd_id == "DINDIKBUD":
            pool = schools["sd"] + schools["smp"] + list(o.units)
            w = np.r_[np.full(len(schools["sd"]), 1.0), np.full(len(schools["smp"]), 2.5),
                      np.full(len(o.units), 0.3 * len(schools["sd"]) / len(o.units))]
            out[mask] = _choice(rng, pool, w, k)
            continue
        if role.group == "pelaksana" and opd_id == "DINKES":
            pool = list(PUSKESMAS) + list(o.units)
            w = np.r_[np.full(len(PUSKESMAS), 2.0), np.ones(len(o.units))]
            out[mask] = _choice(rng, pool, w, k)
            continue
        if o.kelompok == "kecamatan":
            w = np.r_[len(o.units) * 0.6, np.ones(len(o.units) - 1)]
            out[mask] = _choice(rng, o.units, w, k)
            continue
        out[mask] = _choice(rng, o.units, np.ones(len(o.units)), k)
    return out


def _staff_opds(rng: np.random.Generator, k: int) -> np.ndarray:
    """OPD of general staff, weighted by each OPD's staff share."""
    ids = [o.opd_id for o in OPDS]
    w = np.array([o.staff_weight for o in OPDS])
    return _choice(rng, ids, w, k)


def _nonstructural(rng: np.random.Generator, total: int, schools: dict, entrant: bool = False) -> pd.DataFrame:
    """Teachers, health staff, other JF and pelaksana, sampled from the role catalog."""
    weights = np.array([r.weight for r in ROLES])
    if entrant:   # newcomers start at an entry level
        weights = weights * np.array([any(j in ENTRY_LEVELS for j, _ in r.jenjang) for r in ROLES])
    counts = rng.multinomial(total, weights / weights.sum())
    parts = []
    for role, k in zip(ROLES, counts):
        if k == 0:
            continue
        opd_names, opd_w = zip(*role.opds)
        opd_ids = _choice(rng, opd_names, opd_w, k)
        star = opd_ids == "*"
        if star.any():
            opd_ids[star] = _staff_opds(rng, int(star.sum()))
        pppk = rng.random(k) < role.pppk
        paruh = pppk & (rng.random(k) < role.paruh)
        levels, lw = zip(*role.jenjang)
        if entrant:
            levels, lw = zip(*[(j, w) for j, w in role.jenjang if j in ENTRY_LEVELS])
        jenjang = _choice(rng, levels, lw, k)
        pppk_levels = [(j, w) for j, w in role.jenjang_pppk if not entrant or j in ENTRY_LEVELS]
        if pppk_levels and pppk.any():
            pl, pw = zip(*pppk_levels)
            jenjang[pppk] = _choice(rng, pl, pw, int(pppk.sum()))
        probs = np.array([role.edu.get(j) or (
            (0, 1, 0, 0, 0, 0) if role.group == "kesehatan" and j in ("JF Terampil", "JF Mahir", "JF Penyelia")
            else EDU[j]) for j in jenjang], dtype=float)
        tiers = _pick_tier(rng, probs)
        fields = _fields_for(rng, tiers, (role.fields_s, role.fields_d, role.fields_a))
        tiers = _fix_tiers(tiers, fields)
        if role.jf:
            jabatan = np.array([f"{role.jf} {JF_SUFFIX[j]}" for j in jenjang], dtype=object)
        else:
            jabatan = np.full(k, role.jabatan, dtype=object)
        parts.append(_objframe({
            "role": role.key, "group": role.group, "jabatan": jabatan, "jenjang": jenjang,
            "eselon": None, "opd_id": opd_ids, "unit_kerja": _units_for(rng, role, opd_ids, schools),
            "pppk": pppk, "paruh": paruh, "tier": tiers, "field": fields, "female_p": role.female,
            "post": -1,
        }))
    return pd.concat(parts, ignore_index=True)


def _officials(rng: np.random.Generator, posts: pd.DataFrame) -> pd.DataFrame:
    """One holder per structural post (the 2024 situation)."""
    k = len(posts)
    jenjang = posts["jenjang"].to_numpy(dtype=object)
    probs = np.array([EDU[j] for j in jenjang], dtype=float)
    kec = (posts["opd_id"].str.startswith("KEC-")).to_numpy()
    probs[kec] = (0, 0, .3, .45, .25, 0)                      # many lurah/camat are IPDN (S.STP)
    tiers = _pick_tier(rng, probs)
    fields = np.empty(k, dtype=np.int64)
    for key, idx in posts.groupby(posts["bidang_target"].fillna("") + "|" + posts["fields"].map(repr)).indices.items():
        row = posts.iloc[idx[0]]
        target = _txt(row["bidang_target"])
        pool_s = tuple((f, 1.0) for f in target.split(";")) if target else row["fields"]
        fields[idx] = _fields_for(rng, tiers[idx], (pool_s, GENERAL_D, GENERAL_A))
    # IPDN graduates hold D4 Ilmu Pemerintahan
    fields = np.where((tiers == D4) & kec, FIELD_INDEX["Ilmu Pemerintahan"], fields)
    tiers = _fix_tiers(tiers, fields)
    female_p = np.select([jenjang == "JPT Pratama", jenjang == "Administrator"], [.2, .3], .38)
    health = posts["opd_id"].isin(["DINKES", "RSUD"]).to_numpy()
    female_p = np.where(health, .5, female_p)
    return _objframe({
        "role": "", "group": "pejabat", "jabatan": posts["jabatan"].to_numpy(dtype=object),
        "jenjang": jenjang, "eselon": posts["eselon"].to_numpy(dtype=object),
        "opd_id": posts["opd_id"].to_numpy(dtype=object), "unit_kerja": posts["unit_kerja"].to_numpy(dtype=object),
        "pppk": False, "paruh": False, "tier": tiers, "field": fields, "female_p": female_p,
        "post": np.arange(k),
    })


def _careers(rng: np.random.Generator, p: pd.DataFrame, age: np.ndarray, ref_year: int,
             entrant: bool = False) -> dict:
    """Birth date, appointment, golongan and TMT dates as of the end of ``ref_year``."""
    n = len(p)
    tier = p["tier"].to_numpy()
    pppk = p["pppk"].to_numpy(dtype=bool)
    paruh = p["paruh"].to_numpy(dtype=bool)
    jen = p["jenjang"].to_numpy(dtype=object)
    birth_year = ref_year - age
    birth = _ymd(birth_year, 1, 1) + rng.integers(0, 365, n)
    # PNS: appointment age by education, at least a year before the reference year
    a_lo = np.array([19, 21, 22, 23, 24, 25])[tier]
    a_hi = np.array([28, 30, 30, 33, 35, 36])[tier]
    a0 = a_lo + rng.random(n) * (a_hi - a_lo)
    if entrant:
        tmt_cpns = np.full(n, _d(f"{ref_year}-06-01"))
    else:
        a0 = np.minimum(a0, age - 1.2)
        tmt_cpns = _month_start(birth + np.round(a0 * 365.25).astype(np.int64))
        tmt_cpns = np.minimum(tmt_cpns, _d(f"{ref_year}-03-01"))
    service = (_d(f"{ref_year}-12-31") - tmt_cpns).astype(np.int64) / 365.25
    lo = np.array([JENJANG[j][1] for j in jen])
    hi = np.array([JENJANG[j][2] for j in jen])
    hi = np.where(jen == "Pelaksana", np.minimum(hi, PELAKSANA_GOL_CAP[tier]), hi)
    start = GOL_START[tier]
    raw = start + np.floor(np.maximum(service, 0) / 4).astype(np.int64)
    gol = np.clip(raw, lo, np.maximum(hi, lo))
    if entrant:
        gol = np.clip(start, lo, np.maximum(hi, lo))
    raises = np.maximum(gol - start, 0)
    tmt_gol = _add_months(tmt_cpns, 48 * raises)
    forced = raw < gol                                  # the job needs a higher golongan
    recent = _uniform_dates(rng, np.maximum(tmt_cpns, _d(f"{ref_year - 4}-04-01")),
                            _d(f"{ref_year}-10-01"), n)
    tmt_gol = np.where(forced, recent, tmt_gol)
    tmt_gol = np.where(raises > 0, _snap_gol_date(tmt_gol), tmt_cpns)
    tmt_gol = np.clip(tmt_gol, tmt_cpns, _d(f"{ref_year}-10-01")) if not entrant else tmt_cpns
    # job since: structural 0-7 years ago, JF/pelaksana since appointment or a later step
    structural = np.isin(jen, ["JPT Pratama", "Administrator", "Pengawas"])
    lo_j = np.where(structural, np.maximum(_add_months(tmt_cpns, 96), _d(f"{ref_year - 7}-01-01")),
                    np.maximum(tmt_cpns, _d(f"{ref_year - 12}-01-01")))
    lo_j = np.minimum(lo_j, _d(f"{ref_year}-11-01"))
    tmt_jab = _month_start(_uniform_dates(rng, lo_j, _d(f"{ref_year}-11-01"), n))
    tmt_jab = np.maximum(tmt_jab, tmt_cpns)
    if entrant:
        tmt_jab = tmt_cpns
    # PPPK: NI year (formation) and appointment the following March (part-time: October)
    ni_year = np.where(rng.random(n) < 0.45, ref_year - 3, np.where(rng.random(n) < 0.55, ref_year - 2,
                                                                     ref_year - 1))
    if entrant:
        ni_year = np.full(n, ref_year - 1)
    if not entrant:                                     # part-time PPPK are recent appointments
        ni_year = np.where(paruh, np.maximum(ni_year, ref_year - 2), ni_year)
    tmt_pppk = np.where(paruh, _ymd(ni_year + 1, 10), _ymd(ni_year + 1, 3))
    if not entrant:
        tmt_pppk = np.minimum(tmt_pppk, _d(f"{ref_year}-10-01"))
    nat = np.datetime64("NaT", "D")
    return dict(
        birth=birth,
        tmt_cpns=np.where(pppk, nat, tmt_cpns),
        ni_year=np.where(pppk, ni_year, 0),
        gol=np.where(pppk, -1, gol),
        tmt_gol=np.where(pppk, tmt_pppk, tmt_gol),
        tmt_jab=np.where(pppk, tmt_pppk, tmt_jab),
    )


def _jenjang_bup(jenjang: np.ndarray) -> np.ndarray:
    return np.array([JENJANG[j][3] for j in jenjang], dtype=np.int64) if len(jenjang) else np.zeros(0, np.int64)


def _assign(rng: np.random.Generator, vac_opd: np.ndarray, cand_opd: np.ndarray, cand_score: np.ndarray,
            same_opd_share: float = 0.6) -> np.ndarray:
    """Candidate position per vacancy (-1 when none): best in the same OPD for some, else best left."""
    result = np.full(len(vac_opd), -1, dtype=np.int64)
    if len(vac_opd) == 0 or len(cand_opd) == 0:
        return result
    used = np.zeros(len(cand_opd), dtype=bool)
    same = rng.random(len(vac_opd)) < same_opd_share
    if same.any():
        order = np.lexsort((-cand_score, cand_opd))
        c = pd.DataFrame({"opd": cand_opd[order], "ci": order})
        c["r"] = c.groupby("opd", sort=False).cumcount()
        vi = np.flatnonzero(same)
        v = pd.DataFrame({"opd": vac_opd[vi], "vi": vi})
        v["r"] = v.groupby("opd", sort=False).cumcount()
        m = v.merge(c, on=["opd", "r"], how="inner")
        result[m["vi"].to_numpy()] = m["ci"].to_numpy()
        used[m["ci"].to_numpy()] = True
    open_ = np.flatnonzero(result < 0)
    if len(open_):
        free = np.flatnonzero(~used)
        free = free[np.argsort(-cand_score[free], kind="stable")][:len(open_)]
        result[open_[:len(free)]] = free
    return result


def _event_dates(rng: np.random.Generator, k: int) -> np.ndarray:
    """2025 installation dates: most officials were installed on 31 October 2025."""
    options = np.array(["2025-03-14", "2025-07-01", "2025-10-31"], dtype="datetime64[D]")
    return options[rng.choice(3, size=k, p=[.2, .2, .6])]


def _names(rng: np.random.Generator, female: np.ndarray) -> np.ndarray:
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


def _degrees(rng: np.random.Generator, tier: np.ndarray, field_idx: np.ndarray, female: np.ndarray,
             birth_year: np.ndarray, official: np.ndarray, specialist: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """gelar_depan and gelar_belakang consistent with education."""
    n = len(tier)
    d3, d4, s1, s2, depan0 = (_TITLES[field_idx, i] for i in range(5))
    none = np.full(n, None, dtype=object)
    s1_txt = np.where(s1 == None, "", s1)  # noqa: E711
    master = np.where(s1 == None, s2, s1_txt + ", " + np.where(s2 == None, "", s2))  # noqa: E711
    spec = np.array(SPECIALIST, dtype=object)[rng.integers(0, len(SPECIALIST), n)]
    master = np.where(specialist, spec, master)
    back = np.select([tier == SMA, tier == D3, tier == D4, tier == S1], [none, d3, d4, s1], master)
    front = np.where(tier >= S1, depan0, None)
    # older graduates: Drs./Dra. (social sciences) and Ir. (engineering, agriculture)
    names = np.array(FIELD_NAMES, dtype=object)[field_idx]
    old = (birth_year < 1972) & ((tier == S1) | (tier == S2)) & (rng.random(n) < 0.6)
    social = old & np.isin(names, list(OLD_SOCIAL))
    eng = old & np.isin(names, list(OLD_ENGINEERING))
    front = np.where(social, np.where(female, "Dra.", "Drs."), front)
    front = np.where(eng, "Ir.", front)
    back = np.where(social | eng, np.where(tier == S2, s2, None), back)
    # doctorate
    front = np.where(tier == S3, np.where(front == None, "Dr.", "Dr. " + np.where(front == None, "", front)),  # noqa: E711
                     front)
    # hajj title for some
    hajj = (front == None) & (rng.random(n) < np.where(official, 0.15, 0.03))  # noqa: E711
    front = np.where(hajj, np.where(female, "Hj.", "H."), front)
    return front, back


def _build_nips(rng: np.random.Generator, birth: np.ndarray, female: np.ndarray, pppk: np.ndarray,
                tmt_cpns: np.ndarray, ni_year: np.ndarray, paruh: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unique, valid 18-digit NIP / NI PPPK consistent with birth date, sex and kind."""
    by, bm = _year(birth), _month(birth)
    bd = (birth - _month_start(birth)).astype(np.int64) + 1
    birth_int = by * 10000 + bm * 100 + bd
    tmt_safe = np.where(pppk, _d("2000-01-01"), tmt_cpns)
    mid = np.where(pppk, ni_year * 100 + np.where(paruh, 24, 21), _year(tmt_safe) * 100 + _month(tmt_safe))
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


# -- the build ---------------------------------------------------------------------------------


def _move(rec: pd.DataFrame, rows: np.ndarray, posts: pd.DataFrame, post_ids: np.ndarray,
          dates: np.ndarray) -> None:
    """Put people (rows of ``rec``) into structural posts, in place."""
    if len(rows) == 0:
        return
    sel = posts.iloc[post_ids]
    for col in ("jabatan", "jenjang", "eselon", "opd_id", "unit_kerja"):
        rec.loc[rows, col] = sel[col].to_numpy(dtype=object)
    rec.loc[rows, "post"] = post_ids
    rec.loc[rows, "tmt_jab"] = dates
    rec.loc[rows, "role"] = ""
    rec.loc[rows, "group"] = "pejabat"
    lo = np.array([JENJANG[j][1] for j in sel["jenjang"]])
    gol = rec.loc[rows, "gol"].to_numpy()
    up = gol < lo
    if up.any():
        rec.loc[rows[up], "gol"] = lo[up]
        rec.loc[rows[up], "tmt_gol"] = _d("2025-10-01")


def build_demo(n_asn: int = 6000, seed: int = 20260105) -> dict[str, pd.DataFrame]:
    """Synthetic Kota Serang, periods 2024 and 2025, as frames keyed by table name.

    ``n_asn`` is the 2025 headcount (asn_period rows of 2025); the ``asn`` table also holds
    the people who left after 2024. Same seed, same frames.
    """
    if n_asn < MIN_N:
        raise ValueError(f"n_asn paling sedikit {MIN_N}.")
    rng = np.random.default_rng(seed)
    # two steps, so that the working arrays of the first are freed before the output tables are
    # built (at national size, 4.7M ASN, they would otherwise stay alive next to the tables)
    return _frames(rng, list(_people_and_records(rng, n_asn)), n_asn)


def _people_and_records(rng: np.random.Generator, n_asn: int) -> tuple:
    """Everyone (2024 staff and 2025 entrants), their 2024 and 2025 situations and the posts:
    (people, rec24, rec25, posts, holder25, entrant)."""
    scale = n_asn / BASE_N
    posts = _structural_posts(scale)
    schools = _school_units(scale)
    n_posts = len(posts)
    n_entrants = int(round(ENTRANT_SHARE * n_asn))
    base_total = n_asn + int(round(0.065 * n_asn)) + 20

    # -- 2024 ------------------------------------------------------------------------------
    base = pd.concat([_officials(rng, posts), _nonstructural(rng, base_total - n_posts, schools)],
                     ignore_index=True)
    n0 = len(base)
    official = (base["post"] >= 0).to_numpy()
    jen24 = base["jenjang"].to_numpy(dtype=object)
    pppk = base["pppk"].to_numpy(dtype=bool)
    lo, hi, a, b = _age_params(jen24, pppk)
    age24 = _ages(rng, lo, hi, a, b)
    # the 5 launch vacancies were held in 2024 by people who left (2 retired, 3 moved away);
    # 3 more JPT Pratama retire and are replaced by promotion
    jpt_rows = np.flatnonzero((posts["jenjang"] == "JPT Pratama").to_numpy())
    vacant_rows = np.flatnonzero(posts["vacant_2025"].to_numpy())
    others = np.setdiff1d(jpt_rows, np.r_[vacant_rows, 0])
    n_adm_posts = int((posts["jenjang"] == "Administrator").sum())
    extra = rng.choice(others, size=min(3, max(0, n_adm_posts - 1)), replace=False)
    retire_vacant = rng.choice(vacant_rows, size=2, replace=False)
    age24[np.r_[extra, retire_vacant]] = 59
    forced_leave = np.zeros(n0, dtype=bool)
    forced_leave[vacant_rows] = True
    forced_leave[extra] = True
    traits = _new_people(rng, n0, base["female_p"].to_numpy(dtype=float), official)
    base = base.assign(**traits)
    career = _careers(rng, base, age24, 2024)
    base = base.assign(**career, age24=age24)

    # -- who leaves after 2024 ---------------------------------------------------------------
    bup = _jenjang_bup(jen24)
    retire = age24 + 1 >= bup
    random_leave = rng.random(n0) < np.where(official, 0.012, 0.006)
    random_leave &= ~np.isin(jen24, ["JPT Pratama"])
    leaver = retire | random_leave | forced_leave
    continuing = ~leaver
    target_continuing = n_asn - n_entrants
    surplus = int(continuing.sum()) - target_continuing
    if surplus < 0:
        n_entrants -= surplus
        surplus = 0
    trim_pool = np.flatnonzero(continuing & ~official)
    trim = rng.choice(trim_pool, size=surplus, replace=False)
    keep = np.ones(n0, dtype=bool)
    keep[trim] = False
    base = base[keep].reset_index(drop=True)
    leaver = leaver[keep]
    official = official[keep]
    n0 = len(base)
    holder24 = np.full(n_posts, -1, dtype=np.int64)
    holder24[base.loc[official, "post"].to_numpy()] = np.flatnonzero(official)

    rec_cols = ["role", "group", "jabatan", "jenjang", "eselon", "opd_id", "unit_kerja", "post", "gol",
                "tmt_gol", "tmt_jab"]
    rec24 = base[rec_cols].copy()
    rec24["pid"] = np.arange(n0)

    # -- 2025: promotions, rotations, raises, mutations, entrants ------------------------------
    rec25 = rec24[~leaver].copy()
    rec25.index = rec25["pid"].to_numpy()
    age25 = base["age24"].to_numpy() + 1
    tier = base["tier"].to_numpy()
    score = base["pot"].to_numpy() + 0.5 * base["perf"].to_numpy() + 0.3 * rng.standard_normal(n0)
    field_name = np.array(FIELD_NAMES, dtype=object)[base["field"].to_numpy()]
    is_pns = ~base["pppk"].to_numpy(dtype=bool)
    holder25 = np.where((holder24 >= 0) & ~leaver[np.maximum(holder24, 0)], holder24, -1)
    holder25[posts["vacant_2025"].to_numpy()] = -1
    moved = np.zeros(n0, dtype=bool)          # changed post in 2025

    def current(jenjang: str) -> np.ndarray:
        r = rec25.index.to_numpy()
        return r[(rec25["jenjang"].to_numpy(dtype=object) == jenjang) & ~moved[r]]

    # JPT vacancies (except the five launch vacancies) <- Administrator
    jpt_open = [p for p in jpt_rows if holder25[p] < 0 and not posts.at[p, "vacant_2025"]]
    for p in jpt_open:
        cands = current("Administrator")
        cands = cands[is_pns[cands] & (age25[cands] <= 56) & (tier[cands] >= D4)]
        target = _txt(posts.at[p, "bidang_target"])
        if target:
            match = cands[np.isin(field_name[cands], target.split(";"))]
            cands = match if len(match) else cands
        if len(cands) == 0:
            continue
        best = cands[np.argmax(score[cands])]
        old_post = rec25.at[best, "post"]
        holder25[old_post] = -1
        _move(rec25, np.array([best]), posts, np.array([p]), _event_dates(rng, 1))
        holder25[p] = best
        moved[best] = True

    # Administrator and Pengawas vacancies, filled from the level below (same OPD preferred)
    for level, below, max_age, filt in (
        ("Administrator", "Pengawas", 55, None),
        ("Pengawas", None, 52, None),
    ):
        open_posts = np.flatnonzero((posts["jenjang"] == level).to_numpy() & (holder25 < 0))
        if below:
            cands = current(below)
            cands = cands[is_pns[cands] & (age25[cands] <= max_age) & (tier[cands] >= D4)]
        else:
            r = rec25.index.to_numpy()
            ok = (rec25["post"].to_numpy() < 0) & np.isin(
                rec25["jenjang"].to_numpy(dtype=object),
                ["Pelaksana", "JF Ahli Pertama", "JF Ahli Muda", "JF Penyelia"])
            ok &= rec25["group"].to_numpy(dtype=object) != "guru"
            ok &= rec25["gol"].to_numpy() >= 5
            cands = r[ok]
            cands = cands[is_pns[cands] & (age25[cands] >= 32) & (age25[cands] <= max_age)
                          & (tier[cands] >= D4)]
        # technical posts first: the best candidate from a matching field of study
        taken = np.zeros(len(cands), dtype=bool)
        tech_people, tech_posts = [], []
        for p in open_posts:
            target = _txt(posts.at[p, "bidang_target"])
            if not target:
                continue
            ok = ~taken & np.isin(field_name[cands], target.split(";"))
            if ok.any():
                best = np.flatnonzero(ok)[np.argmax(score[cands][ok])]
                taken[best] = True
                tech_people.append(cands[best])
                tech_posts.append(p)
        rest_posts = np.setdiff1d(open_posts, tech_posts)
        rest = cands[~taken]
        pick = _assign(rng, posts["opd_id"].to_numpy(dtype=object)[rest_posts],
                       rec25.loc[rest, "opd_id"].to_numpy(dtype=object), score[rest])
        ok = pick >= 0
        people = np.r_[np.array(tech_people, dtype=np.int64), rest[pick[ok]]]
        filled = np.r_[np.array(tech_posts, dtype=np.int64), rest_posts[ok]]
        old_posts = rec25.loc[people, "post"].to_numpy()
        holder25[old_posts[old_posts >= 0]] = -1
        _move(rec25, people, posts, filled, _event_dates(rng, len(people)))
        holder25[filled] = people
        moved[people] = True

    # rotations: ~8 % of Administrator/Pengawas who kept their post, plus two JPT swaps
    generalist = np.array([_txt(t) is None for t in posts["bidang_target"]], dtype=bool)
    for level, share in (("Administrator", 0.08), ("Pengawas", 0.08)):
        stay = current(level)
        stay = stay[generalist[rec25.loc[stay, "post"].to_numpy()]]
        k = int(round(len(stay) * share))
        if k >= 2:
            group = rng.choice(stay, size=k, replace=False)
            new_posts = np.roll(rec25.loc[group, "post"].to_numpy(), 1)
            _move(rec25, group, posts, new_posts, _event_dates(rng, k))
            holder25[new_posts] = group
            moved[group] = True
    jpt_stay = [r for r in current("JPT Pratama") if not _txt(posts.at[rec25.at[r, "post"], "bidang_target"])
                and posts.at[rec25.at[r, "post"], "jabatan"] != "Sekretaris Daerah"]
    if len(jpt_stay) >= 2:
        pair = rng.choice(np.array(jpt_stay), size=2, replace=False)
        new_posts = np.roll(rec25.loc[pair, "post"].to_numpy(), 1)
        _move(rec25, pair, posts, new_posts, _event_dates(rng, 2))
        holder25[new_posts] = pair
        moved[pair] = True

    # JF promotions (~6 %) and regular golongan raises
    idx = rec25.index.to_numpy()
    jen = rec25["jenjang"].to_numpy(dtype=object)
    role = rec25["role"].to_numpy(dtype=object)
    nxt = np.array([NEXT_JENJANG.get(j) for j in jen], dtype=object)
    allowed = np.array([r != "" and nx is not None and nx in dict(ROLE_BY_KEY[r].jenjang)
                        for r, nx in zip(role, nxt)], dtype=bool)
    nxt_bup = np.array([JENJANG[x][3] if x else 0 for x in nxt])
    promote = allowed & is_pns[idx] & ~moved[idx] & (age25[idx] < nxt_bup - 1) & (rng.random(len(idx)) < 0.06)
    if promote.any():
        rows = idx[promote]
        new_j = nxt[promote]
        rec25.loc[rows, "jenjang"] = new_j
        rec25.loc[rows, "jabatan"] = [f"{ROLE_BY_KEY[r].jf} {JF_SUFFIX[j]}" for r, j in zip(role[promote], new_j)]
        rec25.loc[rows, "tmt_jab"] = _month_start(_uniform_dates(rng, _d("2025-02-01"), _d("2025-11-01"),
                                                                 len(rows)))
        lo_new = np.array([JENJANG[j][1] for j in new_j])
        gol = rec25.loc[rows, "gol"].to_numpy()
        up = gol < lo_new
        rec25.loc[rows[up], "gol"] = lo_new[up]
        rec25.loc[rows[up], "tmt_gol"] = _d("2025-04-01")
        moved[rows] = True
    jen = rec25["jenjang"].to_numpy(dtype=object)
    gol = rec25["gol"].to_numpy()
    hi = np.array([JENJANG[j][2] for j in jen])
    hi = np.where(jen == "Pelaksana", np.minimum(hi, PELAKSANA_GOL_CAP[tier[idx]]), hi)
    tmt_gol = rec25["tmt_gol"].to_numpy(dtype="datetime64[D]")
    due = _add_months(tmt_gol, 48)
    raise_ = is_pns[idx] & (gol >= 0) & (gol < hi) & (due <= _d("2025-10-01")) & (tmt_gol < _d("2025-01-01"))
    raise_ &= rng.random(len(idx)) < 0.9
    rec25.loc[idx[raise_], "gol"] = gol[raise_] + 1
    rec25.loc[idx[raise_], "tmt_gol"] = np.maximum(_snap_gol_date(due[raise_]), _d("2025-04-01"))

    # mutations of staff between OPD (~1.5 %)
    grp = rec25["group"].to_numpy(dtype=object)
    mut = np.isin(grp, ["lain", "pelaksana"]) & ~moved[idx] & (rng.random(len(idx)) < 0.015)
    mut &= np.array([r != "" and ROLE_BY_KEY[r].opds == _ALL for r in role], dtype=bool)
    if mut.any():
        rows = idx[mut]
        new_opd = _staff_opds(rng, len(rows))
        rec25.loc[rows, "opd_id"] = new_opd
        rec25.loc[rows, "unit_kerja"] = _units_for(rng, ROLE_BY_KEY["pel_penata"], new_opd, schools)
        rec25.loc[rows, "tmt_jab"] = _month_start(_uniform_dates(rng, _d("2025-01-01"), _d("2025-11-01"),
                                                                 len(rows)))

    # new entrants (CPNS formation 2024 appointed June 2025; PPPK formation 2024)
    ent = _nonstructural(rng, n_entrants, schools, entrant=True)
    ent_pppk = ent["pppk"].to_numpy(dtype=bool)
    a_lo = np.array([20, 22, 23, 24, 26, 28])[ent["tier"].to_numpy()]
    ent_age = np.where(ent_pppk, rng.integers(25, 46, len(ent)),
                       a_lo + np.floor(rng.random(len(ent)) * (36 - a_lo)).astype(np.int64))
    ent = ent.assign(**_new_people(rng, len(ent), ent["female_p"].to_numpy(dtype=float),
                                   np.zeros(len(ent), dtype=bool)))
    ent = ent.assign(**_careers(rng, ent, ent_age, 2025, entrant=True), age24=ent_age - 1)
    ent_rec = ent[rec_cols].copy()
    ent_rec["pid"] = np.arange(n0, n0 + len(ent))
    ent_rec.index = ent_rec["pid"].to_numpy()
    people = pd.concat([base, ent], ignore_index=True)
    rec25 = pd.concat([rec25, ent_rec])
    entrant = np.r_[np.zeros(n0, dtype=bool), np.ones(len(ent), dtype=bool)]
    assert len(rec25) == n_asn, (len(rec25), n_asn)
    return people, rec24, rec25, posts, holder25, entrant


TARGET_ADMIN: dict[str, str | None] = {
    **{f"Camat {k}": "Ilmu Pemerintahan;Administrasi Negara;Administrasi Publik;Hukum" for k in KECAMATAN},
    "Sekretaris Dinas Pendidikan dan Kebudayaan": None,
    "Sekretaris Dinas Kesehatan": "Kedokteran;Kesehatan Masyarakat;Keperawatan",
    "Sekretaris Badan Pengelolaan Keuangan dan Aset Daerah": "Akuntansi;Manajemen;Ekonomi Pembangunan",
    "Sekretaris Badan Perencanaan Pembangunan Daerah": None,
    "Sekretaris Badan Pendapatan Daerah": "Akuntansi;Manajemen;Ekonomi Pembangunan",
    "Kepala Bagian Pengadaan Barang dan Jasa": None,
    "Kepala Bagian Hukum": "Hukum",
    "Kepala Bagian Organisasi": None,
}
VACANT_NOTE = ("Lowong; diisi dari kelompok rencana suksesi, bukan seleksi terbuka "
               "(peluncuran Manajemen Talenta ASN, 5 Januari 2026)")
DISCIPLINE = {
    "ringan": (("Teguran lisan", 0), ("Teguran tertulis", 0), ("Pernyataan tidak puas secara tertulis", 0)),
    "sedang": (("Pemotongan tunjangan kinerja 25% selama 6 bulan", 6),
               ("Pemotongan tunjangan kinerja 25% selama 9 bulan", 9),
               ("Pemotongan tunjangan kinerja 25% selama 12 bulan", 12)),
    "berat": (("Penurunan jabatan setingkat lebih rendah selama 12 bulan", 12),
              ("Pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 bulan", 12)),
}
DISCIPLINE_REASON = ("Tidak masuk kerja tanpa alasan yang sah", "Pelanggaran ketentuan jam kerja",
                     "Pelanggaran netralitas ASN", "Tidak mencapai target kinerja",
                     "Penyalahgunaan wewenang", "Pelanggaran kode etik")


def _performance(rng: np.random.Generator, rec: pd.DataFrame, period: int, perf: np.ndarray,
                 nip: np.ndarray) -> pd.DataFrame:
    """SKP result per person of the period: predikat, mostly with the consistent rating pair."""
    k = len(rec)
    pid = rec["pid"].to_numpy()
    y = 0.8 * perf[pid] + 0.6 * rng.standard_normal(k)
    cat = np.searchsorted(-np.array(PREDIKAT_CUTS), -y, side="right")   # 0 = Sangat Baik
    predikat = np.array(PREDIKAT, dtype=object)[cat]
    # rating pair consistent with rule_predikat_pair (Permen PANRB 6/2022)
    u = rng.random(k)
    pairs = {  # category -> ((hasil, perilaku), cumulative probability)
        0: ((("di atas", "di atas"), 1.0),),
        1: ((("di atas", "sesuai"), .12), (("sesuai", "di atas"), .25), (("sesuai", "sesuai"), 1.0)),
        2: ((("di bawah", "sesuai"), .85), (("di bawah", "di atas"), 1.0)),
        3: ((("sesuai", "di bawah"), .7), (("di atas", "di bawah"), 1.0)),
        4: ((("di bawah", "di bawah"), 1.0),),
    }
    hasil = np.empty(k, dtype=object)
    perilaku = np.empty(k, dtype=object)
    for c, options in pairs.items():
        done = np.zeros(k, dtype=bool)
        for (h, pr), cum in options:
            m = (cat == c) & ~done & (u < cum)
            hasil[m], perilaku[m] = h, pr
            done |= m
    no_pair = rng.random(k) < 0.1
    hasil = np.where(no_pair, None, hasil).astype(object)
    perilaku = np.where(no_pair, None, perilaku).astype(object)
    nan = np.full(k, np.nan)
    award = team = feedback = nan
    if period == 2025:
        official = rec["post"].to_numpy() >= 0
        has = official & (rng.random(k) < 0.75)
        p = perf[pid]
        award = np.where(has, np.clip(np.round((0.5 + 0.25 * p + 0.35 * rng.standard_normal(k)) * 4) * 25,
                                      0, 100), np.nan)
        team = np.where(has, np.clip(np.round(62 + 14 * p + 12 * rng.standard_normal(k)), 0, 100), np.nan)
        feedback = np.where(has, np.clip(np.round(78 + 7 * p + 6 * rng.standard_normal(k), 1), 0, 100), np.nan)
    return _objframe({
        "period": np.full(k, period, dtype=np.int64), "nip": nip[pid], "predikat": predikat,
        "hasil_kerja": hasil, "perilaku": perilaku, "nilai_legacy": nan, "penghargaan": award,
        "penugasan_tim": team, "umpan_balik": feedback,
    })


def _assessments(rng: np.random.Generator, people: pd.DataFrame, pids: np.ndarray, jenjang: np.ndarray,
                 period: int, sumber: str, lo: str, hi: str, nip: np.ndarray) -> pd.DataFrame:
    """Assessment results from latent competence/potential, education and job level."""
    k = len(pids)
    tier = people["tier"].to_numpy()[pids]
    comp = people["comp"].to_numpy()[pids]
    pot = people["pot"].to_numpy()[pids]
    dig = people["dig"].to_numpy()[pids]
    age = people["age24"].to_numpy()[pids] + (period - 2024)
    base = np.array([JENJANG[j][5] for j in jenjang])
    skj = np.array([JENJANG[j][4] for j in jenjang])
    level = (base + 0.5 * comp + np.array([-.15, -.05, .05, .05, .15, .25])[tier]
             + 0.12 * rng.standard_normal(k) + (0.05 if period == 2025 else 0.0))
    kk = np.clip(np.rint(level[:, None] + K_OFFSET + 0.45 * rng.standard_normal((k, 9))), 1, 5).astype(np.int8)
    jpm = np.round(kk.sum(axis=1) / (9 * skj) * 100, 2)
    plevel = P_MEAN + P_COEF * pot + np.array([-.2, -.1, 0, 0, .15, .25])[tier] + 0.1 * rng.standard_normal(k)
    pp = np.clip(np.round(plevel[:, None] + P_OFFSET + 0.35 * rng.standard_normal((k, 8)), 1), 1, 5)
    out = {"period": np.full(k, period, dtype=np.int64), "nip": nip[pids],
           "sumber": np.full(k, sumber, dtype=object),
           "tanggal": _uniform_dates(rng, _d(lo), _d(hi), k).astype("datetime64[s]")}
    out.update({c: kk[:, i] for i, c in enumerate(K_CODES)})
    out.update({c: pp[:, i] for i, c in enumerate(P_CODES)})
    cact = sumber == "CACT"
    out["jpm_sumber"] = jpm if cact else np.full(k, np.nan)
    out["nilai_potensi"] = (np.full(k, np.nan) if cact else
                            np.clip(np.round(pp.mean(axis=1) * 20 + 3 * rng.standard_normal(k), 2), 0, 100))
    edu = np.array([-6, -2, 0, 2, 4, 5])[tier]
    for i, c in enumerate(DL_CODES):
        v = 62 + 8 * dig - 0.35 * (age - 40) + edu + (0, 3, 5, -4)[i] + 6 * rng.standard_normal(k)
        out[c] = np.clip(np.round(v, 1), 0, 100) if cact else np.full(k, np.nan)
    es_off = (2, 1, -2, -3, 4, 1, 0, 3, -4, -8, -1, -3)
    for i, c in enumerate(ES_CODES):
        v = 58 + 7 * (0.6 * pot + 0.4 * dig) + edu + es_off[i] + 7 * rng.standard_normal(k)
        out[c] = np.clip(np.round(v, 1), 0, 100) if cact else np.full(k, np.nan)
    return _objframe(out)


def _cact_pick(rng: np.random.Generator, rec: pd.DataFrame, people: pd.DataFrame, k: int) -> np.ndarray:
    """Rows of ``rec`` chosen for CACT: officials and feeders first, then a spread of others."""
    jen = rec["jenjang"].to_numpy(dtype=object)
    pid = rec["pid"].to_numpy()
    pppk = people["pppk"].to_numpy(dtype=bool)[pid]
    tier = people["tier"].to_numpy()[pid]
    senior_pel = (jen == "Pelaksana") & (tier >= D4) & (rec["gol"].to_numpy() >= 6)
    prio = np.select(
        [rec["post"].to_numpy() >= 0, jen == "JF Ahli Madya", jen == "JF Ahli Muda", senior_pel,
         np.isin(jen, ["JF Ahli Pertama", "JF Penyelia"]), pppk],
        [100.0, 2.2, 1.5, 1.5, 0.8, 0.0], 0.4) + 2.5 * rng.random(len(rec))
    return np.argsort(-prio, kind="stable")[:min(k, len(rec))]


def _frames(rng: np.random.Generator, records: list, n_asn: int) -> dict[str, pd.DataFrame]:
    """Identity (NIP, names, degrees) and the output tables.

    ``records`` is the list (people, rec24, rec25, posts, holder25, entrant); it is emptied, so
    that working frames are freed as soon as they are replaced. Each output table is converted
    to its final form (``_clean``) as soon as it is built, so its object-column version does not
    stay alive next to the others (at national size this halves the peak memory).
    """
    people, rec24, rec25, posts, holder25, entrant = records
    records.clear()
    n = len(people)
    female = people["female"].to_numpy(dtype=bool)
    pppk = people["pppk"].to_numpy(dtype=bool)
    paruh = people["paruh"].to_numpy(dtype=bool)
    birth = people["birth"].to_numpy(dtype="datetime64[D]")
    tmt_cpns = people["tmt_cpns"].to_numpy(dtype="datetime64[D]")
    tier = people["tier"].to_numpy()
    field_idx = people["field"].to_numpy()
    nip, nip_int = _build_nips(rng, birth, female, pppk, tmt_cpns, people["ni_year"].to_numpy(), paruh)
    by_nip = np.argsort(nip_int, kind="stable")
    rank = np.empty(n, dtype=np.int64)
    rank[by_nip] = np.arange(n)

    def sort_rows(rec: pd.DataFrame) -> pd.DataFrame:
        return rec.iloc[np.argsort(rank[rec["pid"].to_numpy()], kind="stable")]

    rec24, rec25 = sort_rows(rec24), sort_rows(rec25)
    official = np.zeros(n, dtype=bool)
    official[rec24.loc[rec24["post"] >= 0, "pid"].to_numpy()] = True
    official[rec25.loc[rec25["post"] >= 0, "pid"].to_numpy()] = True
    specialist = ((people["role"] == "dokter") & (people["opd_id"] == "RSUD")).to_numpy() & (tier == S2)
    # from here on only these columns are read: drop the text columns (jabatan, unit, ...)
    people = people[["pppk", "tier", "perf", "pot", "comp", "dig", "age24"]]
    front, back = _degrees(rng, tier, field_idx, female, _year(birth), official, specialist)
    asn = _clean(_objframe({
        "nip": nip, "nama": _names(rng, female), "gelar_depan": front, "gelar_belakang": back,
        "tanggal_lahir": birth.astype("datetime64[s]"), "jenis_kelamin": np.where(female, "P", "L"),
        "jenis_asn": np.where(pppk, "PPPK", "PNS"),
    }).iloc[by_nip].reset_index(drop=True))
    del front, back

    def period_rows(rec: pd.DataFrame, period: int) -> pd.DataFrame:
        pid = rec["pid"].to_numpy()
        jen = rec["jenjang"].to_numpy(dtype=object)
        gol = rec["gol"].to_numpy()
        golongan = np.where(pppk[pid], GOL_PPPK[tier[pid]], np.array(GOL, dtype=object)[np.maximum(gol, 0)])
        return _objframe({
            "period": np.full(len(rec), period, dtype=np.int64),
            "nip": nip[pid],
            "jabatan": rec["jabatan"].to_numpy(dtype=object),
            "jenis_jabatan": np.array([JENJANG[j][0] for j in jen], dtype=object),
            "jenjang_jabatan": jen,
            "eselon": rec["eselon"].to_numpy(dtype=object),
            "opd_id": rec["opd_id"].to_numpy(dtype=object),
            "unit_kerja": rec["unit_kerja"].to_numpy(dtype=object),
            "golongan": golongan,
            "tmt_golongan": rec["tmt_gol"].to_numpy(dtype="datetime64[D]").astype("datetime64[s]"),
            "tmt_jabatan": rec["tmt_jab"].to_numpy(dtype="datetime64[D]").astype("datetime64[s]"),
            "tmt_cpns": tmt_cpns[pid].astype("datetime64[s]"),
            "pendidikan_tingkat": np.array(TIERS, dtype=object)[tier[pid]],
            "pendidikan_bidang": np.array(FIELD_NAMES, dtype=object)[field_idx[pid]],
            "status_kepegawaian": np.where(pppk[pid], np.where(paruh[pid], "paruh waktu", "penuh waktu"), None),
        })

    asn_period = _clean(pd.concat([period_rows(rec24, 2024), period_rows(rec25, 2025)], ignore_index=True))

    perf = people["perf"].to_numpy()
    performance = _clean(pd.concat([_performance(rng, rec24, 2024, perf, nip),
                                    _performance(rng, rec25, 2025, perf, nip)], ignore_index=True))

    # assessments: 2025 CACT quota + AC for all officials; 2024 CACT pilot + AC for JPT/Administrator
    k25 = int(round(CACT_SHARE * n_asn))
    k24 = int(round(CACT_PILOT_SHARE * n_asn))
    c25 = sort_rows(rec25.iloc[_cact_pick(rng, rec25, people, k25)])
    c24 = sort_rows(rec24.iloc[_cact_pick(rng, rec24, people, k24)])
    ac25 = rec25[rec25["post"] >= 0]
    ac24 = rec24[rec24["jenjang"].isin(["JPT Pratama", "Administrator"])]
    parts = []
    for rec, period, sumber, lo, hi in ((ac24, 2024, "AC", "2024-10-01", "2024-11-15"),
                                        (c24, 2024, "CACT", "2024-09-02", "2024-11-29"),
                                        (ac25, 2025, "AC", "2025-08-04", "2025-10-17"),
                                        (c25, 2025, "CACT", "2025-07-01", "2025-11-28")):
        parts.append(_assessments(rng, people, rec["pid"].to_numpy(), rec["jenjang"].to_numpy(dtype=object),
                                  period, sumber, lo, hi, nip))
    assessment = _clean(pd.concat(parts, ignore_index=True))
    del parts, c24, c25, ac24, ac25

    # discipline: ~0.5 % of ASN, weighted towards weak performers; never JPT
    k_disc = max(2, int(round(0.005 * n_asn)))
    pool = np.flatnonzero(~entrant & ~np.isin(rec24.set_index("pid").reindex(np.arange(n))["jenjang"]
                                              .to_numpy(dtype=object), ["JPT Pratama"]))
    w = np.exp(-1.5 * perf[pool])
    who = rng.choice(pool, size=min(k_disc, len(pool)), replace=False, p=w / w.sum())
    second = who[rng.random(len(who)) < 0.1]
    who = np.r_[who, second]
    tingkat = _choice(rng, list(DISCIPLINE), [.6, .3, .1], len(who))
    in25 = np.isin(who, rec25["pid"].to_numpy())
    start = _uniform_dates(rng, _d("2024-01-15"), np.where(in25, _d("2025-11-28"), _d("2024-12-13")), len(who))
    jenis, months = [], []
    for t in tingkat:
        j, m = DISCIPLINE[t][rng.integers(0, len(DISCIPLINE[t]))]
        jenis.append(j)
        months.append(m)
    months = np.array(months)
    end = (start.astype("datetime64[M]") + months).astype("datetime64[D]") + (start - _month_start(start))
    open_end = (months > 0) & (rng.random(len(who)) < 0.15)
    discipline = _objframe({
        "nip": nip[who], "tingkat": tingkat, "jenis": np.array(jenis, dtype=object),
        "tanggal_mulai": start.astype("datetime64[s]"),
        "tanggal_selesai": np.where(open_end, np.datetime64("NaT"), end).astype("datetime64[s]"),
        "keterangan": _choice(rng, DISCIPLINE_REASON, np.ones(len(DISCIPLINE_REASON)), len(who)),
    })

    # target posts: every JPT Pratama post plus key Administrator posts
    tp = posts[(posts["replica"] == 0) & ((posts["jenjang"] == "JPT Pratama")
                                          | posts["jabatan"].isin(list(TARGET_ADMIN)))].copy()
    holder = holder25[tp.index.to_numpy()]
    bidang = tp["bidang_target"].to_numpy(dtype=object)
    lowong = holder < 0
    target_post = _objframe({
        "post_id": [f"TP-{i:03d}" for i in range(1, len(tp) + 1)],
        "jabatan": tp["jabatan"].to_numpy(dtype=object),
        "opd_id": tp["opd_id"].to_numpy(dtype=object),
        "jenjang_jabatan": tp["jenjang"].to_numpy(dtype=object),
        "lowong": lowong,
        "kritikal": tp["jabatan"].isin(list(CRITICAL)).to_numpy(),
        "bidang_pendidikan": bidang,
        "pemangku_nip": np.where(lowong, None, nip[np.maximum(holder, 0)]),
        "keterangan": np.where(lowong, VACANT_NOTE, None),
    })

    opd = pd.DataFrame([(o.opd_id, o.nama, o.singkatan, o.kelompok) for o in OPDS],
                       columns=["opd_id", "nama", "singkatan", "kelompok"])
    period = pd.DataFrame({"period": np.array(PERIODS, dtype=np.int64),
                           "label": [f"Periode {p}" for p in PERIODS], "status": "terbuka"})

    return {
        "period": _clean(period),
        "opd": _clean(opd),
        "asn": asn,
        "asn_period": asn_period,          # built in (period, nip) order
        "performance": performance,        # (period, nip)
        "assessment": assessment,          # (period, sumber, nip)
        "discipline": _clean(discipline.sort_values(["nip", "tanggal_mulai"], ignore_index=True)),
        "target_post": _clean(target_post),
    }


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as pandas ``str`` (Arrow-backed, NaN for missing), built straight through Arrow.

    Builds a new frame column by column (no copy of the whole frame, and no re-assignment into
    its consolidated object block, which pandas copies on every column replaced)."""
    cols = {}
    for col in frame.columns:
        s = frame[col]
        if s.dtype == object:
            try:
                import pyarrow as pa
                arr = pa.array(s.to_numpy(), type=pa.large_string(), from_pandas=True)
                s = pd.Series(pd.array(arr, dtype=pd.StringDtype("pyarrow", na_value=np.nan)), index=frame.index)
            except Exception:  # pragma: no cover - without pyarrow
                s = s.astype("str")
        cols[col] = s
    return pd.DataFrame(cols, index=frame.index)


def load_demo(store, n_asn: int = 6000, seed: int = 20260105, actor: str = "sistem") -> dict[str, int]:
    """Replace all personal data with the synthetic city (one ``demo`` batch). Row counts per table."""
    frames = build_demo(n_asn=n_asn, seed=seed)
    store.wipe_personal_data(actor)
    store.replace_dataset(frames, kind="demo", period=None, source="sintetis", actor=actor,
                          file_name=f"sintetis-seed{seed}-n{n_asn}")
    return {name: len(frame) for name, frame in frames.items()}

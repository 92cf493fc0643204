"""What each kind of import carries: its fields, their types and the headers they go by.

A header is compared through :func:`header_key` (lower case, letters and digits only), so
``nipBaru``, "Nip Baru", "NIP_BARU" and " nip baru " are the same header. Synonyms cover SIASN
camelCase and Title-Case exports and the Indonesian headers people type.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

KINDS = ("personnel", "performance", "assessment", "discipline", "target-posts", "position-history")
KIND_LABELS = {
    "personnel": "Data kepegawaian",
    "performance": "Kinerja (SKP)",
    "assessment": "Asesmen kompetensi & potensi (CACT/AC)",
    "discipline": "Hukuman disiplin",
    "target-posts": "Jabatan target",
    "position-history": "Riwayat jabatan",
}
# the kind as a noun inside a sentence ("3 baris data kepegawaian")
# kinds whose rows belong to one period (the others replace their whole table)
PERIOD_KINDS = ("personnel", "performance", "assessment")


def header_key(text: object) -> str:
    """Comparable form of a header: accents removed, lower case, only a-z and 0-9."""
    s = unicodedata.normalize("NFKD", str(text))
    s = s.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]", "", s)


@dataclass(frozen=True)
class Field:
    name: str                    # column in the schema, or a virtual field (opd, periode)
    label: str                   # Indonesian header used in templates and the mapping editor
    type: str                    # how values are normalised, see data.importing.normalise
    required: bool = False
    synonyms: tuple[str, ...] = ()
    note: str = ""               # instructions sheet of the template
    example: str = ""
    lo: float | None = None      # numeric range (inclusive)
    hi: float | None = None
    in_template: bool = True
    keys: frozenset[str] = field(init=False, default=frozenset())

    def __post_init__(self):
        object.__setattr__(self, "keys", frozenset(
            header_key(s) for s in (self.label, self.name, *self.synonyms)) - {""})


_NIP = ("NIP", "NIP Baru", "nipBaru", "NIP 18", "NIP/NI PPPK", "NI PPPK", "NIPPPK", "NIP PPPK",
        "Nomor Induk Pegawai", "NIP Pegawai", "No NIP", "NIP ASN", "NIP/NI")
_PERIODE = ("Periode", "Tahun", "Tahun Periode", "Periode Tahun", "Tahun Penilaian", "Periode Penilaian")
_NIP_NOTE = ("18 digit, diketik sebagai teks (kolom berformat Teks). Jangan biarkan Excel "
             "mengubahnya menjadi angka: digit terakhir akan hilang.")
_DATE_NOTE = "Tanggal dalam bentuk HH-BB-TTTT, misalnya 05-01-2026."


def _periode() -> Field:
    return Field("periode", "Periode", "period", synonyms=_PERIODE, in_template=False,
                 note="Tahun periode. Boleh tidak diisi bila periode dipilih saat impor.")


PERSONNEL = (
    Field("nip", "NIP", "nip", True, _NIP, _NIP_NOTE, "198609262015051001"),
    Field("nama", "Nama", "text", True, ("Nama Lengkap", "Nama Pegawai", "Nama ASN", "Nama PNS",
                                         "namaLengkap"), "Nama tanpa gelar.", "Siti Aminah"),
    Field("gelar_depan", "Gelar Depan", "text", synonyms=("gelarDepan",), example="Dr."),
    Field("gelar_belakang", "Gelar Belakang", "text", synonyms=("gelarBelakang",), example="S.Sos., M.Si."),
    Field("tanggal_lahir", "Tanggal Lahir", "date",
          synonyms=("tglLahir", "Tgl Lahir", "Tgl. Lahir", "tanggalLahir"), in_template=False,
          note="Tidak wajib: diambil dari NIP dan hanya dicocokkan."),
    Field("jenis_kelamin", "Jenis Kelamin", "sex", synonyms=("jenisKelamin", "JK", "L/P", "Gender"),
          in_template=False, note="Tidak wajib: diambil dari NIP dan hanya dicocokkan."),
    Field("jenis_asn", "Jenis ASN", "jenis_asn",
          synonyms=("Jenis Pegawai", "jenisPegawaiNama", "Status ASN", "PNS/PPPK", "Jenis Pegawai Nama"),
          in_template=False, note="Tidak wajib: diambil dari NIP dan hanya dicocokkan."),
    Field("opd", "Perangkat Daerah", "opd", True,
          ("OPD", "SKPD", "unorIndukNama", "Nama Unor Induk", "Unor Induk", "Satuan Kerja", "Satker",
           "Nama OPD", "Nama Perangkat Daerah", "Unit Kerja Induk", "Instansi Kerja Induk"),
          "Nama perangkat daerah (OPD) seperti pada daftar isian.", "Dinas Kesehatan"),
    Field("unit_kerja", "Unit Kerja", "text",
          synonyms=("unorNama", "Nama Unor", "Unor", "Sub Unit Kerja", "Unit Organisasi", "Nama Unit Kerja",
                    "Sub Unit"), example="Puskesmas Curug"),
    Field("jabatan", "Nama Jabatan", "text", True,
          ("jabatanNama", "Jabatan", "Jabatan Terakhir", "Nama Jabatan Terakhir", "Jabatan Nama"),
          example="Perawat Ahli Muda"),
    Field("jenjang_jabatan", "Jenjang Jabatan", "jenjang",
          synonyms=("Jenjang", "Tingkat Jabatan", "Level Jabatan"),
          note="Salah satu dari daftar isian. Bila kosong, ditentukan dari Jenis Jabatan, Eselon dan "
               "akhiran nama jabatan fungsional (Ahli Muda, Terampil, …).", example="JF Ahli Muda"),
    Field("jenis_jabatan", "Jenis Jabatan", "text",
          synonyms=("jenisJabatan", "jenisJabatanNama", "Jenis Jabatan Nama"), in_template=False,
          note="Struktural, Fungsional Tertentu, Fungsional Umum/Pelaksana; dipakai bila Jenjang "
               "Jabatan kosong."),
    Field("eselon", "Eselon", "eselon", synonyms=("eselonNama", "Eselon Nama", "Eselon Jabatan"),
          note="Misalnya II.b, III.a, IV.a; kosongkan bila bukan jabatan struktural.", example=""),
    Field("golongan", "Golongan", "golongan",
          synonyms=("Gol", "Golru", "golRuangAkhir", "Gol Ruang Akhir", "Golongan Ruang", "Gol/Ruang",
                    "Pangkat/Gol", "Pangkat Gol", "Pangkat/Golongan", "Pangkat Golongan", "Pangkat",
                    "golRuangAkhirNama", "Golongan Akhir", "Gol. Ruang", "Pangkat/Gol. Ruang",
                    "Golongan/Ruang"),
          note="PNS: I/a sampai IV/e. PPPK: I sampai XVII.", example="III/c"),
    Field("tmt_golongan", "TMT Golongan", "date",
          synonyms=("tmtGolAkhir", "TMT Gol Akhir", "TMT Gol", "TMT Pangkat", "TMT Golru"),
          note=_DATE_NOTE, example="01-04-2022"),
    Field("tmt_jabatan", "TMT Jabatan", "date", synonyms=("tmtJabatan",), note=_DATE_NOTE,
          example="02-01-2024"),
    Field("tmt_cpns", "TMT CPNS", "date", synonyms=("tmtCpns",), in_template=False,
          note="Tidak wajib: untuk PNS diambil dari NIP bila kosong."),
    Field("pendidikan_tingkat", "Tingkat Pendidikan", "pendidikan",
          synonyms=("tkPendidikanTerakhir", "Tk Pendidikan", "Pendidikan Terakhir", "Jenjang Pendidikan",
                    "Pendidikan", "tkPendidikanTerakhirNama", "Tingkat Pendidikan Terakhir"),
          note="SD, SMP, SMA, D1, D2, D3, D4, S1, S2 atau S3.", example="S1"),
    Field("pendidikan_bidang", "Bidang Pendidikan", "text",
          synonyms=("pendidikanTerakhirNama", "Jurusan", "Program Studi", "Prodi", "Nama Pendidikan",
                    "Pendidikan Terakhir Nama", "Bidang Studi"), example="Keperawatan"),
    Field("status_kepegawaian", "Status Kepegawaian", "status",
          synonyms=("Status PPPK", "Jenis PPPK", "Penuh/Paruh Waktu", "Status Kerja PPPK"),
          note="Untuk PPPK: penuh waktu atau paruh waktu. Kosongkan untuk PNS.", example=""),
    _periode(),
)

PERFORMANCE = (
    Field("nip", "NIP", "nip", True, _NIP, _NIP_NOTE, "198609262015051001"),
    Field("predikat", "Predikat Kinerja", "predikat",
          synonyms=("Predikat", "predikatKinerja", "Predikat SKP", "Predikat Kinerja Pegawai",
                    "Capaian Kinerja", "Predikat Capaian Kinerja", "Nilai Predikat Kinerja",
                    "Capaian Kinerja Organisasi Pegawai"),
          note="Sangat Baik, Baik, Butuh Perbaikan, Kurang atau Sangat Kurang. Boleh kosong bila "
               "rating hasil kerja dan perilaku diisi, atau nilai SKP lama.", example="Baik"),
    Field("hasil_kerja", "Rating Hasil Kerja", "rating",
          synonyms=("Hasil Kerja", "ratingHasilKerja", "Rating Hasil"),
          note="di atas / sesuai / di bawah ekspektasi.", example="sesuai ekspektasi"),
    Field("perilaku", "Rating Perilaku Kerja", "rating",
          synonyms=("Rating Perilaku", "Perilaku Kerja", "Perilaku", "ratingPerilakuKerja", "ratingPerilaku"),
          note="di atas / sesuai / di bawah ekspektasi.", example="di atas ekspektasi"),
    Field("nilai_legacy", "Nilai SKP", "score", synonyms=(
        "nilaiSkp", "Nilai Prestasi Kerja", "Nilai PPK", "Nilai Kinerja", "Nilai"),
        note="Hanya untuk data lama (PP 46/2011): 0–100, koma desimal boleh.", example="", lo=0, hi=100),
    Field("penghargaan", "Nilai Penghargaan", "score", synonyms=("Penghargaan",),
          note="0–100, tidak wajib.", lo=0, hi=100),
    Field("penugasan_tim", "Nilai Penugasan Tim", "score", synonyms=("Penugasan Tim", "Penugasan Dalam Tim"),
          note="0–100, tidak wajib.", lo=0, hi=100),
    Field("umpan_balik", "Nilai Umpan Balik 360", "score",
          synonyms=("Umpan Balik", "Umpan Balik 360", "Nilai Umpan Balik", "Feedback 360"),
          note="0–100, tidak wajib.", lo=0, hi=100),
    _periode(),
)

# (code, Indonesian name, extra synonyms). Codes are the assessment columns.
K_FIELDS = (
    ("k_integritas", "Integritas", ()),
    ("k_kerja_sama", "Kerja Sama", ("Kerjasama",)),
    ("k_komunikasi", "Komunikasi", ()),
    ("k_orientasi_hasil", "Orientasi pada Hasil", ("Orientasi Hasil",)),
    ("k_pelayanan_publik", "Pelayanan Publik", ()),
    ("k_pengembangan_diri", "Pengembangan Diri dan Orang Lain", ("Pengembangan Diri",)),
    ("k_mengelola_perubahan", "Mengelola Perubahan", ()),
    ("k_pengambilan_keputusan", "Pengambilan Keputusan", ()),
    ("k_perekat_bangsa", "Perekat Bangsa", ("Sosial Kultural",)),
)
P_FIELDS = (
    ("p_kemampuan_intelektual", "Kemampuan Intelektual", ()),
    ("p_interpersonal", "Kemampuan Interpersonal", ("Interpersonal",)),
    ("p_kesadaran_diri", "Kesadaran Diri", ()),
    ("p_berpikir_kritis", "Berpikir Kritis dan Strategis", ("Berpikir Kritis",)),
    ("p_problem_solving", "Kemampuan Menyelesaikan Masalah", ("Menyelesaikan Masalah",)),
    ("p_kecerdasan_emosi", "Kecerdasan Emosional", ("Kecerdasan Emosi",)),
    ("p_growth_mindset", "Kemauan Belajar (Growth Mindset)", ("Kemauan Belajar", "Growth Mindset")),
    ("p_motivasi_komitmen", "Motivasi dan Komitmen", ()),
)
DL_FIELDS = (
    ("dl_digital_skills", "Digital Skills", ()),
    ("dl_digital_culture", "Digital Culture", ()),
    ("dl_digital_ethics", "Digital Ethics", ()),
    ("dl_digital_safety", "Digital Safety", ()),
)
ES_FIELDS = (
    ("es_analytical_thinking", "Berpikir Analitis", ("Analytical Thinking",)),
    ("es_problem_solving", "Pemecahan Masalah", ()),
    ("es_creativity", "Kreativitas dan Inovasi", ("Creativity and Innovation", "Kreativitas")),
    ("es_leadership", "Kepemimpinan", ("Leadership",)),
    ("es_service_orientation", "Orientasi Layanan", ("Service Orientation",)),
    ("es_adaptability", "Adaptabilitas dan Ketangguhan", ("Adaptability and Resilience", "Adaptabilitas")),
    ("es_emotional_intelligence", "ES Kecerdasan Emosional", ("Emotional Intelligence",)),
    ("es_continuous_learning", "Belajar Berkelanjutan", ("Continuous Learning",)),
    ("es_troubleshooting_ux", "Troubleshooting dan UX", ("Troubleshooting",)),
    ("es_technology_design", "Desain Teknologi dan Pemrograman", ("Technology Design and Programming",)),
    ("es_technology_use", "Penggunaan dan Pemantauan Teknologi", ("Technology Use and Monitoring",)),
    ("es_system_analysis", "Analisis dan Evaluasi Sistem", ("System Analysis and Evaluation",)),
)

ASSESSMENT = (
    Field("nip", "NIP", "nip", True, _NIP, _NIP_NOTE, "198609262015051001"),
    Field("sumber", "Sumber Asesmen", "sumber", True,
          ("Sumber", "Jenis Asesmen", "Metode Asesmen", "Metode", "Penyelenggara"),
          "CACT (BKN), AC (assessment center) atau LAIN.", "CACT"),
    Field("tanggal", "Tanggal Asesmen", "date",
          synonyms=("Tanggal", "Tgl Asesmen", "Tanggal Tes", "Tanggal Pelaksanaan", "Tanggal Ujian"),
          note=_DATE_NOTE, example="12-03-2025"),
    *(Field(code, name, "level", synonyms=(code.removeprefix("k_"), *extra),
            note="Level 1–5 (bilangan bulat).", example="3", lo=1, hi=5) for code, name, extra in K_FIELDS),
    *(Field(code, name, "score", synonyms=(code.removeprefix("p_"), *extra),
            note="Skala 1–5, koma desimal boleh.", example="3,5", lo=1, hi=5) for code, name, extra in P_FIELDS),
    Field("jpm_sumber", "JPM (%)", "score",
          synonyms=("JPM", "Job Person Match", "Nilai JPM", "Persentase JPM", "JPM %", "JPM Persen"),
          note="JPM seperti tercantum dalam laporan, 0–100.", example="78,5", lo=0, hi=100),
    Field("nilai_potensi", "Nilai Potensi", "score", synonyms=("Skor Potensi", "Nilai Potensial"),
          note="0–100, bila laporan mencantumkannya.", lo=0, hi=100),
    *(Field(code, name, "score", synonyms=(code.removeprefix("dl_"), *extra),
            note="Literasi digital, 0–100.", lo=0, hi=100) for code, name, extra in DL_FIELDS),
    *(Field(code, name, "score", synonyms=extra,
            note="Emerging skills, 0–100.", lo=0, hi=100) for code, name, extra in ES_FIELDS),
    _periode(),
)

DISCIPLINE = (
    Field("nip", "NIP", "nip", True, _NIP, _NIP_NOTE, "198609262015051001"),
    Field("tingkat", "Tingkat Hukuman", "tingkat_hukdis",
          synonyms=("Tingkat Hukuman Disiplin", "Tingkat Hukdis", "Tingkat", "tingkatHukumanDisiplin",
                    "Tingkat Hukuman Nama"),
          note="ringan, sedang atau berat. Bila kosong, ditentukan dari Jenis Hukuman (PP 94/2021).",
          example="ringan"),
    Field("jenis", "Jenis Hukuman", "text",
          synonyms=("Jenis Hukuman Disiplin", "jenisHukumanNama", "Hukuman", "Jenis Hukdis", "Jenis Hukuman Nama"),
          example="Teguran tertulis"),
    Field("tanggal_mulai", "TMT Hukuman", "date", True,
          ("tmtHukuman", "Tanggal Mulai", "TMT", "Mulai", "TMT Hukdis", "Tanggal Mulai Hukuman",
           "hukumanTanggal", "Tanggal SK Hukuman"),
          _DATE_NOTE, "01-03-2025"),
    Field("tanggal_selesai", "Tanggal Selesai", "date",
          synonyms=("Akhir Hukuman", "Tanggal Akhir", "Selesai", "TMT Akhir Hukuman", "akhirHukumTmt",
                    "Tanggal Akhir Hukuman", "Masa Berakhir"),
          note=_DATE_NOTE + " Kosong bila tidak berjangka.", example="31-08-2025"),
    Field("keterangan", "Keterangan", "text", synonyms=("Catatan",),
          note="Jangan isi rincian pribadi yang tidak perlu."),
)

TARGET_POSTS = (
    Field("post_id", "Kode Jabatan", "code", synonyms=("Kode", "ID Jabatan", "Kode Jabatan Target"),
          note="Kode unik jabatan. Bila kosong dibuat dari perangkat daerah dan nama jabatan.",
          example="JPT-DISPARPORA"),
    Field("jabatan", "Nama Jabatan", "text", True, ("Jabatan", "Jabatan Target", "jabatanNama"),
          example="Kepala Dinas Pariwisata, Pemuda dan Olahraga"),
    Field("opd", "Perangkat Daerah", "opd",
          synonyms=("OPD", "SKPD", "unorIndukNama", "Nama Unor Induk", "Unor Induk", "Satuan Kerja",
                    "Nama OPD", "Nama Perangkat Daerah"), example="Dinas Pariwisata, Pemuda dan Olahraga"),
    Field("jenjang_jabatan", "Jenjang Jabatan", "jenjang", synonyms=("Jenjang", "Tingkat Jabatan"),
          note="Salah satu dari daftar isian; bila kosong ditentukan dari Eselon.", example="JPT Pratama"),
    Field("eselon", "Eselon", "eselon", synonyms=("eselonNama",), note="Dipakai bila Jenjang Jabatan kosong.",
          in_template=False),
    Field("lowong", "Lowong", "bool", synonyms=("Status Lowong", "Kosong", "Lowong (Ya/Tidak)", "Jabatan Lowong"),
          note="Ya / Tidak.", example="Ya"),
    Field("kritikal", "Kritikal", "bool", synonyms=("Jabatan Kritikal", "Kritis", "Jabatan Kritis"),
          note="Ya / Tidak.", example="Ya"),
    Field("bidang_pendidikan", "Bidang Pendidikan Disyaratkan", "text",
          synonyms=("Bidang Pendidikan", "Kualifikasi Pendidikan", "Bidang Studi Disyaratkan",
                    "Syarat Bidang Pendidikan"),
          note="Bidang studi yang disyaratkan, dipisah titik koma; kosong = bebas.",
          example="Ilmu Pemerintahan;Administrasi Negara"),
    Field("bidang_tugas", "Bidang Tugas", "text",
          synonyms=("Bidang Tugas Jabatan", "Rumpun Jabatan", "Bidang/Rumpun", "Rumpun"),
          note="Bidang tugas jabatan (mis. perencanaan, keuangan, kebencanaan), dipisah titik koma; dipakai "
               "untuk menghitung pengalaman di bidang dari riwayat jabatan. Kosong = dari nama jabatan dan OPD.",
          example="kebencanaan;ketertiban"),
    Field("kompetensi_teknis", "Kompetensi Teknis", "text",
          synonyms=("Kompetensi Teknis Jabatan", "Standar Kompetensi Teknis"),
          note="Kompetensi teknis menurut standar kompetensi jabatan, dipisah titik koma; tidak wajib.",
          example="Manajemen kedaruratan;Logistik kebencanaan"),
    Field("pemangku_nip", "NIP Pemangku", "nip_optional",
          synonyms=("Pemangku", "NIP Pejabat", "NIP Pejabat Definitif", "NIP Pemangku Jabatan"),
          note="NIP pejabat saat ini; kosong bila lowong. " + _NIP_NOTE),
    Field("keterangan", "Keterangan", "text", synonyms=("Catatan",)),
)

POSITION_HISTORY = (
    Field("nip", "NIP", "nip", True, _NIP, _NIP_NOTE, "198609262015051001"),
    Field("jabatan", "Nama Jabatan", "text", True,
          ("jabatanNama", "namaJabatan", "Jabatan", "Jabatan Nama", "Nama Jabatan Riwayat"),
          example="Kepala Seksi Kedaruratan"),
    Field("opd", "Perangkat Daerah", "text",
          synonyms=("OPD", "SKPD", "unorIndukNama", "Nama Unor Induk", "Unor Induk", "Satuan Kerja",
                    "Nama OPD", "Nama Perangkat Daerah", "Instansi Kerja"),
          note="Perangkat daerah waktu itu; boleh nama lama atau instansi lain (tidak harus ada di basis data).",
          example="Badan Penanggulangan Bencana Daerah"),
    Field("unit_kerja", "Unit Kerja", "text",
          synonyms=("unorNama", "Nama Unor", "Unor", "Sub Unit Kerja", "Unit Organisasi", "Nama Unit Kerja"),
          example="Bidang Kedaruratan dan Logistik"),
    Field("jenis_jabatan", "Jenis Jabatan", "text",
          synonyms=("jenisJabatan", "jenisJabatanNama", "Jenis Jabatan Nama"),
          note="Struktural, Fungsional Tertentu, Fungsional Umum/Pelaksana; dipakai bila Jenjang Jabatan kosong.",
          example="Struktural"),
    Field("eselon", "Eselon", "eselon", synonyms=("eselonNama", "Eselon Nama", "Eselon Jabatan"),
          note="Misalnya III.a, IV.a; kosongkan bila bukan jabatan struktural.", example="IV.a"),
    Field("jenjang_jabatan", "Jenjang Jabatan", "jenjang",
          synonyms=("Jenjang", "Tingkat Jabatan", "Level Jabatan"),
          note="Salah satu dari daftar isian. Bila kosong, ditentukan dari Eselon, Jenis Jabatan dan akhiran "
               "nama jabatan fungsional.", example="Pengawas"),
    Field("tmt_jabatan", "TMT Jabatan", "date", True,
          ("tmtJabatan", "TMT", "Tanggal Mulai Jabatan", "TMT Pelantikan", "tmtPelantikan"),
          _DATE_NOTE, "01-03-2019"),
    Field("tmt_selesai", "TMT Selesai", "date",
          synonyms=("Tanggal Selesai", "Akhir Jabatan", "TMT Akhir", "Tanggal Selesai Jabatan", "Sampai"),
          note=_DATE_NOTE + " Tidak wajib: bila kosong, jabatan berakhir pada TMT jabatan berikutnya.",
          example=""),
    Field("bidang", "Bidang Tugas", "text",
          synonyms=("Bidang", "Rumpun", "Rumpun Jabatan", "Bidang/Rumpun", "Bidang Tugas Jabatan"),
          note="Tidak wajib: bila kosong, ditentukan dari kata pada nama jabatan, unit kerja dan perangkat "
               "daerah (tabel rule_bidang).", example="kebencanaan"),
)

FIELDS: dict[str, tuple[Field, ...]] = {
    "personnel": PERSONNEL,
    "performance": PERFORMANCE,
    "assessment": ASSESSMENT,
    "discipline": DISCIPLINE,
    "target-posts": TARGET_POSTS,
    "position-history": POSITION_HISTORY,
}
# Personal data the product does not use (UU 27/2022 data minimisation): never stored, and
# named as such in the preview.
_SENSITIVE = re.compile(
    r"^(nik|noktp|ktp|nomorktp|nokk|nomorkk|kk|npwp|nonpwp|alamat\w*|\w*alamat|telp\w*|notelp\w*|"
    r"telepon\w*|notelepon\w*|nohp|nomorhp|hp|handphone|\w*email|surel|agama\w*|statusperkawinan|"
    r"statuskawin|perkawinan\w*|statusnikah|bpjs\w*|nobpjs\w*|rekening\w*|norekening\w*|"
    r"namaibu\w*|ibukandung|golongandarah|goldarah|tempatlahir|tmplahir|kodepos|rt|rw|"
    r"kelurahandomisili|suku|foto\w*)$")


def is_sensitive(header: object) -> bool:
    return bool(_SENSITIVE.match(header_key(header)))


def field_map(kind: str) -> dict[str, Field]:
    return {f.name: f for f in FIELDS[kind]}


def all_header_keys() -> frozenset[str]:
    """Every header any kind recognises (for finding the header row)."""
    keys: set[str] = set()
    for fields in FIELDS.values():
        for f in fields:
            keys |= f.keys
    return frozenset(keys)


def _check_unique() -> None:
    for kind, fields in FIELDS.items():
        seen: dict[str, str] = {}
        for f in fields:
            for k in f.keys:
                if k in seen and seen[k] != f.name:
                    raise AssertionError(f"{kind}: header {k!r} maps to {seen[k]} and {f.name}")
                seen[k] = f.name


_check_unique()

"""Kota Serang: kecamatan, schools and health units, the OPD and their structural posts."""
from __future__ import annotations

from dataclasses import dataclass

from data.synthetic.education import EDU_S, ENG_S, FIN_S, GENERAL_S, GOV_S, HEALTH_S

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

"""The catalog of non-structural roles: teachers, health staff, other JF and pelaksana."""
from __future__ import annotations

from dataclasses import dataclass, field

from data.synthetic.city import KEC_ID, KECAMATAN
from data.synthetic.constants import JF_SUFFIX
from data.synthetic.education import EDU_S, FIN_S, GENERAL_A, GENERAL_D, GENERAL_S, GOV_S

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


ALL_OPDS = (("*", 1.0),)
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
    Role("pel_pengadministrasi", .099, ALL_OPDS, (("Pelaksana", 1),), jabatan="Pengadministrasi Perkantoran",
         pppk=.3, paruh=.75, edu={"Pelaksana": (.8, .2, 0, 0, 0, 0)}, group="pelaksana"),
    Role("pel_operator", .07, ALL_OPDS, (("Pelaksana", 1),), jabatan="Operator Layanan Operasional",
         pppk=.35, paruh=.75, edu={"Pelaksana": (1, 0, 0, 0, 0, 0)}, female=.35, group="pelaksana"),
    Role("pel_pengelola", .05, ALL_OPDS, (("Pelaksana", 1),), jabatan="Pengelola Layanan Operasional",
         pppk=.3, paruh=.7, edu={"Pelaksana": (.1, .9, 0, 0, 0, 0)}, group="pelaksana"),
    Role("pel_penata", .046, ALL_OPDS, (("Pelaksana", 1),), jabatan="Penata Layanan Operasional",
         pppk=.3, paruh=.7, edu={"Pelaksana": (0, 0, .05, .85, .1, 0)}, group="pelaksana"),
    Role("pel_penelaah", .045, ALL_OPDS, (("Pelaksana", 1),), jabatan="Penelaah Teknis Kebijakan",
         pppk=.1, paruh=.5, edu={"Pelaksana": (0, 0, .03, .8, .17, 0)}, group="pelaksana"),
)
ROLE_BY_KEY = {r.key: r for r in ROLES}

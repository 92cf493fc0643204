"""Command line over the data layer: ``python -m data COMMAND``.

Every failure ends with a one-line Indonesian message on stderr and a non-zero
exit code, never a stack trace.
"""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from data.store import StoreError, db_path, open_store

EXIT_USAGE, EXIT_FAIL = 2, 1


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:
        return "cli"


def cmd_migrate(args: argparse.Namespace) -> int:
    store = open_store(args.db)
    print(f"Skema basis data {store.path} pada versi {store.schema_version()}.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from data.synthetic import load_demo

    store = open_store(args.db)
    if args.if_missing and (store.periods() or store.has_real_data()):
        print(f"Basis data {store.path} sudah berisi data; tidak diubah.")
        return 0
    if store.has_real_data() and not args.force:
        raise StoreError("Basis data berisi data hasil impor. Data peragaan tidak dibangun agar data itu "
                         "tidak terhapus; gunakan --force bila memang ingin menggantinya.")
    counts = load_demo(store, n_asn=args.n, seed=args.seed, actor=_actor())
    print(f"Data sintetis dibangun di {store.path}: "
          + ", ".join(f"{k} {v:,}".replace(",", ".") for k, v in counts.items()))
    return 0


def cmd_export_boxes(args: argparse.Namespace) -> int:
    from analytics.engine import STATUS_PLACED, input_columns, place
    from data.exports import safe_frame

    store = open_store(args.db)
    if args.period not in store.periods():
        raise StoreError(f"Periode {args.period} tidak ada di basis data "
                         f"(tersedia: {', '.join(map(str, store.periods())) or 'tidak ada'}).")
    rules = store.rules(args.period)
    placed = place(store.population(args.period, columns=input_columns(rules)), rules)   # the engine's inputs only
    placed = placed[placed["status"] == STATUS_PLACED]
    out = placed[["nip", "kinerja_kategori", "potensial_kategori", "kotak"]].rename(columns={
        "kinerja_kategori": "kategori_kinerja", "potensial_kategori": "kategori_potensial"})
    out = out.assign(kotak=out["kotak"].astype(int)).sort_values("nip")
    try:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        safe_frame(out).to_csv(args.out, index=False)
    except OSError as exc:
        raise StoreError(f"Berkas {args.out} tidak dapat ditulis: {exc.strerror or exc}.") from None
    store.audit(_actor(), "ekspor:kotak", f"periode:{args.period}", {"rows": len(out), "file": str(args.out)})
    print(f"{len(out):,} ASN ditulis ke {args.out}.".replace(",", "."))
    return 0


# -- imports ------------------------------------------------------------------------------------

def _progress(fraction: float, text: str) -> None:
    print(f"[{int(round(fraction * 100)):3d}%] {text}", flush=True)


def cmd_import(args: argparse.Namespace) -> int:
    from data.importing import KIND_LABELS, KIND_NOUNS, Rejected, pipeline
    from data.importing.mapping import field_label
    from data.importing.report import report_xlsx

    paths = [Path(f) for f in args.file]
    for path in paths:
        try:  # the importer reads the file itself (by path it lets the bytes go once parsed)
            with path.open("rb"):
                pass
        except OSError as exc:
            raise StoreError(f"Berkas {path} tidak dapat dibaca: {exc.strerror or exc}.") from None
    if len(paths) > 1:
        return _import_drop(args, paths)
    path = paths[0]
    store = open_store(args.db)
    overrides = {}
    for item in args.map or []:
        header, sep, target = item.partition("=")
        if not sep:
            raise StoreError(f"--map harus berbentuk \"Judul Kolom=Bidang\", bukan {item!r}.")
        overrides[header.strip()] = target.strip()
    try:
        table = pipeline.read(path, path.name, _progress, pipeline.read_limits(store))
        kind = pipeline.resolve_kind(table, args.kind)
        print(f"Jenis data: {KIND_LABELS[kind]}" + ("" if args.kind else " (dikenali dari judul kolom)") + ".")
        mapping = pipeline.default_mapping(store, table, kind)
        if overrides:
            mapping = pipeline.apply_overrides(table, kind, mapping, overrides)
        pairs = [f"{table.headers[i]} → {field_label(kind, f)}" for i, f in sorted(mapping.items())]
        print("Pemetaan kolom: " + "; ".join(pairs) + ".")
        saved = pipeline.remember_mapping(store, table, kind, mapping, _actor())
        if saved:
            print("Pemetaan kolom disimpan untuk berkas berikutnya dengan judul kolom yang sama: " + "; ".join(
                f"{h} → {'(bawaan)' if f is None else field_label(kind, f) if f else 'abaikan'}" for h, f in saved)
                + ".")
        constants = {"sumber": args.sumber} if args.sumber else None
        outcome = pipeline.check(store, table, kind, mapping, args.period, constants, _progress,
                                 allow_new_opd=args.tambah_opd)
    except Rejected as exc:
        raise StoreError(str(exc)) from None
    if outcome.ignored:
        from data.importing.fields import is_sensitive
        print("Kolom diabaikan (tidak disimpan): " + ", ".join(
            f"{h} (data pribadi)" if is_sensitive(h) else h for h in outcome.ignored) + ".")
    lines = outcome.messages()
    for line in lines[:args.show]:
        print(f"  {line}")
    if len(lines) > args.show:
        print(f"  … dan {pipeline.num(len(lines) - args.show)} pesan lainnya"
              + (" (lihat laporan)." if args.report else " (tulis semuanya dengan --report FILE.xlsx)."))
    if args.report:
        try:
            Path(args.report).write_bytes(report_xlsx(outcome))
        except OSError as exc:
            raise StoreError(f"Laporan {args.report} tidak dapat ditulis: {exc.strerror or exc}.") from None
        print(f"Laporan ditulis ke {args.report}.")
    if not _may_write(store, args, outcome.errors, outcome.new_opd):
        return 0
    try:
        batch = pipeline.commit(store, outcome, _actor(), _progress)
    except Rejected as exc:
        raise StoreError(str(exc)) from None
    period = f" periode {outcome.period}" if outcome.period is not None else ""
    print(f"Selesai: impor #{batch}, {pipeline.num(outcome.rows)} baris {KIND_NOUNS[kind]}{period}"
          + (f" ({pipeline.num(outcome.warnings)} peringatan)" if outcome.warnings else "") + ". "
          + f"Batalkan dengan: python -m data undo --kind {kind}" + (f" --period {outcome.period}" if period else ""))
    return 0


def _may_write(store, args: argparse.Namespace, errors: int, new_opd: list[str]) -> bool:
    """What one file and a drop both say after their check: unknown OPDs, errors (refused), a dry run
    (False: nothing to write), the demo data an import would replace (refused without its flag)."""
    from data.importing import pipeline

    if new_opd and not args.tambah_opd:
        print(f"Perangkat daerah yang belum ada di basis data ({len(new_opd)}): " + ", ".join(new_opd)
              + ". Bila memang baru, ulangi dengan --tambah-opd.")
    if errors:
        raise StoreError(f"Impor dibatalkan: {pipeline.num(errors)} galat; basis data tidak diubah.")
    if args.dry_run:
        print("Pemeriksaan saja (--dry-run): basis data tidak diubah.")
        return False
    if (demo := store.demo_replacement()) is not None:
        print(_demo_notice(demo))
        if not args.ganti_data_peragaan:
            raise StoreError("Impor dibatalkan: impor data nyata pertama menghapus data peragaan di atas. Ulangi "
                             "dengan --ganti-data-peragaan untuk melanjutkan.")
    return True


def _import_drop(args: argparse.Namespace, paths: list[Path]) -> int:
    """Several files (one drop: a period's personnel, performance, assessment...) checked together
    and written in one transaction; one report."""
    from data.importing import KIND_LABELS, Rejected, pipeline
    from data.importing.batch import check_drop, commit_drop, read_drop

    if args.kind or args.map or args.report:
        raise StoreError("--kind, --map dan --report berlaku untuk satu berkas; dengan beberapa berkas jenis dan "
                         "pemetaan kolom dikenali dari judul kolom.")
    store = open_store(args.db)
    files = read_drop(store, [(p.name, p) for p in paths], progress=_progress)
    for f in files:
        if args.sumber and f.kind == "assessment" and "sumber" not in f.mapping.values():
            f.constants = {"sumber": args.sumber}
    drop = check_drop(store, files, args.period, args.tambah_opd, _progress)
    for f in drop.files:
        what = KIND_LABELS[f.kind] if f.kind else "jenis tidak dikenali"
        period = f", periode {f.period}" if f.period is not None else ""
        print(f"{f.name}: {what}{period}, {pipeline.num(f.rows)} baris, {pipeline.num(f.errors)} galat, "
              f"{pipeline.num(f.warnings)} peringatan.")
    lines = drop.messages()
    for line in lines[:args.show]:
        print(f"  {line}")
    if len(lines) > args.show:
        print(f"  … dan {pipeline.num(len(lines) - args.show)} pesan lainnya.")
    new_opd = sorted({n for f in drop.files if f.outcome is not None for n in f.outcome.new_opd})
    if not _may_write(store, args, drop.errors, new_opd):
        return 0
    try:
        ids = commit_drop(store, drop, _actor(), progress=_progress)
    except Rejected as exc:
        raise StoreError(str(exc)) from None
    first = drop.files[0]
    undo = f"python -m data undo --kind {first.kind}" + (f" --period {first.period}" if first.period else "")
    print(f"Selesai: {len(ids)} berkas dalam satu impor ({', '.join(f'#{b}' for b in ids)}), "
          f"{pipeline.num(drop.rows)} baris" + (f" ({pipeline.num(drop.warnings)} peringatan)" if drop.warnings else "")
          + f". Batalkan semuanya sekaligus dengan: {undo}")
    print("Waktu: " + ", ".join(f"{k} {v:.2f} s" for k, v in drop.seconds.items()) + ".")
    return 0


def _demo_notice(demo: dict) -> str:
    """What the first real import removes (Store.demo_replacement), in one paragraph."""
    def n(v: int) -> str:
        return f"{int(v):,}".replace(",", ".")

    periods = ", ".join(map(str, demo["periods"])) or "-"
    return ("Basis data berisi data peragaan (sintetis). Impor data nyata pertama menghapus semuanya: periode "
            f"{periods}; {n(demo['asn'])} ASN; {n(demo['target_post'])} jabatan target; {n(demo['discipline'])} "
            f"hukuman disiplin; {n(demo['calibration'])} kalibrasi dan {n(demo['discussion'])} catatan pembahasan; "
            f"{n(demo['development_action'])} tindakan pengembangan. Daftar perangkat daerah tetap dipakai untuk "
            "pemeriksaan; yang tidak dipakai data nyata ikut dihapus.")


def cmd_undo(args: argparse.Namespace) -> int:
    from data.importing import KIND_NOUNS
    from data.importing.fields import PERIOD_KINDS

    if args.kind in PERIOD_KINDS and args.period is None:
        raise StoreError(f"Sebutkan --period untuk membatalkan impor {KIND_NOUNS[args.kind]}.")
    period = args.period if args.kind in PERIOD_KINDS else None
    store = open_store(args.db)
    done = store.undo_import(args.kind, period, _actor(), with_dependents=args.bersama)
    where = f" periode {period}" if period is not None else ""
    rows = f"{int(done['row_count']):,}".replace(",", ".")
    together = f" bersama impor {', '.join(f'#{b}' for b in done['together'])}" if done["together"] else ""
    print(f"Impor #{done['batch_id']} ({KIND_NOUNS[args.kind]}{where}, berkas {done['file_name']}, "
          f"{rows} baris) dibatalkan{together}; data sebelumnya dipulihkan.")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from data.importing.templates import template_name, template_xlsx

    out = Path(args.out or template_name(args.kind))
    try:
        out.write_bytes(template_xlsx(args.kind))
    except OSError as exc:
        raise StoreError(f"Berkas {out} tidak dapat ditulis: {exc.strerror or exc}.") from None
    print(f"Templat ditulis ke {out}.")
    return 0


def cmd_imports(args: argparse.Namespace) -> int:
    store = open_store(args.db)
    hist = store.import_history(args.limit)
    if hist.empty:
        print("Belum ada impor.")
        return 0
    for r in hist.itertuples(index=False):
        undone = f" · dibatalkan {r.undone_at:%d-%m-%Y %H:%M}" if r.undone_at is not None and r.undone_at == r.undone_at else ""
        period = "" if r.period is None or r.period != r.period else f" {int(r.period)}"
        print(f"#{r.batch_id} {r.created_at:%d-%m-%Y %H:%M} {r.kind}{period} · {r.file_name or '-'} · "
              f"{int(r.row_count):,} baris · {r.created_by}{undone}".replace(",", "."))
    return 0


def _add_import_commands(sub) -> None:
    from data.importing.fields import KINDS

    i = sub.add_parser("import", help="impor berkas .xlsx/.xls/.csv (jenis: " + ", ".join(KINDS) + ")")
    i.add_argument("file", nargs="+", help="berkas yang diimpor; beberapa berkas satu periode (kepegawaian, "
                   "kinerja, asesmen...) diperiksa bersama dan ditulis dalam satu transaksi")
    i.add_argument("--kind", choices=KINDS, help="jenis data (bawaan: dikenali dari judul kolom)")
    i.add_argument("--period", type=int, help="periode (tahun), bila berkas tidak memuat kolom Periode")
    i.add_argument("--sumber", help="sumber asesmen bila berkas tidak memuat kolom itu (CACT, AC, LAIN)")
    i.add_argument("--map", action="append", metavar="JUDUL=BIDANG",
                   help="petakan kolom secara manual, mis. --map \"Nama Unor=Unit Kerja\" (BIDANG kosong = abaikan)")
    i.add_argument("--report", metavar="FILE.xlsx", help="tulis laporan pemeriksaan (baris asli + pesan)")
    i.add_argument("--dry-run", action="store_true", help="hanya periksa; jangan menulis")
    i.add_argument("--tambah-opd", action="store_true",
                   help="tambahkan perangkat daerah yang belum ada di basis data (tanpa ini: galat)")
    i.add_argument("--ganti-data-peragaan", action="store_true",
                   help="konfirmasi: impor data nyata pertama menghapus seluruh data peragaan (sintetis)")
    i.add_argument("--show", type=int, default=30, help="jumlah pesan yang ditampilkan (bawaan 30)")
    i.set_defaults(func=cmd_import)
    u = sub.add_parser("undo", help="batalkan impor terakhir suatu jenis dan periode")
    u.add_argument("--kind", choices=KINDS, required=True, help="jenis data")
    u.add_argument("--period", type=int, help="periode (untuk personnel, performance, assessment)")
    u.add_argument("--bersama", action="store_true",
                   help="data kepegawaian: batalkan juga impor kinerja/asesmen sesudahnya pada periode itu")
    u.set_defaults(func=cmd_undo)
    t = sub.add_parser("template", help="tulis templat impor (.xlsx) suatu jenis")
    t.add_argument("kind", choices=KINDS)
    t.add_argument("--out", help="berkas tujuan (bawaan: templat-JENIS.xlsx)")
    t.set_defaults(func=cmd_template)
    h = sub.add_parser("imports", help="riwayat impor")
    h.add_argument("--limit", type=int, default=20)
    h.set_defaults(func=cmd_imports)


# -- backup and restore --------------------------------------------------------------------------

def _id_number(value: float, decimals: int = 0) -> str:
    """Indonesian number: 12.345 and 0,4."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def cmd_backup(args: argparse.Namespace) -> int:
    from data.backup import backup

    done = backup(Path(args.db) if args.db else db_path(), Path(args.out) if args.out else None, _actor())
    print(f"Cadangan ditulis ke {done.path}: {done.tables} tabel, {_id_number(done.rows)} baris, "
          f"{_id_number(done.bytes / 2**20, 1)} MB, {_id_number(done.seconds, 1)} detik. "
          "Berkas ini berisi data pribadi: simpan di tempat yang aman.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from data.backup import restore

    done = restore(Path(args.snapshot), Path(args.db) if args.db else db_path(), _actor())
    print(f"Basis data {done.db} dipulihkan dari {done.snapshot.name} (dibuat {done.created_at}, skema versi "
          f"{done.schema_version}, {done.tables} tabel, {_id_number(done.rows)} baris) dalam "
          f"{_id_number(done.seconds, 1)} detik."
          + (f" Basis data sebelumnya disimpan sebagai {done.kept}." if done.kept else ""))
    return 0


def _add_backup_commands(sub) -> None:
    b = sub.add_parser("backup", help="cadangkan seluruh basis data ke satu berkas .zip (Parquet)")
    b.add_argument("--out", metavar="BERKAS_ATAU_FOLDER",
                   help="berkas .zip tujuan, atau folder (bawaan: backups/ di samping basis data)")
    b.set_defaults(func=cmd_backup)
    r = sub.add_parser("restore", help="pulihkan basis data dari cadangan (.zip); berkas lama disimpan")
    r.add_argument("snapshot", help="berkas cadangan .zip dari `python -m data backup`")
    r.set_defaults(func=cmd_restore)


def _read_password(args: argparse.Namespace) -> str:
    """From standard input with --password-stdin (automation), else asked twice without echo."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Kata sandi baru: ")
    if getpass.getpass("Ulangi kata sandi: ") != first:
        raise StoreError("Kedua kata sandi tidak sama.")
    return first


def cmd_user(args: argparse.Namespace) -> int:
    from data import auth

    store = open_store(args.db)
    if args.action == "list":
        users = store.users()
        if users.empty:
            print("Belum ada pengguna.")
        for r in users.itertuples(index=False):
            state = "aktif" if r.aktif else "nonaktif"
            opd = f" · OPD {r.opd_id}" if isinstance(r.opd_id, str) else ""
            print(f"{r.username} · {r.nama} · {r.role}{opd} · {state}")
        return 0
    if not args.username:
        raise StoreError("Sebutkan nama pengguna.")
    username = args.username.strip().lower()
    if args.action == "add":
        if not args.role or not args.nama:
            raise StoreError("Tambah pengguna memerlukan --role dan --nama.")
        auth.add_user(store, username, args.nama, args.role, args.opd, _read_password(args), _actor())
        print(f"Pengguna {username} ({args.role}) dibuat.")
    elif args.action == "reset":
        auth.reset_password(store, username, _read_password(args), _actor())
        print(f"Kata sandi {username} diatur ulang; penundaan karena login gagal dihapus.")
    elif args.action in ("disable", "enable"):
        auth.set_active(store, username, args.action == "enable", _actor())
        print(f"Pengguna {username} {'diaktifkan' if args.action == 'enable' else 'dinonaktifkan'}.")
    return 0


def _add_user_commands(sub) -> None:
    u = sub.add_parser("user", help="kelola pengguna: add, reset, disable, enable, list")
    u.add_argument("action", choices=["add", "reset", "disable", "enable", "list"])
    u.add_argument("username", nargs="?", help="nama pengguna (huruf kecil)")
    u.add_argument("--nama", help="nama lengkap (untuk add)")
    u.add_argument("--role", help="peran: admin, ketua, komite, pimpinan, operator, tamu (untuk add)")
    u.add_argument("--opd", help="kode OPD, wajib untuk peran operator")
    u.add_argument("--password-stdin", action="store_true", help="baca kata sandi dari standard input")
    u.set_defaults(func=cmd_user)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, Indonesian, exit 2
        sys.stderr.write(f"Perintah tidak lengkap atau salah: {message}. Lihat `python -m data --help`.\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m data", description="Talenta: perintah basis data.")
    p.add_argument("--db", default=None, help=f"berkas DuckDB (bawaan: $TALENTA_DB atau {db_path()})")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    m = sub.add_parser("migrate", help="buat atau perbarui skema basis data")
    m.set_defaults(func=cmd_migrate)
    d = sub.add_parser("demo", help="bangun basis data peragaan (data sintetis Kota Serang)")
    d.add_argument("--n", type=int, default=6000, help="jumlah ASN (bawaan 6000)")
    d.add_argument("--seed", type=int, default=20260105, help="benih acak (bawaan 20260105)")
    d.add_argument("--if-missing", action="store_true", help="hanya bila basis data belum berisi data")
    d.add_argument("--force", action="store_true", help="ganti juga data hasil impor")
    d.set_defaults(func=cmd_demo)
    e = sub.add_parser("export-boxes", help="tulis penempatan kotak per ASN ke CSV")
    e.add_argument("--period", type=int, required=True, help="periode, mis. 2025")
    e.add_argument("--out", required=True, help="berkas CSV tujuan")
    e.set_defaults(func=cmd_export_boxes)
    _add_import_commands(sub)
    _add_user_commands(sub)
    _add_backup_commands(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except StoreError as exc:
        sys.stderr.write(f"Gagal: {exc}\n")
    except KeyboardInterrupt:
        sys.stderr.write("Dibatalkan.\n")
    except Exception as exc:  # last resort: one line, never a traceback
        sys.stderr.write(f"Gagal: kesalahan tak terduga ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}).\n")
    return EXIT_FAIL


if __name__ == "__main__":
    raise SystemExit(main())

"""Bad input, mixed batches, idempotence and interrupted builds, through the real commands."""

from __future__ import annotations

import io
import json
import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from cancu.cli import cli
from cancu.ingest.build import DERIVED_GRAPHS, build_key, code_digest
from cancu.ingest.encodings import encode_legacy
from cancu.ingest.readers import parse_size
from cancu.ontology.mapping import graph_iri

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"
SEED = SEEDS / "004_c14d97335b0db08d.txt"
NO_HEADER = "Các cơ quan, đơn vị tăng cường tuyên truyền về biên giới, lãnh thổ trong năm 2020.\n"


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        body = "".join(
            f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>"
            for line in SEED.read_text(encoding="utf-8").splitlines()
        )
        z.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>",
        )
    return buffer.getvalue()


def _pdf_bytes(text: str = "Số: 83/KH-UBND ngày 19 tháng 11 năm 2019") -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont("DejaVu", 12)
    page.drawString(60, 780, text)
    page.showPage()
    page.save()
    return buffer.getvalue()


def _encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("mật khẩu", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _docx_with(xml: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", xml)
    return buffer.getvalue()


_W = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
_ENTITIES = "".join(f'<!ENTITY e{i + 1} "{f"&e{i};" * 10}">' for i in range(9))
BILLION_LAUGHS = f'<!DOCTYPE w:document [<!ENTITY e0 "ha">{_ENTITIES}]>{_W}<w:t>&e9;</w:t></w:r></w:p></w:body></w:document>'
EXTERNAL_ENTITY = f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>{_W}<w:t>&x;</w:t></w:r></w:p></w:body></w:document>'
PIXEL_BOMB = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (40_000).to_bytes(4, "big") * 2 + b"\x01\x00\x00\x00\x00"
)


def _zip_of_other_things() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("photo.jpg", b"\xff\xd8\xff")
    return buffer.getvalue()


BAD_FILES = [
    ("empty.txt", lambda: b"", "empty file"),
    ("blank.md", lambda: b" \n\t\r\n  ", "empty file"),
    ("nul.txt", lambda: b"S\x00\x01\x02binary\x00", "binary"),
    ("random.txt", lambda: random.Random(9).randbytes(4096), "binary"),
    ("truncated.docx", lambda: _docx_bytes()[:700], "damaged or truncated .docx"),
    ("truncated.pdf", lambda: _pdf_bytes()[:600], "damaged or truncated PDF"),
    ("photos.docx", _zip_of_other_things, "not a Word document"),
    ("old.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "Word 97-2003"),
    ("locked.pdf", _encrypted_pdf, "encrypted PDF"),
    ("blank.pdf", _blank_pdf, "no text in this PDF"),
    ("french.txt", lambda: "Le comité a décidé à Genève.".encode("cp1252"), "no Vietnamese 8-bit encoding"),
    ("huge.txt", lambda: SEED.read_bytes() * 40, "size limit"),
    ("entity-bomb.docx", lambda: _docx_with(BILLION_LAUGHS), "amplification"),
    ("external-entity.docx", lambda: _docx_with(EXTERNAL_ENTITY), "undefined entity"),
    ("pixel-bomb.png", lambda: PIXEL_BOMB, "40000x40000 pixels is too large"),
]
GOOD_FILES = [
    ("seed.txt", SEED.read_bytes),
    ("cut-mid-character.txt", lambda: SEED.read_bytes()[: SEED.read_bytes().index(b"Ban") + 2][:-1]),
    ("no-header.txt", lambda: NO_HEADER.encode()),
    ("utf16.txt", lambda: SEED.read_text(encoding="utf-8").encode("utf-16")),
    ("vni.txt", lambda: encode_legacy(SEED.read_text(encoding="utf-8"), "vni")),
    ("tcvn3.txt", lambda: encode_legacy(SEED.read_text(encoding="utf-8"), "tcvn3")),
    ("cp1258.txt", lambda: encode_legacy(SEED.read_text(encoding="utf-8"), "windows-1258")),
    ("word.docx", _docx_bytes),
    ("text-layer.pdf", _pdf_bytes),
]
LIMIT = str(len(SEED.read_bytes()) * 10)


def _write(folder: Path, files: list) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, make, *_ in files:
        (folder / name).write_bytes(make())


def _graphs(store: Path) -> dict[str, set[str]]:
    """Every source file's named graph of a store (derived graphs left out), as sets of N-Triples lines."""
    graphs: dict[str, set[str]] = {}
    for quad in ox.Store.read_only(str(store)):
        if quad.graph_name.value in DERIVED_GRAPHS:
            continue
        triple = ox.Triple(quad.subject, quad.predicate, quad.object)
        graphs.setdefault(quad.graph_name.value, set()).add(str(triple))
    return graphs


@pytest.mark.parametrize(("name", "make", "reason"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_is_refused_in_one_line(runner: CliRunner, tmp_path: Path, name, make, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(make())
    result = runner.invoke(cli, ["extract", str(path), "--max-bytes", LIMIT])
    assert result.exit_code == 1, result.output
    message = result.output.strip()
    assert reason in message and name in message, message
    assert "Traceback" not in message and len(message.splitlines()) == 1


@pytest.mark.parametrize(("name", "make"), GOOD_FILES, ids=[g[0] for g in GOOD_FILES])
def test_awkward_but_good_file_is_read(runner: CliRunner, tmp_path: Path, name, make) -> None:
    path = tmp_path / name
    path.write_bytes(make())
    result = runner.invoke(cli, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"document"' in result.output


def test_size_limit_from_the_environment(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())
    result = runner.invoke(
        cli, ["build", str(tmp_path), "--store", str(tmp_path / "st")], env={"CANCU_MAX_BYTES": "1KB"}
    )
    assert result.exit_code == 1
    assert "over the 1.0 KB size limit" in result.output and "CANCU_MAX_BYTES" in result.output


def test_mixed_folder_every_good_file_lands_every_bad_file_is_named(
    runner: CliRunner, tmp_path: Path
) -> None:
    docs, store = tmp_path / "docs", tmp_path / "store"
    _write(docs, BAD_FILES + GOOD_FILES)
    _write(docs / "other", [("seed.txt", lambda: SEED.read_bytes() + b"\n")])  # same name, another folder
    result = runner.invoke(cli, ["build", str(docs), "--store", str(store), "--max-bytes", LIMIT])
    assert result.exit_code == 1
    for name, _, reason in BAD_FILES:
        assert any(name in line and reason in line for line in result.output.splitlines()), (
            name,
            result.output,
        )
    graphs = _graphs(store)
    expected = {str(graph_iri(name)) for name, _ in GOOD_FILES} | {str(graph_iri("other/seed.txt"))}
    lost = expected - set(graphs)
    assert not lost, f"good files lost: {lost}"
    assert set(graphs) == expected
    assert f"{len(expected)} added" in result.output and f"{len(BAD_FILES)} failed" in result.output


def test_strict_stops_at_the_first_bad_file(runner: CliRunner, tmp_path: Path) -> None:
    docs, store = tmp_path / "docs", tmp_path / "store"
    _write(docs, [("a.txt", SEED.read_bytes), ("b.txt", lambda: b""), ("c.txt", SEED.read_bytes)])
    result = runner.invoke(cli, ["build", str(docs), "--store", str(store), "--strict"])
    assert result.exit_code == 1
    assert "b.txt: empty file" in result.output and "--strict" in result.output
    assert set(_graphs(store)) == {str(graph_iri("a.txt"))}
    loose = runner.invoke(cli, ["build", str(docs), "--store", str(store)])
    assert loose.exit_code == 1 and set(_graphs(store)) == {str(graph_iri(n)) for n in ("a.txt", "c.txt")}


def test_a_crash_in_extraction_costs_only_its_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cancu.ingest.build as build_module

    real = build_module.extract_file

    def flaky(path: Path):  # noqa: ANN202
        if path.name == "b.txt":
            raise IndexError("list index out of range")
        return real(path)

    monkeypatch.setattr(build_module, "extract_file", flaky)
    docs = tmp_path / "docs"
    _write(docs, [(n, SEED.read_bytes) for n in ("a.txt", "b.txt", "c.txt")])
    result = runner.invoke(cli, ["build", str(docs), "--store", str(tmp_path / "st")])
    assert result.exit_code == 1
    assert "b.txt: internal error while reading it (IndexError" in result.output
    assert set(_graphs(tmp_path / "st")) == {str(graph_iri(n)) for n in ("a.txt", "c.txt")}


def test_building_twice_gives_identical_triples(runner: CliRunner, tmp_path: Path) -> None:
    store, other = tmp_path / "store", tmp_path / "other"
    first = runner.invoke(cli, ["build", str(SEEDS), "--store", str(store)])
    before = _graphs(store)
    second = runner.invoke(cli, ["build", str(SEEDS), "--store", str(store)])
    fresh = runner.invoke(cli, ["build", str(SEEDS), "--store", str(other)])
    assert first.exit_code == second.exit_code == fresh.exit_code == 0
    count = lambda out: int(out.rsplit(";", 1)[1].split()[0])  # noqa: E731
    assert count(first.output) == count(second.output) == count(fresh.output) > 1000
    assert "5 unchanged" in second.output
    assert _graphs(store) == before == _graphs(other)


def test_the_build_key_covers_the_reading_code(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x")
    assert build_key(path).endswith("+" + code_digest()) and len(code_digest()) == 16


def _wait_for_first_commit(store: Path, process: subprocess.Popen, timeout: float = 120) -> None:
    """Until the store's write-ahead log holds a file's graph (RocksDB's numbered .log files)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        logs = [p for p in store.glob("*.log")] if store.exists() else []
        if sum(p.stat().st_size for p in logs) > 20_000:
            return
        time.sleep(0.05)
    raise AssertionError("the build wrote nothing in time")


@pytest.mark.slow
@pytest.mark.parametrize(
    "sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["SIGINT", "SIGTERM", "SIGKILL"]
)
def test_interrupted_build_keeps_whole_files_and_the_next_build_finishes(
    runner: CliRunner, tmp_path: Path, sig: signal.Signals
) -> None:
    docs, reference, store = tmp_path / "docs", tmp_path / "reference", tmp_path / "store"
    seeds = sorted(SEEDS.glob("*.txt"))
    _write(
        docs,
        [(f"doc{i:02d}.txt", lambda i=i: seeds[i % 5].read_bytes() + f"\n{i}\n".encode()) for i in range(12)],
    )
    command = [sys.executable, "-m", "cancu", "build", str(docs), "--store"]
    assert subprocess.run([*command, str(reference)], capture_output=True).returncode == 0
    expected = _graphs(reference)

    process = subprocess.Popen(
        [*command, str(store)], stderr=subprocess.PIPE, env={**os.environ, "CANCU_DEBUG": ""}
    )
    _wait_for_first_commit(store, process)
    process.send_signal(sig)
    _, err = process.communicate(timeout=120)
    if sig in (signal.SIGINT, signal.SIGTERM):  # both finish the file in hand and say so
        assert process.returncode == 130 and b"interrupted after" in err, err
    else:
        assert process.returncode == -signal.SIGKILL

    partial = _graphs(store)
    assert 0 < len(partial) < len(expected), "the signal must land mid-way"
    for graph, triples in partial.items():
        assert triples == expected[graph], f"{graph} is not whole after {sig.name}"

    resumed = subprocess.run([*command, str(store)], capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{len(partial)} unchanged" in resumed.stderr
    assert _graphs(store) == expected


def test_document_without_a_header_gives_nulls_not_guesses(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "no-header.txt"
    path.write_text(NO_HEADER, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)["document"]
    for key in ("symbol", "type", "issuer", "date", "place", "title"):
        assert document[key] is None, (key, document)


@pytest.mark.parametrize(
    ("text", "size"),
    [("5000000", 5_000_000), ("20MB", 20_000_000), ("64MiB", 64 * 1024**2), ("1.5G", 1_500_000_000),
     ("512 kb", 512_000), ("100 bytes", 100), ("2Ki", 2048)],
)  # fmt: skip
def test_size_limits_are_read_as_people_write_them(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "lots", "-5MB", "0", "12 parsecs"])
def test_bad_size_limits_are_refused(runner: CliRunner, tmp_path: Path, text: str) -> None:
    with pytest.raises(ValueError):
        parse_size(text)
    result = runner.invoke(cli, ["build", str(SEEDS), "--store", str(tmp_path / "st"), "--max-bytes", text])
    assert result.exit_code == 2 and "--max-bytes" in result.output and "Traceback" not in result.output

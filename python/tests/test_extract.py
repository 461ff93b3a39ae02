"""odplan.extract and extract_document against the command line's output."""

import json
import os
import pydoc
import threading
import time
import typing
from pathlib import Path

import pytest

import odplan
from conftest import FIXTURES, plan_files


def test_records_are_the_clis_records_jsonl_field_for_field(cli_pdf):
    records = [r for p in plan_files("pdf") for r in odplan.extract(p)]
    assert len(records) == len(cli_pdf["records"]) > 500
    for mine, theirs in zip(records, cli_pdf["records"]):
        # Same keys in the same order, same values of the same types.
        assert list(mine) == list(theirs)
        assert mine == theirs
        assert [type(v) for v in mine.values()] == [type(v) for v in theirs.values()]


def test_text_input_matches_the_cli(cli_text):
    records = [r for p in plan_files("text") for r in odplan.extract(str(p))]
    assert records == cli_text["records"]
    assert {r["source"] for r in records} == {p.name for p in plan_files("text")}


def test_document_is_the_clis_per_document_json(cli_pdf):
    for path in plan_files("pdf")[:6]:
        doc = odplan.extract_document(path)
        assert list(doc) == ["source", "pages", "records", "diagnostics"]
        assert doc == cli_pdf["documents"][path.name]
        assert doc["pages"] >= 1


def test_bytes_are_told_by_content_or_by_source(cli_pdf):
    path = plan_files("pdf")[0]
    data = path.read_bytes()
    by_path = odplan.extract(path)
    assert odplan.extract(data, source=path.name) == by_path
    assert odplan.extract(bytearray(data), source=path.name) == by_path
    # No name at all: the %PDF- header says PDF; records carry an empty source.
    unnamed = odplan.extract(data)
    assert [dict(r, source=path.name) for r in unnamed] == by_path
    assert {r["source"] for r in unnamed} == {""}
    # A name that says neither: the content decides.
    assert odplan.extract(data, source="download.bin")[0]["source"] == "download.bin"
    text = plan_files("text")[0]
    assert odplan.extract(text.read_bytes(), source=text.name) == odplan.extract(text)
    # os.PathLike and str alike.
    assert odplan.extract(str(path)) == odplan.extract(Path(path)) == by_path


def test_source_names_the_records():
    path = plan_files("pdf")[0]
    records = odplan.extract(path, source="2024/afcd.pdf")
    assert records and {r["source"] for r in records} == {"2024/afcd.pdf"}


def test_unreadable_documents_fail_with_the_clis_reason(broken):
    folder, report = broken
    failed = {s: e for s, e in report.items() if e["status"] == "failed"}
    assert len(failed) >= 5
    for source, entry in report.items():
        path = folder / source
        if entry["status"] == "ok":
            assert len(odplan.extract(path)) == entry["records"]
            continue
        with pytest.raises(odplan.ExtractError) as e:
            odplan.extract(path)
        assert str(e.value) == entry["errors"][0]
        assert e.value.source == source
        # The same from the bytes, named as the file.
        with pytest.raises(odplan.ExtractError) as e:
            odplan.extract(path.read_bytes(), source=source)
        assert str(e.value) == entry["errors"][0]


def test_extract_error_is_a_value_error():
    assert issubclass(odplan.ExtractError, ValueError)
    with pytest.raises(ValueError, match="^empty file$"):
        odplan.extract(b"")
    with pytest.raises(odplan.ExtractError, match="^cannot read .*missing.pdf") as e:
        odplan.extract(FIXTURES / "missing.pdf")
    assert e.value.source == "missing.pdf"


def test_wrong_arguments_are_type_and_value_errors():
    with pytest.raises(TypeError, match="path .* or bytes"):
        odplan.extract(42)
    with pytest.raises(ValueError, match="timeout"):
        odplan.extract(plan_files("pdf")[0], timeout=0)
    with pytest.raises(TypeError):
        odplan.extract(plan_files("pdf")[0], "positional source")


def test_the_gil_is_released_while_documents_are_read():
    # One native call on the largest sample: had it held the GIL, no other
    # Python thread could run until it returned.
    largest = max(plan_files("pdf"), key=lambda p: p.stat().st_size)
    data = largest.read_bytes()
    ticks = []
    stop = threading.Event()

    def spin():
        while not stop.is_set():
            ticks.append(time.perf_counter())

    spinner = threading.Thread(target=spin)
    spinner.start()
    try:
        for call in (
            lambda: odplan.extract(largest),
            lambda: odplan.extract(data, source=largest.name),
            # A fresh run each time: one made earlier may have finished its
            # first document before the call, which then takes no time.
            lambda: next(odplan.extract_many([largest] * 2, jobs=1)),
        ):
            start = time.perf_counter()
            call()
            end = time.perf_counter()
            span = end - start
            middle = [t for t in ticks if start + span / 4 < t < end - span / 4]
            assert middle, f"no Python ran during a {span * 1000:.0f} ms call"
    finally:
        stop.set()
        spinner.join()


def test_record_fields_are_the_jsonl_order_and_the_typed_dict(cli_pdf):
    first = json.loads(cli_pdf["lines"][0])
    assert list(odplan.RECORD_FIELDS) == list(first)
    assert list(typing.get_type_hints(odplan.Record)) == list(first)
    assert set(typing.get_type_hints(odplan.Document)) == {"source", "pages", "records", "diagnostics"}


def test_help_reads_well():
    text = pydoc.render_doc(odplan.extract, renderer=pydoc.plaintext)
    assert "extract(src" in text and "source" in text and "timeout" in text
    for word in ("records.jsonl", "ExtractError", "bytes", "%PDF-"):
        assert word in text
    for f in (odplan.extract_document, odplan.extract_many, odplan.to_dataframe):
        assert len(f.__doc__) > 200
    stubs = Path(odplan.__file__).parent
    assert (stubs / "_odplan.pyi").exists() and (stubs / "py.typed").exists()


def test_to_dataframe(cli_pdf):
    pd = pytest.importorskip("pandas")
    records = odplan.extract(plan_files("pdf")[0])
    df = odplan.to_dataframe(records)
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == list(odplan.RECORD_FIELDS)
    assert len(df) == len(records)
    assert df.to_dict("records") == records
    empty = odplan.to_dataframe([])
    assert list(empty.columns) == list(odplan.RECORD_FIELDS) and len(empty) == 0
    # Any iterable of records, e.g. a generator.
    assert len(odplan.to_dataframe(r for r in records)) == len(records)


def test_errors_cross_process_boundaries(broken):
    # Dask and multiprocessing pickle what a worker raised or returned.
    import pickle

    folder, report = broken
    source = next(s for s, e in report.items() if e["status"] == "failed")
    with pytest.raises(odplan.ExtractError) as e:
        odplan.extract(folder / source)
    again = pickle.loads(pickle.dumps(e.value))
    assert type(again) is odplan.ExtractError
    assert str(again) == str(e.value) and again.source == source

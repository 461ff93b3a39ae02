"""odplan.extract_many: Rust threads, input order, failures as values."""

import pytest

import odplan
from conftest import FIXTURES, plan_files


def test_one_result_per_input_in_order_failures_as_values(broken, cli_pdf):
    folder, report = broken
    good = plan_files("pdf")
    bad = sorted(folder / s for s, e in report.items() if e["status"] == "failed")
    # Failures between, before and after good documents.
    paths = [bad[0], *good[:5], bad[1], FIXTURES / "no-such-file.pdf", *good[5:], *bad[2:]]
    for jobs in (1, 2, 3):
        results = odplan.extract_many(paths, jobs=jobs)
        assert len(results) == len(paths)
        results = list(results)
        assert len(results) == len(paths)
        for path, result in zip(paths, results):
            if path in bad:
                assert isinstance(result, odplan.ExtractError)
                assert str(result) == report[path.name]["errors"][0]
                assert result.source == path.name
            elif path.parent == FIXTURES:
                assert isinstance(result, odplan.ExtractError)
                assert str(result).startswith("cannot read ")
            else:
                assert result == cli_pdf["documents"][path.name]


def test_records_match_the_cli_and_job_counts_agree(cli_pdf):
    paths = plan_files("pdf")
    one = list(odplan.extract_many(paths, jobs=1))
    assert [r for d in one for r in d["records"]] == cli_pdf["records"]
    assert list(odplan.extract_many(paths)) == one
    assert list(odplan.extract_many(iter(map(str, paths)), jobs=2)) == one


def test_stopping_early_is_fine():
    paths = plan_files("pdf") * 4
    docs = odplan.extract_many(paths, jobs=2)
    first = next(docs)
    assert first["source"] == paths[0].name
    del docs  # the workers stop; nothing hangs


def test_empty_and_wrong_arguments():
    assert list(odplan.extract_many([])) == []
    with pytest.raises(TypeError, match="one str"):
        odplan.extract_many("fixtures/pdf")
    with pytest.raises(TypeError, match="paths"):
        odplan.extract_many([42])
    with pytest.raises(ValueError, match="jobs"):
        odplan.extract_many([], jobs=0)

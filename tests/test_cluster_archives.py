"""``check --cluster`` on web archives and on URLs (fsspec), on a real local Dask cluster:
the bytes, stderr and exit code of the local run in every output format; workers read
remote inputs themselves (the client only lists them); the cache serves a cluster run and
never holds a fault."""
from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from support import crawl_records, run_cli, sample_paragraphs, write_warc

distributed = pytest.importorskip("distributed")
fsspec = pytest.importorskip("fsspec")

from gongwen import api, run  # noqa: E402
from gongwen.remote import Url  # noqa: E402
from gongwen.sources import InputOptions  # noqa: E402

FORMATS = ("full", "concise", "json", "github", "sarif", "junit", "html")
HOST = "http://www.example.gov.cn"


@pytest.fixture(scope="module")
def dask_cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as local:
        yield local


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A crawl of ~300 pages (.warc.gz), a small uncompressed one, copies of both cut off
    mid-record, and a few text files."""
    root = tmp_path_factory.mktemp("crawl")
    write_warc(root / "crawl.warc.gz", crawl_records(320, HOST))
    write_warc(root / "small.warc", crawl_records(40, HOST), gzip=False)
    for name in ("crawl.warc.gz", "small.warc"):
        data = (root / name).read_bytes()
        (root / f"cut-{name}").write_bytes(data[:len(data) // 3 + 101])
    paras = sample_paragraphs()
    for i in range(5):
        (root / "docs").mkdir(exist_ok=True)
        (root / "docs" / f"{i}.txt").write_text("\n".join(paras[i * 4:i * 4 + 4]) + "\n", encoding="utf-8")
    return root


_counter = itertools.count()


def _run(targets, fmt: str, tmp_path: Path, capsys, **options) -> tuple[str, str, dict]:
    """An in-process ``gongwen check`` (a memory:// filesystem is this process's): the
    report, stderr and the counts that decide the exit code."""
    out = tmp_path / f"report-{next(_counter)}.{fmt}"
    outcome = run.execute(list(targets), api.make_linter(),
                          run.RunOptions(fmt=fmt, output_file=out, jobs=1, inputs=InputOptions(), **options))
    return out.read_text(encoding="utf-8"), capsys.readouterr().err, dict(outcome.tally.codes)


def test_archives_and_file_urls_give_the_local_bytes_in_every_format(dask_cluster, site, tmp_path, capsys):
    address = dask_cluster.scheduler_address
    for fmt, target in zip(FORMATS, itertools.cycle([site, Url(site.as_uri())])):
        local = _run([target], fmt, tmp_path, capsys)
        remote = _run([target], fmt, tmp_path, capsys, cluster=address)
        assert remote == local, (fmt, target)
        assert "跳过" in local[1] and "image/png" in local[1]  # the records that are not pages, counted
        assert sum(local[2].values()) > 100


def test_the_command_on_a_warc_url_is_byte_identical(dask_cluster, site):
    target = (site / "crawl.warc.gz").as_uri()
    local = run_cli("check", "--output-format", "json", target)
    remote = run_cli("check", "--output-format", "json", "--cluster", dask_cluster.scheduler_address, target)
    assert (remote.returncode, remote.stdout, remote.stderr) == (local.returncode, local.stdout, local.stderr)
    assert local.returncode == 1 and local.stdout.count(b'"path": "http://www.example.gov.cn/') > 100


def test_workers_read_memory_urls_themselves(dask_cluster, site, tmp_path, capsys):
    """Each worker process has its own memory://, holding the real files; the client's holds
    the same names with other bytes. The cluster run still equals the local run of the real
    files: the client listed them and never read them (an archive included)."""
    real = {f"/gw/{p.relative_to(site).as_posix()}": p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file() and not p.name.startswith("cut-")}
    target = Url("memory://gw/")

    # Local functions: shipped to the workers by value (they cannot import the tests).
    def _put(files: dict[str, bytes]) -> None:
        memory = fsspec.filesystem("memory")
        for name, data in files.items():
            memory.pipe(name, data)

    def _drop(folder: str) -> None:
        memory = fsspec.filesystem("memory")
        if memory.exists(folder):
            memory.rm(folder, recursive=True)

    with distributed.Client(dask_cluster) as client:
        try:
            client.run(_put, real)
            _put(real)
            expected = _run([target], "json", tmp_path, capsys)
            _put({name: "另一份内容，不是工作进程读到的。\n".encode() for name in real})
            assert _run([target], "json", tmp_path, capsys) != expected
            assert _run([target], "json", tmp_path, capsys, cluster=dask_cluster.scheduler_address) == expected
        finally:
            client.run(_drop, "/gw")
            _drop("/gw")
    assert '"path": "memory://gw/docs/' in expected[0] and '"path": "http://www.example.gov.cn/p/' in expected[0]


def test_a_cached_cluster_run_is_byte_identical_and_served_from_the_cache(dask_cluster, site, tmp_path, capsys):
    address = dask_cluster.scheduler_address
    cache = tmp_path / "cache"
    fresh = _run([site], "json", tmp_path, capsys, cluster=address)
    first = _run([site], "json", tmp_path, capsys, cluster=address, cache_dir=cache)
    entries = {p: p.stat().st_mtime_ns for p in cache.rglob("*.pickle")}
    assert len(entries) > 250  # the workers wrote one per page and file
    second = _run([site], "json", tmp_path, capsys, cluster=address, cache_dir=cache)
    assert fresh == first == second
    # Nothing was linted and stored again: every finding came from the entries the first run wrote.
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*.pickle")} == entries


def test_a_store_error_that_is_not_oserror_becomes_each_pages_lnt904(monkeypatch, tolerant):
    """A store driver raises its own types (botocore's ParamValidationError, ClientError):
    the pages of that slice are reported LNT904 on their URLs, and the run goes on."""
    from gongwen import cluster, remote
    from gongwen.formats.warc import PageRecord

    def refuse(url, start, end):
        raise ValueError("Parameter validation failed")

    monkeypatch.setattr(remote, "read_range", refuse)
    pages = (PageRecord(f"{HOST}/p/1.html", 0, 50), PageRecord(f"{HOST}/p/2.html", 50, 40))
    job = cluster._Job(api.make_linter(), None, InputOptions(), None, None)
    got = cluster._Pages("s3://bucket/crawl.warc.gz", 0, 90, pages).documents(job)
    assert [(p.path, p.code) for p in got] == [(f"{HOST}/p/1.html", "LNT904"), (f"{HOST}/p/2.html", "LNT904")]
    assert all("Parameter validation failed" in p.message for p in got)

"""docs/cluster.md's S3 recipe, run for real against an S3-compatible server (moto's, started
by this test on a loopback port): a site's text files and a web archive in a bucket,
``gongwen check s3://…`` through the environment the runbook sets, on a two-worker Dask
cluster started with that environment. It gives the bytes of the same command without
``--cluster``, and the findings of the same files checked from a local folder.

Running the runbook this way found s3fs reading an archive's byte offsets as an object
version (``cat_file(path, start, end)``): the ``file://`` and ``memory://`` tests could not."""
from __future__ import annotations

import json
import socket

import pytest
from support import FIXTURES, crawl_records, run_cli, write_warc

distributed = pytest.importorskip("distributed")
s3fs = pytest.importorskip("s3fs")
moto_server = pytest.importorskip("moto.server")

HOST = "http://www.example.gov.cn"
BUCKET = "inspection"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """The runbook's environment (credentials, FSSPEC_S3_ENDPOINT_URL), a bucket holding the
    site, the same site in a local folder, and a cluster whose workers inherit that
    environment, as `dask worker` does."""
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=_free_port(), verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{server._port}"
    env = {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
           "AWS_DEFAULT_REGION": "us-east-1", "FSSPEC_S3_ENDPOINT_URL": endpoint}
    site = tmp_path_factory.mktemp("site")
    for src in sorted((FIXTURES / "corpus-sample").glob("*.txt"))[:6]:
        (site / src.name).write_bytes(src.read_bytes())
    write_warc(site / "crawl.warc.gz", crawl_records(120, HOST))
    fs = s3fs.S3FileSystem(key="test", secret="test", endpoint_url=endpoint)
    fs.mkdir(BUCKET)
    for path in sorted(site.iterdir()):
        fs.put_file(str(path), f"{BUCKET}/site/{path.name}")
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      dashboard_address=":0") as cluster:
            yield env, site, cluster.scheduler_address
    server.stop()


def test_an_s3_folder_on_the_cluster_gives_the_bytes_of_the_plain_command(store):
    env, _, address = store
    target = f"s3://{BUCKET}/site/"
    plain = run_cli("check", "--output-format", "json", "--no-cache", target, env=env)
    remote = run_cli("check", "--output-format", "json", "--no-cache", "--cluster", address, target, env=env)
    assert (remote.returncode, remote.stdout, remote.stderr) == (plain.returncode, plain.stdout, plain.stderr)
    found = json.loads(plain.stdout)
    assert plain.returncode == 1
    assert sum(d["path"].startswith(f"{HOST}/") for d in found) > 20  # the archive's pages, by ranged reads (35 on round 20's tuning-half sample)
    assert sum(d["path"].startswith(target) for d in found) >= 1      # the text files, read by the workers (the six tuning-half excerpts draw 1 report since round 20: the byte-identity above is the check)
    assert b"image/png" in plain.stderr  # the records that are not pages, counted as locally


def test_the_files_in_s3_have_the_findings_of_the_same_files_on_disk(store):
    env, site, address = store
    from_s3 = run_cli("check", "--output-format", "json", "--no-cache", "--cluster", address,
                      f"s3://{BUCKET}/site/", env=env)
    on_disk = run_cli("check", "--output-format", "json", "--no-cache", str(site))

    def by_name(stdout: bytes, prefix: str) -> list[tuple]:
        return sorted((d["path"].removeprefix(prefix), d["code"], d["location"]["line"], d["location"]["column"], d["message"])
                      for d in json.loads(stdout))

    assert by_name(from_s3.stdout, f"s3://{BUCKET}/site/") == by_name(on_disk.stdout, f"{site}/")
    assert from_s3.returncode == on_disk.returncode == 1

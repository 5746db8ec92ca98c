"""gongwen.entry_points finds what importlib.metadata.entry_points(group=…) finds, in order."""
from __future__ import annotations

import importlib.metadata
import sys
import zipfile

import pytest

from gongwen import entry_points

GROUP = "gongwen.rules"


@pytest.fixture(autouse=True)
def _plain_meta_path(monkeypatch):
    """The interpreter's own search only: a test run may have imported the importlib_metadata
    backport (with dask), which switches it off and adds its own, where the scan steps aside."""
    from importlib.machinery import PathFinder

    if getattr(PathFinder, "find_distributions", None) is None:
        monkeypatch.setattr(PathFinder, "find_distributions", staticmethod(
            importlib.metadata.MetadataPathFinder.find_distributions), raising=False)
    monkeypatch.setattr("sys.meta_path", [f for f in sys.meta_path if f is PathFinder or
                                          getattr(f, "find_distributions", None) is None])


def _key(eps) -> list[tuple]:
    return [(ep.name, ep.value, ep.group, ep.dist.name, ep.dist.version) for ep in eps]


def _reference(group: str) -> list[tuple]:
    return _key(importlib.metadata.entry_points(group=group))


def _dist(site, folder: str, metadata: str | None, entry_points_txt: str | None) -> None:
    path = site / folder
    path.mkdir(parents=True)
    if metadata is not None:
        (path / "METADATA").write_text(metadata, encoding="utf-8")
    if entry_points_txt is not None:
        (path / "entry_points.txt").write_text(entry_points_txt, encoding="utf-8")


@pytest.fixture
def made_up_path(tmp_path, monkeypatch):
    """Two site folders: a distribution in both (the first wins), names in several spellings, a
    distribution without entry points, an egg-info file, comments and other groups."""
    first, second = tmp_path / "first", tmp_path / "second"
    _dist(first, "pack_a-1.0.dist-info", "Metadata-Version: 2.1\nName: pack-a\nVersion: 1.0\n",
          "# generated\n[console_scripts]\npa = pack_a.cli:main\n\n[gongwen.rules]\n a = pack_a : load \n"
          "b = pack_a.more:rules.load [extra]\n")
    _dist(first, "Pack.B-2.0.dist-info", "Name: Pack.B\nVersion: 2.0\n\nbody: not a header\n",
          "[gongwen.rules]\nb=pack_b:load\n")
    _dist(first, "pack_c-3.dist-info", "Name: pack-c\nVersion: 3\n", None)
    (first / "pack_d-1.egg-info").write_text("Name: pack-d\nVersion: 1\n", encoding="utf-8")
    _dist(second, "pack_a-2.0.dist-info", "Name: pack-a\nVersion: 2.0\n", "[gongwen.rules]\nshadowed = x:y\n")
    _dist(second, "pack_e-1.0.dist-info", "Name: pack-e\nVersion: 1.0\nSummary: folded\n continued\n",
          "[gongwen.rules]\ne = pack_e:load\n; not a comment in this syntax = kept\n")
    _dist(second, "pack_f-1.0.egg-info", "Name: pack-f\nVersion: 1.0\n", "[gongwen.rules]\nf = pack_f\n")
    monkeypatch.setattr("sys.path", [str(first), str(tmp_path / "missing"), str(second)])
    return tmp_path


def test_the_real_path_is_read_without_importlib_metadata_and_alike():
    for group in (GROUP, "console_scripts", "pytest11"):
        assert _key(entry_points._scan(group)) == _reference(group)  # _scan: no fallback taken
    assert any(ep.name == "builtin" for ep in entry_points._scan(GROUP))


@pytest.mark.parametrize("group", [GROUP, "console_scripts", "no.such.group"])
def test_a_made_up_path_is_read_alike(made_up_path, group):
    assert _key(entry_points._scan(group)) == _reference(group)


def test_the_comparison_catches_a_reader_that_lists_folders_in_another_order(made_up_path):
    listdir = entry_points.os.listdir
    with pytest.MonkeyPatch.context() as wrong:
        wrong.setattr(entry_points.os, "listdir", lambda p: sorted(listdir(p), reverse=True))
        wrong.setattr("sys.path", list(reversed(sys.path)))
        reordered = _key(entry_points._scan(GROUP))
    assert reordered != _reference(GROUP) == _key(entry_points._scan(GROUP))


def test_a_zip_on_the_path_is_left_to_importlib_metadata(tmp_path, monkeypatch):
    archive = tmp_path / "packs.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("pack_z-1.0.dist-info/METADATA", "Name: pack-z\nVersion: 1.0\n")
        z.writestr("pack_z-1.0.dist-info/entry_points.txt", "[gongwen.rules]\nz = pack_z:load\n")
    monkeypatch.setattr("sys.path", [str(archive)])
    with pytest.raises(entry_points._Unusual):
        entry_points._scan(GROUP)
    assert _key(entry_points.entry_points(GROUP)) == _reference(GROUP) != []


def test_a_line_importlib_metadata_refuses_is_refused_alike(tmp_path, monkeypatch):
    _dist(tmp_path, "bad-1.0.dist-info", "Name: bad\nVersion: 1.0\n", "[other]\nno equals sign\n")
    monkeypatch.setattr("sys.path", [str(tmp_path)])
    with pytest.raises(Exception) as theirs:
        list(importlib.metadata.entry_points(group=GROUP))
    with pytest.raises(Exception) as ours:
        entry_points.entry_points(GROUP)
    assert type(ours.value) is type(theirs.value)  # the registry reports it as the pack's failure


def test_load_resolves_module_and_attributes_as_importlib_metadata_does():
    ep = entry_points.EntryPoint("x", "gongwen.registry : Registry.discover", GROUP, None)
    assert ep.load() == importlib.metadata.EntryPoint("x", "gongwen.registry : Registry.discover", GROUP).load()
    with pytest.raises(AttributeError):
        entry_points.EntryPoint("x", "not a value!", GROUP, None).load()


def test_another_finder_of_distributions_is_left_to_importlib_metadata(made_up_path, monkeypatch):
    class Finder:
        @staticmethod
        def find_distributions(context=None):
            return iter([])

    monkeypatch.setattr("sys.meta_path", [*sys.meta_path, Finder])
    with pytest.raises(entry_points._Unusual):
        entry_points._scan(GROUP)
    assert _key(entry_points.entry_points(GROUP)) == _reference(GROUP)

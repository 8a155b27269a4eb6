"""Loading a workspace from folders and files, and the cross-file integrity checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from safeguarding.errors import UsageError
from safeguarding.load.integrity import asset_problem
from safeguarding.load.validation import validate_workspace
from safeguarding.load.workspace import Workspace, load_workspace

TINY = Path(__file__).parent / "fixtures" / "partnerships" / "tiny"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(TINY, tmp_path / "partnerships" / "tiny")
    return tmp_path / "partnerships"


def rules(ws: Workspace) -> list[tuple[str, str]]:
    return [(Path(f.file).name, f.rule) for f in validate_workspace(ws)]


def test_a_root_a_partnership_and_single_files_all_load(root: Path) -> None:
    whole = load_workspace([root])
    assert [p.slug for p in whole.partnerships] == ["tiny"]
    assert [d.ref.id for d in whole.documents] == ["2024-01", "2023-24"]
    assert len(whole.files) == 3
    one = load_workspace([root / "tiny"])
    assert len(one.files) == 3
    single = load_workspace([root / "tiny" / "reports" / "2023-24.yaml"])
    assert (len(single.files), single.partnerships[0].source) == (1, None)
    assert single.partnerships[0].has_file and rules(single) == []


def test_a_folder_of_documents_loads_its_documents(root: Path) -> None:
    ws = load_workspace([root / "tiny" / "reports"])
    assert ([d.ref.id for d in ws.documents], ws.findings) == (["2023-24"], [])


def test_each_file_is_loaded_once(root: Path) -> None:
    report = root / "tiny" / "reports" / "2023-24.yaml"
    ws = load_workspace([report, root, root / "tiny", report])
    assert len(ws.files) == 3 and len(ws.documents) == 2
    assert ws.partnerships[0].source is not None


def test_paths_are_shown_relative_to_the_current_folder(root: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root.parent)
    ws = load_workspace([root])
    assert ws.files[0] == "partnerships/tiny/partnership.yaml"


def test_a_relative_path_still_knows_its_partnership(root: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root / "tiny")
    ws = load_workspace([Path("reports/2023-24.yaml"), Path(".")])
    assert [p.slug for p in ws.partnerships] == ["tiny"]
    assert ws.files == ["reports/2023-24.yaml", "partnership.yaml", "arrangements/2024-01.yaml"]
    assert rules(ws) == []


def test_missing_paths_are_a_usage_error(root: Path) -> None:
    with pytest.raises(UsageError, match=r"no such file or folder: .*nope"):
        load_workspace([root, root / "nope"])


def test_one_broken_file_hides_nothing(root: Path) -> None:
    (root / "tiny" / "partnership.yaml").write_text("name: [unclosed\n")
    (root / "tiny" / "reports" / "2023-24.yaml").write_text("title: T\ntitle: U\n")
    (root / "tiny" / "reports" / "2024.yaml").write_text("title: T\n")
    (root / "tiny" / "notes.yml").write_text("a: 1\n")
    assert sorted(rules(load_workspace([root]))) == [
        ("2023-24.yaml", "yaml"), ("2024.yaml", "layout.file_name"),
        *[("2024.yaml", "schema")] * 3,  # status, reporting_period and sections are missing
        ("notes.yml", "layout.stray_file"), ("partnership.yaml", "yaml")]


def test_documents_need_a_partnership_file(root: Path) -> None:
    (root / "tiny" / "partnership.yaml").unlink()
    (root / "empty").mkdir()
    assert rules(load_workspace([root])) == [
        ("empty", "integrity.no_partnership"),
        ("2024-01.yaml", "integrity.no_partnership"),
        ("2023-24.yaml", "integrity.no_partnership")]


def test_a_partnership_folder_without_its_file_is_still_a_partnership(root: Path) -> None:
    (root / "tiny" / "partnership.yaml").unlink()
    ws = load_workspace([root / "tiny"])
    assert [p.slug for p in ws.partnerships] == ["tiny"]


def test_integrity_checks_skip_files_that_fail_their_schema(root: Path) -> None:
    (root / "tiny" / "reports" / "2023-24.yaml").write_text(
        "title: T\nstatus: final\nreporting_period: {start: '2023-04-01', end: '2024-03-31'}\n"
        "sections:\n  - {id: a, title: A}\n  - {id: a, title: B, src: assets/nope.png}\n")
    assert rules(load_workspace([root])) == [("2023-24.yaml", "schema")] * 2


@pytest.mark.parametrize(("value", "problem"), [
    ("assets/logo.png", None),
    ("assets/nope.png", "does not exist"),
    ("assets/../partnership.yaml", "points outside"),
    ("assets/escape.png", "points outside"),  # a symlink out of the folder
    ("/etc/hostname", "not an address"),
    ("https://example.org/x.png", "not an address"),
    ("assets/\x00.png", "not a usable file name"),
    ("assets/" + "x" * 5000, "not a usable file name"),
])
def test_asset_paths(root: Path, value: str, problem: str | None) -> None:
    folder = root / "tiny"
    (folder / "assets" / "escape.png").symlink_to(folder / "partnership.yaml")
    found = asset_problem(value, folder, (folder / "assets").resolve())
    assert found == problem or (problem is not None and found is not None and problem in found)


def test_a_document_folder_that_is_a_file_is_reported(root: Path) -> None:
    reports = root / "tiny" / "reports"
    shutil.rmtree(reports)
    reports.write_text("2023-24: see the shared drive\n")
    found = [f for f in validate_workspace(load_workspace([root])) if f.rule != "schema"]
    assert [(Path(f.file).name, f.rule) for f in found] == [("reports", "layout.not_a_folder")]
    assert "is a file" in found[0].message and "reports/<YYYY-YY>.yaml" in found[0].hint


@pytest.mark.parametrize(("name", "suggested"), [
    ("Tiny Town", "tiny-town"), ("TinyTown", "tinytown"), ("tiny_town", "tiny-town")])
def test_a_partnership_folder_named_unlike_a_slug_is_reported(root: Path, name: str,
                                                              suggested: str) -> None:
    (root / "tiny").rename(root / name)
    found = [f for f in validate_workspace(load_workspace([root]))
             if f.rule == "layout.folder_name"]
    assert [Path(f.file).name for f in found] == [name]
    assert f"'{suggested}'" in found[0].hint


@pytest.mark.parametrize("inside", ["reports/2023-24.yaml", "partnership.yaml"])
def test_a_file_linked_from_outside_the_partnership_is_not_read(root: Path, inside: str) -> None:
    outside = root.parent / "elsewhere.yaml"
    shutil.copyfile(root / "tiny" / inside, outside)
    (root / "tiny" / inside).unlink()
    (root / "tiny" / inside).symlink_to(outside)
    ws = load_workspace([root])
    assert all(s.display != str(outside) for s in (d.source for d in ws.documents))
    assert (Path(inside).name, "layout.outside_link") in rules(ws)


def test_a_partnerships_folder_that_is_itself_a_link_is_read(root: Path) -> None:
    (root.parent / "linked").symlink_to(root, target_is_directory=True)
    ws = load_workspace([root.parent / "linked"])
    assert len(ws.documents) == 2 and rules(ws) == []

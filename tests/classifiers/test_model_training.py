"""The learned model is reproducible from the repo: generator, trainer and committed file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from classifiers.model import FAMILY_MODEL_PATH, MODEL_PATH, KindModel, load, load_family
from fixtures.training import banks
from fixtures.training.generate import generate, is_dev_option, pool

pytest.importorskip("sklearn")

from fixtures.training.train import dumps, hr_example, inputs_sha256, main, train, train_family


def test_the_generator_is_reproducible_and_varied() -> None:
    first = [item.to_json() for item in generate("train", 300, seed=5)]
    assert first == [item.to_json() for item in generate("train", 300, seed=5)]
    assert first != [item.to_json() for item in generate("train", 300, seed=6)]
    labels = {item["label"] for item in first}
    assert len(labels) >= 14
    assert {item["lang"] for item in first} == {"en", "nl", "bi"}


def test_dev_wording_never_occurs_in_train() -> None:
    for language, titles in banks.TB_TITLES.items():
        train, dev = set(pool(titles, "train")), set(pool(titles, "dev"))
        assert dev and train and not train & dev, language
    assert [i for i in range(8) if is_dev_option(i, 8)] == [3, 7]
    dev_titles = set(pool(banks.TB_TITLES["en"], "dev"))
    train_docs = generate("train", 400, seed=1)
    assert not [t for t in dev_titles for item in train_docs if t in item.pages[0]]


def test_training_is_deterministic_on_a_small_run(tmp_path: Path) -> None:
    one = dumps(train(count=300, seed=3, dim=2**12))
    two = dumps(train(count=300, seed=3, dim=2**12))
    assert one == two
    model = KindModel.from_json(json.loads(one))
    assert set(model.topic.classes) == {"tb", "antecedents", "identity", "other"}


def test_hr_examples_are_added_and_bad_files_skipped(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "training"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps({
        "kind": "tb_declaration", "pages": ["TB-Erklärung\nName: Kim\nUnterschrift: Kim"],
        "source": "hr-review"}))
    (folder / "b.json").write_text(json.dumps({"kind": "other", "pages": ["Invoice 12"],
                                               "source": "hr-review"}))
    (folder / "c.json").write_text("not json")
    out = tmp_path / "model.json"
    main(["--out", str(out), "--count", "200", "--dim", str(2**12), "--examples", str(folder)])
    data = json.loads(out.read_text())
    assert data["meta"]["hr_examples"] == 2
    assert "skipped c.json" in capsys.readouterr().err
    # The family stage's model is written beside it, from the same HR examples.
    family = json.loads((tmp_path / "model.family.json").read_text())
    assert family["stage"] == "family" and family["meta"]["hr_examples"] == 2
    without = train(count=200, dim=2**12)
    assert without["meta"]["inputs_sha256"] != data["meta"]["inputs_sha256"]


def test_the_committed_model_is_what_the_trainer_makes() -> None:
    """Nobody hand-edits the model: it names the hash of the sources it was trained from.
    (Run `make model` after changing the generator, the features or the trainer.)"""
    data = json.loads(MODEL_PATH.read_text())
    assert data["meta"]["hr_examples"] == 0
    assert data["meta"]["inputs_sha256"] == inputs_sha256(), "run `make model`"
    assert MODEL_PATH.stat().st_size < 2_000_000
    assert load().dim == data["dim"]


def test_family_training_is_deterministic_and_knows_the_family_topics() -> None:
    one = dumps(train_family(count=250, first_count=150, seed=3, dim=2**12))
    assert one == dumps(train_family(count=250, first_count=150, seed=3, dim=2**12))
    model = KindModel.from_json(json.loads(one))
    assert model.stage == "family"
    assert set(model.topic.classes) == {"marriage", "partnership", "birth", "civil_status",
                                        "relationship", "parental_consent", "other"}


def test_an_hr_example_trains_each_stage_in_its_own_terms(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"kind": "marriage_certificate", "pages": ["Huwelijksakte"]}))
    assert hr_example(path, "family") == ("Huwelijksakte", "marriage", "certificate")
    # To the first stage a marriage certificate is an issued paper about something else.
    assert hr_example(path, "first") == ("Huwelijksakte", "other", "certificate")
    path.write_text(json.dumps({"kind": "tb_declaration", "pages": ["TB"]}))
    assert hr_example(path, "family") == ("TB", "other", "form")
    assert hr_example(path, "first") == ("TB", "tb", "form")


def test_the_committed_family_model_is_what_the_trainer_makes() -> None:
    data = json.loads(FAMILY_MODEL_PATH.read_text())
    assert data["stage"] == "family" and data["meta"]["hr_examples"] == 0
    assert data["meta"]["inputs_sha256"] == inputs_sha256(stage="family"), "run `make model`"
    assert FAMILY_MODEL_PATH.stat().st_size < 2_000_000
    assert load_family().dim == data["dim"]

"""The trained self-check reader is kept in var/cache and loaded by the next process, not retrained:
every web worker used to spend about 3 s of CPU training it at start, in the middle of a surge."""

import shutil

import pytest

from netra.learning.selfcheck import bank, reading


@pytest.fixture
def fresh_reader(settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    monkeypatch.setattr(reading, "_reader", None)
    yield tmp_path


def test_a_second_process_loads_the_trained_reader_instead_of_training(fresh_reader, monkeypatch):
    first = reading.reader()
    kept = list((fresh_reader / "cache").glob("selfcheck-reader-*.pickle"))
    assert len(kept) == 1

    def no_training(self, rows):
        raise AssertionError("trained again although a trained copy was kept")

    monkeypatch.setattr(reading, "_reader", None)  # as a new worker process starts
    monkeypatch.setattr(reading.Reader, "__init__", no_training)
    second = reading.reader()
    question = "bolehkah saya like postingan caleg di facebook?"
    assert second.read(question).act == first.read(question).act
    assert second.read(question).act_p == pytest.approx(first.read(question).act_p)


def test_a_changed_bank_is_never_answered_by_a_stale_model(fresh_reader, monkeypatch, tmp_path):
    before = reading.trained_copy_path()
    changed = tmp_path / "bank.jsonl"
    shutil.copy(bank.OUT, changed)
    with changed.open("a", encoding="utf-8") as fh:
        fh.write('{"text": "pertanyaan baru", "act": "like", "object": "candidate"}\n')
    monkeypatch.setattr(bank, "OUT", changed)
    assert reading.trained_copy_path() != before


def test_a_damaged_copy_is_trained_again(fresh_reader):
    path = reading.trained_copy_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    assert reading.reader().read("boleh ikut kampanye?").act
    assert path.read_bytes() != b"not a pickle"

from pathlib import Path

import pytest

SEEDS = sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.txt"))


def test_five_seed_articles_are_not_partisan(screener):
    assert len(SEEDS) == 5
    for path in SEEDS:
        result = screener.screen(path.read_text(encoding="utf-8"))
        assert result.label != "partisan", path.name


@pytest.mark.parametrize(
    "text",
    [
        "Ayo coblos 02! #02Melanjutkan Prabowo Gibran satu putaran ✌️",
        "#AMINAjaDulu Anies presiden kita, perubahan harus menang!",
        "Ganjar Mahfud sat set, tiga jari untuk Indonesia unggul #GanjarMahfud2024",
    ],
)
def test_campaign_posts_are_partisan(screener, text):
    assert screener.screen(text).label == "partisan"


@pytest.mark.parametrize(
    "text",
    [
        "Aamiin ya Allah semoga keluarga sehat selalu",
        "Kucing saya gemoy banget pagi ini",
        "Saya menginap di kamar nomor 2, pelayanannya ramah",
    ],
)
def test_hard_negatives_are_not_partisan(screener, text):
    assert screener.screen(text).label != "partisan"


def test_result_schema_and_evidence_offsets(screener):
    text = "Mantaaap!! Ayo COBLOS nomor 2 #PrabowoGibran2024 @prabowo ✌️"
    d = screener.screen(text, action="share", posted_at="2024-01-20").to_dict()
    assert d["label"] == "partisan"
    assert set(d) >= {"label", "score", "scores", "targets", "stance", "evidence", "violation", "model_version"}
    assert abs(sum(d["scores"].values()) - 1) < 1e-3
    assert d["score"] == max(d["scores"].values())
    assert d["targets"][0] == "02"
    assert d["violation"] == "D6"
    assert d["evidence"]
    for ev in d["evidence"]:
        assert text[ev["start"]:ev["end"]] == ev["text"]
    texts = {ev["text"] for ev in d["evidence"]}
    assert "#PrabowoGibran2024" in texts and "@prabowo" in texts


def test_ethics_form_before_the_pairs_were_named(screener):
    d = screener.screen("Ayo dukung Prabowo Gibran, coblos 02!", action="like", posted_at="2023-10-30").to_dict()
    assert d["violation"] == "E4"


def test_non_partisan_has_no_violation(screener):
    d = screener.screen("Nasi goreng di warung ini enak dan murah", action="post", posted_at="2024-01-01").to_dict()
    assert d["label"] == "non_political"
    assert d["violation"] is None and d["targets"] == [] and d["evidence"] == []


def test_batch_equals_single(screener):
    texts = ["coblos 03 ganjar", "jadwal debat capres malam ini", "makan bakso"]
    batch = [r.to_dict() for r in screener.screen_many(texts)]
    single = [screener.screen(t).to_dict() for t in texts]
    assert batch == single

from pathlib import Path

import joblib
import numpy as np
import pytest

from netra.screening.model import Screener, decide, default_model_path

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


DATES = [None, "2019-03-01", "2022-05-01", "2023-10-30", "2024-01-20", "2024-11-20", "2026-06-01", "2029-01-10"]
AMIN = "Bersama AMIN kita wujudkan perubahan! #AMINAjaDulu #01"


@pytest.mark.parametrize("posted_at", ["2024-01-20", "2024-11-20"])
def test_expired_cues_do_not_erase_a_partisan_post(screener, posted_at):
    d = screener.screen(AMIN, action="caption", posted_at=posted_at).to_dict()
    assert d["label"] == "partisan"
    assert d["targets"] == ["01"]
    assert {ev["text"] for ev in d["evidence"]} >= {"AMIN", "#AMINAjaDulu"}


def test_validity_dates_decide_the_form_not_the_label(screener):
    during = screener.screen(AMIN, action="caption", posted_at="2024-01-20").to_dict()
    assert during["violation"] == "D2" and during["contest"] == "pilpres-2024"
    after = screener.screen(AMIN, action="caption", posted_at="2024-11-20").to_dict()
    assert after["violation"] is None  # Pilpres 2024 was over: which contest it concerns is a verifier's call
    assert "pilpres-2024" in after["violation_note"] and "pilgub-kaltim-2024" in after["violation_note"]


@pytest.mark.parametrize(
    "text",
    [AMIN, "Ayo coblos 02! #02Melanjutkan Prabowo Gibran satu putaran ✌️", "dasar kadrun",
     "KPU mengumumkan jadwal debat capres ketiga", "Kucing saya gemoy banget pagi ini"],
)
def test_scores_do_not_depend_on_the_date(screener, text):
    scores = {tuple(screener.screen(text, posted_at=d).scores.items()) for d in DATES}
    assert len(scores) == 1


@pytest.mark.parametrize("posted_at", DATES)
@pytest.mark.parametrize(
    "text",
    ["Aamiin ya Allah semoga keluarga sehat selalu", "Kucing saya gemoy banget pagi ini",
     "Saya menginap di kamar nomor 2, pelayanannya ramah", "Perubahan iklim makin terasa, ayo tanam pohon"],
)
def test_hard_negatives_are_not_partisan_at_any_date(screener, text, posted_at):
    assert screener.screen(text, posted_at=posted_at).label != "partisan"


def test_campaign_material_is_never_read_as_non_political():
    """A counted campaign cue makes the choice one between partisan and political_neutral."""
    classes = ["non_political", "partisan", "political_neutral"]
    proba = np.array([[0.80, 0.05, 0.15], [0.80, 0.15, 0.05], [0.80, 0.05, 0.15]])
    electoral = np.array([True, True, False])
    assert [classes[i] for i in decide(proba, classes, None, electoral)] == [
        "political_neutral", "partisan", "non_political"]
    assert [classes[i] for i in decide(proba, classes, 0.5, electoral)] == [
        "political_neutral", "political_neutral", "non_political"]
    assert proba[0, 0] == 0.80  # the caller's probabilities are not changed


def test_a_backlog_campaign_post_reaches_the_verifier_as_election_content(screener):
    result = screener.screen("Salam satu jari ☝️ #JokowiAmin, Jokowi dua periode!", posted_at="2019-03-01")
    assert result.label in {"partisan", "political_neutral"}


def test_an_artifact_of_other_features_is_refused_with_a_clear_message():
    artifact = joblib.load(default_model_path())
    artifact["features_version"] = 2
    with pytest.raises(ValueError, match="retrain it with `netra screening train`"):
        Screener(artifact)


@pytest.mark.parametrize(("text", "target"), [("#AMINAjaDulu", "01"), ("Ayo coblos 02", "02"),
                                              ("Coblos PDIP!", "pdip"), ("Pilih 03 Ganjar Mahfud", "03")])
def test_a_post_that_is_only_campaign_material_is_partisan(screener, text, target):
    """The rubric's own examples: slogans, hashtags and ballot numbers used as support."""
    result = screener.screen(text, posted_at="2024-01-20")
    assert result.label == "partisan" and target in result.targets
    assert result.rule in {None, "bare_campaign"}


@pytest.mark.parametrize("text", ["KPU: Prabowo-Gibran nomor urut 2", "Saya menginap di kamar nomor 2",
                                  "Kucing saya gemoy banget", "Pilih yang terbaik untuk keluarga"])
def test_short_reports_and_everyday_posts_are_not_bare_campaign(screener, text):
    assert screener.screen(text, posted_at="2024-01-20").rule != "bare_campaign"

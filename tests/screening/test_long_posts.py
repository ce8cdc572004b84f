"""Issue 11 item 2: screening time is linear in a post's length, and the screened text is capped.

Timing is checked by growth ratios (how the time grows when the post doubles), not by absolute
figures, so a busy machine does not make the test flaky: quadratic matching grows about 4x per
doubling (0.20/0.63/2.48/9.99 s before the fix), linear about 2x.
"""

import time

from netra.screening import Screener
from netra.screening.model import DEFAULT_MAX_CHARS, clip_text


def _best_of(fn, repeats=3) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def test_matching_and_features_grow_linearly(screener):
    uncapped = Screener(_artifact(screener), screener.lexicon, max_chars=10**9)
    small = "coblos 02 " * 2000
    large = "coblos 02 " * 8000
    t_small = _best_of(lambda: uncapped.screen(small))
    t_large = _best_of(lambda: uncapped.screen(large))
    # 4x the text: linear is ~4x the time, quadratic ~16x. Allow noise up to 8x.
    assert t_large < 8 * t_small + 0.05, (t_small, t_large)


def test_long_post_is_cut_and_says_so(screener):
    text = "Ayo coblos 02! " + "coblos 02 " * 8000
    t0 = time.perf_counter()
    d = screener.screen(text).to_dict()
    assert time.perf_counter() - t0 < 1.0
    assert d["truncated"] is True
    assert d["label"] == "partisan"
    for ev in d["evidence"]:  # evidence still points into the original text
        assert text[ev["start"]:ev["end"]] == ev["text"]
        assert ev["end"] <= DEFAULT_MAX_CHARS
    assert screener.screen("Ayo coblos 02!").to_dict()["truncated"] is False


def test_one_megabyte_line_without_spaces_is_fast(screener):
    for text in ("#" + "ab" * 500_000, "x" * 1_000_000, "🤟" * 300_000):
        t0 = time.perf_counter()
        result = screener.screen(text)
        assert time.perf_counter() - t0 < 2.0
        assert result.truncated


def test_clip_cuts_after_a_whole_word():
    text = "kata " * 100
    clipped, cut = clip_text(text, 52)
    assert cut and clipped == text[:49] and clipped.endswith("kata")
    assert clip_text("pendek", 52) == ("pendek", False)
    assert clip_text("x" * 100, 10) == ("x" * 10, True)


def test_max_chars_is_a_setting(screener):
    small = Screener(_artifact(screener), screener.lexicon, max_chars=20)
    r = small.screen("Nasi goreng enak sekali, Prabowo Gibran coblos 02")
    assert r.truncated and r.label != "partisan"


def _artifact(screener) -> dict:
    import joblib

    from netra.screening.model import default_model_path

    return joblib.load(default_model_path())

"""Pure-Python screener for partisan election content in civil servants' posts (no Django here).

Public API::

    from netra.screening import Screener, normalize, Lexicon, train
    screener = Screener.load()                       # shipped model + lexicon
    screener.screen("Ayo coblos 02!", action="share", posted_at="2024-01-10").to_dict()
"""

from .lexicon import Lexicon
from .model import Screener, ScreenResult
from .normalize import Normalized, normalize
from .violation import violation_form

# `train` and `split_holdout` load on first use: training imports scikit-learn, screening does not
# (a process that only screens stays without it, issue 15 "Speed/memory").
_LAZY = ("split_holdout", "train")


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module = importlib.import_module(".train", __name__)
        # importing the submodule bound the package attribute `train` to the module: rebind the functions
        globals().update(split_holdout=module.split_holdout, train=module.train)
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["Lexicon", "Normalized", "ScreenResult", "Screener", "normalize", "split_holdout", "train",
           "violation_form"]

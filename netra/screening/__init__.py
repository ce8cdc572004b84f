"""Pure-Python screener for partisan election content in civil servants' posts (no Django here).

Public API::

    from netra.screening import Screener, normalize, Lexicon, train
    screener = Screener.load()                       # shipped model + lexicon
    screener.screen("Ayo coblos 02!", action="share", posted_at="2024-01-10").to_dict()
"""

from .lexicon import Lexicon
from .model import Screener, ScreenResult
from .normalize import Normalized, normalize
from .train import split_holdout, train
from .violation import violation_form

__all__ = ["Lexicon", "Normalized", "ScreenResult", "Screener", "normalize", "split_holdout", "train",
           "violation_form"]

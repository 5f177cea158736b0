"""What a document contributes to every fact in it: its text, dates, quotes and resources."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from exodus.extract.lexicon import Lexicon
from exodus.extract.quotes import Quote
from exodus.models import OffsetMap
from exodus.resolve.confidence import IDENTITY, Calibration
from exodus.resolve.gazetteer import Gazetteer


@dataclass
class Context:
    """What a document contributes to every fact in it."""

    source: str
    text: str
    offsets: OffsetMap
    published: date | None
    published_inferred: bool
    default_year: int | None
    quotes: list[Quote]
    gaz: Gazetteer
    lex: Lexicon
    header: str = ""  # the first lines of the original text (bylines, press-release banners)
    reference: date | None = None  # the "as of" day of a situation report's figures
    calibration: Calibration = IDENTITY
    speakers: list[tuple[int, str]] = field(default_factory=list)  # named speakers met so far

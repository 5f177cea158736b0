"""Exodus: sourced, dated, mapped figures on people on the move, from news reports."""

__version__ = "0.1.0"

"""Breach of top-up supervision (Criminal Justice Act 2003 s.256AC): a committal served in full,
with no remand or tagged bail, and the top-up supervision period carried on from the earlier sentence."""

from .multipliers import FULL

MULTIPLIER = FULL

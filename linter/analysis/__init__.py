"""Shared layers the rules read (``gongwen.analysis``): the lexicon of ``rules/data/`` today;
text scanning, numerals, dates, quantities and the document outline join it (issue 20)."""

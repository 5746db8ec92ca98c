"""The shared analysis layers: what a text says, read once per document for every rule.

Rules (built-in and third-party packs) ask these modules for facts instead of parsing the
text again; each layer caches its scan on the document, keyed by its own function
(``doc.unit_memo(find_dates, unit, unit.text)``), so every rule reads one scan per unit.

- ``text``: character classes, blanks, protected spans (URLs, decimals, 文号 …), the
  anchored scans every prefilter is proven against;
- ``numerals``: Arabic and Chinese numerals with their values;
- ``dates``: date expressions, the signature (落款) and its date; ``compact_dates``: runs of
  digits that may be a date written without 年月日;
- ``quantities``: a number with its approximators and unit; ``quantity_model``: figures
  (value, unit, what is counted) that the consistency rules compare;
- ``pairs``: quotes, brackets and 书名号 matched by order;
- ``segmentation``: jieba's segmentation, loaded lazily; ``evidence``: official bigram counts;
  ``fuzzy``: near-miss matching of protected strings; ``bylines``: 记者/作者 lines and 联系人 lines;
  ``shared_scan``: one automaton pass per document for the document rules' literal matchers;
  ``char_model``: the character trigram model of official writing (TYP013);
- ``lexicon``: the data files of ``rules/data/`` with their headers, read once each;
  ``unit_words`` (the tagged table of units and classifiers), ``morphology`` (perfective 了),
  ``time_words`` (quarters and other time expressions written by grammar);
- ``outline``: the document's title, report year, signature, headings and sections.
- ``routing``: the units a document rule needs to read, by one scan of the whole text
  (``dates.dated_units``: the units that may hold a date, with their dates); ``repeats``: the
  units where a character or a run of two to four is typed twice (TYP001, TYP002).

Documented for rule packs in docs/api.md.
"""

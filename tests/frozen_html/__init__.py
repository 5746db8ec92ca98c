"""The HTML reader as it was before round 7's speed work (a4cf224: gongwen.formats.html and
html_content), kept only so that tests/test_html_reader_equal.py can prove the faster reader
builds the same Document (text, units, offset map, tables, page, directives) on random pages.
Never imported by the package; do not edit except to follow an intended change of findings."""

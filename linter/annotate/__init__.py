"""Word in, Word out: a .docx handed back with findings as comments (批注) and fixes as
tracked changes (修订), written to a new file (``gongwen check report.docx --annotate``).

``annotator`` runs one document; ``runs`` maps text positions to runs and cuts them;
``revisions`` makes the tracked changes; ``comments`` the comments; ``package`` reads and
writes the zip, keeping every part it did not edit byte for byte.
"""
from gongwen.annotate.annotator import Annotation, annotate
from gongwen.annotate.package import PackageError

__all__ = ["Annotation", "PackageError", "annotate"]

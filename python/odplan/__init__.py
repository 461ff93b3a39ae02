"""Hong Kong open data plan PDFs and text to normalised records.

The same library as the ``odplan`` command line, compiled in: records are
the dicts of its ``records.jsonl``, field for field, and a document that
cannot be read fails with the reason the command line prints.

    >>> import odplan
    >>> records = odplan.extract("plans/afcd-2024-en-p1.pdf")
    >>> records[0]["name"], records[0]["date"]

``extract`` reads one document, ``extract_document`` adds its page count and
diagnostics, ``extract_many`` runs many on Rust threads, and
``to_dataframe`` makes a pandas DataFrame of records.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Iterable

from . import _odplan
from ._odplan import Documents, ExtractError
from ._types import Diagnostic, Document, Record

if TYPE_CHECKING:
    import pandas

__all__ = [
    "Diagnostic",
    "Document",
    "Documents",
    "ExtractError",
    "Record",
    "RECORD_FIELDS",
    "extract",
    "extract_document",
    "extract_many",
    "to_dataframe",
]

#: The fields of a record, in the order of records.jsonl and records.csv.
RECORD_FIELDS: tuple[str, ...] = tuple(_odplan.record_fields())

#: Seconds one document may take before it is given up, as on the command line.
DEFAULT_TIMEOUT = 60.0


def extract(
    src: str | os.PathLike[str] | bytes,
    *,
    source: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[Record]:
    """Extract the dataset records of one plan.

    Args:
        src: a path (``str`` or ``os.PathLike``) to a PDF or text file, or
            the file's contents as ``bytes``.
        source: the name the records carry in their ``source`` field.
            Default: the file name of a path; ``""`` for bytes.
        timeout: seconds the document may take before it is given up.

    Returns:
        One dict per dataset row, the same fields, values and order as a
        line of the command line's ``records.jsonl``.

    Raises:
        ExtractError: the document cannot be read (not a plan, scanned,
            encrypted, damaged, unreadable file...). Its message is the
            reason the command line prints; ``err.source`` names the document.
        TypeError: ``src`` is neither a path nor bytes.

    PDF or text is told by name, then content: a path (for bytes, the
    ``source``) ending in ``.pdf`` is a PDF, one ending in ``.txt`` is
    text, and any other name, or none, is a PDF when its first kilobyte
    holds the ``%PDF-`` header, as the command line decides.
    The GIL is released while the document is read.
    """
    return extract_document(src, source=source, timeout=timeout)["records"]


def extract_document(
    src: str | os.PathLike[str] | bytes,
    *,
    source: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Document:
    """Extract one plan with its page count and diagnostics.

    Takes the same arguments as :func:`extract` and raises the same errors.

    Returns:
        A dict as the command line's ``<stem>.json`` file holds it:
        ``source`` (str), ``pages`` (int), ``records`` (list of record
        dicts) and ``diagnostics`` (list of ``{"page": int, "message": str}``,
        ``page`` absent when the remark concerns no one page): what was odd
        about a document that could still be read.
    """
    return _odplan.extract_document(src, source=source, timeout=timeout)


def extract_many(
    paths: Iterable[str | os.PathLike[str]],
    jobs: int | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> Documents:
    """Extract many plans at once on Rust threads, the GIL released.

    Args:
        paths: files (PDF or text); each document's ``source`` is its file
            name, as for a file given to the command line.
        jobs: documents processed at once; default: all cores.
        timeout: seconds one document may take before it is given up.

    Returns:
        An iterator with one result per path, in the order given, each as
        soon as it and those before it are done: a document dict as
        :func:`extract_document` returns it, or, for a document that cannot
        be read, an :class:`ExtractError` instance (returned, not raised),
        so one bad file never stops the rest. ``len()`` tells how many are
        still to come. Workers keep a few documents ahead of the reader, so
        memory does not grow with the list.

        >>> for doc in odplan.extract_many(paths, jobs=2):
        ...     if isinstance(doc, odplan.ExtractError):
        ...         print(doc.source, "failed:", doc)
        ...     else:
        ...         print(doc["source"], len(doc["records"]))
    """
    return _odplan.extract_many(paths, jobs, timeout=timeout)


def to_dataframe(records: Iterable[Record]) -> pandas.DataFrame:
    """A pandas DataFrame of records, one row each, columns in record order.

    List fields (``description``, ``formats``, ``pages``) stay Python lists
    in their cells; ``plan_date`` and ``date`` are ``None`` where unknown.
    An empty list of records still has every column. Needs pandas
    (``pip install "./python[pandas]"``).
    """
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("odplan.to_dataframe needs pandas: pip install pandas") from e
    return pd.DataFrame.from_records(list(records), columns=list(RECORD_FIELDS))


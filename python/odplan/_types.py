"""The shapes of what odplan returns, for type checkers and readers.

A test holds ``Record``'s fields to the library's own, in order.
"""

from typing import List, Optional, TypedDict


class Record(TypedDict):
    """One dataset row of a plan: a line of records.jsonl (see SCHEMA.md)."""

    id: str
    source: str
    language: str
    publisher: str
    plan_period: str
    plan_date: Optional[str]
    section: str
    status: str
    organisation: str
    spatial: bool
    item_no: int
    category: str
    name: str
    new_item: bool
    description: List[str]
    formats: List[str]
    date_text: str
    date: Optional[str]
    frequency_text: str
    frequency: str
    pages: List[int]


class _DiagnosticBase(TypedDict):
    message: str


class Diagnostic(_DiagnosticBase, total=False):
    """Something odd about a document that did not stop it being read."""

    page: int


class Document(TypedDict):
    """One document, as the command line's ``<stem>.json`` holds it."""

    source: str
    pages: int
    records: List[Record]
    diagnostics: List[Diagnostic]

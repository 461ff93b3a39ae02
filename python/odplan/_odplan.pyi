"""The native module: the odplan library compiled for Python."""

import os
from typing import Iterable, Iterator, List, Optional, Union

from ._types import Document

class ExtractError(ValueError):
    """A document that could not be read; the message is the command line's reason."""

    source: str

class Documents(Iterator[Union[Document, ExtractError]]):
    """extract_many's results, in input order."""

    def __iter__(self) -> "Documents": ...
    def __next__(self) -> Union[Document, ExtractError]: ...
    def __len__(self) -> int: ...

def extract_document(
    src: Union[str, "os.PathLike[str]", bytes, bytearray],
    *,
    source: Optional[str] = None,
    timeout: float = 60.0,
) -> Document: ...
def extract_many(
    paths: Iterable[Union[str, "os.PathLike[str]"]],
    jobs: Optional[int] = None,
    *,
    timeout: float = 60.0,
) -> Documents: ...
def record_fields() -> List[str]: ...

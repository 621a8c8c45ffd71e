"""Reading any built file as text, for the guard: compressed or not, in any encoding, an
image as the readable runs of its bytes, a long text in overlapping pieces."""

from __future__ import annotations

import base64
import gzip
import os
import re
import urllib.parse
from collections.abc import Iterable, Iterator
from pathlib import Path

from .files import IMAGE_SUFFIXES

# a data: address written in base64 (an SVG with a name in it, a text/plain "file", an image's
# metadata): %-escapes of the payload decoded first, as a browser does
_DATA_URI = re.compile(r"data:[\w.+/-]*(?:;[\w.+=-]*)*;base64,((?:[A-Za-z0-9+/_-]|%2[bBfF]|%3[dD]|=|\\/)+)")


class Metadata(str):
    """What site_files gives for an image: the readable runs of its bytes (see `readable_runs`)."""


# a run of printable ASCII or UTF-8 letters: XMP (face regions' names, dc:creator), EXIF's ASCII
# fields, PNG tEXt and iTXt; compressed data yields runs this long only by chance
_RUN = re.compile(rb"(?:[\t\n\r\x20-\x7e]|[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}){6,}")


_HEAD, _TAIL = 512 << 10, 128 << 10  # where an image keeps its metadata: JPEG's APP segments come
# before the picture, PNG's text chunks before or after it; a photo's megabytes between are pixels


def readable_runs(data: bytes) -> str:
    """The text a binary file carries, one run a line (of a large file, its head and tail)."""
    if len(data) > _HEAD + _TAIL:
        data = data[:_HEAD] + b"\n" + data[-_TAIL:]
    return "\n".join(run.decode("utf-8", errors="replace") for run in _RUN.findall(data))


def embedded_payloads(text: str) -> Iterator[bytes]:
    """The bytes of each base64 data: address in `text`."""
    for found in _DATA_URI.finditer(text):
        payload = urllib.parse.unquote(found.group(1).replace("\\/", "/")).replace("-", "+").replace("_", "/")
        try:
            data = base64.b64decode(payload.rstrip("=") + "=" * (-len(payload.rstrip("=")) % 4))
        except ValueError:
            continue
        yield data


UNREADABLE = "\x00unreadable"  # what site_files gives for a file whose text the guard cannot read


PIECE = 1 << 18  # characters of a file's text the guard reads at once
OVERLAP = 1 << 13  # shared by two pieces in a row: longer than any match can be written


def pieces(text: str, size: int = PIECE, overlap: int = OVERLAP) -> Iterator[str]:
    """A long text (the search index, the network page: megabytes at thousands of people) in
    pieces that overlap, so that the guard's folded copy and its positions stay small (reading a
    1.8 MB search index whole took 140 MB more): every stretch of up to `overlap - 512`
    characters lies whole in one piece. A match is at most MAX_KEY folded characters, written
    in at most a few thousand (character references, JSON escapes); the overlap is longer.
    A piece starts after a tag's `>` or a space where one is near, never inside a word."""
    if len(text) <= size:
        yield text
        return
    start = 0
    while True:
        end = min(len(text), start + size)
        yield text[start:end]
        if end == len(text):
            return
        start = end - overlap
        near = [i for i in (text.find(">", start, start + 512), text.find(" ", start, start + 512)) if i >= 0]
        start = min(near) + 1 if near else start


def site_files(site: Path, skip: Iterable[str] = ()):
    """(path in the site, its text: for an image its readable runs as `Metadata`; None for a folder)
    of every built file but those in `skip` (the theme's own assets, which the plugin knows), for
    the guard.

    Whatever the extension or its case: compressed files (gzip, bzip2, xz, zip and the
    office formats that are zips) are read decompressed, and text in any encoding (UTF-8,
    UTF-16 or UTF-32 with or without their mark, else Latin-1). A file that is none of
    these and no image (a PDF, say) is UNREADABLE: fail closed, the guard cannot vouch for
    it. Folders are listed too, so that a folder's name is read like a file's.
    """
    for dirpath, dirnames, names in os.walk(site):
        for name in sorted(dirnames):
            yield (Path(dirpath) / name).relative_to(site).as_posix() + "/", None
        for name in sorted(names):
            path = Path(dirpath) / name
            rel = path.relative_to(site).as_posix()
            if rel in skip:
                continue
            if name.lower().endswith(IMAGE_SUFFIXES):
                yield rel, Metadata(readable_runs(path.read_bytes()))
                continue
            yield rel, _text_of(path.read_bytes())


_MAX_UNPACKED = 64 << 20  # a compressed file unpacks to at most this much (a bomb is unreadable)


def _unpacked(data: bytes, depth: int = 0) -> bytes | list[bytes] | None:
    """The bytes inside a compressed file (a list for an archive), or None when it is not one
    or cannot be unpacked safely."""
    import bz2
    import io
    import lzma
    import zipfile

    if depth > 3:
        return None
    try:
        if data[:2] == b"\x1f\x8b":
            inner = gzip.GzipFile(fileobj=io.BytesIO(data)).read(_MAX_UNPACKED + 1)
        elif data[:3] == b"BZh":
            inner = bz2.BZ2Decompressor().decompress(data, _MAX_UNPACKED + 1)
        elif data[:6] == b"\xfd7zXZ\x00":
            inner = lzma.LZMADecompressor().decompress(data, _MAX_UNPACKED + 1)
        elif data[:4] == b"PK\x03\x04":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = [m for m in archive.infolist() if not m.is_dir()]
                if sum(m.file_size for m in members) > _MAX_UNPACKED:
                    return None
                return [archive.read(m) for m in members]
        else:
            return None
    except (OSError, EOFError, ValueError, lzma.LZMAError, zipfile.BadZipFile):
        return None
    return None if len(inner) > _MAX_UNPACKED else inner


def _text_of(data: bytes, depth: int = 0) -> str:
    if data[:5] == b"%PDF-":  # its text sits in compressed streams Trellis does not unpack
        return UNREADABLE
    if data[:2] == b"\x1f\x8b" or data[:3] == b"BZh" or data[:6] == b"\xfd7zXZ\x00" or data[:4] == b"PK\x03\x04":
        inner = _unpacked(data, depth)
        if inner is None:
            return UNREADABLE
        parts = inner if isinstance(inner, list) else [inner]
        texts = [_text_of(part, depth + 1) for part in parts]
        return UNREADABLE if UNREADABLE in texts else "\n".join(texts)
    if data[:3] == b"\xef\xbb\xbf":
        return data[3:].decode("utf-8", errors="replace")
    for mark, encoding in (
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(mark):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data:  # wide text without its mark: where the zero bytes fall tells the encoding
        sample = data[:4096]
        for encoding, zeros in (
            ("utf-32-le", sample[1::4] + sample[2::4] + sample[3::4]),
            ("utf-32-be", sample[0::4] + sample[1::4] + sample[2::4]),
            ("utf-16-le", sample[1::2]),
            ("utf-16-be", sample[0::2]),
        ):
            if zeros and zeros.count(0) > 0.9 * len(zeros):
                return data.decode(encoding, errors="replace")
        return UNREADABLE  # zero bytes and no text encoding: binary
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")

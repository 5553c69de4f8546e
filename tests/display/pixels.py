#!/usr/bin/env python3
"""pixels.py: read exosim's screenshots and check them, independently
of the simulator (Python's zlib; no imaging library).

  pixels.py pattern FILE.png [ROWS]  the test pattern (pattern.h, computed
                                     here again) in the first ROWS rows
                                     (default all), black below; prints ROWS
  pixels.py rows FILE.png            how many rows from the top hold the
                                     pattern (the rest black, but for a row
                                     drawn in part); exit 1 if the picture is
                                     neither
  pixels.py sha256 FILE.png          the SHA-256 of the raw RGB pixels
  pixels.py text FILE.png TEXT FONT  the screen exos/fbcons.c should show after
                                     the characters of file TEXT, drawn here
                                     with the PSF font FONT (tools/psf2c.py
                                     reads it), colours as tests/display/text.c
"""
import hashlib
import os
import struct
import sys
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'tools'))
import psf2c  # noqa: E402  (the font file's reader)

W, H = 640, 480


def decode(path):
    """The PNG's width, height and rows of RGB bytes (8-bit RGB only)."""
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise ValueError(path + ': not a PNG')
    pos, idat, hdr = 8, b'', None
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if zlib.crc32(kind + body) != struct.unpack('>I', data[pos + 8 + n:pos + 12 + n])[0]:
            raise ValueError(path + ': bad CRC in ' + kind.decode())
        if kind == b'IHDR':
            hdr = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = hdr
    if depth != 8 or ctype != 2 or interlace:
        raise ValueError(path + ': not 8-bit RGB without interlace')
    raw, bpl, rows, prev = zlib.decompress(idat), w * 3, [], bytearray(w * 3)
    for y in range(h):
        f, line = raw[y * (bpl + 1)], bytearray(raw[y * (bpl + 1) + 1:(y + 1) * (bpl + 1)])
        for i in range(bpl):
            a = line[i - 3] if i >= 3 else 0
            b, c = prev[i], (prev[i - 3] if i >= 3 else 0)
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, rows


BARS = [(255, 255, 255), (255, 255, 0), (0, 255, 255), (0, 255, 0),
        (255, 0, 255), (255, 0, 0), (0, 0, 255), (0, 0, 0)]


def pattern_row(y):
    """Row y of the test pattern, as pattern.h defines it."""
    out = bytearray()
    for x in range(W):
        if x in (0, W - 1) or y in (0, H - 1):
            out += bytes((255, 255, 255))
        elif y < H // 2:
            out += bytes(BARS[x // (W // 8)])
        else:
            out += bytes((x * 255 // (W - 1), (y - H // 2) * 255 // (H // 2 - 1), (x ^ y) & 255))
    return bytes(out)


def pattern_rows(rows):
    """Rows from the top that are the pattern, if all below are black
    but for the row being drawn: the pattern's start, then black."""
    k = 0
    while k < H and rows[k] == pattern_row(k):
        k += 1
    if k < H:
        want, got = pattern_row(k), rows[k]
        n = 0
        while n < len(got) and got[n] == want[n]:
            n += 1
        if got[n:] != bytes(len(got) - n):
            return None
    if any(r != bytes(W * 3) for r in rows[k + 1:]):
        return None
    return k


COLS, ROWS, FG, BG = 80, 30, (0xe0, 0xe0, 0xe0), (0x10, 0x20, 0x40)


def text_cells(text):
    """The 80x30 character cells after `text`, as fbcons.h says: '\\n'
    new row, '\\r' column 0, '\\b' one back, '\\t' to a multiple of 8,
    a printable character at the cursor after a deferred wrap, a scroll
    when a new row would fall off the bottom."""
    cells = [[' '] * COLS for _ in range(ROWS)]
    col = row = 0

    def newline():
        nonlocal col, row
        col = 0
        row += 1
        if row == ROWS:
            del cells[0]
            cells.append([' '] * COLS)
            row = ROWS - 1

    def put(ch):
        nonlocal col
        if col == COLS:
            newline()
        cells[row][col] = ch if 0x20 <= ord(ch) <= 0x7e else ' '
        col += 1

    for ch in text:
        if ch == '\n':
            newline()
        elif ch == '\r':
            col = 0
        elif ch == '\b':
            col = max(col - 1, 0)
        elif ch == '\t':
            put(' ')
            while col % 8:
                put(' ')
        else:
            put(ch)
    return cells


def text_rows(text, font):
    """The pixel rows of the screen showing `text` in `font`."""
    width, height, glyphs, table = psf2c.load(font)
    rows = []
    for line in text_cells(text):
        for y in range(height):
            out = bytearray()
            for ch in line:
                bits = glyphs[table.get(ord(ch), ord(ch)) if table else ord(ch)][y]
                for i in range(8):
                    out += bytes(FG if bits & (0x80 >> i) else BG)
            rows.append(bytes(out))
    return rows


def main():
    cmd, path = sys.argv[1], sys.argv[2]
    w, h, rows = decode(path)
    if (w, h) != (W, H):
        sys.exit('%s: %dx%d, not %dx%d' % (path, w, h, W, H))
    if cmd == 'sha256':
        print(hashlib.sha256(b''.join(rows)).hexdigest())
        return
    if cmd == 'text':
        want = text_rows(open(sys.argv[3], newline='').read(), sys.argv[4])
        bad = [y for y in range(H) if rows[y] != want[y]]
        if bad:
            sys.exit('%s: %d pixel rows differ from the text drawn here, the first %d'
                     % (path, len(bad), bad[0]))
        print('same')
        return
    k = pattern_rows(rows)
    if k is None:
        sys.exit('%s: not the test pattern over black' % path)
    want = int(sys.argv[3]) if cmd == 'pattern' and len(sys.argv) > 3 else None
    if cmd == 'pattern' and k != (H if want is None else want):
        sys.exit('%s: %d rows of the pattern, expected %d' % (path, k, H if want is None else want))
    print(k)


if __name__ == '__main__':
    main()

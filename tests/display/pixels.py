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
"""
import hashlib
import struct
import sys
import zlib

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


def main():
    cmd, path = sys.argv[1], sys.argv[2]
    w, h, rows = decode(path)
    if (w, h) != (W, H):
        sys.exit('%s: %dx%d, not %dx%d' % (path, w, h, W, H))
    if cmd == 'sha256':
        print(hashlib.sha256(b''.join(rows)).hexdigest())
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

#!/usr/bin/env python3
"""badelf.py: crafted boot modules that the exokernel must refuse.

usage: badelf.py KERNEL.elf GOOD.elf LEAK.elf OUTDIR

Writes OUTDIR/bad-NAME.elf for each case below, made from GOOD.elf (an
exokernel application such as build/workloads/hello.elf) or, for the
leak, LEAK.elf (build/workloads/leak.elf).  Each case breaks one rule
of exokernel/env.c elf_check; the comment says which refusal the kernel
must print and what a loader that adds untrusted words in 32 bits does
with it.  bad-leak.elf is aimed at KERNEL.elf's memory layout and must
be boot module 0 (the simulator puts module 0 at the first page after
the kernel image).
"""
import struct
import sys

EHDR = struct.Struct("<16sHHIIIIIHHHHHH")   # ELF32 header
PHDR = struct.Struct("<8I")                 # type offset vaddr paddr filesz memsz flags align
SHDR = struct.Struct("<10I")
SYM = struct.Struct("<IIIBBH")
PT_LOAD, PT_NULL = 1, 0
PF_RW = 6
WRAP = 1 << 32


class Elf:
    """An ELF32 little-endian file: its bytes, header and program headers."""

    def __init__(self, data):
        self.data = bytearray(data)
        self.eh = list(EHDR.unpack_from(self.data, 0))
        self.phoff, self.phnum = self.eh[5], self.eh[10]
        self.ph = [list(PHDR.unpack_from(self.data, self.phoff + 32 * i))
                   for i in range(self.phnum)]

    def load(self):
        """The index of the first PT_LOAD header."""
        return next(i for i, p in enumerate(self.ph) if p[0] == PT_LOAD)

    def symbol(self, name):
        """The value of symbol `name` (from .symtab)."""
        shoff, shnum = self.eh[6], self.eh[12]
        sh = [SHDR.unpack_from(self.data, shoff + 40 * i) for i in range(shnum)]
        for s in sh:
            if s[1] != 2:                       # SHT_SYMTAB
                continue
            strtab = sh[s[6]]
            for off in range(s[4], s[4] + s[5], 16):
                nm, value = SYM.unpack_from(self.data, off)[:2]
                start = strtab[4] + nm
                if self.data[start:self.data.index(b"\0", start)] == name.encode():
                    return value
        raise SystemExit("badelf: no symbol %s" % name)

    def out(self, phdrs=None, phoff=None, entry=None, phnum=None, cut=None):
        """The file with its program headers (written at phoff, or at the
        end when given), entry point and length changed as asked."""
        data = bytearray(self.data)
        eh = list(self.eh)
        phdrs = self.ph if phdrs is None else phdrs
        table = b"".join(PHDR.pack(*p) for p in phdrs)
        if phoff is None:                       # in place, or a new table at the end
            phoff = self.phoff if len(phdrs) == self.phnum else (len(data) + 3) // 4 * 4
        if phoff <= len(data) + 4:              # a table in the file, not a wrap
            data.extend(bytes(max(0, phoff + len(table) - len(data))))
            data[phoff:phoff + len(table)] = table
        eh[5] = phoff % WRAP
        eh[10] = len(phdrs) if phnum is None else phnum
        if entry is not None:
            eh[4] = entry
        data[0:EHDR.size] = EHDR.pack(*eh)
        return bytes(data if cut is None else data[:cut])


def kernel_end(kernel):
    """First byte after the kernel image in RAM, as the simulator loads it."""
    return max((p[3] & 0x1fffffff) + p[5] for p in kernel.ph if p[0] == PT_LOAD)


def cases(kernel, good, leak):
    """Yield (name, bytes) for every crafted module."""
    g = good.load()

    def seg(**kw):
        p = list(good.ph[g])
        for k, v in kw.items():
            p[["type", "offset", "vaddr", "paddr", "filesz", "memsz", "flags", "align"].index(k)] = v
        return p

    def with_seg(**kw):
        ph = [list(p) for p in good.ph]
        ph[g] = seg(**kw)
        return ph

    # "truncated ELF header"
    yield "ehdr-trunc", bytes(good.data[:40])
    # "not a 32-bit little-endian MIPS executable"
    yield "notelf", b"this is not an ELF file\n" * 8
    # "program header table outside the file": phoff + phnum * 32 wraps
    # to 0, so a 32-bit check passes and the headers are read from the
    # 32 * phnum bytes below the module: kernel memory.
    yield "phoff-wrap", good.out(phoff=WRAP - 32 * good.phnum)
    # "program header table outside the file": the file ends inside it.
    yield "phtab-trunc", good.out(cut=good.phoff + 40)
    # "misaligned program header table": a word load from an odd
    # address is an address error in the kernel.
    yield "phalign", good.out(phoff=(len(good.data) + 3) // 4 * 4 + 2, phdrs=list(good.ph))
    # "more than 16 program headers"
    yield "phnum", good.out(phdrs=good.ph + [[PT_NULL] + [0] * 7] * (17 - good.phnum))
    # "segment outside the file": the segment's bytes run past the end.
    yield "seg-trunc", good.out(cut=good.ph[g][1] + good.ph[g][4] // 2)
    # "segment outside the file": offset + filesz wraps to 0 and the
    # source, module - 4 MB, lies in kuseg: a kernel that copies from it
    # takes a TLB miss in kernel mode (a panic) at boot.
    extra = [PT_LOAD, WRAP - 0x400000, 0x800000, 0x800000, 0x400000, 0x400000, PF_RW, 4096]
    yield "kfault", good.out(phdrs=good.ph + [extra])
    # "segment outside segment 2 above EXO_USER_BASE": vaddr + memsz wraps.
    yield "vaddr-wrap", good.out(phdrs=with_seg(memsz=WRAP - 0x100000))
    # "segment outside segment 2 above EXO_USER_BASE": over the save area.
    yield "vaddr-low", good.out(phdrs=with_seg(vaddr=0x1000, paddr=0x1000))
    # "segment smaller in memory than in the file"
    yield "memsz", good.out(phdrs=with_seg(memsz=good.ph[g][4] - 4))
    # "more pages than guaranteed mappings left": 64 pages, 63 pins left.
    yield "pages", good.out(phdrs=with_seg(memsz=64 * 4096))
    # "segments overlap": the image again, one page higher.
    twice = seg(vaddr=good.ph[g][2] + 4096, paddr=good.ph[g][3] + 4096)
    yield "overlap", good.out(phdrs=good.ph + [twice])
    # "entry point outside the executable segments"
    yield "entry", good.out(entry=0x00300000)
    # "segment outside the file": the leak.  offset + filesz wraps to 0;
    # a 32-bit loader copies the kernel's slice vector and STLB (and what
    # lies between them and this module, boot module 0) into leak_area.
    l = leak.load()
    module = (kernel_end(kernel) + 4095) & ~4095
    src = min(kernel.symbol("slices"), kernel.symbol("stlb")) & 0x1fffffff
    area = leak.symbol("leak_area")
    extra = [PT_LOAD, (src - module) % WRAP, area, area, module - src, module - src, PF_RW, 4096]
    yield "leak", leak.out(phdrs=leak.ph[:l + 1] + [extra] + leak.ph[l + 1:])


def main(argv):
    if len(argv) != 5:
        raise SystemExit("usage: badelf.py KERNEL.elf GOOD.elf LEAK.elf OUTDIR")
    kernel, good, leak = (Elf(open(f, "rb").read()) for f in argv[1:4])
    for name, data in cases(kernel, good, leak):
        with open("%s/bad-%s.elf" % (argv[4], name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main(sys.argv)

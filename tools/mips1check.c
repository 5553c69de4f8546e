/*
 * mips1check: exit 1 if an ELF's executable sections hold any word that
 * is not a MIPS I instruction (it would raise RI on an R3000), listing
 * each with its address.  The build runs it on every target ELF, which
 * is how a stray MIPS32 instruction (from Debian's libgcc, say) is
 * caught at build time.
 *
 *   mips1check file.elf ...
 */
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "decode.h"
#include "exosim.h"

static int check_section(Elf_Scn *scn, const GElf_Shdr *sh, const char *path, const char *name)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	int bad = 0;

	if (!d || !d->d_buf)
		return 0;
	for (size_t off = 0; off + 4 <= d->d_size; off += 4) {
		uint32_t w;
		char dis[96];
		memcpy(&w, (const char *)d->d_buf + off, 4);
		if (decode(w).op != OP_RI)
			continue;
		fprintf(stderr, "%s: %s+0x%zx (0x%08llx): 0x%08x is not MIPS I (%s)\n",
		        path, name, off, (unsigned long long)(sh->sh_addr + off), w,
		        mips_disasm(w, (uint32_t)(sh->sh_addr + off), dis, sizeof dis));
		bad++;
	}
	return bad;
}

static int check_file(const char *path)
{
	int fd = open(path, O_RDONLY), bad = 0;
	Elf *e;
	Elf_Scn *scn = NULL;
	size_t shstr;

	if (fd < 0) {
		perror(path);
		return 1;
	}
	e = elf_begin(fd, ELF_C_READ, NULL);
	if (!e || elf_kind(e) != ELF_K_ELF || elf_getshdrstrndx(e, &shstr)) {
		fprintf(stderr, "%s: not an ELF file\n", path);
		close(fd);
		return 1;
	}
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS ||
		    !(sh.sh_flags & SHF_EXECINSTR))
			continue;
		bad += check_section(scn, &sh, path, elf_strptr(e, shstr, sh.sh_name));
	}
	elf_end(e);
	close(fd);
	return bad != 0;
}

int main(int argc, char **argv)
{
	int st = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: mips1check file.elf ...\n");
		return 2;
	}
	elf_version(EV_CURRENT);
	for (int i = 1; i < argc; i++)
		st |= check_file(argv[i]);
	return st;
}

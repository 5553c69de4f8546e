/*
 * disasm.c: one-instruction disassembly through capstone, for the
 * debuggers, traces and messages.  Words that MIPS I does not define
 * are shown as such even when capstone (a MIPS32 disassembler) knows
 * them, because on the R3000 they raise RI.
 */
#include <capstone/capstone.h>
#include <stdio.h>

#include "decode.h"
#include "exosim.h"

static csh handle;
static int opened;   /* 0 not yet, 1 open, -1 failed */

const char *mips_disasm(uint32_t word, uint32_t pc, char *buf, size_t n)
{
	cs_insn *insn;
	uint8_t bytes[4] = { (uint8_t)word, (uint8_t)(word >> 8),
	                     (uint8_t)(word >> 16), (uint8_t)(word >> 24) };

	if (decode(word).op == OP_RI) {
		snprintf(buf, n, ".word 0x%08x  # reserved on the R3000", word);
		return buf;
	}
	if (!opened)
		opened = cs_open(CS_ARCH_MIPS, CS_MODE_MIPS32 | CS_MODE_LITTLE_ENDIAN,
		                 &handle) == CS_ERR_OK ? 1 : -1;
	if (opened < 0 || cs_disasm(handle, bytes, 4, pc, 1, &insn) != 1) {
		snprintf(buf, n, ".word 0x%08x", word);
		return buf;
	}
	if (insn->op_str[0])
		snprintf(buf, n, "%s %s", insn->mnemonic, insn->op_str);
	else
		snprintf(buf, n, "%s", insn->mnemonic);
	cs_free(insn, 1);
	return buf;
}

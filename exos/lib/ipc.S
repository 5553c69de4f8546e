/*
 * ipc.S: the parts of ExOS's IPC (ipc.h) that run without a stack or
 * with the registers of a transfer: the context save of ipc_yield and
 * lrpc_call, the entries of clients and servers, the start-of-slice
 * upcall.  The state is `struct ipc_state ipc` (ipc.c), reached with
 * one lui (it is 128-byte aligned, so %lo(ipc) + offset never
 * overflows 16 bits).  The context is s0-s8, sp and ra: the callee-
 * saved registers of this ABI (gp is unused: -G0, no abicalls).
 */
#include "exo/regdef.h"
#include "exo/exo.h"
#include "exos_save.h"

#define I_CTX     0
#define I_STATE   52
#define I_PEER    56
#define I_TOKEN   60
#define I_STRAYS  64
#define I_SELF    72
#define I_COUNTER 76
#define I_HANDLER 80
#define I_SERVED  84
#define IPC_YIELDING 1
#define IPC_CALLING  2
#define IPC(off) %lo(ipc)+(off)
#define SAVE(r)  (EXO_SAVE_VA + (r))($0)

	.set noreorder
	.set noat
	.text

/* The context: into ipc.ctx (base: a register holding %hi(ipc)). */
	.macro	SAVECTX b
	sw	s0, IPC(I_CTX + 0)(\b)
	sw	s1, IPC(I_CTX + 4)(\b)
	sw	s2, IPC(I_CTX + 8)(\b)
	sw	s3, IPC(I_CTX + 12)(\b)
	sw	s4, IPC(I_CTX + 16)(\b)
	sw	s5, IPC(I_CTX + 20)(\b)
	sw	s6, IPC(I_CTX + 24)(\b)
	sw	s7, IPC(I_CTX + 28)(\b)
	sw	$30, IPC(I_CTX + 32)(\b)
	sw	sp, IPC(I_CTX + 40)(\b)
	sw	ra, IPC(I_CTX + 44)(\b)
	.endm
	.macro	RESTCTX b
	lw	ra, IPC(I_CTX + 44)(\b)
	lw	s0, IPC(I_CTX + 0)(\b)
	lw	s1, IPC(I_CTX + 4)(\b)
	lw	s2, IPC(I_CTX + 8)(\b)
	lw	s3, IPC(I_CTX + 12)(\b)
	lw	s4, IPC(I_CTX + 16)(\b)
	lw	s5, IPC(I_CTX + 20)(\b)
	lw	s6, IPC(I_CTX + 24)(\b)
	lw	s7, IPC(I_CTX + 28)(\b)
	lw	$30, IPC(I_CTX + 32)(\b)
	lw	sp, IPC(I_CTX + 40)(\b)
	.endm

/*
 * int ipc_yield(uint32_t to): save the context, SYS_YIELD_FAST(to).
 * If a transfer enters this environment meanwhile, the context comes
 * back from ipc.ctx (ipc_resume) and this returns 1.
 */
	.globl	ipc_yield
	.ent	ipc_yield
ipc_yield:
	lui	t0, %hi(ipc)
	SAVECTX t0
	li	t1, IPC_YIELDING
	sw	t1, IPC(I_STATE)(t0)
	li	v0, SYS_YIELD_FAST
	syscall
	lui	t0, %hi(ipc)
	jr	ra
	sw	zero, IPC(I_STATE)(t0)	# (delay slot)
	.end	ipc_yield

/*
 * ipc_resume: back to the code whose context ipc.ctx holds, returning
 * v0 (and v1); the state is idle again.
 */
	.globl	ipc_resume
	.ent	ipc_resume
ipc_resume:
	lui	t0, %hi(ipc)
	sw	zero, IPC(I_STATE)(t0)
	RESTCTX t0
	jr	ra
	nop
	.end	ipc_resume

/*
 * uint64_t lrpc_call(srv, a, b): untrusted LRPC.  Saves the context,
 * makes the next token, records the server, and transfers (SYS_ACALL) with the call's registers (ipc.h).  The reply
 * enters lrpc_reply_entry.  A refused transfer comes back to
 * ipc_call_ret with v0 = -E_BADENV.  The twelve stores are bound by the
 * write buffer (six cycles each on dec5000), so every other instruction
 * sits between two of them, where it costs nothing.
 */
	.globl	lrpc_call, ipc_call_ret, ipc_call_end
	.ent	lrpc_call
lrpc_call:
	lui	t0, %hi(ipc)
	lw	t2, IPC(I_TOKEN)(t0)
	sw	s0, IPC(I_CTX + 0)(t0)
	lw	t1, IPC(I_PEER)(t0)
	sw	s1, IPC(I_CTX + 4)(t0)
	addiu	t2, t2, 3		# the next token, odd: a call waits
	sw	s2, IPC(I_CTX + 8)(t0)
	move	t3, a2			# the second word
	sw	t2, IPC(I_TOKEN)(t0)
	move	a3, a1			# the first word
	sw	s3, IPC(I_CTX + 12)(t0)
	lw	a1, IPC(I_SELF)(t0)	# reply to
	sw	s4, IPC(I_CTX + 16)(t0)
	move	a2, t2			# the token
	sw	s5, IPC(I_CTX + 20)(t0)
	li	v0, SYS_ACALL
	sw	s6, IPC(I_CTX + 24)(t0)
	xor	t1, t1, a0
	sw	s7, IPC(I_CTX + 28)(t0)
	sw	$30, IPC(I_CTX + 32)(t0)
	sw	sp, IPC(I_CTX + 40)(t0)
	beq	t1, zero, 1f		# the same server as last time
	sw	ra, IPC(I_CTX + 44)(t0)	# (delay slot)
	sw	a0, IPC(I_PEER)(t0)
1:	syscall
ipc_call_ret:
	move	v1, v0			# refused: the status
	move	v0, zero
/* Back to lrpc_call's caller with v0, v1: the call is over (even token). */
ipc_call_end:
	lui	t0, %hi(ipc)
	lw	t1, IPC(I_TOKEN)(t0)
	li	t2, -2
	and	t1, t1, t2
	b	ipc_resume
	sw	t1, IPC(I_TOKEN)(t0)	# (delay slot)
	.end	lrpc_call

/*
 * The untrusted client's async entry: the reply, if a2 is the token of
 * the call that waits (odd: a call waits; an even one was used up);
 * then the token is used up, the context comes back and the call
 * returns v0 = a3, v1 = 0.  Anything else is a stray transfer.
 */
	.globl	lrpc_reply_entry
	.ent	lrpc_reply_entry
lrpc_reply_entry:
	lui	t0, %hi(ipc)
	lw	t2, IPC(I_TOKEN)(t0)
	move	v0, a3			# (load delay) the result
	andi	t1, t2, 1
	beq	t1, zero, ipc_stray	# no call waits
	xor	t1, t2, a2		# (delay slot)
	bne	t1, zero, ipc_stray	# not its token
	addiu	t2, t2, -1		# (delay slot) used up
	sw	t2, IPC(I_TOKEN)(t0)
	RESTCTX t0
	jr	ra
	move	v1, zero		# (delay slot) status 0
	.end	lrpc_reply_entry

/*
 * A transfer or an upcall that finds this environment away from its
 * code (t0 = %hi(ipc)): a call that waits goes on waiting (ipc_call_wait,
 * on ExOS's own stack); code waiting in ipc_yield resumes with 1;
 * otherwise the environment was running when it was entered and the
 * kernel kept nothing of it (ipc_lost).
 */
	.globl	ipc_stray
	.ent	ipc_stray
ipc_stray:
	lw	t1, IPC(I_STRAYS)(t0)
	nop				# (load delay)
	addiu	t1, t1, 1
	sw	t1, IPC(I_STRAYS)(t0)
	lw	t1, IPC(I_TOKEN)(t0)
	lw	t2, IPC(I_STATE)(t0)
	andi	t1, t1, 1
	bne	t1, zero, 1f		# a call waits
	addiu	t2, t2, -IPC_YIELDING	# (delay slot)
	beq	t2, zero, ipc_resume
	li	v0, 1			# (delay slot) ipc_yield's result
	lui	sp, %hi(ipc_stack + 1024)
	j	ipc_lost
	addiu	sp, sp, %lo(ipc_stack + 1024)	# (delay slot)
1:	lui	sp, %hi(ipc_stack + 1024)
	j	ipc_call_wait
	addiu	sp, sp, %lo(ipc_stack + 1024)	# (delay slot)
	.end	ipc_stray

/*
 * int tlrpc_call(srv, a): trusted LRPC.  The server keeps s0-s8, sp
 * and ra, so nothing is saved: the reply entry returns straight to the
 * caller with the result (a3).  A refused transfer returns here with
 * v0 = -E_BADENV.
 */
	.globl	tlrpc_call, tlrpc_call_ret, tlrpc_reply_entry
	.ent	tlrpc_call
tlrpc_call:
	lui	t0, %hi(ipc)
	move	a3, a1			# the word
	lw	a1, IPC(I_SELF)(t0)	# reply to
	li	v0, SYS_ACALL
	syscall
tlrpc_call_ret:
	jr	ra
	nop
tlrpc_reply_entry:
	jr	ra
	move	v0, a3			# (delay slot) the result
	.end	tlrpc_call

/*
 * Servers' async entries.  lrpc_srv_entry runs ipc.handler(a3, t3) on
 * the server's stack and replies with its result; lrpc_count_entry is
 * the paper's benchmark procedure inline (increment a counter, return
 * it), with no dispatch and no stack.  Neither touches s0-s8, sp or
 * ra except through the C procedure (which keeps them): both serve
 * trusted callers too.  The reply goes back with SYS_ACALL (the token
 * in a2 as it came); a refused reply (the client is gone) and a later
 * run of this environment after the reply (ipc_sos) go to ipc_stray.
 */
	.globl	lrpc_srv_entry, lrpc_count_entry, ipc_reply_ret
	.ent	lrpc_srv_entry
lrpc_srv_entry:
	lui	t0, %hi(ipc)
	lw	t1, IPC(I_SELF)(t0)
	nop				# (load delay)
	beq	t1, a1, ipc_stray	# a reply to itself would call it again
	move	t4, sp			# (delay slot) the caller's sp (trusted callers want it back)
	lui	t0, %hi(ipc_srv_stack + 2048)
	addiu	sp, t0, %lo(ipc_srv_stack + 2048)
	addiu	sp, sp, -32
	sw	t4, 16(sp)
	sw	a1, 20(sp)		# the client
	sw	a2, 24(sp)		# the token
	sw	ra, 28(sp)
	lui	t0, %hi(ipc)
	lw	t1, IPC(I_HANDLER)(t0)
	move	a0, a3
	jalr	t1
	move	a1, t3			# (delay slot)
	lui	t0, %hi(ipc)
	lw	t1, IPC(I_SERVED)(t0)
	move	a3, v0			# the result
	addiu	t1, t1, 1
	sw	t1, IPC(I_SERVED)(t0)
	lw	a0, 20(sp)
	lw	a2, 24(sp)
	lw	ra, 28(sp)
	lw	sp, 16(sp)
	move	a1, a0
	b	ipc_reply
	li	v0, SYS_ACALL		# (delay slot)
lrpc_count_entry:			# v0 < 0 (SYS_ACALL) as it came
	lui	t0, %hi(ipc)
	lw	a3, IPC(I_COUNTER)(t0)
	move	a0, a1			# reply to the client
	addiu	a3, a3, 1
	sw	a3, IPC(I_COUNTER)(t0)
ipc_reply:
	syscall
ipc_reply_ret:
	b	ipc_stray
	lui	t0, %hi(ipc)		# (delay slot)
	.end	lrpc_srv_entry

/*
 * The start-of-slice upcall (SAVE_CRIT set, SAVE_IPC = the pc it would
 * have resumed at, every register as the kernel had it).  If that pc
 * is just after one of the transfers above, this environment left by
 * it and the kernel kept none of its registers: a waiting call or
 * ipc_yield resumes from ipc.ctx (ipc_stray); a trusted call waits for
 * its reply (ipc_idle).  Otherwise resume through exo_xret.
 */
	.globl	ipc_sos
	.ent	ipc_sos
ipc_sos:
	sw	t0, SAVE(SAVE_T0)
	sw	t1, SAVE(SAVE_T1)
	sw	t2, SAVE(SAVE_T2)
	lw	t0, SAVE(SAVE_IPC)
	lui	t1, %hi(ipc_call_ret)
	addiu	t1, t1, %lo(ipc_call_ret)
	beq	t0, t1, 1f
	lui	t1, %hi(ipc_reply_ret)	# (delay slot)
	addiu	t1, t1, %lo(ipc_reply_ret)
	beq	t0, t1, 1f
	lui	t1, %hi(tlrpc_call_ret)	# (delay slot)
	addiu	t1, t1, %lo(tlrpc_call_ret)
	beq	t0, t1, 2f
	nop
	j	exo_xret		# t0 = the pc; t0-t2 in the save area
	nop
1:	sw	zero, SAVE(SAVE_CRIT)
	b	ipc_stray
	lui	t0, %hi(ipc)		# (delay slot)
2:	sw	zero, SAVE(SAVE_CRIT)
	lui	sp, %hi(ipc_stack + 1024)
	j	ipc_idle
	addiu	sp, sp, %lo(ipc_stack + 1024)	# (delay slot)
	.end	ipc_sos

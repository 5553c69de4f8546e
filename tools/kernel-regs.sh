#!/bin/sh
# kernel-regs.sh OBJDUMP KERNEL.elf: fail if kernel code other than the
# entry and exit paths that save, load or restore the user's registers
# names at or t0-t9.  Kernel C is compiled with -ffixed-t0..t9 and the
# assembly it calls uses only v0, v1 and a0-a3, so that a light system
# call can leave t0-t9 as the caller had them and zero the rest
# (exokernel/vec.S k_light): no kernel value reaches a user register.
objdump=$1 elf=$2
# The paths allowed to touch them: boot, and the entry and exit paths
# of vec.S that save, load, restore or zero the user's registers, and
# dpf_kcall (exokernel/kdpf_s.S), which saves and restores them around
# DPF's generated code.
allowed='_start|utlb_refill|gen_exc|k_light|k_intr|k_intr_slow|fast_yield|yield_slow|ktrap|env_pop|dpf_kcall'
"$objdump" -d "$elf" | awk -v ok="^($allowed)$" '
	/^[0-9a-f]+ <[^>]*>:$/ { f = $2; gsub(/[<>:]/, "", f); next }
	/^ *[0-9a-f]+:\t/ {
		n = split($0, p, "\t"); ops = p[n]
		if (f !~ ok && ops ~ /(^|[^a-z0-9_])(t[0-9]|at)([^a-z0-9_]|$)/) {
			print "kernel-regs: " f ": " $0; bad = 1
		}
	}
	END { exit bad }'

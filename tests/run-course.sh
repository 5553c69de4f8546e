#!/bin/sh
# run-course.sh: the course kernel (tests/course/: exception entry and
# return in assembly, rtc ticks, a TLB refill handler, a user program in
# kuseg making system calls, disk I/O through the testmips registers),
# the test of issue 18, on a 16-sector disk image of text lines "host
# sector S" padded to 512 bytes (a copy in a temporary directory):
#   - kernel.elf, its load delay slots filled: on ./sim (write-through,
#     and --disk-snapshot) and on gxemul -E testmips -C R3000 the same
#     console output and the same disk image (sector 2 the user's, every
#     other byte the host's); --check-hazards finds nothing; ./sim takes
#     exactly the 3 ticks the kernel waits for, and UTLB misses;
#   - kernel-hazard.elf (`lw k0; jr k0` in the exception return) on the
#     R3000 model: the first system call runs again and again, ./sim
#     stops it as wedged (201) and names the load and its use; the image
#     is untouched;
#   - the same with --interlock-loads: the correct kernel's output and
#     image, and at exit the hazard site it relied on;
#   - gxemul runs kernel-hazard.elf as if it were correct (it has no
#     load delay), which is how such a bug goes unnoticed.
# Output that depends on time (how many ticks come while the kernel
# waits: gxemul's follow the host's clock) is not printed by the kernel.
# Prints one line per case; exits 1 if any fails.
cd "$(dirname "$0")/.." || exit 1

K=build/tests/course/kernel.elf
H=build/tests/course/kernel-hazard.elf
for need in ./sim "$K" "$H" build/tests/course/user.bin; do
	if [ ! -f "$need" ]; then
		echo "run-course.sh: FAIL: $need is missing; run make first" >&2
		exit 1
	fi
done
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }

# sector TEXT: 512 bytes, TEXT, a newline, dots, a newline.
sector() {
	printf '%s\n' "$1"
	printf "%$((510 - ${#1}))s" "" | tr ' ' '.'
	printf '\n'
}
s=0
while [ $s -lt 16 ]; do
	sector "host sector $s"
	s=$((s + 1))
done >"$tmp/orig.img"
{
	head -c $((2 * 512)) "$tmp/orig.img"
	sector "written by the user program"
	tail -c +$((3 * 512 + 1)) "$tmp/orig.img"
} >"$tmp/want.img"
size=$(wc -c <build/tests/course/user.bin | tr -d ' ')
cat >"$tmp/want.out" <<EOF2
kernel: booting
kernel: timer interrupts: at least 3 ticks
kernel: user program of $size bytes at 0x00400000
user: hello from kuseg
user: sector 1: host sector 1
user: sector 2: written by the user program
user: sector 3: host sector 3
user: done
kernel: user program exited with status 0
EOF2

# 1. The correct kernel on ./sim, writing through to a copy.
cp "$tmp/orig.img" "$tmp/sim.img"
./sim --stats --check-hazards --disk "$tmp/sim.img" "$K" >"$tmp/out" 2>"$tmp/err"
st=$?
ticks=$(awk '$1 == "interrupts" && $2 == "IP4" { print $3 }' "$tmp/err")
utlb=$(awk '$1 == "UTLB" && $2 == "misses" { print $3 }' "$tmp/err")
if [ $st -ne 0 ] || ! cmp -s "$tmp/out" "$tmp/want.out"; then
	bad "kernel.elf on ./sim: status $st, output: $(head -c 400 "$tmp/out")"
elif ! cmp -s "$tmp/sim.img" "$tmp/want.img"; then
	bad "kernel.elf on ./sim: the image is not the host's with the user's sector 2"
elif grep -q hazard "$tmp/err"; then
	bad "kernel.elf: --check-hazards found: $(grep hazard "$tmp/err" | head -2)"
elif [ "$ticks" != 3 ] || [ "${utlb:-0}" -lt 1 ]; then
	bad "kernel.elf on ./sim: $ticks rtc interrupts (want 3), ${utlb:-no} UTLB misses"
else
	ok "kernel.elf on ./sim: output, image (sector 2 written), 3 ticks, $utlb UTLB refills, no hazards"
fi
cyc1=$(awk '$1 == "cycles" { print $2 }' "$tmp/err")

# The same with --disk-snapshot: same output and cycles, image untouched.
cp "$tmp/orig.img" "$tmp/snap.img"
./sim --stats --disk-snapshot --disk "$tmp/snap.img" "$K" >"$tmp/out" 2>"$tmp/err"
st=$?
cyc2=$(awk '$1 == "cycles" { print $2 }' "$tmp/err")
if [ $st -ne 0 ] || ! cmp -s "$tmp/out" "$tmp/want.out"; then
	bad "kernel.elf --disk-snapshot: status $st, output: $(head -c 400 "$tmp/out")"
elif ! cmp -s "$tmp/snap.img" "$tmp/orig.img"; then
	bad "kernel.elf --disk-snapshot: the image file changed"
elif [ -z "$cyc1" ] || [ "$cyc1" != "$cyc2" ]; then
	bad "kernel.elf: cycles differ between write-through and snapshot: $cyc1, $cyc2"
else
	ok "kernel.elf --disk-snapshot: same output and cycles ($cyc1), image untouched"
fi

# gxemul: KERNEL IMAGE OUT; its console's CRs and diagnostics dropped.
gx() {
	timeout 30 script -qec "gxemul -E testmips -C R3000 -q -d '$2' '$1'" /dev/null \
		</dev/null >"$3.raw" 2>&1
	tr -d '\r' <"$3.raw" |
		grep -v -e '^GXemul [0-9]' -e '^Read the source code and/or documentation' -e '^\[ ' \
		>"$3"
}
if command -v gxemul >/dev/null 2>&1 && command -v script >/dev/null 2>&1; then
	cp "$tmp/orig.img" "$tmp/gx.img"
	gx "$K" "$tmp/gx.img" "$tmp/gx.out"
	if ! cmp -s "$tmp/gx.out" "$tmp/want.out"; then
		bad "kernel.elf on gxemul: output differs from ./sim's: $(head -c 400 "$tmp/gx.out")"
	elif ! cmp -s "$tmp/gx.img" "$tmp/sim.img"; then
		bad "kernel.elf on gxemul: the image differs from ./sim's"
	else
		ok "kernel.elf on gxemul: the same output and image as on ./sim"
	fi
	cp "$tmp/orig.img" "$tmp/gxh.img"
	gx "$H" "$tmp/gxh.img" "$tmp/gxh.out"
	if ! cmp -s "$tmp/gxh.out" "$tmp/want.out" || ! cmp -s "$tmp/gxh.img" "$tmp/want.img"; then
		bad "kernel-hazard.elf on gxemul: not as the correct kernel: $(head -c 400 "$tmp/gxh.out")"
	else
		ok "kernel-hazard.elf on gxemul: runs as if correct (no load delay modelled)"
	fi
else
	bad "gxemul or script is not installed: no reference comparison"
fi

# 2. The hazard on the R3000 model: the first system call repeats until
# ./sim calls it a storm; the message names the load and its use.
cp "$tmp/orig.img" "$tmp/haz.img"
./sim --disk "$tmp/haz.img" "$H" >"$tmp/out" 2>"$tmp/err"
st=$?
if [ $st -ne 201 ]; then
	bad "kernel-hazard.elf on ./sim: status $st, not 201: $(head -c 300 "$tmp/err")"
elif ! grep -q 'exception storm: Sys at EPC 0x004' "$tmp/err" ||
     ! grep -q '<trap_return+0x[0-9a-f]*>, `jr \$k0` used the result of `lw \$k0, .*` at <trap_return+0x[0-9a-f]*> in its load delay slot.*--interlock-loads' "$tmp/err"; then
	bad "kernel-hazard.elf on ./sim: the message does not name the hazard: $(head -c 600 "$tmp/err")"
elif [ "$(sed -n 4p "$tmp/out")" != "user: hello from kuseg" ] || grep -q 'user: done' "$tmp/out"; then
	bad "kernel-hazard.elf on ./sim: unexpected output: $(head -c 300 "$tmp/out")"
elif ! cmp -s "$tmp/haz.img" "$tmp/orig.img"; then
	bad "kernel-hazard.elf on ./sim: the image changed"
else
	ok "kernel-hazard.elf on ./sim: wedged (201) at the repeated SYSCALL, the hazard named, image untouched"
fi

# 3. --interlock-loads: runs as the correct kernel; lists the hazard.
cp "$tmp/orig.img" "$tmp/il.img"
./sim --interlock-loads --disk "$tmp/il.img" "$H" >"$tmp/out" 2>"$tmp/err"
st=$?
if [ $st -ne 0 ] || ! cmp -s "$tmp/out" "$tmp/want.out"; then
	bad "kernel-hazard.elf --interlock-loads: status $st, output: $(head -c 400 "$tmp/out")"
elif ! cmp -s "$tmp/il.img" "$tmp/want.img"; then
	bad "kernel-hazard.elf --interlock-loads: the image differs from the correct kernel's"
elif ! grep -q 'hazard at 0x[0-9a-f]* <trap_return+0x[0-9a-f]*>: .*jr \$k0' "$tmp/err" ||
     ! grep -q 'relied on 1 load-delay hazard site' "$tmp/err"; then
	bad "kernel-hazard.elf --interlock-loads: the hazard is not listed: $(head -c 600 "$tmp/err")"
else
	ok "kernel-hazard.elf --interlock-loads: the correct output and image; lists the 1 hazard site"
fi
exit $fail

#!/bin/sh
# run-disk.sh: the testmips disk (sim --disk, --disk-snapshot) with
# build/tests/disk/disktest.elf.  Disk 0 is a 64 KiB image, disk 1 a
# 4 KiB one, of 512-byte text sectors "host disk D sector S" (then dots).
#   - write-through: the guest reads the host's sectors, writes sectors 5
#     and 6, reads them back; on the host, sectors 5 and 6 of disk 0 are
#     the guest's text and every other byte of both images is unchanged;
#   - --disk-snapshot: the same console output, both images untouched;
#   - the same inputs give the same cycle count; each operation costs
#     DISK_OP_USEC of virtual time;
#   - gxemul -E testmips -d: the same console output (its "[ ... ]"
#     diagnostics dropped) and the same image.
# Prints one line per case; exits 1 if any fails.
cd "$(dirname "$0")/.." || exit 1

ELF=build/tests/disk/disktest.elf
for need in ./sim "$ELF"; do
	if [ ! -f "$need" ]; then
		echo "run-disk.sh: FAIL: $need is missing; run make first" >&2
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
# image FILE DISK NSECTORS
image() {
	s=0
	while [ $s -lt "$3" ]; do
		sector "host disk $2 sector $s"
		s=$((s + 1))
	done >"$1"
}
image "$tmp/d0.orig" 0 128
image "$tmp/d1.orig" 1 8
# The host's view of disk 0 after the guest's writes.
{
	head -c $((5 * 512)) "$tmp/d0.orig"
	sector "guest sector 5"
	sector "guest sector 6"
	tail -c +$((7 * 512 + 1)) "$tmp/d0.orig"
} >"$tmp/d0.want"
cat >"$tmp/out.want" <<'EOF'
disk 0 sector 1: host disk 0 sector 1
disk 0 sector 2: host disk 0 sector 2
disk 1 sector 3: host disk 1 sector 3
disk 0 sector 5: guest sector 5
disk 0 sector 6: guest sector 6
disk 0 sector 7: host disk 0 sector 7
disk test done
EOF

fresh() { cp "$tmp/d0.orig" "$tmp/d0.img" && cp "$tmp/d1.orig" "$tmp/d1.img"; }

# Write-through.
fresh
./sim --stats --disk "$tmp/d0.img" --disk 1:"$tmp/d1.img" "$ELF" >"$tmp/out" 2>"$tmp/err"
st=$?
if [ $st -ne 0 ] || ! cmp -s "$tmp/out" "$tmp/out.want"; then
	bad "write-through: status $st, output: $(head -c 300 "$tmp/out")"
elif ! cmp -s "$tmp/d0.img" "$tmp/d0.want"; then
	bad "write-through: disk 0 is not the host's sectors with the guest's 5 and 6"
elif ! cmp -s "$tmp/d1.img" "$tmp/d1.orig"; then
	bad "write-through: disk 1 (a bystander) changed"
else
	ok "write-through: guest reads host sectors, host reads guest sectors 5 and 6"
fi
cyc1=$(awk '$1 == "cycles" { print $2 }' "$tmp/err")

# Copy-on-write overlay: the same run, the files untouched.
fresh
./sim --stats --disk-snapshot --disk "$tmp/d0.img" --disk "$tmp/d1.img" "$ELF" \
	>"$tmp/out" 2>"$tmp/err"
st=$?
if [ $st -ne 0 ] || ! cmp -s "$tmp/out" "$tmp/out.want"; then
	bad "--disk-snapshot: status $st, output: $(head -c 300 "$tmp/out")"
elif ! cmp -s "$tmp/d0.img" "$tmp/d0.orig" || ! cmp -s "$tmp/d1.img" "$tmp/d1.orig"; then
	bad "--disk-snapshot: an image file changed"
else
	ok "--disk-snapshot: guest reads back its writes, images untouched"
fi
cyc2=$(awk '$1 == "cycles" { print $2 }' "$tmp/err")

# Determinism, and the latency: 10 operations of DISK_OP_USEC (200 us)
# at 25 MHz are 50000 stall cycles.
if [ -z "$cyc1" ] || [ "$cyc1" != "$cyc2" ]; then
	bad "cycles differ between the two modes: $cyc1, $cyc2"
else
	ok "same cycles in both modes ($cyc1)"
fi
fresh
./sim --stats --machine ideal --disk-snapshot --disk "$tmp/d0.img" --disk "$tmp/d1.img" "$ELF" \
	>/dev/null 2>"$tmp/err"
cyc=$(awk '$1 == "cycles" { print $2 }' "$tmp/err")
ins=$(awk '$1 == "instructions" { print $2 }' "$tmp/err")
if [ -n "$cyc" ] && [ $((cyc - ins)) -eq 50000 ]; then
	ok "latency: 10 operations stall 50000 cycles (--machine ideal)"
else
	bad "latency: cycles $cyc - instructions $ins is not 50000"
fi

# gxemul's disk, if gxemul is there: same output, same image.
if command -v gxemul >/dev/null 2>&1 && command -v script >/dev/null 2>&1; then
	fresh
	timeout 30 script -qec "gxemul -E testmips -C R3000 -q -d '$tmp/d0.img' -d '$tmp/d1.img' '$ELF'" \
		/dev/null </dev/null >"$tmp/gx.raw" 2>&1
	tr -d '\r' <"$tmp/gx.raw" |
		grep -v -e '^GXemul [0-9]' -e '^Read the source code and/or documentation' -e '^\[ ' \
		>"$tmp/gx.out"
	if ! cmp -s "$tmp/gx.out" "$tmp/out.want"; then
		bad "gxemul: output differs: $(head -c 300 "$tmp/gx.out")"
	elif ! cmp -s "$tmp/d0.img" "$tmp/d0.want"; then
		bad "gxemul: disk 0 differs from ./sim's"
	else
		ok "gxemul -d: same output and image"
	fi
else
	bad "gxemul or script is not installed: no reference comparison"
fi
exit $fail

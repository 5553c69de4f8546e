#!/bin/sh
# run-badinput.sh: bad input must give a clear message and a defined
# exit status, never a crash.  Each case runs ./sim and checks the exit
# status (202 bad input, 200 cycle limit, 201 wedged) and that stderr
# names the problem.  The small guest programs are built here with the
# cross compiler.  Prints one line per case; exits 1 if any fails.
cd "$(dirname "$0")/.." || exit 1

TCC=mipsel-linux-gnu-gcc
TFLAGS="-msoft-float -mno-abicalls -fno-pic -G0 -nostdlib -static -no-pie
        -Wl,--build-id=none -T target/link.ld"
GOOD=build/tests/c/sort.elf

for need in ./sim "$GOOD"; do
	if [ ! -f "$need" ]; then
		echo "run-badinput.sh: FAIL: $need is missing; run make first" >&2
		exit 1
	fi
done
if ! command -v "$TCC" >/dev/null 2>&1; then
	echo "run-badinput.sh: FAIL: $TCC is needed to build the test guests" >&2
	exit 1
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0

# build NAME FLAGS SOURCE: assemble a one-file guest into $tmp/NAME.elf.
build() {
	printf '%b' "$3" >"$tmp/$1.S"
	# shellcheck disable=SC2086
	if ! $TCC $2 $TFLAGS -o "$tmp/$1.elf" "$tmp/$1.S" 2>"$tmp/$1.cc"; then
		echo "run-badinput.sh: FAIL: cannot build $1: $(cat "$tmp/$1.cc")" >&2
		exit 1
	fi
}

# expect NAME STATUS PATTERN ARGS...: ./sim ARGS must exit with STATUS
# and print something matching PATTERN (grep -E, case-insensitive).
expect() {
	name=$1 want=$2 pat=$3
	shift 3
	timeout 20 ./sim "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
	st=$?
	msg=$(head -n 1 "$tmp/err")
	if [ "$st" -ne "$want" ]; then
		echo "FAIL $name: exit status $st, want $want ($msg)"
		fail=1
	elif ! grep -Eqi -- "$pat" "$tmp/err"; then
		echo "FAIL $name: message does not match '$pat': $msg"
		fail=1
	else
		echo "ok   $name: $st: $msg"
	fi
}

IDLE='\t.set noreorder\n\t.globl _start\n_start:\n1:\tb 1b\n\tnop\n'
build idle "-march=r3000" "$IDLE"
build bigend "-EB -march=r3000" "$IDLE"
build mips32r2 "-march=mips32r2" "$IDLE"
# Boot leaves BEV set: a jump to a physical address with neither RAM nor
# a device faults (IBE) at 0xbfc00180, where there is no handler either.
build unmapped "-march=r3000" \
	'\t.set noreorder\n\t.globl _start\n_start:\n\tlui $8, 0xbe00\n\tjr $8\n\tnop\n'
# A BREAK whose handler (copied to the RAM vector 0x80000080) returns
# to it, with interrupts off: a storm nothing can end.
build storm "-march=r3000" \
	'\t.set noreorder\n\t.globl _start\n_start:\n\tmtc0 $0, $12\n\tla $8, h\n\tlui $9, 0x8000\n\tli $10, 4\n1:\tlw $11, 0($8)\n\taddiu $8, $8, 4\n\tsw $11, 0x80($9)\n\taddiu $10, $10, -1\n\tbnez $10, 1b\n\taddiu $9, $9, 4\n\tbreak\nh:\tmfc0 $26, $14\n\tnop\n\tjr $26\n\trfe\n'

head -c 100 "$GOOD" >"$tmp/trunc-headers.elf"
head -c 2000 "$GOOD" >"$tmp/trunc-segment.elf"
: >"$tmp/empty.elf"
printf 'this is a text file\n' >"$tmp/text.elf"

expect truncated-headers 202 'truncated|corrupt' "$tmp/trunc-headers.elf"
expect truncated-segment 202 'truncated' "$tmp/trunc-segment.elf"
expect big-endian 202 'big-endian' "$tmp/bigend.elf"
expect x86-elf 202 'x86' /bin/true
expect mips32r2-elf 202 'not MIPS I' "$tmp/mips32r2.elf"
expect directory 202 'directory' "$tmp"
expect missing-file 202 'cannot open.*No such file' "$tmp/no-such.elf"
expect empty-file 202 'not an ELF' "$tmp/empty.elf"
expect text-file 202 'not an ELF' "$tmp/text.elf"
expect mem-zero 202 '--mem 0:.*1M\.\.256M' --mem 0 "$GOOD"
expect mem-5G 202 '--mem 5G:.*1M\.\.256M' --mem 5G "$GOOD"
# RAM above 256M would overlap the devices at physical 0x10000000.
expect mem-512M 202 '--mem 512M:.*1M\.\.256M.*0x10000000' --mem 512M "$GOOD"
expect mem-256M+4K 202 '--mem 262148K:.*1M\.\.256M' --mem 262148K "$GOOD"
expect mem-3M+1 202 '--mem 3145729:.*4K' --mem 3145729 "$GOOD"
expect mem-3M+1-expr 202 "--mem: '3M\+1' is not a size" --mem 3M+1 "$GOOD"
expect mem-abc 202 "--mem: 'abc' is not a size" --mem abc "$GOOD"
expect max-cycles-abc 202 "--max-cycles: 'abc'" --max-cycles abc "$GOOD"
expect seed-abc 202 "--seed: 'abc' is not a 64-bit number" --seed abc "$GOOD"
expect seed-negative 202 "--seed: '-1' is not a 64-bit number" --seed -1 "$GOOD"
expect seed-plus 202 "--seed: '\\+5' is not a 64-bit number" --seed +5 "$GOOD"
expect seed-empty 202 "--seed: '' is not a 64-bit number" --seed '' "$GOOD"
expect seed-junk 202 "--seed: '12z' is not a 64-bit number" --seed 12z "$GOOD"
expect seed-2^64 202 "--seed: '18446744073709551616' is not" --seed 18446744073709551616 "$GOOD"
expect seed-hex-2^64 202 "--seed: '0x10000000000000000' is not" --seed 0x10000000000000000 "$GOOD"
expect seed-hex-empty 202 "--seed: '0x' is not a 64-bit number" --seed 0x "$GOOD"
expect seed-missing 202 "incomplete option '--seed'" --seed
expect seed-max-accepted 200 'cycle limit of 1000' --seed 0xffffffffffffffff --max-cycles 1000 "$GOOD"
expect seed-dec-max-accepted 200 'cycle limit of 1000' --seed 18446744073709551615 --max-cycles 1000 "$GOOD"
expect unknown-option 202 "unknown .*option '--frobnicate'" --frobnicate "$GOOD"
expect unknown-short-option 202 "unknown .*option '-x'" -x "$GOOD"
expect no-kernel 202 'no kernel' --stats
expect module-missing 202 'no-such-module.*cannot open' "$GOOD" "$tmp/no-such-module"
expect cycle-limit 200 'cycle limit of 1000 reached' --max-cycles 1000 "$GOOD"
head -c 1000 /dev/zero >"$tmp/odd.img"
: >"$tmp/empty.img"
head -c 4096 /dev/zero >"$tmp/ok.img"
cp "$tmp/ok.img" "$tmp/noread.img" && chmod 000 "$tmp/noread.img"
expect disk-missing 202 "disk 0: cannot open '.*no-such.img': No such file" --disk "$tmp/no-such.img" "$GOOD"
expect disk-odd-size 202 "disk 1: .* is 1000 bytes, not a positive multiple of 512" \
	--disk "$tmp/ok.img" --disk "$tmp/odd.img" "$GOOD"
expect disk-empty 202 'disk 3: .* is 0 bytes' --disk 3:"$tmp/empty.img" "$GOOD"
expect disk-directory 202 'disk 0: .*(Is a directory|not a regular file)' --disk "$tmp" "$GOOD"
if [ "$(id -u)" -ne 0 ]; then
	expect disk-unreadable 202 'disk 0: cannot open .*Permission denied' --disk "$tmp/noread.img" "$GOOD"
fi
expect disk-id-twice 202 '--disk: disk id 2 is given twice' \
	--disk 2:"$tmp/ok.img" --disk 2:"$tmp/ok.img" "$GOOD"
expect disk-no-file 202 '--disk: no image file' --disk 4: "$GOOD"
expect disk-ok 200 'cycle limit of 1000' --disk "$tmp/ok.img" --max-cycles 1000 "$GOOD"
expect wedged-unmapped 201 'wedged.*IBE.*0xbfc00180' "$tmp/unmapped.elf"
# An ELF with no symbols at all is good input (symtab.c, no qsort of NULL).
mipsel-linux-gnu-strip -o "$tmp/stripped.elf" "$GOOD"
expect no-symbols 200 'cycle limit of 1000 reached' --max-cycles 1000 "$tmp/stripped.elf"
expect wedged-storm 201 'exception storm: Bp.*no interrupt that can end it' "$tmp/storm.elf"
expect wedged-idle 201 'wedged.*idle loop' "$tmp/idle.elf"
# An exception handler that returns through the register it has just
# loaded: on the R3000 `jr k0` jumps to the old k0 (%hi of saved, the
# start of the program), which takes the same exception again.  The
# wedge message names the hazard; --interlock-loads runs it and lists it.
build hazard_wedge "-march=r3000" '\t.set noreorder\n\t.globl _start\n_start:\n
\tmtc0 $zero, $12\n\tla $t0, handler\n\tli $t1, 0x80000080\n\tli $t2, 4\n
1:\tlw $t3, 0($t0)\n\tnop\n\tsw $t3, 0($t1)\n\taddiu $t0, $t0, 4\n\taddiu $t2, $t2, -1\n
\tbnez $t2, 1b\n\taddiu $t1, $t1, 4\n\tla $t0, saved\n\tla $t1, after\n\tsw $t1, 0($t0)\n
\tsyscall\n\tnop\nafter:\tli $t0, 0xb0000010\n\tsb $zero, 0($t0)\n2:\tb 2b\n\tnop\n
handler:\tlui $k0, %hi(saved)\n\tlw $k0, %lo(saved)($k0)\n\tjr $k0\n\trfe\n
\t.data\n\t.balign 4\nsaved:\t.word 0\n'
expect hazard-wedge 201 '`jr \$k0` used the result of `lw \$k0.*--interlock-loads' \
	--machine ideal --wedge-limit 100 "$tmp/hazard_wedge.elf"
expect hazard-interlocked 0 'relied on 1 load-delay hazard site.*' \
	--machine ideal --interlock-loads "$tmp/hazard_wedge.elf"
exit $fail

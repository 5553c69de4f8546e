/*
 * arith.c: integer arithmetic on the R3000: 32-bit multiply, divide and
 * shifts, and the 64-bit operations GCC leaves to target/libgcc.c
 * (division, remainder, shifts, multiply, compares).  Prints every
 * result; the gxemul comparison checks them against real MIPS semantics.
 */
#include "rt.h"

/* volatile: keep GCC from folding the operations at compile time. */
static volatile int32_t s32[] = { 0, 1, -1, 7, -7, 1000003, -2147483647 - 1, 2147483647 };
static volatile uint64_t u64[] = {
	0, 1, 3, 0xffffffffull, 0x100000000ull, 0x123456789abcdefull,
	0xfedcba9876543210ull, 0xffffffffffffffffull,
};

static void ops32(void)
{
	uint32_t sum = 0;

	for (int i = 0; i < 8; i++)
		for (int j = 0; j < 8; j++) {
			int32_t a = s32[i], b = s32[j];
			uint32_t ua = (uint32_t)a, ub = (uint32_t)b;
			int64_t p = (int64_t)a * b;
			sum = sum * 31 + ua * ub;
			sum = sum * 31 + (uint32_t)(p >> 32);
			if (b != 0 && !(a == -2147483647 - 1 && b == -1)) {
				sum = sum * 31 + (uint32_t)(a / b);
				sum = sum * 31 + (uint32_t)(a % b);
				sum = sum * 31 + ua / ub + ua % ub;
			}
			sum = sum * 31 + (ua << (j * 4)) + (uint32_t)(a >> (j * 4)) + (ua >> (j * 4));
		}
	printf("32-bit checksum %08x\n", sum);
	printf("7/-2=%d 7%%-2=%d -7/2=%d -7%%2=%d\n", s32[3] / -2, s32[3] % -2,
	       s32[4] / 2, s32[4] % 2);
	printf("0xffffffff/3=%u mulhi=%08x\n", (uint32_t)s32[2] / 3u,
	       (uint32_t)(((uint64_t)(uint32_t)s32[2] * 0xfffffffdu) >> 32));
}

static void ops64(void)
{
	for (int i = 0; i < 8; i++) {
		uint64_t a = u64[i];
		uint64_t b = u64[(i + 3) % 8] | 1;
		int64_t sa = (int64_t)a, sb = (int64_t)(b ^ 0x8000000000000000ull);
		printf("%d: %llx / %llx = %llx r %llx\n", i, a, b, a / b, a % b);
		printf("   signed %lld / %lld = %lld r %lld\n", sa, sb, sa / sb, sa % sb);
		printf("   shl %llx shr %llx sar %llx mul %llx\n", a << (i * 9),
		       a >> (i * 9), (uint64_t)(sa >> (i * 9)), a * b);
		printf("   cmp %d %d\n", sa < sb, a < b);
	}
	printf("10^18/7 = %llu\n", 1000000000000000000ull / (uint64_t)s32[3]);
	printf("-10^18/7 = %lld\n", -1000000000000000000ll / (int64_t)s32[3]);
}

int main(void)
{
	ops32();
	ops64();
	puts("arith done");
	return 0;
}

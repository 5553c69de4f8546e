/*
 * libgcc.c: the helpers GCC calls for 64-bit arithmetic on a 32-bit
 * MIPS.  Debian's libgcc.a for mipsel is built for MIPS32R2 with
 * abicalls and would raise RI on an R3000, so R3000 code links these
 * instead.  Division is shift-and-subtract: no helper may itself need
 * a 64-bit division.
 */
#include <stdint.h>

typedef long long di;
typedef unsigned long long udi;

udi __udivmoddi4(udi n, udi d, udi *rem);
udi __udivdi3(udi n, udi d);
udi __umoddi3(udi n, udi d);
di __divdi3(di n, di d);
di __moddi3(di n, di d);
di __ashldi3(di a, int b);
di __ashrdi3(di a, int b);
udi __lshrdi3(udi a, int b);
di __muldi3(di a, di b);
int __cmpdi2(di a, di b);
int __ucmpdi2(udi a, udi b);

/* Division by zero gives all ones and the dividend as remainder, like
 * the R3000's DIVU. */
udi __udivmoddi4(udi n, udi d, udi *rem)
{
	udi q = 0, r = 0;

	if (d == 0) {
		if (rem)
			*rem = n;
		return ~0ull;
	}
	if ((d >> 32) == 0 && (n >> 32) == 0) {
		if (rem)
			*rem = (uint32_t)n % (uint32_t)d;
		return (uint32_t)n / (uint32_t)d;
	}
	for (int i = 63; i >= 0; i--) {
		r = (r << 1) | ((n >> i) & 1);
		if (r >= d) {
			r -= d;
			q |= 1ull << i;
		}
	}
	if (rem)
		*rem = r;
	return q;
}

udi __udivdi3(udi n, udi d)
{
	return __udivmoddi4(n, d, 0);
}

udi __umoddi3(udi n, udi d)
{
	udi r;

	__udivmoddi4(n, d, &r);
	return r;
}

di __divdi3(di n, di d)
{
	int neg = (n < 0) != (d < 0);
	udi q = __udivmoddi4(n < 0 ? -(udi)n : (udi)n, d < 0 ? -(udi)d : (udi)d, 0);

	return neg ? -(di)q : (di)q;
}

di __moddi3(di n, di d)
{
	udi r;

	__udivmoddi4(n < 0 ? -(udi)n : (udi)n, d < 0 ? -(udi)d : (udi)d, &r);
	return n < 0 ? -(di)r : (di)r;
}

di __ashldi3(di a, int b)
{
	uint32_t lo = (uint32_t)a, hi = (uint32_t)((udi)a >> 32);

	if (b == 0)
		return a;
	if (b >= 32) {
		hi = lo << (b - 32);
		lo = 0;
	} else {
		hi = (hi << b) | (lo >> (32 - b));
		lo <<= b;
	}
	return (di)(((udi)hi << 32) | lo);
}

udi __lshrdi3(udi a, int b)
{
	uint32_t lo = (uint32_t)a, hi = (uint32_t)(a >> 32);

	if (b == 0)
		return a;
	if (b >= 32) {
		lo = hi >> (b - 32);
		hi = 0;
	} else {
		lo = (lo >> b) | (hi << (32 - b));
		hi >>= b;
	}
	return ((udi)hi << 32) | lo;
}

di __ashrdi3(di a, int b)
{
	int32_t hi = (int32_t)((udi)a >> 32);
	uint32_t lo = (uint32_t)a;

	if (b == 0)
		return a;
	if (b >= 32) {
		lo = (uint32_t)(hi >> (b - 32));
		hi = hi >> 31;
	} else {
		lo = (lo >> b) | ((uint32_t)hi << (32 - b));
		hi >>= b;
	}
	return (di)(((udi)(uint32_t)hi << 32) | lo);
}

di __muldi3(di a, di b)
{
	uint32_t al = (uint32_t)a, ah = (uint32_t)((udi)a >> 32);
	uint32_t bl = (uint32_t)b, bh = (uint32_t)((udi)b >> 32);
	udi lo = (udi)al * bl;

	return (di)(lo + ((udi)(al * bh + ah * bl) << 32));
}

int __cmpdi2(di a, di b)
{
	return a < b ? 0 : a > b ? 2 : 1;
}

int __ucmpdi2(udi a, udi b)
{
	return a < b ? 0 : a > b ? 2 : 1;
}

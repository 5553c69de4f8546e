/*
 * printenv.c: a shell program: prints its environment, or the value
 * of the name it is given (exit 1 if unset).
 */
#include "exos.h"
#include "process.h"

int main(uint32_t arg, uint32_t self)
{
	struct exos_args *a = exos_args(arg);
	const char *v;
	char **e;

	if (!a)
		return 2;
	if (a->argc > 1) {
		v = exos_getenv(a->argv[1]);
		printf("%s=%s\n", a->argv[1], v ? v : "(unset)");
		return v == 0;
	}
	for (e = a->envp; *e; e++)
		printf("%s\n", *e);
	return 0;
}

/*
 * main.c: runs every unit-test suite; the exit status is 0 only when
 * all tests pass.  CK_FORK (the default) isolates each test in its own
 * process, so one crash is reported as a failure, not the end of the run.
 */
#include <stdlib.h>

#include "unit.h"

int main(void)
{
	Suite *(*const suites[])(void) = {
		alu_suite, branch_suite, loadstore_suite, muldiv_suite, cp0_suite,
		tlb_suite, exceptions_suite, snapshot_suite, loader_suite, devices_suite,
		robust_suite, disk_suite, disasm_suite, srcline_suite, hist_suite, ether_suite, fb_suite,
		silicon_suite,
	};
	SRunner *sr = srunner_create(NULL);
	int failed;

	for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++)
		srunner_add_suite(sr, suites[i]());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

# The kernel statistics page (SYS_KSTAT, exo/kstat.h): after a second
# slice, a child and a page it shows the environments, parents, slices,
# pages and the running slice; it is refreshed only by the call
# (workloads/kstat.c).
run: build/workloads/kstat.elf
status: 0
out: map: ok
out: version: ok
out: two environments: ok
out: self: ok
out: child: ok
out: two slices: ok
out: running: ok
out: pages: ok
out: not refreshed by itself: ok
out: refresh in place: ok
out: a page more: ok
out: child gone: ok
no: WRONG

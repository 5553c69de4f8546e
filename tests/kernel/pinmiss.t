# A guaranteed mapping whose STLB slot another environment's guaranteed
# mapping holds is refilled by the kernel from the pin list, never
# passed to the application: user loads at pcs with bit 3 clear and set
# (utlb_refill once read a stale register there, so bit 3 of the pc
# decided), and the kernel's own copy from the page (SYS_CPUTS).  The
# other environment's pinned page is intact (workloads/pinmiss.c).
run: build/workloads/pinmiss.elf
status: 0
out: user load, pc bit 3 clear: value ok, refilled by the kernel's pin path: yes
out: user load, pc bit 3 set: value ok, refilled by the kernel's pin path: yes
out: kernel read the displaced pinned page: ok
out: kernel copy from the displaced page: 42 ok
no: WRONG
no: segmentation fault

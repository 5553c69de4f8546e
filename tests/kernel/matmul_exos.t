# Table 9's 150x150 integer matrix multiply as an ExOS process, its
# matrices in pages mapped through exos's page table: the same checksum
# as the bare-metal workloads/matmul.c, and a @paper line.
run: build/workloads/matmul_exos.elf
status: 0
out: checksum da4bbd37
re: ^@paper T9 matmul [0-9]+$

# exoview (workloads/exoview.c): the kernel statistics page as text
# frames, while the application starts workers, takes more slices for
# itself, frees them and destroys the workers: the slice vector, the
# running slice (its own) and each environment's parent, slices and
# pages, exactly, at each step.
run: build/workloads/exoview.elf
status: 0
out: == at the start (refresh 1, 1 environments)
out: slices  a...............................................................
out: running ^ slice 0
out: == a worker more (refresh 2, 2 environments)
out: slices  ab..............................................................
out: running ^ slice 0
out: == a worker more (refresh 3, 3 environments)
out: slices  abca............................................................
out: running ^ slice 0
out: == a worker more (refresh 4, 4 environments)
out: slices  abcadaa.........................................................
out: running    ^ slice 3
out: == spare slices freed (refresh 5, 4 environments)
out: slices  abc.d...........................................................
out: running    ^ slice 3
out: == workers gone (refresh 6, 1 environments)
out: slices  a...............................................................
out: running ^ slice 0
no: WRONG

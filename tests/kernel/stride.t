# The application-level stride scheduler (exos/stride.h, Figure 3):
# three processes with 3, 2 and 1 tickets and no slices of their own,
# run by directed yields from the scheduler's slice; over 102 quanta
# (17 rounds of the 3:2:1 cycle) each gets its share of the quanta
# exactly and its share of the iterations within 2%.
run: build/workloads/stride.elf
status: 0
out: stride: proc1 (3 tickets) ran 51 quanta
out: stride: proc2 (2 tickets) ran 34 quanta
out: stride: proc3 (1 tickets) ran 17 quanta
re: ^stride: 102 quanta, [0-9]+ iterations, worst error 0\.[0-9]{2}%: within 2% of 3:2:1$
re: ^@series F3 proc1 102 [0-9]+$
re: ^@series F3 ideal3 102 [0-9]+$
no: WRONG

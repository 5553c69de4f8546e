/*
 * hash.c: a chained hash table with string keys: insert, look up,
 * update, delete, and a walk over all entries.
 */
#include "rt.h"

#define NBUCKET 64
#define NENTRY 600

struct entry {
	char key[16];
	int value;
	struct entry *next;
};

static struct entry pool[NENTRY];
static int used;
static struct entry *bucket[NBUCKET];

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (uint8_t)*s++) * 16777619u;
	return h;
}

static struct entry **find(const char *key)
{
	struct entry **e = &bucket[hash(key) % NBUCKET];

	while (*e && strcmp((*e)->key, key) != 0)
		e = &(*e)->next;
	return e;
}

static void put(const char *key, int value)
{
	struct entry **e = find(key);

	if (!*e) {
		*e = &pool[used++];
		memcpy((*e)->key, key, strlen(key) + 1);
		(*e)->next = 0;
	}
	(*e)->value = value;
}

static void del(const char *key)
{
	struct entry **e = find(key);

	if (*e)
		*e = (*e)->next;
}

int main(void)
{
	char key[16];
	int found = 0, total = 0, longest = 0;
	uint32_t sum = 0;

	for (int i = 0; i < 500; i++) {
		snprintf(key, sizeof key, "k%d", i * 37 % 1000);
		put(key, i);
	}
	for (int i = 0; i < 500; i += 3) {
		snprintf(key, sizeof key, "k%d", i * 37 % 1000);
		put(key, -i);
	}
	for (int i = 0; i < 500; i += 5) {
		snprintf(key, sizeof key, "k%d", i * 37 % 1000);
		del(key);
	}
	for (int i = 0; i < 1000; i++) {
		struct entry *e;
		snprintf(key, sizeof key, "k%d", i);
		e = *find(key);
		if (e) {
			found++;
			sum = sum * 31 + (uint32_t)e->value;
		}
	}
	for (int b = 0; b < NBUCKET; b++) {
		int n = 0;
		for (struct entry *e = bucket[b]; e; e = e->next)
			n++;
		total += n;
		if (n > longest)
			longest = n;
	}
	printf("found %d of 1000, %d in table, longest chain %d, checksum %08x\n",
	       found, total, longest, sum);
	return found == total ? 0 : 1;
}

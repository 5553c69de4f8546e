/*
 * malloc.c: the heap (libc.h).  Memory comes from the kernel a page at
 * a time (SYS_PAGE_ALLOC) and is entered in exos's page table at the
 * heap's end (exos_map), so the TLB-miss handler binds it on first
 * touch.  The heap only grows: freed blocks are reused, pages are not
 * given back.
 *
 * Layout: every block is a multiple of 8 bytes with its size and a
 * used bit in a header word and the same in a footer word, so a block
 * finds both neighbours (boundary tags) and free neighbours merge.
 * Payloads are 8-byte aligned: headers sit at 8k + 4.  The heap starts
 * with a pad word and an empty used block (the prologue) and ends with
 * a used header of size 0 (the epilogue), so the merge needs no bounds
 * tests.  A free block holds the free list's links in its payload.
 */
#include "libc/libc.h"

#define USED      1u
#define MIN_BLOCK 16u             /* header, two links, footer */
#define GROW_MIN  (4 * PAGE_SIZE) /* pages taken at a time, at least */

struct fblock { uint32_t hdr; struct fblock *next, *prev; };

static uint32_t heap_end;         /* first address past the heap, 0: not yet made */
static uint32_t heap_pages;
static struct fblock free_head = { 0, &free_head, &free_head };

static uint32_t bsize(const struct fblock *b) { return b->hdr & ~7u; }
static uint32_t *footer(struct fblock *b) { return (uint32_t *)((char *)b + bsize(b) - 4); }
static struct fblock *after(struct fblock *b) { return (struct fblock *)((char *)b + bsize(b)); }
static struct fblock *before(struct fblock *b)
{
	return (struct fblock *)((char *)b - (((uint32_t *)b)[-1] & ~7u));
}

static void mark(struct fblock *b, uint32_t size, uint32_t used)
{
	b->hdr = size | used;
	*footer(b) = size | used;
}

static void list_add(struct fblock *b)
{
	b->next = free_head.next;
	b->prev = &free_head;
	free_head.next->prev = b;
	free_head.next = b;
}

static void list_del(struct fblock *b)
{
	b->prev->next = b->next;
	b->next->prev = b->prev;
}

/* Free block b: merged with its free neighbours and put on the list. */
static void release(struct fblock *b)
{
	uint32_t size = bsize(b);
	struct fblock *n = after(b);

	if (!(n->hdr & USED)) {
		list_del(n);
		size += bsize(n);
	}
	if (!(((uint32_t *)b)[-1] & USED)) {
		b = before(b);
		list_del(b);
		size += bsize(b);
	}
	mark(b, size, 0);
	list_add(b);
}

/* Map npages more pages at the heap's end; 0 or -E_*. */
static int map_pages(uint32_t npages)
{
	uint32_t cap, i;
	int p, r;

	if (heap_end - EXOS_HEAP_BASE + npages * PAGE_SIZE > EXOS_HEAP_MAX)
		return -E_NOMEM;
	for (i = 0; i < npages; i++) {
		if ((p = sys_page_alloc(-1, &cap)) < 0)
			return p;
		if ((r = exos_map(heap_end, p, cap, 1)) < 0) {
			sys_page_free(p, cap);
			return r;
		}
		heap_end += PAGE_SIZE;
		heap_pages++;
	}
	return 0;
}

/* Grow the heap by at least n bytes: a free block at its end. */
static int grow(uint32_t n)
{
	uint32_t old = heap_end, pages = (n + PAGE_SIZE - 1) / PAGE_SIZE;
	int r;

	if (pages * PAGE_SIZE < GROW_MIN)
		pages = GROW_MIN / PAGE_SIZE;
	if (heap_end == 0) {
		heap_end = old = EXOS_HEAP_BASE;
		r = map_pages(pages);
		if (heap_end == old) {         /* not one page: no heap yet */
			heap_end = 0;
			return r < 0 ? r : -E_NOMEM;
		}
		/* pad word, prologue (8 bytes, used), first block, epilogue */
		mark((struct fblock *)(old + 4), 8, USED);
		mark((struct fblock *)(old + 12), heap_end - old - 16, USED);
	} else {
		r = map_pages(pages);
		if (heap_end == old)
			return r < 0 ? r : -E_NOMEM;
		/* the old epilogue heads the new block */
		mark((struct fblock *)(old - 4), heap_end - old, USED);
	}
	*(uint32_t *)(heap_end - 4) = USED;                /* the epilogue */
	release((struct fblock *)(old == EXOS_HEAP_BASE ? old + 12 : old - 4));
	return 0;
}

/* Take size bytes from free block b (on the list); returns the payload. */
static void *carve(struct fblock *b, uint32_t size)
{
	uint32_t have = bsize(b);

	list_del(b);
	if (have - size >= MIN_BLOCK) {
		mark(b, size, USED);
		mark(after(b), have - size, 0);
		list_add(after(b));
	} else {
		mark(b, have, USED);
	}
	return (char *)b + 4;
}

static uint32_t block_size(size_t n)
{
	uint32_t size = (n + 8 + 7) & ~7u;

	return size < MIN_BLOCK ? MIN_BLOCK : size;
}

void *malloc(size_t n)
{
	struct fblock *b;
	uint32_t size;

	if (n == 0 || n > EXOS_HEAP_MAX)
		return 0;
	size = block_size(n);
	for (;;) {
		for (b = free_head.next; b != &free_head; b = b->next)
			if (bsize(b) >= size)
				return carve(b, size);
		if (grow(size) < 0)
			return 0;
	}
}

/* The block of payload p, or a stop with a message if p is not a live one. */
static struct fblock *live_block(void *p, const char *who)
{
	uint32_t a = (uint32_t)p;
	struct fblock *b = (struct fblock *)(a - 4);

	if (heap_end == 0 || a < EXOS_HEAP_BASE + 16 || a >= heap_end || (a & 7)
	    || !(b->hdr & USED) || bsize(b) < MIN_BLOCK || bsize(b) > heap_end - a
	    || *footer(b) != b->hdr) {
		printf("exos: %s of %x, not a block malloc gave (or freed already)\n", who,
		       (unsigned)a);
		exit(EXOS_HEAP_CORRUPT);
	}
	return b;
}

void free(void *p)
{
	if (p)
		release(live_block(p, "free"));
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > EXOS_HEAP_MAX / size)
		return 0;
	if ((p = malloc(n * size)))
		memset(p, 0, n * size);
	return p;
}

void *realloc(void *p, size_t n)
{
	struct fblock *b, *nx;
	uint32_t size, have;
	void *q;

	if (!p)
		return malloc(n);
	b = live_block(p, "realloc");
	if (n == 0) {
		release(b);
		return 0;
	}
	if (n > EXOS_HEAP_MAX)
		return 0;
	size = block_size(n);
	have = bsize(b);
	nx = after(b);
	if (have < size && !(nx->hdr & USED) && have + bsize(nx) >= size) {
		list_del(nx);                  /* grow into the free block after it */
		have += bsize(nx);
		mark(b, have, USED);
	}
	if (have >= size) {
		if (have - size >= MIN_BLOCK) {
			mark(b, size, USED);
			mark(after(b), have - size, USED);
			release(after(b));
		}
		return p;
	}
	if (!(q = malloc(n)))
		return 0;
	memcpy(q, p, have - 8);
	release(b);
	return q;
}

void exos_heap_stats(struct exos_heap_stats *s)
{
	struct fblock *b;

	memset(s, 0, sizeof *s);
	s->pages = heap_pages;
	for (b = free_head.next; b != &free_head; b = b->next) {
		s->free_bytes += bsize(b);
		s->free_blocks++;
		if (bsize(b) > s->largest)
			s->largest = bsize(b);
	}
	s->used = heap_pages * PAGE_SIZE - s->free_bytes;
}

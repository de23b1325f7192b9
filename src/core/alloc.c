/* Aligned allocation through the user-replaceable hooks. */
#include "core.h"

#include <stdlib.h>

static void *default_alloc(size_t size, size_t align, void *ctx) {
    (void)ctx;
    if (align <= 16) return malloc(size ? size : 1); /* malloc's own alignment */
    void *p = NULL;
    if (posix_memalign(&p, align, size ? size : 1) != 0) return NULL;
    return p;
}

static void default_free(void *p, void *ctx) {
    (void)ctx;
    free(p);
}

/* Each block records the hooks that made it, so changing the hooks later
 * never frees memory with the wrong function. The record sits just before
 * the returned pointer. Blocks are aligned here, from a 16-byte-aligned
 * request, because aligned requests are slow in most mallocs. */
typedef struct block_header {
    void (*free)(void *ptr, void *ctx);
    void *ctx;
    void *base;
} block_header;
#define HOOK_ALIGN 16
#define HEADER_ROOM 32 /* sizeof(block_header) rounded up to HOOK_ALIGN */
_Static_assert(sizeof(block_header) <= HEADER_ROOM, "block header room");

static nd_allocator g_allocator = {default_alloc, default_free, NULL};

nd_status nd_set_allocator(const nd_allocator *allocator) {
    static const char fn[] = "nd_set_allocator";
    if (!allocator) {
        g_allocator = (nd_allocator){default_alloc, default_free, NULL};
        return ND_OK;
    }
    if (!allocator->alloc || !allocator->free)
        return nd__error(ND_ERR_NULL, fn, "alloc and free hooks must both be set");
    g_allocator = *allocator;
    return ND_OK;
}

void *nd__alloc(size_t size, size_t align) {
    if (align < 64) align = 64; /* every block is cache-line aligned */
    size_t total;
    if (__builtin_add_overflow(size, align + HEADER_ROOM - HOOK_ALIGN, &total)) return NULL;
    nd_allocator al = g_allocator;
    char *base = al.alloc(total, HOOK_ALIGN, al.ctx);
    if (!base) return NULL;
    uintptr_t p = ((uintptr_t)base + HEADER_ROOM + align - 1) & ~(uintptr_t)(align - 1);
    block_header *h = (block_header *)p - 1;
    h->free = al.free;
    h->ctx = al.ctx;
    h->base = base;
    return (void *)p;
}

void nd__dealloc(void *p) {
    if (!p) return;
    block_header *h = (block_header *)p - 1;
    h->free(h->base, h->ctx);
}

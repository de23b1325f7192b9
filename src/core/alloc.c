/* Aligned allocation through the user-replaceable hooks. */
#include "core.h"

#include <pthread.h>
#include <stdlib.h>
#ifdef __linux__
#include <sys/mman.h>
#include <unistd.h>
#endif

/* Under AddressSanitizer the slack after the requested size (the rounding
 * for alignment, up to 63 bytes) is poisoned, so that a small overrun past
 * the end of an array is reported, not hidden inside the block. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ND_ASAN 1
#endif
#endif
#if !defined(ND_ASAN) && defined(__SANITIZE_ADDRESS__)
#define ND_ASAN 1
#endif
#ifdef ND_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

/* Large blocks ask Linux for transparent huge pages (as NumPy does): first
 * touching a fresh 500 MB result otherwise costs a page fault per 4 KiB,
 * which measured slower than the reduction that fills it. */
#define HUGE_PAGE_MIN_BYTES (4u << 20)
static void advise_huge(void *p, size_t size) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (size < HUGE_PAGE_MIN_BYTES) return;
    long page = sysconf(_SC_PAGESIZE);
    if (page <= 0) return;
    uintptr_t lo = ((uintptr_t)p + (uintptr_t)page - 1) & ~((uintptr_t)page - 1);
    uintptr_t hi = ((uintptr_t)p + size) & ~((uintptr_t)page - 1);
    if (hi > lo) madvise((void *)lo, hi - lo, MADV_HUGEPAGE); /* advice only: failure is harmless */
#else
    (void)p;
    (void)size;
#endif
}

static void *default_alloc(size_t size, size_t align, void *ctx) {
    (void)ctx;
    void *p = NULL;
    if (align <= 16) p = malloc(size ? size : 1); /* malloc's own alignment */
    else if (posix_memalign(&p, align, size ? size : 1) != 0) return NULL;
    if (p) advise_huge(p, size);
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
    size_t total; /* the bytes allocated at base (to unpoison them under ASan) */
} block_header;
#define HOOK_ALIGN 16
#define HEADER_ROOM 32 /* sizeof(block_header) rounded up to HOOK_ALIGN */
_Static_assert(sizeof(block_header) <= HEADER_ROOM, "block header room");

/* The hooks are three words: they are read and replaced under g_hooks_lock,
 * so a thread allocating while another installs hooks gets the old set or
 * the new one, never a mix (an alloc with another hook's ctx). */
static nd_allocator g_allocator = {default_alloc, default_free, NULL};
static pthread_mutex_t g_hooks_lock = PTHREAD_MUTEX_INITIALIZER;

nd_status nd_set_allocator(const nd_allocator *allocator) {
    static const char fn[] = "nd_set_allocator";
    nd_allocator al = {default_alloc, default_free, NULL};
    if (allocator) {
        if (!allocator->alloc || !allocator->free)
            return nd__error(ND_ERR_NULL, fn, "alloc and free hooks must both be set");
        al = *allocator;
    }
    pthread_mutex_lock(&g_hooks_lock);
    g_allocator = al;
    pthread_mutex_unlock(&g_hooks_lock);
    return ND_OK;
}

void *nd__alloc(size_t size, size_t align) {
    if (align < 64) align = 64; /* every block is cache-line aligned */
    size_t total;
    if (__builtin_add_overflow(size, align + HEADER_ROOM - HOOK_ALIGN, &total)) return NULL;
    pthread_mutex_lock(&g_hooks_lock);
    nd_allocator al = g_allocator;
    pthread_mutex_unlock(&g_hooks_lock);
    char *base = al.alloc(total, HOOK_ALIGN, al.ctx);
    if (!base) return NULL;
    uintptr_t p = ((uintptr_t)base + HEADER_ROOM + align - 1) & ~(uintptr_t)(align - 1);
    block_header *h = (block_header *)p - 1;
    h->free = al.free;
    h->ctx = al.ctx;
    h->base = base;
    h->total = total;
    POISON((char *)p + size, (size_t)(base + total - ((char *)p + size)));
    return (void *)p;
}

void nd__dealloc(void *p) {
    if (!p) return;
    block_header *h = (block_header *)p - 1;
    UNPOISON(h->base, h->total);
    h->free(h->base, h->ctx);
}

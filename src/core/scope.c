/* Scopes: thread-local, nestable owners of the handles made while they are
 * active (include/nd/scope.h has the rules). Each handle a scope owns has a
 * slot in the scope's block list and points back at it, so registering,
 * freeing and keeping a handle are O(1) and no realloc ever moves a slot. */
#include "core.h"

/* A slot holds an owned handle, or (a == NULL) waits in the free list. */
typedef struct nd__slot {
    nd_array *a;
    struct nd__slot *next_free;
} nd__slot;

typedef struct slot_block {
    struct slot_block *next; /* the older blocks */
    size_t cap;
    nd__slot slots[];
} slot_block;

struct nd_scope {
    nd_scope *parent;
    slot_block *blocks; /* newest first; only the newest has unused slots */
    size_t used;        /* slots of the newest block handed out so far */
    nd__slot *free;     /* slots given back by nd_free and nd_keep */
};

/* Blocks double from FIRST_SLOTS up to MAX_SLOTS (1 MiB) each: a scope of
 * a few handles costs one small block, a loop of millions costs few. */
#define FIRST_SLOTS 32
#define MAX_SLOTS ((size_t)1 << 16)

/* The active scope of this thread; older open ones hang off its parent. */
static _Thread_local nd_scope *tl_top;

static nd__slot *take_slot(nd_scope *s) {
    if (s->free) {
        nd__slot *slot = s->free;
        s->free = slot->next_free;
        return slot;
    }
    if (!s->blocks || s->used == s->blocks->cap) {
        size_t cap = s->blocks ? s->blocks->cap * 2 : FIRST_SLOTS;
        if (cap > MAX_SLOTS) cap = MAX_SLOTS;
        slot_block *b = nd__alloc(sizeof *b + cap * sizeof(nd__slot), 64);
        if (!b) return NULL;
        b->next = s->blocks;
        b->cap = cap;
        s->blocks = b;
        s->used = 0;
    }
    return &s->blocks->slots[s->used++];
}

static void put(nd_scope *s, nd__slot *slot, nd_array *a) {
    slot->a = a;
    slot->next_free = NULL;
    a->scope = s;
    a->slot = slot;
}

void nd__scope_forget(nd_array *a) {
    nd_scope *s = a->scope;
    nd__slot *slot = a->slot;
    slot->a = NULL;
    slot->next_free = s->free;
    s->free = slot;
    a->scope = NULL;
    a->slot = NULL;
}

bool nd__scope_adopt(const char *fn, nd_array *a) {
    nd_scope *s = tl_top;
    if (!s) return true;
    nd__slot *slot = take_slot(s);
    if (!slot) {
        nd__error(ND_ERR_NOMEM, fn, "out of memory registering an array handle with the active scope");
        return false;
    }
    put(s, slot, a);
    return true;
}

nd_scope *nd_scope_begin(void) {
    nd_scope *s = nd__alloc(sizeof *s, 64);
    if (!s) {
        nd__error(ND_ERR_NOMEM, "nd_scope_begin", "out of memory allocating a scope");
        return NULL;
    }
    s->parent = tl_top;
    s->blocks = NULL;
    s->used = 0;
    s->free = NULL;
    tl_top = s;
    return s;
}

/* Ends the active scope. It leaves the stack first, so nothing made while
 * its handles are freed could land in it. */
static void end_top(void) {
    nd_scope *s = tl_top;
    tl_top = s->parent;
    for (slot_block *b = s->blocks, *next; b; b = next) {
        size_t n = b == s->blocks ? s->used : b->cap;
        for (size_t i = 0; i < n; i++) {
            nd_array *a = b->slots[i].a;
            if (!a) continue;
            a->scope = NULL; /* nd_free must not give the slot back */
            a->slot = NULL;
            nd_free(a);
        }
        next = b->next;
        nd__dealloc(b);
    }
    nd__dealloc(s);
}

void nd_scope_end(nd_scope *s) {
    /* compare addresses only: s may be stale or another thread's */
    nd_scope *p = tl_top;
    while (p && p != s) p = p->parent;
    if (!p || !s) return;
    while (tl_top != s) end_top();
    end_top();
}

nd_array *nd_scope_release(nd_array *a) {
    if (a && a->scope) nd__scope_forget(a);
    return a;
}

nd_array *nd_keep(nd_array *a) {
    if (!a || !a->scope) return a;
    nd_scope *parent = a->scope->parent;
    if (!parent) {
        nd__scope_forget(a);
        return a;
    }
    nd__slot *slot = take_slot(parent);
    if (!slot) {
        nd__error(ND_ERR_NOMEM, "nd_keep", "out of memory moving a handle to the parent scope");
        return NULL;
    }
    nd__scope_forget(a);
    put(parent, slot, a);
    return a;
}

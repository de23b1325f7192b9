/* The pointer-keyed hash map of the autodiff layer: a tape's index from
 * result handles to their operations, and the parameter registry. */
#include "autodiff/ad.h"

#include <stdlib.h>

static size_t slot_of(const void *key, size_t cap) {
    uint64_t h = (uint64_t)(uintptr_t)key;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL; /* a 64-bit finaliser: handles are 64-byte aligned */
    h ^= h >> 33;
    return (size_t)h & (cap - 1);
}

int64_t nd__ad_map_get(const nd__ad_map *m, const void *key) {
    if (!m->cap) return -1;
    for (size_t i = slot_of(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
        if (m->keys[i] == key) return m->vals[i];
        if (!m->keys[i]) return -1;
    }
}

static bool grow(nd__ad_map *m) {
    size_t cap = m->cap ? m->cap * 2 : 64;
    const void **keys = calloc(cap, sizeof *keys);
    int64_t *vals = malloc(cap * sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return false;
    }
    for (size_t j = 0; j < m->cap; j++) {
        if (!m->keys[j]) continue;
        size_t i = slot_of(m->keys[j], cap);
        while (keys[i]) i = (i + 1) & (cap - 1);
        keys[i] = m->keys[j];
        vals[i] = m->vals[j];
    }
    free(m->keys);
    free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
    return true;
}

bool nd__ad_map_put(nd__ad_map *m, const void *key, int64_t val) {
    /* at most half full, so probes stay short */
    if (2 * (m->len + 1) > m->cap && !grow(m)) return false;
    size_t i = slot_of(key, m->cap);
    while (m->keys[i] && m->keys[i] != key) i = (i + 1) & (m->cap - 1);
    if (!m->keys[i]) m->len++;
    m->keys[i] = key;
    m->vals[i] = val;
    return true;
}

void nd__ad_map_del(nd__ad_map *m, const void *key) {
    if (!m->cap) return;
    size_t mask = m->cap - 1, i = slot_of(key, m->cap);
    while (m->keys[i] != key) {
        if (!m->keys[i]) return;
        i = (i + 1) & mask;
    }
    /* shift back the entries of the run after i whose home is not after the hole */
    for (size_t j = (i + 1) & mask; m->keys[j]; j = (j + 1) & mask) {
        size_t home = slot_of(m->keys[j], m->cap);
        bool movable = i <= j ? (home <= i || home > j) : (home <= i && home > j);
        if (!movable) continue;
        m->keys[i] = m->keys[j];
        m->vals[i] = m->vals[j];
        i = j;
    }
    m->keys[i] = NULL;
    m->len--;
}

void nd__ad_map_clear(nd__ad_map *m) {
    for (size_t i = 0; i < m->cap; i++) m->keys[i] = NULL;
    m->len = 0;
}

void nd__ad_map_free(nd__ad_map *m) {
    free(m->keys);
    free(m->vals);
    *m = (nd__ad_map){0};
}

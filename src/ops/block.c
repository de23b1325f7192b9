/* Assembling arrays from blocks: np.block and np.column_stack. block reads
 * its nesting as list lengths level by level, works out every block's
 * shape from the innermost lists out (checking that neighbours fit), then
 * places every array at its offset in one result through the element-wise
 * engine, as NumPy's slicing path does. column_stack joins column views of
 * its inputs with nd_concatenate. */
#include "ops/manip_util.h"

#include <stdio.h>

/* ------------------------------------------------------------ block */

/* The tree of lists: node 0 is the outermost list; the nodes of level l are
 * first[l] .. first[l + 1] - 1, in order; level depth holds the arrays.
 * child[i] is the first child of node i (its children are consecutive),
 * nchild[i] their number. */
typedef struct tree {
    int depth, ndim;
    int64_t nodes;
    int64_t first[ND_MAX_DIMS + 2];
    int64_t *child, *nchild;
    int64_t *shape;  /* nodes x ndim lengths */
    int64_t *offset; /* nodes x ndim offsets in the result */
} tree;

static bool read_counts(const char *fn, int depth, const int *counts, int n, tree *t) {
    int64_t width = 1, at = 0; /* nodes on the current level; counts read */
    t->first[0] = 0;
    for (int l = 0; l < depth; l++) {
        int64_t next = 0;
        for (int64_t i = 0; i < width; i++) {
            int c = counts[at + i];
            if (c < 1) {
                nd__error(ND_ERR_VALUE, fn, "counts[%lld] is %d: a list cannot be empty", (long long)(at + i), c);
                return false;
            }
            next += c;
            if (next > INT32_MAX) {
                nd__error(ND_ERR_VALUE, fn, "the counts describe more than %d arrays", INT32_MAX);
                return false;
            }
        }
        at += width;
        t->first[l + 1] = t->first[l] + width;
        width = next;
    }
    if (width != n) {
        nd__error(ND_ERR_VALUE, fn, "the counts describe %lld arrays, but n is %d", (long long)width, n);
        return false;
    }
    t->first[depth + 1] = t->first[depth] + n;
    t->nodes = t->first[depth + 1];
    return true;
}

static void link_children(const int *counts, tree *t) {
    for (int64_t i = 0, next = 1; i < t->nodes; i++) {
        bool leaf = i >= t->first[t->depth];
        t->nchild[i] = leaf ? 0 : counts[i];
        t->child[i] = leaf ? -1 : next;
        next += t->nchild[i];
    }
}

/* The shape of every node, from the arrays up; node i of level l joins its
 * children along axis ndim - depth + l. */
static bool node_shapes(const char *fn, tree *t, const nd_array *const *arrays) {
    int nd = t->ndim;
    for (int64_t i = t->first[t->depth]; i < t->nodes; i++) {
        const nd_array *a = arrays[i - t->first[t->depth]];
        int64_t *s = t->shape + i * nd;
        for (int d = 0; d < nd; d++) s[d] = d < nd - a->ndim ? 1 : a->shape[d - (nd - a->ndim)];
    }
    for (int l = t->depth - 1; l >= 0; l--) {
        int ax = nd - t->depth + l;
        for (int64_t i = t->first[l]; i < t->first[l + 1]; i++) {
            int64_t *s = t->shape + i * nd;
            const int64_t *c0 = t->shape + t->child[i] * nd;
            memcpy(s, c0, sizeof(int64_t) * (size_t)nd);
            for (int64_t c = 1; c < t->nchild[i]; c++) {
                const int64_t *sc = t->shape + (t->child[i] + c) * nd;
                for (int d = 0; d < nd; d++) {
                    if (d == ax || sc[d] == s[d]) continue;
                    char s0[ND_SHAPE_STR_CAP], s1[ND_SHAPE_STR_CAP];
                    nd__error(ND_ERR_SHAPE, fn,
                              "mismatched array shapes in block along axis %d: item 0 of a list at depth %d has "
                              "shape %s and item %lld has shape %s",
                              ax, l, nd__shape_str(s0, sizeof s0, nd, c0), (long long)c,
                              nd__shape_str(s1, sizeof s1, nd, sc));
                    return false;
                }
                if (nd__add_overflow(s[ax], sc[ax], &s[ax])) {
                    nd__error(ND_ERR_OVERFLOW, fn, "the result's length along axis %d overflows", ax);
                    return false;
                }
            }
        }
    }
    return true;
}

static void node_offsets(tree *t) {
    int nd = t->ndim;
    memset(t->offset, 0, sizeof(int64_t) * (size_t)nd);
    for (int l = 0; l < t->depth; l++) {
        int ax = nd - t->depth + l;
        for (int64_t i = t->first[l]; i < t->first[l + 1]; i++) {
            int64_t along = t->offset[i * nd + ax];
            for (int64_t c = 0; c < t->nchild[i]; c++) {
                int64_t k = t->child[i] + c;
                memcpy(t->offset + k * nd, t->offset + i * nd, sizeof(int64_t) * (size_t)nd);
                t->offset[k * nd + ax] = along;
                along += t->shape[k * nd + ax];
            }
        }
    }
}

nd_array *nd_block(int depth, const int *counts, int n, const nd_array *const *arrays) {
    static const char fn[] = "nd_block";
    if (depth < 0 || depth > ND_MAX_DIMS) {
        nd__error(ND_ERR_VALUE, fn, "depth %d is out of range [0, %d]", depth, ND_MAX_DIMS);
        return NULL;
    }
    if (!counts && depth > 0) {
        nd__null_arg(fn, "counts");
        return NULL;
    }
    if (!arrays) {
        nd__null_arg(fn, "arrays");
        return NULL;
    }
    if (n < 1) {
        nd__error(ND_ERR_VALUE, fn, "need at least one array to block (n is %d)", n);
        return NULL;
    }
    if (!nd__check_arrays(fn, "arrays", n, arrays)) return NULL;
    tree t = {.depth = depth};
    if (!read_counts(fn, depth, counts, n, &t)) return NULL;
    /* every entry was checked above, so this cannot fail */
    nd_dtype dt = nd_result_type_n(n, arrays);
    t.ndim = depth;
    for (int i = 0; i < n; i++)
        if (arrays[i]->ndim > t.ndim) t.ndim = arrays[i]->ndim;
    int64_t per = t.ndim ? t.ndim : 1;
    int64_t *mem = nd__alloc(sizeof(int64_t) * (size_t)(t.nodes * (2 + 2 * per)), 64);
    if (!mem) {
        nd__error(ND_ERR_NOMEM, fn, "out of memory allocating the block tree of %lld nodes", (long long)t.nodes);
        return NULL;
    }
    t.child = mem;
    t.nchild = mem + t.nodes;
    t.shape = mem + 2 * t.nodes;
    t.offset = t.shape + t.nodes * per;
    link_children(counts, &t);
    nd_array *r = NULL;
    if (!node_shapes(fn, &t, arrays)) goto done;
    node_offsets(&t);
    r = nd__alloc_array(fn, t.ndim, t.shape, dt);
    if (!r) goto done;
    int64_t isz = (int64_t)nd__itemsize(dt);
    for (int64_t i = t.first[depth]; i < t.nodes && r->size > 0; i++) {
        const nd_array *a = arrays[i - t.first[depth]];
        if (a->size == 0) continue;
        const int64_t *s = t.shape + i * t.ndim, *o = t.offset + i * t.ndim;
        int64_t at = 0, ones[ND_MAX_DIMS];
        for (int d = 0; d < t.ndim; d++) at += o[d] * r->strides[d], ones[d] = 1;
        nd_array dst, src;
        nd__temp_view(&dst, r, r->data + at * isz, t.ndim, s, r->strides);
        /* a with leading length-1 axes (their strides are never used) */
        memcpy(ones + (t.ndim - a->ndim), a->strides, sizeof(int64_t) * (size_t)a->ndim);
        nd__temp_view(&src, a, a->data, t.ndim, s, ones);
        if (nd__assign(fn, &dst, &src) != ND_OK) {
            nd_free(r);
            r = NULL;
            break;
        }
    }
done:
    nd__dealloc(mem);
    return r;
}

/* ------------------------------------------------------------ column_stack */

nd_array *nd_column_stack(int n, const nd_array *const *arrays) {
    static const char fn[] = "nd_column_stack";
    if (!arrays) {
        nd__null_arg(fn, "arrays");
        return NULL;
    }
    if (n < 1) {
        nd__error(ND_ERR_VALUE, fn, "need at least one array to stack (n is %d)", n);
        return NULL;
    }
    if (!nd__check_arrays(fn, "arrays", n, arrays)) return NULL;
    /* 0-d and 1-D inputs as (N, 1) columns: views made here, not handles */
    nd_array *cols = nd__alloc(sizeof(nd_array) * (size_t)n, 64);
    const nd_array **in = nd__alloc(sizeof(nd_array *) * (size_t)n, 64);
    nd_array *r = NULL;
    if (!cols || !in) {
        nd__error(ND_ERR_NOMEM, fn, "out of memory allocating %d column views", n);
        goto done;
    }
    for (int i = 0; i < n; i++) {
        const nd_array *a = arrays[i];
        in[i] = a;
        if (a->ndim >= 2) continue;
        int64_t shape[2] = {a->ndim ? a->shape[0] : 1, 1};
        int64_t strides[2] = {a->ndim ? a->strides[0] : 1, 1};
        nd__temp_view(&cols[i], a, a->data, 2, shape, strides);
        in[i] = &cols[i];
    }
    r = nd_concatenate(n, in, 1);
    if (!r) nd__reraise(fn);
done:
    if (cols) nd__dealloc(cols);
    if (in) nd__dealloc(in);
    return r;
}

/* Private declarations of the autodiff layer: the pointer map, the tape's
 * record, the parameter registry and the rule table. Everything here is
 * built on the public API (nd.h) only. */
#ifndef ND_AD_H
#define ND_AD_H

#include "nd.h"

/* ---------------------------------------------------------------- pointer map */

/* Open addressing with linear probing over pointer keys (NULL = empty);
 * deletion shifts the following entries back, so no tombstones. */
typedef struct nd__ad_map {
    const void **keys;
    int64_t *vals;
    size_t cap; /* a power of two, or 0 */
    size_t len;
} nd__ad_map;

/* The value stored for key, or -1. */
int64_t nd__ad_map_get(const nd__ad_map *m, const void *key);
/* Inserts or replaces; false if memory ran out (the map is unchanged). */
bool nd__ad_map_put(nd__ad_map *m, const void *key, int64_t val);
void nd__ad_map_del(nd__ad_map *m, const void *key);
void nd__ad_map_clear(nd__ad_map *m); /* keeps the table */
void nd__ad_map_free(nd__ad_map *m);

/* ---------------------------------------------------------------- parameters */

/* A registered parameter. The registry and each tape that recorded it hold
 * a reference; released (nd_release_grad) entries leave the registry but
 * live until the last tape lets go. */
typedef struct nd__ad_param {
    const nd_array *key; /* the user's handle (never dereferenced once released) */
    nd_array *grad;      /* library-owned; NULL until a backward reached it */
    long refs;
    bool released;
} nd__ad_param;

/* The entry of a live parameter with a reference taken, or NULL. */
nd__ad_param *nd__ad_param_acquire(const nd_array *a);
void nd__ad_param_drop(nd__ad_param *p);
/* Whether any parameter is registered (a cheap test before a lookup). */
bool nd__ad_any_params(void);
/* Whether p has a gradient yet. */
bool nd__ad_param_has_grad(nd__ad_param *p);
/* Adds g (the parameter's shape and dtype) into p's gradient, or, if it
 * has none, makes fresh (a copy of g the caller made) its gradient; under
 * the registry's lock. Takes fresh in every case. */
nd_status nd__ad_param_accumulate(const char *fn, nd__ad_param *p, const nd_array *g, nd_array *fresh);

/* ---------------------------------------------------------------- record */

#define ND_AD_MAX_IN 3

/* Where an input comes from. */
enum { ND_AD_CONST = 0, ND_AD_VALUE, ND_AD_PARAM };

typedef struct nd__ad_node {
    nd_array *out;                 /* the result, owned by the tape */
    nd_array *grad;                /* d(loss)/d(out) during backward */
    const nd_array *in[ND_AD_MAX_IN]; /* what the rule reads (see tape.c) */
    int64_t src[ND_AD_MAX_IN];     /* the producing node, or the tape's parameter slot */
    uint64_t version[ND_AD_MAX_IN + 1]; /* of the saved inputs, then of out */
    void *params;                  /* the op's parameters (malloc), or NULL */
    uint8_t op;
    uint8_t kind[ND_AD_MAX_IN];
    uint8_t owned;                 /* bit k: in[k] is a view the node made */
    uint8_t needs;                 /* bit k: input k wants a gradient */
} nd__ad_node;

/* ---------------------------------------------------------------- rules */

/* The ops with a rule; the table in rules.c has one entry each. */
#define ND_AD_OPS(X)                                                                  \
    X(add) X(subtract) X(multiply) X(divide) X(power) X(maximum) X(minimum)            \
    X(negative) X(square) X(sqrt) X(exp) X(log) X(tanh) X(sigmoid) X(relu) X(abs)      \
    X(reciprocal) X(log1p) X(expm1) X(sin) X(cos)                                      \
    X(gelu) X(gelu_tanh) X(silu) X(softplus) X(leaky_relu) X(softmax) X(log_softmax)   \
    X(where) X(clip)                                                                   \
    X(sum) X(mean) X(max) X(min) X(var) X(std) X(logsumexp)                            \
    X(reshape) X(transpose) X(broadcast_to) X(expand_dims) X(squeeze) X(view)          \
    X(matmul)

typedef enum {
#define ND_AD_ENUM_(name) ND_AD_OP_##name,
    ND_AD_OPS(ND_AD_ENUM_)
#undef ND_AD_ENUM_
    ND_AD_NUM_OPS
} nd__ad_op;

/* A rule's view of one recorded operation during backward. */
typedef struct nd__ad_ctx {
    const nd_array *const *in; /* the inputs (NULL where neither saved nor needed) */
    const nd_array *out;       /* the result */
    const nd_array *g;         /* d(loss)/d(out), out's shape and dtype */
    const void *params;
    unsigned needs;            /* bit k: compute gin[k] */
} nd__ad_ctx;

/* Forward: the plain operation. Backward: gin[k] for each needed k, any
 * shape that broadcasts to input k's (the walk sums it back) and any float
 * dtype (the walk casts); the rule runs inside a scope, so its temporaries
 * need no freeing and a failed step gives NULL, reported through the
 * returned status. */
typedef nd_array *(*nd__ad_forward)(const nd_array *const *in, const void *params);
typedef nd_status (*nd__ad_backward)(const nd__ad_ctx *c, nd_array **gin);

/* What a rule saves: bit k input k, ND_AD_SAVE_OUT the result. Saved
 * arrays are kept alive and version-checked; others are only looked at for
 * their shape. */
#define ND_AD_SAVE_IN(k) (1u << (k))
#define ND_AD_SAVE_OUT (1u << 7)

typedef struct nd__ad_rule {
    const char *name; /* the public function, "nd_ad_add" */
    int nin;
    unsigned saves;
    unsigned diff;    /* bit k: input k is differentiable */
    nd__ad_forward forward;
    nd__ad_backward backward;
} nd__ad_rule;

extern const nd__ad_rule nd__ad_rules[ND_AD_NUM_OPS];

/* The backward functions, one per op, in rules_*.c. */
#define ND_AD_DECL_BW_(name) nd_status nd__ad_bw_##name(const nd__ad_ctx *c, nd_array **gin);
ND_AD_OPS(ND_AD_DECL_BW_)
#undef ND_AD_DECL_BW_

/* Runs op: the plain forward with t NULL, else forward and record. params
 * (params_size bytes) is copied into the record when the rule needs it. */
nd_array *nd__ad_run(nd_tape *t, nd__ad_op op, const nd_array *const *in, const void *params,
                     size_t params_size);

/* Parameters of the reductions and shape ops. */
typedef struct nd__ad_reduce_params {
    int naxes;
    int axes[ND_MAX_DIMS];
    bool keepdims;
    double ddof;
} nd__ad_reduce_params;

typedef struct nd__ad_shape_params {
    int ndim;            /* reshape, broadcast_to: the target; transpose: -1 for reversed */
    int axis;            /* expand_dims */
    int axes[ND_MAX_DIMS];
    int64_t shape[ND_MAX_DIMS];
} nd__ad_shape_params;

/* Helpers for rules (rules_util.c). */
/* g with the reduced axes of a reduction put back as length 1 (a view). */
nd_array *nd__ad_unreduce(const nd_array *g, int in_ndim, const nd__ad_reduce_params *p);
/* The number of elements a reduction over p combined (1 for none). */
int64_t nd__ad_reduced_count(const nd_array *a, const nd__ad_reduce_params *p);
/* A zero-cost new handle on the same elements (for passing g through). */
nd_array *nd__ad_alias(const nd_array *a);
/* where(mask, x, 0) with 0 in x's dtype. */
nd_array *nd__ad_mask(const nd_array *mask, const nd_array *x);

#endif

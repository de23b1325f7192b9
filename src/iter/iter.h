/* The element-wise engine: broadcasting, axis ordering, coalescing, tiled or
 * row-wise N-d walk, buffered casting and threads, around one inner loop. */
#ifndef ND_ITER_H
#define ND_ITER_H

#include "core/core.h"
#include "kernels/kernel.h"

/* Inputs plus one output. */
#define ND_MAX_OPERANDS 4

/* Runs loop over out's shape with the nin inputs broadcast to it. The loop
 * reads input k as in_loop[k] and writes out_loop; an operand whose dtype
 * differs is converted in small buffers on the fly. The caller has checked
 * that the inputs broadcast to out's shape and that out is writeable. Inputs
 * that overlap out other than exactly are copied first. */
nd_status nd__elementwise(const char *fn, nd_loop_fn loop, void *params, int nin,
                          const nd_array *const *in, const nd_dtype *in_loop, nd_array *out,
                          nd_dtype out_loop);

/* Checks that out can receive a result of shape (ndim, shape): writeable,
 * no stride-0 axis, and exactly that shape. */
bool nd__check_out(const char *fn, const nd_array *out, int ndim, const int64_t *shape);

/* The kernels of one reduction (see ND_REDUCE_OPS in kernels/kernel.h). */
typedef struct nd_reduce_kernels {
    nd_loop_fn loop;    /* folds the input, read as in_loop, into accumulators */
    nd_loop_fn combine; /* folds one accumulator into another (the op's loop
                         * on the accumulator dtype) */
    nd_fold_fn fold;    /* many rows at once (for in_loop), or NULL */
    bool pairwise;      /* loop sums a row pairwise (float sums): a row is
                         * then never split into columns */
} nd_reduce_kernels;

/* Folds a into acc with reduction kernels k: acc has a's ndim, length 1 on
 * the reduced axes and a's length elsewhere, holds op's identity, and is
 * C-contiguous memory of its own. a is read as dtype in_loop (converted on
 * the fly); identity is the accumulator's identity value. Float sums are
 * pairwise along every reduced axis (rows of fewer than 8 are summed in
 * order, as NumPy does); large work is split across threads. */
nd_status nd__reduce(const char *fn, const nd_reduce_kernels *k, const nd_array *a, nd_dtype in_loop,
                     nd_array *acc, const void *identity);

/* Calls row(ctx, p, n, step) over a's elements, rows along its memory-fastest
 * axis; p points at the row's first element, step is in bytes. For read-only
 * scans (any-negative checks and similar). Stops early if row returns false. */
typedef bool (*nd_row_visit)(void *ctx, const char *p, int64_t n, int64_t step);
void nd__visit_rows(const nd_array *a, nd_row_visit row, void *ctx);

#endif

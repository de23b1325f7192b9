/* The element-wise engine's internals, shared by the walkers in iter/
 * (element-wise in iter.c, reductions in reduce.c). Not for other layers. */
#ifndef ND_ENGINE_H
#define ND_ENGINE_H

#include "iter/iter.h"
#include "iter/threads.h"


typedef struct nd_engine {
    nd_loop_fn loop;
    void *params;
    int nop;                         /* inputs, then the output last */
    int ndim;
    int64_t shape[ND_MAX_DIMS];
    int64_t strides[ND_MAX_OPERANDS][ND_MAX_DIMS]; /* bytes */
    char *data[ND_MAX_OPERANDS];
    /* conversion on the way in (inputs) or out (output), NULL if none */
    nd_loop_fn cast[ND_MAX_OPERANDS];
    size_t loop_isz[ND_MAX_OPERANDS];
    size_t isz[ND_MAX_OPERANDS];     /* the arrays' own element sizes */
    bool any_cast;
    /* the walk: outer axes 0..nouter-1 then rows of inner_n along inner axis */
    int nouter;
    int64_t outer_shape[ND_MAX_DIMS];
    int64_t outer_strides[ND_MAX_OPERANDS][ND_MAX_DIMS];
    int64_t inner_n;
    int64_t inner_steps[ND_MAX_OPERANDS];
    /* tiling: the last outer axis counts tiles of tile_rows rows along an
     * axis of tile_len with row stride row_strides; rows are cut in pieces
     * of tile_cols, and inputs marked gather are copied into a row-major
     * block per piece, read along their own fast axis */
    bool tiled;
    int64_t tile_rows, tile_cols, tile_len;
    int64_t row_strides[ND_MAX_OPERANDS];
    bool gather[ND_MAX_OPERANDS]; /* inputs to gather into row-major blocks */
    int64_t block_bytes;          /* one gathered block, sized to the tile; 0: none */
} nd_engine;

/* Calls the loop on one row of n elements at ptrs with the given byte
 * steps, converting through buffers when an operand's dtype differs from
 * the loop's. */
void nd__engine_run_row(const nd_engine *e, char *const *ptrs, const int64_t *row_steps, int64_t n);
/* Orders axes outermost first by the output's stride (then the inputs'),
 * flips axes every operand walks backwards, drops length-1 axes and merges
 * axes that are contiguous with each other for every operand. */
void nd__engine_simplify(nd_engine *e);
/* Byte strides of a broadcast to an ndim-long shape (right-aligned);
 * length-1 and missing axes get 0. */
void nd__broadcast_strides(const nd_array *a, int ndim, int64_t *out);

#endif

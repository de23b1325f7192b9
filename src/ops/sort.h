/* Private interface between the public sorting functions (sort.c) and the
 * lane kernels (sort_kernels.c). A lane is the 1-D run of elements along the
 * sorted axis; the kernels sort one lane at a time through scratch memory
 * the caller allocates up front, so an in-place sort writes nothing before
 * every allocation has succeeded. */
#ifndef ND_OPS_SORT_H
#define ND_OPS_SORT_H

#include "core/core.h"

typedef enum nd__sort_op {
    ND__SORT,         /* values, sorted (nd_sort, nd_sort_inplace) */
    ND__ARGSORT,      /* int64 indices that sort the lane */
    ND__PARTITION,    /* values, kth element in place (np.partition) */
    ND__ARGPARTITION, /* indices of the same */
    ND__TOPK          /* the k smallest or largest, sorted: values and/or indices */
} nd__sort_op;

/* Sorts and argsorts of lanes this long with 32- or 64-bit elements are
 * split into buckets first, which nparts threads can share. */
#define ND__SORT_SPLIT_MIN (1 << 18)
/* The most threads one long lane is split over. */
#define ND__SORT_MAX_PARTS 64

/* What is done to every lane of one call. */
typedef struct nd__sort_plan {
    nd__sort_op op;
    nd_dtype dtype;
    int64_t n;       /* lane length, > 0 */
    int64_t k;       /* partition: kth in [0, n); topk: k in [1, n] */
    bool largest;    /* topk: the k largest, in descending order */
    bool inplace;    /* sort: dst is the source lane itself */
    bool dst_contig; /* value lanes of the output are contiguous */
    bool idx_contig; /* index lanes of the output are contiguous */
    int nparts;      /* threads one lane may use (1: this thread only) */
} nd__sort_plan;

/* One lane: where its elements are read and where results go. */
typedef struct nd__sort_lane {
    const char *src;
    int64_t src_step; /* bytes */
    char *dst;        /* values; NULL when not wanted */
    int64_t dst_step; /* bytes */
    int64_t *idx;     /* int64 indices; NULL when not wanted */
    int64_t idx_step; /* elements */
} nd__sort_lane;

/* Bytes of scratch one lane of plan needs (64-byte aligned), or SIZE_MAX
 * when that overflows. */
size_t nd__sort_scratch_size(const nd__sort_plan *plan);

/* Processes one lane. scratch holds nd__sort_scratch_size(plan) bytes,
 * 64-byte aligned, used by one lane at a time. A contiguous dst or idx of a
 * fresh output (not in place) also serves as scratch. Lanes long enough to
 * be split into buckets allocate bucket-sized temporaries themselves unless
 * in place; false means that allocation failed, before this lane's outputs
 * were written. */
bool nd__sort_one_lane(const nd__sort_plan *plan, const nd__sort_lane *lane, void *scratch);

#endif

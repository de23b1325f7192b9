/* A small persistent thread pool for splitting large loops. */
#ifndef ND_THREADS_H
#define ND_THREADS_H

#include "core/core.h"

/* Work below this many elements stays on the calling thread. */
#define ND_PARALLEL_MIN_ELEMS (1 << 16)
/* Each thread gets at least this many elements. */
#define ND_PARALLEL_CHUNK_ELEMS (1 << 15)

/* True when the thread count is the user's choice (ND_NUM_THREADS, or
 * nd_set_num_threads with n > 0), not the default. */
bool nd__threads_user_set(void);
/* The thread count in *n (as nd_get_num_threads), and whether it is the
 * user's choice (as nd__threads_user_set), read together. */
bool nd__threads_user_count(int *n);

typedef void (*nd_range_fn)(void *ctx, int64_t begin, int64_t end);
/* Runs fn(ctx, begin, end) over disjoint ranges covering [0, n), on up to
 * nd_get_num_threads() threads (the caller included), each range at least
 * min_chunk long. Runs on the calling thread alone when the pool is busy
 * with another caller's job, or the caller is itself a pool worker, so it
 * never deadlocks; several threads may call it at once. */
void nd__parallel_for(int64_t n, int64_t min_chunk, nd_range_fn fn, void *ctx);
/* How many ranges nd__parallel_for(n, min_chunk, ...) would cut [0, n)
 * into (1 when n > 0 is too small to split; it may still run them all as one
 * range when the pool is busy). */
int64_t nd__parallel_parts(int64_t n, int64_t min_chunk);

#endif

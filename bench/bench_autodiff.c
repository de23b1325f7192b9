/* The tape's cost (issue 12): a chain of 1000 element-wise operations on
 * 4-element float32 arrays, run with recording off (t NULL: the plain
 * operations, each result freed by the caller) and recorded on a tape
 * (made, recorded into and freed each time), timed in turns. Issue 12's
 * goal: recording adds at most 150 ns per operation. The figure depends on
 * the heap: in a process whose heap is warm (as here, after the other
 * groups) freed handles are reused; in a fresh small process glibc trims
 * the ~700 KB a tape frees back to the system and every step page-faults it
 * in again (about 2 us per operation). Tape replay with buffer reuse is the
 * cure (issue 12). */
#include "bench.h"

enum { CHAIN = 1000 };

typedef struct {
    nd_array *x;
    bool record;
    bool failed;
} chain_arg;

static void run_chain(void *p) {
    chain_arg *c = p;
    nd_tape *t = c->record ? nd_tape_new() : NULL;
    nd_array *v = c->x;
    for (int i = 0; i < CHAIN && v; i++) {
        nd_array *next = i % 2 ? nd_ad_multiply(t, v, c->x) : nd_ad_add(t, v, c->x);
        if (!t && v != c->x) nd_free(v); /* plain results are the caller's */
        v = next;
    }
    if (!v) c->failed = true;
    bench_escape(v);
    if (t) nd_tape_free(t); /* frees every recorded result */
    else if (v != c->x) nd_free(v);
}

void bench_autodiff(void) {
    static const char name[] = "ad_chain_1000_f32x4";
    nd_array *x = nd_full(1, (const int64_t[]){4}, ND_FLOAT32, 1.0);
    if (!x) {
        bench_note("%s: setup failed: %s", name, nd_errmsg());
        return;
    }
    chain_arg plain = {x, false, false}, rec = {x, true, false};
    void (*const fns[2])(void *) = {run_chain, run_chain};
    void *const args[2] = {&plain, &rec};
    double med[2];
    bench_time_turns(2, fns, args, 1, med);
    if (plain.failed || rec.failed) {
        bench_note("%s: a chain failed: %s", name, nd_errmsg());
        nd_free(x);
        return;
    }
    bench_record(name, "libnd", med[0]);
    bench_record(name, "libnd-recorded", med[1]);
    bench_note("%s: recording adds %.0f ns per operation (goal: at most 150 ns); %.0f ns per "
               "plain operation",
               name, (med[1] - med[0]) / CHAIN * 1e9, med[0] / CHAIN * 1e9);
    nd_free(x);
}

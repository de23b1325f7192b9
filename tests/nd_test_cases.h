/* The harness for the generated case tables of tests/data/gen_sets.py and
 * tests/data/gen_shape.py (sets_cases.h, shape_cases.h, numeric_cases.h):
 * one case names an operation, its input arrays (pooled values made into
 * views as gen_input() does), integer and float arguments, and NumPy's
 * answer: up to four result arrays, or the status libnd must report. Each
 * test file supplies a caller per operation; gc_run() builds the inputs,
 * calls, compares every result, checks that a failure reports the
 * operation's own name, and that no input was changed. */
#ifndef ND_TEST_CASES_H
#define ND_TEST_CASES_H

#include "nd_test.h"
#include "nd_test_arrays.h"

/* An input: a C-ordered base of dtype and shape, values at off in gc_fpool
 * (floats) or gc_ipool (bool and integers, uint64 as its bit pattern); then
 * nd_view(base, index) if index, the axes reversed if transpose, and
 * nd_broadcast_to(bshape) if bndim. name is the NumPy variable. */
typedef struct gc_input {
    const char *name;
    nd_dtype dtype;
    int ndim;
    int64_t shape[4];
    int off;
    const char *index;
    bool transpose;
    int bndim;
    int64_t bshape[4];
} gc_input;

/* One expected result: dtype, shape and values at off (gc_fpool for float
 * results, else gc_ipool), within atol + rtol * |want|. */
typedef struct gc_out {
    nd_dtype dtype;
    int ndim;
    int64_t shape[6];
    int off;
    double rtol, atol;
} gc_out;

#define GC_MAX_IN 8
#define GC_MAX_OUT 4

/* One case: op of the inputs in[0..nin) with integer arguments iargs and
 * float arguments fargs (their meaning is the caller's, see the generator).
 * On status ND_OK the call gives nout results as out[]; otherwise it fails
 * with status. expr is the NumPy expression. */
typedef struct gc_case {
    const char *op;
    int nin;
    int in[GC_MAX_IN];
    int ni;
    int64_t iargs[24];
    int nf;
    double fargs[4];
    nd_status status;
    int nout;
    gc_out out[GC_MAX_OUT];
    const char *expr;
} gc_case;

/* Calls the operation of c on in[0..c->nin); fills out[0..c->nout) on
 * success and returns the status. */
typedef nd_status (*gc_call)(const gc_case *c, const nd_array *const *in, nd_array **out);

/* The status of an array-returning call, its result in *out. */
static inline nd_status gc_one(nd_array *r, nd_array **out) {
    out[0] = r;
    return r ? ND_OK : nd_last_status();
}

/* Runs every case of op from the table (cases, inputs and pools as the
 * generated header names them). */
#define GC_RUN(op, call) gc_run_table(op, call, gc_cases, (int)(sizeof gc_cases / sizeof gc_cases[0]), gc_inputs, \
                                      (int)(sizeof gc_inputs / sizeof gc_inputs[0]), gc_fpool, gc_ipool)

static inline void gc_run_table(const char *op, gc_call call, const gc_case *cases, int ncases,
                                const gc_input *inputs, int ninputs, const double *fpool, const int64_t *ipool) {
    nd_array **made = calloc((size_t)ninputs, sizeof *made);
    assert_non_null(made);
    int ran = 0, failed = 0;
    char prefix[64];
    snprintf(prefix, sizeof prefix, "nd_%s: ", op);
    for (int ci = 0; ci < ncases; ci++) {
        const gc_case *c = &cases[ci];
        if (strcmp(c->op, op) != 0) continue;
        ran++;
        const nd_array *in[GC_MAX_IN];
        void *before[GC_MAX_IN];
        for (int k = 0; k < c->nin; k++) {
            int id = c->in[k];
            if (!made[id]) made[id] = GEN_INPUT(&inputs[id], fpool, ipool);
            in[k] = made[id];
            before[k] = snapshot(in[k]);
        }
        nd_array *out[GC_MAX_OUT] = {NULL, NULL, NULL, NULL};
        nd_clear_error();
        nd_status st = call(c, in, out);
        bool ok = true;
        if (c->status != ND_OK) {
            ok = st == c->status && nd_last_status() == c->status && strncmp(nd_errmsg(), prefix, strlen(prefix)) == 0;
            for (int k = 0; k < GC_MAX_OUT; k++) ok = ok && !out[k];
            if (!ok)
                print_error("case %d %s: expected %s, got %s ('%s')\n", ci, c->expr, nd_status_name(c->status),
                            st == ND_OK ? "success" : nd_status_name(st), nd_errmsg());
        } else if (st != ND_OK) {
            print_error("case %d %s: failed: %s\n", ci, c->expr, nd_errmsg());
            ok = false;
        } else {
            for (int k = 0; k < c->nout && ok; k++) {
                const gc_out *e = &c->out[k];
                char how[32];
                snprintf(how, sizeof how, "result %d", k);
                ok = gen_check(ci, c->expr, how, out[k], e->dtype, e->ndim, e->shape, fpool + e->off, ipool + e->off,
                               e->rtol, e->atol);
            }
        }
        nd_clear_error();
        for (int k = 0; k < GC_MAX_OUT; k++) nd_free(out[k]);
        for (int k = 0; k < c->nin; k++) {
            void *now = snapshot(in[k]);
            if (memcmp(now, before[k], nd_nbytes(in[k])) != 0) {
                print_error("case %d %s: input %d was changed\n", ci, c->expr, k);
                ok = false;
            }
            free(now);
            free(before[k]);
        }
        if (!ok) failed++;
    }
    for (int i = 0; i < ninputs; i++) nd_free(made[i]);
    free(made);
    if (ran == 0) fail_msg("no generated cases for %s", op);
    if (failed) fail_msg("%s: %d of %d generated cases failed", op, failed, ran);
}

/* The axis argument as the generators write it (ND_AXIS_NONE included). */
static inline int gc_axis(int64_t v) { return (int)v; }

#endif

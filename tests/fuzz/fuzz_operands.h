/* Shared by the libFuzzer targets that take arrays (fuzz_einsum.c,
 * fuzz_matmul.c): a byte reader, operands of a fuzzed shape, dtype and
 * layout filled with small values that keep every product and sum exact
 * (so a naive float64 reference can be compared bit for bit), and their
 * values in C order as float64. Header-only: each target is one program. */
#ifndef ND_FUZZ_OPERANDS_H
#define ND_FUZZ_OPERANDS_H

#include "nd.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(c)                                                                   \
    do {                                                                           \
        if (!(c)) __builtin_trap();                                                \
    } while (0)

typedef struct fz {
    const uint8_t *p;
    size_t n;
} fz;

/* the next byte, 0 once the input is used up */
static inline unsigned fz_byte(fz *r) {
    if (!r->n) return 0;
    r->n--;
    return *r->p++;
}

static const nd_dtype fz_dtypes[] = {ND_FLOAT64, ND_FLOAT32, ND_INT64, ND_INT32, ND_INT16,
                                     ND_INT8,    ND_UINT8,   ND_UINT16, ND_UINT64, ND_BOOL};

static inline bool fz_unsigned(nd_dtype dt) {
    return dt == ND_UINT8 || dt == ND_UINT16 || dt == ND_UINT32 || dt == ND_UINT64;
}

/* An operand of ndim (at most 4) lengths read from r (0 to maxlen), a fuzzed
 * dtype, and a fuzzed layout: C order, transposed, reversed along every
 * axis, strided (every other element of a twice-as-long base) or a
 * broadcast view. Values: -2..2, or 0..2 unsigned, 0..1 bool. NULL if
 * libnd refuses (only for memory). */
static inline nd_array *fz_operand(fz *r, int ndim, int maxlen) {
    int64_t shape[4], inner[4];
    for (int i = 0; i < ndim; i++) shape[i] = (int64_t)(fz_byte(r) % (unsigned)(maxlen + 1));
    nd_dtype dt = fz_dtypes[fz_byte(r) % (sizeof fz_dtypes / sizeof fz_dtypes[0])];
    unsigned lay = fz_byte(r) % 5, seed = fz_byte(r);
    /* the memory the view is cut from */
    for (int i = 0; i < ndim; i++) inner[i] = lay == 3 ? 2 * shape[i] : lay == 1 ? shape[ndim - 1 - i] : shape[i];
    if (lay == 4 && ndim) inner[ndim - 1] = shape[ndim - 1] ? 1 : 0; /* broadcast along the last axis */
    int64_t m = 1;
    for (int i = 0; i < ndim; i++) m *= inner[i];
    double *v = malloc(sizeof(double) * (size_t)(m ? m : 1));
    if (!v) return NULL;
    for (int64_t i = 0; i < m; i++) {
        int64_t k = (int64_t)((uint64_t)i * 7u + seed);
        v[i] = dt == ND_BOOL ? (double)(k % 2) : fz_unsigned(dt) ? (double)(k % 3) : (double)(k % 5 - 2);
    }
    nd_array *f = nd_from_data(v, ndim, inner, ND_FLOAT64);
    free(v);
    nd_array *a = f ? nd_astype(f, dt) : NULL, *t = NULL;
    nd_free(f);
    if (!a) return NULL;
    switch (lay) {
    case 1: t = nd_transpose(a, NULL); break; /* the base has the lengths reversed */
    case 2: t = nd_flip(a, 0, NULL); break;
    case 3: {
        char idx[64] = "";
        for (int i = 0; i < ndim; i++) strcat(idx, i ? ",::2" : "::2");
        t = nd_view(a, ndim ? idx : "...");
        break;
    }
    case 4: t = nd_broadcast_to(a, ndim, shape); break;
    default: return a;
    }
    nd_free(a);
    return t;
}

/* a's elements in C order as float64 (NULL on failure) */
static inline double *fz_values(const nd_array *a) {
    nd_array *f = nd_astype(a, ND_FLOAT64);
    size_t nb = f ? nd_nbytes(f) : 0;
    double *v = f ? malloc(nb ? nb : 1) : NULL;
    if (v && nd_copy_to(f, v, nb) != ND_OK) {
        free(v);
        v = NULL;
    }
    nd_free(f);
    return v;
}

#endif

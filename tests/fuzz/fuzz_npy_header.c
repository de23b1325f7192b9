/* libFuzzer target: the .npy header parser and reader on arbitrary bytes
 * held in memory. Checks that a header that parses is consistent (its
 * shape, size and data offset), that np.save's header for it parses back to
 * the same thing, and that reading the whole .npy never touches memory
 * beyond the input nor allocates more than the input holds. Built and run
 * by `make fuzz`. */
#include "io/npy.h"

#include <stdint.h>
#include <stdlib.h>

#define CHECK(c)                                                                   \
    do {                                                                           \
        if (!(c)) __builtin_trap();                                                \
    } while (0)

typedef struct mem {
    const uint8_t *p;
    size_t n, pos;
} mem;

static nd_status mem_read(void *ctx, void *buf, size_t n, size_t *got) {
    mem *m = ctx;
    size_t k = m->n - m->pos < n ? m->n - m->pos : n;
    memcpy(buf, m->p + m->pos, k);
    m->pos += k;
    *got = k;
    return ND_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    nd_npy_header h;
    if (nd__npy_parse_header("fuzz", data, size, &h) == ND_OK) {
        CHECK(h.ndim >= 0 && h.ndim <= ND_MAX_DIMS);
        CHECK(h.data_offset <= size);
        CHECK(nd__valid_dtype(h.dtype));
        int64_t n = nd__checked_size(h.ndim, h.shape, nd__itemsize(h.dtype));
        CHECK(n >= 0 && h.nbytes == n * (int64_t)nd__itemsize(h.dtype));
        /* what np.save would write for it parses back the same */
        char out[ND_NPY_HEADER_CAP];
        size_t len = nd__npy_format_header(h.dtype, h.ndim, h.shape, h.fortran_order, out, sizeof out);
        CHECK(len > 0 && len % 64 == 0 && out[len - 1] == '\n');
        nd_npy_header g;
        CHECK(nd__npy_parse_header("fuzz", (const unsigned char *)out, len, &g) == ND_OK);
        CHECK(g.dtype == h.dtype && g.ndim == h.ndim && g.fortran_order == h.fortran_order);
        CHECK(g.nbytes == h.nbytes && g.data_offset == len && !g.swap);
        for (int i = 0; i < h.ndim; i++) CHECK(g.shape[i] == h.shape[i]);
    }
    nd_clear_error();
    /* the stream reader: whatever it allocates is bounded by the input */
    mem m = {data, size, 0};
    nd_npy_source src = {mem_read, &m, size, "fuzz input"};
    uint64_t used = 0;
    nd_array *a = nd__npy_read("fuzz", &src, &used);
    if (a) {
        CHECK(used <= size);
        CHECK(nd_nbytes(a) <= size);
        CHECK(nd_is_c_contiguous(a) || nd_is_f_contiguous(a));
        if (nd_dtype_of(a) == ND_BOOL)
            for (int64_t i = 0; i < nd_size(a); i++) CHECK(((const uint8_t *)nd_data(a))[i] <= 1);
        nd_free(a);
    }
    nd_clear_error();
    return 0;
}

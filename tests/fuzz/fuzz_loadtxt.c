/* libFuzzer target: nd_loadtxt on arbitrary bytes, given as an in-memory
 * text file (a memfd), with its options taken from the first five bytes:
 * delimiter, comment character, dtype, skiprows and up to three usecols.
 * The same bytes go through nd_loadtxt_buffer too, which must agree with
 * nd_loadtxt: the same status, or the same values (gzip data included:
 * both inflate it; a truncated stream is then an I/O error from both).
 * A refusal must be a value, index or dtype error (or I/O for truncated
 * gzip data; never I/O otherwise on a memfd);
 * whatever loads must save with nd_savetxt ("%.17g" or "%d") and load back
 * to the same values. Nothing may crash, leak, hang or read out of bounds.
 * Built and run by `make fuzz`. */
#include "nd.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define CHECK(c)                                                                   \
    do {                                                                           \
        if (!(c)) __builtin_trap();                                                \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A memfd holding p[0..n), and its path. */
static int make_file(const void *p, size_t n, char *path, size_t cap) {
    int fd = memfd_create("fuzz.txt", 0);
    if (fd < 0) return -1;
    if (n && write(fd, p, n) != (ssize_t)n) {
        close(fd);
        return -1;
    }
    snprintf(path, cap, "/proc/self/fd/%d", fd);
    return fd;
}

/* The values of a, as doubles (exact for every dtype but the 64-bit
 * integers beyond 2^53, compared as bytes below). */
static void *bytes_of(const nd_array *a) {
    size_t n = nd_nbytes(a);
    void *p = malloc(n ? n : 1);
    if (p && nd_copy_to(a, p, n) != ND_OK) CHECK(0);
    return p;
}

static bool same_values(const nd_array *a, const nd_array *b) {
    if (nd_size(a) != nd_size(b) || nd_dtype_of(a) != nd_dtype_of(b)) return false;
    size_t n = nd_nbytes(a);
    unsigned char *x = bytes_of(a), *y = bytes_of(b);
    bool same = x && y;
    if (same && nd_dtype_is_float(nd_dtype_of(a))) {
        size_t k = nd_dtype_size(nd_dtype_of(a));
        for (size_t i = 0; i < n && same; i += k) {
            double u, v;
            if (k == 4) {
                float fu, fv;
                memcpy(&fu, x + i, 4);
                memcpy(&fv, y + i, 4);
                u = fu, v = fv;
            } else {
                memcpy(&u, x + i, 8);
                memcpy(&v, y + i, 8);
            }
            same = (isnan(u) && isnan(v)) || memcmp(x + i, y + i, k) == 0;
        }
    } else if (same) {
        same = memcmp(x, y, n) == 0;
    }
    free(x);
    free(y);
    return same;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 5) return 0;
    static const char delims[] = {0, ',', ';', '\t', ' ', '|', ':', 'x'};
    nd_loadtxt_options o = nd_loadtxt_defaults();
    o.delimiter = data[0] < 0xf0 ? delims[data[0] % 8] : (char)(data[0] & 0x7f);
    o.comments = data[1] % 3 == 0 ? 0 : data[1] % 3 == 1 ? '#' : (char)(data[1] & 0x7f);
    o.dtype = data[2] == 0xff ? (nd_dtype)99 : (nd_dtype)(data[2] % ND_NUM_DTYPES);
    o.skiprows = data[3] % 4;
    int usecols[3];
    o.nusecols = data[4] % 4;
    size_t at = 5;
    for (int i = 0; i < o.nusecols; i++) usecols[i] = at < size ? (int8_t)data[at++] % 5 : 0;
    o.usecols = usecols;
    char path[64];
    int fd = make_file(data + at, size - at, path, sizeof path);
    if (fd < 0) return 0;
    nd_clear_error();
    nd_array *a = nd_loadtxt(path, &o);
    close(fd);
    nd_status st = a ? ND_OK : nd_last_status();
    bool gz = size - at >= 2 && data[at] == 0x1f && data[at + 1] == 0x8b;
    if (!a) {
        CHECK(st == ND_ERR_VALUE || st == ND_ERR_INDEX || st == ND_ERR_DTYPE || (gz && st == ND_ERR_IO));
        CHECK(strncmp(nd_errmsg(), "nd_loadtxt: ", 12) == 0);
    }
    nd_clear_error();
    /* the buffer variant: the same answer from the same bytes */
    static const char empty[1];
    nd_array *m = nd_loadtxt_buffer(size > at ? (const void *)(data + at) : empty, size - at, &o);
    CHECK((m != NULL) == (a != NULL));
    if (!m) {
        CHECK(nd_last_status() == st);
        CHECK(strncmp(nd_errmsg(), "nd_loadtxt_buffer: ", 19) == 0);
        nd_clear_error();
        return 0;
    }
    CHECK(nd_ndim(m) == nd_ndim(a));
    for (int d = 0; d < nd_ndim(a); d++) CHECK(nd_shape(m)[d] == nd_shape(a)[d]);
    CHECK(same_values(a, m));
    nd_free(m);
    CHECK(nd_ndim(a) <= 2);
    CHECK(nd_dtype_of(a) == o.dtype);
    if (nd_ndim(a) == 2 && o.nusecols) CHECK(nd_shape(a)[1] == o.nusecols);
    /* a round trip through nd_savetxt (0-d saved as one value) */
    if (nd_size(a) > 0) {
        nd_array *flat = nd_ndim(a) == 0 ? nd_reshape(a, 1, (const int64_t[]){1}) : NULL;
        const nd_array *s = flat ? flat : a;
        nd_savetxt_options so = nd_savetxt_defaults();
        so.fmt = nd_dtype_is_float(o.dtype) ? "%.17g" : "%d";
        char out[64];
        int ofd = make_file(NULL, 0, out, sizeof out);
        if (ofd >= 0) {
            CHECK(nd_savetxt(out, s, &so) == ND_OK);
            nd_loadtxt_options lo = nd_loadtxt_defaults();
            lo.dtype = o.dtype;
            nd_array *b = nd_loadtxt(out, &lo);
            CHECK(b != NULL);
            CHECK(same_values(a, b));
            nd_free(b);
            close(ofd);
        }
        nd_free(flat);
    }
    nd_free(a);
    nd_clear_error();
    return 0;
}

/* libFuzzer target: nd_savetxt's format string. The first byte picks the
 * array (float64 with NaN, inf, -0.0 and extremes, float32, int64 and
 * uint64 extremes, bool, a 2-D int8), the second the delimiter; the rest,
 * NUL-terminated, is the format. The save goes to an in-memory file (a
 * memfd). It must succeed or be refused with ND_ERR_VALUE naming
 * nd_savetxt (ND_ERR_IO would mean printf refused what the parser let
 * through), and what it writes is bounded: widths and precisions stay
 * within nd_savetxt's limit of 1100. Built and run by `make fuzz`. */
#include "nd.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHECK(c)                                                                   \
    do {                                                                           \
        if (!(c)) __builtin_trap();                                                \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static nd_array *from(nd_dtype dt, int ndim, const int64_t *shape, const double *v) {
    nd_array *f = nd_wrap((void *)v, ndim, shape, NULL, ND_FLOAT64, NULL, NULL);
    nd_array *a = nd_astype(f, dt);
    nd_free(f);
    return a;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static nd_array *arrays[7];
    if (!arrays[0]) {
        static const double f[] = {1.5, -0.0, 0.0 / 0.0, 1.0 / 0.0, -1.0 / 0.0, 1.7976931348623157e308,
                                   5e-324, -2.5e-300, 1e20, -123456.789};
        static const double ints[] = {0, -1, 127, -128, 9.2e18, -9.2e18};
        arrays[0] = from(ND_FLOAT64, 1, (const int64_t[]){10}, f);
        arrays[1] = from(ND_FLOAT32, 2, (const int64_t[]){2, 3}, f + 4);
        arrays[2] = from(ND_INT64, 2, (const int64_t[]){3, 2}, ints);
        arrays[3] = nd_full(1, (const int64_t[]){2}, ND_UINT64, 0);
        ((uint64_t *)nd_data(arrays[3]))[0] = UINT64_MAX;
        arrays[4] = from(ND_BOOL, 2, (const int64_t[]){1, 3}, ints);
        arrays[5] = from(ND_INT8, 2, (const int64_t[]){2, 2}, ints + 1);
        arrays[6] = from(ND_FLOAT64, 2, (const int64_t[]){2, 2}, f + 6);
        for (int i = 0; i < 7; i++) CHECK(arrays[i]);
    }
    if (size < 2) return 0;
    const nd_array *a = arrays[data[0] % 7];
    char *fmt = malloc(size - 1);
    if (!fmt) return 0;
    memcpy(fmt, data + 2, size - 2);
    fmt[size - 2] = '\0';
    nd_savetxt_options o = nd_savetxt_defaults();
    o.fmt = fmt;
    o.delimiter = (char)data[1];
    int fd = memfd_create("fuzz.txt", 0);
    if (fd < 0) {
        free(fmt);
        return 0;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    nd_clear_error();
    nd_status st = nd_savetxt(path, a, &o);
    if (st != ND_OK) {
        CHECK(st == ND_ERR_VALUE);
        CHECK(strncmp(nd_errmsg(), "nd_savetxt: ", 12) == 0);
    } else {
        /* each value at most 1100 digits of width or precision, plus the
         * 309 integer digits of the largest double and a sign; each row its
         * literal text once per column and a delimiter */
        struct stat sb;
        CHECK(fstat(fd, &sb) == 0);
        int64_t rows = nd_shape(a)[0], cols = nd_ndim(a) == 2 ? nd_shape(a)[1] : 1;
        uint64_t bound = (uint64_t)(rows * cols) * (1100 + 320 + strlen(fmt) + 1) + (uint64_t)rows;
        CHECK((uint64_t)sb.st_size <= bound);
    }
    nd_clear_error();
    close(fd);
    free(fmt);
    return 0;
}

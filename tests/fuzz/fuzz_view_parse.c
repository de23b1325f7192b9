/* libFuzzer target: nd_view's indexing-string parser. The first input byte
 * picks the array (0-d to 4-d, one of them empty); the rest, NUL-terminated,
 * is the index string. Checks that every view that comes back lies inside
 * its base's memory. Built and run by `make fuzz`. */
#include "nd.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(c)                                                                   \
    do {                                                                           \
        if (!(c)) __builtin_trap();                                                \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static nd_array *bases[5];
    static const int64_t shapes[5][4] = {{0}, {7}, {3, 4}, {2, 0, 5}, {2, 3, 1, 4}};
    if (!bases[0])
        for (int i = 0; i < 5; i++) bases[i] = nd_zeros(i, shapes[i], ND_INT16);
    if (size == 0) return 0;
    const nd_array *a = bases[data[0] % 5];
    char *s = malloc(size);
    if (!s) return 0;
    memcpy(s, data + 1, size - 1);
    s[size - 1] = '\0';
    nd_array *v = nd_view(a, s);
    if (v) {
        CHECK(nd_ndim(v) >= 0 && nd_ndim(v) <= ND_MAX_DIMS);
        if (nd_size(v) > 0) {
            /* the first and last byte the view can reach, inside the base */
            const char *lo = nd_data(v), *hi = nd_data(v);
            for (int i = 0; i < nd_ndim(v); i++) {
                int64_t span = (nd_shape(v)[i] - 1) * nd_strides(v)[i] * 2;
                if (span < 0) lo += span;
                else hi += span;
            }
            const char *b = nd_data(a);
            CHECK(lo >= b && hi + 2 <= b + nd_nbytes(a));
        }
        nd_free(v);
    }
    nd_clear_error();
    free(s);
    return 0;
}

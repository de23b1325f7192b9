// Checks that nd.h compiles as C++11 under -Wall -Wextra -Werror -pedantic
// and links from C++ (extern "C"); run by scripts/header-test.sh.
#include <nd.h>

#include <cstdio>
#include <cstring>

static_assert(ND_OK == 0, "ND_OK must be 0");
static_assert(ND_MAX_DIMS >= 16, "at least 16 dimensions");

// The X-macro op lists expand in C++ too.
#define COUNT_OP_(name) +1
static const int n_binary = 0 ND_BINARY_OPS(COUNT_OP_);
static const int n_unary = 0 ND_UNARY_OPS(COUNT_OP_);
#undef COUNT_OP_

int main() {
    double av[6] = {0, 1, 2, 3, 4, 5};
    double bv[3] = {10, 20, 30};
    const int64_t ashape[2] = {2, 3};
    const int64_t bshape[1] = {3};
    nd_array *a = nd_wrap(av, 2, ashape, nullptr, ND_FLOAT64, nullptr, nullptr);
    nd_array *b = nd_wrap(bv, 1, bshape, nullptr, ND_FLOAT64, nullptr, nullptr);
    nd_array *c = nd_add(a, b);
    int bad = 0;
    if (!c || nd_ndim(c) != 2 || nd_shape(c)[1] != 3 ||
        static_cast<const double *>(nd_data(c))[5] != 35.0) {
        std::printf("nd_add from C++ failed: %s\n", nd_errmsg());
        bad = 1;
    }
    nd_array *d = nd_add(a, a);
    nd_status st = nd_add_out(a, b, d);
    if (st != ND_OK) bad = 1;
    nd_slice_t s = {ND_NONE, ND_NONE, 1};
    (void)s;
    nd_array *e = nd_add(b, nd_add(a, nullptr));  // the NULL error propagates
    if (e || !std::strstr(nd_errmsg(), "nd_add")) {
        std::printf("NULL argument not reported: '%s'\n", nd_errmsg());
        bad = 1;
    }
    nd_clear_error();
    std::printf("C++: libnd %s, %d binary and %d unary ops, dtype %s\n", nd_version(), n_binary,
                n_unary, nd_dtype_name(nd_dtype_of(a)));
    nd_free(a);
    nd_free(b);
    nd_free(c);
    nd_free(d);
    return bad;
}

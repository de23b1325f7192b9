/* Tests of src/core (dtypes, promotion and casting rules, arrays, wrap and
 * deleters, flags, allocator hooks, errors, shape math) and src/ops/copy.c
 * (copy, ascontiguousarray, astype, copyto, copy_to, fill), plus the runtime
 * settings. Tables come from NumPy 1.24.2 on x86-64 via the script at the
 * end of this file. */
#include "nd_test.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

static const nd_dtype ALL[ND_NUM_DTYPES] = {ND_BOOL,   ND_INT8,   ND_INT16,  ND_INT32,
                                            ND_INT64,  ND_UINT8,  ND_UINT16, ND_UINT32,
                                            ND_UINT64, ND_FLOAT32, ND_FLOAT64};

/* Element i (C order) of a contiguous array as raw bits, zero-extended. */
static uint64_t bits_at(const nd_array *a, int64_t i) {
    uint64_t v = 0;
    memcpy(&v, (const char *)nd_data(a) + (size_t)i * nd_itemsize(a), nd_itemsize(a));
    return v;
}

/* The elements of any float64 array in C order, read by walking its strides
 * by hand (independent of the engine under test). */
static void read_f64(const nd_array *a, double *out) {
    int nd = nd_ndim(a);
    const int64_t *sh = nd_shape(a), *st = nd_strides(a);
    int64_t idx[ND_MAX_DIMS] = {0};
    for (int64_t k = 0; k < nd_size(a); k++) {
        int64_t off = 0;
        for (int i = 0; i < nd; i++) off += idx[i] * st[i];
        out[k] = ((const double *)nd_data(a))[off];
        for (int i = nd - 1; i >= 0 && ++idx[i] == sh[i]; i--) idx[i] = 0;
    }
}

static void expect_f64(const nd_array *a, const double *want) {
    double got[64];
    assert_true(nd_size(a) <= 64);
    read_f64(a, got);
    for (int64_t i = 0; i < nd_size(a); i++)
        if (!(got[i] == want[i] || (isnan(got[i]) && isnan(want[i]))))
            fail_msg("element %lld: got %g, expected %g", (long long)i, got[i], want[i]);
}

/* ------------------------------------------------------------ NumPy tables */

#define NSAMPLES 30
static const nd_dtype PROMOTE[ND_NUM_DTYPES][ND_NUM_DTYPES] = {
    {ND_BOOL, ND_INT8, ND_INT16, ND_INT32, ND_INT64, ND_UINT8, ND_UINT16, ND_UINT32, ND_UINT64, ND_FLOAT32, ND_FLOAT64},
    {ND_INT8, ND_INT8, ND_INT16, ND_INT32, ND_INT64, ND_INT16, ND_INT32, ND_INT64, ND_FLOAT64, ND_FLOAT32, ND_FLOAT64},
    {ND_INT16, ND_INT16, ND_INT16, ND_INT32, ND_INT64, ND_INT16, ND_INT32, ND_INT64, ND_FLOAT64, ND_FLOAT32, ND_FLOAT64},
    {ND_INT32, ND_INT32, ND_INT32, ND_INT32, ND_INT64, ND_INT32, ND_INT32, ND_INT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64},
    {ND_INT64, ND_INT64, ND_INT64, ND_INT64, ND_INT64, ND_INT64, ND_INT64, ND_INT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64},
    {ND_UINT8, ND_INT16, ND_INT16, ND_INT32, ND_INT64, ND_UINT8, ND_UINT16, ND_UINT32, ND_UINT64, ND_FLOAT32, ND_FLOAT64},
    {ND_UINT16, ND_INT32, ND_INT32, ND_INT32, ND_INT64, ND_UINT16, ND_UINT16, ND_UINT32, ND_UINT64, ND_FLOAT32, ND_FLOAT64},
    {ND_UINT32, ND_INT64, ND_INT64, ND_INT64, ND_INT64, ND_UINT32, ND_UINT32, ND_UINT32, ND_UINT64, ND_FLOAT64, ND_FLOAT64},
    {ND_UINT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64, ND_UINT64, ND_UINT64, ND_UINT64, ND_UINT64, ND_FLOAT64, ND_FLOAT64},
    {ND_FLOAT32, ND_FLOAT32, ND_FLOAT32, ND_FLOAT64, ND_FLOAT64, ND_FLOAT32, ND_FLOAT32, ND_FLOAT64, ND_FLOAT64, ND_FLOAT32, ND_FLOAT64},
    {ND_FLOAT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64, ND_FLOAT64},
};
static const char *const CAN_CAST[4][ND_NUM_DTYPES] = {
    {"10000000000", "01000000000", "00100000000", "00010000000", "00001000000", "00000100000", "00000010000", "00000001000", "00000000100", "00000000010", "00000000001"},
    {"11111111111", "01111000011", "00111000011", "00011000001", "00001000001", "00111111111", "00011011111", "00001001101", "00000000101", "00000000011", "00000000001"},
    {"11111111111", "01111000011", "01111000011", "01111000011", "01111000011", "01111111111", "01111111111", "01111111111", "01111111111", "00000000011", "00000000011"},
    {"11111111111", "11111111111", "11111111111", "11111111111", "11111111111", "11111111111", "11111111111", "11111111111", "11111111111", "11111111111", "11111111111"},
};
static const uint64_t ASTYPE[ND_NUM_DTYPES][ND_NUM_DTYPES][NSAMPLES] = {
    {
        {0x0, 0x0, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1},
        {0x0, 0x0, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1},
        {0x0, 0x0, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1},
        {0x0, 0x0, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1},
        {0x0, 0x0, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1},
        {0x0, 0x0, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1},
        {0x0, 0x0, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1},
        {0x0, 0x0, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1},
        {0x0, 0x0, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1},
        {0x0, 0x0, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000},
        {0x0, 0x0, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000},
    },
    {
        {0x0, 0x0, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x0, 0x1, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffff, 0xffff, 0x2, 0x7f, 0xff80, 0xffff, 0x2c, 0xffd4, 0xffff, 0x70, 0x0, 0xffff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffff, 0xffffffff, 0x2, 0x7f, 0xffffff80, 0xffffffff, 0x2c, 0xffffffd4, 0xffffffff, 0x70, 0x0, 0xffffffff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffffffffffff, 0xffffffffffffffff, 0x2, 0x7f, 0xffffffffffffff80, 0xffffffffffffffff, 0x2c, 0xffffffffffffffd4, 0xffffffffffffffff, 0x70, 0x0, 0xffffffffffffffff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffff, 0xffff, 0x2, 0x7f, 0xff80, 0xffff, 0x2c, 0xffd4, 0xffff, 0x70, 0x0, 0xffff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffff, 0xffffffff, 0x2, 0x7f, 0xffffff80, 0xffffffff, 0x2c, 0xffffffd4, 0xffffffff, 0x70, 0x0, 0xffffffff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffffffffffff, 0xffffffffffffffff, 0x2, 0x7f, 0xffffffffffffff80, 0xffffffffffffffff, 0x2c, 0xffffffffffffffd4, 0xffffffffffffffff, 0x70, 0x0, 0xffffffffffffffff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x3f800000, 0xbf800000, 0xbf800000, 0x40000000, 0x42fe0000, 0xc3000000, 0xbf800000, 0x42300000, 0xc2300000, 0xbf800000, 0x42e00000, 0x0, 0xbf800000, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x3f800000, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x3ff0000000000000, 0xbff0000000000000, 0xbff0000000000000, 0x4000000000000000, 0x405fc00000000000, 0xc060000000000000, 0xbff0000000000000, 0x4046000000000000, 0xc046000000000000, 0xbff0000000000000, 0x405c000000000000, 0x0, 0xbff0000000000000, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x3ff0000000000000, 0x0, 0x0, 0x0},
    },
    {
        {0x0, 0x0, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffff, 0xffff, 0x2, 0x7f, 0xff80, 0xff, 0x12c, 0xfed4, 0xffff, 0x1170, 0x8000, 0xffff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffff, 0xffffffff, 0x2, 0x7f, 0xffffff80, 0xff, 0x12c, 0xfffffed4, 0xffffffff, 0x1170, 0xffff8000, 0xffffffff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffffffffffff, 0xffffffffffffffff, 0x2, 0x7f, 0xffffffffffffff80, 0xff, 0x12c, 0xfffffffffffffed4, 0xffffffffffffffff, 0x1170, 0xffffffffffff8000, 0xffffffffffffffff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffff, 0xffff, 0x2, 0x7f, 0xff80, 0xff, 0x12c, 0xfed4, 0xffff, 0x1170, 0x8000, 0xffff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffff, 0xffffffff, 0x2, 0x7f, 0xffffff80, 0xff, 0x12c, 0xfffffed4, 0xffffffff, 0x1170, 0xffff8000, 0xffffffff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffffffffffff, 0xffffffffffffffff, 0x2, 0x7f, 0xffffffffffffff80, 0xff, 0x12c, 0xfffffffffffffed4, 0xffffffffffffffff, 0x1170, 0xffffffffffff8000, 0xffffffffffffffff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x3f800000, 0xbf800000, 0xbf800000, 0x40000000, 0x42fe0000, 0xc3000000, 0x437f0000, 0x43960000, 0xc3960000, 0xbf800000, 0x458b8000, 0xc7000000, 0xbf800000, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x3f800000, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x3ff0000000000000, 0xbff0000000000000, 0xbff0000000000000, 0x4000000000000000, 0x405fc00000000000, 0xc060000000000000, 0x406fe00000000000, 0x4072c00000000000, 0xc072c00000000000, 0xbff0000000000000, 0x40b1700000000000, 0xc0e0000000000000, 0xbff0000000000000, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x3ff0000000000000, 0x0, 0x0, 0x0},
    },
    {
        {0x0, 0x0, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x0, 0x1, 0x1, 0x1, 0x1},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffff, 0xffff, 0x2, 0x7f, 0xff80, 0xff, 0x12c, 0xfed4, 0xffff, 0x1170, 0x8000, 0xffff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffff, 0xffffffff, 0x2, 0x7f, 0xffffff80, 0xff, 0x12c, 0xfffffed4, 0xffff, 0x11170, 0xffff8000, 0x7fffffff, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x0, 0x1000001, 0x80000000, 0x80000000, 0x80000000},
        {0x0, 0x0, 0x1, 0xffffffffffffffff, 0xffffffffffffffff, 0x2, 0x7f, 0xffffffffffffff80, 0xff, 0x12c, 0xfffffffffffffed4, 0xffff, 0x11170, 0xffffffffffff8000, 0x7fffffff, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0x0, 0x1000001, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffff, 0xffff, 0x2, 0x7f, 0xff80, 0xff, 0x12c, 0xfed4, 0xffff, 0x1170, 0x8000, 0xffff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffff, 0xffffffff, 0x2, 0x7f, 0xffffff80, 0xff, 0x12c, 0xfffffed4, 0xffff, 0x11170, 0xffff8000, 0x7fffffff, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x0, 0x1000001, 0x80000000, 0x80000000, 0x80000000},
        {0x0, 0x0, 0x1, 0xffffffffffffffff, 0xffffffffffffffff, 0x2, 0x7f, 0xffffffffffffff80, 0xff, 0x12c, 0xfffffffffffffed4, 0xffff, 0x11170, 0xffffffffffff8000, 0x7fffffff, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0x0, 0x1000001, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000},
        {0x0, 0x0, 0x3f800000, 0xbf800000, 0xbf800000, 0x40000000, 0x42fe0000, 0xc3000000, 0x437f0000, 0x43960000, 0xc3960000, 0x477fff00, 0x4788b800, 0xc7000000, 0x4f000000, 0xcf000000, 0xcf000000, 0xcf000000, 0xcf000000, 0xcf000000, 0xcf000000, 0xcf000000, 0xcf000000, 0xcf000000, 0xcf000000, 0x0, 0x4b800000, 0xcf000000, 0xcf000000, 0xcf000000},
        {0x0, 0x0, 0x3ff0000000000000, 0xbff0000000000000, 0xbff0000000000000, 0x4000000000000000, 0x405fc00000000000, 0xc060000000000000, 0x406fe00000000000, 0x4072c00000000000, 0xc072c00000000000, 0x40efffe000000000, 0x40f1170000000000, 0xc0e0000000000000, 0x41dfffffffc00000, 0xc1e0000000000000, 0xc1e0000000000000, 0xc1e0000000000000, 0xc1e0000000000000, 0xc1e0000000000000, 0xc1e0000000000000, 0xc1e0000000000000, 0xc1e0000000000000, 0xc1e0000000000000, 0xc1e0000000000000, 0x0, 0x4170000010000000, 0xc1e0000000000000, 0xc1e0000000000000, 0xc1e0000000000000},
    },
    {
        {0x0, 0x0, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x0, 0x1, 0x1, 0x1, 0x1},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffff, 0xffff, 0x2, 0x7f, 0xff80, 0xff, 0x12c, 0xfed4, 0xffff, 0x1170, 0x8000, 0xffff, 0x5e00, 0xa200, 0x0, 0xe400, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffff, 0xffffffff, 0x2, 0x7f, 0xffffff80, 0xff, 0x12c, 0xfffffed4, 0xffff, 0x11170, 0xffff8000, 0x7fffffff, 0xb2d05e00, 0x4d2fa200, 0x0, 0x540be400, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1000001, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffffffffffff, 0xffffffffffffffff, 0x2, 0x7f, 0xffffffffffffff80, 0xff, 0x12c, 0xfffffffffffffed4, 0xffff, 0x11170, 0xffffffffffff8000, 0x7fffffff, 0xb2d05e00, 0xffffffff4d2fa200, 0x100000000, 0x2540be400, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x0, 0x1000001, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffff, 0xffff, 0x2, 0x7f, 0xff80, 0xff, 0x12c, 0xfed4, 0xffff, 0x1170, 0x8000, 0xffff, 0x5e00, 0xa200, 0x0, 0xe400, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffff, 0xffffffff, 0x2, 0x7f, 0xffffff80, 0xff, 0x12c, 0xfffffed4, 0xffff, 0x11170, 0xffff8000, 0x7fffffff, 0xb2d05e00, 0x4d2fa200, 0x0, 0x540be400, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1000001, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffffffffffff, 0xffffffffffffffff, 0x2, 0x7f, 0xffffffffffffff80, 0xff, 0x12c, 0xfffffffffffffed4, 0xffff, 0x11170, 0xffffffffffff8000, 0x7fffffff, 0xb2d05e00, 0xffffffff4d2fa200, 0x100000000, 0x2540be400, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x0, 0x1000001, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000},
        {0x0, 0x0, 0x3f800000, 0xbf800000, 0xbf800000, 0x40000000, 0x42fe0000, 0xc3000000, 0x437f0000, 0x43960000, 0xc3960000, 0x477fff00, 0x4788b800, 0xc7000000, 0x4f000000, 0x4f32d05e, 0xcf32d05e, 0x4f800000, 0x501502f9, 0xdf000000, 0xdf000000, 0xdf000000, 0xdf000000, 0xdf000000, 0xdf000000, 0x0, 0x4b800000, 0xdf000000, 0xdf000000, 0xdf000000},
        {0x0, 0x0, 0x3ff0000000000000, 0xbff0000000000000, 0xbff0000000000000, 0x4000000000000000, 0x405fc00000000000, 0xc060000000000000, 0x406fe00000000000, 0x4072c00000000000, 0xc072c00000000000, 0x40efffe000000000, 0x40f1170000000000, 0xc0e0000000000000, 0x41dfffffffc00000, 0x41e65a0bc0000000, 0xc1e65a0bc0000000, 0x41f0000000000000, 0x4202a05f20000000, 0xc3e0000000000000, 0xc3e0000000000000, 0xc3e0000000000000, 0xc3e0000000000000, 0xc3e0000000000000, 0xc3e0000000000000, 0x0, 0x4170000010000000, 0xc3e0000000000000, 0xc3e0000000000000, 0xc3e0000000000000},
    },
    {
        {0x0, 0x0, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x0, 0x1, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x3f800000, 0x437f0000, 0x437f0000, 0x40000000, 0x42fe0000, 0x43000000, 0x437f0000, 0x42300000, 0x43540000, 0x437f0000, 0x42e00000, 0x0, 0x437f0000, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x3f800000, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x3ff0000000000000, 0x406fe00000000000, 0x406fe00000000000, 0x4000000000000000, 0x405fc00000000000, 0x4060000000000000, 0x406fe00000000000, 0x4046000000000000, 0x406a800000000000, 0x406fe00000000000, 0x405c000000000000, 0x0, 0x406fe00000000000, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x3ff0000000000000, 0x0, 0x0, 0x0},
    },
    {
        {0x0, 0x0, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffff, 0xffff, 0x2, 0x7f, 0xff80, 0xff, 0x12c, 0xfed4, 0xffff, 0x1170, 0x8000, 0xffff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffff, 0xffff, 0x2, 0x7f, 0xff80, 0xff, 0x12c, 0xfed4, 0xffff, 0x1170, 0x8000, 0xffff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffff, 0xffff, 0x2, 0x7f, 0xff80, 0xff, 0x12c, 0xfed4, 0xffff, 0x1170, 0x8000, 0xffff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffff, 0xffff, 0x2, 0x7f, 0xff80, 0xff, 0x12c, 0xfed4, 0xffff, 0x1170, 0x8000, 0xffff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffff, 0xffff, 0x2, 0x7f, 0xff80, 0xff, 0x12c, 0xfed4, 0xffff, 0x1170, 0x8000, 0xffff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffff, 0xffff, 0x2, 0x7f, 0xff80, 0xff, 0x12c, 0xfed4, 0xffff, 0x1170, 0x8000, 0xffff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x3f800000, 0x477fff00, 0x477fff00, 0x40000000, 0x42fe0000, 0x477f8000, 0x437f0000, 0x43960000, 0x477ed400, 0x477fff00, 0x458b8000, 0x47000000, 0x477fff00, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x3f800000, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x3ff0000000000000, 0x40efffe000000000, 0x40efffe000000000, 0x4000000000000000, 0x405fc00000000000, 0x40eff00000000000, 0x406fe00000000000, 0x4072c00000000000, 0x40efda8000000000, 0x40efffe000000000, 0x40b1700000000000, 0x40e0000000000000, 0x40efffe000000000, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x3ff0000000000000, 0x0, 0x0, 0x0},
    },
    {
        {0x0, 0x0, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x0, 0x0, 0x0, 0x1, 0x0, 0x1, 0x0, 0x0, 0x0, 0x1, 0x1, 0x0, 0x1},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffff, 0xffff, 0x2, 0x7f, 0xff80, 0xff, 0x12c, 0xfed4, 0xffff, 0x1170, 0x8000, 0xffff, 0x5e00, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffff, 0xffffffff, 0x2, 0x7f, 0xffffff80, 0xff, 0x12c, 0xfffffed4, 0xffff, 0x11170, 0xffff8000, 0x7fffffff, 0xb2d05e00, 0x80000000, 0x0, 0x0, 0x0, 0x80000000, 0x0, 0x80000000, 0x0, 0x0, 0x0, 0x1000001, 0x80000000, 0x0, 0x80000000},
        {0x0, 0x0, 0x1, 0xffffffff, 0xffffffff, 0x2, 0x7f, 0xffffff80, 0xff, 0x12c, 0xfffffed4, 0xffff, 0x11170, 0xffff8000, 0x7fffffff, 0xb2d05e00, 0x80000000, 0x0, 0x0, 0x0, 0x80000000, 0x0, 0x80000000, 0x0, 0x0, 0x0, 0x1000001, 0x80000000, 0x0, 0x80000000},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffff, 0xffff, 0x2, 0x7f, 0xff80, 0xff, 0x12c, 0xfed4, 0xffff, 0x1170, 0x8000, 0xffff, 0x5e00, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffff, 0xffffffff, 0x2, 0x7f, 0xffffff80, 0xff, 0x12c, 0xfffffed4, 0xffff, 0x11170, 0xffff8000, 0x7fffffff, 0xb2d05e00, 0x80000000, 0x0, 0x0, 0x0, 0x80000000, 0x0, 0x80000000, 0x0, 0x0, 0x0, 0x1000001, 0x80000000, 0x0, 0x80000000},
        {0x0, 0x0, 0x1, 0xffffffff, 0xffffffff, 0x2, 0x7f, 0xffffff80, 0xff, 0x12c, 0xfffffed4, 0xffff, 0x11170, 0xffff8000, 0x7fffffff, 0xb2d05e00, 0x80000000, 0x0, 0x0, 0x0, 0x80000000, 0x0, 0x80000000, 0x0, 0x0, 0x0, 0x1000001, 0x80000000, 0x0, 0x80000000},
        {0x0, 0x0, 0x3f800000, 0x4f800000, 0x4f800000, 0x40000000, 0x42fe0000, 0x4f800000, 0x437f0000, 0x43960000, 0x4f7fffff, 0x477fff00, 0x4788b800, 0x4f7fff80, 0x4f000000, 0x4f32d05e, 0x4f000000, 0x0, 0x0, 0x0, 0x4f000000, 0x0, 0x4f000000, 0x0, 0x0, 0x0, 0x4b800000, 0x4f000000, 0x0, 0x4f000000},
        {0x0, 0x0, 0x3ff0000000000000, 0x41efffffffe00000, 0x41efffffffe00000, 0x4000000000000000, 0x405fc00000000000, 0x41effffff0000000, 0x406fe00000000000, 0x4072c00000000000, 0x41efffffda800000, 0x40efffe000000000, 0x40f1170000000000, 0x41effff000000000, 0x41dfffffffc00000, 0x41e65a0bc0000000, 0x41e0000000000000, 0x0, 0x0, 0x0, 0x41e0000000000000, 0x0, 0x41e0000000000000, 0x0, 0x0, 0x0, 0x4170000010000000, 0x41e0000000000000, 0x0, 0x41e0000000000000},
    },
    {
        {0x0, 0x0, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x0, 0x1, 0x1, 0x1, 0x0, 0x0, 0x0, 0x1, 0x1, 0x0, 0x1},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffff, 0xffff, 0x2, 0x7f, 0xff80, 0xff, 0x12c, 0xfed4, 0xffff, 0x1170, 0x8000, 0xffff, 0x5e00, 0xa200, 0x0, 0xe400, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffff, 0xffffffff, 0x2, 0x7f, 0xffffff80, 0xff, 0x12c, 0xfffffed4, 0xffff, 0x11170, 0xffff8000, 0x7fffffff, 0xb2d05e00, 0x4d2fa200, 0x0, 0x540be400, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1000001, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffffffffffff, 0xffffffffffffffff, 0x2, 0x7f, 0xffffffffffffff80, 0xff, 0x12c, 0xfffffffffffffed4, 0xffff, 0x11170, 0xffffffffffff8000, 0x7fffffff, 0xb2d05e00, 0xffffffff4d2fa200, 0x100000000, 0x2540be400, 0x0, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x0, 0x0, 0x0, 0x1000001, 0x8000000000000000, 0x0, 0x8000000000000000},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffff, 0xffff, 0x2, 0x7f, 0xff80, 0xff, 0x12c, 0xfed4, 0xffff, 0x1170, 0x8000, 0xffff, 0x5e00, 0xa200, 0x0, 0xe400, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffff, 0xffffffff, 0x2, 0x7f, 0xffffff80, 0xff, 0x12c, 0xfffffed4, 0xffff, 0x11170, 0xffff8000, 0x7fffffff, 0xb2d05e00, 0x4d2fa200, 0x0, 0x540be400, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1000001, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffffffffffff, 0xffffffffffffffff, 0x2, 0x7f, 0xffffffffffffff80, 0xff, 0x12c, 0xfffffffffffffed4, 0xffff, 0x11170, 0xffffffffffff8000, 0x7fffffff, 0xb2d05e00, 0xffffffff4d2fa200, 0x100000000, 0x2540be400, 0x0, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x0, 0x0, 0x0, 0x1000001, 0x8000000000000000, 0x0, 0x8000000000000000},
        {0x0, 0x0, 0x3f800000, 0x5f800000, 0x5f800000, 0x40000000, 0x42fe0000, 0x5f800000, 0x437f0000, 0x43960000, 0x5f800000, 0x477fff00, 0x4788b800, 0x5f800000, 0x4f000000, 0x4f32d05e, 0x5f800000, 0x4f800000, 0x501502f9, 0x0, 0x5f000000, 0x5f000000, 0x5f000000, 0x0, 0x0, 0x0, 0x4b800000, 0x5f000000, 0x0, 0x5f000000},
        {0x0, 0x0, 0x3ff0000000000000, 0x43f0000000000000, 0x43f0000000000000, 0x4000000000000000, 0x405fc00000000000, 0x43f0000000000000, 0x406fe00000000000, 0x4072c00000000000, 0x43f0000000000000, 0x40efffe000000000, 0x40f1170000000000, 0x43effffffffffff0, 0x41dfffffffc00000, 0x41e65a0bc0000000, 0x43efffffffe9a5f4, 0x41f0000000000000, 0x4202a05f20000000, 0x0, 0x43e0000000000000, 0x43e0000000000000, 0x43e0000000000000, 0x0, 0x0, 0x0, 0x4170000010000000, 0x43e0000000000000, 0x0, 0x43e0000000000000},
    },
    {
        {0x0, 0x0, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x0, 0x1, 0x1, 0x1, 0x1},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffff, 0xffff, 0x2, 0x7f, 0xff80, 0xff, 0x12c, 0xfed4, 0xffff, 0x1170, 0x8000, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffff, 0xffffffff, 0x2, 0x7f, 0xffffff80, 0xff, 0x12c, 0xfffffed4, 0xffff, 0x11170, 0xffff8000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x0, 0x1000000, 0x80000000, 0x80000000, 0x80000000},
        {0x0, 0x0, 0x1, 0xffffffffffffffff, 0xffffffffffffffff, 0x2, 0x7f, 0xffffffffffffff80, 0xff, 0x12c, 0xfffffffffffffed4, 0xffff, 0x11170, 0xffffffffffff8000, 0x80000000, 0xb2d05e00, 0xffffffff4d2fa200, 0x100000000, 0x2540be400, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x0, 0x1000000, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffff, 0xffff, 0x2, 0x7f, 0xff80, 0xff, 0x12c, 0xfed4, 0xffff, 0x1170, 0x8000, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffff, 0xffffffff, 0x2, 0x7f, 0xffffff80, 0xff, 0x12c, 0xfffffed4, 0xffff, 0x11170, 0xffff8000, 0x80000000, 0xb2d05e00, 0x80000000, 0x0, 0x0, 0x0, 0x80000000, 0x0, 0x80000000, 0x0, 0x0, 0x0, 0x1000000, 0x80000000, 0x0, 0x80000000},
        {0x0, 0x0, 0x1, 0xffffffffffffffff, 0xffffffffffffffff, 0x2, 0x7f, 0xffffffffffffff80, 0xff, 0x12c, 0xfffffffffffffed4, 0xffff, 0x11170, 0xffffffffffff8000, 0x80000000, 0xb2d05e00, 0xffffffff4d2fa200, 0x100000000, 0x2540be400, 0x0, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x0, 0x0, 0x0, 0x1000000, 0x8000000000000000, 0x0, 0x8000000000000000},
        {0x0, 0x80000000, 0x3f800000, 0xbf800000, 0xbfc00000, 0x40200000, 0x42ffcccd, 0xc3008000, 0x437f8000, 0x4396599a, 0xc396599a, 0x477fffe6, 0x4788b840, 0xc70000b3, 0x4f000000, 0x4f32d05e, 0xcf32d05e, 0x4f800000, 0x501502f9, 0x60ad78ec, 0xe0ad78ec, 0x5f000000, 0xdf000000, 0x5f800000, 0x7f800000, 0x0, 0x4b800000, 0x7fc00000, 0x7f800000, 0xff800000},
        {0x0, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000, 0xbff8000000000000, 0x4004000000000000, 0x405ff999a0000000, 0xc060100000000000, 0x406ff00000000000, 0x4072cb3340000000, 0xc072cb3340000000, 0x40effffcc0000000, 0x40f1170800000000, 0xc0e0001660000000, 0x41e0000000000000, 0x41e65a0bc0000000, 0xc1e65a0bc0000000, 0x41f0000000000000, 0x4202a05f20000000, 0x4415af1d80000000, 0xc415af1d80000000, 0x43e0000000000000, 0xc3e0000000000000, 0x43f0000000000000, 0x7ff0000000000000, 0x0, 0x4170000000000000, 0x7ff8000000000000, 0x7ff0000000000000, 0xfff0000000000000},
    },
    {
        {0x0, 0x0, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1, 0x1},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffff, 0xffff, 0x2, 0x7f, 0xff80, 0xff, 0x12c, 0xfed4, 0xffff, 0x1170, 0x8000, 0xffff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffff, 0xffffffff, 0x2, 0x7f, 0xffffff80, 0xff, 0x12c, 0xfffffed4, 0xffff, 0x11170, 0xffff8000, 0x7fffffff, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x0, 0x1000001, 0x80000000, 0x80000000, 0x80000000},
        {0x0, 0x0, 0x1, 0xffffffffffffffff, 0xffffffffffffffff, 0x2, 0x7f, 0xffffffffffffff80, 0xff, 0x12c, 0xfffffffffffffed4, 0xffff, 0x11170, 0xffffffffffff8000, 0x7fffffff, 0xb2d05e00, 0xffffffff4d2fa200, 0x100000000, 0x2540be400, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x0, 0x1000001, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000},
        {0x0, 0x0, 0x1, 0xff, 0xff, 0x2, 0x7f, 0x80, 0xff, 0x2c, 0xd4, 0xff, 0x70, 0x0, 0xff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffff, 0xffff, 0x2, 0x7f, 0xff80, 0xff, 0x12c, 0xfed4, 0xffff, 0x1170, 0x8000, 0xffff, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0},
        {0x0, 0x0, 0x1, 0xffffffff, 0xffffffff, 0x2, 0x7f, 0xffffff80, 0xff, 0x12c, 0xfffffed4, 0xffff, 0x11170, 0xffff8000, 0x7fffffff, 0xb2d05e00, 0x80000000, 0x0, 0x0, 0x0, 0x80000000, 0x0, 0x80000000, 0x0, 0x0, 0x0, 0x1000001, 0x80000000, 0x0, 0x80000000},
        {0x0, 0x0, 0x1, 0xffffffffffffffff, 0xffffffffffffffff, 0x2, 0x7f, 0xffffffffffffff80, 0xff, 0x12c, 0xfffffffffffffed4, 0xffff, 0x11170, 0xffffffffffff8000, 0x7fffffff, 0xb2d05e00, 0xffffffff4d2fa200, 0x100000000, 0x2540be400, 0x0, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x0, 0x0, 0x0, 0x1000001, 0x8000000000000000, 0x0, 0x8000000000000000},
        {0x0, 0x80000000, 0x3f800000, 0xbf800000, 0xbfc00000, 0x40200000, 0x42ffcccd, 0xc3008000, 0x437f8000, 0x4396599a, 0xc396599a, 0x477fffe6, 0x4788b840, 0xc70000b3, 0x4f000000, 0x4f32d05e, 0xcf32d05e, 0x4f800000, 0x501502f9, 0x60ad78ec, 0xe0ad78ec, 0x5f000000, 0xdf000000, 0x5f800000, 0x7f800000, 0x0, 0x4b800000, 0x7fc00000, 0x7f800000, 0xff800000},
        {0x0, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000, 0xbff8000000000000, 0x4004000000000000, 0x405ff9999999999a, 0xc060100000000000, 0x406ff00000000000, 0x4072cb3333333333, 0xc072cb3333333333, 0x40effffccccccccd, 0x40f1170800000000, 0xc0e0001666666666, 0x41dffffffff9999a, 0x41e65a0bc0000000, 0xc1e65a0bc0000000, 0x41f0000000080000, 0x4202a05f20000000, 0x4415af1d78b58c40, 0xc415af1d78b58c40, 0x43e0000000000000, 0xc3e0000000000000, 0x43f0000000000000, 0x7feab36d48e1acf0, 0x1a56e1fc2f8f359, 0x4170000010000000, 0x7ff8000000000000, 0x7ff0000000000000, 0xfff0000000000000},
    },
};
// NumPy strided loop differs: float32 -> uint32 at samples [16, 18, 20, 22, 27, 29]
// NumPy unrepeated loop differs: float32 -> uint32 at samples [29]
// NumPy strided loop differs: float64 -> uint32 at samples [16, 18, 20, 22, 27, 29]
// NumPy unrepeated loop differs: float64 -> uint32 at samples [29]

/* ------------------------------------------------------------ dtypes */

static void test_dtype_facts(void **state) {
    (void)state;
    static const struct {
        const char *name;
        size_t size;
        bool is_float, is_int, is_signed;
    } want[ND_NUM_DTYPES] = {
        {"bool", 1, false, false, false},    {"int8", 1, false, true, true},
        {"int16", 2, false, true, true},     {"int32", 4, false, true, true},
        {"int64", 8, false, true, true},     {"uint8", 1, false, true, false},
        {"uint16", 2, false, true, false},   {"uint32", 4, false, true, false},
        {"uint64", 8, false, true, false},   {"float32", 4, true, false, true},
        {"float64", 8, true, false, true},
    };
    for (int d = 0; d < ND_NUM_DTYPES; d++) {
        assert_string_equal(nd_dtype_name(ALL[d]), want[d].name);
        assert_int_equal(nd_dtype_size(ALL[d]), want[d].size);
        assert_int_equal(nd_dtype_is_float(ALL[d]), want[d].is_float);
        assert_int_equal(nd_dtype_is_integer(ALL[d]), want[d].is_int);
        assert_int_equal(nd_dtype_is_signed(ALL[d]), want[d].is_signed);
    }
    const nd_dtype bad[] = {ND_NUM_DTYPES, (nd_dtype)-1, (nd_dtype)1000};
    for (int i = 0; i < 3; i++) {
        assert_null(nd_dtype_name(bad[i]));
        assert_int_equal(nd_dtype_size(bad[i]), 0);
        assert_false(nd_dtype_is_float(bad[i]));
        assert_false(nd_dtype_is_integer(bad[i]));
        assert_false(nd_dtype_is_signed(bad[i]));
    }
    assert_int_equal(nd_last_status(), ND_OK);
}

static void test_promote_types(void **state) {
    (void)state;
    for (int a = 0; a < ND_NUM_DTYPES; a++)
        for (int b = 0; b < ND_NUM_DTYPES; b++)
            if (nd_promote_types(ALL[a], ALL[b]) != PROMOTE[a][b])
                fail_msg("promote_types(%s, %s) = %s, NumPy says %s", nd_dtype_name(ALL[a]), nd_dtype_name(ALL[b]),
                         nd_dtype_name(nd_promote_types(ALL[a], ALL[b])), nd_dtype_name(PROMOTE[a][b]));
    assert_int_equal(nd_last_status(), ND_OK);
    assert_int_equal(nd_promote_types(ND_NUM_DTYPES, ND_INT8), ND_NUM_DTYPES);
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_promote_types: invalid dtype 11");
    assert_int_equal(nd_promote_types(ND_INT8, (nd_dtype)-2), ND_NUM_DTYPES);
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "invalid dtype -2");
}

static void test_can_cast(void **state) {
    (void)state;
    const nd_casting levels[4] = {ND_CAST_NO, ND_CAST_SAFE, ND_CAST_SAME_KIND, ND_CAST_UNSAFE};
    const char *names[4] = {"no", "safe", "same_kind", "unsafe"};
    for (int c = 0; c < 4; c++)
        for (int a = 0; a < ND_NUM_DTYPES; a++)
            for (int b = 0; b < ND_NUM_DTYPES; b++)
                if (nd_can_cast(ALL[a], ALL[b], levels[c]) != (CAN_CAST[c][a][b] == '1'))
                    fail_msg("can_cast(%s, %s, %s) disagrees with NumPy", nd_dtype_name(ALL[a]),
                             nd_dtype_name(ALL[b]), names[c]);
    assert_false(nd_can_cast(ND_NUM_DTYPES, ND_FLOAT64, ND_CAST_UNSAFE));
    assert_false(nd_can_cast(ND_INT8, (nd_dtype)-1, ND_CAST_UNSAFE));
    assert_false(nd_can_cast(ND_INT8, ND_INT8, (nd_casting)9));
}

static void test_result_type(void **state) {
    (void)state;
    for (int a = 0; a < ND_NUM_DTYPES; a++) {
        for (int b = 0; b < ND_NUM_DTYPES; b++) {
            /* 0-d arrays promote by dtype too (NEP 50) */
            nd_array *x = nd_zeros(1, SH(2), ALL[a]), *y = nd_zeros(0, NULL, ALL[b]);
            assert_int_equal(nd_result_type(x, y), PROMOTE[a][b]);
            assert_int_equal(nd_result_type(y, x), PROMOTE[b][a]);
            nd_free(x);
            nd_free(y);
        }
    }
    nd_array *x = nd_zeros(0, NULL, ND_INT8);
    assert_int_equal(nd_result_type(NULL, x), ND_NUM_DTYPES);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_result_type: argument 'a' is NULL");
    assert_int_equal(nd_result_type(x, NULL), ND_NUM_DTYPES);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_result_type: argument 'b' is NULL");
    nd_free(x);
}

/* ------------------------------------------------------------ astype */

/* Packs NumPy's values of dtype dt (ASTYPE[FLOAT64][dt], raw bits) into buf
 * at element stride `stride` (in elements), starting at element `first`. */
static void pack(char *buf, nd_dtype dt, int64_t first, int64_t stride) {
    size_t isz = nd_dtype_size(dt);
    for (int64_t i = 0; i < NSAMPLES; i++)
        memcpy(buf + (size_t)(first + i * stride) * isz, &ASTYPE[ND_FLOAT64][dt][i], isz);
}

/* Sample i as the float64 NumPy started from. */
static double sample(int64_t i) {
    double v;
    memcpy(&v, &ASTYPE[ND_FLOAT64][ND_FLOAT64][i], sizeof v);
    return v;
}

typedef struct mismatches {
    int count;
    char first[8][160];
} mismatches;

static void check_cast(mismatches *m, const char *how, nd_dtype s, nd_dtype d, int64_t i, uint64_t got) {
    uint64_t want = ASTYPE[s][d][i];
    if (got == want) return;
    if (m->count < 8)
        snprintf(m->first[m->count], sizeof m->first[0], "%s %s -> %s, sample %lld (%.17g): got %#llx, NumPy %#llx", how,
                 nd_dtype_name(s), nd_dtype_name(d), (long long)i, sample(i), (unsigned long long)got,
                 (unsigned long long)want);
    m->count++;
}

/* Every source dtype to every destination dtype on the samples: contiguous,
 * from a reversed strided source, and through nd_copyto into a strided
 * destination, all against NumPy's a.astype(dt) of a contiguous array. For
 * float to uint32 out of range NumPy's answer depends on the loop (strided,
 * or the SIMD body or scalar tail of the contiguous one; see the notes after
 * the table); libnd gives the SIMD body's everywhere. */
static void test_astype_all_pairs(void **state) {
    (void)state;
    mismatches m = {0};
    for (int si = 0; si < ND_NUM_DTYPES; si++) {
        nd_dtype s = ALL[si];
        size_t isz = nd_dtype_size(s);
        _Alignas(8) char flat[NSAMPLES * 8], spread[NSAMPLES * 3 * 8];
        pack(flat, s, 0, 1);
        pack(spread, s, 3 * (NSAMPLES - 1), -3);
        nd_array *a = nd_wrap(flat, 1, SH(NSAMPLES), NULL, s, NULL, NULL);
        nd_array *r = nd_wrap(spread + 3 * (NSAMPLES - 1) * isz, 1, SH(NSAMPLES), SH(-3), s, NULL, NULL);
        ND_ASSERT_ARRAY(a);
        ND_ASSERT_ARRAY(r);
        for (int di = 0; di < ND_NUM_DTYPES; di++) {
            nd_dtype d = ALL[di];
            nd_array *c = nd_astype(a, d), *cr = nd_astype(r, d);
            ND_ASSERT_ARRAY(c);
            ND_ASSERT_ARRAY(cr);
            assert_int_equal(nd_dtype_of(c), d);
            assert_true(nd_is_c_contiguous(cr));
            _Alignas(8) char out[NSAMPLES * 2 * 8];
            memset(out, 0xa5, sizeof out);
            nd_array *dst = nd_wrap(out, 1, SH(NSAMPLES), SH(2), d, NULL, NULL);
            ND_ASSERT_OK(nd_copyto(dst, a));
            size_t dsz = nd_dtype_size(d);
            for (int64_t i = 0; i < NSAMPLES; i++) {
                check_cast(&m, "contiguous", s, d, i, bits_at(c, i));
                check_cast(&m, "strided", s, d, i, bits_at(cr, i));
                uint64_t v = 0;
                memcpy(&v, out + (size_t)(2 * i) * dsz, dsz);
                check_cast(&m, "copyto", s, d, i, v);
                /* the gaps of the strided destination are untouched */
                for (size_t b = 0; b < dsz; b++) assert_int_equal((unsigned char)out[(size_t)(2 * i + 1) * dsz + b], 0xa5);
            }
            nd_free(c);
            nd_free(cr);
            nd_free(dst);
        }
        nd_free(a);
        nd_free(r);
    }
    if (m.count) {
        for (int i = 0; i < m.count && i < 8; i++) print_error("%s\n", m.first[i]);
        fail_msg("%d conversions differ from NumPy 1.24 (first ones above)", m.count);
    }
}

/* astype of views, 0-d and empty arrays, and its errors. */
static void test_astype_shapes(void **state) {
    (void)state;
    double buf[12];
    for (int i = 0; i < 12; i++) buf[i] = i - 5.5;
    nd_array *t = nd_wrap(buf, 2, SH(4, 3), SH(1, 4), ND_FLOAT64, NULL, NULL); /* transposed */
    nd_array *c = nd_astype(t, ND_INT16);
    nd_test_shape(c, 2, SH(4, 3));
    assert_true(nd_is_c_contiguous(c));
    const int16_t want[12] = {-5, -1, 2, -4, 0, 3, -3, 0, 4, -2, 1, 5};
    assert_memory_equal(nd_data(c), want, sizeof want);
    nd_free(c);
    nd_free(t);
    nd_array *s = nd_scalar(-1.5, ND_FLOAT32);
    c = nd_astype(s, ND_UINT8);
    assert_int_equal(nd_ndim(c), 0);
    assert_int_equal(*(uint8_t *)nd_data(c), 255);
    nd_free(c);
    nd_free(s);
    nd_array *e = nd_zeros(3, SH(2, 0, 3), ND_INT64);
    c = nd_astype(e, ND_BOOL);
    nd_test_shape(c, 3, SH(2, 0, 3));
    assert_int_equal(nd_dtype_of(c), ND_BOOL);
    nd_free(c);
    assert_null(nd_astype(e, ND_NUM_DTYPES));
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_astype: invalid dtype 11");
    nd_free(e);
    assert_null(nd_astype(NULL, ND_INT8));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_astype: argument 'a' is NULL");
}

/* ------------------------------------------------------------ copies */

/* A 3x4 float64 base 0..11 and views of it made with nd_wrap's strides. */
typedef struct view_case {
    const char *name;
    int ndim;
    int64_t offset, shape[2], strides[2];
    double want[12]; /* C-order values */
    bool c_contig;
} view_case;
static const view_case VIEWS[] = {
    {"contiguous", 2, 0, {3, 4}, {4, 1}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, true},
    {"transposed", 2, 0, {4, 3}, {1, 4}, {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, false},
    {"both reversed", 2, 11, {3, 4}, {-4, -1}, {11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0}, false},
    {"columns reversed", 2, 3, {3, 4}, {4, -1}, {3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8}, false},
    {"every other column", 2, 1, {3, 2}, {4, 2}, {1, 3, 5, 7, 9, 11}, false},
    {"one row", 1, 4, {4}, {1}, {4, 5, 6, 7}, true},
    {"one column, reversed", 1, 10, {3}, {-4}, {10, 6, 2}, false},
};
#define NVIEWS (int)(sizeof VIEWS / sizeof VIEWS[0])

static nd_array *make_view(double *base, const view_case *v) {
    nd_array *a = nd_wrap(base + v->offset, v->ndim, v->shape, v->strides, ND_FLOAT64, NULL, NULL);
    ND_ASSERT_ARRAY(a);
    return a;
}

static void test_copy_and_contiguous(void **state) {
    (void)state;
    for (int k = 0; k < NVIEWS; k++) {
        double base[12];
        for (int i = 0; i < 12; i++) base[i] = i;
        nd_array *v = make_view(base, &VIEWS[k]);
        assert_int_equal(nd_is_c_contiguous(v), VIEWS[k].c_contig);
        nd_array *c = nd_copy(v);
        ND_ASSERT_ARRAY(c);
        nd_test_shape(c, VIEWS[k].ndim, VIEWS[k].shape);
        assert_true(nd_is_c_contiguous(c));
        assert_true(nd_is_writeable(c));
        assert_false(nd_may_share_memory(c, v));
        assert_memory_equal(nd_data(c), VIEWS[k].want, sizeof(double) * (size_t)nd_size(c));
        nd_array *ac = nd_ascontiguousarray(v);
        ND_ASSERT_ARRAY(ac);
        assert_true(nd_is_c_contiguous(ac));
        expect_f64(ac, VIEWS[k].want);
        /* already C-contiguous: the same memory, as a new handle */
        if (VIEWS[k].c_contig) assert_ptr_equal(nd_data(ac), nd_data(v));
        else assert_false(nd_may_share_memory(ac, v));
        /* the copies are independent of the base */
        base[VIEWS[k].offset] = -1;
        assert_true(((double *)nd_data(c))[0] == VIEWS[k].want[0]);
        nd_free(ac);
        nd_free(c);
        nd_free(v);
    }
    nd_array *s = nd_scalar(2.5, ND_FLOAT32), *e = nd_zeros(2, SH(0, 3), ND_INT8);
    nd_array *sc = nd_copy(s), *ec = nd_copy(e);
    assert_int_equal(nd_ndim(sc), 0);
    assert_true(*(float *)nd_data(sc) == 2.5f);
    nd_test_shape(ec, 2, SH(0, 3));
    nd_free(sc);
    nd_free(ec);
    nd_free(s);
    nd_free(e);
    assert_null(nd_copy(NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_copy: argument 'a' is NULL");
    assert_null(nd_ascontiguousarray(NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_ascontiguousarray: argument 'a' is NULL");
}

static void test_copyto(void **state) {
    (void)state;
    /* into every view: src broadcast from (4,)/(1,)/0-d or full shape */
    for (int k = 0; k < NVIEWS; k++) {
        const view_case *vc = &VIEWS[k];
        double base[12];
        for (int i = 0; i < 12; i++) base[i] = 100 + i;
        nd_array *dst = make_view(base, vc);
        int64_t n = nd_size(dst), last = vc->shape[vc->ndim - 1];
        double row[4] = {-1, -2, -3, -4};
        nd_array *src = nd_wrap(row, 1, &last, NULL, ND_FLOAT64, NULL, NULL);
        ND_ASSERT_OK(nd_copyto(dst, src));
        double got[12], want[12];
        read_f64(dst, got);
        for (int64_t i = 0; i < n; i++) want[i] = row[i % last];
        assert_memory_equal(got, want, sizeof(double) * (size_t)n);
        /* elements outside the view are untouched */
        int64_t touched = 0;
        for (int i = 0; i < 12; i++) touched += base[i] < 0;
        assert_int_equal(touched, n);
        nd_free(src);
        /* a float32 source of the full shape, converted */
        nd_array *f = nd_full(vc->ndim, vc->shape, ND_FLOAT32, 0.5);
        ND_ASSERT_OK(nd_copyto(dst, f));
        read_f64(dst, got);
        for (int64_t i = 0; i < n; i++) assert_true(got[i] == 0.5);
        nd_free(f);
        nd_free(dst);
    }
    /* casting: float64 into int8 is unsafe but copyto casts as astype */
    int8_t out[6];
    nd_array *d8 = nd_wrap(out, 2, SH(2, 3), NULL, ND_INT8, NULL, NULL);
    nd_array *col = nd_from_data((double[]){300.7, -1.5}, 2, SH(2, 1), ND_FLOAT64);
    ND_ASSERT_OK(nd_copyto(d8, col));
    assert_memory_equal(out, ((int8_t[]){44, 44, 44, -1, -1, -1}), 6);
    nd_array *zero_d = nd_scalar(7, ND_UINT64);
    ND_ASSERT_OK(nd_copyto(d8, zero_d));
    assert_memory_equal(out, ((int8_t[]){7, 7, 7, 7, 7, 7}), 6);

    /* shape errors leave dst alone */
    /* np.copyto accepts extra leading length-1 axes, (1,2,3) into (2,3),
     * but not (2,2,3) */
    nd_array *ones3 = nd_ones(3, SH(1, 2, 3), ND_INT8);
    ND_ASSERT_OK(nd_copyto(d8, ones3));
    assert_memory_equal(out, ((int8_t[]){1, 1, 1, 1, 1, 1}), 6);
    nd_free(ones3);
    ND_ASSERT_OK(nd_copyto(d8, zero_d));
    nd_array *bad[] = {nd_zeros(1, SH(2), ND_INT8), nd_zeros(3, SH(2, 2, 3), ND_INT8), nd_zeros(2, SH(3, 3), ND_INT8)};
    const char *msg[] = {"nd_copyto: could not broadcast input of shape (2,) into shape (2,3)",
                         "could not broadcast input of shape (2,2,3) into shape (2,3)",
                         "could not broadcast input of shape (3,3) into shape (2,3)"};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(nd_copyto(d8, bad[i]), ND_ERR_SHAPE);
        ND_ASSERT_ERROR(ND_ERR_SHAPE, msg[i]);
        assert_memory_equal(out, ((int8_t[]){7, 7, 7, 7, 7, 7}), 6);
        nd_free(bad[i]);
    }
    /* a size-0 source broadcasts only into a size-0 destination */
    nd_array *e = nd_zeros(1, SH(0), ND_INT8), *e2 = nd_zeros(2, SH(3, 0), ND_FLOAT64);
    assert_int_equal(nd_copyto(d8, e), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "could not broadcast input of shape (0,) into shape (2,3)");
    ND_ASSERT_OK(nd_copyto(e2, e));
    nd_free(e);
    nd_free(e2);
    /* read-only destination: stride 0 (a broadcast view) */
    double one = 1;
    nd_array *ro = nd_wrap(&one, 2, SH(3, 4), SH(0, 0), ND_FLOAT64, NULL, NULL);
    assert_int_equal(nd_copyto(ro, zero_d), ND_ERR_READONLY);
    ND_ASSERT_ERROR(ND_ERR_READONLY, "nd_copyto: output has stride 0 along axis 0");
    assert_true(one == 1);
    nd_free(ro);
    /* NULLs, and a pending error is kept */
    assert_int_equal(nd_copyto(NULL, zero_d), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_copyto: argument 'dst' is NULL");
    assert_int_equal(nd_copyto(d8, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_copyto: argument 'src' is NULL");
    nd_free(zero_d);
    nd_free(col);
    nd_free(d8);

    /* overlapping source and destination: as if the source were copied */
    double buf[8] = {0, 1, 2, 3, 4, 5, 6, 7};
    nd_array *lo = nd_wrap(buf, 1, SH(6), NULL, ND_FLOAT64, NULL, NULL);
    nd_array *hi = nd_wrap(buf + 2, 1, SH(6), NULL, ND_FLOAT64, NULL, NULL);
    ND_ASSERT_OK(nd_copyto(hi, lo));
    assert_memory_equal(buf, ((double[]){0, 1, 0, 1, 2, 3, 4, 5}), sizeof buf);
    nd_array *rev = nd_wrap(buf + 7, 1, SH(8), SH(-1), ND_FLOAT64, NULL, NULL);
    nd_array *all = nd_wrap(buf, 1, SH(8), NULL, ND_FLOAT64, NULL, NULL);
    ND_ASSERT_OK(nd_copyto(all, rev)); /* np.copyto(x, x[::-1]) */
    assert_memory_equal(buf, ((double[]){5, 4, 3, 2, 1, 0, 1, 0}), sizeof buf);
    nd_free(lo);
    nd_free(hi);
    nd_free(rev);
    nd_free(all);
}

static void test_copy_to(void **state) {
    (void)state;
    for (int k = 0; k < NVIEWS; k++) {
        double base[12], out[13];
        for (int i = 0; i < 12; i++) base[i] = i;
        nd_array *v = make_view(base, &VIEWS[k]);
        size_t need = sizeof(double) * (size_t)nd_size(v);
        out[nd_size(v)] = -7;
        ND_ASSERT_OK(nd_copy_to(v, out, sizeof out));
        assert_memory_equal(out, VIEWS[k].want, need);
        assert_true(out[nd_size(v)] == -7); /* nothing past the values */
        ND_ASSERT_OK(nd_copy_to(v, out, need)); /* exactly enough */
        assert_int_equal(nd_copy_to(v, out, need - 1), ND_ERR_VALUE);
        char msg[96];
        snprintf(msg, sizeof msg, "nd_copy_to: destination holds %zu bytes but the array needs %zu", need - 1, need);
        ND_ASSERT_ERROR(ND_ERR_VALUE, msg);
        assert_int_equal(nd_copy_to(v, NULL, need), ND_ERR_NULL);
        ND_ASSERT_ERROR(ND_ERR_NULL, "nd_copy_to: argument 'dst' is NULL");
        nd_free(v);
    }
    /* other dtypes keep theirs; empty arrays need no destination */
    nd_array *u = nd_full(1, SH(3), ND_UINT16, 65535);
    uint16_t o16[3];
    ND_ASSERT_OK(nd_copy_to(u, o16, sizeof o16));
    assert_memory_equal(o16, ((uint16_t[]){65535, 65535, 65535}), sizeof o16);
    nd_free(u);
    nd_array *e = nd_zeros(2, SH(4, 0), ND_FLOAT64);
    ND_ASSERT_OK(nd_copy_to(e, NULL, 0));
    nd_free(e);
    assert_int_equal(nd_copy_to(NULL, o16, 6), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_copy_to: argument 'a' is NULL");
}

static void test_fill(void **state) {
    (void)state;
    for (int k = 0; k < NVIEWS; k++) {
        double base[12];
        for (int i = 0; i < 12; i++) base[i] = i;
        nd_array *v = make_view(base, &VIEWS[k]);
        ND_ASSERT_OK(nd_fill(v, -3.25));
        double got[12];
        read_f64(v, got);
        for (int64_t i = 0; i < nd_size(v); i++) assert_true(got[i] == -3.25);
        int64_t changed = 0;
        for (int i = 0; i < 12; i++) changed += base[i] == -3.25;
        assert_int_equal(changed, nd_size(v));
        nd_free(v);
    }
    /* converted as astype; 0-d and empty arrays */
    for (int d = 0; d < ND_NUM_DTYPES; d++) {
        nd_array *a = nd_empty(2, SH(3, 5), ALL[d]);
        ND_ASSERT_OK(nd_fill(a, 300.7));
        nd_array *s = nd_scalar(300.7, ALL[d]);
        for (int64_t i = 0; i < 15; i++) assert_int_equal(bits_at(a, i), bits_at(s, 0));
        nd_free(s);
        nd_free(a);
    }
    nd_array *z = nd_zeros(0, NULL, ND_INT32), *e = nd_zeros(1, SH(0), ND_INT32);
    ND_ASSERT_OK(nd_fill(z, -9));
    assert_int_equal(*(int32_t *)nd_data(z), -9);
    ND_ASSERT_OK(nd_fill(e, 1));
    nd_free(z);
    nd_free(e);
    double one = 1;
    nd_array *ro = nd_wrap(&one, 1, SH(5), SH(0), ND_FLOAT64, NULL, NULL);
    assert_int_equal(nd_fill(ro, 2), ND_ERR_READONLY);
    ND_ASSERT_ERROR(ND_ERR_READONLY, "nd_fill: output has stride 0 along axis 0");
    assert_true(one == 1);
    nd_free(ro);
    assert_int_equal(nd_fill(NULL, 1), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_fill: argument 'a' is NULL");
}

/* ------------------------------------------------------------ wrap */

static atomic_int g_deleted;
static void *g_deleted_data, *g_deleted_ctx;
static void counting_deleter(void *data, void *ctx) {
    atomic_fetch_add(&g_deleted, 1);
    g_deleted_data = data;
    g_deleted_ctx = ctx;
}

static void test_wrap(void **state) {
    (void)state;
    static double mem[6] = {1, 2, 3, 4, 5, 6};
    int tag;
    /* the deleter runs once, when the last handle goes, parent first */
    atomic_store(&g_deleted, 0);
    nd_array *a = nd_wrap(mem, 2, SH(2, 3), NULL, ND_FLOAT64, counting_deleter, &tag);
    ND_ASSERT_ARRAY(a);
    assert_ptr_equal(nd_data(a), mem);
    nd_array *v1 = nd_ascontiguousarray(a); /* a view: same memory */
    nd_array *v2 = nd_ascontiguousarray(v1);
    assert_ptr_equal(nd_data(v2), mem);
    nd_free(a);
    nd_free(v1);
    assert_int_equal(atomic_load(&g_deleted), 0);
    assert_true(((double *)nd_data(v2))[5] == 6); /* still alive */
    nd_free(v2);
    assert_int_equal(atomic_load(&g_deleted), 1);
    assert_ptr_equal(g_deleted_data, mem);
    assert_ptr_equal(g_deleted_ctx, &tag);
    /* ... and for a lone handle */
    a = nd_wrap(mem, 0, NULL, NULL, ND_INT8, counting_deleter, NULL);
    nd_free(a);
    assert_int_equal(atomic_load(&g_deleted), 2);
    /* without a deleter the memory stays the caller's, untouched */
    a = nd_wrap(mem, 1, SH(6), NULL, ND_FLOAT64, NULL, NULL);
    v1 = nd_ascontiguousarray(a);
    nd_free(a);
    nd_free(v1);
    assert_int_equal(atomic_load(&g_deleted), 2);
    assert_true(mem[0] == 1 && mem[5] == 6);

    /* custom strides, including negative and zero ones */
    int32_t ibuf[24];
    for (int i = 0; i < 24; i++) ibuf[i] = i;
    a = nd_wrap(ibuf + 23, 3, SH(2, 3, 4), SH(-12, -4, -1), ND_INT32, NULL, NULL);
    assert_memory_equal(nd_strides(a), SH(-12, -4, -1), 3 * sizeof(int64_t));
    assert_false(nd_is_c_contiguous(a));
    assert_false(nd_is_f_contiguous(a));
    assert_int_equal(nd_size(a), 24);
    assert_int_equal(nd_nbytes(a), 96);
    assert_int_equal(nd_itemsize(a), 4);
    nd_array *c = nd_copy(a);
    for (int i = 0; i < 24; i++) assert_int_equal(((int32_t *)nd_data(c))[i], 23 - i);
    nd_free(c);
    nd_free(a);
    a = nd_wrap(ibuf, 2, SH(3, 4), SH(0, 1), ND_INT32, NULL, NULL);
    assert_true(nd_is_writeable(a)); /* writeable, but nd_fill refuses stride 0 */
    nd_free(a);

    /* bad inputs: NULL, no deleter call */
    atomic_store(&g_deleted, 0);
    assert_null(nd_wrap(NULL, 1, SH(3), NULL, ND_FLOAT64, counting_deleter, NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_wrap: argument 'data' is NULL");
    a = nd_wrap(NULL, 2, SH(3, 0), NULL, ND_FLOAT64, NULL, NULL); /* empty: no data needed */
    ND_ASSERT_ARRAY(a);
    nd_free(a);
    assert_null(nd_wrap(mem, 1, SH(3), NULL, ND_NUM_DTYPES, counting_deleter, NULL));
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_wrap: invalid dtype 11");
    assert_null(nd_wrap(mem, -1, SH(3), NULL, ND_FLOAT64, counting_deleter, NULL));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_wrap: ndim -1 is outside [0, 32]");
    assert_null(nd_wrap(mem, 33, SH(3), NULL, ND_FLOAT64, counting_deleter, NULL));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "ndim 33");
    assert_null(nd_wrap(mem, 2, NULL, NULL, ND_FLOAT64, counting_deleter, NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_wrap: argument 'shape' is NULL");
    assert_null(nd_wrap(mem, 2, SH(3, -1), NULL, ND_FLOAT64, counting_deleter, NULL));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_wrap: negative dimension in shape (3,-1)");
    assert_null(nd_wrap(mem, 2, SH(INT64_C(1) << 62, 4), NULL, ND_FLOAT64, counting_deleter, NULL));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_wrap: shape (4611686018427387904,4) overflows");
    assert_null(nd_wrap(mem, 2, SH(3, 2), SH(INT64_C(1) << 62, 1), ND_INT8, counting_deleter, NULL));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_wrap: strides reach beyond the address space");
    assert_null(nd_wrap(mem, 1, SH(3), SH(INT64_MIN), ND_FLOAT64, counting_deleter, NULL));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "strides reach beyond");
    assert_int_equal(atomic_load(&g_deleted), 0);
    assert_true(mem[0] == 1);
}

/* ------------------------------------------------------------ flags, accessors, sharing */

static void test_flags(void **state) {
    (void)state;
    double buf[64] = {0};
    struct {
        int ndim;
        int64_t shape[3], strides[3];
        bool c, f;
    } cases[] = {
        {0, {0}, {0}, true, true},                       /* 0-d */
        {3, {3, 0, 2}, {0, 7, -3}, true, true},          /* size 0: any strides */
        {2, {1, 4}, {99, 1}, true, true},                /* size-1 axes: any stride */
        {2, {4, 1}, {1, 7}, true, true},
        {3, {2, 1, 3}, {3, 5, 1}, true, false},
        {3, {2, 1, 3}, {1, 5, 2}, false, true},
        {2, {2, 3}, {3, 1}, true, false},
        {2, {2, 3}, {1, 2}, false, true},
        {2, {2, 3}, {6, 2}, false, false},
        {1, {5}, {-1}, false, false},
        {1, {1}, {-1}, true, true},
        {2, {3, 4}, {0, 1}, false, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double *data = buf + 32;
        nd_array *a = nd_wrap(data, cases[i].ndim, cases[i].shape, cases[i].strides, ND_FLOAT64, NULL, NULL);
        ND_ASSERT_ARRAY(a);
        if (nd_is_c_contiguous(a) != cases[i].c || nd_is_f_contiguous(a) != cases[i].f)
            fail_msg("case %zu: C %d F %d", i, nd_is_c_contiguous(a), nd_is_f_contiguous(a));
        nd_free(a);
    }
    nd_array *z = nd_zeros(0, NULL, ND_INT8);
    assert_true(nd_is_c_contiguous(z) && nd_is_f_contiguous(z));
    assert_int_equal(nd_size(z), 1);
    nd_free(z);
}

static void test_accessors_null(void **state) {
    (void)state;
    assert_int_equal(nd_ndim(NULL), 0);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_ndim: argument 'a' is NULL");
    assert_null(nd_shape(NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_shape: argument 'a' is NULL");
    assert_null(nd_strides(NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_strides");
    assert_int_equal(nd_size(NULL), 0);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_size");
    assert_int_equal(nd_dtype_of(NULL), ND_NUM_DTYPES);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_dtype_of");
    assert_int_equal(nd_itemsize(NULL), 0);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_itemsize");
    assert_int_equal(nd_nbytes(NULL), 0);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_nbytes");
    assert_null(nd_data(NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_data");
    assert_false(nd_is_c_contiguous(NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_is_c_contiguous");
    assert_false(nd_is_f_contiguous(NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_is_f_contiguous");
    assert_false(nd_is_writeable(NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_is_writeable");
    nd_free(NULL); /* ignored, no error */
    assert_int_equal(nd_last_status(), ND_OK);
    nd_array *a = nd_zeros(2, SH(3, 5), ND_UINT16);
    assert_int_equal(nd_ndim(a), 2);
    assert_memory_equal(nd_shape(a), SH(3, 5), 2 * sizeof(int64_t));
    assert_memory_equal(nd_strides(a), SH(5, 1), 2 * sizeof(int64_t));
    assert_int_equal(nd_size(a), 15);
    assert_int_equal(nd_dtype_of(a), ND_UINT16);
    assert_int_equal(nd_itemsize(a), 2);
    assert_int_equal(nd_nbytes(a), 30);
    nd_free(a);
    char v[32];
    snprintf(v, sizeof v, "%d.%d.%d", ND_VERSION_MAJOR, ND_VERSION_MINOR, ND_VERSION_PATCH);
    assert_string_equal(nd_version(), v);
}

static void test_may_share_memory(void **state) {
    (void)state;
    double buf[16];
    nd_array *all = nd_wrap(buf, 1, SH(16), NULL, ND_FLOAT64, NULL, NULL);
    nd_array *lo = nd_wrap(buf, 1, SH(8), NULL, ND_FLOAT64, NULL, NULL);
    nd_array *hi = nd_wrap(buf + 8, 1, SH(8), NULL, ND_FLOAT64, NULL, NULL);
    nd_array *mid = nd_wrap(buf + 7, 1, SH(2), NULL, ND_FLOAT64, NULL, NULL);
    nd_array *even = nd_wrap(buf, 1, SH(8), SH(2), ND_FLOAT64, NULL, NULL);
    nd_array *odd = nd_wrap(buf + 1, 1, SH(8), SH(2), ND_FLOAT64, NULL, NULL);
    nd_array *rev = nd_wrap(buf + 15, 1, SH(8), SH(-1), ND_FLOAT64, NULL, NULL); /* buf[8..15] */
    nd_array *none = nd_wrap(buf + 4, 1, SH(0), NULL, ND_FLOAT64, NULL, NULL);
    nd_array *other = nd_zeros(1, SH(16), ND_FLOAT64);
    /* pairs and NumPy's np.may_share_memory answer */
    const struct { const nd_array *a, *b; bool want; const char *what; } c[] = {
        {all, lo, true, "all, lo"},     {lo, hi, false, "lo, hi"},         {mid, lo, true, "mid, lo"},
        {mid, hi, true, "mid, hi"},     {even, odd, true, "even, odd"},   /* bounds overlap */
        {rev, hi, true, "rev, hi"},     {rev, lo, false, "rev, lo"},       {all, all, true, "all, all"},
        {other, all, false, "other, all"}, {NULL, all, false, "NULL, all"}, {all, NULL, false, "all, NULL"},
        {none, all, false, "empty, all"}, /* an empty array shares nothing */
    };
    bool got[sizeof c / sizeof c[0]];
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) got[i] = nd_may_share_memory(c[i].a, c[i].b);
    nd_array *arrs[] = {all, lo, hi, mid, even, odd, rev, none, other};
    for (size_t i = 0; i < sizeof arrs / sizeof arrs[0]; i++) nd_free(arrs[i]);
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
        if (got[i] != c[i].want) fail_msg("nd_may_share_memory(%s) is %d, NumPy says %d", c[i].what, got[i], c[i].want);
}

/* ------------------------------------------------------------ allocator hooks */

#define MAX_LIVE 4096
typedef struct counting {
    pthread_mutex_t mu;
    void *live[MAX_LIVE];
    int nlive, allocs, frees, foreign, fail_after;
} counting;

static void *count_alloc(size_t size, size_t align, void *ctx) {
    counting *c = ctx;
    void *p = NULL;
    pthread_mutex_lock(&c->mu);
    if (c->fail_after >= 0 && c->allocs >= c->fail_after) {
        pthread_mutex_unlock(&c->mu);
        return NULL;
    }
    if (c->nlive < MAX_LIVE && posix_memalign(&p, align < sizeof(void *) ? sizeof(void *) : align, size ? size : 1) == 0) {
        c->live[c->nlive++] = p;
        c->allocs++;
    }
    pthread_mutex_unlock(&c->mu);
    return p;
}

/* Frees only blocks this hook made; anything else is counted as foreign. */
static void count_free(void *p, void *ctx) {
    counting *c = ctx;
    pthread_mutex_lock(&c->mu);
    int i = 0;
    while (i < c->nlive && c->live[i] != p) i++;
    if (i == c->nlive) {
        c->foreign++;
    } else {
        c->live[i] = c->live[--c->nlive];
        c->frees++;
        free(p);
    }
    pthread_mutex_unlock(&c->mu);
}

static void counting_init(counting *c) {
    memset(c, 0, sizeof *c);
    pthread_mutex_init(&c->mu, NULL);
    c->fail_after = -1;
}

static void test_allocator(void **state) {
    (void)state;
    static counting A, B;
    counting_init(&A);
    counting_init(&B);
    nd_allocator ha = {count_alloc, count_free, &A}, hb = {count_alloc, count_free, &B};
    ND_ASSERT_OK(nd_set_allocator(&ha));
    nd_array *xs[40];
    int nx = 0;
    for (int d = 0; d < ND_NUM_DTYPES; d++) {
        for (int64_t n = 1; n <= 67; n += 33) {
            nd_array *a = nd_ones(1, &n, ALL[d]);
            ND_ASSERT_ARRAY(a);
            assert_int_equal((uintptr_t)nd_data(a) % 64, 0);
            xs[nx++] = a;
        }
    }
    double mem[6] = {0};
    nd_array *w = nd_wrap(mem, 2, SH(2, 3), SH(1, 2), ND_FLOAT64, NULL, NULL);
    xs[nx++] = w;
    xs[nx++] = nd_copy(w); /* through the engine */
    xs[nx++] = nd_ascontiguousarray(xs[0]);
    assert_true(A.allocs > 0);
    int a_allocs = A.allocs;
    /* new hooks serve new memory; old memory still goes back to A */
    ND_ASSERT_OK(nd_set_allocator(&hb));
    nd_array *y = nd_zeros(2, SH(50, 50), ND_FLOAT64);
    assert_int_equal((uintptr_t)nd_data(y) % 64, 0);
    assert_true(B.allocs > 0);
    for (int i = 0; i < nx; i++) nd_free(xs[i]);
    assert_int_equal(A.allocs, a_allocs);
    assert_int_equal(A.nlive, 0);
    assert_int_equal(A.frees, A.allocs);
    /* a bad setting is refused and changes nothing */
    nd_allocator half = {count_alloc, NULL, &A};
    assert_int_equal(nd_set_allocator(&half), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_set_allocator: alloc and free hooks must both be set");
    half = (nd_allocator){NULL, count_free, &A};
    assert_int_equal(nd_set_allocator(&half), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "alloc and free hooks must both be set");
    int b_before = B.allocs;
    nd_array *y2 = nd_copy(y);
    assert_true(B.allocs > b_before);
    assert_int_equal(A.allocs, a_allocs);
    /* NULL restores the defaults; B's blocks still return to B */
    ND_ASSERT_OK(nd_set_allocator(NULL));
    int b_allocs = B.allocs;
    nd_array *z = nd_zeros(1, SH(100), ND_INT8);
    assert_int_equal((uintptr_t)nd_data(z) % 64, 0);
    nd_free(z);
    assert_int_equal(B.allocs, b_allocs);
    nd_free(y);
    nd_free(y2);
    assert_int_equal(B.nlive, 0);
    assert_int_equal(B.frees, B.allocs);
    assert_int_equal(A.foreign + B.foreign, 0);

    /* failing allocations: a clear error naming the function, no leak */
    counting F;
    counting_init(&F);
    F.fail_after = 0;
    nd_allocator hf = {count_alloc, count_free, &F};
    ND_ASSERT_OK(nd_set_allocator(&hf));
    nd_array *src = NULL;
    assert_null(nd_zeros(1, SH(10), ND_FLOAT64));
    ND_ASSERT_ERROR(ND_ERR_NOMEM, "nd_zeros: out of memory");
    assert_null(nd_wrap(mem, 1, SH(6), NULL, ND_FLOAT64, NULL, NULL));
    ND_ASSERT_ERROR(ND_ERR_NOMEM, "nd_wrap: out of memory");
    /* the wrap's buffer succeeds, its handle fails */
    F.fail_after = 1;
    F.allocs = 0;
    assert_null(nd_wrap(mem, 1, SH(6), NULL, ND_FLOAT64, NULL, NULL));
    ND_ASSERT_ERROR(ND_ERR_NOMEM, "nd_wrap: out of memory");
    assert_int_equal(F.nlive, 0);
    F.fail_after = -1;
    src = nd_wrap(mem, 2, SH(2, 3), NULL, ND_FLOAT64, NULL, NULL);
    F.fail_after = F.allocs;
    assert_null(nd_copy(src));
    ND_ASSERT_ERROR(ND_ERR_NOMEM, "nd_copy: out of memory");
    assert_null(nd_ascontiguousarray(src)); /* a view needs a handle */
    ND_ASSERT_ERROR(ND_ERR_NOMEM, "nd_ascontiguousarray: out of memory");
    nd_free(src);
    ND_ASSERT_OK(nd_set_allocator(NULL));
    assert_int_equal(F.nlive, 0);
    assert_int_equal(F.foreign, 0);
}

/* ------------------------------------------------------------ errors */

static void *other_thread(void *arg) {
    (void)arg;
    /* errors are per thread: this one starts clean */
    if (nd_last_status() != ND_OK) return (void *)1;
    nd_copy(NULL);
    return nd_last_status() == ND_ERR_NULL ? NULL : (void *)2;
}

static void test_errors(void **state) {
    (void)state;
    assert_int_equal(nd_last_status(), ND_OK);
    assert_string_equal(nd_errmsg(), "");
    /* the first failure in a chain is the one reported */
    assert_null(nd_zeros(1, SH(-4), ND_FLOAT64));
    assert_null(nd_copy(NULL));
    assert_null(nd_astype(NULL, ND_INT8));
    assert_int_equal(nd_fill(NULL, 0), ND_ERR_NULL);
    assert_int_equal(nd_ndim(NULL), 0);
    assert_int_equal(nd_last_status(), ND_ERR_VALUE);
    assert_string_equal(nd_errmsg(), "nd_zeros: negative dimension in shape (-4,)");
    /* a non-NULL failure replaces it */
    assert_null(nd_astype(NULL, ND_INT8));
    assert_int_equal(nd_promote_types(ND_NUM_DTYPES, ND_INT8), ND_NUM_DTYPES);
    assert_string_equal(nd_errmsg(), "nd_promote_types: invalid dtype 11");
    nd_clear_error();
    assert_int_equal(nd_last_status(), ND_OK);
    assert_string_equal(nd_errmsg(), "");
    assert_null(nd_copy(NULL));
    assert_string_equal(nd_errmsg(), "nd_copy: argument 'a' is NULL");
    nd_clear_error();
    pthread_t t;
    void *ret = (void *)3;
    assert_int_equal(pthread_create(&t, NULL, other_thread, NULL), 0);
    pthread_join(t, &ret);
    assert_null(ret);
    assert_int_equal(nd_last_status(), ND_OK); /* the other thread's error stays there */

    const struct { nd_status s; const char *name; } names[] = {
        {ND_OK, "ok"},
        {ND_ERR_NULL, "null argument"},
        {ND_ERR_SHAPE, "shape error"},
        {ND_ERR_DTYPE, "dtype error"},
        {ND_ERR_VALUE, "value error"},
        {ND_ERR_INDEX, "index error"},
        {ND_ERR_OVERFLOW, "overflow"},
        {ND_ERR_NOMEM, "out of memory"},
        {ND_ERR_READONLY, "read-only output"},
        {ND_ERR_UNSUPPORTED, "unsupported"},
        {ND_ERR_IO, "i/o error"},
        {ND_ERR_LINALG, "linear algebra error"},
        {(nd_status)99, "unknown status"},
        {(nd_status)-1, "unknown status"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) assert_string_equal(nd_status_name(names[i].s), names[i].name);
}

/* ------------------------------------------------------------ shapes */

static void test_broadcast_shapes(void **state) {
    (void)state;
    int nd;
    int64_t out[ND_MAX_DIMS];
    const int64_t *s1[] = {SH(3, 4), SH(4)};
    ND_ASSERT_OK(nd_broadcast_shapes(2, (int[]){2, 1}, s1, &nd, out));
    assert_int_equal(nd, 2);
    assert_memory_equal(out, SH(3, 4), 2 * sizeof(int64_t));
    const int64_t *s2[] = {SH(2, 1, 4), SH(3, 1), SH(1)};
    ND_ASSERT_OK(nd_broadcast_shapes(3, (int[]){3, 2, 1}, s2, &nd, out));
    assert_int_equal(nd, 3);
    assert_memory_equal(out, SH(2, 3, 4), 3 * sizeof(int64_t));
    const int64_t *s3[] = {SH(0), SH(1)};
    ND_ASSERT_OK(nd_broadcast_shapes(2, (int[]){1, 1}, s3, &nd, out));
    assert_int_equal(out[0], 0);
    ND_ASSERT_OK(nd_broadcast_shapes(0, NULL, NULL, &nd, out));
    assert_int_equal(nd, 0);
    const int64_t *s4[] = {SH(0), SH(2)};
    assert_int_equal(nd_broadcast_shapes(2, (int[]){1, 1}, s4, &nd, out), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_broadcast_shapes: operands could not be broadcast together with shapes (0,) (2,)");
    const int64_t *s5[] = {SH(3, 4), SH(5)};
    assert_int_equal(nd_broadcast_shapes(2, (int[]){2, 1}, s5, &nd, out), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "operands could not be broadcast together with shapes (3,4) (5,)");
    const int64_t *s6[] = {SH(3, -4), SH(3, -4)};
    assert_int_equal(nd_broadcast_shapes(2, (int[]){2, 2}, s6, &nd, out), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "negative dimension in shape (3,-4)");
    assert_int_equal(nd_broadcast_shapes(1, (int[]){33}, s6, &nd, out), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "ndim 33 is outside [0, 32]");
    assert_int_equal(nd_broadcast_shapes(-1, NULL, NULL, &nd, out), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_broadcast_shapes: negative count -1");
    assert_int_equal(nd_broadcast_shapes(2, NULL, s1, &nd, out), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "argument 'ndims' is NULL");
    assert_int_equal(nd_broadcast_shapes(2, (int[]){2, 1}, s1, NULL, out), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "argument 'out_ndim' is NULL");
}

/* Sizes are overflow-checked before any allocation. */
static void test_overflow(void **state) {
    (void)state;
    const struct { int ndim; int64_t shape[3]; nd_dtype dt; } big[] = {
        {2, {INT64_C(1) << 62, 4}, ND_FLOAT64},  /* elements overflow */
        {2, {INT64_C(1) << 60, 4}, ND_FLOAT64},  /* bytes overflow */
        {1, {INT64_MAX}, ND_INT16},
        {3, {INT64_C(1) << 21, INT64_C(1) << 21, INT64_C(1) << 21}, ND_BOOL},
        {1, {INT64_MAX / 8 + 1}, ND_UINT64},
    };
    for (size_t i = 0; i < sizeof big / sizeof big[0]; i++) {
        assert_null(nd_empty(big[i].ndim, big[i].shape, big[i].dt));
        ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_empty: array of shape (");
        assert_null(nd_wrap((void *)16, big[i].ndim, big[i].shape, NULL, big[i].dt, NULL, NULL));
        ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_wrap: shape (");
    }
    /* large but representable: refused by the allocator, not by a crash */
    counting F;
    counting_init(&F);
    F.fail_after = 0;
    nd_allocator hf = {count_alloc, count_free, &F};
    ND_ASSERT_OK(nd_set_allocator(&hf));
    assert_null(nd_empty(2, SH(INT64_C(1) << 30, INT64_C(1) << 20), ND_FLOAT64));
    ND_ASSERT_OK(nd_set_allocator(NULL));
    ND_ASSERT_ERROR(ND_ERR_NOMEM, "nd_empty: out of memory allocating 9007199254740992 bytes for shape (1073741824,1048576)");
}

/* ------------------------------------------------------------ settings */

static void test_threads_setting(void **state) {
    (void)state;
    ND_ASSERT_OK(nd_set_num_threads(3));
    assert_int_equal(nd_get_num_threads(), 3);
    assert_int_equal(nd_set_num_threads(-1), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_set_num_threads: thread count -1 is outside [0, 256]");
    assert_int_equal(nd_set_num_threads(257), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "thread count 257 is outside [0, 256]");
    assert_int_equal(nd_get_num_threads(), 3); /* unchanged by the refusals */
    ND_ASSERT_OK(nd_set_num_threads(256));
    assert_int_equal(nd_get_num_threads(), 256);
    ND_ASSERT_OK(nd_set_num_threads(1));
    assert_int_equal(nd_get_num_threads(), 1);
    ND_ASSERT_OK(nd_set_num_threads(0)); /* the default */
    int n = nd_get_num_threads();
    assert_true(n >= 1 && n <= 256);
    /* a large copy gives the same result on any thread count */
    nd_array *a = nd_arange(0, 300000, 1, ND_FLOAT64);
    nd_array *t = nd_wrap(nd_data(a), 2, SH(600, 500), SH(1, 600), ND_FLOAT64, NULL, NULL);
    ND_ASSERT_OK(nd_set_num_threads(1));
    nd_array *c1 = nd_astype(t, ND_FLOAT32);
    ND_ASSERT_OK(nd_set_num_threads(4));
    nd_array *c4 = nd_astype(t, ND_FLOAT32);
    ND_ASSERT_OK(nd_set_num_threads(0));
    assert_memory_equal(nd_data(c1), nd_data(c4), nd_nbytes(c1));
    assert_true(((float *)nd_data(c1))[1] == 600.0f);
    nd_free(c1);
    nd_free(c4);
    nd_free(t);
    nd_free(a);
}

static void test_arch_setting(void **state) {
    (void)state;
    ND_ASSERT_OK(nd_set_arch("ref"));
    assert_string_equal(nd_get_arch(), "ref");
    assert_int_equal(nd_set_arch("bogus"), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_set_arch: unknown kernel level 'bogus' (ref, avx2, avx512, neon)");
    assert_int_equal(nd_set_arch(""), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "unknown kernel level ''");
    assert_string_equal(nd_get_arch(), "ref");
    /* levels this build or CPU lacks are refused and change nothing */
#if defined(__x86_64__)
    const char *foreign = "neon";
#else
    const char *foreign = "avx2";
#endif
    assert_int_equal(nd_set_arch(foreign), ND_ERR_UNSUPPORTED);
    char msg[96];
    snprintf(msg, sizeof msg, "nd_set_arch: kernel level '%s' is not available", foreign);
    ND_ASSERT_ERROR(ND_ERR_UNSUPPORTED, msg);
    assert_string_equal(nd_get_arch(), "ref");
    const char *levels[] = {"avx2", "avx512", "neon"};
    for (int i = 0; i < 3; i++) {
        nd_status st = nd_set_arch(levels[i]);
        assert_true(st == ND_OK || st == ND_ERR_UNSUPPORTED);
        if (st == ND_OK) assert_string_equal(nd_get_arch(), levels[i]);
        else ND_ASSERT_ERROR(ND_ERR_UNSUPPORTED, "is not available");
        ND_ASSERT_OK(nd_set_arch("ref"));
    }
    ND_ASSERT_OK(nd_set_arch(NULL)); /* the best available */
    assert_non_null(nd_get_arch());
}

/* An empty array with zero strides (NumPy's np.zeros((0,3)).strides is
 * (0,0), so nd_wrap and DLPack import them) is not a broadcast view: it is
 * accepted as the out or target of every function that writes. */
static double empty_buf[4];
static nd_array *wrap_empty(nd_dtype dt, int ndim, const int64_t *shape) {
    static const int64_t zero[ND_MAX_DIMS] = {0};
    nd_array *a = nd_wrap(empty_buf, ndim, shape, zero, dt, NULL, NULL);
    ND_ASSERT_ARRAY(a);
    return a;
}
#define OK_EMPTY(call)                                                             \
    do {                                                                           \
        nd_clear_error();                                                          \
        nd_status st_ = (call);                                                    \
        if (st_ != ND_OK) fail_msg("%s failed: %s", #call, nd_errmsg());          \
    } while (0)

/* Empty arrays on NULL memory (nd_wrap allows it, DLPack gives it) go
 * through views, copies, operations and products without pointer
 * arithmetic on NULL (clang's UBSan: "applying zero offset to null
 * pointer"). */
static void test_empty_null_data(void **state) {
    (void)state;
    nd_array *e = nd_wrap(NULL, 2, SH(0, 3), NULL, ND_FLOAT32, NULL, NULL);
    nd_array *z = nd_wrap(NULL, 2, SH(3, 0), SH(0, 0), ND_FLOAT32, NULL, NULL);
    nd_array *none = nd_zeros(1, SH(0), ND_INT64), *none2 = nd_zeros(2, SH(0, 1), ND_INT64);
    ND_ASSERT_ARRAY(none2);
    ND_ASSERT_ARRAY(e);
    ND_ASSERT_ARRAY(z);
    ND_ASSERT_ARRAY(none);
    nd_array *r[] = {
        nd_slice_axis(e, 1, 1, 3, 1), nd_index(e, 1, 2), nd_view(e, "::-1, 1:"), nd_transpose(e, NULL),
        nd_reshape(e, 2, SH(3, 0)), nd_ravel(z), nd_flip(e, ND_ALL_AXES, NULL), nd_diagonal(e, 0, 0, 1),
        nd_copy(e), nd_astype(z, ND_INT8), nd_add(e, e), nd_exp(z), nd_sum(e, 1, (const int[]){0}, false),
        nd_max(e, 1, (const int[]){1}, false), nd_cumsum(e, 1), nd_matmul(e, z), nd_matmul(z, e),
        nd_concatenate(2, (const nd_array *[]){e, e}, 0), nd_sort(e, 1, false), nd_argsort(z, 0, true),
        nd_take(e, none, 1), nd_tile(e, 1, SH(2)), nd_roll(e, 1, 1),
        nd_pad(z, SH(1, 1, 0, 0), ND_PAD_CONSTANT, 0), nd_linalg_pinv(e, -1), nd_outer(e, z),
        nd_rot90(e, 1, 0, 1), nd_diff(e, 1, 1), nd_argwhere(e), nd_einsum("ij,jk->ik", 2, (const nd_array *[]){e, z}),
        nd_linalg_norm(e, NULL, ND_ALL_AXES, NULL, false), nd_kron(e, z), nd_dot(z, e), nd_trace(e, 0, 0, 1),
        nd_tensordot(e, z, 1, NULL, NULL), nd_searchsorted(none, none, false),
        nd_cumprod(z, ND_AXIS_NONE), nd_argmax(e, 1, false), nd_where(e, e, e), nd_clip(e, e, e),
        nd_repeat(e, 1, SH(2), 1), nd_swapaxes(e, 0, 1), nd_broadcast_to(e, 3, SH(2, 0, 3)),
        nd_expand_dims(e, 0), nd_squeeze(e, ND_ALL_AXES, NULL), nd_view(e, "None, ..., 1"), nd_atleast_3d(e),
        nd_take_along_axis(e, none2, 0), nd_extract(e, e), nd_take(e, none, ND_AXIS_NONE),
    };
    for (size_t k = 0; k < sizeof r / sizeof r[0]; k++) {
        if (!r[k]) fail_msg("call %zu failed: %s", k, nd_errmsg());
        nd_free(r[k]);
    }
    ND_ASSERT_OK(nd_fill(z, 1));
    ND_ASSERT_OK(nd_copyto(z, z));
    ND_ASSERT_OK(nd_sort_inplace(e, ND_AXIS_NONE, false));
    nd_free(none2);
    nd_free(none);
    nd_free(z);
    nd_free(e);
}

static void test_empty_zero_stride_targets(void **state) {
    (void)state;
    nd_array *o = wrap_empty(ND_FLOAT64, 2, SH(0, 3));
    nd_array *oi = wrap_empty(ND_INT64, 2, SH(0, 3));
    nd_array *z = nd_zeros(2, SH(0, 3), ND_INT64);
    nd_array *zf = nd_zeros(2, SH(0, 3), ND_FLOAT64);
    nd_array *z3 = nd_zeros(3, SH(0, 3, 2), ND_FLOAT64);
    ND_ASSERT_ARRAY(z3);
#define BIN_(name) OK_EMPTY(nd_##name##_out(z, z, o));
#define UN_(name) OK_EMPTY(nd_##name##_out(z, o));
    ND_BINARY_OPS(BIN_)
    ND_UNARY_OPS(UN_)
#undef BIN_
#undef UN_
    OK_EMPTY(nd_where_out(z, z, z, o));
    OK_EMPTY(nd_clip_out(z, z, z, o));
    const int ax2[] = {2};
#define RED_(name) OK_EMPTY(nd_##name##_out(z3, 1, ax2, false, o));
    ND_REDUCTIONS(RED_)
#undef RED_
    OK_EMPTY(nd_var_out(z3, 1, ax2, false, 0, o));
    OK_EMPTY(nd_std_out(z3, 1, ax2, false, 0, o));
    OK_EMPTY(nd_argmax_out(z3, 2, false, oi));
    OK_EMPTY(nd_argmin_out(z3, 2, false, oi));
    OK_EMPTY(nd_cumsum_out(zf, 1, o));
    OK_EMPTY(nd_cumprod_out(zf, 1, o));
    nd_array *a23 = nd_zeros(2, SH(2, 3), ND_FLOAT64);
    nd_array *e = nd_zeros(1, SH(0), ND_INT64);
    nd_array *e01 = nd_zeros(2, SH(0, 1), ND_INT64);
    OK_EMPTY(nd_take_out(a23, e, 0, o));
    nd_array *m04 = nd_zeros(2, SH(0, 4), ND_FLOAT64);
    nd_array *m43 = nd_zeros(2, SH(4, 3), ND_FLOAT64);
    OK_EMPTY(nd_matmul_out(m04, m43, o));
    OK_EMPTY(nd_concatenate_out(2, (const nd_array *[]){zf, zf}, 0, o));
    OK_EMPTY(nd_copyto(o, zf));
    nd_array *one = nd_scalar(1, ND_FLOAT64);
    OK_EMPTY(nd_copyto(o, one));
    OK_EMPTY(nd_fill(o, 2));
    OK_EMPTY(nd_put(o, e, one));
    OK_EMPTY(nd_put_along_axis(o, e01, one, 1));
    OK_EMPTY(nd_index_arrays_assign(o, 1, (const nd_array *[]){e}, one));
    nd_array *mask = nd_zeros(2, SH(0, 3), ND_BOOL);
    OK_EMPTY(nd_place(o, mask, one));
    OK_EMPTY(nd_sort_inplace(o, 1, false));
    OK_EMPTY(nd_sort_inplace(o, 0, true));
    OK_EMPTY(nd_sort_inplace(o, ND_AXIS_NONE, false));

    /* a non-empty stride-0 array is still refused */
    nd_array *b = nd_broadcast_to(one, 2, SH(2, 3));
    nd_array *w = nd_wrap(empty_buf, 2, SH(2, 3), SH(0, 0), ND_FLOAT64, NULL, NULL);
    ND_ASSERT_ARRAY(w);
    nd_clear_error();
    assert_int_equal(nd_add_out(a23, a23, w), ND_ERR_READONLY);
    ND_ASSERT_ERROR(ND_ERR_READONLY, "nd_add_out: output has stride 0 along axis 0");
    assert_int_equal(nd_sort_inplace(w, 1, false), ND_ERR_READONLY);
    ND_ASSERT_ERROR(ND_ERR_READONLY, "stride 0 along axis 0");
    assert_int_equal(nd_put(w, e, one), ND_ERR_READONLY);
    ND_ASSERT_ERROR(ND_ERR_READONLY, "stride 0 along axis 0");
    assert_int_equal(nd_copyto(b, one), ND_ERR_READONLY);
    nd_clear_error();
    nd_free(w);
    nd_free(b);
    nd_free(mask);
    nd_free(one);
    nd_free(m43);
    nd_free(m04);
    nd_free(e01);
    nd_free(e);
    nd_free(a23);
    nd_free(z3);
    nd_free(zf);
    nd_free(z);
    nd_free(oi);
    nd_free(o);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_dtype_facts, clear),
        cmocka_unit_test_setup(test_promote_types, clear),
        cmocka_unit_test_setup(test_can_cast, clear),
        cmocka_unit_test_setup(test_result_type, clear),
        cmocka_unit_test_setup(test_astype_all_pairs, clear),
        cmocka_unit_test_setup(test_astype_shapes, clear),
        cmocka_unit_test_setup(test_copy_and_contiguous, clear),
        cmocka_unit_test_setup(test_copyto, clear),
        cmocka_unit_test_setup(test_copy_to, clear),
        cmocka_unit_test_setup(test_fill, clear),
        cmocka_unit_test_setup(test_wrap, clear),
        cmocka_unit_test_setup(test_flags, clear),
        cmocka_unit_test_setup(test_accessors_null, clear),
        cmocka_unit_test_setup(test_may_share_memory, clear),
        cmocka_unit_test_setup(test_allocator, clear),
        cmocka_unit_test_setup(test_errors, clear),
        cmocka_unit_test_setup(test_broadcast_shapes, clear),
        cmocka_unit_test_setup(test_overflow, clear),
        cmocka_unit_test_setup(test_threads_setting, clear),
        cmocka_unit_test_setup(test_arch_setting, clear),
        cmocka_unit_test_setup(test_empty_zero_stride_targets, clear),
        cmocka_unit_test_setup(test_empty_null_data, clear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The tables above come from this script (/usr/bin/python3, NumPy 1.24.2,
 * x86-64); it also prints where NumPy's contiguous loops disagree with its
 * strided and scalar ones:

import numpy as np, warnings
warnings.simplefilter("ignore")
T = ['bool','int8','int16','int32','int64','uint8','uint16','uint32','uint64','float32','float64']
E = ['ND_' + t.upper() for t in T]
print('static const nd_dtype PROMOTE[ND_NUM_DTYPES][ND_NUM_DTYPES] = {')
for a in T:
    print('    {%s},' % ', '.join(E[T.index(str(np.promote_types(a, b)))] for b in T))
print('};')
print('static const char *const CAN_CAST[4][ND_NUM_DTYPES] = {')
for c in ['no', 'safe', 'same_kind', 'unsafe']:
    print('    {%s},' % ', '.join('"%s"' % ''.join('1' if np.can_cast(a, b, c) else '0' for b in T) for a in T))
print('};')
U = {1: np.uint8, 2: np.uint16, 4: np.uint32, 8: np.uint64}
S = [0.0, -0.0, 1.0, -1.0, -1.5, 2.5, 127.9, -128.5, 255.5, 300.7, -300.7, 65535.9, 70000.5,
     -32768.7, 2147483647.9, 3e9, -3e9, 4294967296.5, 1e10, 1e20, -1e20, 2.0**63, -2.0**63,
     2.0**64, 1.5e308, 1e-300, 16777217.0, np.nan, np.inf, -np.inf]
def strided(a):
    b = np.empty(2 * len(a), a.dtype); b[::2] = a
    return b[::2]
def bits(a):
    return [int(v) for v in np.ascontiguousarray(a).view(U[a.dtype.itemsize]).astype(np.uint64)]
def astype(a, t):
    # a.astype(t) of a contiguous array. Out of range, float -> uint32 depends
    # on the position: the SIMD body and the scalar tail of NumPy's loop
    # differ; take the body (the middle of a long array) as libnd does.
    return np.tile(a, 16).astype(t)[8 * len(a):9 * len(a)]
src = {t: astype(np.array(S), t) for t in T}
print('static const uint64_t ASTYPE[ND_NUM_DTYPES][ND_NUM_DTYPES][NSAMPLES] = {')
for s in T:
    print('    {')
    for d in T:
        print('        {%s},' % ', '.join('%#x' % b for b in bits(astype(src[s], d))))
    print('    },')
print('};')
for s in T:
    for d in T:
        c = bits(astype(src[s], d))
        for how, o in [('strided', bits(strided(src[s]).astype(d))), ('unrepeated', bits(src[s].astype(d)))]:
            if c != o:
                print('// NumPy %s loop differs: %s -> %s at samples %s' % (how, s, d, [i for i in range(len(S)) if c[i] != o[i]]))
*/

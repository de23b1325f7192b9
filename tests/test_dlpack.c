/* Tests for DLPack interop (include/nd/dlpack.h): export and import round
 * trips for every dtype, 0-d, empty and non-contiguous views, a producer's
 * deleter called exactly once (with views outliving the imported array),
 * byte_offset and NULL strides, and refused devices, dtypes and lanes
 * leaving the tensor unconsumed. */
#include "nd_test.h"

#include <dlpack/dlpack.h>
#include <stdlib.h>

static const nd_dtype all_dtypes[] = {ND_BOOL,   ND_INT8,   ND_INT16,  ND_INT32,
                                      ND_INT64,  ND_UINT8,  ND_UINT16, ND_UINT32,
                                      ND_UINT64, ND_FLOAT32, ND_FLOAT64};
#define NDTYPES (sizeof all_dtypes / sizeof all_dtypes[0])

/* Asserts a and b hold the same values (compared as float64). */
static void expect_same_values(const nd_array *a, const nd_array *b) {
    nd_test_shape(b, nd_ndim(a), nd_shape(a));
    nd_array *ca = nd_astype(a, ND_FLOAT64), *cb = nd_astype(b, ND_FLOAT64);
    ND_ASSERT_ARRAY(ca);
    ND_ASSERT_ARRAY(cb);
    nd_test_expect(cb, (const double *)nd_data(ca), 0);
    nd_free(ca);
    nd_free(cb);
}

/* An array of dtype dt and the given shape with varied values. */
static nd_array *sample(nd_dtype dt, int ndim, const int64_t *shape) {
    int64_t n = 1;
    for (int i = 0; i < ndim; i++) n *= shape[i];
    double *v = malloc(sizeof(double) * (size_t)(n ? n : 1));
    for (int64_t i = 0; i < n; i++) v[i] = (double)((i * 37) % 11) - (nd_dtype_is_signed(dt) ? 5 : 0);
    nd_array *a = nd_test_array(dt, ndim, shape, v);
    free(v);
    ND_ASSERT_ARRAY(a);
    return a;
}

/* ---------------------------------------------------------------- export */

static void check_export(const nd_array *a, const DLManagedTensor *t) {
    assert_non_null(t);
    assert_non_null(t->deleter);
    const DLTensor *d = &t->dl_tensor;
    assert_int_equal(d->device.device_type, kDLCPU);
    assert_int_equal(d->device.device_id, 0);
    assert_int_equal(d->byte_offset, 0);
    assert_ptr_equal(d->data, nd_data(a));
    assert_int_equal(d->ndim, nd_ndim(a));
    assert_non_null(d->strides);
    for (int i = 0; i < d->ndim; i++) {
        assert_int_equal(d->shape[i], nd_shape(a)[i]);
        assert_int_equal(d->strides[i], nd_strides(a)[i]);
    }
    nd_dtype dt = nd_dtype_of(a);
    assert_int_equal(d->dtype.lanes, 1);
    assert_int_equal(d->dtype.bits, nd_dtype_size(dt) * 8);
    int code = dt == ND_BOOL ? (DLPACK_VERSION >= 80 ? 6 : kDLUInt)
               : nd_dtype_is_float(dt) ? kDLFloat
               : nd_dtype_is_signed(dt) ? kDLInt
                                        : kDLUInt;
    assert_int_equal(d->dtype.code, code);
}

static void test_round_trip_dtypes(void **state) {
    (void)state;
    const int64_t shape[] = {3, 4};
    for (size_t k = 0; k < NDTYPES; k++) {
        nd_dtype dt = all_dtypes[k];
        nd_array *a = sample(dt, 2, shape);
        DLManagedTensor *t = nd_to_dlpack(a);
        ND_ASSERT_ARRAY(t);
        check_export(a, t);
        nd_array *b = nd_from_dlpack(t);
        ND_ASSERT_ARRAY(b);
        /* no copy: the same memory, and it outlives the original handle */
        assert_ptr_equal(nd_data(b), nd_data(a));
        /* DLPack 0.6 has no bool type: bool comes back as uint8 */
        nd_dtype back = dt == ND_BOOL && DLPACK_VERSION < 80 ? ND_UINT8 : dt;
        assert_int_equal(nd_dtype_of(b), back);
        expect_same_values(a, b);
        nd_free(a);
        nd_array *c = nd_copy(b); /* still readable after a is gone */
        ND_ASSERT_ARRAY(c);
        nd_free(c);
        nd_free(b); /* runs the export deleter: ASan checks nothing leaks */
    }
}

static void test_round_trip_shapes(void **state) {
    (void)state;
    /* 0-d, empty and 1-D */
    nd_array *s = nd_scalar(2.5, ND_FLOAT32);
    DLManagedTensor *t = nd_to_dlpack(s);
    check_export(s, t);
    nd_array *b = nd_from_dlpack(t);
    ND_ASSERT_ARRAY(b);
    assert_int_equal(nd_ndim(b), 0);
    expect_same_values(s, b);
    nd_free(b);
    nd_free(s);

    nd_array *e = nd_zeros(2, (const int64_t[]){0, 3}, ND_INT32);
    t = nd_to_dlpack(e);
    check_export(e, t);
    nd_free(e);
    b = nd_from_dlpack(t);
    ND_ASSERT_ARRAY(b);
    nd_test_shape(b, 2, (const int64_t[]){0, 3});
    nd_free(b);
}

static void test_views(void **state) {
    (void)state;
    nd_array *a = sample(ND_FLOAT64, 3, (const int64_t[]){4, 5, 6});
    const char *idx[] = {"::-1, 1:, ::2", "..., 3", "1, ::-2, None", ":, 2:4, 1:5:3"};
    for (size_t k = 0; k < sizeof idx / sizeof idx[0]; k++) {
        nd_array *v = nd_view(a, idx[k]);
        ND_ASSERT_ARRAY(v);
        DLManagedTensor *t = nd_to_dlpack(v);
        check_export(v, t);
        nd_array *b = nd_from_dlpack(t);
        ND_ASSERT_ARRAY(b);
        assert_ptr_equal(nd_data(b), nd_data(v));
        for (int i = 0; i < nd_ndim(v); i++) assert_int_equal(nd_strides(b)[i], nd_strides(v)[i]);
        expect_same_values(v, b);
        nd_free(v);
        nd_free(b);
    }
    nd_array *tr = nd_transpose(a, NULL);
    DLManagedTensor *t = nd_to_dlpack(tr);
    check_export(tr, t);
    nd_array *b = nd_from_dlpack(t);
    assert_true(nd_is_f_contiguous(b));
    expect_same_values(tr, b);
    /* writes through the import show in the original */
    ND_ASSERT_OK(nd_set_f64(b, (const int64_t[]){5, 4, 3}, 99.0));
    double x;
    ND_ASSERT_OK(nd_get_f64(a, (const int64_t[]){3, 4, 5}, &x));
    assert_true(x == 99.0);
    nd_free(b);
    nd_free(tr);
    nd_free(a);
}

static void test_export_deleter_alone(void **state) {
    (void)state;
    /* a consumer that only reads and gives the tensor back */
    nd_array *a = sample(ND_INT16, 1, (const int64_t[]){7});
    DLManagedTensor *t = nd_to_dlpack(a);
    ND_ASSERT_ARRAY(t);
    nd_free(a);
    const int16_t *p = (const int16_t *)t->dl_tensor.data;
    assert_int_equal(p[1], (37 % 11) - 5); /* still alive through the view */
    t->deleter(t);
}

/* ---------------------------------------------------------------- import */

/* A producer's tensor: its own shape, strides and data, and a counter of
 * deleter calls. */
typedef struct producer {
    DLManagedTensor t;
    int64_t shape[3];
    int64_t strides[3];
    double data[32];
    int deleted;
} producer;

static void producer_deleter(DLManagedTensor *self) {
    producer *p = self->manager_ctx;
    p->deleted++;
}

static void producer_init(producer *p) {
    memset(p, 0, sizeof *p);
    for (int i = 0; i < 32; i++) p->data[i] = i;
    p->shape[0] = 2;
    p->shape[1] = 3;
    p->t.dl_tensor.data = p->data;
    p->t.dl_tensor.device.device_type = kDLCPU;
    p->t.dl_tensor.ndim = 2;
    p->t.dl_tensor.dtype.code = kDLFloat;
    p->t.dl_tensor.dtype.bits = 64;
    p->t.dl_tensor.dtype.lanes = 1;
    p->t.dl_tensor.shape = p->shape;
    p->t.dl_tensor.strides = NULL;
    p->t.manager_ctx = p;
    p->t.deleter = producer_deleter;
}

static void test_deleter_once(void **state) {
    (void)state;
    producer p;
    producer_init(&p);
    nd_array *a = nd_from_dlpack(&p.t);
    ND_ASSERT_ARRAY(a);
    assert_ptr_equal(nd_data(a), p.data);
    assert_true(nd_is_c_contiguous(a)); /* NULL strides: C order */
    double want[] = {0, 1, 2, 3, 4, 5};
    nd_test_expect(a, want, 0);

    nd_array *v1 = nd_transpose(a, NULL);
    nd_array *v2 = nd_view(v1, "::-1");
    nd_free(a);
    assert_int_equal(p.deleted, 0);
    nd_free(v1);
    assert_int_equal(p.deleted, 0);
    double back[] = {2, 5, 1, 4, 0, 3};
    nd_test_expect(v2, back, 0);
    nd_free(v2);
    assert_int_equal(p.deleted, 1);
}

static void test_offset_and_strides(void **state) {
    (void)state;
    producer p;
    producer_init(&p);
    /* a[1:, ::2] of a 3x6 block, written as byte_offset and strides */
    p.shape[0] = 2;
    p.shape[1] = 3;
    p.strides[0] = 6;
    p.strides[1] = 2;
    p.t.dl_tensor.strides = p.strides;
    p.t.dl_tensor.byte_offset = 6 * sizeof(double);
    nd_array *a = nd_from_dlpack(&p.t);
    ND_ASSERT_ARRAY(a);
    double want[] = {6, 8, 10, 12, 14, 16};
    nd_test_expect(a, want, 0);
    assert_false(nd_is_c_contiguous(a));
    nd_free(a);
    assert_int_equal(p.deleted, 1);

    /* a producer without a deleter: the memory stays its own */
    producer_init(&p);
    p.t.deleter = NULL;
    a = nd_from_dlpack(&p.t);
    ND_ASSERT_ARRAY(a);
    nd_free(a);
    assert_int_equal(p.deleted, 0);
}

static void test_import_dtypes(void **state) {
    (void)state;
    static const struct {
        uint8_t code, bits;
        nd_dtype dt;
    } map[] = {{kDLInt, 8, ND_INT8},     {kDLInt, 16, ND_INT16},    {kDLInt, 32, ND_INT32},
               {kDLInt, 64, ND_INT64},   {kDLUInt, 8, ND_UINT8},    {kDLUInt, 16, ND_UINT16},
               {kDLUInt, 32, ND_UINT32}, {kDLUInt, 64, ND_UINT64},  {kDLFloat, 32, ND_FLOAT32},
               {kDLFloat, 64, ND_FLOAT64}, {6 /* kDLBool */, 8, ND_BOOL}};
    for (size_t k = 0; k < sizeof map / sizeof map[0]; k++) {
        producer p;
        producer_init(&p);
        memset(p.data, 0, sizeof p.data);
        p.t.dl_tensor.dtype.code = map[k].code;
        p.t.dl_tensor.dtype.bits = map[k].bits;
        nd_array *a = nd_from_dlpack(&p.t);
        ND_ASSERT_ARRAY(a);
        assert_int_equal(nd_dtype_of(a), map[k].dt);
        nd_free(a);
        assert_int_equal(p.deleted, 1);
    }
}

static void test_refusals(void **state) {
    (void)state;
    producer p;
    nd_clear_error();

    producer_init(&p);
    p.t.dl_tensor.device.device_type = kDLCUDA;
    assert_null(nd_from_dlpack(&p.t));
    ND_ASSERT_ERROR(ND_ERR_UNSUPPORTED, "device CUDA");
    assert_int_equal(p.deleted, 0);

    static const DLDataType bad[] = {
        {kDLFloat, 16, 1}, {kDLFloat, 64, 4}, {kDLInt, 32, 2},  {kDLInt, 128, 1},
        {kDLBfloat, 16, 1}, {kDLComplex, 64, 1}, {kDLOpaqueHandle, 64, 1}, {6, 1, 1},
        {kDLUInt, 1, 1}};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        producer_init(&p);
        p.t.dl_tensor.dtype = bad[k];
        assert_null(nd_from_dlpack(&p.t));
        ND_ASSERT_ERROR(ND_ERR_DTYPE, "unsupported DLPack dtype");
        assert_int_equal(p.deleted, 0);
    }

    producer_init(&p);
    p.shape[1] = -3;
    assert_null(nd_from_dlpack(&p.t));
    assert_int_equal(nd_last_status(), ND_ERR_VALUE);
    assert_non_null(strstr(nd_errmsg(), "nd_from_dlpack"));
    nd_clear_error();
    assert_int_equal(p.deleted, 0);

    producer_init(&p);
    p.t.dl_tensor.ndim = ND_MAX_DIMS + 1;
    assert_null(nd_from_dlpack(&p.t));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "ndim");

    producer_init(&p);
    p.t.dl_tensor.data = NULL;
    assert_null(nd_from_dlpack(&p.t));
    ND_ASSERT_ERROR(ND_ERR_NULL, "data is NULL");

    producer_init(&p);
    p.t.dl_tensor.shape = NULL;
    assert_null(nd_from_dlpack(&p.t));
    ND_ASSERT_ERROR(ND_ERR_NULL, "shape is NULL");

    producer_init(&p);
    p.t.dl_tensor.strides = p.strides;
    p.strides[0] = INT64_MAX / 2;
    p.strides[1] = 1;
    assert_null(nd_from_dlpack(&p.t));
    /* the message is nd_from_dlpack's alone, not "nd_from_dlpack: nd_wrap: ..." */
    assert_null(strstr(nd_errmsg(), "nd_wrap"));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_from_dlpack");
    assert_int_equal(p.deleted, 0);

    /* the refused tensor is still the caller's and still importable */
    producer_init(&p);
    p.t.dl_tensor.device.device_type = kDLROCM;
    assert_null(nd_from_dlpack(&p.t));
    nd_clear_error();
    p.t.dl_tensor.device.device_type = kDLCPU;
    nd_array *a = nd_from_dlpack(&p.t);
    ND_ASSERT_ARRAY(a);
    nd_free(a);
    assert_int_equal(p.deleted, 1);

    assert_null(nd_from_dlpack(NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_from_dlpack");
    assert_null(nd_to_dlpack(NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_to_dlpack");

    /* read-only arrays are not exported, as NumPy */
    nd_array *r = nd_arange(0, 3, 1, ND_FLOAT32);
    nd_array *bc = nd_broadcast_to(r, 2, (const int64_t[]){2, 3});
    assert_null(nd_to_dlpack(bc));
    ND_ASSERT_ERROR(ND_ERR_READONLY, "read-only");
    nd_free(bc);
    nd_free(r);
}

/* Data not aligned to the item size is refused, as nd_load_mmap refuses it:
 * kernels load whole items (it used to be taken, and UBSan caught the
 * misaligned loads). The tensor stays the caller's. */
static void test_misaligned(void **state) {
    (void)state;
    producer p;
    producer_init(&p);
    p.t.dl_tensor.byte_offset = 3;
    assert_null(nd_from_dlpack(&p.t));
    ND_ASSERT_ERROR(ND_ERR_UNSUPPORTED, "nd_from_dlpack: data + byte_offset 3 is not aligned to the 8 bytes of a float64");
    assert_int_equal(p.deleted, 0);
    /* a misaligned data pointer with no offset, and float32 off by 2 */
    producer_init(&p);
    p.t.dl_tensor.data = (char *)p.data + 4;
    assert_null(nd_from_dlpack(&p.t));
    ND_ASSERT_ERROR(ND_ERR_UNSUPPORTED, "not aligned");
    producer_init(&p);
    p.t.dl_tensor.dtype.bits = 32;
    p.t.dl_tensor.byte_offset = 2;
    assert_null(nd_from_dlpack(&p.t));
    ND_ASSERT_ERROR(ND_ERR_UNSUPPORTED, "not aligned to the 4 bytes of a float32");
    assert_int_equal(p.deleted, 0);
    /* aligned to the item: taken (float32 at 4, int16 at 2, int8 anywhere) */
    static const struct {
        uint8_t code, bits;
        uint64_t offset;
    } ok[] = {{kDLFloat, 32, 4}, {kDLInt, 16, 2}, {kDLInt, 8, 3}, {kDLUInt, 8, 1}, {kDLFloat, 64, 8}};
    for (size_t k = 0; k < sizeof ok / sizeof ok[0]; k++) {
        producer_init(&p);
        p.t.dl_tensor.dtype.code = ok[k].code;
        p.t.dl_tensor.dtype.bits = ok[k].bits;
        p.t.dl_tensor.byte_offset = ok[k].offset;
        nd_array *a = nd_from_dlpack(&p.t);
        ND_ASSERT_ARRAY(a);
        assert_ptr_equal(nd_data(a), (char *)p.data + ok[k].offset);
        nd_free(a);
        assert_int_equal(p.deleted, 1);
    }
    /* an empty tensor has no data to misalign */
    producer_init(&p);
    p.shape[0] = 0;
    p.t.dl_tensor.byte_offset = 3;
    nd_array *e = nd_from_dlpack(&p.t);
    ND_ASSERT_ARRAY(e);
    nd_free(e);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_dtypes),
        cmocka_unit_test(test_round_trip_shapes),
        cmocka_unit_test(test_views),
        cmocka_unit_test(test_export_deleter_alone),
        cmocka_unit_test(test_deleter_once),
        cmocka_unit_test(test_offset_and_strides),
        cmocka_unit_test(test_import_dtypes),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_misaligned),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

// Tests of include/nd.hpp, the C++17 layer: ownership (no handle leaks,
// copies share data), operators and weak scalars against the C calls they
// stand for, exceptions carrying the C status and message. Built with
// -std=c++17 -Wall -Wextra -Wpedantic -Werror and run by
// scripts/header-test.sh.
#include <nd.hpp>

#include <cmath>
#include <cstdarg>
#include <cstddef>
#include <csetjmp>
#include <cstring>
#include <sstream>
#include <string>

extern "C" {
#include <cmocka.h>
}

// Counting allocator hooks: every test checks that what it made is freed.
static long live_blocks = 0;
static void *count_alloc(size_t size, size_t align, void *) {
    void *p = nullptr;
    if (posix_memalign(&p, align < sizeof(void *) ? sizeof(void *) : align, size ? size : 1))
        return nullptr;
    ++live_blocks;
    return p;
}
static void count_free(void *p, void *) {
    if (p) {
        --live_blocks;
        std::free(p);
    }
}
static int setup(void **) {
    nd_allocator hooks = {count_alloc, count_free, nullptr};
    live_blocks = 0;
    return nd_set_allocator(&hooks) == ND_OK ? 0 : -1;
}
static int teardown(void **) {
    long left = live_blocks;
    nd_set_allocator(nullptr);
    if (left != 0)
        std::printf("teardown: %ld blocks still live\n", left);
    return left == 0 ? 0 : -1;
}

// |got - want| <= tol in double (cmocka's float assertion rounds to float).
static void expect_near(double got, double want, double tol) {
    if (!(std::fabs(got - want) <= tol))
        fail_msg("got %.17g, want %.17g (tolerance %g)", got, want, tol);
}

static void expect_values(const nd::array &a, std::initializer_list<double> want) {
    nd::array c = a.astype(nd::float64).ravel();
    assert_int_equal(c.size(), (int64_t)want.size());
    const double *d = c.data<double>();
    size_t i = 0;
    for (double w : want) {
        if (std::isnan(w))
            assert_true(std::isnan(d[i]));
        else
            expect_near(d[i], w, 1e-12);
        ++i;
    }
}

static void test_ownership(void **) {
    nd::array a = nd::arange(0, 6).reshape({2, 3});
    assert_true(live_blocks > 0);
    nd::array b = a;             // a new handle on the same data
    b.fill(7);
    expect_values(a, {7, 7, 7, 7, 7, 7});
    nd::array c = a.copy();      // new data
    c.fill(1);
    expect_values(a, {7, 7, 7, 7, 7, 7});
    nd::array m = std::move(c);
    assert_false((bool)c);
    assert_true((bool)m);
    nd_array *raw = m.release();
    assert_false((bool)m);
    nd_free(raw);
    b = a;                        // self-consistent rebinding
    b = b;
    assert_int_equal(b.size(), 6);
    {
        nd::array tmp = nd::zeros({1000});
        (void)tmp;
    }
    // copies of a 0-d and of an empty array are handles on the same data too
    nd::array zero_d = nd::scalar(3, nd::float32), zero_copy = zero_d;
    zero_copy.fill(4);
    expect_near(zero_d.item(), 4, 0);
    nd::array empty_a = nd::zeros({0, 3}), empty_copy = empty_a;
    assert_true(empty_copy.shape() == empty_a.shape());
    nd::array d;
    d = nd::ones({2});
    expect_values(d, {1, 1});
}

static void test_errors_carry_status(void **) {
    nd::array a = nd::zeros({2, 3});
    nd::array b = nd::zeros({4});
    try {
        nd::array c = a + b;
        fail_msg("a (2,3) + (4,) did not throw");
    } catch (const nd::error &e) {
        assert_int_equal(e.status(), ND_ERR_SHAPE);
        assert_non_null(std::strstr(e.what(), "nd_add"));
        assert_non_null(std::strstr(e.what(), "(2,3) (4,)"));
    }
    nd::array empty;
    try {
        (void)empty.shape();
        fail_msg("an empty nd::array did not throw");
    } catch (const nd::error &e) {
        assert_int_equal(e.status(), ND_ERR_NULL);
    }
    try {
        (void)a.item();
        fail_msg("item of 6 elements did not throw");
    } catch (const nd::error &e) {
        assert_int_equal(e.status(), ND_ERR_VALUE);
    }
    // A failed in-place update leaves the array as it was.
    nd::array i = nd::arange(0, 3, 1, nd::int32);
    try {
        i += nd::full({3}, 0.5);
        fail_msg("int32 += float64 did not throw (same_kind casting)");
    } catch (const nd::error &e) {
        assert_int_equal(e.status(), ND_ERR_DTYPE);
    }
    expect_values(i, {0, 1, 2});
}

static void test_operators_match_c(void **) {
    nd::array a = nd::array_of({1, 2, 3, 4}, {2, 2});
    nd::array b = nd::array_of({10, 20});
    expect_values(a + b, {11, 22, 13, 24});
    expect_values(a - b, {-9, -18, -7, -16});
    expect_values(a * b, {10, 40, 30, 80});
    expect_values(b / a, {10, 10, 10. / 3, 5});
    expect_values(-a, {-1, -2, -3, -4});
    expect_values(a % 3.0, {1, 2, 0, 1});
    expect_values(a > 2.5, {0, 0, 1, 1});
    expect_values(a == b / 10, {1, 1, 0, 0});
    expect_values(nd::exp(nd::log(a)), {1, 2, 3, 4});
    expect_values(nd::maximum(a, 2.5), {2.5, 2.5, 3, 4});
    expect_values(nd::where(a > 2, a, nd::zeros_like(a)), {0, 0, 3, 4});
    expect_values(nd::clip(a, 1.5, 3.5), {1.5, 2, 3, 3.5});
    expect_values(nd::matmul(a, a), {7, 10, 15, 22});
    expect_values(nd::einsum("ij,j->i", {a, b}), {50, 110});
    expect_values(a.T(), {1, 3, 2, 4});
    expect_values(a("1:, ::-1"), {4, 3});
    expect_values(a[1], {3, 4});
    nd::array ints = nd::arange(0, 4, 1, nd::int64);
    expect_values(ints << 2, {0, 4, 8, 12});
    expect_values(~(ints > 1), {1, 1, 0, 0});
}

// Weak scalars (NEP 50): the array's dtype wins within its kind.
static void test_weak_scalars(void **) {
    nd::array f = nd::ones({3}, nd::float32);
    assert_int_equal((f * 0.1).dtype(), ND_FLOAT32);
    assert_int_equal((0.1 * f).dtype(), ND_FLOAT32);
    assert_int_equal((1.0 - f).dtype(), ND_FLOAT32);
    assert_int_equal((f + 2).dtype(), ND_FLOAT32);
    nd::array i8 = nd::ones({3}, nd::int8);
    assert_int_equal((i8 + 2).dtype(), ND_INT8);
    assert_int_equal((i8 * 2.5).dtype(), ND_FLOAT64);
    expect_values(2 - i8, {1, 1, 1});
    expect_values(10.0 / nd::array_of({4, 5}), {2.5, 2});
    try {
        nd::array u = nd::ones({2}, nd::uint8) + 300;
        fail_msg("uint8 + 300 did not throw (NEP 50: out of range)");
    } catch (const nd::error &e) {
        assert_int_equal(e.status(), ND_ERR_OVERFLOW);
    }
}

static void test_inplace(void **) {
    nd::array a = nd::array_of({1, 2, 3});
    nd::array view = a;
    a += nd::array_of({1, 1, 1});
    a *= 2.0;
    a -= 1;
    expect_values(view, {3, 5, 7});    // the same data: no temporary replaced it
    nd::array f = nd::ones({2}, nd::float32);
    f /= 3.0;
    assert_int_equal(f.dtype(), ND_FLOAT32);
    assert_float_equal(f.data<float>()[0], 1.0f / 3.0f, 0);
    nd::array k = nd::arange(0, 4, 1, nd::int32);
    k <<= 1;
    k |= 1;
    expect_values(k, {1, 3, 5, 7});
    a.assign(nd::array_of({9}));
    expect_values(view, {9, 9, 9});
}

static void test_reductions_and_linalg(void **) {
    nd::array a = nd::array_of({1, 2, 3, 4, 5, 6}, {2, 3});
    expect_near(nd::sum(a).item(), 21, 0);
    expect_values(nd::sum(a, {0}), {5, 7, 9});
    assert_int_equal(nd::mean(a, {1}, true).ndim(), 2);
    expect_values(nd::max(a, {-1}), {3, 6});
    assert_int_equal(nd::sum(a, {}).ndim(), 2); // axis=(): nothing reduced
    assert_int_equal(nd::argmax(a).item<int64_t>(), 5);
    expect_values(nd::argmin(a, 1), {0, 0});
    expect_near(nd::var(a).item(), 35.0 / 12, 1e-12);
    expect_near(nd::stddev(a, 1).item(), std::sqrt(3.5), 1e-12);
    expect_values(nd::cumsum(a, 1), {1, 3, 6, 4, 9, 15});
    nd::array m = nd::array_of({4, 1, 1, 3}, {2, 2});
    nd::array x = nd::linalg::solve(m, nd::array_of({1, 2}));
    expect_values(nd::matmul(m, x), {1, 2});
    assert_true(nd::allclose(nd::matmul(m, nd::linalg::inv(m)), nd::eye(2)));
    auto [w, v] = nd::linalg::eigh(m);
    assert_true(nd::allclose(nd::matmul(m, v), v * w));
    assert_true(nd::array_equal(nd::concatenate({a, a}, 1)("..., :3"), a));
    assert_int_equal(nd::stack({a, a}).shape(0), 2);
}

// The nn_ops forms against their definitions.
static void test_nn_ops(void **) {
    nd::array x = nd::array_of({1, 2, 3, -1, 0, 1}, {2, 3});
    nd::array sm = nd::softmax(x);
    expect_values(nd::sum(sm, {-1}), {1, 1});
    assert_true(nd::allclose(nd::log_softmax(x), nd::log(sm), 1e-12, 1e-12));
    assert_true(nd::allclose(nd::logsumexp(x, {1}), nd::log(nd::sum(nd::exp(x), {1})), 1e-12, 1e-12));
    expect_near(nd::logsumexp(x).item(), std::log(nd::sum(nd::exp(x)).item()), 1e-12);
    expect_values(nd::leaky_relu(x, 0.5), {1, 2, 3, -0.5, 0, 1});
    expect_values(nd::silu(nd::zeros({2})), {0, 0});
    assert_int_equal(nd::softmax(x.astype(nd::float32), 0).dtype(), ND_FLOAT32);
}

static void test_printing_and_rng(void **) {
    std::ostringstream os;
    os << nd::array_of({1, 2.5});
    assert_string_equal(os.str().c_str(), "array([1. , 2.5])");
    nd::rng r(42), s(42);
    nd::array u = r.uniform({100}, 0, 1, nd::float32);
    assert_true(nd::array_equal(u, s.uniform({100}, 0, 1, nd::float32)));
    assert_true(nd::all(u >= 0.0).item<int>() == 1);
}

int main() {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ownership, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors_carry_status, setup, teardown),
        cmocka_unit_test_setup_teardown(test_operators_match_c, setup, teardown),
        cmocka_unit_test_setup_teardown(test_weak_scalars, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inplace, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reductions_and_linalg, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nn_ops, setup, teardown),
        cmocka_unit_test_setup_teardown(test_printing_and_rng, setup, teardown),
    };
    return cmocka_run_group_tests(tests, nullptr, nullptr);
}

/** @file
 * libnd for C++17: a header-only layer over the C API of nd.h.
 *
 * - nd::array owns one nd_array handle (RAII): the destructor frees it, a
 *   move transfers it, and a copy is a new handle on the same data (a view,
 *   as copying a torch.Tensor or binding a second Python name). Use
 *   array::copy() for new data and array::assign() to write into existing
 *   data.
 * - Every C function that fails throws nd::error, which carries the
 *   nd_status and nd_errmsg()'s message; nothing else is added on top.
 * - Operators and free functions call the C functions of the same name:
 *   `a + b` is nd_add, `a * 0.5` is nd_multiply_scalar (a NEP 50 weak
 *   scalar: a float32 array stays float32), `a += b` is nd_add_inplace,
 *   `nd::exp(a)` is nd_exp, `nd::sum(a, {0})` is nd_sum over axis 0.
 *   Integral C++ scalars are weak ints (nd_NAME_scalar_i64), floating ones
 *   weak floats.
 * - Comparison operators return bool arrays, as NumPy's do; use
 *   nd::array_equal() or nd::allclose() for one answer.
 *
 * This file adds no behaviour of its own: each call's documentation is the
 * C function's in nd.h. It never calls nd_scope_*: an nd::array frees its
 * handle itself (a handle made while a C scope is active is also released
 * from the scope by that free).
 */
#ifndef ND_HPP
#define ND_HPP

#include "nd.h"

#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <ostream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace nd {

/** A failed libnd call: the status and the message nd_errmsg() gave. */
class error : public std::runtime_error {
public:
    error(nd_status status, const char *message)
        : std::runtime_error(message ? message : ""), status_(status) {}
    nd_status status() const noexcept { return status_; }

private:
    nd_status status_;
};

/** Shapes and index lists, as the C API takes them (int64_t counts). */
using shape_t = std::vector<int64_t>;

/** The dtypes under short names: nd::float32 is ND_FLOAT32. */
inline constexpr nd_dtype bool_ = ND_BOOL, int8 = ND_INT8, int16 = ND_INT16, int32 = ND_INT32,
                          int64 = ND_INT64, uint8 = ND_UINT8, uint16 = ND_UINT16,
                          uint32 = ND_UINT32, uint64 = ND_UINT64, float32 = ND_FLOAT32,
                          float64 = ND_FLOAT64;

namespace detail {
/* The status recorded by the call that just failed (a C function that
 * returns NULL always records one; ND_ERR_VALUE is a guard, not a case). */
[[noreturn]] inline void raise() {
    nd_status s = nd_last_status();
    throw error(s == ND_OK ? ND_ERR_VALUE : s, nd_errmsg());
}
inline void check(nd_status s) {
    if (s != ND_OK)
        throw error(s, nd_errmsg());
}
template <class T>
inline constexpr bool is_int_scalar = std::is_integral<T>::value && !std::is_same<T, bool>::value;
template <class T>
inline constexpr bool is_float_scalar = std::is_floating_point<T>::value;
} // namespace detail

class array {
public:
    /** An array with no handle (get() is NULL); most calls on it throw. */
    array() noexcept = default;
    /** Takes ownership of a handle a C function returned; NULL throws the
     * error that C call recorded, so `nd::array a(nd_zeros(...))` checks. */
    explicit array(nd_array *owned) : h_(owned) {
        if (!h_)
            detail::raise();
    }
    /** A new handle on the same data (a view of the whole array). */
    array(const array &other) : h_(other.h_ ? other.view_handle() : nullptr) {}
    array(array &&other) noexcept : h_(std::exchange(other.h_, nullptr)) {}
    /** Rebinds this name to other's data (it does not copy elements). */
    array &operator=(const array &other) {
        if (this != &other) {
            array tmp(other);
            swap(tmp);
        }
        return *this;
    }
    array &operator=(array &&other) noexcept {
        if (this != &other) {
            nd_free(h_);
            h_ = std::exchange(other.h_, nullptr);
        }
        return *this;
    }
    ~array() { nd_free(h_); }

    void swap(array &other) noexcept { std::swap(h_, other.h_); }
    /** The C handle, still owned by this object. */
    nd_array *get() const noexcept { return h_; }
    /** Gives up the handle: the caller frees it with nd_free(). */
    nd_array *release() noexcept { return std::exchange(h_, nullptr); }
    explicit operator bool() const noexcept { return h_ != nullptr; }

    int ndim() const { return nd_ndim(checked()); }
    nd_dtype dtype() const { return nd_dtype_of(checked()); }
    int64_t size() const { return nd_size(checked()); }
    shape_t shape() const {
        const int64_t *s = nd_shape(checked());
        return shape_t(s, s + nd_ndim(h_));
    }
    /** The length of one axis (negative counts from the end). */
    int64_t shape(int axis) const {
        int n = ndim();
        int ax = axis < 0 ? axis + n : axis;
        if (ax < 0 || ax >= n)
            throw error(ND_ERR_INDEX, "nd::array::shape: axis out of range");
        return nd_shape(h_)[ax];
    }
    /** Strides in elements, as nd_strides(). */
    shape_t strides() const {
        const int64_t *s = nd_strides(checked());
        return shape_t(s, s + nd_ndim(h_));
    }
    template <class T = void> T *data() const { return static_cast<T *>(nd_data(checked())); }

    /** The single value of a 0-d or size-1 array (nd_item / nd_item_i64). */
    template <class T = double> T item() const {
        if constexpr (detail::is_int_scalar<T>) {
            int64_t v = 0;
            detail::check(nd_item_i64(checked(), &v));
            return static_cast<T>(v);
        } else {
            double v = 0;
            detail::check(nd_item(checked(), &v));
            return static_cast<T>(v);
        }
    }

    array copy() const { return array(nd_copy(checked())); }
    array astype(nd_dtype dt) const { return array(nd_astype(checked(), dt)); }
    array reshape(const shape_t &shape) const {
        return array(nd_reshape(checked(), (int)shape.size(), shape.data()));
    }
    array ravel() const { return array(nd_ravel(checked())); }
    /** The transpose (a view), NumPy's a.T. */
    array T() const { return array(nd_transpose(checked(), nullptr)); }
    array transpose(const std::vector<int> &axes) const {
        if ((int)axes.size() != ndim())
            throw error(ND_ERR_VALUE, "nd::array::transpose: axes must list every axis once");
        return array(nd_transpose(h_, axes.data()));
    }
    /** A view by NumPy's index syntax: a("1:, ::2"), a("..., None"). */
    array operator()(const char *index) const { return array(nd_view(checked(), index)); }
    /** The sub-array at index i of the first axis (a view), NumPy's a[i]. */
    array operator[](int64_t i) const { return array(nd_index(checked(), 0, i)); }

    /** Writes src (broadcast) into this array's elements: a[...] = src. */
    array &assign(const array &src) {
        detail::check(nd_copyto(checked(), src.checked()));
        return *this;
    }
    array &fill(double value) {
        detail::check(nd_fill(checked(), value));
        return *this;
    }

    /** NumPy's repr(a). */
    std::string str() const {
        char *s = nd_to_string(checked());
        if (!s)
            detail::raise();
        std::string out(s);
        std::free(s);
        return out;
    }

    /* In-place arithmetic: a += b is nd_add_inplace (same_kind casting, as
     * NumPy's a += b); scalars are weak. */
#define ND_HPP_COMPOUND_(op, name)                                                 \
    array &operator op(const array &b) {                                           \
        detail::check(nd_##name##_inplace(checked(), b.checked()));                \
        return *this;                                                              \
    }                                                                              \
    template <class S, std::enable_if_t<detail::is_float_scalar<S>, int> = 0>     \
    array &operator op(S s) {                                                      \
        detail::check(nd_##name##_scalar_inplace(checked(), (double)s));           \
        return *this;                                                              \
    }                                                                              \
    template <class S, std::enable_if_t<detail::is_int_scalar<S>, int> = 0>       \
    array &operator op(S s) {                                                      \
        detail::check(nd_##name##_scalar_i64_inplace(checked(), (int64_t)s));      \
        return *this;                                                              \
    }
    ND_HPP_COMPOUND_(+=, add)
    ND_HPP_COMPOUND_(-=, subtract)
    ND_HPP_COMPOUND_(*=, multiply)
    ND_HPP_COMPOUND_(/=, divide)
    ND_HPP_COMPOUND_(%=, remainder)
    ND_HPP_COMPOUND_(&=, bitwise_and)
    ND_HPP_COMPOUND_(|=, bitwise_or)
    ND_HPP_COMPOUND_(^=, bitwise_xor)
    ND_HPP_COMPOUND_(<<=, left_shift)
    ND_HPP_COMPOUND_(>>=, right_shift)
#undef ND_HPP_COMPOUND_

    /** The C handle, or an error for an empty nd::array. */
    nd_array *checked() const {
        if (!h_)
            throw error(ND_ERR_NULL, "nd::array: the array is empty (moved from or default)");
        return h_;
    }

private:
    nd_array *view_handle() const {
        nd_array *v = nd_reshape_view(h_, nd_ndim(h_), nd_shape(h_)); /* no string to parse */
        if (!v)
            detail::raise();
        return v;
    }
    nd_array *h_ = nullptr;
};

inline void swap(array &a, array &b) noexcept { a.swap(b); }

inline std::ostream &operator<<(std::ostream &os, const array &a) { return os << a.str(); }

/* ---- making arrays ---------------------------------------------------- */

inline array empty(const shape_t &shape, nd_dtype dt = float64) {
    return array(nd_empty((int)shape.size(), shape.data(), dt));
}
inline array zeros(const shape_t &shape, nd_dtype dt = float64) {
    return array(nd_zeros((int)shape.size(), shape.data(), dt));
}
inline array ones(const shape_t &shape, nd_dtype dt = float64) {
    return array(nd_ones((int)shape.size(), shape.data(), dt));
}
inline array full(const shape_t &shape, double value, nd_dtype dt = float64) {
    return array(nd_full((int)shape.size(), shape.data(), dt, value));
}
inline array zeros_like(const array &a) { return array(nd_zeros_like(a.checked())); }
inline array ones_like(const array &a) { return array(nd_ones_like(a.checked())); }
inline array full_like(const array &a, double v) { return array(nd_full_like(a.checked(), v)); }
/** A 0-d array of dtype dt (a strong scalar: its dtype counts in promotion). */
inline array scalar(double value, nd_dtype dt = float64) { return array(nd_scalar(value, dt)); }
/** A 0-d weak scalar (NEP 50), as a Python float or int. */
inline array weak(double value) { return array(nd_weak(value)); }
inline array weak_i64(int64_t value) { return array(nd_weak_i64(value)); }
inline array arange(double start, double stop, double step = 1, nd_dtype dt = float64) {
    return array(nd_arange(start, stop, step, dt));
}
inline array linspace(double start, double stop, int64_t num, bool endpoint = true,
                      nd_dtype dt = float64) {
    return array(nd_linspace(start, stop, num, endpoint, dt));
}
inline array eye(int64_t n, int64_t m = -1, int64_t k = 0, nd_dtype dt = float64) {
    return array(nd_eye(n, m, k, dt));
}
/** A new array holding a copy of values, C order, of the given shape. */
template <class T>
inline array from_data(const T *values, const shape_t &shape, nd_dtype dt) {
    return array(nd_from_data(values, (int)shape.size(), shape.data(), dt));
}
/** A new float64 array from a list: nd::array_of({1, 2, 3}) or with a shape. */
inline array array_of(std::initializer_list<double> values, shape_t shape = {}) {
    if (shape.empty())
        shape = {(int64_t)values.size()};
    return array(nd_from_data(values.begin(), (int)shape.size(), shape.data(), float64));
}

/* ---- element-wise ----------------------------------------------------- */

/* nd::NAME(a, b) for every binary operation, with weak-scalar forms on
 * either side; nd::NAME(a) for every unary one. */
#define ND_HPP_BINARY_(name)                                                       \
    inline array name(const array &a, const array &b) {                            \
        return array(nd_##name(a.checked(), b.checked()));                         \
    }                                                                              \
    template <class S, std::enable_if_t<detail::is_float_scalar<S>, int> = 0>     \
    inline array name(const array &a, S s) {                                       \
        return array(nd_##name##_scalar(a.checked(), (double)s));                  \
    }                                                                              \
    template <class S, std::enable_if_t<detail::is_int_scalar<S>, int> = 0>       \
    inline array name(const array &a, S s) {                                       \
        return array(nd_##name##_scalar_i64(a.checked(), (int64_t)s));             \
    }                                                                              \
    template <class S, std::enable_if_t<detail::is_float_scalar<S>, int> = 0>     \
    inline array name(S s, const array &b) {                                       \
        return name(weak((double)s), b);                                           \
    }                                                                              \
    template <class S, std::enable_if_t<detail::is_int_scalar<S>, int> = 0>       \
    inline array name(S s, const array &b) {                                       \
        return name(weak_i64((int64_t)s), b);                                      \
    }
#define ND_HPP_UNARY_(name)                                                        \
    inline array name(const array &a) { return array(nd_##name(a.checked())); }
ND_BINARY_OPS(ND_HPP_BINARY_)
ND_UNARY_OPS(ND_HPP_UNARY_)
#undef ND_HPP_BINARY_
#undef ND_HPP_UNARY_

/* Operators over arrays and scalars, each the nd:: function of its name. */
#define ND_HPP_OPERATOR_(op, name)                                                 \
    inline array operator op(const array &a, const array &b) { return name(a, b); } \
    template <class S, std::enable_if_t<std::is_arithmetic<S>::value, int> = 0>    \
    inline array operator op(const array &a, S s) { return name(a, s); }           \
    template <class S, std::enable_if_t<std::is_arithmetic<S>::value, int> = 0>    \
    inline array operator op(S s, const array &b) { return name(s, b); }
ND_HPP_OPERATOR_(+, add)
ND_HPP_OPERATOR_(-, subtract)
ND_HPP_OPERATOR_(*, multiply)
ND_HPP_OPERATOR_(/, divide)
ND_HPP_OPERATOR_(%, remainder)
ND_HPP_OPERATOR_(&, bitwise_and)
ND_HPP_OPERATOR_(|, bitwise_or)
ND_HPP_OPERATOR_(^, bitwise_xor)
ND_HPP_OPERATOR_(<<, left_shift)
ND_HPP_OPERATOR_(>>, right_shift)
ND_HPP_OPERATOR_(==, equal)
ND_HPP_OPERATOR_(!=, not_equal)
ND_HPP_OPERATOR_(<, less)
ND_HPP_OPERATOR_(<=, less_equal)
ND_HPP_OPERATOR_(>, greater)
ND_HPP_OPERATOR_(>=, greater_equal)
#undef ND_HPP_OPERATOR_
inline array operator-(const array &a) { return negative(a); }
inline array operator+(const array &a) { return a; }
inline array operator~(const array &a) { return bitwise_not(a); }
inline array operator!(const array &a) { return logical_not(a); }

inline array where(const array &cond, const array &a, const array &b) {
    return array(nd_where(cond.checked(), a.checked(), b.checked()));
}
inline array clip(const array &a, const array &lo, const array &hi) {
    return array(nd_clip(a.checked(), lo.checked(), hi.checked()));
}
inline array clip(const array &a, double lo, double hi) { return clip(a, weak(lo), weak(hi)); }

inline bool allclose(const array &a, const array &b, double rtol = 1e-5, double atol = 1e-8,
                     bool equal_nan = false) {
    bool r = false;
    detail::check(nd_allclose(a.checked(), b.checked(), rtol, atol, equal_nan, &r));
    return r;
}
inline array isclose(const array &a, const array &b, double rtol = 1e-5, double atol = 1e-8,
                     bool equal_nan = false) {
    return array(nd_isclose(a.checked(), b.checked(), rtol, atol, equal_nan));
}
inline bool array_equal(const array &a, const array &b, bool equal_nan = false) {
    bool r = false;
    detail::check(nd_array_equal(a.checked(), b.checked(), equal_nan, &r));
    return r;
}

/* ---- reductions ------------------------------------------------------- */

/* nd::NAME(a) reduces every axis, nd::NAME(a, {0, 2}) the listed ones
 * (an empty list reduces none, as NumPy's axis=()). */
#define ND_HPP_REDUCTION_(name)                                                    \
    inline array name(const array &a) {                                            \
        return array(nd_##name(a.checked(), ND_ALL_AXES, nullptr, false));         \
    }                                                                              \
    inline array name(const array &a, const std::vector<int> &axes, bool keepdims = false) { \
        static const int none_[1] = {0};                                          \
        return array(nd_##name(a.checked(), (int)axes.size(),                      \
                               axes.empty() ? none_ : axes.data(), keepdims));     \
    }
ND_REDUCTIONS(ND_HPP_REDUCTION_)
#undef ND_HPP_REDUCTION_

inline array var(const array &a, double ddof = 0) {
    return array(nd_var(a.checked(), ND_ALL_AXES, nullptr, false, ddof));
}
inline array var(const array &a, const std::vector<int> &axes, bool keepdims = false,
                 double ddof = 0) {
    static const int none_[1] = {0};
    return array(nd_var(a.checked(), (int)axes.size(), axes.empty() ? none_ : axes.data(),
                        keepdims, ddof));
}
/* np.std is nd::stddev: a function named std would hide namespace std. */
inline array stddev(const array &a, double ddof = 0) {
    return array(nd_std(a.checked(), ND_ALL_AXES, nullptr, false, ddof));
}
inline array stddev(const array &a, const std::vector<int> &axes, bool keepdims = false,
                    double ddof = 0) {
    static const int none_[1] = {0};
    return array(nd_std(a.checked(), (int)axes.size(), axes.empty() ? none_ : axes.data(),
                        keepdims, ddof));
}
inline array argmax(const array &a) { return array(nd_argmax(a.checked(), ND_AXIS_NONE, false)); }
inline array argmax(const array &a, int axis, bool keepdims = false) {
    return array(nd_argmax(a.checked(), axis, keepdims));
}
inline array argmin(const array &a) { return array(nd_argmin(a.checked(), ND_AXIS_NONE, false)); }
inline array argmin(const array &a, int axis, bool keepdims = false) {
    return array(nd_argmin(a.checked(), axis, keepdims));
}
inline array cumsum(const array &a, int axis) { return array(nd_cumsum(a.checked(), axis)); }
inline array cumprod(const array &a, int axis) { return array(nd_cumprod(a.checked(), axis)); }

/* ---- neural-network array operations (nd/nn_ops.h) --------------------- */

inline array leaky_relu(const array &a, double negative_slope = 0.01) {
    return array(nd_leaky_relu(a.checked(), negative_slope));
}
inline array softmax(const array &a, int axis = -1) { return array(nd_softmax(a.checked(), axis)); }
inline array log_softmax(const array &a, int axis = -1) {
    return array(nd_log_softmax(a.checked(), axis));
}
inline array logsumexp(const array &a) {
    return array(nd_logsumexp(a.checked(), ND_ALL_AXES, nullptr, false));
}
inline array logsumexp(const array &a, const std::vector<int> &axes, bool keepdims = false) {
    static const int none_[1] = {0};
    return array(nd_logsumexp(a.checked(), (int)axes.size(), axes.empty() ? none_ : axes.data(),
                              keepdims));
}

/* ---- joining, linear algebra ------------------------------------------ */

namespace detail {
inline std::vector<const nd_array *> handles(std::initializer_list<array> arrays) {
    std::vector<const nd_array *> h;
    h.reserve(arrays.size());
    for (const array &a : arrays)
        h.push_back(a.checked());
    return h;
}
} // namespace detail

inline array concatenate(std::initializer_list<array> arrays, int axis = 0) {
    auto h = detail::handles(arrays);
    return array(nd_concatenate((int)h.size(), h.data(), axis));
}
inline array stack(std::initializer_list<array> arrays, int axis = 0) {
    auto h = detail::handles(arrays);
    return array(nd_stack((int)h.size(), h.data(), axis));
}
inline array matmul(const array &a, const array &b) {
    return array(nd_matmul(a.checked(), b.checked()));
}
inline array dot(const array &a, const array &b) { return array(nd_dot(a.checked(), b.checked())); }
inline array outer(const array &a, const array &b) {
    return array(nd_outer(a.checked(), b.checked()));
}
inline array einsum(const char *subscripts, std::initializer_list<array> operands) {
    auto h = detail::handles(operands);
    return array(nd_einsum(subscripts, (int)h.size(), h.data()));
}

namespace linalg {
inline array solve(const array &a, const array &b) {
    return array(nd_linalg_solve(a.checked(), b.checked()));
}
inline array inv(const array &a) { return array(nd_linalg_inv(a.checked())); }
inline array det(const array &a) { return array(nd_linalg_det(a.checked())); }
inline array cholesky(const array &a, bool upper = false) {
    return array(nd_linalg_cholesky(a.checked(), upper));
}
inline array pinv(const array &a, double rcond = -1) {
    return array(nd_linalg_pinv(a.checked(), rcond));
}
/** The eigenvalues and eigenvectors of a symmetric matrix (nd_linalg_eigh). */
inline std::pair<array, array> eigh(const array &a, bool upper = false) {
    nd_array *w = nullptr, *v = nullptr;
    detail::check(nd_linalg_eigh(a.checked(), upper, &w, &v));
    return {array(w), array(v)};
}
/** Q and R of the reduced QR decomposition. */
inline std::pair<array, array> qr(const array &a) {
    nd_array *q = nullptr, *r = nullptr;
    detail::check(nd_linalg_qr(a.checked(), ND_QR_REDUCED, &q, &r));
    return {array(q), array(r)};
}
} // namespace linalg

/* ---- random, io ------------------------------------------------------- */

/** The counter-based generator (nd_rng), seeded at construction. */
class rng {
public:
    explicit rng(uint64_t seed) { nd_rng_seed(&r_, seed); }
    array uniform(const shape_t &shape, double low = 0, double high = 1, nd_dtype dt = float64) {
        return array(nd_random_uniform(&r_, low, high, (int)shape.size(), shape.data(), dt));
    }
    array normal(const shape_t &shape, double mean = 0, double stddev = 1, nd_dtype dt = float64) {
        return array(nd_random_normal(&r_, mean, stddev, (int)shape.size(), shape.data(), dt));
    }
    array integers(int64_t low, int64_t high, const shape_t &shape, nd_dtype dt = int64) {
        return array(nd_random_integers(&r_, low, high, (int)shape.size(), shape.data(), dt));
    }
    /** The C generator, for the nd_random_* functions this class lacks. */
    nd_rng *get() noexcept { return &r_; }

private:
    nd_rng r_;
};

inline array load(const char *path) { return array(nd_load(path)); }
inline void save(const char *path, const array &a) { detail::check(nd_save(path, a.checked())); }
inline array loadtxt(const char *path) { return array(nd_loadtxt(path, nullptr)); }

} // namespace nd

#endif

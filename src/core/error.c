/* Thread-local error state and the message helpers every layer uses. */
#include "core.h"

#include <stdio.h>

#define ND_ERRMSG_CAP 1024

static _Thread_local nd_status tl_status = ND_OK;
static _Thread_local char tl_msg[ND_ERRMSG_CAP];
/* Counts the errors recorded on this thread, so a function can tell an
 * error raised during its call from one that was pending before it. */
static _Thread_local unsigned long tl_seq;

const char *nd_errmsg(void) { return tl_msg; }
nd_status nd_last_status(void) { return tl_status; }

void nd_clear_error(void) {
    tl_status = ND_OK;
    tl_msg[0] = '\0';
}

nd_status nd__error(nd_status status, const char *fn, const char *fmt, ...) {
    int n = snprintf(tl_msg, sizeof tl_msg, "%s: ", fn);
    if (n < 0 || (size_t)n >= sizeof tl_msg) n = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tl_msg + n, sizeof tl_msg - (size_t)n, fmt, ap);
    va_end(ap);
    tl_status = status;
    tl_seq++;
    return status;
}

unsigned long nd__error_mark(void) { return tl_seq; }

nd_status nd_set_error(nd_status status, const char *fn, const char *fmt, ...) {
    if (!fn) fn = "nd_set_error";
    int n = snprintf(tl_msg, sizeof tl_msg, "%s: ", fn);
    if (n < 0 || (size_t)n >= sizeof tl_msg) n = 0;
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(tl_msg + n, sizeof tl_msg - (size_t)n, fmt, ap);
        va_end(ap);
    }
    tl_status = status;
    tl_seq++;
    return status;
}

unsigned long nd_error_mark(void) { return tl_seq; }

nd_status nd_error_relabel(const char *fn, unsigned long mark) {
    if (!fn) return tl_status;
    return nd__relabel(fn, mark);
}

nd_status nd__relabel(const char *fn, unsigned long mark) {
    if (tl_seq == mark) return tl_status; /* nothing new: a pending error is kept */
    size_t n = strlen(fn);
    if (strncmp(tl_msg, fn, n) == 0 && tl_msg[n] == ':') return tl_status;
    return nd__reraise(fn);
}

nd_status nd__reraise(const char *fn) {
    char msg[ND_ERRMSG_CAP]; /* the message is rewritten in place */
    const char *inner = tl_msg, *colon = strstr(tl_msg, ": ");
    if (strncmp(tl_msg, "nd_", 3) == 0 && colon && !memchr(tl_msg, ' ', (size_t)(colon - tl_msg)))
        inner = colon + 2; /* drop the inner function's name */
    snprintf(msg, sizeof msg, "%s", inner);
    return nd__error(tl_status, fn, "%s", msg);
}

nd_status nd__null_arg(const char *fn, const char *name) {
    if (tl_status != ND_OK) return ND_ERR_NULL;
    return nd__error(ND_ERR_NULL, fn, "argument '%s' is NULL", name);
}

const char *nd_status_name(nd_status s) {
    switch (s) {
    case ND_OK: return "ok";
    case ND_ERR_NULL: return "null argument";
    case ND_ERR_SHAPE: return "shape error";
    case ND_ERR_DTYPE: return "dtype error";
    case ND_ERR_VALUE: return "value error";
    case ND_ERR_INDEX: return "index error";
    case ND_ERR_OVERFLOW: return "overflow";
    case ND_ERR_NOMEM: return "out of memory";
    case ND_ERR_READONLY: return "read-only output";
    case ND_ERR_UNSUPPORTED: return "unsupported";
    case ND_ERR_IO: return "i/o error";
    case ND_ERR_LINALG: return "linear algebra error";
    }
    return "unknown status";
}

const char *nd__shape_str(char *buf, size_t cap, int ndim, const int64_t *shape) {
    size_t n = 0;
    buf[0] = '\0';
    n += (size_t)snprintf(buf + n, cap - n, "(");
    for (int i = 0; i < ndim && n < cap; i++)
        n += (size_t)snprintf(buf + n, cap - n, i ? ",%lld" : "%lld", (long long)shape[i]);
    if (n < cap) snprintf(buf + n, cap - n, ndim == 1 ? ",)" : ")");
    return buf;
}

bool nd__check_array(const char *fn, const char *name, const nd_array *a) {
    if (a) return true;
    nd__null_arg(fn, name);
    return false;
}

bool nd__check_arrays(const char *fn, const char *name, int n, const nd_array *const *arrays) {
    for (int i = 0; i < n; i++) {
        if (!arrays[i]) {
            char entry[64];
            snprintf(entry, sizeof entry, "%s[%d]", name, i);
            nd__null_arg(fn, entry);
            return false;
        }
    }
    return true;
}

bool nd__check_dtype(const char *fn, nd_dtype dt) {
    if (nd__valid_dtype(dt)) return true;
    nd__error(ND_ERR_DTYPE, fn, "invalid dtype %d", (int)dt);
    return false;
}

bool nd__check_shape_arg(const char *fn, int ndim, const int64_t *shape) {
    if (ndim < 0 || ndim > ND_MAX_DIMS) {
        nd__error(ND_ERR_VALUE, fn, "ndim %d is outside [0, %d]", ndim, ND_MAX_DIMS);
        return false;
    }
    if (ndim > 0 && !shape) {
        nd__null_arg(fn, "shape");
        return false;
    }
    return true;
}

bool nd__check_shape(const char *fn, int ndim, const int64_t *shape) {
    if (!nd__check_shape_arg(fn, ndim, shape)) return false;
    for (int i = 0; i < ndim; i++) {
        if (shape[i] < 0) {
            char s[ND_SHAPE_STR_CAP];
            nd__error(ND_ERR_VALUE, fn, "negative dimension in shape %s",
                      nd__shape_str(s, sizeof s, ndim, shape));
            return false;
        }
    }
    return true;
}

/* The axis sentinels sit far from every valid axis and count (nd.h), so a
 * sentinel in the wrong place is always caught, and named, never printed
 * as -2147483648. */
bool nd__sentinel_axis(const char *fn, int axis, bool flat_ok) {
    if (axis == ND_ALL_AXES) {
        nd__error(ND_ERR_VALUE, fn, "ND_ALL_AXES is an axis count, not an axis%s",
                  flat_ok ? "; use ND_AXIS_NONE for the flattened array" : "");
        return true;
    }
    if (axis == ND_AXIS_NONE) {
        /* a caller that takes ND_AXIS_NONE handles it before asking */
        nd__error(ND_ERR_VALUE, fn, "ND_AXIS_NONE (the flattened array) has no meaning for this axis; give an axis");
        return true;
    }
    return false;
}

static bool norm_axis(const char *fn, int *axis, int ndim, bool flat_ok) {
    int ax = *axis;
    if (nd__sentinel_axis(fn, ax, flat_ok)) return false;
    if (ax < -ndim || ax >= ndim) {
        nd__error(ND_ERR_INDEX, fn, "axis %d is out of bounds for array of dimension %d", ax,
                  ndim);
        return false;
    }
    *axis = ax < 0 ? ax + ndim : ax;
    return true;
}

bool nd__norm_axis(const char *fn, int *axis, int ndim) { return norm_axis(fn, axis, ndim, false); }
bool nd__norm_axis_flat(const char *fn, int *axis, int ndim) { return norm_axis(fn, axis, ndim, true); }

bool nd__sentinel_entry(const char *fn, int i, int axis) {
    if (axis != ND_ALL_AXES && axis != ND_AXIS_NONE) return false;
    nd__error(ND_ERR_VALUE, fn, "axes[%d] is %s, not an axis", i,
              axis == ND_ALL_AXES ? "ND_ALL_AXES (an axis count)" : "ND_AXIS_NONE (a single-axis argument)");
    return true;
}

bool nd__check_naxes(const char *fn, int naxes, const int *axes, bool all_ok) {
    if (naxes == ND_AXIS_NONE) {
        nd__error(ND_ERR_VALUE, fn, "ND_AXIS_NONE is a single-axis argument, not an axis count%s",
                  all_ok ? "; use ND_ALL_AXES for every axis" : "");
        return false;
    }
    if (naxes == ND_ALL_AXES && !all_ok) {
        nd__error(ND_ERR_VALUE, fn, "ND_ALL_AXES (every axis) has no meaning here; give the axes");
        return false;
    }
    if (naxes == 0 && !axes && all_ok) {
        nd__error(ND_ERR_VALUE, fn,
                  "naxes 0 with axes NULL is ambiguous; use ND_ALL_AXES for every axis "
                  "(naxes 0 with a non-NULL axes selects none)");
        return false;
    }
    return true;
}

/* Checks a list of axes against ndim: each in range (negative ones count from
 * the end), none repeated. norm receives the normalised axes, seen[ndim]
 * marks them. */
bool nd__norm_axes(const char *fn, int ndim, int naxes, const int *axes, int *norm, bool *seen) {
    if (!nd__check_naxes(fn, naxes, axes, false)) return false;
    /* more axes than dimensions fail below, as NumPy reports them: an axis
     * out of bounds, or a repeated one */
    if (naxes < 0) {
        nd__error(ND_ERR_VALUE, fn, "%d axes given for an array of dimension %d", naxes, ndim);
        return false;
    }
    if (naxes > 0 && !axes) {
        nd__null_arg(fn, "axes");
        return false;
    }
    for (int i = 0; i < ndim; i++) seen[i] = false;
    for (int i = 0; i < naxes; i++) {
        int ax = axes[i];
        if (nd__sentinel_entry(fn, i, ax) || !nd__norm_axis(fn, &ax, ndim)) return false;
        if (seen[ax]) {
            nd__error(ND_ERR_VALUE, fn, "repeated axis %d", axes[i]);
            return false;
        }
        seen[ax] = true;
        if (norm) norm[i] = ax;
    }
    return true;
}

bool nd__axes_mask(const char *fn, int ndim, int naxes, const int *axes, bool *mask) {
    if (!nd__check_naxes(fn, naxes, axes, true)) return false;
    if (naxes != ND_ALL_AXES) return nd__norm_axes(fn, ndim, naxes, axes, NULL, mask);
    for (int d = 0; d < ndim; d++) mask[d] = true;
    return true;
}

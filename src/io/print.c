/* Printing arrays as NumPy's repr (numpy/core/arrayprint.py of NumPy 1.24
 * with its defaults: floatmode 'maxprec', sign '-', legacy off), and the
 * per-process print options. The layout code follows _formatArray and
 * FloatingFormat step by step, so that output matches NumPy's exactly.
 *
 * Floats use the shortest decimal that reads back as the same value in the
 * array's float type, cut at `precision` digits (Dragon4's unique mode as
 * NumPy calls it). Here it is found by trying 1, 2, ... significant digits
 * with snprintf's correctly rounded "%.*e" and reading each candidate back
 * with strtod/strtof; the candidates are written without a decimal point,
 * so the C locale is not needed. */
#include "core/core.h"

#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

/* Beyond this, digits would only spell out the binary value further. */
#define MAX_PRECISION 1000

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static const nd_printoptions k_defaults = {8, 1000, 3, 75, false};
static nd_printoptions g_opts = {8, 1000, 3, 75, false};

nd_printoptions nd_get_printoptions(void) {
    pthread_mutex_lock(&g_lock);
    nd_printoptions o = g_opts;
    pthread_mutex_unlock(&g_lock);
    return o;
}

nd_status nd_set_printoptions(const nd_printoptions *opts) {
    static const char fn[] = "nd_set_printoptions";
    nd_printoptions o = opts ? *opts : k_defaults;
    if (o.precision < 0 || o.precision > MAX_PRECISION)
        return nd__error(ND_ERR_VALUE, fn, "precision %d is outside [0, %d]", o.precision,
                         MAX_PRECISION);
    if (o.threshold < 0)
        return nd__error(ND_ERR_VALUE, fn, "threshold %lld is negative", (long long)o.threshold);
    if (o.edgeitems < 0)
        return nd__error(ND_ERR_VALUE, fn, "edgeitems %d is negative", o.edgeitems);
    if (o.linewidth < 1)
        return nd__error(ND_ERR_VALUE, fn, "linewidth %d is not positive", o.linewidth);
    pthread_mutex_lock(&g_lock);
    g_opts = o;
    pthread_mutex_unlock(&g_lock);
    return ND_OK;
}

/* ---------------------------------------------------------------- strings */

typedef struct sbuf {
    char *p;
    size_t len, cap;
    bool failed;
} sbuf;

static bool sb_reserve(sbuf *s, size_t extra) {
    if (s->failed) return false;
    if (s->len + extra + 1 <= s->cap) return true;
    size_t cap = s->cap ? s->cap : 256;
    while (cap < s->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            s->failed = true;
            return false;
        }
        cap *= 2;
    }
    char *p = realloc(s->p, cap);
    if (!p) {
        s->failed = true;
        return false;
    }
    s->p = p;
    s->cap = cap;
    return true;
}

static void sb_putn(sbuf *s, const char *src, size_t n) {
    if (!sb_reserve(s, n)) return;
    memcpy(s->p + s->len, src, n);
    s->len += n;
    s->p[s->len] = '\0';
}

static void sb_puts(sbuf *s, const char *src) { sb_putn(s, src, strlen(src)); }

static void sb_pad(sbuf *s, char c, int64_t n) {
    if (n <= 0 || !sb_reserve(s, (size_t)n)) return;
    memset(s->p + s->len, c, (size_t)n);
    s->len += (size_t)n;
    s->p[s->len] = '\0';
}

static void sb_putc(sbuf *s, char c) { sb_pad(s, c, 1); }

/* ---------------------------------------------------------------- float digits */

/* A decimal d[0].d[1]...d[n-1] x 10^e without trailing zeros; zero is the
 * single digit "0". */
typedef struct dec {
    bool neg;
    int n;
    int e;
    char d[24];
} dec;

/* m x 10^q (m > 0, at most 19 digits) into d. */
static void dec_set(dec *d, uint64_t m, int q) {
    while (m % 10 == 0) {
        m /= 10;
        q++;
    }
    char tmp[24];
    int n = snprintf(tmp, sizeof tmp, "%" PRIu64, m);
    memcpy(d->d, tmp, (size_t)n);
    d->n = n;
    d->e = q + n - 1;
}

static void dec_zero(dec *d) {
    d->n = 1;
    d->e = 0;
    d->d[0] = '0';
}

/* Reads snprintf's "%.*e" or "%.*f" output of a positive value as m x 10^q:
 * every digit from the first nonzero one (at most 19, which the callers
 * guarantee), any decimal-point character skipped. */
static void parse_digits(const char *s, uint64_t *m, int *q) {
    uint64_t v = 0;
    int nd = 0, qq = 0;
    bool point = false;
    for (; *s && *s != 'e'; s++) {
        if (*s < '0' || *s > '9') {
            point = true;
            continue;
        }
        if (point) qq--;
        if (v == 0 && *s == '0') continue;
        if (nd < 19) {
            v = v * 10 + (uint64_t)(*s - '0');
            nd++;
        } else {
            qq++;
        }
    }
    if (*s == 'e') qq += atoi(s + 1);
    *m = v;
    *q = qq;
}

static int count_digits(uint64_t m) {
    int n = 1;
    while (m >= 10) {
        m /= 10;
        n++;
    }
    return n;
}

static bool reads_back(uint64_t m, int q, double x, bool f32) {
    char buf[48];
    snprintf(buf, sizeof buf, "%" PRIu64 "e%d", m, q);
    if (f32) return strtof(buf, NULL) == (float)x;
    return strtod(buf, NULL) == x;
}

/* The decimal Dragon4 ends on at the last digit place of (m, q), which
 * holds the nearest decimal there: a neighbour that reads back as x when
 * that one does not (one side of x's rounding interval is narrower at
 * powers of two), else the nearest. */
static void settle(double x, bool f32, uint64_t *m, int q) {
    if (reads_back(*m, q, x, f32)) return;
    if (reads_back(*m + 1, q, x, f32)) *m += 1;
    else if (*m > 1 && reads_back(*m - 1, q, x, f32)) *m -= 1;
}

/* The digits NumPy's Dragon4 prints for v in unique mode: the fewest that
 * read back as v (as float32 when f32), the nearer candidate when two of
 * that length do; at most `precision` digits after the point (positional)
 * or after the first digit (scientific), rounding to nearest (ties to even)
 * at that cut; and, when min_digits >= 0, at least that many digits there:
 * NumPy then goes on to that place and rounds there (so float32 1e-5 shown
 * with 8 digits is 9.9999997e-06, and float32 99999992 positional keeps its
 * integer digits). */
static void float_digits(double v, bool f32, bool positional, int precision, int min_digits,
                         dec *out) {
    out->neg = signbit(v);
    double x = fabs(v);
    if (x == 0) {
        dec_zero(out);
        return;
    }
    char buf[MAX_PRECISION + 400];
    uint64_t m = 0;
    int q = 0;
    bool found = false;
    for (int n = 1; n <= (f32 ? 9 : 17); n++) {
        snprintf(buf, sizeof buf, "%.*e", n - 1, x);
        parse_digits(buf, &m, &q); /* n digits; q is the last one's place */
        if (positional ? -q > precision : n - 1 > precision) break;
        settle(x, f32, &m, q);
        if (!reads_back(m, q, x, f32)) continue;
        found = true;
        if (min_digits >= 0 &&
            (positional ? q > -min_digits : count_digits(m) < min_digits + 1)) {
            if (positional) snprintf(buf, sizeof buf, "%.*f", min_digits, x);
            else snprintf(buf, sizeof buf, "%.*e", min_digits, x);
            parse_digits(buf, &m, &q);
            if (m > 0) settle(x, f32, &m, q);
        }
        break;
    }
    if (!found) {
        /* cut at the precision: the correctly rounded value there */
        if (positional) snprintf(buf, sizeof buf, "%.*f", precision, x);
        else snprintf(buf, sizeof buf, "%.*e", precision, x);
        parse_digits(buf, &m, &q);
    }
    if (m == 0) dec_zero(out);
    else dec_set(out, m, q);
}

/* ---------------------------------------------------------------- formatters */

typedef struct fmt {
    nd_dtype dt;
    bool zero_d;
    int width; /* integers */
    /* floats (FloatingFormat) */
    bool exp;
    int precision, min_digits;
    int pad_left, pad_right, exp_size;
} fmt;

static double load_float(nd_dtype dt, const char *p) {
    if (dt == ND_FLOAT32) {
        float f;
        memcpy(&f, p, sizeof f);
        return f;
    }
    double d;
    memcpy(&d, p, sizeof d);
    return d;
}

/* Writes an integer or bool element's digits into buf; returns the length. */
static int int_str(nd_dtype dt, const char *p, char *buf) {
    union {
        int8_t i8;
        int16_t i16;
        int32_t i32;
        int64_t i64;
        uint8_t u8;
        uint16_t u16;
        uint32_t u32;
        uint64_t u64;
    } v;
    memcpy(&v, p, nd__itemsize(dt));
    switch (dt) {
    case ND_INT8: return snprintf(buf, 24, "%d", (int)v.i8);
    case ND_INT16: return snprintf(buf, 24, "%d", (int)v.i16);
    case ND_INT32: return snprintf(buf, 24, "%" PRId32, v.i32);
    case ND_INT64: return snprintf(buf, 24, "%" PRId64, v.i64);
    case ND_UINT8: return snprintf(buf, 24, "%u", (unsigned)v.u8);
    case ND_UINT16: return snprintf(buf, 24, "%u", (unsigned)v.u16);
    case ND_UINT32: return snprintf(buf, 24, "%" PRIu32, v.u32);
    case ND_UINT64: return snprintf(buf, 24, "%" PRIu64, v.u64);
    default: return snprintf(buf, 24, "%s", v.u8 ? "True" : "False");
    }
}

static int exp_digits(int e) {
    int a = e < 0 ? -e : e;
    return a >= 100 ? 3 : 2;
}

static int pos_int_len(const dec *d) {
    return (int)d->neg + (d->e >= 0 && !(d->n == 1 && d->d[0] == '0') ? d->e + 1 : 1);
}

static int pos_frac_len(const dec *d) {
    if (d->n == 1 && d->d[0] == '0') return 0;
    int f = d->n - 1 - d->e;
    return f > 0 ? f : 0;
}

/* The state of one pass over the elements that will be shown. */
typedef struct fill_state {
    fmt *f;
    const nd_printoptions *o;
    /* floats */
    bool any_finite, any_nonfinite, neg_inf;
    double max_abs, min_abs; /* over finite non-zero values */
    bool any_nonzero;
} fill_state;

/* Positions of the elements that are shown: along an axis that is
 * summarised, the first and last edgeitems; as NumPy's _leading_trailing,
 * edgeitems 0 keeps the whole axis (a[-0:] is all of it). */
typedef struct walker {
    const nd_array *a;
    bool summarise;
    int64_t edge;
} walker;

static bool axis_split(const walker *w, int axis) {
    return w->summarise && w->edge > 0 && w->a->shape[axis] > 2 * w->edge;
}

typedef void (*visit_fn)(fill_state *st, const char *p);

static void walk_shown(const walker *w, fill_state *st, visit_fn fn) {
    const nd_array *a = w->a;
    int nd = a->ndim;
    int64_t k[ND_MAX_DIMS] = {0}, cnt[ND_MAX_DIMS];
    size_t isz = nd__itemsize(a->dtype);
    for (int i = 0; i < nd; i++) cnt[i] = axis_split(w, i) ? 2 * w->edge : a->shape[i];
    for (;;) {
        int64_t off = 0;
        for (int i = 0; i < nd; i++) {
            int64_t idx = k[i];
            if (axis_split(w, i) && idx >= w->edge) idx = a->shape[i] - 2 * w->edge + idx;
            off += idx * a->strides[i];
        }
        fn(st, a->data + off * (int64_t)isz);
        int i = nd - 1;
        for (; i >= 0; i--) {
            if (++k[i] < cnt[i]) break;
            k[i] = 0;
        }
        if (i < 0) return;
    }
}

static void visit_int(fill_state *st, const char *p) {
    char buf[32];
    int n = int_str(st->f->dt, p, buf);
    if (n > st->f->width) st->f->width = n;
}

static void visit_float_stats(fill_state *st, const char *p) {
    double v = load_float(st->f->dt, p);
    if (!isfinite(v)) {
        st->any_nonfinite = true;
        if (isinf(v) && v < 0) st->neg_inf = true;
        return;
    }
    st->any_finite = true;
    double x = fabs(v);
    if (x == 0) return;
    if (!st->any_nonzero || x > st->max_abs) st->max_abs = x;
    if (!st->any_nonzero || x < st->min_abs) st->min_abs = x;
    st->any_nonzero = true;
}

static void visit_float_sizes(fill_state *st, const char *p) {
    fmt *f = st->f;
    double v = load_float(f->dt, p);
    if (!isfinite(v)) return;
    dec d;
    float_digits(v, f->dt == ND_FLOAT32, !f->exp, st->o->precision, -1, &d);
    int il, fl;
    if (f->exp) {
        il = (int)d.neg + 1;
        fl = d.n - 1;
        int ed = exp_digits(d.e);
        if (ed > f->exp_size) f->exp_size = ed;
    } else {
        il = pos_int_len(&d);
        fl = pos_frac_len(&d);
    }
    if (il > f->pad_left) f->pad_left = il;
    if (fl > f->pad_right) f->pad_right = fl;
}

/* FloatingFormat.fillFormat for floatmode 'maxprec'. */
static void fill_float(const walker *w, fmt *f, const nd_printoptions *o) {
    fill_state st = {.f = f, .o = o};
    walk_shown(w, &st, visit_float_stats);
    f->exp = false;
    if (st.any_nonzero) {
        /* NumPy compares in the array's type, then with Python floats */
        bool big_ratio;
        if (f->dt == ND_FLOAT32) big_ratio = (float)st.max_abs / (float)st.min_abs > 1000.0f;
        else big_ratio = st.max_abs / st.min_abs > 1000.0;
        if (st.max_abs >= 1.e8 || (!o->suppress && (st.min_abs < 0.0001 || big_ratio)))
            f->exp = true;
    }
    f->pad_left = f->pad_right = 0;
    f->exp_size = -1;
    f->precision = o->precision;
    f->min_digits = 0;
    if (st.any_finite) {
        if (f->exp) f->exp_size = 0;
        walk_shown(w, &st, visit_float_sizes);
        if (f->exp) {
            /* pad_right held the longest fraction: every value gets that
             * many digits (trim 'k'), and pad_right is only for nan/inf */
            f->precision = f->min_digits = f->pad_right;
            f->pad_right = f->exp_size + 2 + f->precision;
        }
    }
    if (st.any_nonfinite) {
        int offset = f->pad_right + 1;
        int nanlen = 3, inflen = 3 + (int)st.neg_inf;
        if (nanlen - offset > f->pad_left) f->pad_left = nanlen - offset;
        if (inflen - offset > f->pad_left) f->pad_left = inflen - offset;
    }
}

/* FloatingFormat.__call__ */
static void put_float(sbuf *s, const fmt *f, double v) {
    if (!isfinite(v)) {
        const char *t = isnan(v) ? "nan" : v < 0 ? "-inf" : "inf";
        sb_pad(s, ' ', f->pad_left + f->pad_right + 1 - (int)strlen(t));
        sb_puts(s, t);
        return;
    }
    dec d;
    float_digits(v, f->dt == ND_FLOAT32, !f->exp, f->precision, f->min_digits, &d);
    if (f->exp) {
        sb_pad(s, ' ', f->pad_left - ((int)d.neg + 1));
        if (d.neg) sb_putc(s, '-');
        sb_putc(s, d.d[0]);
        sb_putc(s, '.');
        sb_putn(s, d.d + 1, (size_t)(d.n - 1));
        sb_pad(s, '0', f->min_digits - (d.n - 1));
        char e[16];
        int ae = d.e < 0 ? -d.e : d.e;
        snprintf(e, sizeof e, "e%c%0*d", d.e < 0 ? '-' : '+', f->exp_size, ae);
        sb_puts(s, e);
        return;
    }
    bool zero = d.n == 1 && d.d[0] == '0';
    sb_pad(s, ' ', f->pad_left - pos_int_len(&d));
    if (d.neg) sb_putc(s, '-');
    if (zero || d.e < 0) {
        sb_putc(s, '0');
    } else {
        int ni = d.e + 1;
        sb_putn(s, d.d, (size_t)(ni < d.n ? ni : d.n));
        sb_pad(s, '0', ni - d.n);
    }
    sb_putc(s, '.');
    int fl = pos_frac_len(&d);
    if (!zero && fl > 0) {
        if (d.e < 0) {
            sb_pad(s, '0', -d.e - 1);
            sb_putn(s, d.d, (size_t)d.n);
        } else {
            sb_putn(s, d.d + d.e + 1, (size_t)(d.n - d.e - 1));
        }
    }
    sb_pad(s, ' ', f->pad_right - fl);
}

static void put_elem(sbuf *s, const fmt *f, const char *p) {
    if (nd_dtype_is_float(f->dt)) {
        put_float(s, f, load_float(f->dt, p));
        return;
    }
    char buf[32];
    int n = int_str(f->dt, p, buf);
    if (f->dt == ND_BOOL && !f->zero_d && buf[0] == 'T') sb_putc(s, ' ');
    else sb_pad(s, ' ', f->width - n);
    sb_putn(s, buf, (size_t)n);
}

/* ---------------------------------------------------------------- layout */

typedef struct layout {
    const nd_array *a;
    const fmt *f;
    bool summarise;
    int64_t edge;
    sbuf word; /* scratch for one element */
    int64_t idx[ND_MAX_DIMS];
} layout;

static const char *elem_ptr(const layout *L) {
    int64_t off = 0;
    for (int i = 0; i < L->a->ndim; i++) off += L->idx[i] * L->a->strides[i];
    return L->a->data + off * (int64_t)nd__itemsize(L->a->dtype);
}

/* _extendLine: appends word to line, first flushing line to out when the
 * word would pass width (unless the line holds only the indent). first_line
 * drops the hanging indent of the first line written, as _formatArray's
 * s[len(hanging_indent):] does. */
static void extend_line(sbuf *out, sbuf *line, const char *word, size_t wlen, int width,
                        int hanging, bool *first_line) {
    if ((int64_t)(line->len + wlen) > width && line->len > (size_t)hanging) {
        size_t n = line->len;
        while (n > 0 && line->p[n - 1] == ' ') n--;
        size_t skip = *first_line ? (size_t)hanging : 0;
        if (n > skip) sb_putn(out, line->p + skip, n - skip);
        sb_putc(out, '\n');
        *first_line = false;
        line->len = 0;
        sb_pad(line, ' ', hanging);
    }
    sb_putn(line, word, wlen);
}

/* _formatArray's recurser for the sub-array at L->idx[0..axis). The items
 * of an axis are its leading edge items, "..." when summarised, then the
 * trailing ones; the last item is always shown (with edgeitems 0 too). */
static void recurse(layout *L, sbuf *out, int axis, int hanging, int width) {
    const nd_array *a = L->a;
    int axes_left = a->ndim - axis;
    int64_t n = a->shape[axis];
    bool summary = L->summarise && 2 * L->edge < n;
    int64_t leading = summary ? L->edge : 0;
    int64_t trailing = summary ? L->edge : n;
    int64_t total = leading + (summary ? 1 : 0) + (trailing > 1 ? trailing : 1);
    sb_putc(out, '[');
    if (axes_left == 1) {
        int elem_width = width - 1; /* max(len(','), len(']')) */
        sbuf line = {0};
        sb_pad(&line, ' ', hanging);
        bool first_line = true;
        for (int64_t j = 0; j < total; j++) {
            if (summary && j == leading) {
                extend_line(out, &line, "...", 3, elem_width, hanging, &first_line);
            } else {
                L->idx[axis] = j < leading || !summary ? j : n - (total - j);
                L->word.len = 0;
                put_elem(&L->word, L->f, elem_ptr(L));
                extend_line(out, &line, L->word.p ? L->word.p : "", L->word.len, elem_width,
                            hanging, &first_line);
            }
            if (j + 1 < total) sb_putn(&line, ", ", 2);
        }
        if (line.failed) out->failed = true;
        size_t skip = first_line ? (size_t)hanging : 0;
        if (line.len > skip) sb_putn(out, line.p + skip, line.len - skip);
        free(line.p);
    } else {
        for (int64_t j = 0; j < total; j++) {
            if (j > 0) sb_pad(out, ' ', hanging);
            if (summary && j == leading) {
                sb_puts(out, "...");
            } else {
                L->idx[axis] = j < leading || !summary ? j : n - (total - j);
                recurse(L, out, axis + 1, hanging + 1, width - 1);
            }
            if (j + 1 < total) {
                sb_putc(out, ',');
                sb_pad(out, '\n', axes_left - 1);
            }
        }
    }
    sb_putc(out, ']');
}

static bool dtype_implied(nd_dtype dt) {
    return dt == ND_FLOAT64 || dt == ND_INT64 || dt == ND_BOOL;
}

char *nd_to_string(const nd_array *a) {
    static const char fn[] = "nd_to_string";
    if (!nd__check_array(fn, "a", a)) return NULL;
    nd_printoptions o = nd_get_printoptions();
    const char *prefix = "array(";
    int plen = (int)strlen(prefix);
    bool skipdtype = dtype_implied(a->dtype) && a->size > 0;
    sbuf s = {0};
    sb_puts(&s, prefix);
    if (a->size == 0) {
        sb_puts(&s, "[]");
        if (a->ndim != 1) {
            sb_puts(&s, ", shape=(");
            for (int i = 0; i < a->ndim; i++) {
                char b[32];
                snprintf(b, sizeof b, i ? ", %" PRId64 : "%" PRId64, a->shape[i]);
                sb_puts(&s, b);
            }
            sb_puts(&s, a->ndim == 1 ? ",)" : ")");
        }
    } else {
        fmt f = {.dt = a->dtype, .zero_d = a->ndim == 0};
        walker w = {a, a->size > o.threshold, o.edgeitems};
        if (nd_dtype_is_float(a->dtype)) {
            fill_float(&w, &f, &o);
        } else if (a->dtype != ND_BOOL) {
            fill_state st = {.f = &f, .o = &o};
            walk_shown(&w, &st, visit_int);
        }
        layout L = {.a = a, .f = &f, .summarise = w.summarise, .edge = o.edgeitems};
        if (a->ndim == 0) {
            put_elem(&s, &f, a->data);
        } else {
            /* the suffix (")" or ",") counts against the line width */
            recurse(&L, &s, 0, plen + 1, o.linewidth - 1);
        }
        if (L.word.failed) s.failed = true;
        free(L.word.p);
    }
    if (skipdtype) {
        sb_putc(&s, ')');
    } else {
        sb_putc(&s, ',');
        char dts[48];
        snprintf(dts, sizeof dts, "dtype=%s)", nd__dtypes[a->dtype].name);
        const char *nl = s.p ? strrchr(s.p, '\n') : NULL;
        size_t last = nl ? s.len - (size_t)(nl - s.p + 1) : s.len;
        if ((int64_t)(last + strlen(dts) + 1) > o.linewidth) {
            sb_putc(&s, '\n');
            sb_pad(&s, ' ', plen);
        } else {
            sb_putc(&s, ' ');
        }
        sb_puts(&s, dts);
    }
    if (s.failed || !s.p) {
        free(s.p);
        nd__error(ND_ERR_NOMEM, fn, "out of memory formatting an array");
        return NULL;
    }
    return s.p;
}

nd_status nd_print(const nd_array *a, FILE *f) {
    static const char fn[] = "nd_print";
    if (!a) return nd__null_arg(fn, "a");
    char *s = nd_to_string(a);
    if (!s) return nd__reraise(fn); /* under the name the caller called */
    if (!f) f = stdout;
    bool ok = fputs(s, f) >= 0 && fputc('\n', f) != EOF;
    free(s);
    if (!ok) return nd__error(ND_ERR_IO, fn, "writing failed");
    return ND_OK;
}

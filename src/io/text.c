/* Text files: nd_loadtxt and its stream and buffer variants (np.loadtxt for
 * 1-D and 2-D numeric data; the bytes come from text_input.c) and
 * nd_savetxt (np.savetxt). Numbers are read and written in the C locale
 * whatever the process's locale is, as NumPy does. */
#include "core/core.h"
#include "io/file.h"
#include "io/text_input.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;
static void make_c_locale(void) { c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0); }

static locale_t get_c_locale(void) {
    pthread_once(&c_locale_once, make_c_locale);
    return c_locale;
}

/* ------------------------------------------------------------ loadtxt */

nd_loadtxt_options nd_loadtxt_defaults(void) {
    nd_loadtxt_options o = {.delimiter = 0, .comments = '#', .skiprows = 0, .nusecols = 0,
                            .usecols = NULL, .dtype = ND_FLOAT64};
    return o;
}

typedef struct span {
    const char *p;
    size_t n;
} span;

typedef struct loader {
    const char *fn;         /* the public function called */
    const char *name;       /* the source, for messages: "'path'", "the stream", "the buffer" */
    int64_t line;           /* 1-based, for messages */
    nd_dtype dt;
    size_t isz;
    char *vals;             /* parsed values, packed */
    size_t nvals, cap;
    char *field;            /* NUL-terminated copy of the field being parsed */
    size_t field_cap;
    span *spans;
    size_t nspans_cap;
} loader;

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

static nd_status bad_value(loader *L, span f, size_t col) {
    char shown[64];
    size_t o = 0;
    for (size_t i = 0; i < f.n && o + 8 < sizeof shown; i++) {
        unsigned char c = (unsigned char)f.p[i];
        if (c >= 0x20 && c < 0x7f) shown[o++] = (char)c;
        else o += (size_t)snprintf(shown + o, sizeof shown - o, "\\x%02x", c);
    }
    shown[o] = '\0';
    return nd__error(ND_ERR_VALUE, L->fn, "%s line %lld, column %zu: could not convert '%s' to %s",
                     L->name, (long long)L->line, col + 1, shown, nd__dtypes[L->dt].name);
}

/* Parses one field into the next value slot. */
static nd_status parse_value(loader *L, span f, size_t col) {
    if (L->nvals == L->cap) {
        size_t cap = L->cap ? 2 * L->cap : 256;
        char *v = nd__alloc(cap * L->isz, 64);
        if (!v) return nd__error(ND_ERR_NOMEM, L->fn, "out of memory");
        if (L->nvals) memcpy(v, L->vals, L->nvals * L->isz);
        nd__dealloc(L->vals);
        L->vals = v;
        L->cap = cap;
    }
    if (f.n + 1 > L->field_cap) {
        size_t cap = f.n + 64;
        char *b = nd__alloc(cap, 16);
        if (!b) return nd__error(ND_ERR_NOMEM, L->fn, "out of memory");
        nd__dealloc(L->field);
        L->field = b;
        L->field_cap = cap;
    }
    memcpy(L->field, f.p, f.n);
    L->field[f.n] = '\0';
    char *slot = L->vals + L->nvals * L->isz, *s = L->field;
    if (f.n == 0) return bad_value(L, f, col);
    if (nd__kind(L->dt) == ND_KIND_FLOAT) {
        /* strtod's hex floats and nan(...) are not numbers to NumPy */
        if (strpbrk(s, "xXpP(")) return bad_value(L, f, col);
        char *end;
        locale_t loc = get_c_locale();
        double d = loc ? strtod_l(s, &end, loc) : strtod(s, &end);
        if (end != s + f.n) return bad_value(L, f, col);
        if (L->dt == ND_FLOAT32) {
            float x = (float)d;
            memcpy(slot, &x, sizeof x);
        } else {
            memcpy(slot, &d, sizeof d);
        }
    } else {
        /* integers and bools: an optional sign and decimal digits */
        const char *p = s;
        bool neg = *p == '-';
        if (*p == '-' || *p == '+') p++;
        if (!*p) return bad_value(L, f, col);
        uint64_t m = 0;
        bool over = false;
        for (; *p; p++) {
            if (*p < '0' || *p > '9') return bad_value(L, f, col);
            if (__builtin_mul_overflow(m, 10, &m) || __builtin_add_overflow(m, (uint64_t)(*p - '0'), &m))
                over = true;
        }
        nd_kind k = nd__kind(L->dt);
        size_t bits = 8 * L->isz;
        if (k == ND_KIND_BOOL) {
            slot[0] = m != 0 || over;
        } else {
            uint64_t hi = k == ND_KIND_UINT ? (bits == 64 ? UINT64_MAX : ((uint64_t)1 << bits) - 1)
                                            : ((uint64_t)1 << (bits - 1)) - 1;
            bool range = !over && (neg ? (k == ND_KIND_UINT ? m == 0 : m <= hi + 1) : m <= hi);
            if (!range)
                return nd__error(ND_ERR_VALUE, L->fn, "%s line %lld, column %zu: %s is out of range for %s",
                                 L->name, (long long)L->line, col + 1, s, nd__dtypes[L->dt].name);
            int64_t v = neg ? (int64_t)(0 - m) : (int64_t)m;
            switch (L->dt) {
#define STORE(E, sfx, T, W, ...)                                                    \
    case E: {                                                                       \
        T x = (T)(k == ND_KIND_UINT ? (T)m : (T)v);                                 \
        memcpy(slot, &x, sizeof x);                                                 \
        break;                                                                      \
    }
                ND_FOR_SIGNED(STORE, ~)
                ND_FOR_UNSIGNED(STORE, ~)
#undef STORE
            default: break;
            }
        }
    }
    L->nvals++;
    return ND_OK;
}

/* Splits a line (comments already cut) into fields. */
static nd_status split(loader *L, const char *p, size_t n, char delim, size_t *nf) {
    size_t k = 0, i = 0;
    for (;;) {
        span f;
        if (!delim) {
            while (i < n && is_blank(p[i])) i++;
            if (i == n) break;
            size_t s = i;
            while (i < n && !is_blank(p[i])) i++;
            f = (span){p + s, i - s};
        } else {
            size_t s = i;
            while (i < n && p[i] != delim) i++;
            size_t e = i;
            while (s < e && is_blank(p[s])) s++;
            while (e > s && is_blank(p[e - 1])) e--;
            f = (span){p + s, e - s};
        }
        if (k == L->nspans_cap) {
            size_t cap = L->nspans_cap ? 2 * L->nspans_cap : 64;
            span *sp = nd__alloc(cap * sizeof *sp, 64);
            if (!sp) return nd__error(ND_ERR_NOMEM, L->fn, "out of memory");
            if (k) memcpy(sp, L->spans, k * sizeof *sp);
            nd__dealloc(L->spans);
            L->spans = sp;
            L->nspans_cap = cap;
        }
        L->spans[k++] = f;
        if (delim) {
            if (i == n) break;
            i++; /* past the delimiter; a trailing one leaves an empty field */
        }
    }
    *nf = k;
    return ND_OK;
}

/* The length of the valid UTF-8 sequence at p (n bytes left), 0 if none. */
static size_t utf8_len(const unsigned char *p, size_t n) {
    unsigned char c = p[0];
    size_t k;
    unsigned char lo = 0x80, hi = 0xbf; /* the second byte's range */
    if (c >= 0xc2 && c <= 0xdf) k = 2;
    else if (c >= 0xe0 && c <= 0xef) k = 3, lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;
    else if (c >= 0xf0 && c <= 0xf4) k = 4, lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
    else return 0;
    if (n < k || p[1] < lo || p[1] > hi) return 0;
    for (size_t i = 2; i < k; i++)
        if (p[i] < 0x80 || p[i] > 0xbf) return 0;
    return k;
}

/* The first byte of line[0..n) no text holds (NUL, a control character
 * other than blanks, DEL, invalid UTF-8), or n: a binary file passed by
 * mistake is then named as such instead of "could not convert". */
static size_t find_binary(const char *line, size_t n) {
    const unsigned char *p = (const unsigned char *)line;
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        if (c >= 0x20 && c < 0x7f) {
            i++;
        } else if (c < 0x80) {
            if (!is_blank((char)c)) return i;
            i++;
        } else {
            size_t k = utf8_len(p + i, n - i);
            if (!k) return i;
            i += k;
        }
    }
    return n;
}

/* A hint from the first bytes of the input: what the file probably is. */
static const char *binary_hint(const nd_text *t) {
    const char *p = t->p;
    size_t n = t->n;
    if (n >= 6 && !memcmp(p, "\x93NUMPY", 6)) return "; is this a .npy file? use nd_load";
    if (n >= 4 && (!memcmp(p, "PK\x03\x04", 4) || !memcmp(p, "PK\x05\x06", 4)))
        return "; is this a zip archive such as an .npz? use nd_npz_open";
    if (n >= 2 && !memcmp(p, "\x1f\x8b", 2))
        return t->gzip ? "; it is gzip data inside gzip data (compressed twice?)" : "; is this gzip data?";
    if (n >= 4 && !memcmp(p, "\x89PNG", 4)) return "; is this a PNG image?";
    return "";
}

/* The options, checked, with NULL meaning the defaults. */
static bool check_options(const char *fn, const nd_loadtxt_options *opts, nd_loadtxt_options *o) {
    *o = opts ? *opts : nd_loadtxt_defaults();
    if (!nd__check_dtype(fn, o->dtype)) return false;
    if (o->skiprows < 0) {
        nd__error(ND_ERR_VALUE, fn, "skiprows is %lld; it must be non-negative", (long long)o->skiprows);
        return false;
    }
    if (o->nusecols < 0 || (o->nusecols > 0 && !o->usecols)) {
        if (o->nusecols < 0) nd__error(ND_ERR_VALUE, fn, "nusecols is %d", o->nusecols);
        else nd__null_arg(fn, "usecols");
        return false;
    }
    if (o->delimiter == '\n' || o->delimiter == '\r' || o->comments == '\n' || o->comments == '\r' ||
        (o->delimiter && o->delimiter == o->comments)) {
        nd__error(ND_ERR_VALUE, fn, "the delimiter and the comment character must differ and not be line ends");
        return false;
    }
    return true;
}

/* The one parser, for every source: the text's lines into the array. */
static nd_array *parse(const char *fn, const char *name, const nd_text *t, const nd_loadtxt_options *opts) {
    const nd_loadtxt_options o = *opts;
    const char *text = t->p;
    size_t len = t->n;
    loader L = {.fn = fn, .name = name, .dt = o.dtype, .isz = nd__itemsize(o.dtype)};
    nd_status st = ND_OK;
    int64_t rows = 0, first_line = 0;
    size_t ncols = 0, outcols = o.nusecols > 0 ? (size_t)o.nusecols : 0;
    size_t pos = 0;
    while (pos < len && st == ND_OK) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + 1;
        L.line++;
        if (L.line <= o.skiprows) continue;
        if (o.comments) {
            const char *c = memchr(line, o.comments, n);
            if (c) n = (size_t)(c - line);
        }
        size_t bad = find_binary(line, n);
        if (bad < n) {
            st = nd__error(ND_ERR_VALUE, fn, "%s line %lld holds binary data (byte 0x%02x at column %zu)%s", name,
                           (long long)L.line, (unsigned char)line[bad], bad + 1, binary_hint(t));
            break;
        }
        size_t i = 0;
        while (i < n && is_blank(line[i])) i++;
        if (i == n) continue; /* blank lines are skipped */
        size_t nf = 0;
        if ((st = split(&L, line, n, o.delimiter, &nf)) != ND_OK) break;
        if (rows == 0) {
            ncols = nf;
            first_line = L.line;
            if (!o.nusecols) outcols = nf;
        } else if (!o.nusecols && nf != ncols) {
            st = nd__error(ND_ERR_VALUE, fn,
                           "%s line %lld has %zu columns but line %lld has %zu (ragged rows; usecols selects a subset)",
                           name, (long long)L.line, nf, (long long)first_line, ncols);
            break;
        }
        for (size_t c = 0; c < outcols && st == ND_OK; c++) {
            size_t col = c;
            if (o.nusecols) {
                int64_t u = o.usecols[c], w = u < 0 ? u + (int64_t)nf : u;
                if (w < 0 || w >= (int64_t)nf) {
                    st = nd__error(ND_ERR_INDEX, fn, "%s line %lld: usecols column %lld is out of range for its %zu columns",
                                   name, (long long)L.line, (long long)u, nf);
                    break;
                }
                col = (size_t)w;
            }
            st = parse_value(&L, L.spans[col], col);
        }
        rows++;
    }
    nd_array *a = NULL;
    if (st == ND_OK) {
        /* (rows, cols) with the length-1 axes squeezed out, as np.loadtxt;
         * no data at all gives (0,) or (0, len(usecols)) */
        int64_t shape[2] = {rows, (int64_t)(rows || o.nusecols ? outcols : 1)};
        int64_t out[2];
        int ndim = 0;
        for (int d = 0; d < 2; d++)
            if (shape[d] != 1) out[ndim++] = shape[d];
        if (rows == 0 && ndim == 0) out[ndim++] = 0;
        a = nd__alloc_array(fn, ndim, out, o.dtype);
        if (a && L.nvals) memcpy(a->data, L.vals, L.nvals * L.isz);
    }
    nd__dealloc(L.vals);
    nd__dealloc(L.field);
    nd__dealloc(L.spans);
    return a;
}

/* Checks the options, reads the source, parses it. */
static nd_array *load(const nd_text_source *s, const nd_loadtxt_options *opts) {
    nd_loadtxt_options o;
    if (!check_options(s->fn, opts, &o)) return NULL;
    nd_text t;
    if (nd__text_read(s, &t) != ND_OK) return NULL;
    char namebuf[1024];
    nd_array *a = parse(s->fn, nd__text_name(s, namebuf, sizeof namebuf), &t, &o);
    nd__text_release(&t);
    return a;
}

nd_array *nd_loadtxt(const char *path, const nd_loadtxt_options *opts) {
    nd_text_source s = {.fn = "nd_loadtxt", .path = path};
    if (!path) {
        nd__null_arg(s.fn, "path");
        return NULL;
    }
    return load(&s, opts);
}

nd_array *nd_loadtxt_file(FILE *f, const nd_loadtxt_options *opts) {
    nd_text_source s = {.fn = "nd_loadtxt_file", .f = f};
    if (!f) {
        nd__null_arg(s.fn, "f");
        return NULL;
    }
    return load(&s, opts);
}

nd_array *nd_loadtxt_buffer(const void *data, size_t len, const nd_loadtxt_options *opts) {
    nd_text_source s = {.fn = "nd_loadtxt_buffer", .mem = data, .mem_len = len};
    if (!data) {
        nd__null_arg(s.fn, "data");
        return NULL;
    }
    return load(&s, opts);
}

/* ------------------------------------------------------------ savetxt */

nd_savetxt_options nd_savetxt_defaults(void) {
    nd_savetxt_options o = {.fmt = "%.18e", .delimiter = ' ', .header = NULL, .comments = "# "};
    return o;
}

/* One conversion of the format: the text before it, and a printf spec
 * rebuilt with the length modifier each argument type needs. */
typedef struct conv {
    const char *lit;   /* literal text before it, '%%' still doubled */
    size_t litlen;
    char spec[48];     /* "%-+ #0" flags, width, precision, without length or conversion */
    char c;            /* d i u o x X e E f F g G a A */
} conv;

#define MAX_CONVS 64
/* The largest width and precision a conversion may ask for: enough for
 * every digit of any double ("%.1074f" writes the smallest one exactly),
 * small enough that no value's text is unreasonable (Python's % would try
 * to build gigabytes, and overflowing widths are meaningless). */
#define MAX_FIELD 1100

/* Reads a run of decimal digits as a width or precision, bounded. */
static bool parse_field(const char **pp, long *v) {
    const char *p = *pp;
    long x = 0;
    bool ok = true;
    for (; *p >= '0' && *p <= '9'; p++) {
        x = x * 10 + (*p - '0');
        if (x > MAX_FIELD) ok = false, x = MAX_FIELD + 1; /* stays bounded, digits still consumed */
    }
    *pp = p;
    *v = x;
    return ok;
}

static nd_status parse_fmt(const char *fn, const char *fmt, conv *cv, int *ncv, const char **tail) {
    int n = 0;
    const char *p = fmt, *lit = fmt;
    while (*p) {
        if (*p != '%') {
            p++;
            continue;
        }
        if (p[1] == '%') {
            p += 2;
            continue;
        }
        const char *start = p++;
        /* flags, each kept once whatever their number, as Python allows */
        char flags[6] = "";
        size_t nf = 0;
        for (; *p && strchr("-+ #0", *p); p++)
            if (!memchr(flags, *p, nf)) flags[nf++] = *p;
        flags[nf] = '\0';
        long width = -1, prec = -1;
        bool ok = true;
        if (*p >= '0' && *p <= '9') ok = parse_field(&p, &width);
        if (*p == '.') {
            p++;
            ok = parse_field(&p, &prec) && ok; /* "%.f": precision 0 */
        }
        if (!ok)
            return nd__error(ND_ERR_VALUE, fn, "fmt '%.100s': the width and precision of '%.40s' must be at most %d",
                             fmt, start, MAX_FIELD);
        while (*p && strchr("hlLqjzt", *p)) p++; /* Python ignores length modifiers */
        if (!*p || !strchr("diuoxXeEfFgGaA", *p))
            return nd__error(ND_ERR_VALUE, fn, "fmt '%.100s': unsupported conversion at '%.10s' (numeric conversions like %%d, %%.6e, %%g are)",
                             fmt, start);
        if (n == MAX_CONVS) return nd__error(ND_ERR_VALUE, fn, "fmt has more than %d conversions", MAX_CONVS);
        char *sp = cv[n].spec;
        int k = snprintf(sp, sizeof cv[n].spec, "%%%s", flags);
        if (width >= 0) k += snprintf(sp + k, sizeof cv[n].spec - (size_t)k, "%ld", width);
        if (prec >= 0) snprintf(sp + k, sizeof cv[n].spec - (size_t)k, ".%ld", prec);
        cv[n].lit = lit;
        cv[n].litlen = (size_t)(start - lit);
        cv[n].c = *p++;
        n++;
        lit = p;
    }
    if (n == 0) return nd__error(ND_ERR_VALUE, fn, "fmt '%.100s' has no conversion", fmt);
    *ncv = n;
    *tail = lit;
    return ND_OK;
}

/* Writes literal text, turning '%%' into '%'. */
static void put_lit(FILE *f, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        fputc(s[i], f);
        if (s[i] == '%' && i + 1 < n && s[i + 1] == '%') i++;
    }
}

/* One element, widened: floats to d, integers to i (u when beyond int64). */
typedef struct value {
    double d;
    int64_t i;
    uint64_t u;
    bool is_u;
} value;

static value load_value(nd_dtype dt, const char *p) {
    value v = {0, 0, 0, false};
    nd_kind k = nd__kind(dt);
    switch (dt) {
#define LOAD(E, sfx, T, W, ...)                                                     \
    case E: {                                                                       \
        T x;                                                                        \
        memcpy(&x, p, sizeof x);                                                    \
        if (k == ND_KIND_FLOAT) v.d = (double)x;                                    \
        else if (k == ND_KIND_UINT) v.u = (uint64_t)x, v.is_u = true;               \
        else v.i = (int64_t)x;                                                      \
        break;                                                                      \
    }
        ND_FOR_EACH_DTYPE(LOAD, ~)
#undef LOAD
    default: break;
    }
    if (v.is_u && v.u <= INT64_MAX) v.i = (int64_t)v.u, v.is_u = false;
    return v;
}

static bool is_int_conv(char c) { return strchr("diuoxX", c) != NULL; }

/* Finds what the format cannot write before the file is touched: %o, %x
 * and %X need an integer array, and %d, %i and %u a finite value. */
static nd_status check_values(const char *fn, const nd_array *a, const conv *cv, int ncv, int64_t rows,
                              int64_t cols, int64_t rs, int64_t cs) {
    if (nd__kind(a->dtype) != ND_KIND_FLOAT) return ND_OK;
    size_t isz = nd__itemsize(a->dtype);
    for (int64_t c = 0; c < cols; c++) {
        const conv *v = &cv[ncv == 1 ? 0 : c];
        if (!is_int_conv(v->c)) continue;
        if (strchr("oxX", v->c))
            return nd__error(ND_ERR_VALUE, fn, "%%%c needs an integer array, not %s", v->c, nd__dtypes[a->dtype].name);
        for (int64_t r = 0; r < rows; r++) {
            double d = load_value(a->dtype, a->data + (r * rs + c * cs) * (int64_t)isz).d;
            if (!isfinite(d)) return nd__error(ND_ERR_VALUE, fn, "cannot format %g with %%%c", isnan(d) ? fabs(d) : d,
                                                 v->c);
        }
    }
    return ND_OK;
}

/* Formats one element as Python's '%' operator would format it; the
 * values were checked by check_values. */
static nd_status put_value(const char *fn, const char *path, FILE *f, const conv *c, const nd_array *a,
                           const char *p) {
    char spec[64];
    nd_kind k = nd__kind(a->dtype);
    value v = load_value(a->dtype, p);
    double d = v.d;
    int64_t i = v.i;
    int n;
    if (!is_int_conv(c->c)) {
        if (k != ND_KIND_FLOAT) d = v.is_u ? (double)v.u : (double)i;
        if (isnan(d)) d = fabs(d); /* Python prints nan without a sign */
        snprintf(spec, sizeof spec, "%s%c", c->spec, c->c);
        n = fprintf(f, spec, d);
    } else if (k == ND_KIND_FLOAT && !((d = trunc(d)) >= -9223372036854775808.0 && d < 9223372036854775808.0)) {
        /* beyond int64: Python prints the exact integer, which %.0f gives */
        const char *dot = strchr(c->spec, '.');
        size_t keep = dot ? (size_t)(dot - c->spec) : strlen(c->spec);
        snprintf(spec, sizeof spec, "%.*s.0f", (int)keep, c->spec);
        n = fprintf(f, spec, d);
    } else {
        if (k == ND_KIND_FLOAT) i = (int64_t)d;
        char conv = c->c == 'i' || (c->c == 'u' && !v.is_u) ? 'd' : c->c;
        snprintf(spec, sizeof spec, "%sll%c", c->spec, conv == 'd' && v.is_u ? 'u' : conv);
        n = v.is_u ? fprintf(f, spec, (unsigned long long)v.u) : fprintf(f, spec, (long long)i);
    }
    if (n < 0) return nd__error(ND_ERR_IO, fn, "cannot write '%s': %s", path, strerror(errno));
    return ND_OK;
}

nd_status nd_savetxt(const char *path, const nd_array *a, const nd_savetxt_options *opts) {
    static const char fn[] = "nd_savetxt";
    if (!path) return nd__null_arg(fn, "path");
    if (!a) return nd__null_arg(fn, "a");
    nd_savetxt_options o = opts ? *opts : nd_savetxt_defaults();
    if (!o.fmt) o.fmt = "%.18e";
    if (!o.comments) o.comments = "# ";
    if (a->ndim != 1 && a->ndim != 2)
        return nd__error(ND_ERR_SHAPE, fn, "expected a 1-D or 2-D array, got a %d-D array", a->ndim);
    conv cv[MAX_CONVS];
    int ncv = 0;
    const char *tail = "";
    nd_status st = parse_fmt(fn, o.fmt, cv, &ncv, &tail);
    if (st != ND_OK) return st;
    /* a 1-D array is written as one column, as np.savetxt does */
    int64_t rows = a->shape[0], cols = a->ndim == 2 ? a->shape[1] : 1;
    int64_t rs = a->strides[0], cs = a->ndim == 2 ? a->strides[1] : 0;
    if (ncv != 1 && ncv != cols)
        return nd__error(ND_ERR_VALUE, fn, "fmt '%.100s' has %d conversions for %lld columns", o.fmt, ncv,
                         (long long)cols);
    if ((st = check_values(fn, a, cv, ncv, rows, cols, rs, cs)) != ND_OK) return st;
    nd_out out;
    if ((st = nd__out_open(fn, path, false, &out)) != ND_OK) return st;
    FILE *f = out.f;
    locale_t loc = get_c_locale(), old = loc ? uselocale(loc) : (locale_t)0;
    if (o.header && *o.header) {
        fputs(o.comments, f);
        for (const char *h = o.header; *h; h++) {
            fputc(*h, f);
            if (*h == '\n') fputs(o.comments, f);
        }
        fputc('\n', f);
    }
    size_t isz = nd__itemsize(a->dtype);
    for (int64_t r = 0; r < rows && st == ND_OK; r++) {
        for (int64_t c = 0; c < cols && st == ND_OK; c++) {
            const conv *v = &cv[ncv == 1 ? 0 : c];
            if (ncv == 1 && c > 0) fputc(o.delimiter, f);
            put_lit(f, v->lit, v->litlen);
            st = put_value(fn, path, f, v, a, a->data + (r * rs + c * cs) * (int64_t)isz);
            if (ncv == 1 || c == cols - 1) put_lit(f, tail, strlen(tail));
        }
        if (fputc('\n', f) == EOF && st == ND_OK)
            st = nd__error(ND_ERR_IO, fn, "cannot write '%s': %s", path, strerror(errno));
    }
    if (loc) uselocale(old);
    return nd__out_close(&out, st); /* the old file stays unless all went well */
}

/* The .npy header: parsing the magic, version, length and the Python dict
 * literal NumPy writes ({'descr': '<f8', 'fortran_order': False, 'shape':
 * (3, 4), }), and formatting it exactly as np.save does. The parser reads
 * only the bytes it is given, accepts the subset of Python literals a .npy
 * header is made of, and refuses anything else with a message naming it. */
#include "io/npy.h"

#include <stdio.h>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define ND_NATIVE_ORDER '>'
#else
#define ND_NATIVE_ORDER '<'
#endif

/* ------------------------------------------------------------ prefix */

nd_status nd__npy_parse_prefix(const char *fn, const unsigned char *p, size_t n, int *major,
                               int *minor, size_t *prefix_len, size_t *data_offset) {
    if (n < ND_NPY_MAGIC_LEN + 2 || memcmp(p, ND_NPY_MAGIC, ND_NPY_MAGIC_LEN) != 0) {
        if (n >= ND_NPY_MAGIC_LEN && memcmp(p, ND_NPY_MAGIC, ND_NPY_MAGIC_LEN) != 0)
            return nd__error(ND_ERR_VALUE, fn, "not a .npy file (bad magic string)");
        return nd__error(ND_ERR_IO, fn, "truncated .npy: %zu bytes, too short for the magic and version", n);
    }
    *major = p[6];
    *minor = p[7];
    if ((*major != 1 && *major != 2 && *major != 3) || *minor != 0)
        return nd__error(ND_ERR_VALUE, fn,
                         "unsupported .npy format version %d.%d (1.0, 2.0 and 3.0 are known)",
                         *major, *minor);
    size_t lenbytes = *major == 1 ? 2 : 4;
    if (n < ND_NPY_MAGIC_LEN + 2 + lenbytes)
        return nd__error(ND_ERR_IO, fn, "truncated .npy: the header length is cut off");
    const unsigned char *q = p + ND_NPY_MAGIC_LEN + 2;
    uint64_t hlen = (uint64_t)q[0] | (uint64_t)q[1] << 8;
    if (lenbytes == 4) hlen |= (uint64_t)q[2] << 16 | (uint64_t)q[3] << 24;
    if (hlen > ND_NPY_MAX_HEADER)
        return nd__error(ND_ERR_VALUE, fn, "header length %llu exceeds the limit of %zu bytes",
                         (unsigned long long)hlen, ND_NPY_MAX_HEADER);
    *prefix_len = ND_NPY_MAGIC_LEN + 2 + lenbytes;
    *data_offset = *prefix_len + (size_t)hlen;
    return ND_OK;
}

/* ------------------------------------------------------------ dict */

typedef struct lexer {
    const char *fn;
    const char *s;
    size_t n, pos;
    int major;
} lexer;

static bool is_ws(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static void skip_ws(lexer *l) {
    while (l->pos < l->n && is_ws(l->s[l->pos])) l->pos++;
}

static int peek(lexer *l) {
    skip_ws(l);
    return l->pos < l->n ? (unsigned char)l->s[l->pos] : -1;
}

/* Writes s[0..n) into out for a message, escaping what is not printable. */
static const char *excerpt(char *out, size_t cap, const char *s, size_t n) {
    size_t o = 0;
    for (size_t i = 0; i < n && o + 8 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '\\') out[o++] = (char)c;
        else o += (size_t)snprintf(out + o, cap - o, "\\x%02x", c);
    }
    if (o + 8 >= cap && o + 4 <= cap) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
    return out;
}

static nd_status syntax(lexer *l, const char *expected) {
    char what[48];
    if (l->pos >= l->n)
        return nd__error(ND_ERR_VALUE, l->fn, "malformed header: expected %s, found the end of the header",
                         expected);
    size_t rest = l->n - l->pos;
    return nd__error(ND_ERR_VALUE, l->fn, "malformed header: expected %s at byte %zu, found '%s'",
                     expected, l->pos, excerpt(what, sizeof what, l->s + l->pos, rest < 12 ? rest : 12));
}

/* A quoted string without escapes: sets [*start, *start + *len). */
static nd_status lex_string(lexer *l, size_t *start, size_t *len) {
    int q = peek(l);
    if (q != '\'' && q != '"') return syntax(l, "a quoted string");
    size_t i = ++l->pos;
    while (i < l->n && l->s[i] != (char)q) {
        unsigned char c = (unsigned char)l->s[i];
        if (c == '\\' || c < 0x20 || c >= 0x7f) {
            l->pos = i;
            return syntax(l, "a plain string character");
        }
        i++;
    }
    if (i >= l->n) return nd__error(ND_ERR_VALUE, l->fn, "malformed header: unterminated string");
    *start = l->pos;
    *len = i - l->pos;
    l->pos = i + 1;
    return ND_OK;
}

static bool is_ident_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static nd_status lex_bool(lexer *l, bool *v) {
    peek(l);
    size_t i = l->pos;
    while (i < l->n && is_ident_char(l->s[i])) i++;
    size_t k = i - l->pos;
    if (k == 4 && memcmp(l->s + l->pos, "True", 4) == 0) *v = true;
    else if (k == 5 && memcmp(l->s + l->pos, "False", 5) == 0) *v = false;
    else {
        char what[48];
        size_t rest = l->n - l->pos;
        return nd__error(ND_ERR_VALUE, l->fn, "fortran_order is not True or False: '%s'",
                         excerpt(what, sizeof what, l->s + l->pos, k ? k : (rest < 12 ? rest : 12)));
    }
    l->pos = i;
    return ND_OK;
}

/* One dimension: decimal digits (with Python 2's L suffix in versions 1.0
 * and 2.0, as NumPy's reader accepts). */
static nd_status lex_dim(lexer *l, int64_t *v) {
    int c = peek(l);
    if (c == '-') {
        size_t i = l->pos + 1;
        while (i < l->n && l->s[i] >= '0' && l->s[i] <= '9') i++;
        char what[48];
        return nd__error(ND_ERR_VALUE, l->fn, "shape has a negative dimension %s",
                         excerpt(what, sizeof what, l->s + l->pos, i - l->pos));
    }
    if (c < '0' || c > '9') return syntax(l, "a dimension (a non-negative integer)");
    int64_t x = 0;
    size_t start = l->pos;
    while (l->pos < l->n && l->s[l->pos] >= '0' && l->s[l->pos] <= '9') {
        if (nd__mul_overflow(x, 10, &x) || nd__add_overflow(x, l->s[l->pos] - '0', &x)) {
            size_t i = l->pos;
            while (i < l->n && l->s[i] >= '0' && l->s[i] <= '9') i++;
            char what[48];
            return nd__error(ND_ERR_VALUE, l->fn, "shape has a dimension too large for int64: %s",
                             excerpt(what, sizeof what, l->s + start, i - start));
        }
        l->pos++;
    }
    if (l->major <= 2 && l->pos < l->n && (l->s[l->pos] == 'L' || l->s[l->pos] == 'l')) l->pos++;
    if (l->pos < l->n && is_ident_char(l->s[l->pos])) return syntax(l, "',' or ')' after a dimension");
    *v = x;
    return ND_OK;
}

static nd_status lex_shape(lexer *l, nd_npy_header *h) {
    if (peek(l) != '(') {
        if (peek(l) == '[')
            return nd__error(ND_ERR_VALUE, l->fn, "shape is a list, not a tuple of integers");
        return syntax(l, "a shape tuple '('");
    }
    l->pos++;
    int n = 0;
    bool comma = false; /* (5) is not a tuple; (5,) is */
    while (peek(l) != ')') {
        if (n > 0 && !comma) return syntax(l, "',' or ')' in the shape");
        int64_t d = 0;
        nd_status st = lex_dim(l, &d);
        if (st != ND_OK) return st;
        if (n == ND_MAX_DIMS)
            return nd__error(ND_ERR_VALUE, l->fn, "shape has more than %d dimensions", ND_MAX_DIMS);
        h->shape[n++] = d;
        comma = false;
        if (peek(l) == ',') {
            l->pos++;
            comma = true;
        }
    }
    l->pos++;
    if (n == 1 && !comma)
        return nd__error(ND_ERR_VALUE, l->fn, "shape (%lld) is not a tuple (a 1-tuple is written (%lld,))",
                         (long long)h->shape[0], (long long)h->shape[0]);
    h->ndim = n;
    return ND_OK;
}

/* The dtype string: an optional byte order, then '?' or a kind and size. */
static nd_status parse_descr(lexer *l, size_t start, size_t len, nd_npy_header *h) {
    const char *s = l->s + start;
    char what[48];
    excerpt(what, sizeof what, s, len);
    size_t i = 0;
    char order = '=';
    if (len > 0 && (s[0] == '<' || s[0] == '>' || s[0] == '|' || s[0] == '=')) order = s[i++];
    if (i == len) return nd__error(ND_ERR_VALUE, l->fn, "invalid dtype descriptor '%s'", what);
    char kind = s[i++];
    int64_t size = 0;
    size_t digits = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9' && digits < 6) size = size * 10 + (s[i++] - '0'), digits++;
    bool tail_ok = i == len;
    nd_dtype dt = ND_NUM_DTYPES;
    if (kind == '?' && digits == 0 && tail_ok) dt = ND_BOOL;
    else if (tail_ok && digits > 0) {
        switch (kind) {
        case 'b': dt = size == 1 ? ND_BOOL : ND_NUM_DTYPES; break;
        case 'i':
            dt = size == 1 ? ND_INT8 : size == 2 ? ND_INT16 : size == 4 ? ND_INT32 : size == 8 ? ND_INT64 : ND_NUM_DTYPES;
            break;
        case 'u':
            dt = size == 1 ? ND_UINT8 : size == 2 ? ND_UINT16 : size == 4 ? ND_UINT32 : size == 8 ? ND_UINT64 : ND_NUM_DTYPES;
            break;
        case 'f':
            if (size == 4) dt = ND_FLOAT32;
            else if (size == 8) dt = ND_FLOAT64;
            else if (size == 2 || size == 12 || size == 16)
                return nd__error(ND_ERR_UNSUPPORTED, l->fn,
                                 "dtype '%s' (float%d) is not supported by libnd", what, (int)size * 8);
            break;
        default: break;
        }
    }
    if (dt == ND_NUM_DTYPES) {
        if (strchr("cUSaOVMm", kind) && kind != '\0')
            return nd__error(ND_ERR_UNSUPPORTED, l->fn,
                             "dtype '%s' is not supported by libnd (bool, integers, float32 and float64 are)",
                             what);
        return nd__error(ND_ERR_VALUE, l->fn, "invalid dtype descriptor '%s'", what);
    }
    h->dtype = dt;
    h->swap = nd__itemsize(dt) > 1 && (order == '<' || order == '>') && order != ND_NATIVE_ORDER;
    return ND_OK;
}

enum { KEY_DESCR = 1, KEY_FORTRAN = 2, KEY_SHAPE = 4 };

nd_status nd__npy_parse_dict(const char *fn, const char *dict, size_t len, int major,
                             nd_npy_header *h) {
    lexer l = {.fn = fn, .s = dict, .n = len, .major = major};
    nd_status st;
    if (peek(&l) != '{') return syntax(&l, "the header dict '{'");
    l.pos++;
    int seen = 0;
    while (peek(&l) != '}') {
        if (peek(&l) != '\'' && peek(&l) != '"') return syntax(&l, "a quoted key or '}'");
        size_t ks, kl;
        if ((st = lex_string(&l, &ks, &kl)) != ND_OK) return st;
        const char *k = l.s + ks;
        int key = kl == 5 && !memcmp(k, "descr", 5)           ? KEY_DESCR
                  : kl == 13 && !memcmp(k, "fortran_order", 13) ? KEY_FORTRAN
                  : kl == 5 && !memcmp(k, "shape", 5)           ? KEY_SHAPE
                                                                : 0;
        char what[48];
        if (!key)
            return nd__error(ND_ERR_VALUE, fn,
                             "unknown key '%s' in the header (descr, fortran_order and shape are expected)",
                             excerpt(what, sizeof what, k, kl));
        if (seen & key)
            return nd__error(ND_ERR_VALUE, fn, "key '%s' appears twice in the header",
                             excerpt(what, sizeof what, k, kl));
        seen |= key;
        if (peek(&l) != ':') return syntax(&l, "':' after a key");
        l.pos++;
        if (key == KEY_DESCR) {
            int c = peek(&l);
            if (c == '[' || c == '{')
                return nd__error(ND_ERR_UNSUPPORTED, fn, "structured dtypes are not supported by libnd");
            if (c != '\'' && c != '"') return syntax(&l, "a dtype string");
            size_t vs, vl;
            if ((st = lex_string(&l, &vs, &vl)) != ND_OK) return st;
            if ((st = parse_descr(&l, vs, vl, h)) != ND_OK) return st;
        } else if (key == KEY_FORTRAN) {
            if ((st = lex_bool(&l, &h->fortran_order)) != ND_OK) return st;
        } else {
            if ((st = lex_shape(&l, h)) != ND_OK) return st;
        }
        int c = peek(&l);
        if (c == ',') l.pos++;
        else if (c != '}') return syntax(&l, "',' or '}'");
    }
    l.pos++;
    skip_ws(&l);
    if (l.pos < l.n) return syntax(&l, "only padding after the dict");
    static const char *const names[] = {"descr", "fortran_order", "shape"};
    for (int i = 0; i < 3; i++)
        if (!(seen & (1 << i)))
            return nd__error(ND_ERR_VALUE, fn, "the header lacks the key '%s'", names[i]);
    int64_t n = nd__checked_size(h->ndim, h->shape, nd__itemsize(h->dtype));
    if (n < 0) {
        char s[ND_SHAPE_STR_CAP];
        return nd__error(ND_ERR_VALUE, fn, "shape %s of dtype %s overflows: its byte size exceeds int64",
                         nd__shape_str(s, sizeof s, h->ndim, h->shape), nd__dtypes[h->dtype].name);
    }
    h->nbytes = n * (int64_t)nd__itemsize(h->dtype);
    return ND_OK;
}

nd_status nd__npy_parse_header(const char *fn, const unsigned char *buf, size_t len,
                               nd_npy_header *h) {
    memset(h, 0, sizeof *h);
    size_t prefix, offset;
    nd_status st = nd__npy_parse_prefix(fn, buf, len, &h->major, &h->minor, &prefix, &offset);
    if (st != ND_OK) return st;
    if (offset > len)
        return nd__error(ND_ERR_IO, fn, "truncated .npy: the header claims %zu bytes but only %zu follow",
                         offset - prefix, len - prefix);
    h->data_offset = offset;
    return nd__npy_parse_dict(fn, (const char *)buf + prefix, offset - prefix, h->major, h);
}

/* ------------------------------------------------------------ formatting */

static const char *descr_of(nd_dtype dt, char *out) {
    static const char kinds[] = {[ND_KIND_BOOL] = 'b', [ND_KIND_INT] = 'i', [ND_KIND_UINT] = 'u',
                                 [ND_KIND_FLOAT] = 'f'};
    size_t size = nd__itemsize(dt);
    out[0] = size == 1 ? '|' : ND_NATIVE_ORDER;
    out[1] = kinds[nd__kind(dt)];
    out[2] = (char)('0' + size);
    out[3] = '\0';
    return out;
}

size_t nd__npy_format_header(nd_dtype dt, int ndim, const int64_t *shape, bool fortran_order,
                             char *out, size_t cap) {
    /* the dict, as NumPy's repr-based writer makes it */
    char dict[ND_NPY_HEADER_CAP], d[4];
    size_t n = (size_t)snprintf(dict, sizeof dict, "{'descr': '%s', 'fortran_order': %s, 'shape': (",
                                descr_of(dt, d), fortran_order ? "True" : "False");
    for (int i = 0; i < ndim; i++)
        n += (size_t)snprintf(dict + n, sizeof dict - n, i ? ", %lld" : "%lld", (long long)shape[i]);
    n += (size_t)snprintf(dict + n, sizeof dict - n, ndim == 1 ? ",), }" : "), }");
    /* room for the growing axis to reach 21 digits, so the header can be
     * rewritten in place (NumPy's GROWTH_AXIS_MAX_DIGITS) */
    if (ndim > 0) {
        char digits[24];
        int k = snprintf(digits, sizeof digits, "%lld", (long long)shape[fortran_order ? ndim - 1 : 0]);
        for (int i = k; i < 21; i++) dict[n++] = ' ';
    }
    /* the lowest version whose length field fits; pad so the data starts at
     * a multiple of 64, the padding ending in '\n' */
    size_t hlen = n + 1;
    int major = 1;
    size_t prefix = ND_NPY_MAGIC_LEN + 4;
    size_t pad = 64 - (prefix + hlen) % 64;
    if (hlen + pad > 65535) {
        major = 2;
        prefix = ND_NPY_MAGIC_LEN + 6;
        pad = 64 - (prefix + hlen) % 64;
    }
    size_t total = prefix + hlen + pad;
    if (total > cap) return 0;
    size_t field = hlen + pad;
    memcpy(out, ND_NPY_MAGIC, ND_NPY_MAGIC_LEN);
    out[6] = (char)major;
    out[7] = 0;
    out[8] = (char)(field & 0xff);
    out[9] = (char)(field >> 8 & 0xff);
    if (major == 2) {
        out[10] = (char)(field >> 16 & 0xff);
        out[11] = (char)(field >> 24 & 0xff);
    }
    memcpy(out + prefix, dict, n);
    memset(out + prefix + n, ' ', pad);
    out[total - 1] = '\n';
    return total;
}

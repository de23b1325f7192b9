/* nd_view: NumPy's basic indexing written as a string, "1:-1, ::2, None, ...".
 * The string is parsed into a list of items, checked against the array, and
 * the view is built from nd_slice, nd_squeeze and nd_expand_dims: no data is
 * copied. The parser reads the string once, left to right, and never past its
 * terminating NUL. */
#include "core/core.h"

#include <stdio.h>

typedef enum item_kind { IT_INT, IT_SLICE, IT_NEWAXIS, IT_ELLIPSIS } item_kind;

typedef struct item {
    item_kind kind;
    size_t pos; /* where the item starts, for messages */
    int64_t index;
    nd_slice_t slice;
} item;

/* Errors that depend on the array rather than on the grammar; the first one
 * is reported once the whole string has parsed, so a syntax error anywhere
 * wins, as Python's parser runs before indexing. */
typedef enum pending_kind {
    PE_NONE,
    PE_TWO_ELLIPSES,
    PE_TOO_MANY_INDICES,
    PE_STEP_ZERO
} pending_kind;

/* Items kept: at most ND_MAX_DIMS integers and slices (one per axis), at most
 * ND_MAX_DIMS newaxes (each adds a result axis) and one ellipsis. Beyond
 * that an error is certain, and later items are only counted. */
#define ITEMS_CAP (2 * ND_MAX_DIMS + 1)

typedef struct parser {
    const char *str;
    size_t pos;
    int ndim;
    item items[ITEMS_CAP];
    int nitems;
    /* counts of every item, kept or not; 64-bit so no string can overflow them */
    int64_t nindexed; /* integers and slices: the axes consumed */
    int64_t nnewaxis;
    int64_t nellipsis;
    pending_kind pending;
    size_t pending_pos;
} parser;

static const char fn[] = "nd_view";

static nd_status fail_at(const parser *p, nd_status st, size_t pos, const char *what) {
    return nd__error(st, fn, "%s at position %zu in \"%.200s%s\"", what, pos, p->str,
                     strlen(p->str) > 200 ? "..." : "");
}

static char peek(const parser *p) { return p->str[p->pos]; }

static bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || is_digit(c);
}

static void skip_space(parser *p) {
    while (is_space(peek(p))) p->pos++;
}

/* Reports the character at the cursor as unexpected. */
static nd_status fail_unexpected(const parser *p) {
    char c = peek(p), what[64];
    unsigned char u = (unsigned char)c;
    if (c == '\0') snprintf(what, sizeof what, "unexpected end of string");
    else if (u >= 0x20 && u < 0x7f) snprintf(what, sizeof what, "unexpected '%c'", c);
    else snprintf(what, sizeof what, "unexpected byte 0x%02x", (unsigned)u);
    return fail_at(p, ND_ERR_VALUE, p->pos, what);
}

static void set_pending(parser *p, pending_kind k, size_t pos) {
    if (p->pending != PE_NONE) return;
    p->pending = k;
    p->pending_pos = pos;
}

/* An optionally signed decimal integer (whitespace may follow the sign, as
 * in Python's "- 1"). The cursor is at its first character. */
static nd_status parse_int(parser *p, int64_t *out) {
    size_t start = p->pos;
    bool neg = false;
    if (peek(p) == '+' || peek(p) == '-') {
        neg = peek(p) == '-';
        p->pos++;
        skip_space(p);
    }
    if (!is_digit(peek(p))) return fail_unexpected(p);
    uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX, v = 0;
    while (is_digit(peek(p))) {
        unsigned d = (unsigned)(peek(p) - '0');
        if (v > (limit - d) / 10)
            return fail_at(p, ND_ERR_VALUE, start, "integer out of range for int64");
        v = v * 10 + d;
        p->pos++;
    }
    *out = neg ? (int64_t)(0 - v) : (int64_t)v; /* 0 - 2^63 wraps to INT64_MIN */
    return ND_OK;
}

static bool starts_int(char c) { return is_digit(c) || c == '+' || c == '-'; }

/* A slice bound: INT64_MIN is ND_NONE, so it becomes -INT64_MAX, which
 * clamps identically on any axis (CPython clamps bounds the same way). */
static int64_t slice_field(int64_t v) { return v == INT64_MIN ? -INT64_MAX : v; }

/* An integer or start:stop:step with every part optional; the cursor is at
 * its first non-space character. */
static nd_status parse_number_item(parser *p, item *it) {
    int64_t v[3] = {0, 0, 0};
    bool have[3] = {false, false, false};
    size_t at[3] = {0, 0, 0};
    int parts = 0;
    for (;;) {
        if (starts_int(peek(p))) {
            at[parts] = p->pos;
            nd_status st = parse_int(p, &v[parts]);
            if (st != ND_OK) return st;
            have[parts] = true;
            skip_space(p);
        }
        parts++;
        if (parts == 3 || peek(p) != ':') break;
        p->pos++;
        skip_space(p);
    }
    if (parts == 1) {
        if (!have[0]) {
            char c = peek(p);
            return c == ',' || c == '\0' ? fail_at(p, ND_ERR_VALUE, p->pos, "empty index")
                                         : fail_unexpected(p);
        }
        it->kind = IT_INT;
        it->index = v[0];
        return ND_OK;
    }
    it->kind = IT_SLICE;
    it->slice.start = have[0] ? slice_field(v[0]) : ND_NONE;
    it->slice.stop = have[1] ? slice_field(v[1]) : ND_NONE;
    it->slice.step = have[2] ? slice_field(v[2]) : ND_NONE;
    if (have[2] && v[2] == 0) set_pending(p, PE_STEP_ZERO, at[2]);
    return ND_OK;
}

/* "...", a name (None, newaxis) or a number item. */
static nd_status parse_item(parser *p, item *it) {
    it->pos = p->pos;
    const char *s = p->str + p->pos;
    if (s[0] == '.') {
        /* s[1] is read only when s[0] is not the NUL, and so on */
        if (s[1] != '.' || s[2] != '.') return fail_at(p, ND_ERR_VALUE, p->pos, "expected '...'");
        p->pos += 3;
        it->kind = IT_ELLIPSIS;
        return ND_OK;
    }
    if (is_name_char(s[0]) && !is_digit(s[0])) {
        size_t n = 0;
        while (is_name_char(s[n])) n++;
        if ((n == 4 && memcmp(s, "None", 4) == 0) || (n == 7 && memcmp(s, "newaxis", 7) == 0)) {
            p->pos += n;
            it->kind = IT_NEWAXIS;
            return ND_OK;
        }
        char what[64];
        int shown = n > 24 ? 24 : (int)n;
        snprintf(what, sizeof what, "unknown name '%.*s'%s", shown, s, n > 24 ? "..." : "");
        return fail_at(p, ND_ERR_VALUE, p->pos, what);
    }
    return parse_number_item(p, it);
}

/* Counts an item against the array and keeps it if there is room. */
static void add_item(parser *p, const item *it) {
    bool keep = true;
    switch (it->kind) {
    case IT_INT:
    case IT_SLICE:
        if (++p->nindexed > p->ndim) {
            set_pending(p, PE_TOO_MANY_INDICES, it->pos);
            keep = false;
        }
        break;
    case IT_NEWAXIS:
        /* the count is checked against ND_MAX_DIMS once all are known */
        keep = ++p->nnewaxis <= ND_MAX_DIMS;
        break;
    case IT_ELLIPSIS:
        if (++p->nellipsis > 1) {
            set_pending(p, PE_TWO_ELLIPSES, it->pos);
            keep = false;
        }
        break;
    }
    if (keep && p->nitems < ITEMS_CAP) p->items[p->nitems++] = *it;
}

/* item (',' item)* with one trailing comma allowed, as in Python's a[1,]. */
static nd_status parse(parser *p) {
    skip_space(p);
    if (peek(p) == '\0') return fail_at(p, ND_ERR_VALUE, p->pos, "empty index");
    for (;;) {
        item it;
        nd_status st = parse_item(p, &it);
        if (st != ND_OK) return st;
        add_item(p, &it);
        skip_space(p);
        if (peek(p) == '\0') break;
        if (peek(p) != ',') return fail_unexpected(p);
        p->pos++;
        skip_space(p);
        if (peek(p) == '\0') break;
    }
    switch (p->pending) {
    case PE_NONE: break;
    case PE_TWO_ELLIPSES:
        return fail_at(p, ND_ERR_VALUE, p->pending_pos, "an index can only have a single ellipsis ('...')");
    case PE_TOO_MANY_INDICES: {
        char what[128];
        snprintf(what, sizeof what, "too many indices for array: array is %d-dimensional, but %lld were indexed",
                 p->ndim, (long long)p->nindexed);
        return fail_at(p, ND_ERR_INDEX, p->pending_pos, what); /* as nd_slice, NumPy's IndexError */
    }
    case PE_STEP_ZERO: return fail_at(p, ND_ERR_VALUE, p->pending_pos, "slice step cannot be zero");
    }
    int64_t result_ndim = (int64_t)p->ndim + p->nnewaxis;
    for (int i = 0; i < p->nitems; i++) result_ndim -= p->items[i].kind == IT_INT;
    if (result_ndim > ND_MAX_DIMS) {
        char what[96];
        snprintf(what, sizeof what, "the result would have %lld dimensions, more than ND_MAX_DIMS (%d)",
                 (long long)result_ndim, ND_MAX_DIMS);
        return fail_at(p, ND_ERR_VALUE, 0, what);
    }
    return ND_OK;
}

/* Frees the old view once the next one is made. */
static nd_array *replace(nd_array *old, nd_array *next) {
    nd_free(old);
    return next;
}

nd_array *nd_view(const nd_array *a, const char *index) {
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (!index) {
        nd__null_arg(fn, "index");
        return NULL;
    }
    parser p = {.str = index, .ndim = a->ndim};
    if (parse(&p) != ND_OK) return NULL;

    /* Slice every axis up to the last one named; an integer becomes the
     * length-1 slice i:i+1 and is squeezed out afterwards, and a newaxis
     * is inserted last at its place in the result. */
    nd_slice_t slices[ND_MAX_DIMS];
    int int_axes[ND_MAX_DIMS], newaxis_at[ND_MAX_DIMS];
    int naxes = 0, nints = 0, nnew = 0, out_axis = 0;
    const nd_slice_t all = {ND_NONE, ND_NONE, ND_NONE};
    for (int i = 0; i < p.nitems; i++) {
        const item *it = &p.items[i];
        switch (it->kind) {
        case IT_INT: {
            int64_t len = a->shape[naxes], j = it->index < 0 ? it->index + len : it->index;
            if (j < 0 || j >= len) {
                char what[128];
                snprintf(what, sizeof what, "index %lld is out of bounds for axis %d with size %lld",
                         (long long)it->index, naxes, (long long)len);
                fail_at(&p, ND_ERR_INDEX, it->pos, what);
                return NULL;
            }
            slices[naxes] = (nd_slice_t){j, j + 1, 1};
            int_axes[nints++] = naxes++;
            break;
        }
        case IT_SLICE:
            slices[naxes++] = it->slice;
            out_axis++;
            break;
        case IT_ELLIPSIS:
            for (int64_t k = p.nindexed; k < a->ndim; k++) {
                slices[naxes++] = all;
                out_axis++;
            }
            break;
        case IT_NEWAXIS: newaxis_at[nnew++] = out_axis++; break;
        }
    }
    unsigned long mark = nd__error_mark();
    nd_array *v = nd_slice(a, naxes, slices);
    if (v && nints > 0) v = replace(v, nd_squeeze(v, nints, int_axes));
    /* in increasing order, so each position already counts the axes before it */
    for (int i = 0; v && i < nnew; i++) v = replace(v, nd_expand_dims(v, newaxis_at[i]));
    return nd__relabel_array(fn, mark, v);
}

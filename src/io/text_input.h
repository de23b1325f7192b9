/* Private: the bytes nd_loadtxt parses, from a path, a caller's stream or
 * memory, gzip data decompressed on the way in (text_input.c). */
#ifndef ND_IO_TEXT_INPUT_H
#define ND_IO_TEXT_INPUT_H

#include <stdio.h>

#include "core/core.h"

/* Where the text comes from, and how messages name it: "'data.txt'", or
 * "the stream" / "the buffer". Exactly one of path, f, mem is used. */
typedef struct nd_text_source {
    const char *fn;          /* the public function called, for messages */
    const char *path;        /* a file to open (a regular file only) */
    FILE *f;                 /* a caller's stream, read to its end, not closed */
    const void *mem;         /* a caller's buffer of mem_len bytes */
    size_t mem_len;
} nd_text_source;

/* The whole text: either the caller's own buffer (own false, nothing to
 * free) or memory of ours (own true, released by nd__text_release). */
typedef struct nd_text {
    const char *p;
    size_t n;
    bool own;
    bool gzip;               /* it was gzip data, decompressed */
} nd_text;

/* Reads the source to its end into t. Data starting with gzip's magic
 * bytes (1f 8b) is decompressed as it is read, concatenated members and
 * zero padding included (as Python's gzip module reads them); corrupt data
 * is ND_ERR_VALUE, a stream that ends early ND_ERR_IO. Nothing is left
 * allocated on error. */
nd_status nd__text_read(const nd_text_source *s, nd_text *t);
void nd__text_release(nd_text *t);

/* "'path'", "the stream" or "the buffer", for messages (a static or
 * caller-held string; paths are quoted into buf, of cap bytes). */
const char *nd__text_name(const nd_text_source *s, char *buf, size_t cap);

#endif

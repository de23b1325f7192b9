/* The element-wise operations' shared entry (src/ops/elementwise.c), for
 * the scalar and in-place forms (src/ops/scalar.c) built on it. */
#ifndef ND_OPS_EW_H
#define ND_OPS_EW_H

#include "iter/iter.h"

/* Where an operation's result goes. */
typedef enum nd__ew_mode {
    ND__EW_NEW,    /* a new array */
    ND__EW_OUT,    /* the caller's out (the _out forms) */
    ND__EW_INPLACE /* out is the first operand itself (the _inplace forms):
                    * messages name a and b, casting as NumPy's a op= b */
} nd__ew_mode;

/* Runs op on nin operands (names[k] names in[k] in messages) with NumPy's
 * type resolution, NEP 50 for weak operands, broadcasting and output
 * checks; everything is validated before anything is written. Returns the
 * result (out itself unless mode is ND__EW_NEW), or NULL with the error
 * recorded under fn. */
nd_array *nd__ew_apply(const char *fn, nd_op op, int nin, const nd_array *const *in,
                       const char *const *names, nd_array *out, nd__ew_mode mode);
/* The status a status-returning form gives after nd__ew_apply failed:
 * ND_ERR_NULL for a NULL argument even when an earlier error's message is
 * kept, else the error recorded. */
nd_status nd__ew_fail_status(int nin, const nd_array *const *in, const nd_array *out);

#endif

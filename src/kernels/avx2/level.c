/* The AVX2 kernel level: whether this build has it, and its overrides on
 * top of the portable tables. The files of this folder are compiled with
 * -mavx2 -mfma on x86-64 (Makefile) and nowhere else, so the level exists
 * exactly when __AVX2__ is defined here; the CPU check is dispatch.c's. */
#include "kernels/kernel.h"

#if defined(__AVX2__) && defined(__FMA__)
const bool nd__avx2_built = true;
#else
const bool nd__avx2_built = false;
#endif

void nd__avx2_install(nd_loop_table t, nd_reduce_table r, nd_fold_table f, nd_arg_table a) {
    nd__avx2_unary_loops(t);
    nd__avx2_reduce_loops(r, f);
    nd__avx2_arg_loops(a);
}

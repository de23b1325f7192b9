/* The BLAS thread-count rule: libnd leaves OpenBLAS's own setting alone
 * unless the user chose libnd's thread count, which then applies to BLAS
 * calls too (DESIGN.md, Threads). */
#include "linalg/blas.h"

#include "iter/threads.h"

bool nd__user_threads(int *n) {
    *n = nd_get_num_threads();
    return nd__threads_user_set();
}

void nd__blas_threads(void) {
    int n;
    if (!nd__user_threads(&n)) return;
    if (openblas_get_num_threads() != n) openblas_set_num_threads(n);
}

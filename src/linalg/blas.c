/* The BLAS thread-count rule: libnd leaves the BLAS's own setting alone
 * unless the user chose libnd's thread count, which then applies to BLAS
 * calls too (docs/design.md, Threads). Only OpenBLAS has a thread call
 * libnd knows; a build against another CBLAS leaves threads to that
 * library's own settings. */
#include "linalg/blas.h"

#include "iter/threads.h"

bool nd__user_threads(int *n) {
    return nd__threads_user_count(n);
}

void nd__blas_threads(void) {
#ifdef ND_BLAS_OPENBLAS
    int n;
    if (!nd__user_threads(&n)) return;
    if (openblas_get_num_threads() != n) openblas_set_num_threads(n);
#endif
}

/* libnd: linear algebra (included by nd.h). Products on BLAS (OpenBLAS),
 * decompositions and solvers on LAPACKE, with numpy.linalg's semantics.
 * Matrices are the last two axes; leading axes are batch dimensions and
 * broadcast where NumPy broadcasts them. Any layout is accepted and inputs
 * are never modified. float32 and float64 go to BLAS/LAPACK; integer and
 * bool inputs to the products use a portable kernel, and to the
 * decompositions are converted to float64 as NumPy does. */
#ifndef ND_LINALG_H
#define ND_LINALG_H

/* ---- products
 *
 * The result dtype is the inputs' promoted dtype: bool products are bool
 * (OR of ANDs) and integer sums wrap, as NumPy's. float32 and float64 run
 * on BLAS, or on a hand-written kernel for small matrices; an operand BLAS
 * can take as it is (unit stride along either matrix axis) is not copied.
 * Float products with a dimension beyond the BLAS integer range (2^31 - 1
 * in Debian's OpenBLAS) are refused with ND_ERR_OVERFLOW. BLAS runs with
 * the caller's OpenBLAS thread setting unless libnd's thread count was
 * chosen (nd_set_num_threads, ND_NUM_THREADS), which then applies to BLAS
 * too. */

/* np.matmul: 1-D operands are promoted to matrices and the added axis
 * removed; batch dimensions broadcast; 0-d operands are an error. The _out
 * form computes in the promoted dtype and casts into out (same_kind); out's
 * core axes must match and the inputs' batch must broadcast to out's batch,
 * which may be larger (NumPy's gufunc rule). out may overlap a or b. */
ND_API nd_array *nd_matmul(const nd_array *a, const nd_array *b);
ND_API nd_status nd_matmul_out(const nd_array *a, const nd_array *b, nd_array *out);
/* np.dot (a 0-d operand multiplies; otherwise a's last axis with b's
 * second-to-last, or its only one), np.vdot (both flattened, equal sizes; a
 * 0-d result), np.inner (the last axes; a 0-d operand multiplies) and
 * np.outer (both flattened). */
ND_API nd_array *nd_dot(const nd_array *a, const nd_array *b);
ND_API nd_array *nd_vdot(const nd_array *a, const nd_array *b);
ND_API nd_array *nd_inner(const nd_array *a, const nd_array *b);
ND_API nd_array *nd_outer(const nd_array *a, const nd_array *b);
/* np.tensordot: contracts axes_a of a with axes_b of b (naxes each,
 * distinct; negative ones count from the end); with axes_a and axes_b NULL,
 * the last naxes axes of a with the first naxes of b (0: the outer
 * product). The result has a's free axes, then b's. */
ND_API nd_array *nd_tensordot(const nd_array *a, const nd_array *b, int naxes, const int *axes_a,
                              const int *axes_b);
/* np.kron; the operand with fewer axes gets leading length-1 axes. */
ND_API nd_array *nd_kron(const nd_array *a, const nd_array *b);
/* np.trace: sums of the diagonal at offset in the plane axis1, axis2, in
 * the sum's dtype (int64 for bool and signed integers, uint64 for
 * unsigned). */
ND_API nd_array *nd_trace(const nd_array *a, int64_t offset, int axis1, int axis2);
/* np.linalg.matrix_power of (stacked) square matrices by repeated
 * squaring: n == 0 gives the identity in a's dtype; n < 0 inverts first
 * (nd_linalg_inv: float64 for integer input); integer powers wrap. */
ND_API nd_array *nd_linalg_matrix_power(const nd_array *a, int64_t n);
/* np.einsum with NumPy's subscripts ("ij,jk->ik", implicit output, "...",
 * repeated indices for diagonals and traces). */
ND_API nd_array *nd_einsum(const char *subscripts, int n, const nd_array *const *operands);

/* ---- solvers and decompositions (stacked over leading axes)
 *
 * numpy.linalg's semantics on LAPACKE. Matrices are the last two axes of
 * any layout; leading axes are a batch. float32 inputs are computed in
 * float32 (NumPy computes them in float64 and rounds the result, so
 * float32 answers differ from NumPy's at float32 rounding level); every
 * other dtype is converted to float64. Results are new C-contiguous
 * arrays of that dtype. Functions that need a square matrix report "Last
 * 2 dimensions of the array must be square"; fewer than two dimensions,
 * "N-dimensional array given. Array must be at least two-dimensional".
 * LAPACK failures are ND_ERR_LINALG errors ("singular matrix", "matrix is
 * not positive definite", "SVD did not converge", "eigenvalues did not
 * converge"); with a batch, one failing matrix fails the call, as in NumPy.
 * Output-pointer functions set every requested pointer to NULL on error.
 * Dimensions above LAPACK's 32-bit integer are refused (ND_ERR_OVERFLOW). */

/* x with a @ x = b. b is a stack of vectors (..., M) when it has exactly
 * one axis fewer than a, else a stack of matrices (..., M, K) (NumPy's
 * rule); the batch axes of a and b broadcast. */
ND_API nd_array *nd_linalg_solve(const nd_array *a, const nd_array *b);
ND_API nd_array *nd_linalg_inv(const nd_array *a);
/* det of an empty (0 x 0) matrix is 1. The product of the LU diagonal is
 * formed without intermediate overflow: exact where NumPy's exp(sum(log))
 * is not (det([[5.]]) is 5, NumPy says 4.999999999999999). */
ND_API nd_array *nd_linalg_det(const nd_array *a);
/* sign (0 for a singular matrix) and log|det| (-inf then); both required. */
ND_API nd_status nd_linalg_slogdet(const nd_array *a, nd_array **sign, nd_array **logabsdet);
/* Lower (L @ L.T = a, read from a's lower triangle) or, with upper, upper
 * (U.T @ U = a, from the upper triangle) factor; the other triangle of the
 * result is zero. NaN reaching the diagonal gives NaN, not an error, as
 * NumPy (OpenBLAS's potrf does not test for NaN). */
ND_API nd_array *nd_linalg_cholesky(const nd_array *a, bool upper);

typedef enum nd_qr_mode { ND_QR_REDUCED = 0, ND_QR_COMPLETE, ND_QR_R } nd_qr_mode;
/* a = q @ r. Reduced: q (..., M, K), r (..., K, N) with K = min(M, N);
 * complete: q (..., M, M), r (..., M, N); ND_QR_R: r (..., K, N) only, q is
 * left untouched (may be NULL). Signs are LAPACK's (geqrf), as NumPy's. */
ND_API nd_status nd_linalg_qr(const nd_array *a, nd_qr_mode mode, nd_array **q, nd_array **r);
/* a = u @ diag(s) @ vt, s descending. full_matrices: u (..., M, M) and vt
 * (..., N, N), else (..., M, K) and (..., K, N). With compute_uv false only s
 * is computed (u and vt may be NULL). gesdd, as NumPy; where gesdd fails
 * to converge, gesvd is tried before reporting "SVD did not converge"
 * (NumPy does not retry). A matrix holding NaN is that error, as in NumPy;
 * infinities give NaN results. */
ND_API nd_status nd_linalg_svd(const nd_array *a, bool full_matrices, bool compute_uv,
                               nd_array **u, nd_array **s, nd_array **vt);
/* Symmetric eigenproblem (syevd) from the lower (or upper) triangle:
 * ascending w, orthonormal eigenvectors in v's columns. */
ND_API nd_status nd_linalg_eigh(const nd_array *a, bool upper, nd_array **w, nd_array **v);
ND_API nd_array *nd_linalg_eigvalsh(const nd_array *a, bool upper);
/* General real eigenproblem (geev). Until libnd has a complex dtype,
 * complex results come as separate real and imaginary arrays, always both
 * (w_im is all zero where NumPy would return real arrays): w (..., M) and
 * v (..., M, M), eigenvector j in column j with unit 2-norm, a conjugate
 * pair unpacked into v[:, j] = re + i im and v[:, j + 1] = re - i im as
 * NumPy returns them. v_re and v_im may both be NULL to skip the vectors.
 * NaN or infinity in a is an error ("array must not contain infs or NaNs"),
 * as NumPy. */
ND_API nd_status nd_linalg_eig(const nd_array *a, nd_array **w_re, nd_array **w_im, nd_array **v_re,
                               nd_array **v_im);
ND_API nd_status nd_linalg_eigvals(const nd_array *a, nd_array **w_re, nd_array **w_im);
/* Least squares (gelsd) for a 2-D a (M, N) and b (M,) or (M, K), as
 * np.linalg.lstsq (not stacked, as NumPy): x (N,) or (N, K); residuals the
 * squared norms of the columns of b - a x, shape (K,) or (1,), and empty
 * (0,) when rank < N or M <= N; rank (0-d int64); s (min(M, N),). rcond < 0
 * is NumPy's rcond=None: machine epsilon of the working dtype times
 * max(M, N). Output pointers other than x may be NULL. NaN or infinity in a
 * is "SVD did not converge in Linear Least Squares". */
ND_API nd_status nd_linalg_lstsq(const nd_array *a, const nd_array *b, double rcond, nd_array **x,
                                 nd_array **residuals, nd_array **rank, nd_array **s);
/* Pseudo-inverse (..., N, M) from the SVD, singular values at most rcond
 * times the largest dropped. rcond < 0: NumPy's 1e-15 for float64, and
 * max(M, N) * FLT_EPSILON for float32 (computed in float32, where 1e-15
 * would keep rounding noise). An empty matrix gives an empty float result
 * (NumPy keeps an integer input's dtype). */
ND_API nd_array *nd_linalg_pinv(const nd_array *a, double rcond);
/* Number of singular values above tol (tol < 0: NumPy's default, the
 * largest singular value times max(M, N) times epsilon). int64, shape of
 * the batch. Fewer than two dimensions: 1 if any element is nonzero, else
 * 0 (NumPy). An empty matrix has rank 0 (NumPy raises). */
ND_API nd_array *nd_linalg_matrix_rank(const nd_array *a, double tol);
/* np.linalg.norm. ord NULL is NumPy's default (2-norm of vectors, Frobenius
 * of matrices); otherwise "fro" (or "f"), "nuc", "inf", "-inf", or a number
 * strtod reads, such as "1", "-2", "0", "3.5". naxes 1 or 2 picks vector or
 * matrix norms over axes (negative axes count from the end); ND_ALL_AXES
 * means NumPy's axis=None (the whole array as a vector with ord NULL, else a
 * 1-D or 2-D array's own norm). keepdims leaves the reduced axes as
 * length 1. Integers and bool are measured as float64; the 2-norm is the
 * square root of the sum of squares, as NumPy (it can overflow). */
ND_API nd_array *nd_linalg_norm(const nd_array *a, const char *ord, int naxes, const int *axes,
                                bool keepdims);
/* np.linalg.cond with the same ord strings (NULL, "2", "-2": ratio of
 * extreme singular values; others: norm(a) * norm(inv(a)), square a only).
 * A singular matrix gives inf (for "nuc" too, where NumPy raises), NaN if
 * it holds NaN. Empty matrices are an error, as NumPy. */
ND_API nd_array *nd_linalg_cond(const nd_array *a, const char *ord);

#endif

/* libnd: linear algebra (included by nd.h). Products on BLAS (OpenBLAS),
 * decompositions and solvers on LAPACKE, with numpy.linalg's semantics.
 * Matrices are the last two axes; leading axes are batch dimensions and
 * broadcast where NumPy broadcasts them. Any layout is accepted and inputs
 * are never modified. float32 and float64 go to BLAS/LAPACK; integer and
 * bool inputs to the products use a portable kernel, and to the
 * decompositions are converted to float64 as NumPy does. */
#ifndef ND_LINALG_H
#define ND_LINALG_H

/* ---- products */

/* np.matmul: 1-D operands are promoted to matrices and the added axis
 * removed; batch dimensions broadcast. */
ND_API nd_array *nd_matmul(const nd_array *a, const nd_array *b);
ND_API nd_status nd_matmul_out(const nd_array *a, const nd_array *b, nd_array *out);
/* np.dot, np.vdot (flattened, a 0-d result), np.inner, np.outer. */
ND_API nd_array *nd_dot(const nd_array *a, const nd_array *b);
ND_API nd_array *nd_vdot(const nd_array *a, const nd_array *b);
ND_API nd_array *nd_inner(const nd_array *a, const nd_array *b);
ND_API nd_array *nd_outer(const nd_array *a, const nd_array *b);
/* np.tensordot: contracts axes_a of a with axes_b of b (naxes each); with
 * axes_a and axes_b NULL, the last naxes axes of a with the first of b. */
ND_API nd_array *nd_tensordot(const nd_array *a, const nd_array *b, int naxes, const int *axes_a,
                              const int *axes_b);
ND_API nd_array *nd_kron(const nd_array *a, const nd_array *b);
/* np.trace: sums of the diagonal at offset in the plane axis1, axis2. */
ND_API nd_array *nd_trace(const nd_array *a, int64_t offset, int axis1, int axis2);
/* np.linalg.matrix_power: n may be negative (inverse first). */
ND_API nd_array *nd_linalg_matrix_power(const nd_array *a, int64_t n);
/* np.einsum with NumPy's subscripts ("ij,jk->ik", implicit output, "...",
 * repeated indices for diagonals and traces). */
ND_API nd_array *nd_einsum(const char *subscripts, int n, const nd_array *const *operands);

/* ---- solvers and decompositions (stacked over leading axes) */

ND_API nd_array *nd_linalg_solve(const nd_array *a, const nd_array *b);
ND_API nd_array *nd_linalg_inv(const nd_array *a);
ND_API nd_array *nd_linalg_det(const nd_array *a);
ND_API nd_status nd_linalg_slogdet(const nd_array *a, nd_array **sign, nd_array **logabsdet);
/* Lower (L @ L.T = a) or, with upper, upper (U.T @ U = a) factor. */
ND_API nd_array *nd_linalg_cholesky(const nd_array *a, bool upper);

typedef enum nd_qr_mode { ND_QR_REDUCED = 0, ND_QR_COMPLETE, ND_QR_R } nd_qr_mode;
/* q is left untouched (may be NULL) for ND_QR_R. */
ND_API nd_status nd_linalg_qr(const nd_array *a, nd_qr_mode mode, nd_array **q, nd_array **r);
/* a = u @ diag(s) @ vt. With compute_uv false only s is computed (u and vt
 * may be NULL). */
ND_API nd_status nd_linalg_svd(const nd_array *a, bool full_matrices, bool compute_uv,
                               nd_array **u, nd_array **s, nd_array **vt);
/* Symmetric eigenproblem from the lower (or upper) triangle: ascending w,
 * eigenvectors in v's columns. */
ND_API nd_status nd_linalg_eigh(const nd_array *a, bool upper, nd_array **w, nd_array **v);
ND_API nd_array *nd_linalg_eigvalsh(const nd_array *a, bool upper);
/* General real eigenproblem. Until libnd has a complex dtype, complex
 * results come as separate real and imaginary arrays; v_re/v_im may be NULL
 * to skip the vectors. */
ND_API nd_status nd_linalg_eig(const nd_array *a, nd_array **w_re, nd_array **w_im, nd_array **v_re,
                               nd_array **v_im);
ND_API nd_status nd_linalg_eigvals(const nd_array *a, nd_array **w_re, nd_array **w_im);
/* Least squares: x minimises |a x - b|; residuals, rank (0-d int64) and
 * singular values s as np.linalg.lstsq (rcond < 0: NumPy's default,
 * machine epsilon times max(M, N)). Output pointers other than x may be NULL. */
ND_API nd_status nd_linalg_lstsq(const nd_array *a, const nd_array *b, double rcond, nd_array **x,
                                 nd_array **residuals, nd_array **rank, nd_array **s);
ND_API nd_array *nd_linalg_pinv(const nd_array *a, double rcond);
/* tol < 0: NumPy's default tolerance. int64 result. */
ND_API nd_array *nd_linalg_matrix_rank(const nd_array *a, double tol);
/* np.linalg.norm. ord NULL is NumPy's default (2-norm of vectors, Frobenius
 * of matrices); otherwise "fro", "nuc", "inf", "-inf", or a number such as
 * "1", "-2", "0", "3.5". naxes 1 or 2 picks vector or matrix norms over
 * axes; ND_ALL_AXES means NumPy's axis=None. */
ND_API nd_array *nd_linalg_norm(const nd_array *a, const char *ord, int naxes, const int *axes,
                                bool keepdims);
/* np.linalg.cond with the same ord strings (NULL: the 2-norm). */
ND_API nd_array *nd_linalg_cond(const nd_array *a, const char *ord);

#endif

/** @file
 * libnd: linear algebra (included by nd.h). Products on BLAS (OpenBLAS),
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

/** Matrix product with np.matmul's rules, in the inputs' promoted dtype.
 * 1-D operands are promoted to matrices and the added axis removed; batch
 * dimensions broadcast; 0-d operands are an error.
 *
 * Errors: ND_ERR_NULL if a or b is NULL; ND_ERR_SHAPE for a 0-d operand,
 * a's last length differing from b's second-to-last, or batch axes that do
 * not broadcast; ND_ERR_VALUE if the result would exceed ND_MAX_DIMS axes;
 * ND_ERR_OVERFLOW for a float dimension beyond the BLAS integer range or a
 * result too large; ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: np.matmul(a, b), a @ b
 * @param a Left operand.
 * @param b Right operand.
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_matmul(const nd_array *a, const nd_array *b);
/** np.matmul into out: computes in the promoted dtype and casts into out
 * (same_kind). out's core axes must match and the inputs' batch must
 * broadcast to out's batch, which may be larger (NumPy's gufunc rule). out
 * may overlap a or b.
 *
 * Errors: those of nd_matmul; ND_ERR_NULL if out is NULL; ND_ERR_SHAPE if
 * out's core axes differ from the result's or the batch does not broadcast
 * to out's; ND_ERR_READONLY if out is read-only or a broadcast view;
 * ND_ERR_DTYPE if the promoted dtype does not cast to out's (same_kind).
 *
 * NumPy: np.matmul(a, b, out=out)
 * @param a Left operand.
 * @param b Right operand.
 * @param out The result's destination.
 * @return ND_OK, or the status of the error. */
ND_API nd_status nd_matmul_out(const nd_array *a, const nd_array *b, nd_array *out);
/** Dot product as np.dot. A 0-d operand multiplies element-wise; otherwise
 * a's last axis is contracted with b's second-to-last, or its only one. The
 * result has a's other axes, then b's.
 *
 * Errors: ND_ERR_NULL if a or b is NULL; ND_ERR_SHAPE if the contracted
 * lengths differ; ND_ERR_VALUE if the result would exceed ND_MAX_DIMS axes;
 * ND_ERR_OVERFLOW for a float dimension beyond the BLAS integer range or a
 * result too large; ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: np.dot(a, b)
 * @param a Left operand.
 * @param b Right operand.
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_dot(const nd_array *a, const nd_array *b);
/** Dot product of both operands flattened, as np.vdot: equal sizes, a 0-d
 * result.
 *
 * Errors: ND_ERR_NULL if a or b is NULL; ND_ERR_SHAPE if the sizes differ;
 * ND_ERR_OVERFLOW for a float length beyond the BLAS integer range;
 * ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: np.vdot(a, b)
 * @param a Left operand (any shape).
 * @param b Right operand (any shape, a's size).
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_vdot(const nd_array *a, const nd_array *b);
/** Inner product over the last axes, as np.inner; a 0-d operand multiplies
 * element-wise. The result has a's other axes, then b's.
 *
 * Errors: ND_ERR_NULL if a or b is NULL; ND_ERR_SHAPE if the last lengths
 * differ; ND_ERR_VALUE if the result would exceed ND_MAX_DIMS axes;
 * ND_ERR_OVERFLOW for a float dimension beyond the BLAS integer range or a
 * result too large; ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: np.inner(a, b)
 * @param a Left operand.
 * @param b Right operand.
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_inner(const nd_array *a, const nd_array *b);
/** Outer product of both operands flattened, as np.outer: shape
 * (size of a, size of b).
 *
 * Errors: ND_ERR_NULL if a or b is NULL; ND_ERR_OVERFLOW if the result is
 * too large; ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: np.outer(a, b)
 * @param a Left operand (any shape).
 * @param b Right operand (any shape).
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_outer(const nd_array *a, const nd_array *b);
/** Tensor contraction as np.tensordot. Contracts axes_a of a with axes_b of
 * b (naxes each, distinct; negative ones count from the end); with axes_a
 * and axes_b NULL, the last naxes axes of a with the first naxes of b (0:
 * the outer product). The result has a's free axes, then b's.
 *
 * Errors: ND_ERR_NULL if a or b is NULL; ND_ERR_VALUE if only one of
 * axes_a and axes_b is NULL, naxes is negative or above either ndim, an
 * axis repeats, or the result would exceed ND_MAX_DIMS axes; ND_ERR_INDEX
 * for an axis out of range; ND_ERR_SHAPE if paired axes differ in length;
 * ND_ERR_OVERFLOW for a float dimension beyond the BLAS integer range or a
 * result too large; ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: np.tensordot(a, b, axes=naxes), np.tensordot(a, b, axes=(axes_a, axes_b))
 * @param a Left operand.
 * @param b Right operand.
 * @param naxes Number of axes contracted.
 * @param axes_a The naxes axes of a, or NULL.
 * @param axes_b The naxes axes of b, paired with axes_a, or NULL.
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_tensordot(const nd_array *a, const nd_array *b, int naxes, const int *axes_a,
                              const int *axes_b);
/** Kronecker product as np.kron; the operand with fewer axes gets leading
 * length-1 axes.
 *
 * Errors: ND_ERR_NULL if a or b is NULL; ND_ERR_VALUE if an operand has
 * more than ND_MAX_DIMS / 2 axes; ND_ERR_OVERFLOW if the result is too
 * large; ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: np.kron(a, b)
 * @param a Left operand.
 * @param b Right operand.
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_kron(const nd_array *a, const nd_array *b);
/** Sums of the diagonal at offset in the plane axis1, axis2, as np.trace.
 * They are in the sum's dtype (int64 for bool and signed integers, uint64
 * for unsigned). The result has a's other axes.
 *
 * Errors: ND_ERR_NULL if a is NULL; ND_ERR_VALUE if a has fewer than two
 * axes or axis1 and axis2 name the same axis; ND_ERR_INDEX for an axis out
 * of range; ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: np.trace(a, offset, axis1, axis2)
 * @param a The array (at least 2-D).
 * @param offset Diagonal offset (> 0 above the main diagonal, < 0 below).
 * @param axis1 First axis of the plane (negative counts from the end).
 * @param axis2 Second axis of the plane (negative counts from the end).
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_trace(const nd_array *a, int64_t offset, int axis1, int axis2);
/** The n-th power of (stacked) square matrices, as
 * np.linalg.matrix_power. By repeated squaring: n == 0 gives the identity
 * in a's dtype; n < 0 inverts first (nd_linalg_inv: float64 for integer
 * input); integer powers wrap.
 *
 * Errors: ND_ERR_NULL if a is NULL; ND_ERR_SHAPE if a has fewer than two
 * axes or its last two are not square; with n < 0,
 * nd_linalg_inv's errors (ND_ERR_LINALG for a singular matrix);
 * ND_ERR_OVERFLOW for a dimension beyond the BLAS or LAPACK integer range
 * or a result too large; ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: np.linalg.matrix_power(a, n)
 * @param a Square matrices (..., M, M).
 * @param n The exponent.
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_linalg_matrix_power(const nd_array *a, int64_t n);
/** Einstein summation as np.einsum. NumPy's subscripts are taken
 * ("ij,jk->ik", implicit output, "...", repeated indices for diagonals and
 * traces). The result is a new C-contiguous array in the operands' promoted
 * dtype (NumPy returns a view for some single-operand cases).
 *
 * Errors: ND_ERR_NULL if subscripts, operands or an operands[k] is NULL;
 * ND_ERR_VALUE if n is not 1 to 32, or the subscripts are malformed or do
 * not match the operands (term count, dimension counts, unequal lengths of
 * a label, output labels), or an intermediate or the result would exceed
 * ND_MAX_DIMS axes (the message gives the position in subscripts);
 * ND_ERR_OVERFLOW for a float dimension beyond the BLAS integer range or a
 * result too large; ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: np.einsum(subscripts, *operands)
 * @param subscripts The subscripts string.
 * @param n Number of operands (1 to 32).
 * @param operands The n operands.
 * @return a new handle, or NULL on error. */
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
 * Output-pointer functions write nothing to their pointers on error: each
 * keeps the value the caller had in it.
 * Dimensions above LAPACK's 32-bit integer are refused (ND_ERR_OVERFLOW). */

/** Solves a @ x = b for x, as np.linalg.solve. b is a stack of vectors
 * (..., M) when it has exactly one axis fewer than a, else a stack of
 * matrices (..., M, K) (NumPy's rule); the batch axes of a and b broadcast.
 * float32 only if a and b both are, else float64.
 *
 * Errors: ND_ERR_NULL if a or b is NULL; ND_ERR_SHAPE if a has fewer than
 * two axes or is not square, b does not fit a, or the batches do not
 * broadcast; ND_ERR_LINALG "singular matrix"; ND_ERR_OVERFLOW for a
 * dimension beyond LAPACK's integer; ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: np.linalg.solve(a, b)
 * @param a Square coefficient matrices (..., M, M).
 * @param b Right-hand sides (..., M) or (..., M, K).
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_linalg_solve(const nd_array *a, const nd_array *b);
/** Inverse of (stacked) square matrices, as np.linalg.inv: (..., M, M).
 *
 * Errors: ND_ERR_NULL if a is NULL; ND_ERR_SHAPE if a has fewer than two
 * axes or is not square; ND_ERR_LINALG "singular matrix"; ND_ERR_OVERFLOW
 * for a dimension beyond LAPACK's integer; ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: np.linalg.inv(a)
 * @param a Square matrices (..., M, M).
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_linalg_inv(const nd_array *a);
/** Determinants of (stacked) square matrices, as np.linalg.det. Shape of
 * the batch; a singular matrix gives 0, not an error. det of an empty
 * (0 x 0) matrix is 1. The product of the LU diagonal is formed without
 * intermediate overflow: exact where NumPy's exp(sum(log)) is not
 * (det([[5.]]) is 5, NumPy says 4.999999999999999).
 *
 * Errors: ND_ERR_NULL if a is NULL; ND_ERR_SHAPE if a has fewer than two
 * axes or is not square; ND_ERR_OVERFLOW for a dimension beyond LAPACK's
 * integer; ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: np.linalg.det(a)
 * @param a Square matrices (..., M, M).
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_linalg_det(const nd_array *a);
/** Sign and log of the absolute determinant, as np.linalg.slogdet. sign (0
 * for a singular matrix) and log|det| (-inf then), each of the batch's
 * shape; both outputs are required. Nothing is written to them on error.
 *
 * Errors: ND_ERR_NULL if a, sign or logabsdet is NULL; ND_ERR_SHAPE if a
 * has fewer than two axes or is not square; ND_ERR_OVERFLOW for a dimension
 * beyond LAPACK's integer; ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: sign, logabsdet = np.linalg.slogdet(a)
 * @param a Square matrices (..., M, M).
 * @param sign Receives a new array of signs.
 * @param logabsdet Receives a new array of log|det|.
 * @return ND_OK, or the status of the error. */
ND_API nd_status nd_linalg_slogdet(const nd_array *a, nd_array **sign, nd_array **logabsdet);
/** Cholesky factor, as np.linalg.cholesky. Lower (L @ L.T = a, read from
 * a's lower triangle) or, with upper, upper (U.T @ U = a, from the upper
 * triangle); the other triangle of the result is zero. NaN reaching the
 * diagonal gives NaN, not an error, as NumPy (OpenBLAS's potrf does not
 * test for NaN).
 *
 * Errors: ND_ERR_NULL if a is NULL; ND_ERR_SHAPE if a has fewer than two
 * axes or is not square; ND_ERR_LINALG "matrix is not positive definite";
 * ND_ERR_OVERFLOW for a dimension beyond LAPACK's integer; ND_ERR_NOMEM if
 * memory runs out.
 *
 * NumPy: np.linalg.cholesky(a); upper: np.linalg.cholesky(a, upper=True) (NumPy 2)
 * @param a Symmetric positive-definite matrices (..., M, M).
 * @param upper Compute the upper factor from the upper triangle.
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_linalg_cholesky(const nd_array *a, bool upper);

/** What nd_linalg_qr computes: NumPy's qr modes, K = min(M, N). */
typedef enum nd_qr_mode { ND_QR_REDUCED = 0, ND_QR_COMPLETE, ND_QR_R } nd_qr_mode;
/** @var ND_QR_REDUCED
 * q (..., M, K) and r (..., K, N); NumPy's mode='reduced'. */
/** @var ND_QR_COMPLETE
 * q (..., M, M) and r (..., M, N); NumPy's mode='complete'. */
/** @var ND_QR_R
 * r (..., K, N) only; NumPy's mode='r'. */

/** QR factorization a = q @ r, as np.linalg.qr. Reduced: q (..., M, K), r
 * (..., K, N) with K = min(M, N); complete: q (..., M, M), r (..., M, N);
 * ND_QR_R: r (..., K, N) only, q is left untouched (may be NULL). Signs are
 * LAPACK's (geqrf), as NumPy's. Nothing is written to q or r on error.
 *
 * Errors: ND_ERR_NULL if a or r is NULL, or q is NULL with a mode other
 * than ND_QR_R; ND_ERR_VALUE for an unknown mode; ND_ERR_SHAPE if a has
 * fewer than two axes; ND_ERR_OVERFLOW for a dimension beyond LAPACK's
 * integer; ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: q, r = np.linalg.qr(a, mode)
 * @param a Matrices (..., M, N).
 * @param mode Which factors, and their shapes.
 * @param q Receives a new array of Q (not used with ND_QR_R).
 * @param r Receives a new array of R.
 * @return ND_OK, or the status of the error. */
ND_API nd_status nd_linalg_qr(const nd_array *a, nd_qr_mode mode, nd_array **q, nd_array **r);
/** Singular value decomposition a = u @ diag(s) @ vt, as np.linalg.svd, s
 * descending. full_matrices: u (..., M, M) and vt (..., N, N), else
 * (..., M, K) and (..., K, N), K = min(M, N); s is (..., K). With
 * compute_uv false only s is computed (u and vt may be NULL). gesdd, as
 * NumPy; where gesdd fails to converge, gesvd is tried before reporting
 * "SVD did not converge" (NumPy does not retry). A matrix holding NaN is
 * that error, as in NumPy; infinities give NaN results. Nothing is
 * written to the outputs on error.
 *
 * Errors: ND_ERR_NULL if a or s is NULL, or u or vt with compute_uv;
 * ND_ERR_SHAPE if a has fewer than two axes; ND_ERR_LINALG "SVD did not
 * converge" (NaN, or no convergence); ND_ERR_OVERFLOW for a dimension
 * beyond LAPACK's integer; ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: u, s, vt = np.linalg.svd(a, full_matrices, compute_uv)
 * @param a Matrices (..., M, N).
 * @param full_matrices Make u and vt square.
 * @param compute_uv Compute u and vt too.
 * @param u Receives a new array of U (with compute_uv).
 * @param s Receives a new array of singular values.
 * @param vt Receives a new array of V transposed (with compute_uv).
 * @return ND_OK, or the status of the error. */
ND_API nd_status nd_linalg_svd(const nd_array *a, bool full_matrices, bool compute_uv,
                               nd_array **u, nd_array **s, nd_array **vt);
/** Symmetric eigenproblem, as np.linalg.eigh. syevd from the lower (or
 * upper) triangle: ascending w (..., M), orthonormal eigenvectors in the
 * columns of v (..., M, M). Nothing is written to w or v on error.
 *
 * Errors: ND_ERR_NULL if a, w or v is NULL; ND_ERR_SHAPE if a has fewer
 * than two axes or is not square; ND_ERR_LINALG "eigenvalues did not
 * converge"; ND_ERR_OVERFLOW for a dimension beyond LAPACK's integer;
 * ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: w, v = np.linalg.eigh(a, UPLO='U' if upper else 'L')
 * @param a Symmetric matrices (..., M, M).
 * @param upper Read the upper triangle instead of the lower.
 * @param w Receives a new array of eigenvalues.
 * @param v Receives a new array of eigenvectors.
 * @return ND_OK, or the status of the error. */
ND_API nd_status nd_linalg_eigh(const nd_array *a, bool upper, nd_array **w, nd_array **v);
/** Eigenvalues of symmetric matrices, ascending (..., M), as
 * np.linalg.eigvalsh; see nd_linalg_eigh.
 *
 * Errors: ND_ERR_NULL if a is NULL; ND_ERR_SHAPE if a has fewer than two
 * axes or is not square; ND_ERR_LINALG "eigenvalues did not converge";
 * ND_ERR_OVERFLOW for a dimension beyond LAPACK's integer; ND_ERR_NOMEM if
 * memory runs out.
 *
 * NumPy: np.linalg.eigvalsh(a, UPLO='U' if upper else 'L')
 * @param a Symmetric matrices (..., M, M).
 * @param upper Read the upper triangle instead of the lower.
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_linalg_eigvalsh(const nd_array *a, bool upper);
/** General real eigenproblem (geev), as np.linalg.eig. Until libnd has a
 * complex dtype, complex results come as separate real and imaginary
 * arrays, always both (w_im is all zero where NumPy would return real
 * arrays): w (..., M) and v (..., M, M), eigenvector j in column j with
 * unit 2-norm, a conjugate pair unpacked into v[:, j] = re + i im and
 * v[:, j + 1] = re - i im as NumPy returns them. v_re and v_im may both be
 * NULL to skip the vectors. NaN or infinity in a is an error ("array must
 * not contain infs or NaNs"), as NumPy. Nothing is written to the outputs
 * on error.
 *
 * Errors: ND_ERR_NULL if a, w_re or w_im is NULL, or only one of v_re and
 * v_im is; ND_ERR_SHAPE if a has fewer than two axes or is not square;
 * ND_ERR_VALUE if a holds NaN or infinity; ND_ERR_LINALG "eigenvalues did
 * not converge"; ND_ERR_OVERFLOW for a dimension beyond LAPACK's integer;
 * ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: w, v = np.linalg.eig(a) (w = w_re + 1j * w_im, v = v_re + 1j * v_im)
 * @param a Square matrices (..., M, M).
 * @param w_re Receives a new array of the eigenvalues' real parts.
 * @param w_im Receives a new array of the eigenvalues' imaginary parts.
 * @param v_re Receives a new array of the eigenvectors' real parts, or NULL.
 * @param v_im Receives a new array of their imaginary parts, or NULL.
 * @return ND_OK, or the status of the error. */
ND_API nd_status nd_linalg_eig(const nd_array *a, nd_array **w_re, nd_array **w_im, nd_array **v_re,
                               nd_array **v_im);
/** Eigenvalues of general real matrices, as np.linalg.eigvals. Real and
 * imaginary parts (..., M), as nd_linalg_eig. Nothing is written to the
 * outputs on error.
 *
 * Errors: ND_ERR_NULL if a, w_re or w_im is NULL; ND_ERR_SHAPE if a has
 * fewer than two axes or is not square; ND_ERR_VALUE if a holds NaN or
 * infinity; ND_ERR_LINALG "eigenvalues did not converge"; ND_ERR_OVERFLOW
 * for a dimension beyond LAPACK's integer; ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: np.linalg.eigvals(a) (= w_re + 1j * w_im)
 * @param a Square matrices (..., M, M).
 * @param w_re Receives a new array of the real parts.
 * @param w_im Receives a new array of the imaginary parts.
 * @return ND_OK, or the status of the error. */
ND_API nd_status nd_linalg_eigvals(const nd_array *a, nd_array **w_re, nd_array **w_im);
/** Least-squares solution of a x = b, as np.linalg.lstsq. gelsd for a 2-D
 * a (M, N) and b (M,) or (M, K), not stacked (as NumPy): x (N,) or (N, K);
 * residuals the squared norms of the columns of b - a x, shape (K,) or
 * (1,), and empty (0,) when rank < N or M <= N; rank (0-d int64); s
 * (min(M, N),). rcond < 0 is NumPy's rcond=None for float64, machine
 * epsilon times max(M, N); for float32, FLT_EPSILON times max(M, N, 8), as
 * nd_linalg_pinv(). Output pointers other than x may be NULL.
 * NaN or infinity in a is "SVD did not converge in Linear Least Squares".
 * float32 only if a and b both are, else float64. Nothing is written to
 * the outputs on error.
 *
 * Errors: ND_ERR_NULL if a, b or x is NULL; ND_ERR_SHAPE if a is not 2-D,
 * b not 1-D or 2-D, or their row counts differ; ND_ERR_LINALG for NaN or
 * infinity in a or no convergence; ND_ERR_OVERFLOW for a dimension beyond
 * LAPACK's integer; ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: x, residuals, rank, s = np.linalg.lstsq(a, b, rcond)
 * @param a Coefficient matrix (M, N).
 * @param b Right-hand side (M,) or (M, K).
 * @param rcond Relative cutoff for small singular values; < 0: NumPy's default.
 * @param x Receives a new array of the solution.
 * @param residuals Receives a new array of residuals, or NULL.
 * @param rank Receives a new 0-d array of the rank, or NULL.
 * @param s Receives a new array of a's singular values, or NULL.
 * @return ND_OK, or the status of the error. */
ND_API nd_status nd_linalg_lstsq(const nd_array *a, const nd_array *b, double rcond, nd_array **x,
                                 nd_array **residuals, nd_array **rank, nd_array **s);
/** Pseudo-inverse (..., N, M) from the SVD, as np.linalg.pinv. Singular
 * values at most rcond times the largest are dropped. rcond < 0: NumPy's
 * 1e-15 for float64, and max(M, N, 8) * FLT_EPSILON for float32 (computed in
 * float32, whose SVD has rounding noise up to about 2 * FLT_EPSILON times
 * the largest singular value: 1e-15 would keep it, and so, on the smallest
 * matrices, could max(M, N) * FLT_EPSILON). An empty matrix gives an
 * empty float result (NumPy keeps an integer input's dtype).
 *
 * Errors: ND_ERR_NULL if a is NULL; ND_ERR_SHAPE if a has fewer than two
 * axes; ND_ERR_LINALG "SVD did not converge" (a matrix holding NaN, or no
 * convergence); ND_ERR_OVERFLOW for a dimension beyond LAPACK's integer;
 * ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: np.linalg.pinv(a, rcond)
 * @param a Matrices (..., M, N).
 * @param rcond Relative cutoff; < 0 for the default above.
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_linalg_pinv(const nd_array *a, double rcond);
/** Number of singular values above tol, as np.linalg.matrix_rank. tol < 0:
 * NumPy's default, the largest singular value times max(M, N) times
 * epsilon (float32: times max(M, N, 8) * FLT_EPSILON, as nd_linalg_pinv(),
 * since libnd's float32 SVD has float32 rounding noise where NumPy's is
 * computed in float64). int64, shape of the batch. Fewer than two dimensions: 1 if any
 * element is nonzero, else 0 (NumPy). An empty matrix has rank 0 (NumPy
 * raises).
 *
 * Errors: ND_ERR_NULL if a is NULL; ND_ERR_LINALG "SVD did not converge"
 * (a matrix holding NaN, or no convergence); ND_ERR_OVERFLOW for a
 * dimension beyond LAPACK's integer; ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: np.linalg.matrix_rank(a, tol)
 * @param a The array, usually matrices (..., M, N).
 * @param tol Threshold; < 0 for NumPy's default.
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_linalg_matrix_rank(const nd_array *a, double tol);
/** Vector or matrix norm, as np.linalg.norm. ord NULL is NumPy's default
 * (2-norm of vectors, Frobenius of matrices); otherwise "fro" (or "f"),
 * "nuc", "inf", "-inf", or a number strtod reads, such as "1", "-2", "0",
 * "3.5". naxes 1 or 2 picks vector or matrix norms over axes (negative axes
 * count from the end); ND_ALL_AXES means NumPy's axis=None (the whole array
 * as a vector with ord NULL, else a 1-D or 2-D array's own norm). keepdims
 * leaves the reduced axes as length 1. Integers and bool are measured as
 * float64; the 2-norm is the square root of the sum of squares, as NumPy
 * (it can overflow).
 *
 * Errors: ND_ERR_NULL if a is NULL, or axes is NULL with naxes > 0;
 * ND_ERR_VALUE for an unreadable ord, an ord invalid for vectors ("fro",
 * "nuc") or matrices, naxes not 1, 2 or ND_ALL_AXES (with an ord, an
 * ND_ALL_AXES array not 1-D or 2-D), or repeated axes; ND_ERR_INDEX for an
 * axis out of range; ND_ERR_LINALG when "2", "-2" or "nuc" meets a matrix
 * holding NaN; ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: np.linalg.norm(a, ord, axis, keepdims)
 * @param a The array.
 * @param ord The order as a string, or NULL for the default.
 * @param naxes 1, 2 or ND_ALL_AXES.
 * @param axes The naxes axes (ignored for ND_ALL_AXES).
 * @param keepdims Keep the reduced axes with length 1.
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_linalg_norm(const nd_array *a, const char *ord, int naxes, const int *axes,
                                bool keepdims);
/** Condition number, as np.linalg.cond. ord takes nd_linalg_norm's strings
 * (NULL, "2", "-2": ratio of extreme singular values; others: norm(a) *
 * norm(inv(a)), square a only). A singular matrix gives inf (for "nuc" too,
 * where NumPy raises), NaN if it holds NaN (with the norm(a) * norm(inv(a))
 * orders other than "nuc"; the SVD orders fail on NaN, as NumPy). Empty
 * matrices are an error, as NumPy. Shape of the batch.
 *
 * Errors: ND_ERR_NULL if a is NULL; ND_ERR_SHAPE if a has fewer than two
 * axes, or is not square for the orders through the inverse; ND_ERR_VALUE
 * for an unreadable ord or one invalid for matrices; ND_ERR_LINALG for an
 * empty matrix, or NaN with NULL, "2", "-2" or "nuc"; ND_ERR_OVERFLOW for
 * a dimension beyond LAPACK's integer; ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: np.linalg.cond(a, p)
 * @param a Matrices (..., M, N).
 * @param ord The order as a string, or NULL for the default.
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_linalg_cond(const nd_array *a, const char *ord);

#endif

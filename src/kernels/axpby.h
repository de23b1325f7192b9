/* The fused loop of nd_axpy_inplace and nd_axpby_inplace (kernels/ref/axpby.c). */
#ifndef ND_KERNELS_AXPBY_H
#define ND_KERNELS_AXPBY_H

#include "kernels/kernel.h"

/* The coefficients, converted to the loop's dtype by the loop (as NumPy
 * converts a Python float to a float32 operand). */
typedef struct nd_axpby_params {
    double alpha, beta;
    bool axpy; /* beta is 1: y + alpha * x, exactly NumPy's y += alpha * x */
} nd_axpby_params;

/* args = {x, y, out}: out = alpha * x + beta * y, one pass. Float dtypes
 * only (the coefficients are Python floats, so every other dtype computes
 * in float64); NULL for others. */
nd_loop_fn nd__axpby_loop(nd_dtype dt);

#endif

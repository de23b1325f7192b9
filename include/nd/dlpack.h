/** @file
 * libnd: DLPack interop (included by nd.h). Arrays are shared with other
 * frameworks (PyTorch, NumPy's from_dlpack, JAX, ...) without a copy,
 * through DLPack's DLManagedTensor. Only programs that use these two
 * functions need `<dlpack/dlpack.h>` (Debian: libdlpack-dev); nd.h itself
 * only forward-declares the struct. */
#ifndef ND_DLPACK_H
#define ND_DLPACK_H

struct DLManagedTensor;

/** Exports a as a DLManagedTensor that holds a new view of a (so a may be
 * freed first). data points at the first element, byte_offset is 0, the
 * device is kDLCPU, strides are in elements and always given. dtypes map to
 * kDLInt, kDLUInt and kDLFloat; bool is kDLBool where `<dlpack/dlpack.h>`
 * has it (DLPack 0.8+), else kDLUInt with 8 bits (DLPack 0.6, as Debian
 * ships). The consumer calls the tensor's deleter once when done. As NumPy,
 * read-only arrays (broadcast views, read-only maps) are refused, since
 * DLPack cannot say that the memory must not be written.
 *
 * Errors: ND_ERR_NULL if a is NULL; ND_ERR_READONLY if a is read-only;
 * ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: a.__dlpack__() (what np.from_dlpack calls on its argument)
 * @param a The array to share.
 * @return a new DLManagedTensor owned by the consumer, or NULL on error. */
ND_API struct DLManagedTensor *nd_to_dlpack(const nd_array *a);

/** Imports a DLPack tensor without a copy. It must be CPU memory (kDLCPU,
 * or the host-visible kDLCUDAHost, kDLROCMHost, kDLCUDAManaged, as NumPy
 * accepts) of one lane of int/uint 8-64 bits, float 32/64 bits or bool
 * (kDLBool, 8 bits). byte_offset is honoured; NULL strides mean C order.
 * data + byte_offset must be aligned to the item size (kernels load whole
 * items), unless the tensor is empty; such data is refused, not copied.
 * On success the array owns t: t->deleter(t) runs exactly once, when the
 * last view of the array is freed. On error t is left untouched and still
 * the caller's.
 *
 * Errors: ND_ERR_NULL if t is NULL, or its shape (ndim > 0) or data (a
 * non-empty tensor) is NULL; ND_ERR_UNSUPPORTED for memory on another
 * device or data not aligned to the item size; ND_ERR_DTYPE for any other
 * dtype or more than one lane;
 * ND_ERR_VALUE for ndim outside [0, ND_MAX_DIMS] or a negative length;
 * ND_ERR_OVERFLOW if byte_offset, the size or the strides' reach overflows;
 * ND_ERR_NOMEM if memory runs out.
 *
 * NumPy: np.from_dlpack(x)
 * @param t The tensor, handed over on success.
 * @return a new handle, or NULL on error. */
ND_API nd_array *nd_from_dlpack(struct DLManagedTensor *t);

#endif

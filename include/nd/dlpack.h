/* libnd: DLPack interop (included by nd.h). Arrays are shared with other
 * frameworks (PyTorch, NumPy's from_dlpack, JAX, ...) without a copy,
 * through DLPack's DLManagedTensor. Only programs that use these two
 * functions need <dlpack/dlpack.h> (Debian: libdlpack-dev); nd.h itself
 * only forward-declares the struct. */
#ifndef ND_DLPACK_H
#define ND_DLPACK_H

struct DLManagedTensor;

/* Exports a as a DLManagedTensor that holds a new view of a (so a may be
 * freed first): data points at the first element, byte_offset is 0, the
 * device is kDLCPU, strides are in elements and always given. dtypes map to
 * kDLInt, kDLUInt and kDLFloat; bool is kDLBool where <dlpack/dlpack.h> has
 * it (DLPack 0.8+), else kDLUInt with 8 bits (DLPack 0.6, as Debian ships).
 * The consumer calls the tensor's deleter once when done. As NumPy,
 * read-only arrays (broadcast views, read-only maps) are refused, since
 * DLPack cannot say that the memory must not be written. */
ND_API struct DLManagedTensor *nd_to_dlpack(const nd_array *a);

/* Imports a tensor without a copy: CPU memory (kDLCPU, or the host-visible
 * kDLCUDAHost, kDLROCMHost, kDLCUDAManaged, as NumPy accepts) of one lane
 * of int/uint 8-64 bits, float 32/64 bits or bool (kDLBool, 8 bits).
 * byte_offset is honoured; NULL strides mean C order. On success the array
 * owns t: t->deleter(t) runs exactly once, when the last view of the array
 * is freed. On error t is left untouched and still the caller's. */
ND_API nd_array *nd_from_dlpack(struct DLManagedTensor *t);

#endif

/* DLPack interop: exporting an array as a DLManagedTensor that owns a view
 * of it, and importing a DLManagedTensor without a copy (nd_wrap with a
 * deleter that hands the tensor back to its producer). */
#include "core/core.h"

#include <dlpack/dlpack.h>

/* DLPack 0.8 added kDLBool (6); older headers (Debian's 0.6) lack it. */
#define ND_DL_BOOL 6

static bool to_dl_dtype(nd_dtype dt, DLDataType *out) {
    out->lanes = 1;
    out->bits = (uint8_t)(nd__itemsize(dt) * 8);
    switch (nd__kind(dt)) {
    case ND_KIND_BOOL:
#if defined(DLPACK_VERSION) && DLPACK_VERSION >= 80
        out->code = kDLBool;
#else
        out->code = kDLUInt;
#endif
        return true;
    case ND_KIND_INT: out->code = kDLInt; return true;
    case ND_KIND_UINT: out->code = kDLUInt; return true;
    case ND_KIND_FLOAT: out->code = kDLFloat; return true;
    }
    return false;
}

static bool from_dl_dtype(DLDataType t, nd_dtype *out) {
    if (t.lanes != 1) return false;
    static const nd_dtype ints[] = {ND_INT8, ND_INT16, ND_INT32, ND_INT64};
    static const nd_dtype uints[] = {ND_UINT8, ND_UINT16, ND_UINT32, ND_UINT64};
    int k = t.bits == 8 ? 0 : t.bits == 16 ? 1 : t.bits == 32 ? 2 : t.bits == 64 ? 3 : -1;
    switch (t.code) {
    case kDLInt:
        if (k < 0) return false;
        *out = ints[k];
        return true;
    case kDLUInt:
        if (k < 0) return false;
        *out = uints[k];
        return true;
    case kDLFloat:
        if (t.bits != 32 && t.bits != 64) return false;
        *out = t.bits == 32 ? ND_FLOAT32 : ND_FLOAT64;
        return true;
    case ND_DL_BOOL:
        if (t.bits != 8) return false;
        *out = ND_BOOL;
        return true;
    default: return false;
    }
}

/* ---------------------------------------------------------------- export */

static void export_deleter(DLManagedTensor *self) {
    if (!self) return;
    nd_free(self->manager_ctx);
    nd__dealloc(self);
}

DLManagedTensor *nd_to_dlpack(const nd_array *a) {
    static const char fn[] = "nd_to_dlpack";
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (!(a->flags & ND_FLAG_WRITEABLE)) {
        nd__error(ND_ERR_READONLY, fn,
                  "cannot export a read-only array: DLPack cannot mark memory read-only");
        return NULL;
    }
    DLDataType dt;
    if (!to_dl_dtype(a->dtype, &dt)) {
        nd__error(ND_ERR_DTYPE, fn, "dtype %s has no DLPack equivalent", nd_dtype_name(a->dtype));
        return NULL;
    }
    DLManagedTensor *t = nd__alloc(sizeof *t, 64);
    if (!t) {
        nd__error(ND_ERR_NOMEM, fn, "out of memory");
        return NULL;
    }
    /* the view keeps the buffer alive and holds the shape and strides the
     * tensor points at */
    nd_array *v = nd__make_view(fn, a, a->data, a->ndim, a->shape, a->strides);
    if (!v) {
        nd__dealloc(t);
        return NULL;
    }
    memset(t, 0, sizeof *t);
    t->dl_tensor.data = v->data;
    t->dl_tensor.device.device_type = kDLCPU;
    t->dl_tensor.device.device_id = 0;
    t->dl_tensor.ndim = v->ndim;
    t->dl_tensor.dtype = dt;
    t->dl_tensor.shape = v->shape;
    t->dl_tensor.strides = v->strides;
    t->dl_tensor.byte_offset = 0;
    t->manager_ctx = v;
    t->deleter = export_deleter;
    return t;
}

/* ---------------------------------------------------------------- import */

static void import_deleter(void *data, void *ctx) {
    (void)data;
    DLManagedTensor *t = ctx;
    if (t->deleter) t->deleter(t);
}

static const char *device_name(DLDeviceType d) {
    switch (d) {
    case kDLCPU: return "CPU";
    case kDLCUDA: return "CUDA";
    case kDLCUDAHost: return "CUDAHost";
    case kDLOpenCL: return "OpenCL";
    case kDLVulkan: return "Vulkan";
    case kDLMetal: return "Metal";
    case kDLVPI: return "VPI";
    case kDLROCM: return "ROCM";
    case kDLROCMHost: return "ROCMHost";
    case kDLExtDev: return "ExtDev";
    case kDLCUDAManaged: return "CUDAManaged";
    default: return "unknown"; /* newer DLPack headers add devices */
    }
}

nd_array *nd_from_dlpack(DLManagedTensor *t) {
    static const char fn[] = "nd_from_dlpack";
    if (!t) {
        nd__null_arg(fn, "t");
        return NULL;
    }
    const DLTensor *d = &t->dl_tensor;
    DLDeviceType dev = d->device.device_type;
    if (dev != kDLCPU && dev != kDLCUDAHost && dev != kDLROCMHost && dev != kDLCUDAManaged) {
        nd__error(ND_ERR_UNSUPPORTED, fn,
                  "device %s (%d) is not host memory; only CPU tensors can be imported",
                  device_name(dev), (int)dev);
        return NULL;
    }
    nd_dtype dt;
    if (!from_dl_dtype(d->dtype, &dt)) {
        nd__error(ND_ERR_DTYPE, fn,
                  "unsupported DLPack dtype (code %u, bits %u, lanes %u): libnd takes one lane "
                  "of int/uint 8-64, float 32/64 or bool 8",
                  (unsigned)d->dtype.code, (unsigned)d->dtype.bits, (unsigned)d->dtype.lanes);
        return NULL;
    }
    if (d->ndim < 0 || d->ndim > ND_MAX_DIMS) {
        nd__error(ND_ERR_VALUE, fn, "ndim %d is outside [0, %d]", d->ndim, ND_MAX_DIMS);
        return NULL;
    }
    if (d->ndim > 0 && !d->shape) {
        nd__error(ND_ERR_NULL, fn, "the tensor's shape is NULL");
        return NULL;
    }
    if (d->byte_offset > (uint64_t)INT64_MAX) {
        nd__error(ND_ERR_OVERFLOW, fn, "byte_offset %llu is too large",
                  (unsigned long long)d->byte_offset);
        return NULL;
    }
    bool empty = false;
    for (int i = 0; i < d->ndim; i++) empty |= d->shape[i] == 0;
    if (!d->data && !empty) {
        nd__error(ND_ERR_NULL, fn, "the tensor's data is NULL");
        return NULL;
    }
    char *data = (char *)d->data;
    if (data) data += d->byte_offset;
    /* kernels load whole items: data they would load misaligned is refused,
     * as nd_load_mmap refuses it (a copy would break the no-copy contract) */
    size_t isz = nd__itemsize(dt);
    if (data && !empty && (uintptr_t)data % isz) {
        nd__error(ND_ERR_UNSUPPORTED, fn,
                  "data + byte_offset %llu is not aligned to the %zu bytes of a %s (address %p)",
                  (unsigned long long)d->byte_offset, isz, nd__dtypes[dt].name, (void *)data);
        return NULL;
    }
    /* nd_wrap checks shape and strides; it does not call the deleter when it
     * fails, so t stays the caller's */
    nd_array *a = nd_wrap(data, d->ndim, d->shape, d->strides, dt, import_deleter, t);
    if (!a) nd__reraise(fn);
    return a;
}

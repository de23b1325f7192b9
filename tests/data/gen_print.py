#!/usr/bin/python3
"""Generates tests/data/print_cases.h: NumPy's repr of many arrays, for
tests/test_print.c to compare with nd_to_string exactly.

Run by hand with NumPy 1.24 and commit the output:
    /usr/bin/python3 tests/data/gen_print.py

Each case is a C-ordered base array, either stored in the header (typed
values, so int64/uint64 extremes and float bit patterns are exact) or made
by a formula both sides compute the same way, then optionally viewed as
base[index] (the C side: nd_view(base, index)) and transposed (a.T), and
printed under the given print options (precision, threshold, edgeitems,
linewidth, suppress; NumPy's floatmode 'maxprec' and sign '-').

Formulas (i is the C-order position, computed in double, then cast as by
astype):
    GEN_ARANGE  i
    GEN_MIX     ((i * 7919) % 1009 - 504) / 37.0 * scale
"""
import os
import random
import struct

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "print_cases.h")

CTYPE = {"bool": "uint8_t", "int8": "int8_t", "int16": "int16_t", "int32": "int32_t",
         "int64": "int64_t", "uint8": "uint8_t", "uint16": "uint16_t",
         "uint32": "uint32_t", "uint64": "uint64_t", "float32": "float",
         "float64": "double"}
DEFAULTS = dict(precision=8, threshold=1000, edgeitems=3, linewidth=75, suppress=False)

cases = []


def case(name, arr=None, dtype="float64", shape=None, gen=None, scale=1.0, index=None,
         transpose=False, **opts):
    """arr: values (nested list or ndarray) stored in the header; or gen
    with shape to use a formula."""
    dtype = np.dtype(dtype).name
    if gen is None:
        base = np.array(arr, dtype=dtype)
    else:
        n = int(np.prod(shape)) if shape else 1
        i = np.arange(n, dtype=np.float64)
        if gen == "GEN_ARANGE":
            v = i
        else:
            v = np.array([float((k * 7919) % 1009 - 504) / 37.0 * scale for k in range(n)])
        base = v.astype(dtype).reshape(shape)
    a = base
    if index is not None:
        a = eval("base[" + index + "]", {"base": base})
    if transpose:
        a = a.T
    o = dict(DEFAULTS)
    o.update(opts)
    np.set_printoptions(**o)
    try:
        text = repr(a)
    finally:
        np.set_printoptions(**DEFAULTS)
    cases.append(dict(name=name, base=base, gen=gen, scale=scale, index=index,
                      transpose=transpose, opts=o, text=text))


def c_float(x, f32):
    if np.isnan(x):
        return "NAN"
    if np.isinf(x):
        return "INFINITY" if x > 0 else "-INFINITY"
    return float(x).hex()


def c_value(x, dtype):
    if dtype in ("float32", "float64"):
        return c_float(x, dtype == "float32")
    if dtype == "bool":
        return "1" if x else "0"
    x = int(x)
    if dtype == "int64" and x == -2**63:
        return "INT64_MIN"
    if dtype == "uint64":
        return "%dull" % x
    if dtype == "int64":
        return "%dll" % x
    return "%d" % x


def c_string(s):
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def rand_f64_bits(rng, n):
    vals = []
    while len(vals) < n:
        bits = rng.getrandbits(64)
        x = struct.unpack("<d", struct.pack("<Q", bits))[0]
        if np.isfinite(x):
            vals.append(x)
    return vals


def rand_f32_bits(rng, n):
    vals = []
    while len(vals) < n:
        bits = rng.getrandbits(32)
        x = struct.unpack("<f", struct.pack("<I", bits))[0]
        if np.isfinite(x):
            vals.append(x)
    return vals


# ---------------------------------------------------------------- the cases

def build():
    rng = random.Random(20240605)
    third = 1.0 / 3.0
    for dt in ("float64", "float32"):
        case(dt + " small ints", [1, 2, 3], dt)
        case(dt + " 2x2", [[1, 2], [3, 4]], dt)
        case(dt + " fractions", [0.1, 0.25, third, -0.5], dt)
        case(dt + " tiny forces exp", [1e-5, 1.0], dt)
        case(dt + " 1e-4 boundary", [1e-4, 0.1], dt)
        case(dt + " ratio 1000", [1.0, 1000.0], dt)
        case(dt + " ratio over 1000", [1.0, 1000.5], dt)
        case(dt + " 1e8", [1e8, 1.0], dt)
        case(dt + " below 1e8", [99999999.0, 1.0], dt)
        case(dt + " mixed magnitudes", [1e-10, 1.0, 1e10, -3.25e3], dt)
        case(dt + " nan inf", [np.nan, np.inf, -np.inf, 1.5], dt)
        case(dt + " only nan", [np.nan, np.nan], dt)
        case(dt + " nan inf only", [np.nan, np.inf], dt)
        case(dt + " neg inf only", [-np.inf, np.nan], dt)
        case(dt + " nan with tiny", [1e-8, np.nan, 2.0], dt)
        case(dt + " inf with exp", [np.inf, 1e20, -1e-3], dt)
        case(dt + " negative zero", [-0.0, 0.0, 1.0], dt)
        case(dt + " only zeros", [0.0, -0.0], dt)
        case(dt + " 0-d", 3.5, dt)
        case(dt + " 0-d nan", np.nan, dt)
        case(dt + " 0-d -inf", -np.inf, dt)
        case(dt + " 0-d big", 1.25e20, dt)
        case(dt + " 0-d tenth", 0.1, dt)
        case(dt + " 0-d neg zero", -0.0, dt)
        case(dt + " empty", [], dt)
        case(dt + " empty 0x3", np.zeros((0, 3)), dt)
        case(dt + " 3-D", dtype=dt, shape=(2, 3, 4), gen="GEN_ARANGE")
        case(dt + " 3-D mix", dtype=dt, shape=(2, 3, 4), gen="GEN_MIX")
        case(dt + " 4-D", dtype=dt, shape=(2, 2, 2, 2), gen="GEN_MIX", scale=0.01)
        case(dt + " wrap 30", dtype=dt, shape=(30,), gen="GEN_ARANGE")
        case(dt + " wrap mix", dtype=dt, shape=(50,), gen="GEN_MIX")
        case(dt + " wrap rows", dtype=dt, shape=(3, 25), gen="GEN_MIX", scale=100.0)
        case(dt + " summarised 1-D", dtype=dt, shape=(2000,), gen="GEN_ARANGE")
        case(dt + " summarised 3-D", dtype=dt, shape=(10, 10, 20), gen="GEN_MIX")
        case(dt + " summarised 2-D", dtype=dt, shape=(40, 40), gen="GEN_MIX", scale=1e-3)
        case(dt + " exp 2-D", dtype=dt, shape=(4, 5), gen="GEN_MIX", scale=1e7)
        case(dt + " exp wrap", dtype=dt, shape=(30,), gen="GEN_MIX", scale=1e-6)
        case(dt + " exp nan", [1e-9, np.nan, -np.inf, 3.0e9], dt)
        case(dt + " long mantissa exp", [1.23456789123e-5, 1.0], dt)
        case(dt + " 0.1+0.2", [0.1 + 0.2, 1.0], dt)
        case(dt + " powers of two",
             [2.0 ** k for k in range(-30, 31, 3)], dt)
        case(dt + " precision 3", dtype=dt, shape=(12,), gen="GEN_MIX", precision=3)
        case(dt + " precision 0", [0.5, 1.5, 2.5, -0.4, 3.7], dt, precision=0)
        case(dt + " precision 0 exp", [1.5e-5, 2.5, 123.0], dt, precision=0)
        case(dt + " precision 1 exp", [1.25e-5, 2.5, 1.35e3], dt, precision=1)
        case(dt + " suppress tiny", [1e-10, 1.0, -1e-10], dt, suppress=True)
        case(dt + " suppress range", [1e-5, 1e5], dt, suppress=True)
        case(dt + " suppress big", [1e-5, 1e9], dt, suppress=True)
        case(dt + " suppress round up", [0.6e-8, 1.0], dt, suppress=True)
        case(dt + " threshold 10", dtype=dt, shape=(20,), gen="GEN_ARANGE", threshold=10)
        case(dt + " threshold 10 edge 1", dtype=dt, shape=(4, 5), gen="GEN_MIX",
             threshold=10, edgeitems=1)
        case(dt + " edge 0", dtype=dt, shape=(20,), gen="GEN_MIX", threshold=10,
             edgeitems=0)
        case(dt + " edge 0 2-D", dtype=dt, shape=(6, 7), gen="GEN_MIX", threshold=10,
             edgeitems=0)
        case(dt + " threshold 0", dtype=dt, shape=(5,), gen="GEN_ARANGE", threshold=0)
        case(dt + " linewidth 20", dtype=dt, shape=(3, 6), gen="GEN_MIX", linewidth=20)
        case(dt + " linewidth 1", dtype=dt, shape=(2, 3), gen="GEN_ARANGE", linewidth=1)
        case(dt + " linewidth 200", dtype=dt, shape=(60,), gen="GEN_MIX", linewidth=200)
        case(dt + " transpose", dtype=dt, shape=(3, 4), gen="GEN_MIX", transpose=True)
        case(dt + " strided view", dtype=dt, shape=(5, 6), gen="GEN_MIX", index="1:, ::-2")
        case(dt + " newaxis view", dtype=dt, shape=(4,), gen="GEN_ARANGE", index="None, :")
    # float64 specifics
    case("float64 subnormal", [5e-324, 1.0])
    case("float64 min normal", [2.2250738585072014e-308, -1.7976931348623157e308])
    case("float64 2^53", [9007199254740992.0, 9007199254740993.0 + 2])
    case("float64 17 digits", [0.1 + 0.2, 1.0 / 3.0, 2.0 / 3.0], precision=17)
    case("float64 random bits", rand_f64_bits(rng, 120))
    case("float64 random bits p17", rand_f64_bits(rng, 120), precision=17)
    case("float64 random unit p17", [rng.random() for _ in range(60)], precision=17)
    case("float64 random unit p12", [rng.random() * 1000 for _ in range(60)], precision=12)
    case("float64 random unit suppress",
         [rng.random() * 10 ** rng.randint(-9, 7) for _ in range(60)], suppress=True,
         precision=12)
    case("float64 3-digit exponents", [1e-100, 1e100, 1.0])
    case("float64 suppress subnormal p340", [5e-324, 1.0], suppress=True, precision=340)
    case("float64 suppress p20", [1.0 / 3.0, 1e-7, 12.5], suppress=True, precision=20)
    # float32 specifics
    case("float32 max", [3.4028235e38, -1.0], "float32")
    case("float32 min subnormal", [1.4e-45, 1.0], "float32")
    case("float32 2^24", [16777216.0, 1e7], "float32")
    case("float32 99999992", [99999992.0, 1e6], "float32")
    case("float32 nine digits", [16777217.0 / 3, 0.3, 2.0 / 3.0], "float32", precision=10)
    case("float32 random bits", rand_f32_bits(rng, 120), "float32")
    case("float32 random bits p9", rand_f32_bits(rng, 120), "float32", precision=9)
    case("float32 random unit", [rng.random() for _ in range(60)], "float32")
    case("float32 random unit p10", [rng.random() * 100 for _ in range(60)], "float32",
         precision=10)
    case("float32 1e-4", [1e-4], "float32")
    case("float32 0-d 1e-4", np.float32(1e-4), "float32")
    # integers
    case("int8 extremes", [-128, 127, 0], "int8")
    case("uint8 max", [0, 255, 7], "uint8")
    case("int16", [[-32768, 5], [300, 32767]], "int16")
    case("int32 extremes", [-2**31, 2**31 - 1, 42], "int32")
    case("int64 extremes", [-2**63, 2**63 - 1, 0], "int64")
    case("int64 small", [1, 2, 3], "int64")
    case("uint16", [65535, 1], "uint16")
    case("uint32 max", [2**32 - 1, 0], "uint32")
    case("uint64 max", [2**64 - 1, 1], "uint64")
    case("int32 0-d", -7, "int32")
    case("int64 0-d", 12, "int64")
    case("uint64 0-d max", 2**64 - 1, "uint64")
    case("int32 empty", [], "int32")
    case("int64 empty", [], "int64")
    case("int32 empty 2x0x3", np.zeros((2, 0, 3)), "int32")
    for dt in ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"):
        case(dt + " 3-D", dtype=dt, shape=(2, 3, 4), gen="GEN_ARANGE")
        case(dt + " summarised", dtype=dt, shape=(30, 40), gen="GEN_ARANGE")
        case(dt + " wrap", dtype=dt, shape=(40,), gen="GEN_ARANGE")
    case("int64 summarised 1-D", dtype="int64", shape=(1001,), gen="GEN_ARANGE")
    case("int64 wide wrap", [10 ** (k % 19) * (-1) ** k for k in range(30)], "int64")
    case("int8 dtype on next line", [100] * 17 + [-100], "int8")
    case("int8 dtype fits", [100] * 12, "int8")
    case("int32 linewidth 30 dtype", dtype="int32", shape=(2, 5), gen="GEN_ARANGE",
         linewidth=30)
    case("int32 transpose", dtype="int32", shape=(3, 4), gen="GEN_ARANGE", transpose=True)
    case("int32 4-D", dtype="int32", shape=(2, 2, 2, 3), gen="GEN_ARANGE")
    case("int16 edge 1 3-D", dtype="int16", shape=(4, 4, 4), gen="GEN_ARANGE", threshold=20,
         edgeitems=1)
    # bool
    case("bool 1-D", [True, False, True], "bool")
    case("bool 2-D", [[True, False], [False, False]], "bool")
    case("bool only true", [True, True], "bool")
    case("bool 0-d true", True, "bool")
    case("bool 0-d false", False, "bool")
    case("bool empty", [], "bool")
    case("bool empty 3x0", np.zeros((3, 0)), "bool")
    case("bool summarised", dtype="bool", shape=(1001,), gen="GEN_ARANGE")
    case("bool wrap", [bool(k % 3) for k in range(40)], "bool")
    case("bool 3-D view", dtype="bool", shape=(2, 3, 4), gen="GEN_MIX", index="..., ::-1")


def emit():
    lines = []
    w = lines.append
    w("/* Printing test cases: NumPy %s's repr under given print options." % np.__version__)
    w(" * Generated by tests/data/gen_print.py; do not edit by hand. */")
    w("")
    w("#ifndef ND_PRINT_CASES_H")
    w("#define ND_PRINT_CASES_H")
    w("")
    w("#include <math.h>")
    w("#include <stdbool.h>")
    w("#include <stdint.h>")
    w("")
    w('#include "nd.h"')
    w("")
    w("enum { GEN_DATA = 0, GEN_ARANGE, GEN_MIX };")
    w("")
    w("/* A C-ordered base of dtype and shape with values data (GEN_DATA) or")
    w(" * made by gen (see gen_print.py; GEN_MIX uses scale), then nd_view(base,")
    w(" * index) if index and a.T if transpose, printed under opts. */")
    w("typedef struct print_case {")
    w("    const char *name;")
    w("    nd_dtype dtype;")
    w("    int ndim;")
    w("    int64_t shape[4];")
    w("    const void *data;")
    w("    int gen;")
    w("    double scale;")
    w("    const char *index;")
    w("    bool transpose;")
    w("    nd_printoptions opts;")
    w("    const char *expected;")
    w("} print_case;")
    w("")
    for k, c in enumerate(cases):
        if c["gen"] is None and c["base"].size > 0:
            dt = c["base"].dtype.name
            vals = [c_value(x, dt) for x in c["base"].ravel().tolist()]
            body = []
            row = "   "
            for v in vals:
                if len(row) + len(v) + 2 > 96:
                    body.append(row)
                    row = "   "
                row += " " + v + ","
            body.append(row)
            w("static const %s pc_data_%d[] = {" % (CTYPE[dt], k))
            lines.extend(body)
            w("};")
    w("")
    w("static const print_case print_cases[] = {")
    for k, c in enumerate(cases):
        b = c["base"]
        o = c["opts"]
        shape = ", ".join(str(s) for s in b.shape) or "0"
        data = "pc_data_%d" % k if c["gen"] is None and b.size > 0 else "NULL"
        gen = c["gen"] or "GEN_DATA"
        index = c_string(c["index"]) if c["index"] is not None else "NULL"
        w("    {%s, ND_%s, %d, {%s}, %s, %s, %s, %s, %s," % (
            c_string(c["name"]), b.dtype.name.upper(), b.ndim, shape, data, gen,
            float(c["scale"]).hex(), index, "true" if c["transpose"] else "false"))
        w("     {%d, %d, %d, %d, %s}," % (o["precision"], o["threshold"], o["edgeitems"],
                                          o["linewidth"], "true" if o["suppress"] else "false"))
        w("     %s}," % c_string(c["text"]))
    w("};")
    w("")
    w("#endif")
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote %d cases to %s" % (len(cases), OUT))


if __name__ == "__main__":
    build()
    emit()

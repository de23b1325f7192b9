#!/usr/bin/python3
"""Generates tests/data/einsum_cases.h: NumPy's answers for nd_einsum
(include/nd/linalg.h), for tests/test_einsum.c.

Run by hand with NumPy 1.24 and commit the output:
    /usr/bin/python3 tests/data/gen_einsum.py

Inputs are small C-ordered bases of integer values (stored as doubles in
ein_pool, converted to the input's dtype by the C side), optionally turned
into views as the C side does it: nd_view(base, index) (the same string
NumPy evaluates as base[index]), then a reversal of the axes (a.T). Values
are small integers, so every product and sum is exact in any order and the
results are compared exactly; int8/uint8 cases wrap as NumPy wraps them.

The expected dtype is the promotion of the operands' dtypes (NEP 50, as
libnd's nd_result_type): NumPy 1.24's value-based casting of 0-d operands
is not reproduced, so each case is evaluated by NumPy on operands converted
to that dtype first; where plain np.einsum agrees on the dtype this changes
nothing.
"""
import functools
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "einsum_cases.h")
MAXD = 6
MAXOPS = 6

rng = np.random.default_rng(20240611)
pool = []
inputs = []  # (dtype, shape, off, index, transpose)
cases = []  # (subs, [input ids], dtype, shape, off, size)


def inp(shape, dt="float64", index=None, T=False, lo=-3, hi=4):
    """A new input; returns its id."""
    shape = tuple(shape)
    assert len(shape) <= MAXD
    if dt == "bool":
        base = rng.integers(0, 2, shape).astype(bool)
    else:
        if np.dtype(dt).kind == "u":
            lo = max(lo, 0)
        base = rng.integers(lo, hi, shape).astype(dt)
    off = len(pool)
    pool.extend(float(v) for v in base.ravel())
    a = base
    if index is not None:
        a = eval("a[%s]" % index, {"a": a, "None": None})
    if T:
        a = a.T
    inputs.append((np.dtype(dt).name, shape, off, index, T, a))
    return len(inputs) - 1


def case(subs, *ids):
    arrays = [inputs[i][5] for i in ids]
    rdt = functools.reduce(np.promote_types, [a.dtype for a in arrays])
    want = np.asarray(np.einsum(subs, *[a.astype(rdt) for a in arrays]))
    assert want.dtype == rdt, (subs, want.dtype, rdt)
    plain = np.asarray(np.einsum(subs, *arrays))
    assert np.array_equal(plain.astype(rdt), want), subs
    # also NumPy's optimised path, which reorders the products
    if len(arrays) > 1:
        opt = np.asarray(np.einsum(subs, *[a.astype(rdt) for a in arrays], optimize=True))
        assert np.array_equal(opt, want), subs
    assert want.ndim <= MAXD and len(ids) <= MAXOPS
    off = len(pool)
    pool.extend(float(v) for v in want.ravel())
    cases.append((subs, list(ids), rdt.name, want.shape, off, want.size))


# ------------------------------------------------------------------ cases

# matrix products (the matmul path) in several layouts
a23, a34 = inp((2, 3)), inp((3, 4))
case("ij,jk->ik", a23, a34)
case("ij,jk", a23, a34)
case("ij,jk->ki", a23, a34)
case("ij,kj->ik", a23, inp((4, 3)))
case("ji,jk->ik", inp((3, 2)), a34)
case("ij,jk->ik", inp((3, 2), T=True), inp((4, 3), T=True))
case("ij,jk->ik", inp((4, 5), index="::-1, 1::2"), inp((2, 6), index="::-1, ::-2"))
case("bij,bjk->bik", inp((3, 2, 4)), inp((3, 4, 5)))
case("bij,bkj->bki", inp((2, 3, 4)), inp((2, 5, 4)))
case("ijk,jkl->il", inp((3, 4, 2)), inp((4, 2, 5)))
case("ijk,jkl->li", inp((2, 4, 3), T=True), inp((4, 2, 5)))
case("ijk,ikl->ijl", inp((2, 3, 4)), inp((2, 4, 3)))
case("abc,cbd->ad", inp((2, 3, 4)), inp((4, 3, 2)))
case("ij,j->i", a23, inp((3,)))
case("i,ij->j", inp((2,)), a23)
case("ijk,k->ij", inp((2, 3, 4)), inp((4,)))
case("ij,ji->", inp((3, 4)), inp((4, 3)))
case("ij,ij->", a23, inp((2, 3)))
case("i,i", inp((5,)), inp((5,)))
case("i,i->", inp((5,), index="::-1"), inp((10,), index="::2"))
# element-wise and outer products
case("i,i->i", inp((4,)), inp((4,)))
case("i,j->ij", inp((3,)), inp((4,)))
case("i,j", inp((3,)), inp((2,)))
case("ij,kl->ijkl", inp((2, 2)), inp((2, 3)))
case("ij,ij->ij", inp((2, 3)), inp((2, 3)))
case("ij,ji->ij", inp((2, 3)), inp((3, 2)))
# size-1 dimensions broadcast against the same label
case("ij,ij->ij", inp((2, 1)), inp((2, 3)))
case("i,i", inp((3,)), inp((1,)))
case("ij,jk->ik", inp((2, 1)), inp((3, 4)))
case("ij,jk->ik", inp((2, 3)), inp((1, 4)))
case("bij,bjk->bik", inp((1, 2, 3)), inp((4, 3, 2)))
case("ii,i->i", inp((1, 1)), inp((3,)))
# one operand: permutations, diagonals, traces, sums
a34b = inp((3, 4))
case("ij", a34b)
case("ji", a34b)
case("ij->ji", a34b)
case("ij->", a34b)
case("ij->i", a34b)
case("ij->j", a34b)
case("ba", a34b)
case("Ba", a34b)
case("aB", a34b)
case("ijkl->ljik", inp((2, 3, 1, 2)))
a33 = inp((3, 3))
case("ii->i", a33)
case("ii", a33)
case("ii->", a33)
case("ii->i", inp((3, 3), T=True))
case("ii", inp((4, 4), index="::-1, :"))
case("iij->ij", inp((3, 3, 2)))
case("iji->j", inp((2, 3, 2)))
case("iijj->ij", inp((2, 2, 3, 3)))
case("iijj", inp((2, 2, 3, 3)))
case("ijji->", inp((2, 3, 3, 2)))
case("iii->i", inp((3, 3, 3)))
case("ij,jj->i", inp((2, 3)), inp((3, 3)))
# ellipsis
case("...ij,...jk->...ik", inp((2, 1, 2, 3)), inp((4, 3, 2)))
case("...ij,...jk", inp((2, 2, 3)), inp((2, 3, 2)))
case("...ii->...i", inp((2, 3, 3)))
case("...ii", inp((2, 3, 3)))
case("...i->...", inp((2, 3)))
case("i...->...", inp((2, 3, 2)))
case("...", inp((2, 3)))
case("...ij", inp((4, 2, 3)))
case("i...", inp((2, 3)))
case("ij...,jk...->ik...", inp((2, 3, 2)), inp((3, 4, 1)))
case("...,...", inp((2, 1)), inp((3,)))
case("i...,i...", inp((2, 1)), inp((2, 3)))
case("...i,...i", inp((2, 3)), inp((3,)))
case("...,...->...", inp(()), inp((2, 2)))
case("ij->...ij", inp((2, 3)))
case("...ij->...ji", inp((2, 3)))
case("a...b,b...c->...ac", inp((2, 3, 2)), inp((2, 3, 4)))
# three or more operands
case("ij,jk,kl->il", inp((2, 3)), inp((3, 4)), inp((4, 2)))
case("ij,jk,kl", inp((2, 3)), inp((3, 4)), inp((4, 2)))
case("i,i,i", inp((4,)), inp((4,)), inp((4,)))
case("i,ij,j->", inp((3,)), inp((3, 4)), inp((4,)))
case("bn,anm,bm->ba", inp((2, 3)), inp((4, 3, 2)), inp((2, 2)))
case("a,b,c,d->abcd", inp((2,)), inp((3,)), inp((1,)), inp((2,)))
case("ab,bc,cd,de,ef->af", inp((2, 3)), inp((3, 2)), inp((2, 2)), inp((2, 3)), inp((3, 2)))
case("ab,cd,bc->ad", inp((2, 3)), inp((2, 2)), inp((3, 2)))
case("ij,k,jk->i", inp((2, 3)), inp((4,)), inp((3, 4)))
case("i,j,k,l,m,n->", inp((2,)), inp((2,)), inp((2,)), inp((2,)), inp((2,)), inp((2,)))
# letters and spaces
case("AB,Bc->Ac", inp((2, 3)), inp((3, 2)))
case("zA,Az", inp((2, 3)), inp((3, 2)))
case(" i j , j k -> i k ", inp((2, 3)), inp((3, 2)))
case("ab , bc", inp((2, 3)), inp((3, 2)))
# 0-d operands
case("", inp(()))
case("->", inp(()))
case(",", inp(()), inp(()))
case(",->", inp(()), inp(()))
case(",i->i", inp(()), inp((3,)))
case("i,->", inp((3,)), inp(()))
case(",ij,", inp(()), inp((2, 2)), inp(()))
# zero-size dimensions
case("i->", inp((0,)))
case("ij->j", inp((0, 3)))
case("ij,jk->ik", inp((2, 0)), inp((0, 3)))
case("ij,jk->ik", inp((0, 2)), inp((2, 3)))
case("ij,jk->ik", inp((2, 3)), inp((3, 0)))
case("bij,bjk->bik", inp((0, 2, 3)), inp((0, 3, 2)))
case("ii->i", inp((0, 0)))
case("i,j->ij", inp((0,)), inp((3,)))
case("ij,j->i", inp((3, 1)), inp((0,)))
case("...ij,...jk->...ik", inp((0, 2, 2)), inp((1, 2, 2)))
# dtypes: integers (wrapping as NumPy), float32, bool, promotion
case("ij,jk->ik", inp((3, 4), "int32"), inp((4, 2), "int32"))
case("ij,jk->ik", inp((3, 4), "int64", T=True), inp((3, 2), "int64"))
case("i,i", inp((8,), "int8", lo=60, hi=100), inp((8,), "int8", lo=60, hi=100))
case("ij,jk", inp((2, 6), "uint8", hi=40), inp((6, 2), "uint8", hi=40))
case("ij->", inp((4, 4), "int8", lo=100, hi=127))
case("ii", inp((3, 3), "uint16"))
case("ij,jk->ik", inp((3, 4), "float32"), inp((4, 5), "float32"))
case("bij,bjk->bik", inp((2, 3, 4), "float32"), inp((2, 4, 3), "float32", index="..., ::-1"))
case("ij,jk->ik", inp((3, 3), "bool"), inp((3, 2), "bool"))
case("i,i", inp((4,), "bool"), inp((4,), "bool"))
case("i->", inp((4,), "bool"))
case("ij->j", inp((3, 2), "bool"))
case("ii", inp((3, 3), "bool"))
case("i,i->i", inp((4,), "bool"), inp((4,), "bool"))
case("ij,jk->ik", inp((2, 3), "int8"), inp((3, 2), "float32"))
case("i,i", inp((3,), "int32"), inp((3,), "uint32"))
case("i,i", inp((3,), "int64"), inp((3,), "uint64"))
case("i,i", inp((3,), "bool"), inp((3,), "int16"))
case("ij,j->i", inp((2, 3), "float32"), inp((3,), "float64"))
case(",i->i", inp((), "float64"), inp((3,), "float32"))
case("ij,jk,k->i", inp((2, 3), "int16"), inp((3, 2), "uint8"), inp((2,), "float32"))
# larger: the BLAS and reshape-copy paths
case("ijk,jkl->il", inp((5, 6, 7)), inp((6, 7, 4)))
case("ikj,jkl->il", inp((5, 6, 7)), inp((7, 6, 4)))
case("bij,bjk->bik", inp((4, 9, 8), "float32"), inp((4, 8, 10), "float32"))
case("ij,jk->ik", inp((40, 33)), inp((33, 35)))
case("abcd,dcef->abfe", inp((2, 3, 4, 5)), inp((5, 4, 2, 3)))

# ------------------------------------------------------------------ output


def c_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def ints(v, n):
    v = list(v) + [0] * (n - len(v))
    return "{" + ", ".join(str(int(x)) for x in v) + "}"


def fmt(x):
    return repr(float(x)) if x != int(x) else "%d" % int(x)


with open(OUT, "w") as f:
    f.write("/* einsum test cases: NumPy %s's answers.\n" % np.__version__)
    f.write(" * Generated by tests/data/gen_einsum.py; do not edit by hand. */\n\n")
    f.write("#ifndef ND_EINSUM_CASES_H\n#define ND_EINSUM_CASES_H\n\n")
    f.write("#include <stdbool.h>\n#include <stdint.h>\n\n#include \"nd.h\"\n\n")
    f.write("/* An input: a C-ordered base of dtype and shape with values at off in\n"
            " * ein_pool; then nd_view(base, index) if index, and the axes reversed\n"
            " * if transpose. */\n")
    f.write("typedef struct ein_input {\n    nd_dtype dtype;\n    int ndim;\n"
            "    int64_t shape[%d];\n    int off;\n    const char *index;\n"
            "    bool transpose;\n} ein_input;\n\n" % MAXD)
    f.write("/* A case: np.einsum(subs, inputs...) has dtype rdtype, shape rshape\n"
            " * and the values at off in ein_pool (C order). */\n")
    f.write("typedef struct ein_case {\n    const char *subs;\n    int n;\n"
            "    int in[%d];\n    nd_dtype rdtype;\n    int rndim;\n    int64_t rshape[%d];\n"
            "    int off;\n    int64_t size;\n} ein_case;\n\n" % (MAXOPS, MAXD))
    f.write("static const double ein_pool[] = {\n")
    for i in range(0, len(pool), 12):
        f.write("    " + ", ".join(fmt(x) for x in pool[i:i + 12]) + ",\n")
    f.write("};\n\n")
    f.write("static const ein_input ein_inputs[] = {\n")
    for dt, shape, off, index, T, _ in inputs:
        f.write("    {ND_%s, %d, %s, %d, %s, %s},\n" % (
            dt.upper(), len(shape), ints(shape, MAXD), off,
            c_str(index) if index is not None else "NULL", "true" if T else "false"))
    f.write("};\n\n")
    f.write("static const ein_case ein_cases[] = {\n")
    for subs, ids, dt, shape, off, size in cases:
        f.write("    {%s, %d, %s, ND_%s, %d, %s, %d, %d},\n" % (
            c_str(subs), len(ids), ints(ids, MAXOPS), dt.upper(), len(shape),
            ints(shape, MAXD), off, size))
    f.write("};\n\n#define EIN_NCASES ((int)(sizeof ein_cases / sizeof ein_cases[0]))\n\n")
    f.write("#endif\n")
print("wrote %s: %d cases, %d inputs, %d pool values" % (OUT, len(cases), len(inputs), len(pool)))

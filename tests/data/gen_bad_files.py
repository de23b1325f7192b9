#!/usr/bin/env python3
"""Writes the malformed .npy and .npz files that tests/test_npy.c and
tests/test_npz.c check libnd refuses: tests/data/bad_npy/*.npy and
tests/data/bad_npz/*.npz. Plain Python (struct, zlib), no NumPy, so the
files are the same wherever this runs. Run from anywhere:

    python3 tests/data/gen_bad_files.py

Each file is small: a header that claims terabytes must be refused without
anything being allocated from the claim, so no file needs to be big.
"""
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
NPY_DIR = os.path.join(HERE, "bad_npy")
NPZ_DIR = os.path.join(HERE, "bad_npz")


def npy(dict_text, data=b"", version=(1, 0), magic=b"\x93NUMPY", pad=True):
    """A .npy with the given header dict text, padded as np.save pads."""
    h = dict_text.encode("latin1")
    lenfmt = "<H" if version[0] == 1 else "<I"
    prefix = len(magic) + 2 + struct.calcsize(lenfmt)
    if pad:
        h += b" " * (63 - (prefix + len(h)) % 64) + b"\n"
    return magic + bytes(version) + struct.pack(lenfmt, len(h)) + h + data


def good_dict(descr="<f8", shape="(3,)", fortran="False"):
    return "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (descr, fortran, shape)


GOOD_F8 = npy(good_dict(), struct.pack("<3d", 1.0, 2.0, 3.0))

BAD_NPY = {
    # the prefix
    "empty.npy": b"",
    "short_prefix.npy": b"\x93NUM",
    "bad_magic.npy": b"\x93NUMPX" + GOOD_F8[6:],
    "version_4.npy": GOOD_F8[:6] + b"\x04\x00" + GOOD_F8[8:],
    "version_1_1.npy": GOOD_F8[:6] + b"\x01\x01" + GOOD_F8[8:],
    "header_len_cut.npy": GOOD_F8[:9],
    "header_len_beyond_file.npy": GOOD_F8[:8] + struct.pack("<H", 60000) + GOOD_F8[10:100],
    "header_len_huge_v2.npy": b"\x93NUMPY\x02\x00" + struct.pack("<I", 0xFFFFFFF0) + b"{" * 100,
    "header_truncated.npy": GOOD_F8[:40],
    # the dict
    "not_a_dict.npy": npy("[1, 2, 3]"),
    "unknown_key.npy": npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'extra': 1, }",
                           b"\0" * 24),
    "missing_shape.npy": npy("{'descr': '<f8', 'fortran_order': False, }", b"\0" * 24),
    "missing_descr.npy": npy("{'fortran_order': False, 'shape': (3,), }", b"\0" * 24),
    "duplicate_key.npy": npy("{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (3,), }",
                             b"\0" * 24),
    "bad_dtype.npy": npy(good_dict(descr="<x9"), b"\0" * 24),
    "bad_dtype_size.npy": npy(good_dict(descr="<f3"), b"\0" * 24),
    "empty_dtype.npy": npy(good_dict(descr=""), b"\0" * 24),
    "dtype_not_string.npy": npy("{'descr': 8, 'fortran_order': False, 'shape': (3,), }", b"\0" * 24),
    "fortran_not_bool.npy": npy(good_dict(fortran="1"), b"\0" * 24),
    "shape_not_tuple.npy": npy(good_dict(shape="3"), b"\0" * 24),
    "shape_list.npy": npy(good_dict(shape="[3]"), b"\0" * 24),
    "shape_paren_int.npy": npy(good_dict(shape="(3)"), b"\0" * 24),
    "shape_float.npy": npy(good_dict(shape="(3.0,)"), b"\0" * 24),
    "negative_shape.npy": npy(good_dict(shape="(-1, 3)"), b"\0" * 24),
    "dim_beyond_int64.npy": npy(good_dict(shape="(99999999999999999999,)")),
    "shape_overflows.npy": npy(good_dict(shape="(4611686018427387904, 4)")),
    "shape_bytes_overflow.npy": npy(good_dict(shape="(1152921504606846976, 2)")),
    "huge_shape.npy": npy(good_dict(shape="(1099511627776, 1048576)")),
    "too_many_dims.npy": npy(good_dict(shape="(" + "1, " * 33 + ")"), b"\0" * 8),
    "unterminated_string.npy": npy("{'descr': '<f8, 'fortran_order': False, 'shape': (3,), }"),
    "trailing_garbage.npy": npy(good_dict() + " xyz", b"\0" * 24),
    "nul_in_header.npy": npy("{'descr': '<f8',\0 'fortran_order': False, 'shape': (3,), }", b"\0" * 24),
    "unclosed_dict.npy": npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), ", b"\0" * 24),
    "non_ascii.npy": npy("{'descr': '<f8\xe9', 'fortran_order': False, 'shape': (3,), }", b"\0" * 24),
    # the body
    "truncated_body.npy": npy(good_dict(shape="(10,)"), b"\0" * 40),
    "truncated_body_2d.npy": npy(good_dict(descr="<i4", shape="(1000, 1000)"), b"\0" * 64),
    "claims_terabytes.npy": npy(good_dict(shape="(1099511627776,)"), b"\0" * 64),
}

# Valid NumPy files libnd does not support: refused with ND_ERR_UNSUPPORTED.
UNSUPPORTED_NPY = {
    "unsupported_complex.npy": npy(good_dict(descr="<c16"), b"\0" * 48),
    "unsupported_float16.npy": npy(good_dict(descr="<f2"), b"\0" * 6),
    "unsupported_unicode.npy": npy(good_dict(descr="<U5"), b"\0" * 60),
    "unsupported_structured.npy": npy("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (3,), }",
                                      b"\0" * 24),
}


# ---------------------------------------------------------------- zip

def dos_time():
    return 0, (1 << 5) | 1  # 1980-01-01 00:00


def local_header(name, method, crc, csize, usize, flags=0, extra=b""):
    t, d = dos_time()
    return struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, t, d, crc, csize, usize,
                       len(name), len(extra)) + name + extra


def central(name, method, crc, csize, usize, offset, flags=0, extra=b""):
    t, d = dos_time()
    return struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x314, 20, flags, method, t, d, crc, csize,
                       usize, len(name), len(extra), 0, 0, 0, 0o600 << 16, offset) + name + extra


def end_record(count, cd_size, cd_off, total=None):
    total = count if total is None else total
    return struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, total, cd_size, cd_off, 0)


def make_zip(entries, tweak=None):
    """entries: (name, payload, method). tweak(i, dict) may change the
    fields written for entry i: crc, csize, usize, offset, cd_name,
    local_name, method, flags."""
    out = b""
    cds = []
    for i, (name, payload, method) in enumerate(entries):
        data = payload
        if method == 8:
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            data = c.compress(payload) + c.flush()
        f = dict(crc=zlib.crc32(payload), csize=len(data), usize=len(payload), offset=len(out),
                 cd_name=name.encode(), local_name=name.encode(), method=method, flags=0, data=data)
        if tweak:
            tweak(i, f)
        out += local_header(f["local_name"], f["method"], f["crc"], f["csize"], f["usize"], f["flags"])
        out += f["data"]
        cds.append(central(f["cd_name"], f["method"], f["crc"], f["csize"], f["usize"], f["offset"],
                           f["flags"]))
    cd = b"".join(cds)
    return out + cd + end_record(len(entries), len(cd), len(out))


A = npy(good_dict(descr="<i8", shape="(4,)"), struct.pack("<4q", 1, 2, 3, 4))
B = npy(good_dict(descr="<f8", shape="(2,)"), struct.pack("<2d", 0.5, 1.5))


def set_fields(index, **kw):
    def tweak(i, f):
        if i == index:
            f.update(kw)
    return tweak


def overlap(i, f):
    # entry 0 claims 30 more bytes, running into entry 1's local header
    if i == 0:
        f["csize"] += 30
        f["usize"] += 30


GOOD_NPZ = make_zip([("a.npy", A, 0), ("b.npy", B, 8)])
cd_off = struct.unpack("<I", GOOD_NPZ[-6:-2])[0]

BAD_NPZ = {
    "not_zip.npz": b"this is not a zip archive at all, only text that goes on" * 3,
    "empty.npz": b"",
    "truncated.npz": GOOD_NPZ[: len(GOOD_NPZ) // 2],
    "no_end_record.npz": GOOD_NPZ[:-22],
    "size_lie_stored.npz": make_zip([("a.npy", A, 0)], set_fields(0, csize=1 << 31, usize=1 << 31)),
    "size_lie_deflate.npz": make_zip([("a.npy", A, 8)], set_fields(0, usize=0xFFFFFFF0)),
    "stored_sizes_differ.npz": make_zip([("a.npy", A, 0)], set_fields(0, usize=len(A) + 8)),
    "offset_beyond.npz": make_zip([("a.npy", A, 0)], set_fields(0, offset=1 << 30)),
    "overlap.npz": make_zip([("a.npy", A, 0), ("b.npy", B, 0)], overlap),
    "not_npy_name.npz": make_zip([("a.npy", A, 0), ("notes.txt", b"hello", 0)]),
    "duplicate_name.npz": make_zip([("a.npy", A, 0), ("a.npy", A, 0)]),
    "name_mismatch.npz": make_zip([("a.npy", A, 0)], set_fields(0, local_name=b"b.npy")),
    "encrypted.npz": make_zip([("a.npy", A, 0)], set_fields(0, flags=1)),
    "bzip2.npz": make_zip([("a.npy", A, 0)], set_fields(0, method=12)),
    "count_lie.npz": GOOD_NPZ[:-22] + end_record(50000, len(GOOD_NPZ) - 22 - cd_off, cd_off),
    "cd_beyond.npz": GOOD_NPZ[:-22] + end_record(2, 1 << 20, cd_off),
    "cd_offset_beyond.npz": GOOD_NPZ[:-22] + end_record(2, len(GOOD_NPZ) - 22 - cd_off, 1 << 30),
}

# Archives whose directory is sound but whose members are bad: nd_npz_open
# accepts them and nd_npz_get refuses the member.
BAD_MEMBER_NPZ = {
    "bad_crc.npz": make_zip([("a.npy", A, 0)], set_fields(0, crc=0x12345678)),
    "bad_crc_deflate.npz": make_zip([("a.npy", A, 8)], set_fields(0, crc=0x12345678)),
    "bad_member.npz": make_zip([("a.npy", b"\x93NUMPX" + A[6:], 0)]),
    "member_truncated_body.npz": make_zip([("a.npy", A[:-8], 0)]),
    "deflate_corrupt.npz": make_zip([("a.npy", A, 8)],
                                    set_fields(0, data=b"\xff" * 40, csize=40)),
}


def main():
    os.makedirs(NPY_DIR, exist_ok=True)
    os.makedirs(NPZ_DIR, exist_ok=True)
    for d, files in ((NPY_DIR, BAD_NPY), (NPY_DIR, UNSUPPORTED_NPY), (NPZ_DIR, BAD_NPZ),
                     (NPZ_DIR, BAD_MEMBER_NPZ)):
        for name, data in sorted(files.items()):
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
    print("wrote %d .npy and %d .npz files" % (len(BAD_NPY) + len(UNSUPPORTED_NPY),
                                               len(BAD_NPZ) + len(BAD_MEMBER_NPZ)))


if __name__ == "__main__":
    main()

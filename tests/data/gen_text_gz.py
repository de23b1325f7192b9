"""Writes tests/data/text/py_gzip.txt.gz: a small table compressed by
Python's gzip module (mtime 0, so the bytes are reproducible), for
test_text.c to read with nd_loadtxt, and the float64 values NumPy reads
from it to tests/data/text/py_gzip.raw (np.loadtxt on the .gz, tofile).

Run from the repository root: /usr/bin/python3 tests/data/gen_text_gz.py
"""
import gzip
import io
import os

import numpy as np

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "text")
os.makedirs(HERE, exist_ok=True)
TEXT = (
    "# written by tests/data/gen_text_gz.py\n"
    "1.5 -2 3e10\n"
    "nan inf -0.25\n"
    "\n"
    "7 8 9  # a comment\n"
)
gz = os.path.join(HERE, "py_gzip.txt.gz")
with open(gz, "wb") as raw:
    with gzip.GzipFile(filename="py_gzip.txt", mode="wb", fileobj=raw, mtime=0) as f:
        f.write(TEXT.encode())
a = np.loadtxt(gz)
assert a.shape == (3, 3)
a.astype("<f8").tofile(os.path.join(HERE, "py_gzip.raw"))
print("wrote", gz)

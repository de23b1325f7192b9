#!/usr/bin/python3
"""Writes examples/data/expected.json: the answers scikit-learn 1.2 and
NumPy give for what examples/regression.c, examples/kmeans.c and
examples/pca.c compute.
examples/check.py (run by `make check`) compares the examples' output with
it. Needs python3-sklearn (a reference only, never a dependency of libnd)
and a built libnd.so, whose seeded permutation makes the train/test split:
    /usr/bin/python3 examples/data/gen_reference.py build/libnd.so
It also (re)writes diabetes.csv.gz from scikit-learn's two files."""
import ctypes, gzip, json, os, sys
import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.linear_model import LinearRegression, Ridge

here = os.path.dirname(os.path.abspath(__file__))

def write_diabetes():
    src = os.path.join(os.path.dirname(sklearn.__file__), "datasets", "data")
    X = np.loadtxt(os.path.join(src, "diabetes_data_raw.csv.gz"))
    y = np.loadtxt(os.path.join(src, "diabetes_target.csv.gz"))
    fmt = lambda v: repr(float(v)).removesuffix(".0")
    lines = ["# Diabetes data of Efron, Hastie, Johnstone and Tibshirani (2004), 'Least Angle Regression',",
             "# Annals of Statistics 32(2), as shipped by scikit-learn 1.2 (diabetes_data_raw.csv.gz and",
             "# diabetes_target.csv.gz, BSD-3-Clause); see README.md in this folder. 442 patients.",
             "# Columns: age, sex, bmi, bp, s1 (tc), s2 (ldl), s3 (hdl), s4 (tch), s5 (ltg), s6 (glu),",
             "# target (disease progression one year after baseline). Raw values, not scaled."]
    lines += [",".join(fmt(v) for v in r) + "," + fmt(t) for r, t in zip(X, y)]
    with gzip.GzipFile(os.path.join(here, "diabetes.csv.gz"), "wb", mtime=0) as f:
        f.write(("\n".join(lines) + "\n").encode())

class Rng(ctypes.Structure):  # nd_rng: two uint64 (key, counter)
    _fields_ = [("key", ctypes.c_uint64), ("counter", ctypes.c_uint64)]

def libnd_permutation(lib, seed, n):
    """perm = nd_random_permutation(seeded rng, n), read through the C API."""
    lib.nd_random_permutation.restype = ctypes.c_void_p
    lib.nd_random_permutation.argtypes = [ctypes.POINTER(Rng), ctypes.c_int64]
    lib.nd_data.restype = ctypes.c_void_p
    lib.nd_data.argtypes = [ctypes.c_void_p]
    lib.nd_free.argtypes = [ctypes.c_void_p]
    rng = Rng()
    lib.nd_rng_seed(ctypes.byref(rng), ctypes.c_uint64(seed))
    a = lib.nd_random_permutation(ctypes.byref(rng), n)
    assert a, "nd_random_permutation failed"
    perm = np.ctypeslib.as_array(ctypes.cast(lib.nd_data(a), ctypes.POINTER(ctypes.c_int64)), (n,)).copy()
    lib.nd_free(a)
    return perm

def regression(lib):
    d = np.loadtxt(os.path.join(here, "diabetes.csv.gz"), delimiter=",")
    X, y = d[:, :10], d[:, 10]
    X = (X - X.mean(0)) / (X.std(0) * np.sqrt(len(X)))  # as load_diabetes(scaled=True)
    from sklearn.datasets import load_diabetes
    assert np.allclose(X, load_diabetes().data, atol=1e-12)
    perm = libnd_permutation(lib, 42, len(X))
    n_test = len(X) // 5
    test, train = perm[:n_test], perm[n_test:]
    out = []
    for model in (LinearRegression(), Ridge(alpha=0.1)):
        model.fit(X[train], y[train])
        out.append({"r2": model.score(X[test], y[test]), "intercept": float(model.intercept_),
                    "coef": model.coef_.tolist()})
    return out

def kmeans():
    X = np.loadtxt(os.path.join(here, "iris.csv"), delimiter=",")
    km = KMeans(n_clusters=3, init="k-means++", n_init=10, random_state=0).fit(X)
    return {"inertia": km.inertia_, "labels": km.labels_.tolist()}

def pca():
    """What examples/pca.c prints: mean, singular values, explained-variance
    ratio, the first two axes with svd_flip's signs, the first three scores."""
    X = np.loadtxt(os.path.join(here, "iris.csv"), delimiter=",")
    mu = X.mean(axis=0)
    Xc = X - mu
    u, s, vt = np.linalg.svd(Xc, full_matrices=False)
    axes = vt[:2]
    axes = axes * np.sign(axes[np.arange(2), np.abs(axes).argmax(axis=1)])[:, None]
    return [a.tolist() for a in (mu, s, s**2 / np.sum(s**2), axes, (Xc @ axes.T)[:3])]

if __name__ == "__main__":
    write_diabetes()
    lib = ctypes.CDLL(sys.argv[1] if len(sys.argv) > 1 else "build/libnd.so")
    ref = {"sklearn": sklearn.__version__, "numpy": np.__version__,
           "regression": regression(lib), "kmeans": kmeans(), "pca": pca()}
    with open(os.path.join(here, "expected.json"), "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")

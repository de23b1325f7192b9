# libnd build.
#
#   make            build/libnd.a and build/libnd.so (never installs packages;
#                   stops with the apt-get command when one is missing)
#   make check      installs missing Debian packages (as root), then builds with
#                   -Werror and runs the cmocka suite, again under ASan+UBSan
#                   (clang), the concurrency test under TSan (clang), then the
#                   header and C++ (nd.hpp), docs, NumPy comparison (tests/npcmp),
#                   examples (examples/check.py) and install tests
#   make demo       installs missing packages (as root), runs the examples
#   make docs       the API reference from the headers (Doxygen) into build/docs
#   make bench      the benchmarks
#   make install / uninstall   honour PREFIX, DESTDIR, LIBDIR, INCDIR
#
# Packagers' variables are honoured: CPPFLAGS, CFLAGS (default -O2 -g),
# LDFLAGS, CC. WERROR=1 adds -Werror (make check and CI set it). B=dir builds
# somewhere else. BLAS=openblas|netlib|blis picks the CBLAS (README, "Choosing
# a BLAS"); BLAS_CFLAGS and BLAS_LIBS override it by hand.

# ---------------------------------------------------------------- version
# One place: the ND_VERSION_* macros of include/nd.h.
nd_version_part = $(shell sed -n 's/^.define ND_VERSION_$(1)  *\([0-9][0-9]*\).*/\1/p' include/nd.h)
VMAJOR    := $(call nd_version_part,MAJOR)
VMINOR    := $(call nd_version_part,MINOR)
VPATCH    := $(call nd_version_part,PATCH)
VERSION   := $(VMAJOR).$(VMINOR).$(VPATCH)
# The soname changes whenever the ABI may break: with every minor release
# before 1.0 (libnd.so.0.1), with every major release after (libnd.so.1).
SOVERSION := $(if $(filter 0,$(VMAJOR)),0.$(VMINOR),$(VMAJOR))

PREFIX    ?= /usr/local
DESTDIR   ?=
LIBDIR    ?= $(PREFIX)/lib
INCDIR    ?= $(PREFIX)/include
PCDIR     ?= $(LIBDIR)/pkgconfig
CMAKEDIR  ?= $(LIBDIR)/cmake/nd

CC        ?= cc
CXX       ?= g++
CFLAGS    ?= -O2 -g
CPPFLAGS  ?=
LDFLAGS   ?=
# Kernels (src/kernels/) and the matrix-product kernels are inner loops: -O3
# after the user's CFLAGS.
KOPT      ?= -O3
WERROR    ?=
WARN      := -Wall -Wextra $(if $(filter 1,$(WERROR)),-Werror)
# Parallel jobs of the build step of `make check`: the N of `make -jN check`
# (GNU make 4.2 and later put -jN in MAKEFLAGS), else JOBS. A bare -j (no
# limit) and older makes, whose MAKEFLAGS hold a bare -j, fall back to JOBS.
JOBS      ?= 2
CHECK_J    = $(or $(firstword $(filter-out -j,$(filter -j%,$(MAKEFLAGS)))),-j$(JOBS))
LDCONFIG  ?= ldconfig
B         ?= build

# ---------------------------------------------------------------- BLAS, LAPACKE, zlib
# pkg-config is asked only when a recipe needs the flags (recursive `=`
# variables, cached on first use), so that `make check` and `make demo` can
# install the packages first: a value read while the Makefile is parsed
# would be empty on a machine that lacks them.
BLAS      ?= openblas
ifeq ($(BLAS),openblas)
  BLAS_PC      := lapacke openblas
  BLAS_DEFS    := -DND_BLAS_OPENBLAS
else ifeq ($(BLAS),netlib)
  # the reference CBLAS and LAPACK (Debian: libblas-dev, liblapack-dev); the
  # loader picks libblas.so.3 through Debian's alternatives
  BLAS_PC      := lapacke blas-netlib
  BLAS_DEFS    := -DND_BLAS_NETLIB
else ifeq ($(BLAS),blis)
  # BLIS's CBLAS (Debian: libblis-dev, no .pc file) with LAPACKE
  BLAS_PC      := lapacke
  BLAS_DEFS    := -DND_BLAS_BLIS
  # (-isystem: BLIS's header does not build warning-free under -Wall)
  BLAS_CFLAGS  ?= -isystem /usr/include/$(shell $(CC) -print-multiarch)/blis-openmp
  # Debian's BLIS is built with OpenMP: a static link needs libgomp after it
  BLAS_NOPC_LIBS := -lblis -lgomp
else
  $(error BLAS=$(BLAS): use openblas, netlib or blis, or set BLAS_CFLAGS and BLAS_LIBS)
endif
DEPS_PC   := $(BLAS_PC) zlib
cached     = $(if $(filter undefined,$(origin _c_$(1))),$(eval _c_$(1) := $(shell $(2))))$(_c_$(1))
BLAS_CFLAGS ?= $(call cached,bc,pkg-config --cflags $(DEPS_PC) 2>/dev/null)
BLAS_LIBS   ?= $(call cached,bl,pkg-config --libs $(DEPS_PC) 2>/dev/null) $(BLAS_NOPC_LIBS)
CMOCKA_CFLAGS = $(call cached,cc,pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   = $(call cached,cl,pkg-config --libs cmocka 2>/dev/null)
LIBS       = $(BLAS_LIBS) -lm -pthread

# ---------------------------------------------------------------- flags
NDFLAGS    = -std=c11 -fPIC -fvisibility=hidden -pthread -DND_BUILDING -D_GNU_SOURCE \
             -Iinclude -Isrc $(BLAS_DEFS) $(BLAS_CFLAGS) $(WARN)
# The sanitizer stages build with clang: gcc's -fsanitize=undefined misses
# arithmetic on a null pointer (`p + 0` with p NULL), which clang's
# pointer-overflow check (part of its `undefined`) reports.
SAN_CC    ?= clang
SANFLAGS  := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
TSANFLAGS := -fsanitize=thread -fno-omit-frame-pointer
TEST_CFLAGS = -std=c11 -O1 -g -D_GNU_SOURCE -Iinclude -Itests $(BLAS_DEFS) $(WARN) $(CMOCKA_CFLAGS)
TEST_LIBS   = $(CMOCKA_LIBS) $(LIBS)

SRCS      := $(sort $(wildcard src/*/*.c src/*/*/*.c))
OBJS      := $(SRCS:%.c=$(B)/obj/%.o)
ASAN_OBJS := $(SRCS:%.c=$(B)/asan/%.o)
TSAN_OBJS := $(SRCS:%.c=$(B)/tsan/%.o)
TESTS     := $(sort $(wildcard tests/test_*.c))
TEST_BINS := $(TESTS:tests/%.c=$(B)/tests/%)
ASAN_TEST_BINS := $(TESTS:tests/%.c=$(B)/asan-tests/%)
# The TSan stage runs the tests of several calling threads at once.
TSAN_TEST_BINS := $(B)/tsan-tests/test_concurrency
BENCH_SRCS := $(sort $(wildcard bench/*.c))
# Where `make check` adds up the test cases of each stage.
TALLY     := $(B)/check-tally

# Per-file flags: inner loops at -O3; SIMD kernels with their ISA's flags,
# only those files, so the library still runs on any CPU of the architecture.
$(B)/obj/src/kernels/%.o $(B)/obj/src/linalg/mm_kernels.o: XOPT = $(KOPT)
# The matrix-product kernels fuse multiply-adds (their AVX2+FMA variant is
# picked at run time; the file stays baseline).
# Every object tree (plain, ASan, TSan, fuzzing) gets the same ISA flags.
OBJ_TREES := $(addprefix $(B)/,obj asan tsan fuzz-obj)
$(OBJ_TREES:%=%/src/linalg/mm_kernels.o): ISAFLAGS = -ffp-contract=fast
ifeq ($(shell uname -m),x86_64)
$(OBJ_TREES:%=%/src/kernels/avx2/%.o): ISAFLAGS = -mavx2 -mfma
$(OBJ_TREES:%=%/src/kernels/avx512/%.o): ISAFLAGS = -mavx2 -mfma -mavx512f -mavx512bw -mavx512dq -mavx512vl
endif

# Everything the objects and links depend on, recorded in $(B)/build-flags:
# when it differs from the last build (other CFLAGS, WERROR, BLAS, or
# packages installed since), everything is rebuilt rather than reused.
BUILD_RECORD = cc=$(CC) san_cc=$(SAN_CC) cppflags=$(CPPFLAGS) cflags=$(CFLAGS) kopt=$(KOPT) ldflags=$(LDFLAGS) \
               nd=$(NDFLAGS) libs=$(LIBS) test=$(TEST_CFLAGS) $(TEST_LIBS) soversion=$(SOVERSION)
FLAGS     := $(B)/build-flags

.PHONY: all lib check test asan-test tsan-test header-test install-test docs-test npcmp examples-test demo bench clean \
        deps install uninstall pc docs version FORCE
all: lib
lib: $(B)/libnd.a $(B)/libnd.so

# Stops with the apt-get command when a package the build needs is missing
# (never installs: that is for `make check` and `make demo`), then records
# the flags.
$(FLAGS): FORCE
	@sh scripts/deps.sh build $(DEPS_BLAS)
	@mkdir -p $(B)
	@printf '%s\n' '$(BUILD_RECORD)' >$@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else mv -f $@.new $@; fi

$(B)/obj/%.o: %.c $(FLAGS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(NDFLAGS) $(CFLAGS) $(XOPT) $(ISAFLAGS) -MMD -MP -c $< -o $@

$(B)/asan/%.o: %.c $(FLAGS)
	@mkdir -p $(dir $@)
	$(SAN_CC) $(CPPFLAGS) $(NDFLAGS) $(ISAFLAGS) -O1 -g $(SANFLAGS) -MMD -MP -c $< -o $@

$(B)/tsan/%.o: %.c $(FLAGS)
	@mkdir -p $(dir $@)
	$(SAN_CC) $(CPPFLAGS) $(NDFLAGS) $(ISAFLAGS) -O1 -g $(TSANFLAGS) -MMD -MP -c $< -o $@

$(B)/libnd.a: $(OBJS)
	@rm -f $@
	ar rcs $@ $^

$(B)/libnd.so: $(OBJS)
	$(CC) -shared -Wl,-soname,libnd.so.$(SOVERSION) -Wl,--no-undefined $(CFLAGS) $(LDFLAGS) \
	    -o $(B)/libnd.so.$(VERSION) $^ $(LIBS)
	ln -sf libnd.so.$(VERSION) $(B)/libnd.so.$(SOVERSION)
	ln -sf libnd.so.$(VERSION) $@

$(B)/libnd-asan.a: $(ASAN_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(B)/libnd-tsan.a: $(TSAN_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(B)/tests/%: tests/%.c $(B)/libnd.a $(wildcard tests/*.h tests/data/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(TEST_CFLAGS) $< -o $@ $(LDFLAGS) $(B)/libnd.a $(TEST_LIBS)

$(B)/asan-tests/%: tests/%.c $(B)/libnd-asan.a $(wildcard tests/*.h tests/data/*.h)
	@mkdir -p $(dir $@)
	$(SAN_CC) $(CPPFLAGS) $(TEST_CFLAGS) $(SANFLAGS) $< -o $@ $(LDFLAGS) $(B)/libnd-asan.a $(TEST_LIBS)

$(B)/tsan-tests/%: tests/%.c $(B)/libnd-tsan.a $(wildcard tests/*.h tests/data/*.h)
	@mkdir -p $(dir $@)
	$(SAN_CC) $(CPPFLAGS) $(TEST_CFLAGS) $(TSANFLAGS) $< -o $@ $(LDFLAGS) $(B)/libnd-tsan.a $(TEST_LIBS)

version:
	@echo $(VERSION)

# ---------------------------------------------------------------- the two commands
# Each first installs what is missing (as root; otherwise stops with the
# command to run), then runs the rest in a new make, which reads pkg-config
# only then.
DEPS_BLAS = $(filter openblas netlib blis,$(BLAS))
deps:
	@sh scripts/deps.sh check $(DEPS_BLAS)

check: deps
	+@$(MAKE) --no-print-directory WERROR=1 check-run

demo:
	@sh scripts/deps.sh demo $(DEPS_BLAS)
	+@$(MAKE) --no-print-directory demo-run

ASAN_ENV := ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1
# Any report fails the run (exit status 66, and scripts/run-tests.sh reads it).
TSAN_ENV := TSAN_OPTIONS=halt_on_error=1:exitcode=66:second_deadlock_stack=1

# The stages of `make check`, each also a target of its own.
RUN_TEST    = sh scripts/run-tests.sh $(TEST_BINS)
RUN_ASAN    = $(ASAN_ENV) sh scripts/run-tests.sh $(ASAN_TEST_BINS)
RUN_TSAN    = $(TSAN_ENV) sh scripts/run-tests.sh $(TSAN_TEST_BINS)
RUN_HEADER  = B=$(B) CC="$(CC)" CXX="$(CXX)" TEST_LIBS="$(TEST_LIBS)" sh scripts/header-test.sh
RUN_DOCS    = B=$(B) VERSION=$(VERSION) CC="$(CC)" CXX="$(CXX)" LIBS="$(LIBS)" sh scripts/docs.sh --check
RUN_INSTALL = B=$(B) CC="$(CC)" CXX="$(CXX)" MAKE="$(MAKE)" VERSION=$(VERSION) SOVERSION=$(SOVERSION) \
              sh scripts/install-test.sh

test: $(TEST_BINS)
	@$(RUN_TEST)

asan-test: $(ASAN_TEST_BINS)
	@$(RUN_ASAN)

tsan-test: $(TSAN_TEST_BINS)
	@$(RUN_TSAN)

header-test: $(B)/libnd.a
	@$(RUN_HEADER)

install-test: lib
	+@$(RUN_INSTALL)

docs-test: $(B)/libnd.a
	@$(RUN_DOCS)

# The NumPy comparison: random cases on a fixed seed (NPCMP_SEED, NPCMP_SCALE
# change that) through libnd (tests/npcmp/driver.c) and NumPy
# (tests/npcmp/npcmp.py); its data goes to $(B)/npcmp/work.
PYTHON ?= /usr/bin/python3
RUN_NPCMP = $(PYTHON) tests/npcmp/npcmp.py $(B)/npcmp/driver $(B)/npcmp/work
RUN_EXAMPLES = $(PYTHON) examples/check.py $(B)/examples
$(B)/npcmp/driver: tests/npcmp/driver.c $(B)/libnd.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(TEST_CFLAGS) $< -o $@ $(LDFLAGS) $(B)/libnd.a $(LIBS)

npcmp: $(B)/npcmp/driver
	@$(RUN_NPCMP)

# Every stage runs even if an earlier one failed, so the closing line
# ("N passed, N failed", test cases over all stages) always comes last.
.PHONY: check-run demo-run
check-run:
	@mkdir -p $(B) && rm -f $(TALLY)
	+$(MAKE) --no-print-directory $(CHECK_J) lib $(B)/libnd-asan.a $(B)/libnd-tsan.a $(TEST_BINS) $(ASAN_TEST_BINS) \
	    $(TSAN_TEST_BINS) $(B)/npcmp/driver $(EXAMPLE_BINS)
	+@st=0; \
	echo "== cmocka suite"; ND_TALLY=$(TALLY) $(RUN_TEST) || st=1; \
	echo "== cmocka suite under ASan+UBSan"; ND_TALLY=$(TALLY) $(RUN_ASAN) || st=1; \
	echo "== concurrency test under TSan"; ND_TALLY=$(TALLY) $(RUN_TSAN) || st=1; \
	echo "== header test"; ND_TALLY=$(TALLY) $(RUN_HEADER) || st=1; \
	echo "== docs test"; ND_TALLY=$(TALLY) $(RUN_DOCS) || st=1; \
	echo "== NumPy comparison"; ND_TALLY=$(TALLY) $(RUN_NPCMP) || st=1; \
	echo "== examples against scikit-learn"; ND_TALLY=$(TALLY) $(RUN_EXAMPLES) || st=1; \
	echo "== install test"; ND_TALLY=$(TALLY) $(RUN_INSTALL) || st=1; \
	sh scripts/tally.sh $(TALLY) || st=1; \
	exit $$st

# `make demo` runs the tour of the core, then the main examples: PCA of the
# iris data (examples/pca.c: loadtxt, mean, SVD, printing), least squares and
# ridge regression on the diabetes data (examples/regression.c) and k-means
# on iris (examples/kmeans.c). `make check` compares the last two with
# scikit-learn's answers (examples/check.py, examples/data/expected.json).
EXAMPLES := tour pca regression kmeans
EXAMPLE_BINS := $(EXAMPLES:%=$(B)/examples/%)
$(B)/examples/%: examples/%.c $(B)/libnd.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -std=c11 $(CFLAGS) -Iinclude $(WARN) $< -o $@ $(LDFLAGS) $(B)/libnd.a $(LIBS)

examples-test: $(EXAMPLE_BINS)
	@$(RUN_EXAMPLES)

demo-run: $(EXAMPLE_BINS)
	@set -e; for x in $(EXAMPLES); do echo "== examples/$$x.c"; ./$(B)/examples/$$x; done

.PHONY: pca
pca: $(B)/examples/pca
	./$(B)/examples/pca

# ---------------------------------------------------------------- docs
# The API reference: Doxygen over include/ (docs/Doxyfile), HTML into
# $(B)/docs/html. Installs doxygen first when run as root.
docs:
	@sh scripts/deps.sh docs
	@B=$(B) VERSION=$(VERSION) sh scripts/docs.sh

# ---------------------------------------------------------------- benchmarks
# Plain -O2 against the static library, as a user would build;
# bench/bench_numpy.py runs NumPy's side with Debian's python3.
$(B)/bench/bench: $(BENCH_SRCS) bench/bench.h $(B)/libnd.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -std=c11 -O2 -g -D_GNU_SOURCE -Iinclude -Ibench $(BLAS_CFLAGS) $(WARN) \
	    $(BENCH_SRCS) -o $@ $(LDFLAGS) $(B)/libnd.a $(LIBS)

bench: $(B)/bench/bench
	./$(B)/bench/bench --numpy bench/bench_numpy.py --csv bench/results.csv

# ---------------------------------------------------------------- fuzzing

# `make fuzz` builds the libFuzzer targets in tests/fuzz/ with clang against
# a copy of the library instrumented for them (-fsanitize=fuzzer-no-link plus
# ASan and UBSan) and runs each for FUZZ_SECONDS; a crash, a sanitizer report
# or a failed check fails the target. Not part of `make check`. Needs Debian's
# clang and libclang-rt-14-dev (libFuzzer). The npy target starts from the
# malformed files in tests/data/bad_npy/, the npz one from tests/data/bad_npz/,
# the savetxt format one from a dictionary of conversions, the einsum and
# matmul ones from the seeds in tests/data/fuzz_einsum/ and fuzz_matmul/
# (both compare each result with a naive float64 reference);
# new inputs go to $(B)/fuzz/corpus-*.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 30
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_SRCS    := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS    := $(FUZZ_SRCS:tests/fuzz/%.c=$(B)/fuzz/%)
FUZZ_OBJS    := $(SRCS:%.c=$(B)/fuzz-obj/%.o)
.PHONY: fuzz fuzz-tools
# other engineers' files are not held to clang's warnings here (-Wno-error)
$(B)/fuzz-obj/%.o: %.c $(FLAGS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(NDFLAGS) $(ISAFLAGS) -Wno-error -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(B)/libnd-fuzz.a: $(FUZZ_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(B)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz_operands.h $(B)/libnd-fuzz.a
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -std=c11 -O1 -g -D_GNU_SOURCE -Iinclude -Isrc $(WARN) $(FUZZ_SAN) -fsanitize=fuzzer $< -o $@ $(B)/libnd-fuzz.a $(LIBS)

fuzz-tools:
	@mkdir -p $(B)/fuzz
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || { echo "make fuzz: $(FUZZ_CC) not found; run:  sudo apt-get install -y clang libclang-rt-14-dev" >&2; exit 1; }
	@printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' >$(B)/fuzz/probe.c
	@$(FUZZ_CC) -fsanitize=fuzzer,address,undefined $(B)/fuzz/probe.c -o $(B)/fuzz/probe >$(B)/fuzz/probe.log 2>&1 || { cat $(B)/fuzz/probe.log >&2; echo "make fuzz: $(FUZZ_CC) cannot link libFuzzer; run:  sudo apt-get install -y libclang-rt-14-dev" >&2; exit 1; }

fuzz: fuzz-tools
	+$(MAKE) --no-print-directory B=$(B) $(FUZZ_BINS)
	@printf '"..."\n":"\n","\n"::"\n"-"\n"None"\n"newaxis"\n" "\n"0"\n"1"\n"9223372036854775807"\n"-9223372036854775808"\n' >$(B)/fuzz/view.dict
	@printf '"%%%%"\n"%%d"\n"%%.3f"\n"%%e"\n"%%g"\n"%%x"\n"%%-+ #0"\n"1100"\n"1101"\n".1074"\n"99999999999999999999"\n"2147483647"\n"%%ll"\n"%%s"\n"%%*d"\n' >$(B)/fuzz/savetxt.dict
	@printf '"->"\n","\n"..."\n"ij"\n"jk"\n"ii"\n" "\n' >$(B)/fuzz/einsum.dict
	@set -e; for f in $(FUZZ_BINS); do \
	    name=$$(basename $$f); corpus=$(B)/fuzz/corpus-$$name; mkdir -p $$corpus; \
	    case $$name in \
	        fuzz_npy_header) extra="tests/data/bad_npy" ;; \
	        fuzz_npz) extra="tests/data/bad_npz" ;; \
	        fuzz_view_parse) extra="-dict=$(B)/fuzz/view.dict" ;; \
	        fuzz_savetxt_fmt) extra="-dict=$(B)/fuzz/savetxt.dict" ;; \
	        fuzz_einsum) extra="tests/data/fuzz_einsum -dict=$(B)/fuzz/einsum.dict" ;; \
	        fuzz_matmul) extra="tests/data/fuzz_matmul" ;; \
	        *) extra="" ;; \
	    esac; \
	    echo "== $$name for $(FUZZ_SECONDS) s"; \
	    $$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -artifact_prefix=$(B)/fuzz/$$name- $$corpus $$extra; \
	done

# ---------------------------------------------------------------- install

# nd.pc and the CMake package are made each time, as the install paths may
# change. Paths inside them are relative to the prefix where possible, so a
# moved prefix still works (pkg-config --define-prefix; CMake from the
# config file's own location).
rel_to_prefix = $(if $(filter $(PREFIX)/%,$(1)),$${prefix}/$(patsubst $(PREFIX)/%,%,$(1)),$(1))
pc: $(FLAGS)
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(call rel_to_prefix,$(LIBDIR))|g' \
	    -e 's|@INCDIR@|$(call rel_to_prefix,$(INCDIR))|g' -e 's|@VERSION@|$(VERSION)|g' \
	    -e 's|@REQUIRES_PRIVATE@|$(DEPS_PC)|g' -e 's|@LIBS_PRIVATE@|$(strip $(BLAS_NOPC_LIBS) -lm -pthread)|g' \
	    nd.pc.in > $(B)/nd.pc
	@B=$(B) VERSION=$(VERSION) PREFIX=$(PREFIX) LIBDIR=$(LIBDIR) INCDIR=$(INCDIR) CMAKEDIR=$(CMAKEDIR) \
	    SOVERSION=$(SOVERSION) DEPS_PC="$(DEPS_PC)" NOPC_LIBS="$(BLAS_NOPC_LIBS)" sh scripts/cmake-config.sh

TOPIC_HEADERS := $(wildcard include/nd/*.h)

install: lib pc
	install -d $(DESTDIR)$(INCDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PCDIR) $(DESTDIR)$(CMAKEDIR)
	install -m 644 include/nd.h include/nd.hpp $(DESTDIR)$(INCDIR)/
ifneq ($(TOPIC_HEADERS),)
	install -d $(DESTDIR)$(INCDIR)/nd
	install -m 644 $(TOPIC_HEADERS) $(DESTDIR)$(INCDIR)/nd/
endif
	install -m 644 $(B)/libnd.a $(DESTDIR)$(LIBDIR)/libnd.a
	install -m 755 $(B)/libnd.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libnd.so.$(VERSION)
	ln -sf libnd.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libnd.so.$(SOVERSION)
	ln -sf libnd.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libnd.so
	install -m 644 $(B)/nd.pc $(DESTDIR)$(PCDIR)/nd.pc
	install -m 644 $(B)/cmake/ndConfig.cmake $(B)/cmake/ndConfigVersion.cmake $(DESTDIR)$(CMAKEDIR)/
# a real (not staged) install as root: refresh the loader's cache so that
# programs find libnd.so in /usr/local/lib at once
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then $(LDCONFIG) 2>/dev/null || true; fi

uninstall:
	rm -f $(DESTDIR)$(INCDIR)/nd.h $(DESTDIR)$(INCDIR)/nd.hpp $(addprefix $(DESTDIR)$(INCDIR)/nd/,$(notdir $(TOPIC_HEADERS)))
	rmdir $(DESTDIR)$(INCDIR)/nd 2>/dev/null || true
	rm -f $(DESTDIR)$(LIBDIR)/libnd.a $(DESTDIR)$(LIBDIR)/libnd.so \
	      $(DESTDIR)$(LIBDIR)/libnd.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libnd.so.$(VERSION) \
	      $(DESTDIR)$(PCDIR)/nd.pc \
	      $(DESTDIR)$(CMAKEDIR)/ndConfig.cmake $(DESTDIR)$(CMAKEDIR)/ndConfigVersion.cmake
	rmdir $(DESTDIR)$(CMAKEDIR) 2>/dev/null || true
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then $(LDCONFIG) 2>/dev/null || true; fi

clean:
	rm -rf $(B)

-include $(OBJS:.o=.d) $(ASAN_OBJS:.o=.d) $(TSAN_OBJS:.o=.d)

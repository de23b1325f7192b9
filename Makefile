# libnd build. `make` builds build/libnd.a and build/libnd.so; `make check`
# checks the Debian packages, builds with -Werror, runs the cmocka suite, then
# again under ASan+UBSan, then the header and install tests; `make demo` runs
# the tour; `make bench` runs the benchmarks; `make install` / `uninstall`
# honour PREFIX, DESTDIR, LIBDIR and INCDIR. B=dir builds somewhere else.

VERSION   := 0.1.0
SOMAJOR   := 0
PREFIX    ?= /usr/local
DESTDIR   ?=
LIBDIR    ?= $(PREFIX)/lib
INCDIR    ?= $(PREFIX)/include
PCDIR     ?= $(LIBDIR)/pkgconfig

CC        ?= cc
CXX       ?= g++
OPT       ?= -O2
# Kernels (src/kernels/) are the inner loops: they get -O3.
KOPT      ?= -O3
WARN      := -Wall -Wextra -Werror
CFLAGS    ?=
# BLAS and LAPACKE (Debian: libopenblas-dev, liblapacke-dev) for src/linalg/,
# and zlib (zlib1g-dev) for .npz in src/io/.
BLAS_CFLAGS := $(shell pkg-config --cflags openblas lapacke zlib 2>/dev/null)
BLAS_LIBS   := $(shell pkg-config --libs openblas lapacke zlib 2>/dev/null)
BASEFLAGS  = -std=c11 $(OPT) -g -fPIC -fvisibility=hidden -pthread -DND_BUILDING \
             -D_GNU_SOURCE -Iinclude -Isrc $(BLAS_CFLAGS) $(WARN)
LIBS      := $(BLAS_LIBS) -lm -pthread
JOBS      ?= 2
LDCONFIG  ?= ldconfig

B         ?= build
SRCS      := $(sort $(wildcard src/*/*.c src/*/*/*.c))
OBJS      := $(SRCS:%.c=$(B)/obj/%.o)
ASAN_OBJS := $(SRCS:%.c=$(B)/asan/%.o)
SANFLAGS  := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
TESTS     := $(sort $(wildcard tests/test_*.c))
TEST_BINS := $(TESTS:tests/%.c=$(B)/tests/%)
ASAN_TEST_BINS := $(TESTS:tests/%.c=$(B)/asan-tests/%)
TEST_CFLAGS = -std=c11 -O1 -g -D_GNU_SOURCE -Iinclude -Itests $(WARN) $(shell pkg-config --cflags cmocka 2>/dev/null)
TEST_LIBS   = $(shell pkg-config --libs cmocka 2>/dev/null) $(BLAS_LIBS) -lm -pthread
BENCH_SRCS := $(sort $(wildcard bench/*.c))
# Where `make check` adds up the test cases of each stage.
TALLY     := $(B)/check-tally

# Per-folder compiler flags: kernels at -O3; SIMD kernels, once they exist,
# with their ISA's flags (DESIGN.md: only those files, so the binary still
# runs on any CPU of the architecture).
$(B)/obj/src/kernels/%.o: OPT = $(KOPT)
# The matrix-product kernels are inner loops too, and fuse multiply-adds
# (their AVX2+FMA variant is picked at run time; the file stays baseline).
$(B)/obj/src/linalg/mm_kernels.o: OPT = $(KOPT)
$(B)/obj/src/linalg/mm_kernels.o $(B)/asan/src/linalg/mm_kernels.o: ISAFLAGS = -ffp-contract=fast
ifeq ($(shell uname -m),x86_64)
$(B)/obj/src/kernels/avx2/%.o $(B)/asan/src/kernels/avx2/%.o: ISAFLAGS = -mavx2 -mfma
$(B)/obj/src/kernels/avx512/%.o $(B)/asan/src/kernels/avx512/%.o: ISAFLAGS = -mavx2 -mfma -mavx512f -mavx512bw -mavx512dq -mavx512vl
endif

.PHONY: all lib check test asan-test header-test install-test demo bench clean deps \
        install uninstall pc
all: lib
lib: $(B)/libnd.a $(B)/libnd.so

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(BASEFLAGS) $(ISAFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(B)/asan/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(BASEFLAGS) $(ISAFLAGS) $(SANFLAGS) -O1 -MMD -MP -c $< -o $@

$(B)/libnd.a: $(OBJS)
	@rm -f $@
	ar rcs $@ $^

$(B)/libnd.so: $(OBJS)
	$(CC) -shared -Wl,-soname,libnd.so.$(SOMAJOR) -o $(B)/libnd.so.$(VERSION) $^ $(LIBS)
	ln -sf libnd.so.$(VERSION) $(B)/libnd.so.$(SOMAJOR)
	ln -sf libnd.so.$(VERSION) $@

$(B)/libnd-asan.a: $(ASAN_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(B)/tests/%: tests/%.c $(B)/libnd.a $(wildcard tests/*.h tests/data/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) $< -o $@ $(B)/libnd.a $(TEST_LIBS)

$(B)/asan-tests/%: tests/%.c $(B)/libnd-asan.a $(wildcard tests/*.h tests/data/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) $(SANFLAGS) $< -o $@ $(B)/libnd-asan.a $(TEST_LIBS)

deps:
	@sh scripts/deps.sh

test: $(TEST_BINS)
	@sh scripts/run-tests.sh $(TEST_BINS)

asan-test: $(ASAN_TEST_BINS)
	@ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 sh scripts/run-tests.sh $(ASAN_TEST_BINS)

header-test: $(B)/libnd.a
	@B=$(B) CC="$(CC)" CXX="$(CXX)" sh scripts/header-test.sh

install-test: lib
	+@B=$(B) CC="$(CC)" MAKE="$(MAKE)" sh scripts/install-test.sh

# Every stage runs even if an earlier one failed, so the closing line
# ("N passed, N failed", test cases over all stages) always comes last.
check: deps
	@mkdir -p $(B) && rm -f $(TALLY)
	+$(MAKE) --no-print-directory -j$(JOBS) B=$(B) lib $(B)/libnd-asan.a $(TEST_BINS) $(ASAN_TEST_BINS)
	+@st=0; \
	echo "== cmocka suite"; \
	ND_TALLY=$(TALLY) sh scripts/run-tests.sh $(TEST_BINS) || st=1; \
	echo "== cmocka suite under ASan+UBSan"; \
	ND_TALLY=$(TALLY) ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    sh scripts/run-tests.sh $(ASAN_TEST_BINS) || st=1; \
	echo "== header test"; \
	ND_TALLY=$(TALLY) B=$(B) CC="$(CC)" CXX="$(CXX)" sh scripts/header-test.sh || st=1; \
	echo "== install test"; \
	ND_TALLY=$(TALLY) B=$(B) CC="$(CC)" MAKE="$(MAKE)" sh scripts/install-test.sh || st=1; \
	sh scripts/tally.sh $(TALLY) || st=1; \
	exit $$st

# `make demo` runs the tour of the core, then the main example: PCA of the
# iris data (examples/pca.c: loadtxt, mean, SVD, printing).
EXAMPLES := tour pca
demo: deps lib
	@mkdir -p $(B)/examples
	@set -e; for x in $(EXAMPLES); do \
	    $(CC) -std=c11 -O2 -Iinclude $(WARN) examples/$$x.c -o $(B)/examples/$$x $(B)/libnd.a $(LIBS); \
	    echo "== examples/$$x.c"; ./$(B)/examples/$$x; \
	done

.PHONY: pca
pca: deps lib
	@mkdir -p $(B)/examples
	$(CC) -std=c11 -O2 -Iinclude $(WARN) examples/pca.c -o $(B)/examples/pca $(B)/libnd.a $(LIBS)
	./$(B)/examples/pca

# The benchmarks: plain -O2 against the static library, as a user would
# build; bench/bench_numpy.py runs NumPy's side with Debian's python3.
$(B)/bench/bench: $(BENCH_SRCS) bench/bench.h $(B)/libnd.a
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -g -D_GNU_SOURCE -Iinclude -Ibench $(BLAS_CFLAGS) $(WARN) $(BENCH_SRCS) -o $@ $(B)/libnd.a $(LIBS)

bench: $(B)/bench/bench
	./$(B)/bench/bench --numpy bench/bench_numpy.py --csv bench/results.csv

# ---------------------------------------------------------------- fuzzing

# `make fuzz` builds the libFuzzer targets in tests/fuzz/ with clang against
# a copy of the library instrumented for them (-fsanitize=fuzzer-no-link plus
# ASan and UBSan) and runs each for FUZZ_SECONDS; a crash, a sanitizer report
# or a failed check fails the target. Not part of `make check`. Needs Debian's
# clang and libclang-rt-14-dev (libFuzzer). The npy target starts from the
# malformed files in tests/data/bad_npy/, the npz one from tests/data/bad_npz/;
# new inputs go to $(B)/fuzz/corpus-*.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 30
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_SRCS    := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS    := $(FUZZ_SRCS:tests/fuzz/%.c=$(B)/fuzz/%)
FUZZ_OBJS    := $(SRCS:%.c=$(B)/fuzz-obj/%.o)
ifeq ($(shell uname -m),x86_64)
$(B)/fuzz-obj/src/kernels/avx2/%.o: ISAFLAGS = -mavx2 -mfma
$(B)/fuzz-obj/src/kernels/avx512/%.o: ISAFLAGS = -mavx2 -mfma -mavx512f -mavx512bw -mavx512dq -mavx512vl
endif

.PHONY: fuzz fuzz-tools
# other engineers' files are not held to clang's warnings here (-Wno-error)
$(B)/fuzz-obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(BASEFLAGS) $(ISAFLAGS) -Wno-error -O1 $(FUZZ_SAN) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(B)/libnd-fuzz.a: $(FUZZ_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(B)/fuzz/%: tests/fuzz/%.c $(B)/libnd-fuzz.a
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
	@set -e; for f in $(FUZZ_BINS); do \
	    name=$$(basename $$f); corpus=$(B)/fuzz/corpus-$$name; mkdir -p $$corpus; \
	    case $$name in \
	        fuzz_npy_header) extra="tests/data/bad_npy" ;; \
	        fuzz_npz) extra="tests/data/bad_npz" ;; \
	        fuzz_view_parse) extra="-dict=$(B)/fuzz/view.dict" ;; \
	        *) extra="" ;; \
	    esac; \
	    echo "== $$name for $(FUZZ_SECONDS) s"; \
	    $$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -artifact_prefix=$(B)/fuzz/$$name- $$corpus $$extra; \
	done

# ---------------------------------------------------------------- install

# nd.pc is made from nd.pc.in each time, as the install paths may change.
# A static link of libnd.a needs OpenBLAS and LAPACKE after it, then their
# Fortran runtime, then libquadmath and libm (which libgfortran.a needs and
# OpenBLAS's .pc omits). pkg-config puts a package's Libs.private before its
# Requires.private, so nd.pc names them all in Libs.private, in that order,
# taken from their own .pc files here.
QUADMATH  := $(if $(filter /%,$(shell $(CC) -print-file-name=libquadmath.a 2>/dev/null)),-lquadmath -lm)
BLAS_STATIC_LIBS := $(shell pkg-config --static --libs openblas lapacke 2>/dev/null) $(QUADMATH)

pc:
	@mkdir -p $(B)
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
	    -e 's|@INCDIR@|$(INCDIR)|g' -e 's|@VERSION@|$(VERSION)|g' \
	    -e 's|@BLAS_LIBS@|$(strip $(BLAS_STATIC_LIBS))|g' nd.pc.in > $(B)/nd.pc

TOPIC_HEADERS := $(wildcard include/nd/*.h)

install: lib pc
	install -d $(DESTDIR)$(INCDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PCDIR)
	install -m 644 include/nd.h $(DESTDIR)$(INCDIR)/nd.h
ifneq ($(TOPIC_HEADERS),)
	install -d $(DESTDIR)$(INCDIR)/nd
	install -m 644 $(TOPIC_HEADERS) $(DESTDIR)$(INCDIR)/nd/
endif
	install -m 644 $(B)/libnd.a $(DESTDIR)$(LIBDIR)/libnd.a
	install -m 755 $(B)/libnd.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libnd.so.$(VERSION)
	ln -sf libnd.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libnd.so.$(SOMAJOR)
	ln -sf libnd.so.$(SOMAJOR) $(DESTDIR)$(LIBDIR)/libnd.so
	install -m 644 $(B)/nd.pc $(DESTDIR)$(PCDIR)/nd.pc
# a real (not staged) install as root: refresh the loader's cache so that
# programs find libnd.so.0 in /usr/local/lib at once
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then $(LDCONFIG) 2>/dev/null || true; fi

uninstall:
	rm -f $(DESTDIR)$(INCDIR)/nd.h $(addprefix $(DESTDIR)$(INCDIR)/nd/,$(notdir $(TOPIC_HEADERS)))
	rmdir $(DESTDIR)$(INCDIR)/nd 2>/dev/null || true
	rm -f $(DESTDIR)$(LIBDIR)/libnd.a $(DESTDIR)$(LIBDIR)/libnd.so \
	      $(DESTDIR)$(LIBDIR)/libnd.so.$(SOMAJOR) $(DESTDIR)$(LIBDIR)/libnd.so.$(VERSION) \
	      $(DESTDIR)$(PCDIR)/nd.pc
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then $(LDCONFIG) 2>/dev/null || true; fi

clean:
	rm -rf $(B)

-include $(OBJS:.o=.d) $(ASAN_OBJS:.o=.d)

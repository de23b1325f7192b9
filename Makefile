# libnd build. `make` builds build/libnd.a and build/libnd.so; `make check`
# runs the test suite, then again under ASan+UBSan; `make demo` runs the tour.

VERSION   := 0.1.0
SOMAJOR   := 0
PREFIX    ?= /usr/local
DESTDIR   ?=
LIBDIR    ?= $(PREFIX)/lib
INCDIR    ?= $(PREFIX)/include
PCDIR     ?= $(LIBDIR)/pkgconfig

CC        ?= cc
OPT       ?= -O2
WARN      := -Wall -Wextra -Werror
CFLAGS    ?=
BASEFLAGS := -std=c11 $(OPT) -g -fPIC -fvisibility=hidden -pthread -DND_BUILDING \
             -D_GNU_SOURCE -Iinclude -Isrc $(WARN)
LIBS      := -lm -pthread

B         ?= build
SRCS      := $(sort $(wildcard src/*/*.c src/*/*/*.c))
OBJS      := $(SRCS:%.c=$(B)/obj/%.o)
ASAN_OBJS := $(SRCS:%.c=$(B)/asan/%.o)
SANFLAGS  := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
TESTS     := $(sort $(wildcard tests/test_*.c))
TEST_BINS := $(TESTS:tests/%.c=$(B)/tests/%)
ASAN_TEST_BINS := $(TESTS:tests/%.c=$(B)/asan-tests/%)
TEST_CFLAGS = -std=c11 -O1 -g -D_GNU_SOURCE -Iinclude -Itests $(WARN) $(shell pkg-config --cflags cmocka 2>/dev/null)
TEST_LIBS   = $(shell pkg-config --libs cmocka 2>/dev/null) -lm -pthread

.PHONY: all lib check test asan-test demo clean deps
all: lib
lib: $(B)/libnd.a $(B)/libnd.so

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(BASEFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(B)/asan/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(BASEFLAGS) $(SANFLAGS) -O1 -MMD -MP -c $< -o $@

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

$(B)/tests/%: tests/%.c $(B)/libnd.a tests/nd_test.h
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) $< -o $@ $(B)/libnd.a $(TEST_LIBS)

$(B)/asan-tests/%: tests/%.c $(B)/libnd-asan.a tests/nd_test.h
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) $(SANFLAGS) $< -o $@ $(B)/libnd-asan.a $(TEST_LIBS)

deps:
	@sh scripts/deps.sh

test: $(TEST_BINS)
	@sh scripts/run-tests.sh $(TEST_BINS)

asan-test: $(ASAN_TEST_BINS)
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 sh scripts/run-tests.sh $(ASAN_TEST_BINS)

check: deps
	$(MAKE) lib
	$(MAKE) test
	$(MAKE) asan-test

demo: deps lib
	@mkdir -p $(B)/examples
	$(CC) -std=c11 -O2 -Iinclude $(WARN) examples/tour.c -o $(B)/examples/tour $(B)/libnd.a $(LIBS)
	./$(B)/examples/tour

clean:
	rm -rf $(B)

-include $(OBJS:.o=.d) $(ASAN_OBJS:.o=.d)

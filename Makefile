# policylint: a privacy-policy compliance linter.
#
#   make            builds ./policylint and libpolicylint.a
#   make demo       checks the dependencies (installing them with apt-get
#                   when it can) and lints the shipped examples
#   make test       every test: unit tests and golden CLI tests under
#                   ASan/UBSan, rule examples, then the same under valgrind
#   make bench      the benchmark (figures, not a pass/fail test)
#   make fuzz       every libFuzzer target for FUZZ_SECONDS (default 60)
#                   each, on a copy of its seed corpus (tests/fuzz/)
#   make fuzz-coverage  the share of src/ the fuzz corpora reach (llvm)
#   make eval       scores detection on ../shared/corpus/opp115-dev
#   make install    PREFIX=/usr/local DESTDIR=

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
LIBDIR    ?= $(PREFIX)/lib
INCLUDEDIR?= $(PREFIX)/include
DATADIR   ?= $(PREFIX)/share/policylint
MANDIR    ?= $(PREFIX)/share/man
SHARED    ?= ../shared

CC        ?= cc
PKG_CONFIG?= pkg-config
DEPS       = yaml-0.1 libpcre2-8
WARN       = -Wall -Wextra -pedantic -Wshadow -Wstrict-prototypes \
             -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral
CFLAGS    ?= -O2 -g
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) -Iinclude -Isrc \
             -DPL_DATADIR='"$(DATADIR)"' \
             $(shell $(PKG_CONFIG) --cflags $(DEPS) 2>/dev/null)
LIBS       = $(shell $(PKG_CONFIG) --libs $(DEPS) 2>/dev/null) -pthread
TEST_LIBS  = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null) $(LIBS)
SANITIZE   = -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all

CLI_SRC    = src/main.c src/cli_options.c src/pipeline.c
LIB_SRC    = $(filter-out $(CLI_SRC),$(wildcard src/*.c))
LIB_OBJ    = $(LIB_SRC:src/%.c=build/rel/%.o)
SAN_OBJ    = $(LIB_SRC:src/%.c=build/san/%.o)
TEST_SRC   = $(wildcard tests/test_*.c)
TEST_BIN   = $(TEST_SRC:tests/%.c=build/san/%)

.PHONY: all demo deps test unit-test cli-test rules-test valgrind-test \
        check-layering fuzz fuzz-build fuzz-test fuzz-coverage \
        bench eval install uninstall precommit-test clean
.SUFFIXES:

all: policylint

policylint: build/rel/main.o build/rel/cli_options.o build/rel/pipeline.o \
  libpolicylint.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS)

libpolicylint.a: $(LIB_OBJ)
	$(AR) rcs $@ $^

build/rel/%.o: src/%.c $(wildcard include/*.h) $(wildcard src/*.h) | build/rel
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/san/%.o: src/%.c $(wildcard include/*.h) $(wildcard src/*.h) | build/san
	$(CC) $(ALL_CFLAGS) -O1 $(SANITIZE) -c -o $@ $<

build/san/libpolicylint.a: $(SAN_OBJ)
	$(AR) rcs $@ $^

build/san/policylint: $(CLI_SRC) build/san/libpolicylint.a
	$(CC) $(ALL_CFLAGS) -O1 $(SANITIZE) -o $@ $^ $(LIBS)

build/san/test_%: tests/test_%.c tests/testutil.h build/san/libpolicylint.a
	$(CC) $(ALL_CFLAGS) -O1 $(SANITIZE) -o $@ $< build/san/libpolicylint.a $(TEST_LIBS)

build/rel build/san:
	mkdir -p $@

# The default rule folder is compiled into paths.o: rebuild it whenever
# DATADIR changes (`make` then `make install PREFIX=/opt/x`), or the
# installed library would look for its rules under the old prefix.
build/datadir.stamp: FORCE | build/rel
	@echo '$(DATADIR)' | cmp -s - $@ 2>/dev/null || echo '$(DATADIR)' >$@
build/rel/paths.o build/san/paths.o: build/datadir.stamp

deps:
	@sh tools/deps.sh

demo: deps
	@$(MAKE) --no-print-directory policylint
	@for f in examples/*.txt examples/*.md examples/*.html; do \
	  echo "== ./policylint $$f"; ./policylint $$f; echo "(exit $$?)"; echo; \
	done; true

# The suite keeps its compiled rule sets (the cache) under build/, not in
# the user's home.
test unit-test cli-test valgrind-test precommit-test rules-test: \
  export XDG_CACHE_HOME = $(CURDIR)/build/test-cache

# The whole suite: sanitizers first, then valgrind on the plain build.
test:
	@sh tools/deps.sh test
	@$(MAKE) --no-print-directory check-layering unit-test cli-test \
	  rules-test valgrind-test precommit-test fuzz-test
	@echo "make test: all test stages passed"

unit-test: $(TEST_BIN)
	@for t in $(TEST_BIN); do \
	  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  POLICYLINT_RULES=$(CURDIR)/rules POLICYLINT_SHARED=$(SHARED) \
	  $$t || exit 1; done

build/san/dump_blocks: tests/dump_blocks.c build/san/libpolicylint.a
	$(CC) $(ALL_CFLAGS) -O1 $(SANITIZE) -o $@ $< build/san/libpolicylint.a $(LIBS)

cli-test: build/san/policylint policylint build/san/dump_blocks
	@POLICYLINT_RULES=$(CURDIR)/rules sh tests/cli/run.sh build/san/policylint $(SHARED)

# The stages (one object file each) must not depend on each other in a
# cycle; the check proves on two tiny objects that it would catch one.
check-layering: policylint
	@python3 tools/check-layering --self-test >/dev/null
	@python3 tools/check-layering build/rel

rules-test: build/san/policylint
	@POLICYLINT_RULES=$(CURDIR)/rules build/san/policylint --check-rules

valgrind-test: policylint
	@sh tests/valgrind.sh ./policylint $(SHARED)

bench: policylint
	@python3 tests/bench.py $(SHARED)

eval: policylint
	@if [ -x $(SHARED)/tools/eval-opp115 ]; then \
	  $(SHARED)/tools/eval-opp115 --linter ./policylint; \
	else echo "make eval: $(SHARED)/tools/eval-opp115 is absent; nothing to score"; fi

# The real pre-commit tool against a temporary repository that uses this
# repository's .pre-commit-hooks.yaml (skips visibly without pre-commit).
precommit-test: build/san/policylint
	@POLICYLINT_RULES=$(CURDIR)/rules sh tests/precommit.sh build/san/policylint

# ---- Fuzzing -------------------------------------------------------------
# libFuzzer targets (tests/fuzz/fuzz_*.c), built with clang over the
# library compiled for coverage, ASan and UBSan.  `make fuzz` runs each for
# FUZZ_SECONDS on a working copy of its seed corpus (new inputs stay in
# build/fuzz/work, out of the tree); `make fuzz-test` (part of `make test`)
# runs each for FUZZ_TEST_SECONDS and replays its regression inputs
# (tests/fuzz/regressions/TARGET/); both fail on a crash, leak or hang.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_TEST_SECONDS ?= 2
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all \
                -fno-omit-frame-pointer -g -O1
FUZZ_CFLAGS   = -std=c11 $(WARN) -Iinclude -Isrc -DPL_DATADIR='"$(DATADIR)"' \
                -DPL_FUZZ_ROOT='"$(CURDIR)"' \
                $(shell $(PKG_CONFIG) --cflags $(DEPS) 2>/dev/null)
FUZZ_TARGETS  = lint_text lint_markdown lint_html input rules config \
                baseline directives dates against lsp rulecache
FUZZ_BIN      = $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
FUZZ_OBJ      = $(LIB_SRC:src/%.c=build/fuzz/%.o)

build/fuzz/%.o: src/%.c $(wildcard include/*.h) $(wildcard src/*.h) | build/fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_SAN) -c -o $@ $<

build/fuzz/libpolicylint.a: $(FUZZ_OBJ)
	$(AR) rcs $@ $^

build/fuzz/fuzz_lint_%: tests/fuzz/fuzz_lint.c tests/fuzz/fuzz.h build/fuzz/libpolicylint.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -DFUZZ_FORMAT=PL_INPUT_$(shell echo $* | tr a-z A-Z) \
	  -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< build/fuzz/libpolicylint.a $(LIBS)

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h build/fuzz/libpolicylint.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< \
	  build/fuzz/libpolicylint.a $(LIBS)

build/fuzz build/fuzzcov:
	mkdir -p $@

# The same targets with clang's source coverage instead of sanitizers, for
# `make fuzz-coverage` (how much of src/ the corpora reach; needs llvm).
FUZZCOV_FLAGS = -fprofile-instr-generate -fcoverage-mapping -g -O1
FUZZCOV_OBJ   = $(LIB_SRC:src/%.c=build/fuzzcov/%.o)

build/fuzzcov/%.o: src/%.c $(wildcard include/*.h) $(wildcard src/*.h) | build/fuzzcov
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZCOV_FLAGS) -c -o $@ $<

build/fuzzcov/libpolicylint.a: $(FUZZCOV_OBJ)
	$(AR) rcs $@ $^

build/fuzzcov/fuzz_lint_%: tests/fuzz/fuzz_lint.c tests/fuzz/fuzz.h build/fuzzcov/libpolicylint.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -DFUZZ_FORMAT=PL_INPUT_$(shell echo $* | tr a-z A-Z) \
	  -fsanitize=fuzzer $(FUZZCOV_FLAGS) -o $@ $< build/fuzzcov/libpolicylint.a $(LIBS)

build/fuzzcov/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h build/fuzzcov/libpolicylint.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(FUZZCOV_FLAGS) -o $@ $< \
	  build/fuzzcov/libpolicylint.a $(LIBS)

fuzz-coverage: $(FUZZ_TARGETS:%=build/fuzzcov/fuzz_%)
	@sh tests/fuzz/coverage.sh $(FUZZ_TARGETS)

fuzz-build: $(FUZZ_BIN)

fuzz:
	@sh tests/fuzz/can-build.sh $(FUZZ_CC) || exit 1
	@$(MAKE) --no-print-directory fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-test:
	@if sh tests/fuzz/can-build.sh $(FUZZ_CC); then \
	  $(MAKE) --no-print-directory fuzz-build >/dev/null && \
	  FUZZ_WORK=build/fuzz/test-work sh tests/fuzz/run.sh \
	    $(FUZZ_TEST_SECONDS) $(FUZZ_TARGETS); \
	else echo "fuzz-test: SKIP: $(FUZZ_CC) cannot build libFuzzer targets (tools/deps.sh test installs clang and libclang-rt-dev)"; fi

# ---- Installation -------------------------------------------------------
# make install [PREFIX=/usr/local] [DESTDIR=/staging]: the program, its
# rules under $(DATADIR)/rules (the installed program finds them relative
# to itself, so a staged or moved tree works too), the man pages, the
# library with its header and a pkg-config file.
VERSION   := $(shell sed -n 's/^\#define PL_VERSION "\(.*\)"/\1/p' include/policylint.h)
PCDIR     ?= $(LIBDIR)/pkgconfig
RULE_FILES = $(notdir $(wildcard rules/*.yaml))
MAN_PAGES  = man1/policylint.1 man5/policylint-rules.5

# Written on every install, since PREFIX may differ from the last one.
# The library is static only, so its dependencies are plain Requires.
policylint.pc: FORCE
	@printf '%s\n' 'prefix=$(PREFIX)' \
	  'libdir=$(patsubst $(PREFIX)%,$${prefix}%,$(LIBDIR))' \
	  'includedir=$(patsubst $(PREFIX)%,$${prefix}%,$(INCLUDEDIR))' '' \
	  'Name: policylint' \
	  'Description: privacy-policy compliance linter library' \
	  'Version: $(VERSION)' \
	  'Requires: $(DEPS)' 'Libs: -L$${libdir} -lpolicylint' \
	  'Cflags: -I$${includedir}' >$@

install: policylint libpolicylint.a policylint.pc
	install -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(LIBDIR)' \
	  '$(DESTDIR)$(PCDIR)' '$(DESTDIR)$(INCLUDEDIR)' \
	  '$(DESTDIR)$(DATADIR)/rules' '$(DESTDIR)$(MANDIR)/man1' \
	  '$(DESTDIR)$(MANDIR)/man5'
	install -m 755 policylint '$(DESTDIR)$(BINDIR)/policylint'
	install -m 644 libpolicylint.a '$(DESTDIR)$(LIBDIR)/libpolicylint.a'
	install -m 644 include/policylint.h include/policylint-advanced.h '$(DESTDIR)$(INCLUDEDIR)/'
	install -m 644 policylint.pc '$(DESTDIR)$(PCDIR)/policylint.pc'
	install -m 644 $(addprefix rules/,$(RULE_FILES)) '$(DESTDIR)$(DATADIR)/rules/'
	install -m 644 docs/policylint.1 '$(DESTDIR)$(MANDIR)/man1/policylint.1'
	install -m 644 docs/policylint-rules.5 '$(DESTDIR)$(MANDIR)/man5/policylint-rules.5'

uninstall:
	rm -f '$(DESTDIR)$(BINDIR)/policylint' \
	  '$(DESTDIR)$(LIBDIR)/libpolicylint.a' \
	  '$(DESTDIR)$(INCLUDEDIR)/policylint.h' \
	  '$(DESTDIR)$(INCLUDEDIR)/policylint-advanced.h' \
	  '$(DESTDIR)$(PCDIR)/policylint.pc' \
	  $(foreach f,$(RULE_FILES),'$(DESTDIR)$(DATADIR)/rules/$(f)') \
	  $(foreach m,$(MAN_PAGES),'$(DESTDIR)$(MANDIR)/$(m)')
	-rmdir '$(DESTDIR)$(DATADIR)/rules' '$(DESTDIR)$(DATADIR)' 2>/dev/null

FORCE:

clean:
	rm -rf build policylint libpolicylint.a policylint.pc

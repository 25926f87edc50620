# ramify: build, test, demo.  GNU make.
#
#   make          build bin/ramify and libramify.a
#   make demo     render samples/ to PDF, SVG and PNG in demo/
#   make check    build with -Werror, run every test, then again under ASan+UBSan
#   make asan     only the ASan+UBSan pass
#   make deps     install missing Debian packages (run by the targets above)

PREFIX	?= /usr/local
CC	?= cc
CFLAGS	?= -O2 -g
BUILD	?= build
WERROR	?=
SAN	?=
V	?=
Q	= $(if $(V),,@)

PKGS	= libxml-2.0 pangocairo cairo-pdf cairo-svg cairo-png glib-2.0 jansson \
	  libzip md4c yaml-0.1
TESTPKGS = cmocka
# Debian packages: headers for $(PKGS), fonts the renderer asks for, and
# the tools the tests use to look at what we produce.
DEBS	= pkg-config libxml2-dev libpango1.0-dev libcairo2-dev libglib2.0-dev \
	  libjansson-dev libzip-dev libmd4c-dev libyaml-dev libcmocka-dev \
	  fonts-noto-core fonts-noto-cjk \
	  poppler-utils libxml2-utils jq

WARN	= -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes \
	  -Wmissing-prototypes -Wpointer-arith -Wvla $(WERROR)
ALL_CPPFLAGS = -Iinclude -Isrc -I$(BUILD) -D_POSIX_C_SOURCE=200809L $(CPPFLAGS)
ALL_CFLAGS = $(WARN) $(CFLAGS) $(SAN) -pthread -fvisibility=hidden \
	     $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS	= $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -pthread

LIB_SRCS = src/arena.c src/diag.c src/utf8.c src/sink.c src/model.c \
	   src/format.c src/options.c src/ramify.c src/style.c src/theme.c \
	   src/xml.c src/read_ramify.c src/write_ramify.c \
	   src/read_mm.c src/write_mm.c src/read_opml.c src/write_opml.c \
	   src/read_xmind.c src/read_mmap.c src/zipmap.c \
	   src/read_markdown.c src/write_markdown.c \
	   src/read_text.c src/write_text.c \
	   src/write_tree.c src/write_layout.c src/layout.c src/pipeline.c \
	   src/text_pango.c src/icons.c src/render_map.c src/render_cairo.c \
	   src/customers.c src/report.c src/write_report.c src/link.c src/card.c
LIB_OBJS = $(LIB_SRCS:src/%.c=$(BUILD)/%.o) $(BUILD)/schema_map.o \
	   $(BUILD)/schema_customers.o $(BUILD)/themes.o
CLI_OBJS = $(BUILD)/cli.o
TESTS	= $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/test_*.c))

.PHONY: all deps demo check asan test clean regen bench bench-customers \
	gen-customers fuzz
all: deps $(BUILD)/ramify bin/ramify

deps:
	@missing=""; \
	pkg-config --exists $(PKGS) $(TESTPKGS) 2>/dev/null || missing=1; \
	fc-list 2>/dev/null | grep -q 'Noto Sans CJK' || missing=1; \
	fc-list 2>/dev/null | grep -q 'NotoSans-Regular' || missing=1; \
	command -v pdftotext >/dev/null || missing=1; \
	command -v xmllint >/dev/null || missing=1; \
	command -v jq >/dev/null || missing=1; \
	if [ -n "$$missing" ]; then \
	  echo "deps: installing Debian packages: $(DEBS)"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(DEBS) >/dev/null || \
	  { echo "deps: apt-get failed; install: $(DEBS)" >&2; exit 1; }; \
	fi

$(BUILD)/%.o: src/%.c src/*.h include/ramify.h
	@mkdir -p $(@D)
	@echo "CC $<"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# The RELAX NG schema is compiled in, so checking never reads a file.
$(BUILD)/schema_map.c: schemas/ramify-map.rng
	@mkdir -p $(@D)
	$(Q)awk 'BEGIN { print "const char rm_schema_map[] =" } \
	     { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); print "\"" $$0 "\\n\"" } \
	     END { print ";" }' $< > $@
$(BUILD)/schema_map.o: $(BUILD)/schema_map.c
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<
$(BUILD)/schema_customers.c: schemas/ramify-customers.rng
	@mkdir -p $(@D)
	$(Q)awk 'BEGIN { print "const char rm_schema_customers[] =" } \
	     { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); print "\"" $$0 "\\n\"" } \
	     END { print ";" }' $< > $@
$(BUILD)/schema_customers.o: $(BUILD)/schema_customers.c
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Themes are data (themes/NAME.theme, GKeyFile), compiled in the same
# way: rm_theme_src[] holds name, text, name, text, ..., NULL.
THEMES	= $(sort $(wildcard themes/*.theme))
$(BUILD)/themes.c: $(THEMES)
	@mkdir -p $(@D)
	$(Q)awk 'BEGIN { print "const char *const rm_theme_src[] = {" } \
	     FNR == 1 { if (NR > 1) print ","; f = FILENAME; \
	       sub(/^.*\//, "", f); sub(/\.theme$$/, "", f); \
	       print "\"" f "\"," } \
	     { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); print "\"" $$0 "\\n\"" } \
	     END { if (NR > 0) print ","; print "0 };" }' $(THEMES) > $@
$(BUILD)/themes.o: $(BUILD)/themes.c
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libramify.a: $(LIB_OBJS)
	@echo "AR $@"
	$(Q)rm -f $@
	$(Q)ar rcs $@ $(LIB_OBJS)

$(BUILD)/ramify: $(CLI_OBJS) $(BUILD)/libramify.a
	@echo "LD $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJS) $(BUILD)/libramify.a $(LIBS)

bin/ramify: $(BUILD)/ramify
	@mkdir -p bin
	cp $(BUILD)/ramify $@

$(BUILD)/tests/%: tests/%.c tests/util.h $(BUILD)/libramify.a
	@mkdir -p $(@D)
	@echo "CC $<"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(shell pkg-config --cflags cmocka) \
	    -o $@ $< $(BUILD)/libramify.a $(LIBS) $(shell pkg-config --libs cmocka)

# Run every test against the binaries in $(BUILD).
test: $(BUILD)/ramify $(TESTS)
	@set -e; for t in $(TESTS); do echo "# $$t"; RAMIFY=$(BUILD)/ramify $$t; done
	@RAMIFY=$(BUILD)/ramify sh tests/golden.sh

# LeakSanitizer: fontconfig and glib keep caches for the process's life.
ASAN_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	   LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	   UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
asan: deps
	$(ASAN_ENV) $(MAKE) BUILD=build/asan CFLAGS="-O1 -g" WERROR=-Werror \
	    SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" test

check: deps
	$(MAKE) WERROR=-Werror test
	$(MAKE) asan

regen: all
	RAMIFY=$(BUILD)/ramify sh tests/golden.sh --regen

demo: all
	@mkdir -p demo
	@set -e; for f in samples/*.xml; do \
	  b=demo/$$(basename $$f .xml); d=; \
	  [ $$f != samples/customer-accounts.xml ] || d="--data samples/customers.xml"; \
	  for t in pdf svg png; do $(BUILD)/ramify convert $$f $$d -o $$b.$$t; done; \
	  $(BUILD)/ramify convert $$f $$d -t text -o $$b.txt; \
	  echo "demo: $$f$${d:+ $$d} -> $$b.pdf $$b.svg $$b.png $$b.txt"; \
	done
	@$(BUILD)/ramify report samples/customers.xml -o demo/customers-report.txt
	@echo "demo: samples/customers.xml -> demo/customers-report.txt (ramify report)"

$(BUILD)/bench: bench/bench.c $(BUILD)/libramify.a
	@echo "CC $<"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libramify.a $(LIBS)

# The customer data generator: gen_customers N SEED [TODAY] > file.xml
$(BUILD)/gen_customers: bench/gen_customers.c
	@mkdir -p $(@D)
	@echo "CC $<"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(LIBS)
gen-customers: $(BUILD)/gen_customers

# Speed, against Graphviz on the same trees (not part of check: dot takes
# about a minute on 10 000 topics).
bench: all $(BUILD)/bench bench-customers
	@command -v dot >/dev/null && command -v bc >/dev/null && [ -x /usr/bin/time ] || { SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get install -y -qq graphviz time bc >/dev/null; }
	sh bench/bench.sh $(BUILD) "$(SIZES)"

SIZES	?= 1000 10000 100000

# Reading and analysing 100 000 generated customers, JSON report out.
bench-customers: all $(BUILD)/gen_customers
	@$(BUILD)/gen_customers 100000 42 > $(BUILD)/c100k.xml
	@/usr/bin/time -f "read and check 100 000 customers: %e s wall, %M KB peak" \
	    $(BUILD)/ramify check $(BUILD)/c100k.xml
	@/usr/bin/time -f "read, analyse, text report: %e s wall, %M KB peak" \
	    $(BUILD)/ramify report $(BUILD)/c100k.xml -t text -o /dev/null --today 2026-11-23
	@/usr/bin/time -f "read, analyse, JSON report: %e s wall, %U s user, %S s system, %M KB peak" \
	    $(BUILD)/ramify report $(BUILD)/c100k.xml -t json -o /dev/null --today 2026-11-23
	@rm -f $(BUILD)/c100k.xml

# libFuzzer, one harness per reader: tests/fuzz/fuzz_read.c built with
# FUZZ_FORMAT set ("make fuzz-opml"; "make fuzz" runs every reader in
# turn).  FUZZTIME seconds each; the corpus starts from the tests' files.
FUZZTIME ?= 600
FUZZ_READERS = ramify mm opml xmind mmap markdown text
# FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION: zip entries are read without
# checking their CRC (src/zipmap.c), so changes reach the XML and JSON.
FUZZ_FLAGS = -g -O1 -std=c11 -fsanitize=fuzzer,address,undefined \
	-DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION \
	$(ALL_CPPFLAGS) $(shell pkg-config --cflags $(PKGS))
fuzz: $(FUZZ_READERS:%=fuzz-%) fuzz-customers
# Harness and first corpus by name.  The customer data reader has a
# harness of its own (links and reports run on what it accepts), its
# corpus from the customer tests.
FUZZ_MAIN	= $(or $(FUZZ_MAIN_$*),tests/fuzz/fuzz_read.c)
FUZZ_CORPUS	= $(or $(FUZZ_CORPUS_$*),tests/golden/in/* tests/bad/* \
		  tests/fuzz/seeds/$*/* samples/*)
FUZZ_MAIN_customers	= tests/fuzz/fuzz_customers.c
FUZZ_CORPUS_customers	= tests/customers/*.xml tests/customers/bad/*.xml \
			  samples/customers.xml
fuzz-%: deps $(BUILD)/schema_map.c $(BUILD)/schema_customers.c $(BUILD)/themes.c
	@command -v clang >/dev/null || { SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get install -y -qq clang >/dev/null; }
	@mkdir -p build/fuzz/corpus-$*
	clang $(FUZZ_FLAGS) -DFUZZ_FORMAT='"$*"' -o build/fuzz/fuzz_$* \
	    $(FUZZ_MAIN) $(LIB_SRCS) $(BUILD)/schema_map.c \
	    $(BUILD)/schema_customers.c $(BUILD)/themes.c $(LIBS)
	@for f in $$(ls $(FUZZ_CORPUS) 2>/dev/null); do \
	  [ -f "$$f" ] && cp "$$f" build/fuzz/corpus-$*/; done; true
	build/fuzz/fuzz_$* -max_total_time=$(FUZZTIME) -max_len=65536 \
	    -artifact_prefix=build/fuzz/$*- build/fuzz/corpus-$*

clean:
	rm -rf build bin demo

#!/bin/sh
# Whether CC (clang) can build and link a libFuzzer target with ASan and
# UBSan: exit 0 if so, else 1 with the reason on stderr.
cc=${1:-clang}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "fuzz: $cc is not installed" >&2
  exit 1
fi
printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
  'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
  'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' \
  >"$tmp/t.c"
if ! "$cc" -fsanitize=fuzzer,address,undefined -o "$tmp/t" "$tmp/t.c" 2>"$tmp/err"; then
  echo "fuzz: $cc cannot link libFuzzer targets (the libFuzzer runtime, Debian's libclang-rt-dev, is missing?):" >&2
  head -3 "$tmp/err" >&2
  exit 1
fi
exit 0

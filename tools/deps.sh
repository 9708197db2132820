#!/bin/sh
# Checks that the build dependencies are installed (through pkg-config) and
# installs the missing Debian packages with apt-get when it can; otherwise
# prints the exact command to run.  `deps.sh test` also checks what the test
# suite uses (valgrind, python3, jsonschema, pre-commit, git, GNU
# parallel, Dask distributed, pcre2grep, neovim as a real LSP client, and
# clang with the libFuzzer runtime for the fuzz targets); the tests that
# need an optional tool skip visibly when it cannot be had.
need=""
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
command -v cc >/dev/null 2>&1 || need="$need gcc"
command -v make >/dev/null 2>&1 || need="$need make"
if command -v pkg-config >/dev/null 2>&1; then
  pkg-config --exists yaml-0.1 || need="$need libyaml-dev"
  pkg-config --exists libpcre2-8 || need="$need libpcre2-dev"
  pkg-config --exists cmocka || need="$need libcmocka-dev"
else
  need="$need libyaml-dev libpcre2-dev libcmocka-dev"
fi
if [ "${1:-}" = test ]; then
  command -v valgrind >/dev/null 2>&1 || need="$need valgrind"
  command -v python3 >/dev/null 2>&1 || need="$need python3"
  command -v git >/dev/null 2>&1 || need="$need git"
  command -v pre-commit >/dev/null 2>&1 || need="$need pre-commit"
  python3 -c 'import jsonschema' 2>/dev/null || need="$need python3-jsonschema"
  # scale-out (tests/cli/scale_out.sh) and the benchmark's pcre2grep
  command -v parallel >/dev/null 2>&1 || need="$need parallel"
  python3 -c 'import distributed' 2>/dev/null ||
    /usr/bin/python3 -c 'import distributed' 2>/dev/null ||
    need="$need python3-distributed"
  command -v pcre2grep >/dev/null 2>&1 || need="$need pcre2-utils"
  # a real LSP client for policylint lsp (tests/cli/lsp_nvim.sh)
  command -v nvim >/dev/null 2>&1 || need="$need neovim"
  # The fuzz targets: clang, and libFuzzer's runtime (libclang-rt-dev
  # names the one matching Debian's default clang).
  command -v clang >/dev/null 2>&1 || need="$need clang"
  sh "$(dirname "$0")/../tests/fuzz/can-build.sh" clang 2>/dev/null ||
    need="$need libclang-rt-dev"
fi
[ -z "$need" ] && exit 0

cmd="apt-get install -y$need"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "deps: installing:$need"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq $need >/dev/null || { echo "deps: failed: $cmd" >&2; exit 1; }
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  echo "deps: installing:$need"
  sudo apt-get update -qq >/dev/null 2>&1 || true
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null ||
    { echo "deps: failed: sudo $cmd" >&2; exit 1; }
else
  echo "deps: missing:$need" >&2
  echo "deps: run:  sudo apt-get update && sudo $cmd" >&2
  exit 1
fi

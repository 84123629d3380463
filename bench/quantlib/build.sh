#!/usr/bin/env bash
# Builds the QuantLib side of the speed comparison into bench/quantlib/build/ (gitignored).
# Needs Debian's libquantlib0-dev (QuantLib 1.29 headers and libQuantLib) and g++.
# Flags: -O2 only (no -march=native), the same optimization level Debian builds libQuantLib with,
# so neither side gets machine-specific vector code the other lacks; C++17 as QuantLib 1.29 wants.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$here/build"
CXX="${CXX:-g++}"
CXXFLAGS="${CXXFLAGS:--O2 -std=c++17 -DNDEBUG}"
# shellcheck disable=SC2086
"$CXX" $CXXFLAGS -o "$here/build/ql_bench" "$here/ql_bench.cpp" -lQuantLib
echo "built $(basename "$here")/build/ql_bench with: $CXX $CXXFLAGS ... -lQuantLib" >&2

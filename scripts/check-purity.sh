#!/usr/bin/env bash
# The core, the engine and the matcher do no I/O (DESIGN.md §1): they must not import Foundation.
set -euo pipefail
cd "$(dirname "$0")/.."
if grep -rnE '^\s*import (Foundation|FoundationEssentials|Glibc)' Sources/DenyscopeCore Sources/PolicyEngine $( [ -d Sources/Matcher ] && echo Sources/Matcher ); then
  echo "error: a pure module imports Foundation or Glibc (see above)" >&2
  exit 1
fi

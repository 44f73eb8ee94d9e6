#!/usr/bin/env bash
# Fails when a native executable needs a glibc newer than Lambda's provided.al2023 offers (2.34):
# such a binary dies on Lambda with "GLIBC_2.3x not found". Usage: check-glibc.sh EXECUTABLE [MAX]
set -euo pipefail
binary="$1"
max="${2:-2.34}"
needed=$(objdump -T "$binary" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
echo "$binary needs glibc ${needed:-none} (provided.al2023 has $max)"
if [ -n "$needed" ] && [ "$(printf '%s\n%s\n' "$needed" "$max" | sort -V | tail -1)" != "$max" ]; then
    echo "::error::$binary needs GLIBC_$needed, newer than provided.al2023's $max: build it in the Mandrel builder container (-Dquarkus.native.container-build=true)"
    exit 1
fi

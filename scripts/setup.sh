#!/usr/bin/env bash
# Installs what Personas needs on a Debian/Ubuntu machine, when it is missing, then nothing else.
# Called by `make demo` and `make test`; safe to run again (it checks before installing). Extra
# Debian package names given as arguments are installed too (scripts/sql-engines/setup.sh).
set -euo pipefail

# time: /usr/bin/time measures peak memory in `make bench-pipeline`; sqlite3 runs the typing tool's SQL in the tests;
# libxlsxwriter-dev writes typing-tool.xlsx (the PersonasWorkbook module links it).
packages=(libopenblas-dev liblapack-dev libxlsxwriter-dev pkg-config time sqlite3 "$@")
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}" >&2
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
        sudo="sudo"
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null; then
    for candidate in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
        [ -x "$candidate/swift" ] && { echo "setup: add $candidate to PATH" >&2; break; }
    done
    echo "setup: a Swift 6.1 or newer toolchain is required (https://www.swift.org/install/linux/)" >&2
    exit 1
fi

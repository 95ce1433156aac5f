#!/usr/bin/env bash
# Runs everything CI runs: formatting, lints, the whole test suite.
# Works on a fresh Debian machine with the Rust toolchain; it installs the
# few system packages the tests need (none of them -dev packages).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v cc >/dev/null || need+=(gcc libc6-dev)
command -v pkg-config >/dev/null || need+=(pkg-config)
# The kill -9 test runs the real binary in a real (virtual) X display, on
# Mesa's software OpenGL, and types into it.
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
# The notes merge driver is tested under a real `git merge`.
command -v git >/dev/null || need+=(git)
[ -e /usr/lib/x86_64-linux-gnu/libEGL_mesa.so.0 ] || [ -e /usr/lib/aarch64-linux-gnu/libEGL_mesa.so.0 ] || need+=(libegl1 libgl1 libegl-mesa0 libgl1-mesa-dri)
[ -e /usr/lib/x86_64-linux-gnu/libxkbcommon-x11.so.0 ] || [ -e /usr/lib/aarch64-linux-gnu/libxkbcommon-x11.so.0 ] || need+=(libxkbcommon-x11-0)
dpkg -s libxcursor1 libxrandr2 libxi6 libfontconfig1 fonts-dejavu-core >/dev/null 2>&1 || need+=(libxcursor1 libxrandr2 libxi6 libfontconfig1 fonts-dejavu-core)
if ((${#need[@]})); then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi

# The slide-deck export is checked with the real Marp CLI (renders Markdown
# to HTML; no browser needed). Node.js and npm come with the machine image;
# install them from Debian if missing.
if ! command -v npm >/dev/null; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm
fi
if [ ! -x node_modules/.bin/marp ]; then
    echo "== npm install @marp-team/marp-cli"
    npm install --prefix "$PWD" --no-save --no-audit --no-fund --loglevel=error @marp-team/marp-cli@4.5.1
fi

echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy"
cargo clippy --locked --all-targets -- -D warnings
echo "== cargo test"
cargo test --locked --all-targets

echo "== fuzz smoke"
./scripts/fuzz-smoke.sh

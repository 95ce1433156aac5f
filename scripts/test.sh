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

# The two-monitor test runs a real Xorg with the dummy driver (two virtual
# outputs, set side by side with xrandr; Xvfb has one) and Openbox as the
# window manager. Without recommends: Xorg's would bring logind.
xorg_need=()
[ -e /usr/lib/xorg/modules/drivers/dummy_drv.so ] || xorg_need+=(xserver-xorg-core xserver-xorg-video-dummy)
command -v xrandr >/dev/null || xorg_need+=(x11-xserver-utils)
command -v openbox >/dev/null || xorg_need+=(openbox)
if ((${#xorg_need[@]})); then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${xorg_need[@]}"
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

# The PowerPoint export is checked with the tools that open it: LibreOffice
# Impress converts each deck to PDF (poppler-utils reads the PDF back), and
# python-pptx reads each deck (in a venv of its own, with Pillow to measure
# text in Liberation Sans, which LibreOffice uses for Arial).
pptx_need=()
command -v soffice >/dev/null || pptx_need+=(libreoffice-impress)
command -v pdftotext >/dev/null || pptx_need+=(poppler-utils)
dpkg -s fonts-liberation2 >/dev/null 2>&1 || pptx_need+=(fonts-liberation2)
command -v fc-match >/dev/null || pptx_need+=(fontconfig)
python3 -c 'import venv, ensurepip' 2>/dev/null || pptx_need+=(python3-venv)
if ((${#pptx_need[@]})); then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${pptx_need[@]}"
fi
if ! .venv-pptx/bin/python -c 'import pptx, PIL' 2>/dev/null; then
    echo "== pip install python-pptx (into .venv-pptx)"
    python3 -m venv .venv-pptx
    .venv-pptx/bin/pip install --quiet --disable-pip-version-check python-pptx==1.0.2 pillow
fi

echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy"
cargo clippy --locked --all-targets -- -D warnings
echo "== cargo test"
cargo test --locked --all-targets --no-fail-fast

echo "== fuzz smoke"
./scripts/fuzz-smoke.sh

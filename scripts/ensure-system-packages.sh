#!/usr/bin/env bash
# Debian packages the tests use: chromium (browser tests through playwright-core — no browser
# download works here), poppler-utils (pdftotext/pdftoppm read the receipt PDFs) and Roboto
# (fonts-roboto-unhinted: the font an Android phone shows the site in, which sets its text in the
# device's own font — so screenshots and Lighthouse see what a phone sees) and Noto Color Emoji
# (fonts-noto-color-emoji: the bot's buttons and messages in the Telegram emulator's pages).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -q 'Roboto-Regular' || missing+=(fonts-roboto-unhinted)
fc-list 2>/dev/null | grep -q 'NotoColorEmoji' || missing+=(fonts-noto-color-emoji)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ]; then
  echo "Installing Debian packages for the tests: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Missing Debian packages: ${missing[*]} — run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

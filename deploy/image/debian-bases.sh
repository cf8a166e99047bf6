#!/bin/sh
# Base images for the Dockerfile made from Debian's packages alone, for a machine whose
# container engine cannot pull from a registry (no Docker Hub) but reaches Debian's mirror:
#   peihuo-base/python:3.11-bookworm  Debian 12's Python 3.11 with venv and pip
#   peihuo-base/node:20-bookworm      the same, plus this machine's Node.js (>= 20.19) and npm
# Then: docker build --build-arg PYTHON_IMAGE=peihuo-base/python:3.11-bookworm \
#         --build-arg NODE_IMAGE=peihuo-base/node:20-bookworm --network host -t peihuo:local .
# With CA_BUNDLE=/path/to/bundle.pem the bundle replaces the images' own (a network whose
# registries are reached through a TLS-inspecting proxy): pip, npm and Python trust it.
# Needs root, debootstrap and a running engine (docker, or podman with DOCKER=podman).
# See docs/container-image.md.
set -eu
DOCKER=${DOCKER:-docker}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
WORK=$(mktemp -d /tmp/peihuo-base.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

debootstrap --variant=minbase \
    --include=python3,python3-venv,python3-pip,python-is-python3,ca-certificates \
    bookworm "$WORK/root" "$MIRROR"
rm -rf "$WORK/root/var/cache/apt/archives/"*.deb "$WORK/root/var/lib/apt/lists/"*

CHANGES=""
if [ -n "${CA_BUNDLE:-}" ]; then
    cp "$CA_BUNDLE" "$WORK/root/etc/ssl/certs/ca-certificates.crt"
    CHANGES="ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt PIP_CERT=/etc/ssl/certs/ca-certificates.crt NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt"
fi
tar -C "$WORK/root" -c . | $DOCKER import ${CHANGES:+--change "$CHANGES"} - peihuo-base/python:3.11-bookworm

NODE=$(command -v node)
NPM_DIR=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
cp "$NODE" "$WORK/root/usr/bin/node"
mkdir -p "$WORK/root/usr/lib/node_modules"
cp -a "$NPM_DIR" "$WORK/root/usr/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$WORK/root/usr/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$WORK/root/usr/bin/npx"
tar -C "$WORK/root" -c . | $DOCKER import ${CHANGES:+--change "$CHANGES"} - peihuo-base/node:20-bookworm

#!/usr/bin/env bash
# make deb: the Debian packages xenvf-dkms and xenvf-utils (debian/), built
# with dpkg-buildpackage from a copy of the tree (tracked files and new ones
# git does not ignore) in OUT, so nothing is written into the tree:
# OUT/xenvf_VERSION.dsc, .tar.xz, _all/_amd64 .debs, .changes, build.log,
# lintian.txt.
# Usage: scripts/build-deb.sh [OUT]     (default results/deb)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=${1:-$root/results/deb}
ver=$(cat VERSION)
mkdir -p "$out"
out=$(cd "$out" && pwd)
case $out/ in
"$root"/results/*) ;;
"$root"/*) echo "build-deb: $out is inside the tree and not ignored" >&2; exit 1 ;;
esac
src=$out/xenvf-$ver
# only what an earlier build left there: OUT may hold other files
rm -rf "$src" "$out"/xenvf_* "$out"/xenvf-*.deb "$out/build.log" "$out/lintian.txt"
mkdir -p "$src"
git ls-files -z -c -o --exclude-standard | while IFS= read -r -d '' f; do
	[ -e "$f" ] && printf '%s\0' "$f"	# a tracked file deleted in the work tree
done | grep -zv '^results/' | xargs -0 cp -P --parents -t "$src"
if ! (cd "$src" && dpkg-buildpackage -us -uc) >"$out/build.log" 2>&1; then
	tail -n 30 "$out/build.log" >&2
	echo "build-deb: dpkg-buildpackage failed (all of it: $out/build.log)" >&2
	exit 1
fi
rm -rf "$src"
lintian --no-tag-display-limit --info "$out"/xenvf_"$ver"_*.changes \
	>"$out/lintian.txt" 2>&1 || true
ls "$out"/*.deb

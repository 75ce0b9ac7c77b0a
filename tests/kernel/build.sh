#!/usr/bin/env bash
# Build (or reuse) a test kernel: Debian's linux-source-6.1 with the
# fragments of a flavour merged on tinyconfig: `rig` (tests/kernel/xenvf.config:
# Xen PV dom0 and guests, and pvh.config: PVH guests), `debug` (xenvf.config
# plus tests/kernel/debug.config, the
# sanitizers) or `kunit` (debug plus tests/kernel/kasan.config). The build lives in
# $XENVF_CACHE/kernel/<hash of flavour, fragments, source version, compiler>,
# so a warm run returns at once and a config change builds a fresh tree
# (with ccache).
#
# Usage: tests/kernel/build.sh [rig|debug|kunit]        build if needed, print the dir
#        tests/kernel/build.sh [rig|debug|kunit] --dir  only print the build dir
#        tests/kernel/build.sh all                      build every flavour
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"

flavour=${1:-rig}
if [ "$flavour" = all ]; then
	"$0" rig
	"$0" debug
	"$0" kunit
	exit 0
fi
out=$(ktest_dir "$flavour")
if [ "${2:-}" = "--dir" ]; then
	echo "$out"
	exit 0
fi
if [ -f "$out/.xenvf-done" ]; then
	echo "$out"
	exit 0
fi

# One build at a time: a second caller waits here, then takes the finished
# tree instead of wiping it.
mkdir -p "$XENVF_CACHE"
exec 9>"$XENVF_CACHE/kernel.lock"
flock 9
if [ -f "$out/.xenvf-done" ]; then
	echo "$out"
	exit 0
fi

[ -f "$LINUX_SRC_TARBALL" ] || die "$LINUX_SRC_TARBALL missing: run scripts/install-deps.sh"

# Unpack the source at a fixed path: build dirs refer to it by absolute path.
ver=$(linux_src_version)
if [ "$(cat "$LINUX_SRC_DIR/.xenvf-version" 2>/dev/null)" != "$ver" ]; then
	log "unpacking linux-source-6.1 $ver"
	rm -rf "$LINUX_SRC_DIR"
	mkdir -p "$(dirname "$LINUX_SRC_DIR")"
	tar -C "$(dirname "$LINUX_SRC_DIR")" -xf "$LINUX_SRC_TARBALL"
	# fixes to Linux itself that the debug kernel needs (see each patch)
	for p in "$XENVF_ROOT"/tests/kernel/patches/*.patch; do
		[ -f "$p" ] || continue
		patch -s -p1 -d "$LINUX_SRC_DIR" < "$p" || die "patch $p does not apply"
	done
	echo "$ver" > "$LINUX_SRC_DIR/.xenvf-version"
fi

export CCACHE_DIR=$XENVF_CACHE/ccache
export CCACHE_MAXSIZE=5G
# Build dirs differ per config hash: hash paths relative to the cache so a
# new config still hits the objects an earlier one compiled.
export CCACHE_BASEDIR=$XENVF_CACHE
export CCACHE_NOHASHDIR=1
# Depend mode: the hash comes from the compiler's own dependency list
# (kbuild's -Wp,-MMD), so a miss compiles once. The default modes run the
# preprocessor a second time to hash its output: about 15 % more CPU on
# net/core/dev.c, more on small files, on every cold build.
export CCACHE_DEPEND=1
mk() { make -s -C "$LINUX_SRC_DIR" O="$out" ARCH=x86_64 CC="ccache gcc" "$@"; }

rm -rf "$out"
mkdir -p "$out"
read -r -a frags <<< "$(ktest_fragments "$flavour")"
log "configuring the $flavour test kernel in $out"
mk tinyconfig >/dev/null
(cd "$out" && "$LINUX_SRC_DIR/scripts/kconfig/merge_config.sh" -m -O "$out" .config "${frags[@]}" >/dev/null)
mk olddefconfig >/dev/null

# Every line of the fragments must survive olddefconfig (dependencies met).
bad=0
while read -r line; do
	case "$line" in CONFIG_*) ;; *) continue ;; esac
	if ! grep -qx "$line" "$out/.config"; then
		echo "config: '$line' did not survive (unmet dependency?)" >&2
		bad=1
	fi
done < <(cat "${frags[@]}")
[ "$bad" -eq 0 ] || die "test kernel config fragment is not consistent"

log "building the $flavour test kernel ($(nproc) jobs)"
start=$(date +%s)
# make's own status counts (pipefail): a failed module build leaves a
# bzImage behind, so its presence alone proves nothing. grep may find no
# line to pass on; that is no failure.
mk -j"$(nproc)" bzImage modules 2>&1 | { grep -v '^$' || true; } >&2 ||
	die "test kernel build failed"
[ -f "$out/arch/x86/boot/bzImage" ] || die "test kernel build failed: no bzImage"
rm -rf "$out/modroot"
mk INSTALL_MOD_PATH="$out/modroot" modules_install >/dev/null
log "test kernel built in $(( $(date +%s) - start )) s"
touch "$out/.xenvf-done"
# Keep the builds of every flavour for the current fragments, and the two
# newest other finished ones; drop the rest.
current=" $(ktest_dir rig) $(ktest_dir debug) $(ktest_dir kunit) "
kept=0
for d in $(ls -dt "$XENVF_CACHE"/kernel/*/ | sed 's|/$||'); do
	case "$current" in *" $d "*) continue ;; esac
	if [ -f "$d/.xenvf-done" ] && [ "$kept" -lt 2 ]; then
		kept=$((kept + 1))
		continue
	fi
	rm -rf "$d"
done
echo "$out"

# Helpers to assemble busybox initramfs images (sourced, not run).
# shellcheck shell=bash

# initramfs_base DIR: busybox and the usual mount points.
initramfs_base() {
	local dir=$1
	mkdir -p "$dir"/{bin,sbin,etc,proc,sys,dev,run,tmp,var/log,lib64,usr/bin,usr/sbin}
	mkdir -p "$dir/lib/x86_64-linux-gnu"
	ln -sfn ../run "$dir/var/run"
	cp /bin/busybox "$dir/bin/busybox"
	local applet
	for applet in $(/bin/busybox --list); do
		[ -e "$dir/bin/$applet" ] || ln -s busybox "$dir/bin/$applet"
	done
}

# copy_bin DIR BIN [LIBPATH]: copy an ELF binary to DIR/usr/bin with every
# shared library ldd resolves (LIBPATH is searched first).
copy_bin() {
	local dir=$1 bin=$2 libpath=${3:-}
	cp "$bin" "$dir/usr/bin/"
	copy_libs "$dir" "$bin" "$libpath"
}

# copy_libs DIR ELF [LIBPATH]: copy the shared libraries ELF needs.
copy_libs() {
	local dir=$1 elf=$2 libpath=${3:-} lib
	for lib in $(LD_LIBRARY_PATH=$libpath ldd "$elf" 2>/dev/null |
		     awk '/=> \//{print $3} /^\t\/lib64/{print $1}'); do
		case "$lib" in
		/lib64/*) cp -L "$lib" "$dir/lib64/" ;;
		*) cp -L "$lib" "$dir/lib/x86_64-linux-gnu/" ;;
		esac
	done
}

# pack_cpio DIR OUT: an uncompressed newc archive (no decompression cost
# under TCG).
pack_cpio() {
	(cd "$1" && find . -print0 | cpio --null -o -H newc --quiet) > "$2"
}

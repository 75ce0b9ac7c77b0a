#!/usr/bin/env bash
# The Xen rig: boot Xen 4.17 in QEMU (TCG) with the test kernel as PV dom0,
# run one scenario of tests/xen/scenarios/ per boot inside dom0 (which starts
# PV domUs as it needs), and report pass/fail per scenario. Serial logs are
# kept in results/xen/<scenario>/serial.log.
#
# A scenario passes only if dom0 prints "XENVF-RESULT <token> <name> PASS"
# with the random token of this boot: console text from a test cannot fake
# it, and a dom0 oops (oops=panic) or a timeout ends the boot without it.
#
# Usage: tests/xen/run.sh [scenario...]   (default: every scenario but demo,
# bench and the manual ones)
#        tests/xen/run.sh --list          (print the default list and exit)
# RIG_DOM0_EXTRA: more words for dom0's command line (bench's xenvf.bench_*).
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$XENVF_ROOT/tests/lib/initramfs.sh"

RIG_TIMEOUT=${RIG_TIMEOUT:-600}
# A boot whose serial log has not grown for RIG_SILENCE seconds is stuck
# (every step of a scenario bounds its own waits well below that): the rig
# dumps what QEMU and Xen can tell (tests/xen/hang_dump.py, into the
# serial log and hang.log), waits RIG_SILENCE again in case the dump woke
# it, and then ends the boot instead of idling until its rig-timeout.
RIG_SILENCE=${RIG_SILENCE:-360}
# No XSAVE: with it, QEMU 7.2's TCG corrupts userspace register state across
# Xen's PV context switches once two domUs run (random segfaults and malloc
# aborts in dom0 and guests: 6 of 6 two-guest boots failed with -cpu max or
# max,-xsaves,-xsavec; 3 of 3 passed clean with max,-xsave). Xen then uses
# FXSAVE and guests see no AVX.
RIG_CPU=${RIG_CPU:-max,-xsave}
RIG_XEN_EXTRA=${RIG_XEN_EXTRA:-}
here=$XENVF_ROOT/tests/xen

list_only=
if [ "${1:-}" = --list ]; then
	list_only=1
	shift
fi
if [ $# -eq 0 ]; then
	# the debug kernel's scenarios, the longest, first: with RIG_JOBS
	# boots at once the last to start are then the short ones. Not in the
	# default list: demo, bench and a scenario with `# rig-manual: yes`
	# (run by name).
	manual=$(cd "$here/scenarios" && { grep -l '^# rig-manual: yes$' ./*.sh || true; } | sed 's|^\./||; s|\.sh$||' | tr '\n' '|')
	skip="demo|bench${manual:+|${manual%|}}"
	# Within each group the longest first, by their `# rig-timeout` (600
	# where there is none), so that the short ones fill in at the end.
	longest_first() {
		local n t
		for n in "$@"; do
			t=$(sed -n 's/^# rig-timeout: *\([0-9][0-9]*\)$/\1/p' "$here/scenarios/$n.sh" | head -n 1)
			echo "${t:-600} $n"
		done | sort -s -k1,1nr | cut -d' ' -f2
	}
	# shellcheck disable=SC2046 # one scenario name a word
	set -- $(longest_first $(cd "$here/scenarios" && grep -l '^# rig-kernel: debug$' ./*.sh | sed 's|^\./||; s|\.sh$||' | grep -vxE "$skip")) \
		$(longest_first $(cd "$here/scenarios" && grep -L '^# rig-kernel: debug$' ./*.sh | sed 's|^\./||; s|\.sh$||' | grep -vxE "$skip"))
fi
for s in "$@"; do
	[ -f "$here/scenarios/$s.sh" ] || die "no scenario '$s' in tests/xen/scenarios"
done
if [ -n "$list_only" ]; then
	printf '%s\n' "$@"
	exit 0
fi

xen=$("$here/fetch-xen.sh")
res=$XENVF_RESULTS/xen
mkdir -p "$res"
top=$(mktemp -d)
: > "$res/modules.log"
trap 'rm -rf "$top"' EXIT

# rig_kernel SCENARIO: the test kernel flavour it boots: `# rig-kernel: debug`
# (the sanitizers: hostile input and teardown) or the plain rig kernel.
rig_kernel() {
	sed -n 's/^# rig-kernel: *\([a-z]*\)$/\1/p' "$here/scenarios/$1.sh" | grep . || echo rig
}

# rig_domu_kernel SCENARIO: the flavour its guests boot. Dom0's by default;
# `# rig-domu-kernel: rig` boots the guests on the plain rig kernel (with
# the modules built for it) under a debug dom0: the hostile scenarios,
# where the sanitizers watch the backend under attack and a debug guest
# only makes every guest command slower.
rig_domu_kernel() {
	sed -n 's/^# rig-domu-kernel: *\([a-z]*\)$/\1/p' "$here/scenarios/$1.sh" | grep . ||
		rig_kernel "$1"
}

# dom0_image SCENARIO: the dom0 initramfs it boots.
dom0_image() {
	local f d
	f=$(rig_kernel "$1")
	d=$(rig_domu_kernel "$1")
	if [ "$f" = "$d" ]; then
		echo "$top/$f/dom0.cpio"
	else
		echo "$top/$f/dom0-domu-$d.cpio"
	fi
}

# mix_image FLAVOUR DOMU: FLAVOUR's dom0 with the guest kernel and domU
# initramfs of flavour DOMU (both prepared).
mix_image() {
	local r=$top/$1/dom0-domu-$2
	rm -rf "$r"
	cp -al "$top/$1/dom0" "$r"
	rm -f "$r/rig/domu.cpio" "$r/rig/vmlinux"
	cp "$top/$2/dom0/rig/domu.cpio" "$top/$2/dom0/rig/vmlinux" "$r/rig/"
	pack_cpio "$r" "$r.cpio"
	rm -rf "$r"
	log "dom0 initramfs of $1 with $2 guests $(( $(stat -c %s "$r.cpio") / 1048576 )) MiB"
}

xenlib=$xen/usr/lib/x86_64-linux-gnu:$xen/lib/x86_64-linux-gnu:$xen/usr/lib/xen-4.17/lib

# Files both dom0 and domUs have: busybox, iproute2, ethtool, xenstore client,
# the test kernel's modules, the xenvf modules.
common_root() {
	local r=$1 t
	initramfs_base "$r"
	copy_bin "$r" /sbin/ip
	mv "$r/usr/bin/ip" "$r/usr/sbin/ip"
	copy_bin "$r" /sbin/ethtool
	copy_bin "$r" "$xen/usr/bin/xenstore" "$xenlib"
	for t in read write ls list rm chmod watch exists; do
		ln -sf xenstore "$r/usr/bin/xenstore-$t"
	done
	mkdir -p "$r/lib/modules" "$r/rig/modules"
	cp -a "$kdir/modroot/lib/modules/$kver" "$r/lib/modules/"
	cp "$work"/src/pf_backend/*.ko "$work"/src/vf_frontend/*.ko \
		"$work"/src/tests/xen/hostile/*.ko "$r/rig/modules/"
}

# prepare FLAVOUR: xenvf modules, tools and the dom0/domU images built
# against that test kernel, in $top/FLAVOUR.
prepare() {
	kdir=$("$XENVF_ROOT/tests/kernel/build.sh" "$1")
	kver=$(cat "$kdir/include/config/kernel.release")
	work=$top/$1
	mkdir -p "$work"
	log "building xenvf modules against the $1 test kernel"
	rsync -a --exclude .git --exclude results "$XENVF_ROOT/" "$work/src/"
	make -s -C "$kdir" M="$work/src" W=1 modules >> "$res/modules.log" 2>&1 ||
		{ cat "$res/modules.log" >&2; die "xenvf modules failed to build"; }
	make -s -C "$kdir" M="$work/src/tests/xen/hostile" W=1 modules >> "$res/modules.log" 2>&1 ||
		{ cat "$res/modules.log" >&2; die "the hostile test frontend failed to build"; }
	make -s -C "$work/src/xen-tools" >> "$res/modules.log" 2>&1 ||
		{ cat "$res/modules.log" >&2; die "the xenvf tool failed to build"; }

	log "assembling domU and dom0 initramfs"
	common_root "$work/domu"
	cp "$here/guest/init-domu" "$work/domu/init"
	ln -sf ../bin/busybox "$work/domu/sbin/poweroff"
	cp "$here/guest/lib.sh" "$work/domu/rig/"
	# FIP VLAN discovery, both ends (no fcoe-utils in the initramfs)
	gcc -O2 -Wall -Wextra -Werror -o "$work/domu/usr/bin/xenvf-fip" \
		"$XENVF_ROOT/tests/xen/fip_vlan.c" || die "xenvf-fip failed to build"
	# crafted VLAN tag stacks on a raw socket (the switch's tag rules)
	gcc -O2 -Wall -Wextra -Werror -o "$work/domu/usr/bin/xenvf-rawtag" \
		"$XENVF_ROOT/tests/xen/raw_tags.c" || die "xenvf-rawtag failed to build"
	# the benchmark's traffic tool (scenario bench, make bench), static
	gcc -static -O2 -Wall -Wextra -Werror -o "$work/domu/usr/bin/xvperf" \
		"$XENVF_ROOT/tests/bench/xvperf.c" || die "xvperf failed to build"
	common_root "$work/dom0"
	pack_cpio "$work/domu" "$work/dom0/rig/domu.cpio"
	cp "$here/guest/init-dom0" "$work/dom0/init"
	cp "$here/guest/lib.sh" "$here/guest/verdict.sh" "$here/guest/vif-up" "$work/dom0/rig/"
	cp -r "$here/scenarios" "$work/dom0/rig/"
	cp "$kdir/vmlinux" "$work/dom0/rig/vmlinux"
	mkdir -p "$work/dom0/usr/lib/xen-4.17/bin" "$work/dom0/etc/xen"
	for t in xl xenstored xenconsoled xen-init-dom0 libxl-save-helper; do
		cp "$xen/usr/lib/xen-4.17/bin/$t" "$work/dom0/usr/lib/xen-4.17/bin/"
		copy_libs "$work/dom0" "$xen/usr/lib/xen-4.17/bin/$t" "$xenlib"
	done
	cp "$xen/etc/xen/xl.conf" "$work/dom0/etc/xen/"
	# pcie_cfg's parsers as a dom0 tool, to run them on real (emulated) functions
	gcc -O2 -Wall -Wextra -Werror -I"$XENVF_ROOT/pcie_cfg" -I"$XENVF_ROOT/common" \
		-o "$work/dom0/usr/bin/xenvf-pcicfg" "$XENVF_ROOT/tests/xen/pcicfg_dump.c" \
		"$XENVF_ROOT/pcie_cfg/pcie_caps.c" || die "xenvf-pcicfg failed to build"
	# FCoE/FIP frames by 802.1p priority on a dom0 netdev (no tcpdump there)
	gcc -O2 -Wall -Wextra -Werror -o "$work/dom0/usr/bin/xenvf-pcp" \
		"$XENVF_ROOT/tests/xen/pcp_count.c" || die "xenvf-pcp failed to build"
	# frames as fast as a packet socket takes them (a VF's RX flood)
	gcc -O2 -Wall -Wextra -Werror -o "$work/dom0/usr/bin/xenvf-flood" \
		"$XENVF_ROOT/tests/xen/rx_flood.c" || die "xenvf-flood failed to build"
	# COUNT frames of any size and EtherType on a dom0 netdev (a VF's
	# representor), or one a millisecond
	gcc -O2 -Wall -Wextra -Werror -o "$work/dom0/usr/bin/xenvf-rawsend" \
		"$XENVF_ROOT/tests/xen/rawsend.c" || die "xenvf-rawsend failed to build"
	# run a command as nobody with no capabilities (xenvf evi reads)
	gcc -O2 -Wall -Wextra -Werror -o "$work/dom0/usr/bin/xenvf-asuser" \
		"$XENVF_ROOT/tests/xen/asuser.c" || die "xenvf-asuser failed to build"
	cp "$work/domu/usr/bin/xenvf-fip" "$work/dom0/usr/bin/"
	copy_bin "$work/dom0" "$work/src/xen-tools/xenvf" "$xenlib"
	# glibc dlopens libgcc_s at exit (pthread_cancel); ldd does not list it.
	cp -L /lib/x86_64-linux-gnu/libgcc_s.so.1 "$work/dom0/lib/x86_64-linux-gnu/"
	pack_cpio "$work/dom0" "$work/dom0.cpio"
	log "dom0 initramfs $(( $(stat -c %s "$work/dom0.cpio") / 1048576 )) MiB"
}


# silence_watch QEMU_PID OUT MONITOR SERIAL: the silence dump of run_one.
silence_watch() {
	local pid=$1 out=$2 mon=$3 ser=$4 quiet size dumped= dump_end
	while kill -0 "$pid" 2>/dev/null; do
		sleep 15
		[ -f "$out/serial.log" ] || continue
		if [ -n "$dumped" ]; then
			# the log grew past what the dump printed: it goes on
			size=$(stat -c %s "$out/serial.log")
			if [ "$size" != "$dumped" ]; then
				echo "rig: output again at $(date -u +%T)" >> "$out/hang.log"
				dumped=
			elif [ $(( $(date +%s) - dump_end )) -ge "$RIG_SILENCE" ]; then
				echo "rig: still silent $RIG_SILENCE s after the dump: ending the boot" >> "$out/hang.log"
				touch "$out/silent"
				kill "$pid" 2>/dev/null
				return
			fi
			continue
		fi
		quiet=$(( $(date +%s) - $(stat -c %Y "$out/serial.log") ))
		[ "$quiet" -ge "$RIG_SILENCE" ] || continue
		{
			echo "rig: silent for $quiet s at $(date -u +%T): dumping"
			timeout 120 python3 "$here/hang_dump.py" "$mon" "$ser"
		} >> "$out/hang.log" 2>&1
		sleep 10	# Xen prints its dumps from tasklets
		dumped=$(stat -c %s "$out/serial.log")
		dump_end=$(date +%s)
	done
}

# run_one SCENARIO: boot it, judge it; prints its verdict lines and writes
# PASS or FAIL into $res/SCENARIO/verdict.
run_one() {
	local s=$1 out token dom0_args machine limit flavour kdir start rc secs late why qpid wpid
	local -a qemu_extra
	out=$res/$s
	token=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
	dom0_args="console=hvc0 earlyprintk=xen oops=panic panic=-1 panic_on_warn=1 slub_debug=FZPU xenvf.scenario=$s xenvf.token=$token ${RIG_DOM0_EXTRA:-}"
	# a scenario may ask for another machine and more devices, or longer:
	#   # rig-machine: q35   # rig-qemu: -device ...   # rig-timeout: SECONDS
	machine=$(sed -n 's/^# rig-machine: *//p' "$here/scenarios/$s.sh")
	read -r -a qemu_extra <<< "$(sed -n 's/^# rig-qemu: *//p' "$here/scenarios/$s.sh" | tr '\n' ' ')"
	limit=$(sed -n 's/^# rig-timeout: *\([0-9][0-9]*\)$/\1/p' "$here/scenarios/$s.sh")
	[ -n "$limit" ] && [ "$limit" -gt "$RIG_TIMEOUT" ] || limit=$RIG_TIMEOUT
	flavour=$(rig_kernel "$s")
	kdir=$("$XENVF_ROOT/tests/kernel/build.sh" "$flavour" --dir)
	log "scenario $s: booting Xen ($flavour kernel, $(rig_domu_kernel "$s") guests)"
	start=$(date +%s)
	rc=0
	# the serial port and the monitor are sockets (short paths, in $top)
	# only for the silence dump; the serial log is the chardev's logfile
	timeout "$limit" qemu-system-x86_64 -accel tcg -machine "${machine:-pc}" -cpu "$RIG_CPU" \
		"${qemu_extra[@]}" \
		-m 1024 -smp 1 -display none -no-reboot \
		-monitor "unix:$top/$s.mon,server=on,wait=off" \
		-chardev "socket,id=ser0,path=$top/$s.ser,server=on,wait=off,logfile=$out/serial.log" \
		-serial chardev:ser0 \
		-kernel "$xen/xen.elf" \
		-append "console=com1 com1=115200,8n1 dom0_mem=512M,max:512M loglvl=all guest_loglvl=all conring_size=1M smap=0 bootscrub=0 $RIG_XEN_EXTRA" \
		-initrd "$kdir/vmlinux $dom0_args,$(dom0_image "$s")" </dev/null &
	qpid=$!
	silence_watch "$qpid" "$out" "$top/$s.mon" "$top/$s.ser" &
	wpid=$!
	wait "$qpid" || rc=$?
	kill "$wpid" 2>/dev/null || true
	wait "$wpid" 2>/dev/null || true
	secs=$(( $(date +%s) - start ))
	tr -d '\r' < "$out/serial.log" > "$out/serial.txt" && mv "$out/serial.txt" "$out/serial.log"
	# The result line must be the last thing dom0 printed: after it only
	# the reboot (dom0's "reboot:" line and Xen's own shutdown lines).
	late=$(sed -n "/XENVF-RESULT $token $s /,\$p" "$out/serial.log" | sed 1d |
		grep -Ev '^\(XEN\)|reboot: |^[[:space:]]*$' | head -n 5 || true)
	if [ -n "$late" ]; then
		echo "rig: $s printed after its result line:"
		printf '    %s\n' "$late"
	fi
	if [ -z "$late" ] && grep -q "XENVF-RESULT $token $s PASS" "$out/serial.log"; then
		echo "rig: PASS $s (${secs} s)"
		echo PASS > "$out/verdict"
	else
		why="see $out/serial.log"
		[ "$rc" -ne 124 ] || why="timed out after $limit s; $why"
		[ ! -f "$out/silent" ] || why="silent for $RIG_SILENCE s twice, dumped into hang.log and the serial log; $why"
		echo "rig: FAIL $s ($why)"
		grep -E 'FAIL|step:|Kernel panic|rig:' "$out/serial.log" | tail -n 22 | sed 's/^/    /' || true
		echo FAIL > "$out/verdict"
	fi
	[ "$s" != demo ] ||
		sed -n '/^===== xl list/,/^===== guest-/p' "$out/serial.log" | sed '$d'
}

# run_judged SCENARIO: run_one, and once more if the boot went silent (the
# whole emulated machine idle, dom0's own bounded waits not firing: seen
# under TCG after the first xl create of a PVH guest, 2 boots in about
# 40). The silent boot's logs are kept as serial-silent.log and hang.log,
# and the verdict says the pass came on the second boot; any other
# failure, and a second silence, fails as it is.
run_judged() {
	local s=$1 out=$res/$1
	run_one "$s"
	[ -f "$out/silent" ] || return 0
	mv "$out/serial.log" "$out/serial-silent.log"
	mv "$out/silent" "$out/silent-first"
	echo "rig: $s went silent (QEMU and Xen dumps in $out/hang.log and serial-silent.log): booting it once more"
	run_one "$s"
	[ "$(cat "$out/verdict")" != PASS ] || echo "rig: $s passed on its second boot, after a silent one"
}

# Every flavour the scenarios need is built first; then up to RIG_JOBS
# boots run at once (each QEMU is one emulated CPU, so one per host core;
# default: the cores, at most 2). A scenario's lines are printed together
# when it ends.
for s in "$@"; do
	for flavour in $(rig_kernel "$s") $(rig_domu_kernel "$s"); do
		[ -f "$top/$flavour/dom0.cpio" ] || prepare "$flavour"
	done
	[ -f "$(dom0_image "$s")" ] || mix_image "$(rig_kernel "$s")" "$(rig_domu_kernel "$s")"
	rm -rf "${res:?}/$s"
	mkdir -p "$res/$s"
done
RIG_JOBS=${RIG_JOBS:-$(nproc)}
[ "$RIG_JOBS" -ge 1 ] 2>/dev/null || die "RIG_JOBS must be a number >= 1"
[ "$RIG_JOBS" -le 2 ] || [ -n "${RIG_JOBS_ANY:-}" ] || RIG_JOBS=2
running=0
for s in "$@"; do
	if [ "$running" -ge "$RIG_JOBS" ]; then
		wait -n || true
		running=$((running - 1))
	fi
	( run_judged "$s" > "$res/$s/verdict.log" 2>&1; cat "$res/$s/verdict.log" ) &
	running=$((running + 1))
done
wait
passed=0
failed=0
for s in "$@"; do
	if [ "$(cat "$res/$s/verdict" 2>/dev/null)" = PASS ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
done
echo "rig: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

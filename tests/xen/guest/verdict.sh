# The rig's verdict, sourced by dom0's /init after /rig/lib.sh. A scenario
# passes only if its script succeeded AND, after it, the whole machine is
# clean: every guest is gone (no domain left dying with pages mapped), no
# xenvf backend node is left, xenvf-back unloads, dom0 holds no event
# channel to a departed domain, kmemleak finds no new leak in dom0 or in a
# guest still running at the end, and no kernel (dom0 or any guest console)
# nor Xen reported a warning, a sanitizer finding, a lockup or a crash.
# shellcheck shell=sh

# What a kernel prints when something is wrong: WARN/BUG (KASAN, KFENCE,
# UBSAN, lockdep, list debug and might_sleep all print one of these), an
# oops, a hung task or a soft lockup, or a leak.
RIG_KERNEL_BAD='WARNING:|BUG:|Oops|general protection|KASAN|KFENCE|UBSAN|possible circular|possible recursive|inconsistent lock state|blocked for more than|soft lockup|Kernel panic|unreferenced object|list_add corruption|list_del corruption|sleeping function called|refcount_t:'
# What Xen prints when it or a domain broke.
RIG_XEN_BAD='Xen BUG|Assertion .* failed|FATAL|Panic on CPU|domain_crash|Unhandled'

# rig_kmemleak_clear: forget what kmemleak found so far (boot-time
# allocations that look unreferenced): only later leaks count.
rig_kmemleak_clear() {
	[ -w /sys/kernel/debug/kmemleak ] || return 0
	echo scan > /sys/kernel/debug/kmemleak
	echo clear > /sys/kernel/debug/kmemleak
}

# rig_kmemleak_report: scan twice (an object must stay unreferenced across
# scans and be 5 s old), print what kmemleak reports.
rig_kmemleak_report() {
	[ -r /sys/kernel/debug/kmemleak ] || return 0
	echo scan > /sys/kernel/debug/kmemleak
	sleep 5
	echo scan > /sys/kernel/debug/kmemleak
	cat /sys/kernel/debug/kmemleak
}

# rig_guest_leaks: the kmemleak report of every guest whose command agent
# still answers (the frontend's leaks show here).
rig_guest_leaks() {
	for _g in $(xl list | awk 'NR > 2 { print $1 }'); do
		_r=$(DOMU_CMD_TIMEOUT=60 domu_run "$_g" '
			[ -w /sys/kernel/debug/kmemleak ] || exit 0
			echo scan > /sys/kernel/debug/kmemleak; sleep 5
			echo scan > /sys/kernel/debug/kmemleak
			cat /sys/kernel/debug/kmemleak' 2>/dev/null) || continue
		if printf '%s\n' "$_r" | grep -q 'unreferenced object'; then
			echo "rig: kmemleak in guest $_g:"
			printf '%s\n' "$_r" | head -n 40
			_bad=1
		fi
	done
}

# rig_teardown: destroy every guest, wait until Xen has freed them all and
# the backend removed their nodes; unload xenvf-back.
rig_teardown() {
	for _g in $(xl list | awk 'NR > 2 { print $1 }'); do
		xl destroy "$_g" || echo "rig: xl destroy $_g failed"
	done
	_only_dom0() { [ "$(xl list | awk 'NR > 1' | wc -l)" -eq 1 ]; }
	if ! wait_for 60 _only_dom0; then
		echo "rig: domains stay after destroy (dying: pages still mapped?):"
		xl list
		_bad=1
	fi
	# Removing a departed guest's nodes is the backend's job (libxl does
	# not know xenvf): judged only while it is loaded; a scenario that
	# unloaded it leaves them, and they are removed here.
	_no_nodes() { [ -z "$(xenstore-list /local/domain/0/backend/xenvf 2>/dev/null)" ]; }
	grep -q '^xenvf_back ' /proc/modules || xenstore-rm /local/domain/0/backend/xenvf 2>/dev/null || true
	if ! wait_for 30 _no_nodes; then
		echo "rig: xenvf backend nodes stay:"
		xenstore-ls /local/domain/0/backend/xenvf
		_bad=1
	fi
	if grep -q '^xenvf_back ' /proc/modules && ! rmmod xenvf_back; then
		echo "rig: xenvf-back does not unload:"
		grep xenvf /proc/modules
		_bad=1
	fi
}

# rig_evtchn_check: once every guest is gone, dom0 holds no event channel
# whose remote end is another domain (bound or left unbound by a driver).
rig_evtchn_check() {
	_ch=$(dom0_evtchns_remote)
	if [ -n "$_ch" ]; then
		echo "rig: dom0 still holds event channels to departed domains:"
		printf '%s\n' "$_ch"
		_bad=1
	fi
}

# rig_logs_check: dom0's kernel log, every guest console and Xen's log.
rig_logs_check() {
	if dmesg | grep -E "$RIG_KERNEL_BAD" >/dev/null; then
		echo "rig: dom0 kernel reported a problem:"
		dmesg | grep -E -B2 -A12 "$RIG_KERNEL_BAD" | head -n 80
		_bad=1
	fi
	# a guest console carries the agent's echo of each command too: only
	# the kernel's own lines ("[  12.345678] ...") are judged
	for _f in /var/log/xen/console/guest-*.log; do
		[ -f "$_f" ] || continue
		grep -E '^[[:space:]]*\[ *[0-9]+\.[0-9]+\]' "$_f" > /tmp/verdict-kmsg || true
		if grep -E "$RIG_KERNEL_BAD" /tmp/verdict-kmsg >/dev/null; then
			echo "rig: $(basename "$_f" .log) reported a problem:"
			grep -E -B2 -A12 "$RIG_KERNEL_BAD" /tmp/verdict-kmsg | head -n 80
			_bad=1
		fi
	done
	xl_dmesg_save
	if grep -E "$RIG_XEN_BAD" "$RIG_XL_DMESG" >/dev/null; then
		echo "rig: Xen reported a problem:"
		grep -E -B2 -A8 "$RIG_XEN_BAD" "$RIG_XL_DMESG" | head -n 60
		_bad=1
	fi
}

# rig_watch_check: the dom0 service `xenvf watch` (started by init-dom0)
# survived the scenario and logged no error; then it is stopped.
rig_watch_check() {
	_wpid=$(cat /run/xenvf-watch.pid 2>/dev/null) || return 0
	if ! kill -0 "$_wpid" 2>/dev/null; then
		echo "rig: xenvf watch died:"
		sed 's/^/    /' "$RIG_WATCH_LOG"
		_bad=1
	elif grep -q '^xenvf: ' "$RIG_WATCH_LOG"; then
		echo "rig: xenvf watch logged errors:"
		grep '^xenvf: ' "$RIG_WATCH_LOG" | head -n 20
		_bad=1
	fi
	kill "$_wpid" 2>/dev/null || true
}

# rig_verdict: 0 if the machine is clean after the scenario. Prints why not.
rig_verdict() {
	_bad=0
	rig_guest_leaks
	rig_teardown
	rig_watch_check
	rig_evtchn_check
	_leaks=$(rig_kmemleak_report)
	if printf '%s\n' "$_leaks" | grep -q 'unreferenced object'; then
		echo "rig: kmemleak in dom0:"
		printf '%s\n' "$_leaks" | head -n 60
		_bad=1
	fi
	rig_logs_check
	return "$_bad"
}

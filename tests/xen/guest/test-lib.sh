# Host-side tests of the rig's scenario helpers (tests/xen/guest/lib.sh),
# run by `make -C tests/unit run` with busybox sh, the shell dom0 and the
# guests use:   busybox sh tests/xen/guest/test-lib.sh
# xl and the xenstore client are stubs here (a directory of files for the
# store; writing a guest's cmd/<n> runs the command at once, as the
# guest's agent would), so domu_run works on the host.
# Prints cmocka's summary lines ("[  PASSED  ] N test(s)." and, when some
# failed, "[  FAILED  ] N test(s).") and exits non-zero on a failure.
# shellcheck shell=sh

here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/store"

cat > "$tmp/bin/xl" <<EOF
#!/bin/sh
echo "\$*" >> "$tmp/xl.calls"
[ "\$1" = domid ] && echo "\$(cat "$tmp/xl.domid" 2>/dev/null || echo 7)"
EOF
cat > "$tmp/bin/xenstore-read" <<EOF
#!/bin/sh
[ "\$1" = -R ] && shift
f="$tmp/store/\$(echo "\$1" | tr / _)"
[ -f "\$f" ] && cat "\$f"
EOF
cat > "$tmp/bin/xenstore-write" <<EOF
#!/bin/sh
[ "\$1" = -R ] && shift
printf '%s' "\$2" > "$tmp/store/\$(echo "\$1" | tr / _)"
case "\$1" in
*/data/xvf/cmd/*)
	n=\${1##*/}
	b=\${1%/cmd/*}
	out=\$(sh -c "\$2" 2>&1)
	rc=\$?
	printf '%s' "\$out" > "$tmp/store/\$(echo "\$b/out/\$n" | tr / _)"
	printf '%s' "\$rc" > "$tmp/store/\$(echo "\$b/rc/\$n" | tr / _)"
	;;
esac
EOF
chmod +x "$tmp/bin/"*
PATH=$tmp/bin:$PATH
export PATH

RIG_DOMID_DIR=$tmp
# shellcheck source=lib.sh
. "$here/lib.sh"

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "[       OK ] $1"; }
bad() { failed=$((failed + 1)); echo "[  FAILED  ] $1"; }
now() { cut -d. -f1 /proc/uptime; }

# within SECONDS CMD...: CMD ends (any status) within SECONDS (else it is
# killed and within fails); its status in $within_rc, 124 if killed
within() {
	local _s=$1 _p _i=0
	shift
	"$@" > "$tmp/within.out" 2>&1 &
	_p=$!
	while kill -0 "$_p" 2>/dev/null; do
		if [ "$_i" -ge $((_s * 5)) ]; then
			kill "$_p" 2>/dev/null
			wait "$_p" 2>/dev/null
			within_rc=124
			return 1
		fi
		_i=$((_i + 1))
		sleep 0.2
	done
	wait "$_p"
	within_rc=$?
	return 0
}

echo "[==========] lib.sh helpers"

# wait_for: success, timeout
if wait_for 2 true; then ok "wait_for: a command that succeeds"; else bad "wait_for 2 true failed"; fi
t0=$(now)
if wait_for 1 false; then
	bad "wait_for 1 false succeeded"
elif [ $(($(now) - t0)) -le 3 ]; then
	ok "wait_for: a command that never succeeds times out"
else
	bad "wait_for 1 false took $(($(now) - t0)) s"
fi

# a wait around a helper that waits itself: the inner wait must not move
# the outer deadline (it did when the deadline was a global)
waits_then_fails() { wait_for 5 true; return 1; }
t0=$(now)
if within 12 wait_for 2 waits_then_fails && [ "$within_rc" = 1 ] &&
   [ $(($(now) - t0)) -le 5 ]; then
	ok "wait_for: a nested wait cannot extend the outer one"
else
	bad "wait_for 2 around a waiting helper: status $within_rc after $(($(now) - t0)) s (want 1 within 5 s)"
fi

# the same around domu_run (agent and store stubbed): a guest command
# that keeps failing ends the wait on time
DOMU_CMD_TIMEOUT=5
t0=$(now)
if within 12 wait_for 2 domu_run guest1 'false' && [ "$within_rc" = 1 ] &&
   [ $(($(now) - t0)) -le 5 ]; then
	ok "wait_for around domu_run times out"
else
	bad "wait_for 2 domu_run guest1 false: status $within_rc after $(($(now) - t0)) s (want 1 within 5 s)"
fi
( sleep 1; touch "$tmp/flag" ) &
if wait_for 10 domu_run guest1 "test -e $tmp/flag"; then
	ok "wait_for around domu_run: succeeds once the guest command does"
else
	bad "wait_for 10 domu_run guest1 'test -e flag' failed"
fi
wait

# a caller's variables survive the helpers
_t=keep _end=keep _id=keep _n=keep _b=keep
domu_run guest1 'echo hello; exit 3' > "$tmp/out"
rc=$?
out=$(cat "$tmp/out")
wait_for 1 true
if [ "$out" = hello ] && [ "$rc" = 3 ] &&
   [ "$_t$_end$_id$_n$_b" = keepkeepkeepkeepkeep ]; then
	ok "domu_run: output, status; no variable of the caller changed"
else
	bad "domu_run: out '$out' rc $rc, caller's variables '$_t $_end $_id $_n $_b'"
fi

# md5_hex / md5_same: the hashes themselves, never a dd summary line
h1=0123456789abcdef0123456789abcdef
h2=fedcba9876543210fedcba9876543210
if [ "$(md5_hex "$h1  /tmp/w")" = "$h1" ] && [ "$(md5_hex "$h1")" = "$h1" ] &&
   ! md5_hex "4194304 bytes (4.0MB) copied, 0.5 seconds, 8.0MB/s" >/dev/null &&
   ! md5_hex "${h1}0  -" >/dev/null && ! md5_hex "" >/dev/null &&
   ! md5_hex "${h1%?}  -" >/dev/null; then
	ok "md5_hex: exactly 32 hex digits at the start"
else
	bad "md5_hex"
fi
same() { (md5_same test "$1" "$2") >/dev/null 2>&1; }
if same "$h1  /tmp/w" "$h1  /tmp/r"; then ok "md5_same: equal hashes"; else bad "md5_same: equal hashes refused"; fi
if ! same "$h1  /tmp/w" "$h2  /tmp/r"; then ok "md5_same: different hashes fail"; else bad "md5_same: different hashes passed"; fi
dd1="4194304 bytes (4.0MB) copied, 0.5 seconds"
if ! same "$dd1" "$dd1"; then ok "md5_same: two dd summary lines fail"; else bad "md5_same: dd lines passed"; fi
if ! same "" "" && ! same "$h1  /tmp/w" ""; then ok "md5_same: a missing hash fails"; else bad "md5_same: empty passed"; fi
if ! same "$MD5_EMPTY  -" "$MD5_EMPTY  -"; then ok "md5_same: the hash of no data fails"; else bad "md5_same: no data passed"; fi

# domid: xl asked once while the store gives the cached id that name; asked
# again once the name is gone from that id (a new domain)
xs() { printf '%s' "$2" > "$tmp/store/$(echo "$1" | tr / _)"; }
xl_calls() { grep -c '^domid g9$' "$tmp/xl.calls" 2>/dev/null || echo 0; }
xs /local/domain/7/name g9
a=$(domid g9) b=$(domid g9) c1=$(xl_calls)
rm -f "$tmp/store/_local_domain_7_name"
echo 8 > "$tmp/xl.domid"
xs /local/domain/8/name g9
d=$(domid g9) e=$(domid g9) c2=$(xl_calls)
if [ "$a $b $c1 $d $e $c2" = "7 7 1 8 8 2" ]; then
	ok "domid: the id kept while the store names it, asked again for a new domain"
else
	bad "domid: got '$a $b' with $c1 xl calls, then '$d $e' with $c2 (want '7 7 1 8 8 2')"
fi

# is_num
if is_num 0 && is_num 123 && ! is_num "" && ! is_num -1 && ! is_num "1 2" &&
   ! is_num "FAIL: x"; then
	ok "is_num"
else
	bad "is_num"
fi

# proc_alive: a running process, a zombie (a child its parent, exec'd
# into sleep, never reaps), a pid that is gone
sh -c 'sleep 0.1 & echo $! > "$1"; exec sleep 3' sh "$tmp/zpid" &
zparent=$!
sleep 1
zpid=$(cat "$tmp/zpid")
sleep 5 &
live=$!
if proc_alive "$live" && ! proc_alive "$zpid" && kill -0 "$zpid" 2>/dev/null &&
   ! proc_alive 999999999; then
	ok "proc_alive: a running process yes, a zombie no (kill -0 says yes), a gone pid no"
else
	bad "proc_alive: running $live, zombie $zpid ($(cat /proc/$zpid/status 2>/dev/null | grep State))"
fi
kill "$live" "$zparent" 2>/dev/null
wait 2>/dev/null

echo "[==========] $((passed + failed)) test(s) run."
echo "[  PASSED  ] $passed test(s)."
[ "$failed" -eq 0 ] || { echo "[  FAILED  ] $failed test(s)."; exit 1; }

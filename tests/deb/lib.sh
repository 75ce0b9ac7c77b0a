# shellcheck shell=bash
# Helpers of the packaging checks (run.sh, install-check.sh), sourced.
#   check NAME CMD...: one check, its output shown only when it fails
#   summary LAYER: "LAYER: N passed, N failed"; the status says if all passed
pass=0
fail=0
check() {
	local name=$1 o
	shift
	if o=$("$@" 2>&1); then
		pass=$((pass + 1))
		echo "ok $name"
	else
		fail=$((fail + 1))
		printf 'FAIL %s\n%s\n' "$name" "$o" | sed '2,$s/^/  /'
	fi
}
summary() {
	echo "$1: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}

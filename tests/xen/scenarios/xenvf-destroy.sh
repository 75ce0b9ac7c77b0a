# Scenario: `xl destroy` of a guest in the middle of a TCP stream. The other
# guest keeps working, the backend removes the dead guest's xenstore nodes
# and representor (libxl does not know xenvf), and nothing of the dead
# guest stays mapped in dom0: Xen frees the domain instead of leaving it
# dying with pages held by grant mappings (checked with `xl list` and the
# grant table dump of `xl debug-keys g`).
# rig-kernel: debug
# rig-timeout: 1200
# rig-domu-kernel: rig
IP=/usr/sbin/ip

uplink_veth
insmod "$RIG/modules/xenvf-back.ko" uplink=up0
xenvf_guest guest1 192.0.2.11
xenvf_guest guest2 192.0.2.12
id1=$(domid guest1)
id2=$(domid guest2)
pings guest1 192.0.2.12 || fail "guest1 cannot ping guest2"

step "TCP stream guest1 -> guest2"
domu_run guest2 '(sleep 600 | nc -l -p 5001 > /dev/null) >/dev/null 2>&1 </dev/null &'
domu_run guest1 '(cat /dev/zero | nc 192.0.2.12 5001) >/dev/null 2>&1 </dev/null &'
streaming() {
	a=$(rep_stat "$id1" 0 vf_tx_packets)
	sleep 2
	[ "$(rep_stat "$id1" 0 vf_tx_packets)" -gt "$((a + 10))" ]
}
wait_for 30 streaming || fail "no stream from guest1"

step "xl destroy guest1 during the stream"
xl destroy guest1
# gone, while the store still answers for guest2 (a failing xenstore-read
# alone would pass)
node_gone() {
	xs_is "/local/domain/0/backend/xenvf/$id2/0/state" 4 &&
		! xenstore-read "/local/domain/0/backend/xenvf/$id1/0/state" >/dev/null 2>&1
}
wait_for 30 node_gone || fail "backend nodes of the dead guest stay"
xenstore-ls /local/domain/0/backend/xenvf/$id1 >/dev/null 2>&1 &&
	fail "backend/xenvf/$id1 stays"
wait_for 10 sh -c "$IP link show xvf$id2.0 && ! $IP link show xvf$id1.0" ||
	fail "representor xvf$id1.0 stays (or xvf$id2.0 went)"
# gone from a list xl could read (an `xl list` that fails lists nothing)
domain_gone() {
	xl list > /tmp/xl.list || return 1
	grep -q "^Domain-0 " /tmp/xl.list && ! awk -v d="$1" '$2 == d { f = 1 } END { exit !f }' /tmp/xl.list
}
wait_for 30 domain_gone "$id1" || { xl list; fail "domain $id1 stays dying: pages still mapped"; }
# the last grant table dump, whole (with mapped pools dom0 maps hundreds of
# guest2's grants: a fixed tail of the log can miss the section headers)
xen_dump g | awk '/gnttab_usage_print_all \[/ { buf = "" } { buf = buf $0 "\n" } END { printf "%s", buf }' > /tmp/gnt
grep "grant-table for remote" /tmp/gnt || true
echo "grant entries mapped by dom0: $(grep -c '\[0x' /tmp/gnt || true)"
grep -q "remote d$id2 " /tmp/gnt || fail "no grant table dump for guest2"
grep -q "remote d$id1 " /tmp/gnt && fail "grant table of the destroyed guest still there"

step "guest2 keeps working"
pings guest2 192.0.2.1 || fail "guest2 lost the uplink"
xenvf_state "$id2" 0 | grep -qx "4 4" || fail "guest2's VF: $(xenvf_state "$id2" 0)"
dmesg | grep -E "WARNING|BUG|Call Trace" && fail "warnings in dom0's log"
dmesg | grep "xenvf" | tail -n 6
xl destroy guest2
step "xenvf-destroy ok"

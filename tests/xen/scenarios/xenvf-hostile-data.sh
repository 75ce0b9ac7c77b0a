# Scenario: a hostile frontend (tests/xen/hostile) in guest1 attacks the TX
# and RX rings, one VF per attack: bad, foreign and read-only grant refs,
# offsets at the page edge, duplicate ids, GSO amplification, bogus RX
# posts and no RX posts while dom0 floods the VF through its representor,
# and three fatal violations (slots past XENVF_MAX_SLOTS, TX and RX
# producer overflow) after which the guest ignores the close. guest2 uses
# its own VF meanwhile; after each group it pings dom0 and moves 256 KiB
# each way with the md5 compared. Every check is listed in docs/testing.md;
# a failed one is reported (HOSTILE-FAIL) and the scenario goes on, then
# fails.
# rig-kernel: debug
# rig-domu-kernel: rig
# rig-timeout: 3000

. "$RIG/scenarios/xenvf-hostile.inc"

hostile_setup
guest2_ok "before any attack"
mem_baseline

MODES="txbadref txforeign txro txedge txdup gso rxbogus txslots txoverflow
rxoverflow rxnopost evtoverflow txrewrite"
hostile_load "vfmode=$(echo $MODES | tr ' ' ',')"
# answered VF N TALLY: VF's N TX slots were answered, by status as TALLY.
answered() { hwait 60 "$1" ": $2 slots answered: $3"; }
rx_dropped() { cat "/sys/class/net/xvf$g1.$1/statistics/rx_dropped"; }
tx_dropped() { cat "/sys/class/net/xvf$g1.$1/statistics/tx_dropped"; }

step "TX: bad, foreign and read-only grant refs, offsets at the page edge, duplicate ids"
for v in 0 1 2 3 4; do attach "$v"; done
expect "txbadref: all 4 answered with errors" answered 0 4 'okay 0 error 4 dropped 0 null 0 other 0'
expect "txbadref: 4 grant copy errors counted" eq tx_grant_copy_errors "$(vstat 0 tx_grant_copy_errors)" 4
expect "txforeign: all 4 answered with errors" answered 1 4 'okay 0 error 4 dropped 0 null 0 other 0'
expect "txforeign: 4 grant copy errors counted" eq tx_grant_copy_errors "$(vstat 1 tx_grant_copy_errors)" 4
expect "txro: all 4 sent" answered 2 4 'okay 4 error 0 dropped 0 null 0 other 0'
expect "txro: 4 packets counted" eq vf_tx_packets "$(vstat 2 vf_tx_packets)" 4
expect "txedge: 4 refused, the one ending at 4096 sent" answered 3 6 'okay 1 error 4 dropped 0 null 1 other 0'
expect "txedge: 4 bad offsets counted" eq tx_drop_bad_offset "$(vstat 3 tx_drop_bad_offset)" 4
expect "txedge: 1 packet sent" eq vf_tx_packets "$(vstat 3 vf_tx_packets)" 1
expect "txdup: all 8 sent, each answered with id 5" answered 4 8 'okay 8 error 0 dropped 0 null 0 other 0, ids all 5'
expect "txdup: 8 packets counted" eq vf_tx_packets "$(vstat 4 vf_tx_packets)" 8
for v in 0 1 2 3 4; do
	expect "VF $v: still Connected" wait_state 5 "$v" "4 4"
done
expect "a connected VF's rings are mapped (the grant dump is read right)" mapped 2

step "GSO amplification: gso_size 64 on 64 KiB to broadcast and to dom0 refused, gso_size 1448 sent"
attach 5
expect "gso: 3 packets answered" answered 5 48 ''
hlog 5 'slots answered' || true
expect "gso: only the gso_size 1448 packet sent as TSO" eq vf_tx_tso "$(vstat 5 vf_tx_tso)" 1
expect "gso: gso_size 64 to a unicast dropped for its size" eq tx_drop_gso_too_small "$(vstat 5 tx_drop_gso_too_small)" 1
expect "gso: gso_size 64 to broadcast dropped (no GSO to group addresses)" eq tx_drop_gso_to_group "$(vstat 5 tx_drop_gso_to_group)" 1
# the valid one passes the GSO bounds, then the switch: this VF never sent
# RESET, so it owns no MAC and its frames count as spoofed
expect "gso: the valid one reached the switch, from a MAC the VF does not own" eq drop_spoofed_source "$(vstat 5 drop_spoofed_source)" 1
expect "gso: three drops in all" eq rx_dropped "$(rx_dropped 5)" 3
ethtool -S "xvf$g1.5" | grep -E 'drop|gso|tso|uplink' | grep -v ': 0$' || true

step "RX backlog of a VF that posts no RX pages: dom0 sends 3000 9000-byte frames"
attach 10
expect "rxnopost: connected" hwait 60 10 'rxnopost: no RX pages posted'
set -- $(mem_kb)
before=$1
before_slab=$2
flood_at=$(cut -d. -f1 /proc/uptime)
# (not FCoE: FCoE/FIP frames have the lossless class's deeper bound)
rep_send 10 3000 9000 88b5 || echo "  (xenvf-rawsend failed)"
set -- $(mem_kb)
echo "  dom0 kernel memory: $before KiB before the flood, $1 KiB after"
# the VF's bound: 2 MiB, all its queues together; the rest is noise
expect "rxnopost: what the backend holds for the VF is bounded in bytes" \
	le held_kib $(($1 - before)) $((2048 + MEM_TOL_KB))
# at most 2 MiB of 9000-byte frames (233) may wait; every other is dropped
expect "rxnopost: the frames beyond the bound dropped and counted" \
	ge tx_dropped "$(tx_dropped 10)" $((3000 - 2048 * 1024 / 9000))
expect "rxnopost: the VF is still Connected" wait_state 5 10 "4 4"
# netback: frames that waited 10 s for RX pages are dropped
since=$(( $(cut -d. -f1 /proc/uptime) - flood_at ))
[ "$since" -ge 15 ] || sleep $((15 - since))
expect "rxnopost: every frame dropped and counted once the drain timeout passed" \
	ge tx_dropped "$(tx_dropped 10)" 3000
expect "rxnopost: dom0 memory back once the backlog is dropped" \
	mem_back "15 s after the flood" "$before" "$before_slab"

step "RX: 64 bogus posts (never granted, read-only, another domain's) while dom0 sends"
attach 6
expect "rxbogus: posted" hwait 60 6 'rxbogus: 64 bogus RX posts'
rep_send 6 80 60 88b5 || echo "  (xenvf-rawsend failed)"
expect "rxbogus: every post answered with an error" hwait 90 6 'rxbogus: 64 of 64 posts answered: error 64 data 0'
expect "rxbogus: 64 grant copy errors counted" eq rx_grant_copy_errors "$(vstat 6 rx_grant_copy_errors)" 64
expect "rxbogus: nothing delivered" eq vf_rx_packets "$(vstat 6 vf_rx_packets)" 0
expect "rxbogus: the VF is still Connected" wait_state 5 6 "4 4"

step "TX from a mapped pool page rewritten in flight: the switch decides on dom0's copy"
# 2048 frames to up1 from the one mapped TX page, which the guest turns
# into a spoofed, VLAN 100 tagged frame and back while they are in flight.
# Each frame reaches up1 as sent, with the VF's MAC and no tag, or is
# dropped by the switch and counted: never spoofed or tagged on the wire.
xenvf-pcp up1 > /tmp/rewrite.pcp &
pcp=$!
attach 12
rmac=$(xenstore-read "/local/domain/0/backend/xenvf/$g1/12/mac")
expect "txrewrite: 2048 frames sent from the pool page" hwait 180 12 'txrewrite: 2048 frames sent'
hlog 12 txrewrite || true
sleep 2
kill -TERM "$pcp"
wait "$pcp" || true
cat /tmp/rewrite.pcp
expect "txrewrite: the pool mapped" eq pool_mapped_queues "$(vstat 12 pool_mapped_queues)" 1
expect "txrewrite: every frame by memcpy from the mapped page" eq vf_tx_pool_memcpy "$(vstat 12 vf_tx_pool_memcpy)" 2048
expect "txrewrite: no grant copy" eq tx_grant_copy_calls "$(vstat 12 tx_grant_copy_calls)" 0
expect "txrewrite: no frame on the wire from another MAC" \
	eq other_sources "$(grep '^local ' /tmp/rewrite.pcp | grep -vc "^local src $rmac ")" 0
expect "txrewrite: no frame on the wire tagged" eq tagged "$(grep -c '^local .* vid=' /tmp/rewrite.pcp)" 0
wire=$(sed -n "s/^local src $rmac untagged //p" /tmp/rewrite.pcp)
dropped=$(( $(vstat 12 drop_spoofed_source) + $(vstat 12 drop_vlan_not_allowed) + $(vstat 12 drop_vlan_stacked_tag) ))
echo "  txrewrite: ${wire:-0} on the wire, $dropped dropped by the switch"
expect "txrewrite: every frame on the wire as sent or dropped and counted" eq accounted $((${wire:-0} + dropped)) 2048
expect "txrewrite: the VF is still Connected" wait_state 5 12 "4 4"
guest2_ok "after the TX and RX attacks"

step "fatal violations, the guest ignoring the close: 19 slots, TX, RX and event producer overflow"
attach 7
attach 8
attach 9
attach 11
expect "txslots: the 18-slot packet sent" answered 7 18 'okay 1 error 0 dropped 0 null 17'
expect "txslots: sent" hwait 60 7 'txslots: 19-slot packet sent'
expect "txoverflow: sent" hwait 60 8 'txoverflow: producer 1000 ahead'
expect "rxoverflow: sent" hwait 60 9 'rxoverflow: producer 1000 ahead'
expect "evtoverflow: sent" hwait 60 11 'evtoverflow attack sent'
rep_send 9 20 60 88b5 || echo "  (xenvf-rawsend failed)"
xenvf_admin "$g1" 11 link-state=disable	# an event for the broken event ring
for v in 7 8 9 11; do
	what=data
	[ "$v" != 11 ] || what=event
	expect "VF $v ($(echo $MODES | cut -d' ' -f$((v + 1)))): violation logged once" eq reports \
		"$(dmesg | grep -c "xenvf-$g1-$v: domain $g1 broke the $what ring protocol")" 1
	expect "VF $v: the backend left Connected" backend_left_connected 30 "$v"
	expect "VF $v: the guest ignored the close" eq frontend "$(frontend_state "$v")" 4
	expect "VF $v: its port is down (representor carrier off)" wait_for 15 carrier_off "$v"
done
expect "txslots: the 18-slot packet counted" eq vf_tx_packets "$(vstat 7 vf_tx_packets)" 1
sleep 5
expect "fatal VFs: nothing of theirs mapped though the guest never closed" unmapped_all 7 8 9 11
expect "fatal VFs: their event channels unbound (2 per Connected VF left)" chans_ok
guest2_ok "after the fatal violations"

step "RX backlog of the VF without posts: its queue stalls, the port goes down"
# netback: carrier off after rx_stall_timeout (60 s) without RX pages while
# frames wait; here 3 s (the parameter is writable at run time) while dom0
# sends one frame a millisecond for 8 s
stall_param=/sys/module/xenvf_back/parameters/rx_stall_timeout_ms
echo 3000 > "$stall_param"
stalls=$(vstat 10 rx_stalls)
rep_send 10 0 60 88b5 8 || echo "  (xenvf-rawsend failed)"
expect "rxnopost: the queue stalled (rx_stalls counted)" \
	ge rx_stalls "$(vstat 10 rx_stalls)" $((stalls + 1))
expect "rxnopost: its port is down (representor carrier off)" carrier_off 10
echo 60000 > "$stall_param"

step "the hostile frontend unloaded"
DOMU_CMD_TIMEOUT=300 expect "rmmod xenvf_hostile" domu_run guest1 '. /rig/lib.sh; xenvf_unbind_all xen; rmmod xenvf_hostile'
ALL=$(seq 0 12)
wait_all 60 "2 6" $ALL
for v in $ALL; do
	expect "VF $v: backend InitWait, frontend Closed" state_is "$v" "2 6"
done
expect "every VF of guest1: nothing mapped" unmapped_all $ALL
expect "every VF of guest1: no event channel left" chans_ok
hostile_end
step "xenvf-hostile-data ok"

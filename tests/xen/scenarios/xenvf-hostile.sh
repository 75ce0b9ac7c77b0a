# Scenario: a hostile frontend (tests/xen/hostile) in guest1 attacks the
# control ring, the connect (ring refs, event channels, xenstore keys) and
# the state machine, one VF per attack, while guest2 uses its own VF; after
# each group guest2 pings dom0 and moves 128 KiB each way with the md5
# compared. Every check is listed in docs/testing.md; a failed one is
# reported (HOSTILE-FAIL) and the scenario goes on, then fails.
# rig-kernel: debug
# rig-domu-kernel: rig
# rig-timeout: 3000

. "$RIG/scenarios/xenvf-hostile.inc"

# evt_rate=50: a flood of real requests is slowed to it; normal use is not
hostile_setup evt_rate=50
guest2_ok "before any attack"
mem_baseline

# The attack of each VF number (hostile module parameter vfmode).
BADKEYS="badkey:multi-queue-num-queues=0 badkey:multi-queue-num-queues=5
badkey:multi-queue-num-queues=4294967297 badkey:ring-page-order=1
badkey:ring-page-order=4294967296 badkey:protocol-version=2
badkey:ctrl-ring-ref=0 badkey:event-channel-ctrl=4294967295
badkey:multi-queue-num-queues=1junk"
MODES="garbage storm overflow sharedevt ctrlflood ctrlpoll ringbad ringro
ringforeign ringalias $BADKEYS rewrite flap"
# hold=1: a refused VF stays refused (no reconnect) until the checks of
# the refusal are done; then hold is cleared
hostile_load "vfmode=$(echo $MODES | tr ' ' ',') close_ms=4000 hold=1"
mode_of() { echo $MODES | cut -d' ' -f$(($1 + 1)); }

step "garbage in every control slot: all 8 answered with errors, VF stays up"
attach 0
attach 1
expect "garbage sent" hwait 60 0 'garbage attack sent'
expect "storm sent" hwait 60 1 'storm attack sent'
sleep 2
expect "garbage: VF 0 still Connected" wait_state 30 0 "4 4"
expect "garbage: 8 control requests" eq ctrl_requests "$(vstat 0 ctrl_requests)" 8
expect "garbage: 8 refused" eq ctrl_refused "$(vstat 0 ctrl_refused)" 8
expect "a connected VF's rings are mapped (the grant dump is read right)" mapped 0

step "event storm (100000 notifications, no requests): absorbed"
expect "storm: VF 1 still Connected" wait_state 30 1 "4 4"
expect "storm: no control request" eq ctrl_requests "$(vstat 1 ctrl_requests)" 0

step "the garbage VF closed by its guest: disconnected, unmapped, back to InitWait"
expect "garbage VF unbound in guest1" domu_run guest1 'echo xenvf-0 > /sys/bus/xen/drivers/xenvf/unbind'
expect "garbage VF: disconnect logged with 8 requests, 8 refused" \
	wait_for 30 sh -c "dmesg | grep -q 'xenvf-$g1-0: VF of domain $g1 disconnected (8 control requests, 8 refused;'"
expect "garbage VF: backend InitWait, frontend Closed" wait_state 30 0 "2 6"
expect "garbage VF: nothing mapped" unmapped 0
expect "event channels: 2 per Connected VF, none for the closed one" chans_ok

step "producer index overflow on the control ring: VF disconnected, logged once"
attach 2
expect "overflow reported" wait_for 30 sh -c "dmesg | grep -q 'xenvf-$g1-2: domain $g1 broke the control ring protocol'"
expect "overflow reported once" eq reports "$(dmesg | grep -c "xenvf-$g1-2: domain $g1 broke the control ring protocol")" 1
expect "overflow VF: backend InitWait, frontend Closed" wait_state 30 2 "2 6"
expect "overflow VF: nothing mapped" unmapped 2
expect "event channels: none left for the overflow VF" chans_ok

step "control flood: served at the VF's event rate (evt_rate=50)"
attach 4
expect "the flood was answered" hwait 120 4 'ctrlflood 1000 of 1000 answered'
hlog 4 ctrlflood || true
expect "the flood was rate limited" ge events_throttled "$(vstat 4 events_throttled)" 1

step "hot polling of the control ring: slots refilled without events for 10 s"
attach 5
expect "hot poll ran" hwait 60 5 'ctrlpoll [0-9]+ answered'
polled=$(hlog 5 ctrlpoll | sed -n 's/.*ctrlpoll \([0-9]*\) answered.*/\1/p' | tail -n 1) || polled=
# one event: at most evt_rate polls a second of the control budget (64)
expect "hot poll: work without events within the rate limit" le answered "$polled" $((50 * 64 * 10))
n=$(vstat 5 ctrl_requests)
expect "hot poll: the backend counted what it answered" sh -c "[ '$n' -ge '$polled' ] && [ '$n' -le $((polled + 8)) ]"
echo "  hot poll: $polled answered (the backend counted $n)"
guest2_ok "after the control ring attacks"

step "refused connects: bad, read-only, foreign and aliased ring refs, a shared event channel, absurd keys"
REFUSED="3 6 7 8 9 10 11 12 13 14 15 16 17 18"
for v in $REFUSED; do attach "$v"; done
for v in $REFUSED; do
	expect "VF $v ($(mode_of "$v")): connect refused" refused "$v"
done
expect "refused VFs: nothing of theirs mapped" unmapped_all $REFUSED
expect "refused VFs: no event channel of theirs bound" chans_ok

step "after a refused connect: backend back in InitWait, the guest reconnects"
expect "hold released" domu_run guest1 'echo 0 > /sys/module/xenvf_hostile/parameters/hold'
wait_all 300 "4 4" $REFUSED
domu_run guest1 "dmesg | sed -n 's/.*xenvf-\\([0-9]*\\): hostile: .*reconnected cleanly.*/\\1/p'" > /tmp/reconnected.txt
# (a VF accepted at once is Connected too, but never reconnected)
reconnected() {
	state_is "$1" "4 4" ||
		{ echo "  VF $1: states '$(backend_state "$1") $(frontend_state "$1")', want '4 4'"; return 1; }
	grep -qx "$1" /tmp/reconnected.txt && return 0
	echo "  VF $1: Connected, but its guest logged no clean reconnect:"
	domu_run guest1 "dmesg | grep 'xenvf-$1: hostile:' | tail -n 5" | sed 's/^/    /'
	return 1
}
for v in $REFUSED; do
	expect "VF $v ($(mode_of "$v")): reconnected with valid keys after the refusal" reconnected "$v"
done

step "keys rewritten while Connected: ignored, the VF keeps working"
attach 19
expect "rewrite ran" hwait 60 19 'rewrite: control status'
hlog 19 rewrite || true
expect "rewrite: API_NEGOTIATE still answered OK" hwait 1 19 'rewrite: control status 0,'
expect "rewrite: TX still works" hwait 1 19 'rewrite: .*tx status 0$'
expect "rewrite: VF still Connected" wait_state 5 19 "4 4"
expect "rewrite: the frame was sent" eq vf_tx_packets "$(vstat 19 vf_tx_packets)" 1
expect "rewrite: no error node" sh -c "! xenstore-read /local/domain/0/error/backend/xenvf/$g1/19/error"
guest2_ok "after the refused connects and the rewritten keys"

# Last: the teardown races it hits may take dom0 down (oops=panic).
step "state flapping (100 random changes) while dom0 sends to the VF through its representor"
attach 20
wait_for 30 test -e "/sys/class/net/xvf$g1.20" && rep_up 20 || echo "  no representor xvf$g1.20"
xenvf-rawsend "xvf$g1.20" "$(vf_mac 20)" 0 1000 88b5 300 > /tmp/flap-send.txt 2>&1 </dev/null &
sender=$!
expect "flapping done" hwait 300 20 'flap: [0-9]+ state changes'
kill "$sender" 2>/dev/null || true
wait "$sender" 2>/dev/null || true
echo "  dom0 sent to the flapping VF: $(cat /tmp/flap-send.txt)"
hlog 20 flap || true
expect "flap: backend InitWait, frontend Closed at the end" wait_state 30 20 "2 6"
expect "flap: nothing mapped" unmapped 20
expect "flap: representor carrier off" carrier_off 20
expect "flap: no event channel of its left bound" chans_ok
guest2_ok "after the state flapping"

step "the hostile frontend unloaded"
DOMU_CMD_TIMEOUT=300 expect "rmmod xenvf_hostile" domu_run guest1 '. /rig/lib.sh; xenvf_unbind_all xen; rmmod xenvf_hostile'
ALL=$(seq 0 20)
wait_all 60 "2 6" $ALL
for v in $ALL; do
	expect "VF $v ($(mode_of "$v")): backend InitWait, frontend Closed" state_is "$v" "2 6"
done
expect "every VF of guest1: nothing mapped" unmapped_all $ALL
expect "every VF of guest1: no event channel left" chans_ok
hostile_end
step "xenvf-hostile ok"

# Scenario: EVI over IPv4 outer headers against stock Linux gretap, three
# sites. dom0 is site A: xenvf-back's uplink up0 carries its underlay
# address 10.0.1.1; a router netns joins it to site B (10.0.2.2) and site
# C (10.0.3.3), each a netns with a `gretap` (key 42) whose inner address
# is on the guest's LAN (192.168.10.0/24, extended VLAN 0 = untagged).
#   - the underlay first, with stock gretap at both ends (dom0 <-> B)
#   - `xenvf evi` configures it; show, peer, vlan and mac lists as printed;
#     show -j as JSON; show and the lists work for a user without
#     CAP_NET_ADMIN (nobody), a change does not
#     the guest's MTU limit is the uplink's less the overhead
#   - guest <-> B both ways: ARP, IPv4 ping, IPv6 ping, TCP (md5 compared)
#   - a frame too big for the uplink once encapsulated: tx_oversize
#   - flood control: unknown unicast held (tx_unknown_held) and B and C
#     get nothing; with flood-unknown on both get it
#   - split horizon: B's broadcasts reach the guest, not C (C's gretap
#     counters unchanged, split_horizon counted)
#   - ARP suppression: the guest's ARP for C's static IP/MAC answered
#     locally (arp_suppressed), nothing sent to C
#   - a VLAN that is not extended does not cross (rx_not_extended); once
#     extended it does, tagged
#   - a site that is not a peer is refused (rx_unknown_peer); bad commands
#     fail with one clear line and change nothing
#   - before the guest: `xenvf evi save`, rmmod/insmod xenvf-back, `xenvf
#     evi load` give the same show settings, peers, VLANs and static MACs;
#     a file with line 3 wrong is refused with FILE:3: and changes nothing;
#     a file the kernel refuses midway leaves nothing of itself
# rig-timeout: 900

IP=/usr/sbin/ip

step "underlay: site A (dom0 up0), a router, sites B and C"
modprobe ip_gre
modprobe 8021q
evi_underlay
wait_for 20 ping -c 1 -W 1 10.0.2.2 || fail "underlay: dom0 cannot reach site B"
wait_for 20 ping -c 1 -W 1 10.0.3.3 || fail "underlay: dom0 cannot reach site C"
evi_remote siteb gretap 10.0.2.2 10.0.1.1 "key 42" 2
evi_remote sitec gretap 10.0.3.3 10.0.1.1 "key 42" 3

step "the underlay with stock gretap at both ends (dom0 <-> B)"
$IP link add gta type gretap local 10.0.1.1 remote 10.0.2.2 key 42 ttl 64
$IP link set gta mtu 1400
$IP addr add 192.168.10.1/24 dev gta
$IP link set gta up
wait_for 20 ping -c 1 -W 1 192.168.10.2 || fail "gretap to gretap: no ping dom0 -> B"
$IP link del gta

step "xenvf-back on up0, EVI configured with xenvf evi, then a guest"
insmod "$RIG/modules/xenvf-back.ko" uplink=up0
xenvf evi set local 10.0.1.1 key 42 ttl 64 dscp inherit
xenvf evi peer add 10.0.2.2
xenvf evi peer add 10.0.3.3
xenvf evi vlan add 0
xenvf evi set enable
xenvf evi show > /tmp/evi.show || fail "xenvf evi show"
cat /tmp/evi.show
grep -q "^evi enabled local 10.0.1.1 key 42$" /tmp/evi.show || fail "evi show: first line"
# IPv4 outer: 20 (IP) + 8 (GRE with key) + 18 (inner Ethernet and a tag)
grep -q "overhead 46" /tmp/evi.show || fail "evi show: overhead"
xenvf evi show -j > /tmp/evi.json || fail "xenvf evi show -j"
cat /tmp/evi.json
grep -q '^{"enabled":true,"local":"10.0.1.1","use_key":true,"key":42,"ttl":64,"dscp":"inherit",' \
	/tmp/evi.json || fail "evi show -j: settings"
grep -q '"overhead":46,"counters":{"tx_encap":[0-9]' /tmp/evi.json || fail "evi show -j: counters"
# reads need no privilege (as ip link show), changes need CAP_NET_ADMIN
xenvf-asuser xenvf evi show > /tmp/evi.user || fail "xenvf evi show as nobody: $(cat /tmp/evi.user)"
head -n1 /tmp/evi.user | grep -q "^evi enabled local 10.0.1.1 key 42$" ||
	fail "evi show as nobody: first line"
xenvf-asuser xenvf evi peer > /tmp/evi.user || fail "xenvf evi peer as nobody"
grep -q "^peer 10.0.2.2" /tmp/evi.user || fail "evi peer as nobody: 10.0.2.2 missing"
if xenvf-asuser xenvf evi set ttl 9 2> /tmp/evi.err; then
	fail "xenvf evi set as nobody succeeded"
fi
grep -q "needs CAP_NET_ADMIN" /tmp/evi.err || fail "evi set as nobody: $(cat /tmp/evi.err)"
xenvf evi show | grep -q " ttl 64 " || fail "evi set as nobody changed the TTL"

step "xenvf evi save, rmmod/insmod, xenvf evi load: the same configuration"
# a static MAC and a second VLAN too, so that every kind of line is saved
xenvf evi vlan add 200
xenvf evi mac add 200 02:00:00:00:00:77 peer 10.0.3.3 ip 192.168.20.77
xenvf evi set min-rx-ttl 2 aging 600 arp-suppress on
# the configuration as the user sees it: settings without the counters,
# peers without theirs, the static MACs (learned ones come and go)
evi_conf() {
	xenvf evi show | sed '/^counters:/,$d'
	xenvf evi peer | cut -d' ' -f1-2
	xenvf evi vlan
	xenvf evi mac | grep ' static ' | sed "s/ age [0-9]*$//" || true	# ages move on
}
evi_conf > /tmp/evi.before
cat /tmp/evi.before
xenvf evi save > /tmp/evi.conf || fail "xenvf evi save"
cat /tmp/evi.conf
xenvf evi save /tmp/evi.conf2 || fail "xenvf evi save FILE"
cmp /tmp/evi.conf /tmp/evi.conf2 || fail "evi save FILE differs from evi save"
grep -q "^mac add 200 02:00:00:00:00:77 peer 10.0.3.3 ip 192.168.20.77$" /tmp/evi.conf ||
	fail "evi save: no static MAC line"
[ "$(tail -n1 /tmp/evi.conf)" = "set enable" ] || fail "evi save: enable is not last"
rmmod xenvf_back || fail "rmmod xenvf_back"
insmod "$RIG/modules/xenvf-back.ko" uplink=up0
xenvf evi show | grep -q "^evi disabled local none" || fail "evi: not fresh after insmod"
xenvf evi load /tmp/evi.conf || fail "xenvf evi load"
evi_conf > /tmp/evi.after
diff /tmp/evi.before /tmp/evi.after || fail "evi load: not the configuration saved"
# a bad file: line 3 wrong, refused whole with FILE:3:, nothing applied
printf 'set ttl 9\npeer add 10.0.4.4\nvlan add 4095\n' > /tmp/evi.bad
if xenvf evi load /tmp/evi.bad 2> /tmp/evi.err; then fail "evi load of a bad file succeeded"; fi
cat /tmp/evi.err
[ "$(wc -l < /tmp/evi.err)" = 1 ] && grep -q "^xenvf: /tmp/evi.bad:3: VID '4095'" /tmp/evi.err ||
	fail "evi load bad file: want one 'xenvf: /tmp/evi.bad:3: ...' line"
evi_conf > /tmp/evi.after
diff /tmp/evi.before /tmp/evi.after || fail "a refused evi load changed the configuration"
# a file the kernel refuses midway (line 4: the peer exists): lines 1-3
# undone, the line named
printf 'set ttl 9 nokey\nvlan add 300\npeer add 10.0.4.4\npeer add 10.0.2.2\n' > /tmp/evi.mid
if xenvf evi load /tmp/evi.mid 2> /tmp/evi.err; then fail "evi load of a refused file succeeded"; fi
cat /tmp/evi.err
[ "$(wc -l < /tmp/evi.err)" = 1 ] &&
	grep -q "^xenvf: /tmp/evi.mid:4: .*already configured); nothing applied$" /tmp/evi.err ||
	fail "evi load refused midway: want one 'xenvf: /tmp/evi.mid:4: ... nothing applied' line"
evi_conf > /tmp/evi.after
diff /tmp/evi.before /tmp/evi.after || fail "evi load refused midway: not undone"
xenvf evi mac del 200 02:00:00:00:00:77
xenvf evi vlan del 200
xenvf evi set min-rx-ttl 1 aging 300 arp-suppress off
xenvf_guest guest1 192.168.10.11
gmac=$(domu_run guest1 'cat /sys/class/net/eth0/address')
domu_run guest1 "$IP addr add fd00:10::11/64 dev eth0 nodad && $IP -d link show eth0" > /tmp/link ||
	fail "guest1: IPv6 address, ip -d link: $(cat /tmp/link)"
cat /tmp/link
# the VF's MTU limit: the uplink's 1500 less the overhead
grep -q "maxmtu 1454" /tmp/link || fail "the guest's MTU limit is not 1500 - 46"
[ "$(xenvf evi peer | wc -l)" = 2 ] || fail "evi peer: $(xenvf evi peer)"
[ "$(xenvf evi vlan)" = "vlan 0 (untagged)" ] || fail "evi vlan: $(xenvf evi vlan)"
xenvf evi mac | grep -q "^vlan 0 mac $gmac local$" || fail "evi mac: guest's MAC not local: $(xenvf evi mac)"

step "guest -> B: ARP, IPv4 and IPv6 ping"
e0=$(evi_stat tx_encap)
d0=$(evi_stat rx_decap)
pings guest1 192.168.10.2 || { evi_diag; fail "guest cannot ping B"; }
domu_run guest1 "ip neigh show 192.168.10.2" | grep -q lladdr || fail "guest has no ARP entry for B"
wait_for 20 domu_run guest1 'ping -6 -c 1 -W 2 fd00:10::2' || fail "guest cannot ping6 B"
[ "$(evi_stat tx_encap)" -gt "$e0" ] && [ "$(evi_stat rx_decap)" -gt "$d0" ] ||
	fail "tx_encap/rx_decap did not move"
bmac=$(evi_ns siteb cat /sys/class/net/gtb/address)
xenvf evi mac 0 > /tmp/evi.mac || fail "xenvf evi mac 0"
cat /tmp/evi.mac
grep -q "^vlan 0 mac $bmac learned peer 10.0.2.2" /tmp/evi.mac || fail "B's MAC not learned"

evi_b_to_guest "$gmac"

step "oversize: an encapsulated frame beyond the uplink's MTU is dropped and counted"
o0=$(evi_stat tx_oversize)
$IP link set up0 mtu 1300
domu_run guest1 'ping -c 2 -W 2 -s 1300 192.168.10.2' && fail "an oversize frame crossed"
$IP link set up0 mtu 1500
[ "$(evi_stat tx_oversize)" -ge $((o0 + 2)) ] || fail "tx_oversize $o0 -> $(evi_stat tx_oversize)"
pings guest1 192.168.10.2 || fail "guest cannot ping B after the MTU is back"

step "flood control: unknown unicast held, then flooded to both peers"
# IPv6 off in the guest: its ND/MLD multicast would reach the peers too
domu_run guest1 'echo 1 > /proc/sys/net/ipv6/conf/eth0/disable_ipv6'
domu_run guest1 "$IP neigh replace 192.168.10.99 lladdr 02:00:00:00:00:99 dev eth0 nud permanent"
h0=$(evi_stat tx_unknown_held)
b0=$(evi_rx siteb)
c0=$(evi_rx sitec)
domu_run guest1 'ping -c 3 -W 1 192.168.10.99' && fail "a ping to nobody was answered"
h1=$(evi_stat tx_unknown_held)
[ "$h1" -ge $((h0 + 3)) ] || fail "tx_unknown_held $h0 -> $h1"
[ "$(evi_rx sitec)" = "$c0" ] || fail "unknown unicast reached C ($c0 -> $(evi_rx sitec))"
xenvf evi set flood-unknown on
xenvf evi show | grep -q "flood-unknown on" || fail "flood-unknown not shown on"
domu_run guest1 'ping -c 3 -W 1 192.168.10.99' && fail "a ping to nobody was answered"
[ "$(evi_rx siteb)" -ge $((b0 + 3)) ] || fail "flooded unknown unicast: B $b0 -> $(evi_rx siteb)"
[ "$(evi_rx sitec)" -ge $((c0 + 3)) ] || fail "flooded unknown unicast: C $c0 -> $(evi_rx sitec)"
[ "$(evi_stat tx_unknown_held)" = "$h1" ] || fail "held with flood-unknown on"
xenvf evi set flood-unknown off

step "split horizon: B's broadcasts reach the guest, never C"
s0=$(evi_stat split_horizon)
c0=$(evi_rx sitec)
# arping exits 0 only when it got an answer
evi_ns siteb arping -b -c 3 -w 6 -I gtb 192.168.10.11 > /tmp/arping 2>&1 ||
	fail "the guest did not answer B's broadcast ARP: $(cat /tmp/arping)"
cat /tmp/arping
grep -q "Received [1-9]" /tmp/arping || fail "the guest did not answer B's broadcast ARP"
s1=$(evi_stat split_horizon)
[ "$s1" -ge $((s0 + 3)) ] || fail "split_horizon $s0 -> $s1"
[ "$(evi_rx sitec)" = "$c0" ] || fail "B's broadcast reached C ($c0 -> $(evi_rx sitec))"

step "ARP suppression: C's static IP/MAC answered locally"
cmac=$(evi_ns sitec cat /sys/class/net/gtc/address)
xenvf evi mac add 0 "$cmac" peer 10.0.3.3 ip 192.168.10.3
xenvf evi set arp-suppress on
xenvf evi mac list 0 | grep -q "^vlan 0 mac $cmac static peer 10.0.3.3 ip 192.168.10.3" ||
	fail "static MAC not listed: $(xenvf evi mac)"
a0=$(evi_stat arp_suppressed)
c0=$(evi_rx sitec)
# -f: stop at the first answer (arping then asks by unicast, which goes to C)
domu_run guest1 "arping -f -c 2 -w 4 -I eth0 192.168.10.3" || fail "ARP for C not answered"
[ "$(evi_stat arp_suppressed)" -ge $((a0 + 1)) ] || fail "arp_suppressed did not move"
[ "$(evi_rx sitec)" = "$c0" ] || fail "the suppressed ARP reached C"
xenvf evi set arp-suppress off

step "a VLAN that is not extended does not cross; extended, it does"
domu_run guest1 "$IP link add link eth0 name eth0.100 type vlan id 100 &&
	$IP addr add 192.168.100.11/24 dev eth0.100 && $IP link set eth0.100 up"
evi_ns siteb sh -c "$IP link add link gtb name gtb.100 type vlan id 100 &&
	$IP link set gtb.100 mtu 1396 &&
	$IP addr add 192.168.100.2/24 dev gtb.100 && $IP link set gtb.100 up"
n0=$(evi_stat rx_not_extended)
evi_ns siteb ping -c 2 -W 2 192.168.100.11 && fail "VLAN 100 crossed before it was extended"
[ "$(evi_stat rx_not_extended)" -gt "$n0" ] || fail "rx_not_extended did not move"
xenvf evi vlan add 100
[ "$(xenvf evi vlan | tr '\n' ' ')" = "vlan 0 (untagged) vlan 100 " ] || fail "vlan list: $(xenvf evi vlan)"
pings guest1 192.168.100.2 || fail "extended VLAN 100: guest cannot ping B"

step "a site that is not a peer is refused"
xenvf evi peer del 10.0.3.3
[ "$(xenvf evi peer | wc -l)" = 1 ] || fail "peer del: $(xenvf evi peer)"
u0=$(evi_stat rx_unknown_peer)
evi_ns sitec arping -c 2 -w 3 -I gtc 192.168.10.11 && fail "a removed peer reached the guest"
[ "$(evi_stat rx_unknown_peer)" -ge $((u0 + 2)) ] || fail "rx_unknown_peer $u0 -> $(evi_stat rx_unknown_peer)"

step "bad commands: one line, exit 1, nothing changed"
# the MAC table without the ages (they move on)
macs() { xenvf evi mac | sed "s/ age [0-9]*$//"; }
macs > /tmp/before.mac
# bad MESSAGE ARGS...: `xenvf evi ARGS` fails: exit 1, one line on stderr
# with MESSAGE in it, nothing on stdout
bad() {
	_m=$1
	shift
	if xenvf evi "$@" > /tmp/out 2> /tmp/err; then fail "xenvf evi $* succeeded"; fi
	cat /tmp/err
	[ "$(wc -l < /tmp/err)" = 1 ] && grep -q "^xenvf: evi: .*$_m" /tmp/err ||
		fail "xenvf evi $*: want one 'xenvf: evi: ...$_m...' line"
	[ ! -s /tmp/out ] || fail "xenvf evi $*: wrote to stdout"
}
bad "no such peer" peer del 10.0.3.3
bad "peer exists" peer add 10.0.2.2
bad "family differs" peer add fd00:3::3
bad "VLAN already extended" vlan add 100
bad "VLAN not extended" vlan del 5
bad "no such peer, or VLAN not extended" mac add 0 02:00:00:00:00:01 peer 10.0.9.9
bad "no such remote MAC" mac del 0 02:00:00:00:00:01
bad "VID '4095' out of range" vlan add 4095
bad "not a unicast" mac add 0 01:00:5e:00:00:01 peer 10.0.2.2
bad "a local VF owns this MAC" mac add 0 "$gmac" peer 10.0.2.2
bad "ttl '0' out of range" set ttl 0
bad "aging '5' out of range" set aging 5
bad "unknown setting 'bogus'" set bogus on
[ "$(macs)" = "$(cat /tmp/before.mac)" ] || fail "a refused command changed the MAC table"
[ "$(xenvf evi vlan | wc -l)" = 2 ] && [ "$(xenvf evi peer | wc -l)" = 1 ] || fail "a refused command changed the tables"

step "the tables and counters as the user sees them"
xenvf evi show
xenvf evi peer
xenvf evi vlan
xenvf evi mac
xenvf evi mac add 0 02:00:00:00:00:42 peer 10.0.2.2
xenvf evi mac | grep -q learned || fail "no learned MAC before flush"
xenvf evi flush
xenvf evi mac | grep -q learned && fail "flush left learned MACs"
xenvf evi mac | grep -q "^vlan 0 mac 02:00:00:00:00:42 static peer 10.0.2.2" ||
	fail "flush removed a static MAC"
xenvf evi mac del 0 02:00:00:00:00:42
xenvf evi mac | grep -q "02:00:00:00:00:42" && fail "mac del left the MAC"

step "no peer left: what EVI would flood is dropped and counted"
xenvf evi peer del 10.0.2.2
[ -z "$(xenvf evi peer)" ] || fail "peers left: $(xenvf evi peer)"
p0=$(evi_stat tx_no_peer)
# ARP requests for an address nobody has: broadcasts EVI floods
domu_run guest1 'ping -c 3 -W 1 192.168.10.98' && fail "192.168.10.98 answered"
[ "$(evi_stat tx_no_peer)" -ge $((p0 + 1)) ] || fail "tx_no_peer $p0 -> $(evi_stat tx_no_peer)"
true

# Scenario: EVI over IPv6 outer headers against stock Linux ip6gretap, no
# GRE key. dom0 is site A (fd00:1::1 on xenvf-back's uplink up0); a router
# netns joins it to site B (fd00:2::2, an ip6gretap without key whose
# inner address is on the guest's LAN 192.168.10.0/24, fd00:10::/64).
#   - the underlay first, with stock ip6gretap at both ends (dom0 <-> B)
#   - `xenvf evi` configures it (IPv6 local and peer, nokey)
#   - guest <-> B both ways: ARP, IPv4 ping, IPv6 ping, TCP (md5 compared)
#   - site C's ip6gretap sends with a key we do not use: rx_bad_key
#   - with aging 10 a quiet learned MAC ages out (aged)
# rig-timeout: 900

IP=/usr/sbin/ip

step "underlay: site A (dom0 up0), a router, site B over IPv6"
modprobe ip6_gre
evi_underlay
wait_for 20 ping -c 1 -W 1 fd00:2::2 || fail "underlay: dom0 cannot reach site B"
wait_for 20 ping -c 1 -W 1 fd00:3::3 || fail "underlay: dom0 cannot reach site C"
evi_remote siteb ip6gretap fd00:2::2 fd00:1::1 "" 2
evi_remote sitec ip6gretap fd00:3::3 fd00:1::1 "key 99" 3

step "the underlay with stock ip6gretap at both ends (dom0 <-> B)"
$IP link add gta type ip6gretap local fd00:1::1 remote fd00:2::2 hoplimit 64
$IP link set gta mtu 1400
$IP addr add 192.168.10.1/24 dev gta
$IP link set gta up
wait_for 20 ping -c 1 -W 1 192.168.10.2 || fail "ip6gretap to ip6gretap: no ping dom0 -> B"
$IP link del gta

step "xenvf-back on up0, EVI configured with xenvf evi, then a guest"
insmod "$RIG/modules/xenvf-back.ko" uplink=up0
xenvf evi set local fd00:1::1 nokey ttl 64 dscp 10
xenvf evi peer add fd00:2::2
xenvf evi peer add fd00:3::3
xenvf evi vlan add 0
xenvf evi set enable
xenvf evi show > /tmp/evi.show || fail "xenvf evi show"
cat /tmp/evi.show
grep -q "^evi enabled local fd00:1::1 nokey$" /tmp/evi.show || fail "evi show: first line"
grep -q "dscp 10" /tmp/evi.show || fail "evi show: dscp"
# IPv6 outer: 40 (IPv6) + 4 (GRE, no key) + 18 (inner Ethernet and a tag)
grep -q "overhead 62" /tmp/evi.show || fail "evi show: overhead"
xenvf_guest guest1 192.168.10.11
gmac=$(domu_run guest1 'cat /sys/class/net/eth0/address')
domu_run guest1 "$IP addr add fd00:10::11/64 dev eth0 nodad && $IP -d link show eth0" > /tmp/link ||
	fail "guest1: IPv6 address, ip -d link: $(cat /tmp/link)"
cat /tmp/link
grep -q "maxmtu 1438" /tmp/link || fail "the guest's MTU limit is not 1500 - 62"
xenvf evi peer | grep -q "^peer fd00:2::2 " || fail "evi peer: $(xenvf evi peer)"

step "guest -> B: ARP, IPv4 and IPv6 ping"
pings guest1 192.168.10.2 || { evi_diag; fail "guest cannot ping B"; }
wait_for 20 domu_run guest1 'ping -6 -c 1 -W 2 fd00:10::2' || fail "guest cannot ping6 B"
bmac=$(evi_ns siteb cat /sys/class/net/gtb/address)
xenvf evi mac | grep -q "^vlan 0 mac $bmac learned peer fd00:2::2" || fail "B's MAC not learned"
xenvf evi peer | grep "^peer fd00:2::2 " | grep -q "tx_packets [1-9].* rx_packets [1-9]" ||
	fail "B's peer counters: $(xenvf evi peer)"

evi_b_to_guest "$gmac"

step "a peer sending with a GRE key we do not use is refused"
k0=$(evi_stat rx_bad_key)
evi_ns sitec arping -c 2 -w 3 -I gtc 192.168.10.11 && fail "a keyed frame reached the guest"
[ "$(evi_stat rx_bad_key)" -ge $((k0 + 2)) ] || fail "rx_bad_key $k0 -> $(evi_stat rx_bad_key)"

step "aging: a quiet remote MAC is forgotten"
a0=$(evi_stat aged)
xenvf evi set aging 10
xenvf evi show | grep -q "aging 10" || fail "aging not shown as 10"
aged() { [ "$(evi_stat aged)" -gt "$a0" ]; }
wait_for 90 aged || fail "nothing aged out in 90 s with aging 10 ($(xenvf evi mac))"
xenvf evi mac

step "the tables and counters as the user sees them"
xenvf evi show
xenvf evi peer
xenvf evi mac

step "EVI disabled: the guest gets a PF reset and its MTU limit back (9710)"
xenvf evi set disable || fail "xenvf evi set disable"
wait_for 30 domu_run guest1 'dmesg | grep -q "PF reset: running the handshake again"' ||
	fail "no PF reset in guest1"
maxmtu() { domu_run guest1 '/usr/sbin/ip -d link show eth0' | grep -q "maxmtu 9710"; }
wait_for 30 maxmtu || fail "guest1's MTU limit is not 9710 after the PF reset"
domu_run guest1 'dmesg | grep "not restored"' && fail "guest1 could not restore its filters"
dmesg | grep -q "MTU limit 1438 -> 9710: PF reset sent" || fail "the backend did not log the PF reset"

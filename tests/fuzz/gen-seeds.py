#!/usr/bin/env python3
# Writes the seed corpora of the userspace-parser fuzz targets from the
# inputs of their unit tests (tests/kunit/xenvf_pcie_kunit.c,
# tests/unit/test_xlcfg.c, tests/unit/test_evi.c):
#   tests/fuzz/corpus/pcie_cfg/  tests/fuzz/corpus/xlcfg/
#   tests/fuzz/corpus/evi_nl/  tests/fuzz/corpus/evi_conf/
# Run from anywhere: python3 tests/fuzz/gen-seeds.py. File names are the
# SHA-1 of the contents, as libFuzzer names its own.
import hashlib
import os
import struct

here = os.path.dirname(os.path.abspath(__file__))


def write(target, data):
    d = os.path.join(here, 'corpus', target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), 'wb') as f:
        f.write(data)


# ---- pcie_cfg: [flags][6 BAR sizes][pad][16 accesses of 8][image] ----
def ext_hdr(cap_id, ver, nxt):
    return cap_id | ver << 16 | nxt << 20


def pf_82599():
    b = bytearray(4096)

    def w8(o, v): b[o] = v & 0xff
    def w16(o, v): b[o:o + 2] = struct.pack('<H', v & 0xffff)
    def w32(o, v): b[o:o + 4] = struct.pack('<I', v & 0xffffffff)
    s = 0x160
    w16(0, 0x8086); w16(2, 0x10fb); w16(6, 0x10)   # status: cap list
    w8(0x0e, 0); w32(0x10, 0x4)                     # 64-bit BAR0
    w8(0x34, 0x40)
    w8(0x40, 0x01); w8(0x41, 0x50)                  # PM
    w8(0x50, 0x05); w8(0x51, 0x70)                  # MSI
    w8(0x70, 0x11); w8(0x71, 0xa0); w16(0x72, 63)   # MSI-X
    w32(0x74, 4); w32(0x78, 0x2000 | 4)
    w8(0xa0, 0x10); w8(0xa1, 0)                     # PCIe
    w32(0x100, ext_hdr(0x01, 2, 0x140))             # AER
    w32(0x140, ext_hdr(0x0e, 1, s))                 # ARI
    w32(s, ext_hdr(0x10, 1, 0))                     # SR-IOV
    w16(s + 0x08, 0x10)                             # ctrl: ARI
    w16(s + 0x0c, 64); w16(s + 0x0e, 64)
    w16(s + 0x14, 0x180); w16(s + 0x16, 2); w16(s + 0x1a, 0x10ed)
    w32(s + 0x1c, 0x553); w32(s + 0x20, 1)
    w32(s + 0x24, 4); w32(s + 0x30, 4)
    return b


def accesses(ops):
    out = b''
    for off, size, write, val in ops:
        out += struct.pack('<HBBI', off, size, write, val)
    return out.ljust(16 * 8, b'\0')


def pcie_seed(img, ops, std=False, bars=(14, 0, 0, 14, 0, 0)):
    hdr = bytes([1 if std else 0]) + bytes(bars) + b'\0'
    return hdr + accesses(ops) + bytes(img[:256] if std else img)


guest_ops = [
    (0x04, 2, 1, 0xffff), (0x00, 4, 1, 0), (0x0c, 1, 1, 0x10),
    (0x10, 4, 1, 0xffffffff), (0x10, 4, 0, 0), (0x10, 4, 1, 0xfebf0123),
    (0x14, 4, 1, 0xffffffff), (0x12, 2, 1, 0x1234), (0x72, 2, 1, 0xffff),
    (0x74, 4, 1, 0x1000), (0x168, 2, 1, 1), (0x71, 2, 0, 0),
    (0x70, 3, 0, 0), (0xffe, 4, 0, 0), (4096, 1, 1, 0), (0xa8, 2, 1, 0xf),
]
img = pf_82599()
write('pcie_cfg', pcie_seed(img, guest_ops))
write('pcie_cfg', pcie_seed(img, guest_ops, std=True))
for off, val in ((0xa1, 0x40), (0xa1, 0x10), (0xa1, 0x3f), (0xa1, 0xfd)):
    bad = bytearray(img)
    bad[off] = val
    write('pcie_cfg', pcie_seed(bad, guest_ops[:4]))
for at, val in ((0x140, ext_hdr(0x0e, 1, 0x100)), (0x140, ext_hdr(0x0e, 1, 0x80)),
                (0x100, 0xffffffff)):
    bad = bytearray(img)
    bad[at:at + 4] = struct.pack('<I', val)
    write('pcie_cfg', pcie_seed(bad, []))
bad = bytearray(img)                            # SR-IOV truncated at 0xfd0
bad[0x140:0x144] = struct.pack('<I', ext_hdr(0x0e, 1, 0xfd0))
bad[0xfd0:0xfd4] = struct.pack('<I', ext_hdr(0x10, 1, 0))
write('pcie_cfg', pcie_seed(bad, []))
for off, val in ((0x16c, 65), (0x176, 0), (0x174, 0)):  # InitialVFs, stride, offset
    bad = bytearray(img)
    bad[off:off + 2] = struct.pack('<H', val)
    write('pcie_cfg', pcie_seed(bad, []))

# ---- xlcfg: the texts of tests/unit/test_xlcfg.c ----
xl = [
    "# guest1: a PV guest with two VFs\n"
    "name = \"guest1\"\n"
    "kernel = \"/rig/vmlinux\"   # the test kernel\n"
    "memory = 96\n"
    "vcpus = 1; on_crash = 'destroy'\n"
    "extra = \"console=hvc0 panic=-1\"\n"
    "vif = [ 'bridge=xenbr0,mac=00:16:3e:00:00:01' ]\n"
    "xenvf = [ \"mac=00:16:3e:00:00:aa,vlan=5\",\n"
    "          # a comment inside the list\n"
    "          'trust=on' ,\n"
    "          \"\",\n"
    "        ]\n"
    "cpu_weight = 0.5\n"
    "maxmem = 0x100\n",
    "name='a'\n", "\n\n# only a comment", "xenvf = []",
    "xenvf = [ \"a#b,c]\", 'x\\'y', \"q\\\"\\\\\\x41\\101\\n\" ]\n"
    "name = \"n#1\" # comment\n",
    "xenvf=['say \"hi\"',\"it's\"]",
    "xenvf = [\n\n  'vf=1'\n\n  ,\n 'vf=2'\n]\nxenvf += [ 'vf=3' ]\n",
    "xenvf = ['a']\nxenvf = ['b', 'c']\n",
    "vnuma = [ [ 'pnode=0', 'size=512' ], ]\nxenvf = [ 'vlan=2' ]",
    "xenvf = [ 'a' \n", "xenvf = [ 'a',\n", "xenvf = [ 'a' 'b' ]",
    "xenvf = [ 'a', , 'b' ]", "xenvf = 'mac=00:16:3e:00:00:01'",
    "xenvf = [ 5 ]", "xenvf = [ [ 'a' ] ]", "\n\nxenvf = [ 'a ]\n",
    "name = \"a\nb\"", "name = 'a' 'b'", "name 'a'", "= 5", "name = 5",
    "memory = 12abc", "memory = @", "extra = 'a\\qb'", "extra = 'a\\x'",
    "extra = 'a\\", "x = [[[[[[[[[[[1]]]]]]]]]]]", "memory = 96\nvcpus == 1\n",
    "xenvf = [" + "".join("'vf=%d'," % i for i in range(64)) + "]",
]
for t in xl:
    write('xlcfg', t.encode())

# ---- evi_nl: [cmd selector][vid][datagram of netlink messages] ----
NLA_F_NESTED = 0x8000
NLMSG_ERROR, NLMSG_DONE, GENL_ID_CTRL = 2, 3, 0x10
NLM_F_CAPPED, NLM_F_ACK_TLVS = 0x100, 0x200
# enum values of common/proto/xenvf_evi.h, as test_evi.c uses them
A = dict(ENABLED=1, LOCAL=2, KEY=3, USE_KEY=4, TTL=5, DSCP=6, MIN_RX_TTL=7,
         FLOOD_UNKNOWN=8, ARP_SUPPRESS=9, AGING=10, OVERHEAD=11, STATS=12,
         PEER_ADDR=13, PEER_STATS=14, VID=15, MAC=16, MAC_TYPE=17, MAC_AGE=18,
         IPV4=19)


def attr(t, data):
    n = 4 + len(data)
    return struct.pack('<HH', n, t) + data + b'\0' * ((4 - n % 4) % 4)


def msg(mtype, payload, flags=0, seq=0):
    return struct.pack('<IHHII', 16 + len(payload), mtype, flags, seq, 0) + payload


def genl(cmd, attrs):
    return msg(0x20, struct.pack('<BBH', cmd, 1, 0) + attrs)


def u8(t, v): return attr(t, struct.pack('<B', v))
def u16(t, v): return attr(t, struct.pack('<H', v))
def u32(t, v): return attr(t, struct.pack('<I', v))
def u64(t, v): return attr(t, struct.pack('<Q', v))


get = (u8(A['ENABLED'], 1) + attr(A['LOCAL'], bytes([198, 51, 100, 1])) +
       u32(A['KEY'], 42) + u8(A['USE_KEY'], 1) + u8(A['TTL'], 64) +
       u8(A['DSCP'], 0xff) + u8(A['MIN_RX_TTL'], 0) +
       u8(A['FLOOD_UNKNOWN'], 0) + u8(A['ARP_SUPPRESS'], 1) +
       u32(A['AGING'], 300) + u32(A['OVERHEAD'], 42) +
       attr(A['STATS'] | NLA_F_NESTED, u64(1, 5) + u64(8, 1 << 40) +
            u64(18, 3) + u64(26, 9)))
get6 = (u8(A['ENABLED'], 0) +
        attr(A['LOCAL'], bytes.fromhex('20010db8000000000000000000000001')) +
        u8(A['USE_KEY'], 0) + u8(A['DSCP'], 10))
peer = (attr(A['PEER_ADDR'], bytes([10, 0, 2, 2])) +
        attr(A['PEER_STATS'] | NLA_F_NESTED, u64(1, 7) + u64(3, 9)))
mac = (u16(A['VID'], 1) + attr(A['MAC'], bytes([2, 0, 0, 0, 0, 0x42])) +
       u8(A['MAC_TYPE'], 3) + attr(A['PEER_ADDR'], bytes([10, 0, 2, 2])) +
       attr(A['IPV4'], bytes([192, 168, 10, 3])) + u32(A['MAC_AGE'], 12))
ack = msg(NLMSG_ERROR, struct.pack('<i', 0) + msg(0x20, b'')[:16])
err_capped = msg(NLMSG_ERROR, struct.pack('<i', -17) + msg(0x20, b'')[:16] +
                 attr(1, b'peer exists\0'), NLM_F_CAPPED | NLM_F_ACK_TLVS)
err_echo = msg(NLMSG_ERROR, struct.pack('<i', -22) +
               struct.pack('<IHHII', 28, 0x20, 5, 0, 0) + b'\0' * 12 +
               attr(1, b'bad VID\0'), NLM_F_ACK_TLVS)
family = msg(GENL_ID_CTRL, struct.pack('<BBH', 1, 2, 0) +
             attr(2, b'xenvf_evi\0') + u16(1, 0x1f))
done = msg(NLMSG_DONE, struct.pack('<i', 0))
# selector byte: 0 GET, 1 PEER, 2 VLAN, 3 MAC, else another command
for sel, vid, dgram in (
        (0, 0xff, genl(2, get) + ack), (0, 0xff, genl(2, get6)),
        (1, 0xff, genl(6, peer) + genl(6, peer) + done),
        (2, 0xff, genl(9, u16(A['VID'], 0)) + genl(9, u16(A['VID'], 100)) + done),
        (3, 0xff, genl(12, mac) + done), (3, 1, genl(12, mac) + done),
        (3, 0xff, genl(12, u16(A['VID'], 1) + attr(A['MAC'], b'\1\2\3\4\5'))),
        (4, 0xff, ack), (4, 0xff, err_capped), (4, 0xff, err_echo),
        (4, 0xff, family)):
    write('evi_nl', bytes([sel, vid]) + dgram)

# ---- evi_conf: files of tests/unit/test_evi.c (conf_*) ----
conf = [
    "# xenvf evi save: apply with xenvf evi load FILE\n"
    "set local 10.0.1.1 key 42 ttl 64 dscp inherit min-rx-ttl 1 flood-unknown off arp-suppress off aging 300\n"
    "peer add 10.0.2.2\npeer add 10.0.3.3\nvlan add 0\nvlan add 100\n"
    "mac add 100 02:00:00:00:00:01 peer 10.0.2.2 ip 10.0.0.9\nset enable\n",
    "set local 2001:db8::1 nokey ttl 255 dscp 63 min-rx-ttl 0 flood-unknown on arp-suppress on aging 86400\n"
    "peer add 2001:db8::2\nvlan add 4094\nmac add 0 00:16:3e:ab:cd:ef peer 2001:db8::2\nset disable\n",
    "\n   \n# a comment\n\tpeer add 10.0.2.2   # trailing comment\r\nvlan   add\t7\n#\nset enable",
    "set key 1\npeer add 10.0.2.2\nvlan add 4095\nvlan add 1\n",
    "peer del 10.0.2.2\n", "vlan add 1\nshow\n", "set enable enable\n",
    "mac add 1 02:00:00:00:00:01\n", "set aging 60 ttl 9 enable nokey\n",
    "vlan add 1\nvlan\0add 2\n",
]
for t in conf:
    write('evi_conf', t.encode())

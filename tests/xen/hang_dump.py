#!/usr/bin/env python3
# The rig's silence dump: when a boot has printed nothing for a while,
# ask QEMU's monitor what the emulated CPU is doing (halted or not, its
# local APIC timer, the PIC) and ask Xen, on its serial console, for its
# debug-key dumps (registers, timer queues, domains and vCPUs, run queues,
# interrupt bindings), then ask dom0's kernel, through its hvc console's
# magic SysRq (Ctrl-O and a key), for its blocked tasks and every CPU's
# backtrace: a dom0 task stuck in D state leaves the CPU idle, which Xen's
# dumps alone cannot tell from a quiet boot. The monitor's answers go to
# stdout; Xen's and dom0's go to the serial log, as everything they print
# does.
#
# Usage: hang_dump.py MONITOR_SOCKET SERIAL_SOCKET
import socket
import sys
import time

MONITOR_CMDS = ["info status", "info registers", "info lapic", "info pic",
                "info irq", "info cpus"]
# Ctrl-A three times hands the console's input to Xen, and back again.
XEN_SWITCH = b"\x01\x01\x01"
XEN_KEYS = b"dazqri0"
# hvc_console's SysRq prefix (Ctrl-O), then w (blocked tasks), l (CPUs)
DOM0_SYSRQ = b"\x0f"
DOM0_KEYS = b"wl"


def read_for(s, secs):
    s.settimeout(0.5)
    out = b""
    end = time.time() + secs
    while time.time() < end:
        try:
            b = s.recv(65536)
        except socket.timeout:
            continue
        if not b:
            break
        out += b
    return out.decode(errors="replace")


def monitor(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    print(read_for(s, 1), end="")
    for c in MONITOR_CMDS:
        s.sendall(c.encode() + b"\n")
        print(read_for(s, 2), end="")
    s.close()


def xen_keys(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    # what comes back is in the serial log already: read it only so that
    # QEMU never waits on a full socket
    s.sendall(XEN_SWITCH)
    read_for(s, 1)
    for k in XEN_KEYS:
        s.sendall(bytes([k]))
        read_for(s, 3)
    s.sendall(XEN_SWITCH)
    read_for(s, 1)
    for k in DOM0_KEYS:
        s.sendall(DOM0_SYSRQ + bytes([k]))
        read_for(s, 5)
    s.close()


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: hang_dump.py MONITOR_SOCKET SERIAL_SOCKET")
    print("===== QEMU monitor =====")
    try:
        monitor(sys.argv[1])
    except OSError as e:
        print(f"monitor: {e}")
    print("===== Xen debug keys %s, dom0 SysRq %s (answers in the serial log) ====="
          % (XEN_KEYS.decode(), DOM0_KEYS.decode()))
    try:
        xen_keys(sys.argv[2])
    except OSError as e:
        print(f"serial: {e}")


main()

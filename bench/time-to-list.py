#!/usr/bin/env python3
"""Seconds from starting `ajtl --data FILE` in a 120x40 pseudo-terminal to the list on screen (the
explorer's header drawn at the top left; the loading screen draws mid-screen only), then quits.
HOLD=S keeps it open S seconds first (say, for the snapshot to be written).
  usage: bench/time-to-list.py AJTL FILE [ajtl args...]"""
import os, pty, sys, time, select, struct, fcntl, termios, re
ajtl, data, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
start = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm-256color"
    os.execv(ajtl, [ajtl, "--data", data] + extra)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
buf = b""
shown = None
while time.monotonic() - start < 120:
    r, _, _ = select.select([fd], [], [], 0.5)
    if r:
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:
            break
        buf += chunk
        # The explorer's header, drawn at the top left once the list is ready (the loading
        # screen draws mid-screen only).
        if b"\x1b[1;1H" in buf:
            shown = time.monotonic() - start
            break
time.sleep(float(os.environ.get("HOLD", "0")))
os.write(fd, b"q")
deadline = time.monotonic() + 10
while time.monotonic() < deadline:
    r, _, _ = select.select([fd], [], [], 0.2)
    if r:
        try:
            if not os.read(fd, 1 << 16):
                break
        except OSError:
            break
os.waitpid(pid, 0)
print(f"{shown:.3f}" if shown else "timeout")

#!/usr/bin/env python3
"""Interleaved timing of whole commands: each round runs every command once, in alternating
order, so that this shared machine's slow spells fall on all of them alike; prints each one's
median, quartiles and fastest run in milliseconds. Commands run through the shell.

  usage: bench/interleave.py ROUNDS 'name=command' 'name=command' ...
  e.g.   bench/interleave.py 10 "before=old/ajtl search tokyo --data big.ron" \\
             "after=target/release/ajtl search tokyo --data big.ron" \\
             "fzf=fzf --filter tokyo < titles.txt | head -50"
"""
import statistics
import subprocess
import sys
import time

rounds = int(sys.argv[1])
commands = [argument.split("=", 1) for argument in sys.argv[2:]]
times = {name: [] for name, _ in commands}


def run(command):
    subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


for _, command in commands:  # once each first, to warm caches and write snapshots
    run(command)
for round in range(rounds):
    for name, command in commands if round % 2 == 0 else commands[::-1]:
        start = time.perf_counter()
        run(command)
        times[name].append((time.perf_counter() - start) * 1000)
for name, runs in times.items():
    quartiles = statistics.quantiles(runs, n=4) if len(runs) > 1 else runs * 3
    print(f"{name:12} median {statistics.median(runs):7.1f}  p25 {quartiles[0]:7.1f}  "
          f"p75 {quartiles[2]:7.1f}  min {min(runs):7.1f}")

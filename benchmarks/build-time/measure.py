#!/usr/bin/env python3
"""measure.py [--compiler-server] FILE COMMAND...: runs COMMAND (stdout and stderr to /dev/null) and appends
"<wall seconds>\t<cpu seconds>" to FILE; exits with COMMAND's exit code.

CPU seconds are user + system time of the command and of every process it started and waited for (csc, MSBuild
nodes): the work the build did, which other load on the machine changes much less than it changes wall time.

With --compiler-server, for builds that hand their compile to the shared compiler server (VBCSCompiler, started by an
earlier build and not a child that the command waits for, so its work is not in the figure above), the CPU that this
user's running compiler servers spent while the command ran is added: read from /proc before and after (Linux only;
elsewhere the figure stays the command's own)."""

import os
import resource
import subprocess
import sys
import time

SERVER = "VBCSCompiler"


def server_cpu():
    """{pid: user + system seconds} of this user's running compiler servers, from /proc (empty where there is none)."""
    found = {}
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return found
    ticks = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            if os.stat(f"/proc/{pid}").st_uid != os.getuid():
                continue
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if SERVER.encode() not in f.read():
                    continue
            with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
                # Fields after the command name (which may hold spaces) start after its closing bracket.
                fields = f.read().rsplit(")", 1)[1].split()
            found[int(pid)] = (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile, or not ours to read
    return found


def main():
    args = sys.argv[1:]
    with_server = bool(args) and args[0] == "--compiler-server"
    if with_server:
        args = args[1:]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    servers_before = server_cpu() if with_server else {}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    code = subprocess.call(args[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    servers_after = server_cpu() if with_server else {}
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # A server that started during the command counts from zero; one that stopped during it is not counted (its
    # last figures are gone), which only happens when a build shuts the server down.
    cpu += sum(seconds - servers_before.get(pid, 0.0) for pid, seconds in servers_after.items())
    with open(args[0], "a", encoding="utf-8") as f:
        f.write(f"{wall:.3f}\t{cpu:.3f}\n")
    return code


if __name__ == "__main__":
    sys.exit(main())

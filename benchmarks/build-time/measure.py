#!/usr/bin/env python3
"""measure.py FILE COMMAND...: runs COMMAND (stdout and stderr to /dev/null) and appends
"<wall seconds>\t<cpu seconds>" to FILE; exits with COMMAND's exit code.

CPU seconds are user + system time of the command and of every process it started and waited for (csc, MSBuild
nodes): the work the build did, which other load on the machine changes much less than it changes wall time."""

import os
import resource
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    code = subprocess.call(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with open(sys.argv[1], "a", encoding="utf-8") as f:
        f.write(f"{wall:.3f}\t{cpu:.3f}\n")
    return code


if __name__ == "__main__":
    sys.exit(main())

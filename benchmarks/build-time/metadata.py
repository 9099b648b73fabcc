#!/usr/bin/env python3
"""metadata.py ASSEMBLY...: the sizes of the ECMA-335 metadata streams (#~, #Strings, #US, #GUID, #Blob) of each
.NET assembly, read from the PE file's CLI header and the metadata root's stream headers (ECMA-335 II.24.2).

Prints one line per assembly: "<file size>\t#~=<bytes>\t#Strings=<bytes>\t#US=<bytes>\t..." (--json for JSON).
The #US heap holds the program's string literals as UTF-16; the compiler fails with CS8103 when it passes 16 MiB
(0xFFFFFF bytes). Attribute arguments go to #Blob (as UTF-8)."""

import json
import struct
import sys
from pathlib import Path


class NotAnAssembly(Exception):
    pass


def streams(path):
    data = Path(path).read_bytes()
    if data[:2] != b"MZ":
        raise NotAnAssembly(f"{path}: not a PE file (no MZ header)")
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe:pe + 4] != b"PE\0\0":
        raise NotAnAssembly(f"{path}: not a PE file (no PE signature)")
    sections_count = struct.unpack_from("<H", data, pe + 6)[0]
    optional_size = struct.unpack_from("<H", data, pe + 20)[0]
    optional = pe + 24
    magic = struct.unpack_from("<H", data, optional)[0]
    directories = optional + (96 if magic == 0x10B else 112)  # PE32 or PE32+
    cli_rva, cli_size = struct.unpack_from("<II", data, directories + 14 * 8)
    if cli_rva == 0:
        raise NotAnAssembly(f"{path}: no CLI header (not a .NET assembly)")
    sections = []
    for i in range(sections_count):
        header = optional + optional_size + i * 40
        virtual_size, virtual_address, raw_size, raw_pointer = struct.unpack_from("<IIII", data, header + 8)
        sections.append((virtual_address, max(virtual_size, raw_size), raw_pointer))

    def offset(rva):
        for address, size, pointer in sections:
            if address <= rva < address + size:
                return rva - address + pointer
        raise NotAnAssembly(f"{path}: RVA {rva:#x} is in no section")

    cli = offset(cli_rva)
    metadata_rva, _ = struct.unpack_from("<II", data, cli + 8)
    root = offset(metadata_rva)
    if struct.unpack_from("<I", data, root)[0] != 0x424A5342:
        raise NotAnAssembly(f"{path}: bad metadata signature")
    version_length = struct.unpack_from("<I", data, root + 12)[0]
    position = root + 16 + version_length + 2  # version string, then Flags
    count = struct.unpack_from("<H", data, position)[0]
    position += 2
    result = {}
    for _ in range(count):
        _, size = struct.unpack_from("<II", data, position)
        end = data.index(b"\0", position + 8)
        name = data[position + 8:end].decode("ascii")
        result[name] = size
        position = (end + 1 + 3) & ~3  # the name is padded to a multiple of 4 bytes
    return len(data), result


def main(argv):
    as_json = "--json" in argv
    paths = [a for a in argv if a != "--json"]
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    out = {}
    for path in paths:
        try:
            size, heaps = streams(path)
        except (OSError, NotAnAssembly, struct.error, ValueError) as error:
            print(f"metadata.py: {error}", file=sys.stderr)
            return 1
        out[path] = {"file": size, **heaps}
        if not as_json:
            print(f"{path}\t{size}\t" + "\t".join(f"{k}={v}" for k, v in heaps.items()))
    if as_json:
        print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

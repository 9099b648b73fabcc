#!/usr/bin/env bash
# Regenerates zone-countries.txt, the table behind PiiGuard.TimeZoneCountry, and the test fixtures that check it.
#
#   bash src/Runtime/TimeZones/update-table.sh [ZONEINFO_DIR]      (default: /usr/share/zoneinfo)
#
# For maintainers, after a tzdata release; CI never runs it. Needs the .NET SDK (10 or later, for 'dotnet run file.cs'),
# a zoneinfo folder with tzdata.zi, zone.tab, zone1970.tab and iso3166.tab (Debian's and Ubuntu's tzdata package has
# them), and ICU on Linux (libicu; .NET's time zone conversions and the cross-check below use it).
#
# Sources:
#   zone.tab      each zone's country (the one country zone.tab gives; it wins over everything else)
#   zone1970.tab  a check only: each zone it lists is in zone.tab, with zone.tab's country among its countries
#   tzdata.zi     every zone ("Z") and link ("L TARGET ALIAS"); a link takes its target's country, except the few old
#                 names that tzdata links to a zone in another country (listed in the generator below)
#   iso3166.tab   the assigned country codes (TimeZoneCountry.IsAssigned)
#   ICU           CLDR's windowsZones as this machine's ICU has it (TimeZoneInfo.TryConvertIanaIdToWindowsId and
#                 TryConvertWindowsIdToIanaId): every Windows id, and the zone of its territory "001"; and ICU's own
#                 region of each tz id, printed as "note:" lines where it differs, for review
#
# The generator refuses to write a table that leaves a zone without a country unless tzdata has it without one
# (Etc/*, Factory, POSIX-style zones such as EST5EDT, and links to them), or that has an unassigned code.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
zoneinfo=$(cd "${1:-/usr/share/zoneinfo}" && pwd)
fixtures="$(cd "$here/../../.." && pwd)/tests/PiiGuard.Runtime.Tests/TimeZones"

for file in tzdata.zi zone.tab zone1970.tab iso3166.tab; do
  if [ ! -f "$zoneinfo/$file" ]; then
    echo "update-table.sh: $zoneinfo/$file not found (install tzdata, or give the folder that has it)" >&2
    exit 1
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The generator: a file-based C# program, written out here so that the runtime project does not compile it.
cat > "$work/generate.cs" <<'CSHARP'
#:property PublishAot=false
#:property Nullable=enable
// Writes PiiGuard's zone-countries.txt from the tz database and this machine's ICU.
// Usage: dotnet run generate.cs -- ZONEINFO_DIR OUTPUT_FILE DATE
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

string dir = args[0], output = args[1], date = args[2];
var errors = new List<string>();

// tzdata.zi: the version, the zones ("Z name ...") and the links ("L target alias").
string[] zi = File.ReadAllLines(Path.Combine(dir, "tzdata.zi"));
string version = zi[0].StartsWith("# version ", StringComparison.Ordinal) ? zi[0]["# version ".Length..].Trim() : throw new InvalidDataException("tzdata.zi does not start with '# version'.");
var zones = new HashSet<string>(StringComparer.Ordinal);
var links = new Dictionary<string, string>(StringComparer.Ordinal);
foreach (string line in zi)
{
    string[] f = line.Split(' ');
    if (f[0] == "Z") zones.Add(f[1]);
    else if (f[0] == "L") links.Add(f[2], f[1]);
}

// iso3166.tab: the assigned codes.
var iso = new SortedSet<string>(StringComparer.Ordinal);
foreach (string[] f in Tab("iso3166.tab"))
{
    if (!Regex.IsMatch(f[0], "^[A-Z]{2}$")) errors.Add($"iso3166.tab: bad code '{f[0]}'");
    iso.Add(f[0]);
}

// zone.tab: one country for each zone it lists; it wins over everything else.
var zoneTab = new Dictionary<string, string>(StringComparer.Ordinal);
foreach (string[] f in Tab("zone.tab"))
{
    if (!iso.Contains(f[0])) errors.Add($"zone.tab: {f[2]} has unassigned code {f[0]}");
    if (!zones.Contains(f[2]) && !links.ContainsKey(f[2])) errors.Add($"zone.tab: {f[2]} is not in tzdata.zi");
    if (!zoneTab.TryAdd(f[2], f[0])) errors.Add($"zone.tab: {f[2]} twice");
}

// zone1970.tab: a check only. Its zones are zone.tab's, and each lists zone.tab's country among its countries.
foreach (string[] f in Tab("zone1970.tab"))
{
    if (!zoneTab.TryGetValue(f[2], out string? cc)) errors.Add($"zone1970.tab: {f[2]} is not in zone.tab");
    else if (!f[0].Split(',').Contains(cc)) errors.Add($"zone1970.tab: {f[2]} lists {f[0]}, not zone.tab's {cc}");
}

// Links whose tzdata target lies in another country: since 2022 tzdata points old names at any zone with the same
// clocks since 1970 (its 'backward' file marks them "#= the zone the name stands for"). Such a name keeps the
// country it stands for, not its target's. ICU's region data agrees (checked below).
var renamed = new (string Alias, string Country, string StandsFor)[]
{
    ("Africa/Asmera", "ER", "Africa/Asmara"),
    ("Africa/Timbuktu", "ML", "Africa/Bamako"),
    ("America/Coral_Harbour", "CA", "America/Atikokan"),
    ("America/Virgin", "VI", "America/St_Thomas"),
    ("Antarctica/South_Pole", "AQ", "Antarctica/McMurdo"),
    ("Atlantic/Jan_Mayen", "SJ", "Jan Mayen, part of Svalbard and Jan Mayen"),
    ("Iceland", "IS", "Atlantic/Reykjavik"),
    ("Pacific/Johnston", "UM", "Johnston Atoll, part of the U.S. Minor Outlying Islands"),
    ("Pacific/Ponape", "FM", "Pacific/Pohnpei"),
    ("Pacific/Truk", "FM", "Pacific/Chuuk"),
    ("Pacific/Yap", "FM", "Pacific/Chuuk"),
};
var renamedCountry = new Dictionary<string, string>(StringComparer.Ordinal);
foreach (var (alias, country, standsFor) in renamed)
{
    if (!links.ContainsKey(alias)) { Console.Error.WriteLine($"note: {alias} is no longer a link in tzdata {version}; its correction is unused"); continue; }
    if (zoneTab.ContainsKey(alias)) { Console.Error.WriteLine($"note: zone.tab now lists {alias}; its correction is unused"); continue; }
    if (!iso.Contains(country)) errors.Add($"correction {alias}: {country} is not assigned");
    if (zoneTab.TryGetValue(standsFor, out string? cc) && cc != country) errors.Add($"correction {alias}: zone.tab gives {standsFor} {cc}, not {country}");
    renamedCountry.Add(alias, country);
}

string Resolve(string id) => links.TryGetValue(id, out string? target) ? Resolve(target) : id;

string? CountryOf(string id, int depth = 0)
{
    if (zoneTab.TryGetValue(id, out string? cc)) return cc;
    if (renamedCountry.TryGetValue(id, out cc)) return cc;
    if (depth < 8 && links.TryGetValue(id, out string? target)) return CountryOf(target, depth + 1);
    return null;
}

// A zone that zone.tab does not list has no country; in tzdata these are Etc/*, Factory and the POSIX-style zones
// (CET, EST5EDT, ...). Anything else would need a look before it is left without a country.
bool CountryLessZone(string id) => zones.Contains(id) && !zoneTab.ContainsKey(id);
foreach (string id in zones.Where(CountryLessZone).Where(id => !Regex.IsMatch(id, "^(Etc/.+|Factory|[A-Z]{3}|[A-Z]{3}[0-9][A-Z]{3})$")))
    errors.Add($"{id}: a zone not in zone.tab that is not Etc/*, Factory or POSIX-style");

var tz = new SortedDictionary<string, string?>(StringComparer.Ordinal);
foreach (string id in zones.Concat(links.Keys))
{
    string? cc = CountryOf(id);
    if (cc is null && !CountryLessZone(Resolve(id))) errors.Add($"{id}: no country, and not a zone without one");
    tz.Add(id, cc);
}

// Windows ids, as this machine's ICU (CLDR's windowsZones) knows them: every Windows id some tz id maps to, and the
// zone of its territory "001". The Windows id takes that zone's country.
var windows = new SortedDictionary<string, (string? Country, string Zone)>(StringComparer.Ordinal);
foreach (string id in tz.Keys)
{
    if (!TimeZoneInfo.TryConvertIanaIdToWindowsId(id, out string? windowsId) || windows.ContainsKey(windowsId)) continue;
    if (!TimeZoneInfo.TryConvertWindowsIdToIanaId(windowsId, out string? golden)) { errors.Add($"{windowsId}: no zone for territory 001"); continue; }
    if (!tz.TryGetValue(golden, out string? cc)) { errors.Add($"{windowsId}: its zone {golden} is not in tzdata {version}"); continue; }
    if (tz.TryGetValue(windowsId, out string? tzCountry) && tzCountry != cc) errors.Add($"{windowsId}: a tz id with another country");
    windows.Add(windowsId, (cc, golden));
}
if (windows.Count < 100) errors.Add($"only {windows.Count} Windows ids: is ICU missing (invariant globalization)?");

// Ids that differ only in case must agree, for the case-insensitive fallback.
foreach (var g in tz.Select(p => (p.Key, p.Value)).Concat(windows.Select(p => (p.Key, p.Value.Country)))
             .GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Where(g => g.Select(p => p.Item2).Distinct().Count() > 1))
    errors.Add($"ids differing only in case with different countries: {string.Join(", ", g.Select(p => p.Key))}");

// A check against ICU's own region of each tz id, where this machine's ICU can tell.
string icuVersion = "unknown";
if (Icu.TryLoad(out Icu? icu))
{
    icuVersion = $"ICU {icu.Version} (CLDR {icu.CldrVersion})";
    var icuRegion = new Dictionary<string, string>(StringComparer.Ordinal);
    foreach (string cc in iso) foreach (string id in icu.ZonesOf(cc)) icuRegion[id] = cc;
    foreach (var (id, cc) in tz)
    {
        string? other = icuRegion.GetValueOrDefault(id);
        if (other != cc) Console.Error.WriteLine($"note: {id}: {cc ?? "-"} here, {(other ?? "-")} in {icuVersion}" + (icuRegion.Count > 0 && other is null && cc is not null ? " (unknown to this ICU?)" : ""));
    }
}
else
{
    Console.Error.WriteLine("note: ICU's C API not found: the regions were not cross-checked");
}

if (errors.Count > 0)
{
    foreach (string e in errors) Console.Error.WriteLine("error: " + e);
    return 1;
}

var sb = new StringBuilder();
sb.Append($"""
    # The country of each time zone id, for PiiGuard.TimeZoneCountry. Generated: do not edit by hand.
    # Regenerate with: bash src/Runtime/TimeZones/update-table.sh [ZONEINFO_DIR]   (default /usr/share/zoneinfo)
    # Made {date} from tzdata {version} ({dir}: zone.tab, zone1970.tab, iso3166.tab, tzdata.zi)
    # and the Windows zone mapping of {icuVersion}, which is CLDR's windowsZones.
    #
    # @iso3166: the assigned ISO 3166-1 alpha-2 codes of iso3166.tab.
    # @tz: "id<TAB>country" for every zone and link of tzdata.zi; "-" for a zone with no country (Etc/*, UTC,
    #   Factory, POSIX-style zones such as EST5EDT, and links to them). A zone of zone.tab takes zone.tab's country;
    #   a link takes its target's, except these old names, which tzdata now links to a zone in another country
    #   (its file "backward" marks them "#="); each keeps the country it stands for:
    {string.Join("\n", renamed.Where(r => renamedCountry.ContainsKey(r.Alias)).Select(r => $"#     {r.Alias} {r.Country} ({r.StandsFor})"))}
    # @windows: "Windows id<TAB>country<TAB>zone": the country of the id's territory-001 zone; "-" for none.

    """.Replace("\r", ""));
sb.Append("@iso3166\n");
foreach (var chunk in iso.Chunk(26)) sb.Append(string.Join(' ', chunk)).Append('\n');
sb.Append("@tz\n");
foreach (var (id, cc) in tz) sb.Append(id).Append('\t').Append(cc ?? "-").Append('\n');
sb.Append("@windows\n");
foreach (var (id, (cc, zone)) in windows) sb.Append(id).Append('\t').Append(cc ?? "-").Append('\t').Append(zone).Append('\n');
File.WriteAllText(output, sb.ToString(), new UTF8Encoding(false));
Console.Error.WriteLine($"{output}: {iso.Count} codes, {tz.Count} tz ids ({tz.Count(p => p.Value is null)} without a country), {windows.Count} Windows ids ({windows.Count(p => p.Value.Country is null)} without a country)");
return 0;

IEnumerable<string[]> Tab(string name) =>
    File.ReadLines(Path.Combine(dir, name)).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t'));

sealed class Icu
{
    private delegate IntPtr OpenEnumeration(int type, [MarshalAs(UnmanagedType.LPStr)] string region, IntPtr rawOffset, ref int status);
    private delegate IntPtr Next(IntPtr enumeration, out int length, ref int status);
    private delegate void Close(IntPtr enumeration);
    private delegate void GetVersion([Out] byte[] version);
    private delegate void GetCldrVersion([Out] byte[] version, ref int status);

    private OpenEnumeration _open = null!;
    private Next _next = null!;
    private Close _close = null!;
    public string Version { get; private set; } = "";
    public string CldrVersion { get; private set; } = "";

    public static bool TryLoad(out Icu icu)
    {
        icu = new Icu();
        for (int v = 100; v >= 50; v--)
        {
            if (!NativeLibrary.TryLoad($"libicuuc.so.{v}", out IntPtr uc) || !NativeLibrary.TryLoad($"libicui18n.so.{v}", out IntPtr i18n)) continue;
            T F<T>(IntPtr lib, string name) => Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(lib, $"{name}_{v}"));
            icu._open = F<OpenEnumeration>(i18n, "ucal_openTimeZoneIDEnumeration");
            icu._next = F<Next>(uc, "uenum_next");
            icu._close = F<Close>(uc, "uenum_close");
            byte[] version = new byte[4];
            F<GetVersion>(uc, "u_getVersion")(version);
            icu.Version = $"{version[0]}.{version[1]}";
            int status = 0;
            F<GetCldrVersion>(i18n, "ulocdata_getCLDRVersion")(version, ref status);
            icu.CldrVersion = $"{version[0]}" + (version[1] != 0 ? $".{version[1]}" : "");
            return true;
        }
        return false;
    }

    public List<string> ZonesOf(string region)
    {
        int status = 0;
        IntPtr e = _open(0, region, IntPtr.Zero, ref status); // UCAL_ZONE_TYPE_ANY
        var ids = new List<string>();
        if (status > 0 || e == IntPtr.Zero) return ids;
        for (IntPtr p; (p = _next(e, out int length, ref status)) != IntPtr.Zero;) ids.Add(Marshal.PtrToStringAnsi(p, length));
        _close(e);
        return ids;
    }
}
CSHARP

(cd "$work" && dotnet run generate.cs -- "$zoneinfo" "$work/zone-countries.txt" "$(date -u +%F)")
mv "$work/zone-countries.txt" "$here/zone-countries.txt"
mkdir -p "$fixtures"
cp "$zoneinfo/zone.tab" "$zoneinfo/iso3166.tab" "$fixtures/"
echo "update-table.sh: wrote $here/zone-countries.txt and copied zone.tab and iso3166.tab to $fixtures" >&2

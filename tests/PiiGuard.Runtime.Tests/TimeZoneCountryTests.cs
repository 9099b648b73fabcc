using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace PiiGuard.Runtime.Tests;

/// <summary>
/// The country from the configured time zone (TimeZoneCountry): every zone of zone.tab, links, Windows ids, zones
/// without a country, unknown ids, the machine's own time zones and the assigned codes of iso3166.tab.
/// </summary>
public class TimeZoneCountryTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "TimeZones");

    // The kinds of ids that tzdata has without a country: Etc/* and the names of UTC and GMT, Factory, and the
    // POSIX-style zones (CET, EET, MET, WET, EST, MST, HST, EST5EDT, CST6CDT, MST7MDT, PST8PDT).
    private static readonly Regex CountryLessTzId = new(
        @"^(Etc/.+|Factory|UTC|UCT|Universal|Zulu|GMT|GMT[+-]?0|Greenwich|[CEMW]ET|[EMH]ST|[A-Z]ST[0-9]{1,2}[A-Z]DT)$",
        RegexOptions.CultureInvariant);

    /// <summary>The checked-in zone.tab the table was made from, and this machine's zone.tab where it has one.</summary>
    public static TheoryData<string> ZoneTabFiles()
    {
        var files = new TheoryData<string> { Path.Combine(Fixtures, "zone.tab") };
        if (File.Exists("/usr/share/zoneinfo/zone.tab"))
        {
            files.Add("/usr/share/zoneinfo/zone.tab");
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(ZoneTabFiles))]
    public void TimeZone_EveryZoneOfZoneTab_MapsToItsCountry(string zoneTab)
    {
        var lines = File.ReadLines(zoneTab).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t')).ToList();
        Assert.True(lines.Count > 300, $"{zoneTab} has {lines.Count} zones");

        var wrong = new List<string>();
        foreach (string[] fields in lines)
        {
            CountryCode expected = CountryCode.Parse(fields[0]);
            if (!TimeZoneCountry.TryGetCountry(fields[2], out CountryCode actual) || actual != expected)
            {
                wrong.Add($"{fields[2]}: {actual} instead of {expected}");
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("Europe/Berlin", "DE")]
    [InlineData("Europe/Kiev", "UA")]
    [InlineData("Europe/Kyiv", "UA")]
    [InlineData("Asia/Calcutta", "IN")]
    [InlineData("US/Eastern", "US")]
    [InlineData("America/Buenos_Aires", "AR")]
    [InlineData("Japan", "JP")]
    [InlineData("GB", "GB")]
    [InlineData("PRC", "CN")]
    [InlineData("ROK", "KR")]
    // Listed in zone.tab with their own country although tzdata links them to another country's zone.
    [InlineData("Arctic/Longyearbyen", "SJ")]
    [InlineData("Europe/Busingen", "DE")]
    [InlineData("America/Kralendijk", "BQ")]
    [InlineData("Europe/Vatican", "VA")]
    // Old names that tzdata links to a zone in another country: the country they stand for, not the target's.
    [InlineData("Iceland", "IS")]
    [InlineData("Africa/Asmera", "ER")]
    [InlineData("Africa/Timbuktu", "ML")]
    [InlineData("Atlantic/Jan_Mayen", "SJ")]
    [InlineData("Pacific/Truk", "FM")]
    [InlineData("America/Virgin", "VI")]
    [InlineData("Antarctica/South_Pole", "AQ")]
    public void TimeZone_Link_MapsToTheCountryItNames(string id, string country)
    {
        Assert.True(TimeZoneCountry.TryGetCountry(id, out CountryCode actual));
        Assert.Equal(CountryCode.Parse(country), actual);
        Assert.Equal(actual, TimeZoneCountry.FromTimeZone(id));
    }

    [Theory]
    [InlineData("W. Europe Standard Time", "DE")]
    [InlineData("Eastern Standard Time", "US")]
    [InlineData("Tokyo Standard Time", "JP")]
    [InlineData("AUS Eastern Standard Time", "AU")]
    [InlineData("Romance Standard Time", "FR")]
    [InlineData("India Standard Time", "IN")]
    [InlineData("Central Standard Time (Mexico)", "MX")]
    public void TimeZone_WindowsId_MapsToTheCountryOfItsTerritory001Zone(string id, string country)
    {
        Assert.Equal(CountryCode.Parse(country), TimeZoneCountry.FromTimeZone(id));
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Etc/UTC")]
    [InlineData("Etc/GMT-3")]
    [InlineData("Etc/GMT+5")]
    [InlineData("GMT")]
    [InlineData("Zulu")]
    [InlineData("Factory")]
    [InlineData("EST5EDT")]
    [InlineData("CET")]
    [InlineData("EST")]
    [InlineData("UTC-02")]
    [InlineData("Dateline Standard Time")]
    public void TimeZone_WithoutCountry_GivesNone(string id)
    {
        Assert.True(TimeZoneCountry.IsKnown(id), $"{id} should be in the table, without a country");
        Assert.False(TimeZoneCountry.TryGetCountry(id, out CountryCode country));
        Assert.Equal(default(CountryCode), country);
        Assert.Null(TimeZoneCountry.FromTimeZone(id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("jane.doe@example.com")]
    [InlineData("Europe/Berlin/Mitte")]
    [InlineData("DE")]
    [InlineData("Local")]
    public void TimeZone_Unknown_GivesNone(string? id)
    {
        Assert.False(TimeZoneCountry.IsKnown(id));
        Assert.False(TimeZoneCountry.TryGetCountry(id, out CountryCode country));
        Assert.False(country.HasValue);
        Assert.Null(TimeZoneCountry.FromTimeZone(id));
    }

    [Theory]
    [InlineData("europe/berlin", "DE")]
    [InlineData("EUROPE/KIEV", "UA")]
    [InlineData("w. europe standard time", "DE")]
    [InlineData(" Europe/Paris\n", "FR")]
    [InlineData("\tAmerica/New_York ", "US")]
    public void TimeZone_OtherCaseOrSurroundingWhiteSpace_StillMaps(string id, string country)
    {
        Assert.Equal(CountryCode.Parse(country), TimeZoneCountry.FromTimeZone(id));
    }

    [Fact]
    public void TimeZone_EveryTableId_MatchesItselfExactlyAndIgnoringCase()
    {
        // The exact match comes first; the case-insensitive one finds the same entry for every id of the table.
        foreach (var (id, country) in TimeZoneCountry.Entries)
        {
            Assert.Equal(country, TimeZoneCountry.TryGetCountry(id, out CountryCode exact) ? exact : default);
            Assert.Equal(country, TimeZoneCountry.TryGetCountry(id.ToUpperInvariant(), out CountryCode upper) ? upper : default);
        }
    }

    [Fact]
    public void TimeZone_EverySystemTimeZone_MapsToAnAssignedCountryOrIsCountryLess()
    {
        var unexplained = new List<string>();
        int withCountry = 0;
        foreach (TimeZoneInfo zone in TimeZoneInfo.GetSystemTimeZones())
        {
            CountryCode? country = TimeZoneCountry.FromTimeZone(zone);
            Assert.Equal(TimeZoneCountry.FromTimeZone(zone.Id), country);
            if (country is CountryCode code)
            {
                withCountry++;
                if (!TimeZoneCountry.IsAssigned(code))
                {
                    unexplained.Add($"{zone.Id}: unassigned {code}");
                }
            }
            else if (!IsCountryLess(zone.Id))
            {
                unexplained.Add($"{zone.Id}: no country");
            }
        }

        Assert.Empty(unexplained);
        Assert.True(withCountry > 0, "no system time zone has a country");
    }

    [Fact]
    public void TimeZone_FromTimeZoneInfo_UsesItsId()
    {
        TimeZoneInfo berlin = TimeZoneInfo.CreateCustomTimeZone("Europe/Berlin", TimeSpan.FromHours(1), "Berlin", "CET");
        TimeZoneInfo local = TimeZoneInfo.CreateCustomTimeZone("Local", TimeSpan.FromHours(1), "Local", "Local");

        Assert.Equal(CountryCode.Parse("DE"), TimeZoneCountry.FromTimeZone(berlin));
        Assert.Null(TimeZoneCountry.FromTimeZone(local));
        Assert.Null(TimeZoneCountry.FromTimeZone(TimeZoneInfo.Utc));
        Assert.Throws<ArgumentNullException>(() => TimeZoneCountry.FromTimeZone((TimeZoneInfo)null!));
    }

    [Fact]
    public void TimeZone_Local_IsTheCountryOfTimeZoneInfoLocal()
    {
        CountryCode? country = TimeZoneCountry.FromLocalTimeZone();

        Assert.Equal(TimeZoneCountry.FromTimeZone(TimeZoneInfo.Local.Id), country);
        if (country is CountryCode code)
        {
            Assert.True(TimeZoneCountry.IsAssigned(code));
        }
        else if (TimeZoneCountry.IsKnown(TimeZoneInfo.Local.Id))
        {
            Assert.True(IsCountryLess(TimeZoneInfo.Local.Id), $"{TimeZoneInfo.Local.Id} is known but has no country");
        }
    }

    [Fact]
    public void TimeZone_WindowsTable_AgreesWithItsZonesAndThisMachinesCldrMapping()
    {
        List<string[]> windows = ResourceSection("@windows");
        Assert.True(windows.Count > 100, $"{windows.Count} Windows ids");

        var wrong = new List<string>();
        foreach (string[] fields in windows)
        {
            // Columns: Windows id, country, the id's territory-001 zone.
            CountryCode? country = TimeZoneCountry.FromTimeZone(fields[0]);
            if (country != TimeZoneCountry.FromTimeZone(fields[2]) || country?.ToString() != (fields[1] == "-" ? null : fields[1]))
            {
                wrong.Add($"{fields[0]}: {country} but {fields[2]} is {TimeZoneCountry.FromTimeZone(fields[2])}");
            }

            // Where this machine's .NET can map Windows ids (ICU, or Windows itself), its territory-001 zone agrees.
            if (TimeZoneInfo.TryConvertWindowsIdToIanaId(fields[0], out string? zone) && TimeZoneCountry.FromTimeZone(zone) != country)
            {
                wrong.Add($"{fields[0]}: {country} but this machine maps it to {zone}, {TimeZoneCountry.FromTimeZone(zone)}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public void TimeZone_EveryCodeOfTheTable_IsAssigned()
    {
        List<CountryCode> codes = TimeZoneCountry.Entries.Values.Where(c => c.HasValue).Distinct().ToList();

        Assert.True(codes.Count > 200, $"{codes.Count} countries");
        Assert.All(codes, code => Assert.True(TimeZoneCountry.IsAssigned(code), $"{code} is not assigned"));
    }

    [Fact]
    public void IsAssigned_IsExactlyTheCodesOfIso3166Tab()
    {
        HashSet<CountryCode> listed = File.ReadLines(Path.Combine(Fixtures, "iso3166.tab"))
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => CountryCode.Parse(l.Split('\t')[0]))
            .ToHashSet();
        Assert.True(listed.Count > 240, $"iso3166.tab has {listed.Count} codes");

        var assigned = new HashSet<CountryCode>();
        for (char first = 'A'; first <= 'Z'; first++)
        {
            for (char second = 'A'; second <= 'Z'; second++)
            {
                CountryCode code = CountryCode.Parse([first, second]);
                if (TimeZoneCountry.IsAssigned(code))
                {
                    assigned.Add(code);
                }
            }
        }

        Assert.Equal(listed.OrderBy(c => c.ToString()), assigned.OrderBy(c => c.ToString()));
        Assert.False(TimeZoneCountry.IsAssigned(CountryCode.Parse("XX")));
        Assert.False(TimeZoneCountry.IsAssigned(CountryCode.Parse("XK")));
        Assert.False(TimeZoneCountry.IsAssigned(default));
        Assert.True(TimeZoneCountry.IsAssigned(CountryCode.Parse("de")));
    }

    [Fact]
    public void Table_IsSmallAndNamesItsSources()
    {
        using Stream? stream = typeof(TimeZoneCountry).Assembly.GetManifestResourceStream("PiiGuard.TimeZones.zone-countries.txt");
        Assert.NotNull(stream);
        Assert.InRange(stream.Length, 10_000, 64 * 1024);

        string header = string.Join('\n', ResourceLines().TakeWhile(l => l.StartsWith('#')));
        Assert.Matches(@"tzdata 20[0-9]{2}[a-z]", header);
        Assert.Contains("CLDR", header);
        Assert.Contains("update-table.sh", header);
    }

    // A country-less id of the documented kinds: a tz id that tzdata has without a country, or a Windows id whose
    // territory-001 zone is one; on Windows also a legacy Windows id that CLDR does not map (so neither does the table).
    private static bool IsCountryLess(string id)
    {
        if (CountryLessTzId.IsMatch(id))
        {
            return TimeZoneCountry.IsKnown(id);
        }

        if (TimeZoneCountry.IsKnown(id))
        {
            return ResourceSection("@windows").Any(f => f[0] == id && CountryLessTzId.IsMatch(f[2]));
        }

        return OperatingSystem.IsWindows() && !TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out _);
    }

    private static List<string[]> ResourceSection(string section) =>
        ResourceLines().SkipWhile(l => l != section).Skip(1).TakeWhile(l => !l.StartsWith('@')).Select(l => l.Split('\t')).ToList();

    private static IEnumerable<string> ResourceLines()
    {
        using Stream stream = typeof(TimeZoneCountry).Assembly.GetManifestResourceStream("PiiGuard.TimeZones.zone-countries.txt")!;
        using var reader = new StreamReader(stream);
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            yield return line;
        }
    }
}

using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using PiiGuard.Collector.Storage;

namespace PiiGuard.Collector.Tests;

/// <summary>
/// The population statistics computed from stored JSON of any shape: totals and groups by path, a path or value fewer
/// installations have than the minimum group size never named, the installation id never a value, and CSV fields that
/// stay one field and never start a formula.
/// </summary>
public sealed class PopulationStatisticsTests : IDisposable
{
    private static readonly DateOnly Week = new(2024, 11, 4);
    private static readonly DateTimeOffset Now = new(2024, 11, 14, 10, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "piiguard-collector-statistics", Guid.NewGuid().ToString("N"));
    private readonly SqliteCollectorStore _store;

    public PopulationStatisticsTests()
    {
        _store = new SqliteCollectorStore(Path.Combine(_folder, "collector.db"));
        _store.Migrate("any_payload");
    }

    public void Dispose()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_path_or_a_value_fewer_installations_have_than_the_minimum_is_not_named()
    {
        for (int i = 0; i < 5; i++)
        {
            Guid id = Guid.NewGuid();
            // Every installation: a count, a platform, a flag, a list; one of them also a rare error key and a rare version.
            string rare = i == 0 ? ",\"errors\":{\"rare_error\":3}" : "";
            string version = i == 0 ? "9.9.9" : "1.0.0";
            await StoreAsync(id, $$"""{"id":"{{id:D}}","count":{{i + 1}},"platform":"linux","version":"{{version}}","beta":{{(i % 2 == 0 ? "true" : "false")}},"tags":["a","a","b"]{{rare}}}""");
        }

        PopulationStatistics.WeekStatistics week = Assert.Single(await PopulationStatistics.ComputeAsync(_store, 3, CancellationToken.None));

        Assert.Equal(5, week.Installations);
        Assert.Equal(["$.count=15"], week.Totals.Select(t => $"{t.Path}={t.Total}"));
        Assert.Equal(
            ["$.beta: true=3 other=2", "$.platform: linux=5", "$.tags[]: a=5 b=5", "$.version: 1.0.0=4 other=1"],
            week.Groups.Select(g => g.Path + ":" + string.Concat(g.Groups.Select(v => $" {v.Value}={v.Installations}"))));
        Assert.DoesNotContain(week.Groups, group => group.Path == "$.id");
    }

    [Fact]
    public async Task CSV_fields_with_commas_quotes_or_a_leading_formula_character_stay_one_inert_field()
    {
        for (int i = 0; i < 2; i++)
        {
            await StoreAsync(Guid.NewGuid(), """{"label":"=SUM(A1,\"x\")"}""");
        }

        string csv = PopulationStatistics.ToCsv(await PopulationStatistics.ComputeAsync(_store, 2, CancellationToken.None));

        Assert.Equal(
            ["week_start,installations,kind,path,value,number", "2024-11-04,2,group,$.label,\"'=SUM(A1,\"\"x\"\")\",2"],
            csv.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task The_JSON_has_every_week_in_order_and_a_small_week_only_with_its_count()
    {
        await StoreAsync(Guid.NewGuid(), """{"count":1}""", Week.AddDays(-7));
        await StoreAsync(Guid.NewGuid(), """{"count":2}""");
        await StoreAsync(Guid.NewGuid(), """{"count":3}""");

        using JsonDocument json = JsonDocument.Parse(PopulationStatistics.ToJson(await PopulationStatistics.ComputeAsync(_store, 2, CancellationToken.None)));

        Assert.Equal(
            """{"weeks":[{"week_start":"2024-10-28","installations":1,"totals":{},"groups":{}},{"week_start":"2024-11-04","installations":2,"totals":{"$.count":5},"groups":{}}]}""",
            json.RootElement.GetRawText());
    }

    private async Task StoreAsync(Guid id, string json, DateOnly? week = null) =>
        Assert.Equal(StoreOutcome.Accepted, (await _store.StoreAsync(new StoredSubmission(id, week ?? Week, "1.0", json), Now)).Outcome);
}

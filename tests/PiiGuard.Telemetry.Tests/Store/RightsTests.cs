using System;
using System.Linq;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PiiGuard;
using Printernizer;

namespace PiiGuard.Telemetry.Tests;

public sealed class RightsTests : IDisposable
{
    private readonly TestFolder _folder = new();
    private readonly FakeTimeProvider _time = TestStore.Clock();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Export_holds_everything_the_store_keeps_as_machine_readable_JSON()
    {
        using UsageStatistics statistics = TestStore.Open(_folder, _time);
        statistics.OptIn();
        statistics.Add(UsageCounter.Jobs, 23);
        statistics.SetGauge(PrinterType.BambuLab, 2);
        statistics.SetFlag(Feature.Library, true);
        statistics.RecordError(new TimeoutException(), Component.PrinterService);

        using JsonDocument export = JsonDocument.Parse(statistics.ExportJson());
        JsonElement root = export.RootElement;
        Assert.Equal("piiguard-usage-statistics", root.GetProperty("format").GetString());
        Assert.Equal("2024-11-14T10:00:00Z", root.GetProperty("exported_at").GetString());
        Assert.True(root.GetProperty("consent").GetProperty("opted_in").GetBoolean());
        Assert.Equal("1.0", root.GetProperty("consent").GetProperty("consented_schema_version").GetString());
        Assert.Equal(statistics.GetStatus().InstallationId!.Value.ToString("D"), root.GetProperty("installation_id").GetString());
        Assert.Equal("2024-11-11", root.GetProperty("first_seen").GetString());
        Assert.Equal("DE", root.GetProperty("country_code").GetString());

        var rows = root.GetProperty("statistics").EnumerateArray()
            .Select(row => (row.GetProperty("kind").GetString(), row.GetProperty("key").GetString(), row.GetProperty("value").GetInt64()))
            .ToList();
        Assert.Equal(4, rows.Count);
        Assert.Contains(("counter", "Jobs", 23L), rows);
        Assert.Contains(("gauge", "BambuLab", 2L), rows);
        Assert.Contains(("flag", "Library", 1L), rows);
        JsonElement error = root.GetProperty("statistics").EnumerateArray().Single(row => row.GetProperty("kind").GetString() == "error");
        Assert.Equal("Timeout", error.GetProperty("key").GetString());
        Assert.Equal("PrinterService", error.GetProperty("component").GetString());
        Assert.Equal(0, root.GetProperty("submission_log").GetArrayLength());
        Assert.Equal(0, root.GetProperty("pending_deletion_requests").GetArrayLength());

        // A completed week appears as pending.
        _time.Advance(TimeSpan.FromDays(7));
        using JsonDocument later = JsonDocument.Parse(statistics.ExportJson());
        JsonElement week = Assert.Single(later.RootElement.GetProperty("weeks").EnumerateArray());
        Assert.Equal(("2024-11-11", "pending"), (week.GetProperty("week_start").GetString(), week.GetProperty("state").GetString()));

        using var stream = new System.IO.MemoryStream();
        statistics.Export(stream);
        Assert.Equal(statistics.ExportJson(), System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void The_preview_is_the_generated_serializer_output_in_its_envelope()
    {
        using UsageStatistics statistics = TestStore.Open(_folder, _time, options => options.ErrorClassifier = UsageReports.ErrorClassifier());
        statistics.OptIn();
        statistics.Add(UsageCounter.Jobs, 23);
        statistics.Add(UsageCounter.Files, 18);
        statistics.Add(UsageCounter.Uploads, 5);
        statistics.Add(UsageCounter.UptimeHours, 168);
        statistics.SetGauge(PrinterType.BambuLab, 2);
        statistics.SetGauge(PrinterType.Prusa, 1);
        foreach (Feature feature in new[] { Feature.Library, Feature.AutoJobCreation, Feature.WatchFolders })
        {
            statistics.SetFlag(feature, true);
        }

        statistics.RecordError(new TimeoutException(), Component.PrinterService);
        statistics.RecordError(new TimeoutException(), Component.PrinterService);
        statistics.RecordError(new System.IO.IOException(), Component.FileService);
        _time.Advance(TimeSpan.FromDays(6));

        SubmissionPreview preview = statistics.PreviewNextSubmission()!;
        Assert.True(preview.IsComplete);
        string json = preview.BodyText;
        Assert.StartsWith("{\"schema_version\":\"1.0\",\"submission_timestamp\":\"2024-11-20T10:00:00Z\",\"installation\":{", json, StringComparison.Ordinal);
        Assert.True(preview.Body.Length < 2048, $"{preview.Body.Length} bytes");

        // The payload part is what the generated strict reader accepts, and it holds the week's statistics.
        using JsonDocument document = JsonDocument.Parse(json);
        string payload = "{" + json[(json.IndexOf(",\"installation\"", StringComparison.Ordinal) + 1)..];
        UsageReport report = TelemetrySerializer.Deserialize<UsageReport>(System.Text.Encoding.UTF8.GetBytes(payload));
        Assert.Equal(statistics.GetStatus().InstallationId, report.Installation.InstallationId);
        Assert.Equal((23, 18, 5, 168), (report.UsageStats.JobCount, report.UsageStats.FileCount, report.UsageStats.UploadCount, report.UsageStats.UptimeHours));
        Assert.Equal(3, report.PrinterFleet.PrinterCount);
        Assert.Equal(new DateTimeOffset(2024, 11, 11, 0, 0, 0, TimeSpan.Zero), report.Period.Start);
        Assert.Equal(new DateTimeOffset(2024, 11, 18, 0, 0, 0, TimeSpan.Zero), report.Period.End);
        Assert.Equal(2, report.ErrorSummary[ErrorType.ConnectionTimeout]);
        Assert.Equal(1, report.ErrorSummary[ErrorType.FileDownloadFailed]);
        Assert.Equal(0, report.ErrorSummary[ErrorType.UnknownError]);
        Assert.Equal("DE", report.Installation.CountryCode.ToString());
        Assert.True(report.UsageStats.FeatureUsage.WatchFoldersEnabled);
        Assert.False(report.UsageStats.FeatureUsage.TimelapseEnabled);
    }

    [Fact]
    public void Delete_leaves_nothing_of_the_statistics_or_the_id_in_the_file()
    {
        Guid id;
        using (UsageStatistics statistics = TestStore.Open(_folder, _time))
        {
            statistics.OptIn();
            id = statistics.GetStatus().InstallationId!.Value;
            for (int day = 0; day < 30; day++)
            {
                statistics.Add(UsageCounter.Jobs, 1000 + day);
                statistics.SetGauge(PrinterType.Prusa, 3);
                statistics.RecordError(new TimeoutException(), Component.LibraryService);
                statistics.Flush();
                _time.Advance(TimeSpan.FromDays(1));
            }

            string before = _folder.RawBytes();
            Assert.Contains(id.ToString("D"), before, StringComparison.Ordinal);
            Assert.Contains("LibraryService", before, StringComparison.Ordinal);

            statistics.DeleteLocalData();

            Assert.Empty(statistics.ReadStatistics());
            Assert.NotEqual(id, statistics.GetStatus().InstallationId);
            Assert.True(statistics.GetStatus().OptedIn);
        }

        string raw = _folder.RawBytes();
        foreach (string gone in new[] { id.ToString("D"), id.ToString("N"), "Printernizer.UsageCounter", "LibraryService", "Prusa", "2024-11-2" })
        {
            Assert.DoesNotContain(gone, raw, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Delete_before_opt_in_works_and_leaves_the_user_opted_out()
    {
        using UsageStatistics statistics = TestStore.Open(_folder, _time);
        statistics.DeleteLocalData();
        Assert.False(statistics.GetStatus().OptedIn);
        Assert.Null(statistics.GetStatus().InstallationId);
    }
}

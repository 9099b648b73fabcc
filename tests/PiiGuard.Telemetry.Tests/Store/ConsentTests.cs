using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using PiiGuard;
using Printernizer;

namespace PiiGuard.Telemetry.Tests;

public sealed class ConsentTests : IDisposable
{
    private readonly TestFolder _folder = new();
    private readonly FakeTimeProvider _time = TestStore.Clock();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Before_opt_in_nothing_is_recorded_stored_or_sent()
    {
        using (UsageStatistics statistics = TestStore.Open(_folder, _time))
        {
            Assert.False(statistics.GetStatus().OptedIn);
            Assert.False(statistics.IsRecording);
            statistics.Increment(UsageCounter.Jobs);
            statistics.Add(UsageCounter.Files, 5);
            statistics.SetGauge(PrinterType.Prusa, 2);
            statistics.SetFlag(Feature.Timelapse, true);
            statistics.RecordError(new TimeoutException(), Component.PrinterService);
            Assert.True(statistics.Flush());

            Assert.Empty(statistics.ReadStatistics());
            Assert.Null(statistics.PreviewNextSubmission());
            Assert.Null(statistics.GetStatus().InstallationId);
            Assert.Equal(SubmissionOutcome.NotOptedIn, (await statistics.SubmitAsync()).Outcome);
        }

        // Nothing on disk at all: no database, no WAL, no folder content (issue 11).
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void Opt_in_makes_a_random_version_4_installation_id_that_survives_a_restart()
    {
        Guid id;
        using (UsageStatistics statistics = TestStore.Open(_folder, _time))
        {
            statistics.OptIn();
            TelemetryStatus status = statistics.GetStatus();
            Assert.True(status.OptedIn);
            Assert.True(statistics.IsRecording);
            Assert.Equal("1.0", status.ConsentedSchemaVersion);
            Assert.Equal(new DateTimeOffset(2024, 11, 11, 0, 0, 0, TimeSpan.Zero), status.FirstSeen);
            id = status.InstallationId!.Value;
            AssertVersion4(id);
        }

        using (UsageStatistics reopened = TestStore.Open(_folder, _time))
        {
            Assert.Equal(id, reopened.GetStatus().InstallationId);
            Assert.True(reopened.IsRecording);
        }

        using var other = new TestFolder();
        using UsageStatistics elsewhere = TestStore.Open(other, _time);
        elsewhere.OptIn();
        Assert.NotEqual(id, elsewhere.GetStatus().InstallationId);
    }

    [Fact]
    public void Regenerating_the_id_replaces_it_everywhere_and_needs_an_opt_in()
    {
        using UsageStatistics statistics = TestStore.Open(_folder, _time);
        Assert.Throws<InvalidOperationException>(() => statistics.RegenerateInstallationId());

        statistics.OptIn();
        Guid old = statistics.GetStatus().InstallationId!.Value;
        Guid regenerated = statistics.RegenerateInstallationId();
        AssertVersion4(regenerated);
        Assert.NotEqual(old, regenerated);
        Assert.Equal(regenerated, statistics.GetStatus().InstallationId);
        Assert.Contains(regenerated.ToString("D"), statistics.ExportJson(), StringComparison.Ordinal);
        Assert.DoesNotContain(old.ToString("D"), _folder.RawBytes(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_higher_schema_version_pauses_recording_and_submission_until_the_user_consents_again()
    {
        var options = new PiiGuardTelemetryOptions { DataDirectory = _folder.Path, TimeZoneId = "Europe/Berlin" };
        using (UsageStatistics v1 = UsageStatistics.Open(options, TestUsageV1.Build, _time))
        {
            v1.OptIn();
            v1.Increment(TestCounter.Jobs);
        }

        using (UsageStatistics v2 = UsageStatistics.Open(options, TestUsageV2.Build, _time))
        {
            TelemetryStatus status = v2.GetStatus();
            Assert.True(status.OptedIn);
            Assert.True(status.NeedsConsent);
            Assert.Equal("1.0", status.ConsentedSchemaVersion);
            Assert.Equal("2.0", status.CurrentSchemaVersion);
            Assert.False(v2.IsRecording);

            v2.Increment(TestCounter.Jobs);
            v2.Increment(TestCounter.Files);
            _time.Advance(TimeSpan.FromDays(7));
            Assert.Equal(SubmissionOutcome.NeedsConsent, (await v2.SubmitAsync()).Outcome);
            Assert.Equal(1, v2.ReadStatistics().Total(StatisticKind.Counter, "Jobs"));

            v2.OptIn();
            Assert.False(v2.GetStatus().NeedsConsent);
            Assert.Equal("2.0", v2.GetStatus().ConsentedSchemaVersion);
            v2.Increment(TestCounter.Files);
            Assert.Equal(1, v2.ReadStatistics().Total(StatisticKind.Counter, "Files"));
        }

        // Going back to an older payload needs no new consent: the user agreed to more than it sends.
        using UsageStatistics back = UsageStatistics.Open(options, TestUsageV1.Build, _time);
        Assert.True(back.IsRecording);
    }

    [Fact]
    public void Schema_versions_are_compared_number_by_number_9_then_10_then_10_1()
    {
        var options = new PiiGuardTelemetryOptions { DataDirectory = _folder.Path, TimeZoneId = "Europe/Berlin" };
        using (UsageStatistics v9 = UsageStatistics.Open(options, TestUsageV9.Build, _time))
        {
            v9.OptIn();
            Assert.True(v9.IsRecording);
        }

        // "10" > "9": the app now collects one field more, so the user is asked again (as text, "10" < "9").
        using (UsageStatistics v10 = UsageStatistics.Open(options, TestUsageV10.Build, _time))
        {
            Assert.True(v10.GetStatus().NeedsConsent);
            Assert.False(v10.IsRecording);
            v10.OptIn();
            Assert.Equal("10", v10.GetStatus().ConsentedSchemaVersion);
        }

        using (UsageStatistics v10Point1 = UsageStatistics.Open(options, TestUsageV10Point1.Build, _time))
        {
            Assert.True(v10Point1.GetStatus().NeedsConsent);
            v10Point1.OptIn();
        }

        // Back to "9" after consenting to "10.1": the user agreed to more than it sends.
        using UsageStatistics back = UsageStatistics.Open(options, TestUsageV9.Build, _time);
        Assert.False(back.GetStatus().NeedsConsent);
        Assert.True(back.IsRecording);
    }

    [Theory]
    [InlineData("banana")]
    [InlineData("1..0")]
    [InlineData("")]
    [InlineData("99999999999")]
    public void A_stored_consent_whose_version_is_unreadable_is_asked_for_again(string stored)
    {
        using (UsageStatistics statistics = TestStore.Open(_folder, _time))
        {
            statistics.OptIn();
        }

        TestStore.Execute(_folder, "UPDATE settings SET value = $value WHERE key = 'consent_schema_version';", ("$value", stored));

        using UsageStatistics reopened = TestStore.Open(_folder, _time);
        Assert.True(reopened.GetStatus().OptedIn);
        Assert.True(reopened.GetStatus().NeedsConsent);
        Assert.False(reopened.IsRecording);
        reopened.OptIn();
        Assert.True(reopened.IsRecording);
        Assert.Equal("1.0", reopened.GetStatus().ConsentedSchemaVersion);
    }

    [Fact]
    public void Opt_out_stops_recording_at_once_and_deletes_local_data_and_the_id()
    {
        using UsageStatistics statistics = TestStore.Open(_folder, _time);
        statistics.OptIn();
        Guid id = statistics.GetStatus().InstallationId!.Value;
        statistics.Add(UsageCounter.Jobs, 3);
        statistics.Flush();
        statistics.Add(UsageCounter.Jobs, 4);

        statistics.OptOut();

        Assert.False(statistics.IsRecording);
        statistics.Increment(UsageCounter.Jobs);
        statistics.Flush();
        TelemetryStatus status = statistics.GetStatus();
        Assert.False(status.OptedIn);
        Assert.Null(status.InstallationId);
        Assert.Null(status.ConsentedSchemaVersion);
        Assert.Empty(statistics.ReadStatistics());
        Assert.Null(statistics.PreviewNextSubmission());
        // No endpoint: nothing was ever sent, so there is nothing to ask a collector to delete.
        Assert.Equal(0, status.PendingRemoteDeletions);
        string raw = _folder.RawBytes();
        Assert.DoesNotContain(id.ToString("D"), raw, StringComparison.Ordinal);
        Assert.DoesNotContain("Printernizer.UsageCounter", raw, StringComparison.Ordinal);
    }

    [Fact]
    public void Opt_out_can_keep_local_statistics_for_the_user_to_view_export_or_delete()
    {
        using UsageStatistics statistics = TestStore.Open(_folder, _time);
        statistics.OptIn();
        statistics.Add(UsageCounter.Jobs, 3);
        statistics.Flush();
        statistics.Add(UsageCounter.Jobs, 4);

        statistics.OptOut(keepLocalData: true);

        Assert.Equal(7, statistics.ReadStatistics().Total(StatisticKind.Counter, "Jobs"));
        Assert.Null(statistics.GetStatus().InstallationId);
        statistics.Increment(UsageCounter.Jobs);
        Assert.Equal(7, statistics.ReadStatistics().Total(StatisticKind.Counter, "Jobs"));

        // Opting in again starts a new, unlinkable identity.
        statistics.OptIn();
        Assert.NotNull(statistics.GetStatus().InstallationId);
        statistics.Increment(UsageCounter.Jobs);
        Assert.Equal(8, statistics.ReadStatistics().Total(StatisticKind.Counter, "Jobs"));
    }

    [Fact]
    public async Task An_opt_out_by_another_process_on_the_same_file_stops_this_one_at_its_next_write()
    {
        using UsageStatistics app = TestStore.Open(_folder, _time);
        app.OptIn();
        app.Add(UsageCounter.Jobs, 2);
        app.Flush();

        using (UsageStatistics settingsTool = TestStore.Open(_folder, _time))
        {
            Assert.True(settingsTool.GetStatus().OptedIn);
            settingsTool.OptOut(keepLocalData: true);
        }

        app.Add(UsageCounter.Jobs, 5);
        app.Flush();
        Assert.False(app.IsRecording);
        Assert.False(app.GetStatus().OptedIn);
        Assert.Equal(2, app.ReadStatistics().Total(StatisticKind.Counter, "Jobs"));
        Assert.Equal(SubmissionOutcome.NotOptedIn, (await app.SubmitAsync()).Outcome);
    }

    [Fact]
    public void Options_are_checked_with_a_message_that_names_the_setting()
    {
        ArgumentException missing = Assert.Throws<ArgumentException>(() =>
            UsageStatistics.Open(new PiiGuardTelemetryOptions(), TestUsageV1.Build));
        Assert.Contains("DataDirectory", missing.Message, StringComparison.Ordinal);

        ArgumentException http = Assert.ThrowsAny<ArgumentException>(() => TestStore.Open(_folder, _time, options =>
            options.Endpoint = new Uri("http://203.0.113.7:8080/")));
        Assert.Contains("https", http.Message, StringComparison.OrdinalIgnoreCase);

        ArgumentException weeks = Assert.Throws<ArgumentException>(() => TestStore.Open(_folder, _time, options => options.MaxPendingWeeks = 0));
        Assert.Contains("MaxPendingWeeks", weeks.Message, StringComparison.Ordinal);

        ArgumentException startDelay = Assert.Throws<ArgumentException>(() => TestStore.Open(_folder, _time, options => options.SchedulerStartDelay = TimeSpan.FromSeconds(-1)));
        Assert.Contains("SchedulerStartDelay", startDelay.Message, StringComparison.Ordinal);

        // Longer than a timer can wait: refused here rather than failing the scheduler (and stopping the host) later.
        ArgumentException interval = Assert.Throws<ArgumentException>(() => TestStore.Open(_folder, _time, options => options.SchedulerInterval = TimeSpan.FromDays(60)));
        Assert.Contains("SchedulerInterval", interval.Message, StringComparison.Ordinal);
    }

    private static void AssertVersion4(Guid id)
    {
        string text = id.ToString("D");
        Assert.Equal('4', text[14]);
        Assert.Contains(text[19], "89ab");
        Assert.NotEqual(Guid.Empty, id);
    }
}

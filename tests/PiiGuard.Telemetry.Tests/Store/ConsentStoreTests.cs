using System;
using System.IO;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PiiGuard.Telemetry.Consent;
using PiiGuard.Telemetry.Storage;

namespace PiiGuard.Telemetry.Tests;

/// <summary>The consent store alone, over a real statistics store in a temporary folder.</summary>
public sealed class ConsentStoreTests : IDisposable
{
    private static readonly SchemaVersion V1 = SchemaVersion.Parse("1.0");
    private static readonly SchemaVersion V2 = SchemaVersion.Parse("2.0");
    private readonly TestFolder _folder = new();
    private readonly FakeTimeProvider _time = TestStore.Clock();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Before_a_decision_it_reports_not_asked_and_creates_nothing()
    {
        string data = Path.Combine(_folder.Path, "app");
        using ConsentStore consent = Create(V1, directory: data);

        Assert.Equal(ConsentState.NotAsked, consent.State(consent.StoreOrNull()));
        Assert.Null(consent.ExistingStore());
        Assert.True(consent.StoreAbsent);
        Assert.False(consent.IsRecording);
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public void An_opt_in_creates_the_file_makes_an_id_and_starts_recording_and_a_new_store_reads_it_back()
    {
        Guid id;
        using (ConsentStore consent = Create(V1))
        {
            consent.OptIn();

            Assert.True(consent.IsRecording);
            Assert.Equal(ConsentState.OptedIn, consent.State(consent.StoreOrNull()));
            id = consent.Current.InstallationId!.Value;
            Assert.Equal(4, id.Version);
            Assert.Equal(new DateTimeOffset(2024, 11, 11, 0, 0, 0, TimeSpan.Zero), consent.Current.FirstSeen);
        }

        using ConsentStore reopened = Create(V1);
        Assert.True(reopened.IsRecording);
        Assert.Equal(new StoredConsent(true, true, "1.0", id, new DateTimeOffset(2024, 11, 11, 0, 0, 0, TimeSpan.Zero)), reopened.Current);
    }

    [Fact]
    public void Consent_to_a_lower_schema_version_is_asked_for_again_and_does_not_record()
    {
        using (ConsentStore consent = Create(V1))
        {
            consent.OptIn();
        }

        using ConsentStore newer = Create(V2);

        Assert.True(newer.Current.OptedIn);
        Assert.True(newer.NeedsConsent(newer.Current));
        Assert.False(newer.IsRecording);
        Assert.True(newer.NeedsConsent(newer.Current with { SchemaVersion = "not a version" }));
        Assert.False(newer.NeedsConsent(newer.Current with { SchemaVersion = "2.0" }));
    }

    [Fact]
    public void An_opt_out_forgets_the_id_and_queues_its_deletion_only_when_there_is_an_endpoint()
    {
        using (ConsentStore consent = Create(V1, remoteDeletion: true))
        {
            consent.OptIn();
            Guid id = consent.Current.InstallationId!.Value;

            Assert.True(consent.OptOut(keepLocalData: false));

            Assert.Equal(new StoredConsent(true, false, "1.0", null, null), consent.Current);
            Assert.Equal(ConsentState.OptedOut, consent.State(consent.StoreOrNull()));
            Assert.Equal([new DeletionRequest(id, 0)], consent.StoreOrNull()!.ReadDueDeletionRequests(_time.GetUtcNow()));
        }

        using ConsentStore local = Create(V1, remoteDeletion: false);
        local.OptIn();
        Assert.False(local.OptOut(keepLocalData: false));
    }

    [Fact]
    public void A_no_at_the_first_prompt_creates_the_file_holding_only_the_decision()
    {
        using ConsentStore consent = Create(V1);

        consent.OptOut(keepLocalData: false);

        Assert.True(File.Exists(_folder.DatabasePath));
        using ConsentStore reopened = Create(V1);
        Assert.Equal(ConsentState.OptedOut, reopened.State(reopened.StoreOrNull()));
    }

    [Fact]
    public void An_opt_out_that_cannot_be_written_is_kept_and_written_when_the_store_opens_again()
    {
        // The data folder's place is taken by a file: the store cannot be created.
        string data = Path.Combine(_folder.Path, "app");
        File.WriteAllText(data, "");
        using ConsentStore consent = Create(V1, directory: data, remoteDeletion: true);

        Assert.Throws<TelemetryStoreException>(() => consent.OptOut(keepLocalData: false));
        Assert.Equal(ConsentState.OptedOut, consent.State(consent.StoreOrNull()));

        File.Delete(data);
        Directory.CreateDirectory(data);
        Assert.Null(consent.StoreOrNull());
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.NotNull(consent.StoreOrNull());
        Assert.Equal(new StoredConsent(true, false, null, null, null), consent.StoreOrNull()!.ReadConsent());
        Assert.Equal(ConsentState.OptedOut, consent.State(consent.StoreOrNull()));
    }

    [Fact]
    public void Another_process_opting_out_is_taken_at_the_next_sync()
    {
        using ConsentStore consent = Create(V1);
        consent.OptIn();
        using (ConsentStore other = Create(V1))
        {
            other.OptOut(keepLocalData: true);
        }

        bool allowed = consent.Sync(consent.StoreOrNull()!.ReadConsent());

        Assert.False(allowed);
        Assert.False(consent.IsRecording);
        Assert.False(consent.Current.OptedIn);
    }

    [Fact]
    public void A_new_id_replaces_the_old_one_and_queues_the_old_ones_deletion_when_asked()
    {
        using ConsentStore consent = Create(V1, remoteDeletion: true);
        Assert.Throws<InvalidOperationException>(() => consent.RegenerateInstallationId(deleteRemoteData: true));
        consent.OptIn();
        Guid old = consent.Current.InstallationId!.Value;

        Guid id = consent.RegenerateInstallationId(deleteRemoteData: true);

        Assert.NotEqual(old, id);
        Assert.Equal(id, consent.StoreOrNull()!.ReadConsent().InstallationId);
        Assert.Equal([new DeletionRequest(old, 0)], consent.StoreOrNull()!.ReadDueDeletionRequests(_time.GetUtcNow()));
    }

    [Fact]
    public void Deleting_local_data_gives_a_user_who_stays_opted_in_a_new_id_and_an_opted_out_one_none()
    {
        using ConsentStore consent = Create(V1);
        consent.DeleteLocalData();
        Assert.False(File.Exists(_folder.DatabasePath));

        consent.OptIn();
        Guid old = consent.Current.InstallationId!.Value;
        consent.DeleteLocalData();
        Assert.True(consent.Current.OptedIn);
        Assert.NotEqual(old, consent.Current.InstallationId);
        Assert.Equal(consent.Current, consent.StoreOrNull()!.ReadConsent());

        consent.OptOut(keepLocalData: true);
        consent.DeleteLocalData();
        Assert.Equal(new StoredConsent(true, false, "1.0", null, null), consent.StoreOrNull()!.ReadConsent());
    }

    private ConsentStore Create(SchemaVersion version, string? directory = null, bool remoteDeletion = false) =>
        new(
            new StoreConnection(directory ?? _folder.Path, "usage-statistics.db", TimeSpan.FromSeconds(5), _time, NullLogger.Instance),
            version,
            remoteDeletion,
            _time,
            NullLogger.Instance);
}

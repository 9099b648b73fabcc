using System;
using Microsoft.Extensions.Logging;
using PiiGuard.Telemetry.Storage;

namespace PiiGuard.Telemetry.Consent;

/// <summary>
/// The consent store: the user's decision (not asked, opted in, opted out, unknown when the store cannot be read),
/// the schema version agreed to, the installation id and the first week, kept in the statistics store's settings and
/// mirrored in memory. It opens the store and creates the file only at the user's first decision; an opt-out that
/// cannot be written is remembered and written, before anything else, when the store opens again.
/// </summary>
/// <remarks>Not thread-safe: the runtime calls it under its lock, except <see cref="IsRecording"/>, which any thread reads.</remarks>
internal sealed class ConsentStore : IDisposable
{
    private readonly SchemaVersion _version;
    private readonly bool _remoteDeletion;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly StoreConnection _connection;
    private bool? _pendingOptOut;
    private volatile bool _recording;

    /// <summary>Creates the consent store; it opens an existing file at once and creates none.</summary>
    /// <param name="connection">The statistics store it keeps consent in.</param>
    /// <param name="version">The payload schema version the app ships.</param>
    /// <param name="remoteDeletion">Whether an opt-out queues a deletion request (an endpoint is configured).</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Where to log, without personal data.</param>
    public ConsentStore(StoreConnection connection, SchemaVersion version, bool remoteDeletion, TimeProvider time, ILogger logger)
    {
        _connection = connection;
        _version = version;
        _remoteDeletion = remoteDeletion;
        _time = time;
        _logger = logger;
        Open(create: false);
    }

    /// <summary>Gets the consent as last read or written.</summary>
    public StoredConsent Current { get; private set; } = StoredConsent.None;

    /// <summary>Gets whether recording is allowed: the store is open, the user opted in, to the current schema version.</summary>
    public bool IsRecording => _recording;

    /// <summary>The statistics store, opening an existing file when it is time to try again; null when closed or absent.</summary>
    public StatisticsStore? StoreOrNull()
    {
        if (_connection.ReopenDue)
        {
            Open(create: false);
        }

        return _connection.Current;
    }

    /// <summary>Gets the store if it is open, without trying to open it.</summary>
    public StatisticsStore? CurrentStore => _connection.Current;

    /// <summary>Gets whether there is no file: the user has not decided, and nothing was created.</summary>
    public bool StoreAbsent => _connection.Absent;

    /// <summary>The state a settings page shows, given the store as <see cref="StoreOrNull"/> gave it.</summary>
    public ConsentState State(StatisticsStore? store) => _pendingOptOut is not null ? ConsentState.OptedOut
        : store is null ? (_connection.Absent ? ConsentState.NotAsked : ConsentState.Unknown)
        : Current.OptedIn ? ConsentState.OptedIn
        : Current.Decided ? ConsentState.OptedOut
        : ConsentState.NotAsked;

    /// <summary>
    /// The store, created with its folder when <paramref name="create"/> says so (a decision creates it, nothing
    /// else does); tried again at once rather than after the reopen interval, since a settings page may ask again.
    /// </summary>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable.</exception>
    public StatisticsStore RequireStore(bool create)
    {
        if (StoreOrNull() is { } store)
        {
            return store;
        }

        Open(create);
        return _connection.Current ?? throw new TelemetryStoreException(_connection.Problem ?? "the statistics database is unavailable");
    }

    /// <summary>The store if its file exists, null if it does not (the user has not decided yet).</summary>
    /// <exception cref="TelemetryStoreException">The file exists but cannot be opened.</exception>
    public StatisticsStore? ExistingStore()
    {
        if (StoreOrNull() is { } store)
        {
            return store;
        }

        Open(create: false);
        return _connection.Current ?? (_connection.Absent ? null : throw new TelemetryStoreException(_connection.Problem ?? "the statistics database is unavailable"));
    }

    /// <summary>
    /// Whether <paramref name="consent"/> must be asked for again: given to a lower schema version, or to none the
    /// store can read. Only the one schema-version type compares versions, never text.
    /// </summary>
    public bool NeedsConsent(StoredConsent consent) =>
        !SchemaVersion.TryParse(consent.SchemaVersion, out SchemaVersion consented) || _version > consented;

    /// <summary>Takes the consent the file holds (another process may have changed it); returns whether recording is allowed.</summary>
    public bool Sync(StoredConsent stored)
    {
        bool allowed = stored.OptedIn && !NeedsConsent(stored);
        if (stored != Current)
        {
            Current = stored;
            _recording = allowed;
        }

        return allowed;
    }

    /// <summary>Stores consent to the current schema version; the first opt-in makes a random installation id (UUIDv4).</summary>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable.</exception>
    public void OptIn()
    {
        StatisticsStore store = RequireStore(create: true);
        StoredConsent consent = Current;
        Guid id = consent.InstallationId ?? Guid.NewGuid();
        DateTimeOffset firstSeen = consent.FirstSeen ?? TelemetryPeriods.StartOf(_time.GetUtcNow(), Period.Week);
        string version = _version.ToString();
        store.WriteOptIn(version, id, firstSeen);
        Current = new StoredConsent(true, true, version, id, firstSeen);
        _recording = true;
    }

    /// <summary>Stops recording at once; the rest of the opt-out is <see cref="OptOut"/>.</summary>
    public void StopRecording() => _recording = false;

    /// <summary>
    /// Stores an opt-out (creating the file if the user says no at the first prompt) and forgets the installation id.
    /// When the store is unavailable, the opt-out is remembered and written when it opens again, and this throws.
    /// </summary>
    /// <returns>Whether a deletion request was queued.</returns>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable (recording has stopped all the same).</exception>
    public bool OptOut(bool keepLocalData)
    {
        _recording = false;
        StatisticsStore store;
        try
        {
            // Opening reads the consent the file holds: taken after, so that the opt-out is what stays in memory.
            store = RequireStore(create: true);
        }
        catch (TelemetryStoreException)
        {
            Current = Current.AsOptedOut();
            _pendingOptOut = keepLocalData;
            throw;
        }

        StoredConsent consent = Current;
        Current = consent.AsOptedOut();
        _recording = false;
        return WriteOptOut(store, consent, keepLocalData);
    }

    /// <summary>Replaces the installation id with a new random one, queuing remote deletion of the old one if asked.</summary>
    /// <exception cref="InvalidOperationException">The user has not opted in: there is no id.</exception>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable.</exception>
    public Guid RegenerateInstallationId(bool deleteRemoteData)
    {
        StatisticsStore? store = ExistingStore();
        StoredConsent consent = Current;
        if (store is null || !consent.OptedIn || consent.InstallationId is not { } old)
        {
            throw new InvalidOperationException("There is no installation id to regenerate: the user has not opted in.");
        }

        Guid id = Guid.NewGuid();
        store.ReplaceInstallationId(id, deleteRemoteData && _remoteDeletion ? old : null, _time.GetUtcNow());
        Current = consent with { InstallationId = id };
        return id;
    }

    /// <summary>
    /// Deletes every local statistic and the installation id, keeping the decision; a user who stays opted in gets a
    /// new id. Does nothing when there is no file.
    /// </summary>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable.</exception>
    public void DeleteLocalData()
    {
        if (ExistingStore() is not { } store)
        {
            return;
        }

        StoredConsent consent = Current;
        StoredConsent next = consent.OptedIn
            ? consent with { InstallationId = Guid.NewGuid(), FirstSeen = TelemetryPeriods.StartOf(_time.GetUtcNow(), Period.Week) }
            : consent with { InstallationId = null, FirstSeen = null };
        store.DeleteAll(next.InstallationId, next.FirstSeen);
        Current = next;
    }

    /// <summary>Closes a store found damaged; the next use reopens it (and moves the file aside).</summary>
    public void CloseStore()
    {
        _connection.Close();
        _recording = false;
    }

    /// <summary>Stops opening the store (the runtime is being disposed); what is open stays open until <see cref="Dispose"/>.</summary>
    public void StopOpening() => _connection.StopOpening();

    /// <inheritdoc/>
    public void Dispose()
    {
        _recording = false;
        _connection.Dispose();
    }

    private void Open(bool create)
    {
        // An opt-out that could not be written is the user's decision: it creates the store when it is applied.
        if (_connection.TryOpen(create || _pendingOptOut is not null, Load))
        {
            return;
        }

        _recording = false;
        if (_connection.Absent)
        {
            // No file: the user has not decided (or the file was deleted). Nothing is created, nothing is wrong.
            Current = StoredConsent.None;
        }
    }

    private void Load(StatisticsStore store)
    {
        Current = store.ReadConsent();
        if (_pendingOptOut is { } keepLocalData)
        {
            WriteOptOut(store, Current, keepLocalData);
            Current = Current.AsOptedOut();
            _pendingOptOut = null;
        }

        _recording = Current.OptedIn && !NeedsConsent(Current);
        if (Current.OptedIn && !_recording)
        {
            TelemetryLog.NeedsConsent(
                _logger,
                _version.ToString(),
                Current.SchemaVersion is null ? "none" : SchemaVersion.TryParse(Current.SchemaVersion, out _) ? Current.SchemaVersion : "unreadable");
        }
    }

    private bool WriteOptOut(StatisticsStore store, StoredConsent consent, bool keepLocalData)
    {
        Guid? deleteRemote = _remoteDeletion ? consent.InstallationId : null;
        store.WriteOptOut(deleteRemote, keepLocalData, _time.GetUtcNow());
        return deleteRemote is not null;
    }
}

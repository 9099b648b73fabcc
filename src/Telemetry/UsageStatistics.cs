using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PiiGuard.Telemetry.Consent;
using PiiGuard.Telemetry.Recording;
using PiiGuard.Telemetry.Storage;
using PiiGuard.Telemetry.Submission;

namespace PiiGuard;

/// <summary>
/// An app's usage statistics, kept locally in one SQLite file and, if the user opts in and an endpoint is configured,
/// submitted once a week over HTTPS. Off until the user opts in: before that nothing is recorded, stored or sent.
/// </summary>
/// <remarks>
/// <para>
/// Recording (<see cref="Increment{TKey}(TKey)"/>, <see cref="SetGauge{TKey}"/>, <see cref="SetFlag{TKey}"/>,
/// <see cref="RecordError{TComponent}"/>) never throws and never blocks on the disk: values are aggregated in memory
/// per UTC day and written every <see cref="PiiGuardTelemetryOptions.FlushInterval"/>. Only aggregates are kept: a
/// count per day, never an event and never a precise time.
/// </para>
/// <para>
/// The user's rights are methods a settings page calls: <see cref="GetStatus"/>, <see cref="OptIn"/>,
/// <see cref="OptOut"/>, <see cref="RegenerateInstallationId"/>, <see cref="ReadStatistics"/>,
/// <see cref="PreviewNextSubmission"/>, <see cref="ExportJson"/> and <see cref="DeleteLocalData"/>, each with an
/// asynchronous form taking a <see cref="CancellationToken"/> (<see cref="GetStatusAsync"/>, <see cref="OptInAsync"/>,
/// ...) for a UI thread. No property touches the disk.
/// </para>
/// <para>
/// Nothing is on disk before the user decides: opening the statistics, reading the status, recording, previewing,
/// exporting and the hosting integration's scheduled work create no folder and no file until the first
/// <see cref="OptIn"/> or <see cref="OptOut"/> (a "no" is a decision too, stored so that the app does not ask again).
/// </para>
/// <para>
/// A facade over parts with one job each: the <see cref="Aggregator"/> records in memory, the
/// <see cref="StatisticsStore"/> owns every SQL statement, the <see cref="ConsentStore"/> the user's decision, the
/// <see cref="UploadPolicy"/> decides when to send and the <see cref="Uploader"/> sends.
/// </para>
/// </remarks>
public sealed partial class UsageStatistics : IDisposable, IAsyncDisposable
{
    private readonly PiiGuardTelemetryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Aggregator _aggregator;
    private readonly PayloadSource _payload;
    private readonly CountryCode? _country;
    private readonly object _gate = new();
    private readonly ConsentStore _consent;
    private readonly ITimer _flushTimer;
    private bool _flushFailing;
    private bool _disposed;

    private UsageStatistics(PiiGuardTelemetryOptions options, PayloadSource payload, TimeProvider time, ILogger logger)
    {
        _options = options;
        _payload = payload;
        _time = time;
        _logger = logger;
        _aggregator = new Aggregator(time);
        _country = options.TimeZoneId is { } zone ? TimeZoneCountry.FromTimeZone(zone) : TimeZoneCountry.FromLocalTimeZone();
        _endpoint = options.Endpoint is { } endpoint ? TelemetryEndpoint.Validate(endpoint, options.AllowInsecureLoopbackEndpointForTesting) : null;
        _uploader = _endpoint is null ? null : CreateUploader(_endpoint, options, time, logger);
        _policy = new UploadPolicy(options.MaxPendingWeeks);
        lock (_gate)
        {
            // Opens an existing store only: before the user's first decision nothing is created.
            var connection = new StoreConnection(options.DataDirectory, options.DatabaseFileName, options.BusyTimeout, time, logger);
            _consent = new ConsentStore(connection, payload.Version, _uploader is not null, time, logger);
        }

        _flushTimer = time.CreateTimer(static state => ((UsageStatistics)state!).FlushFromTimer(), this, options.FlushInterval, options.FlushInterval);
    }

    /// <summary>
    /// Opens the statistics of an app whose weekly payload is <typeparamref name="TPayload"/>: an existing store is
    /// opened, a missing one is not created (it appears at the user's first decision). A store that cannot be
    /// opened does not throw: <see cref="GetStatus"/> says so, nothing is recorded, and opening is retried.
    /// </summary>
    /// <typeparam name="TPayload">The weekly payload: a <see cref="TelemetryPayloadAttribute"/> type with a schema version.</typeparam>
    /// <param name="options">Where to store and where to submit.</param>
    /// <param name="buildPayload">Builds a week's payload from its stored statistics.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="logger">Where to log; nothing is logged by default. No statistic, id or path is ever logged.</param>
    /// <returns>The statistics.</returns>
    /// <exception cref="ArgumentException">An option is invalid, such as an <c>http</c> endpoint; the message names it.</exception>
    /// <exception cref="InvalidOperationException"><typeparamref name="TPayload"/> has no generated serializer or no schema version.</exception>
    public static UsageStatistics Open<TPayload>(
        PiiGuardTelemetryOptions options,
        Func<StatisticsWeek, TPayload> buildPayload,
        TimeProvider? timeProvider = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(buildPayload);
        options.Validate();
        var payload = new PayloadSource(
            DeclaredSchemaVersion<TPayload>(),
            (week, output, now) => TelemetryEnvelope.Write(output, buildPayload(week), now));
        return new UsageStatistics(options, payload, timeProvider ?? TimeProvider.System, logger ?? NullLogger.Instance);
    }

    // The schema version the payload declares, through PiiGuard's public API: this assembly sees none of its internals,
    // so that an app may take a newer PiiGuard than the one PiiGuard.Telemetry was built against.
    private static PiiGuard.SchemaVersion DeclaredSchemaVersion<TPayload>() =>
        TelemetrySchema.For<TPayload>().Version is { } version
            ? version
            : throw new InvalidOperationException(
                $"'{typeof(TPayload).FullName}' declares no schema version. Set [TelemetryPayload(SchemaVersion = \"1.0\")]: consent and every submission name the version the user agreed to.");

    /// <summary>Gets the payload schema version the app ships.</summary>
    public string SchemaVersion => _payload.Version.ToString();

    /// <summary>Gets whether recording is on: the store is open, the user opted in, and agreed to the current schema version.</summary>
    public bool IsRecording => _consent.IsRecording;

    /// <summary>Gets how often the hosting integration looks for due work.</summary>
    public TimeSpan SchedulerInterval => _options.SchedulerInterval;

    /// <summary>Gets the full path of the statistics database (computed from the options; the file may not exist yet).</summary>
    public string DatabasePath => System.IO.Path.Combine(System.IO.Path.GetFullPath(_options.DataDirectory), _options.DatabaseFileName);

    /// <summary>
    /// Reads consent, the installation id and the submission state from the store. Creates nothing: before the user's
    /// first decision it reports <see cref="ConsentState.NotAsked"/>.
    /// </summary>
    /// <returns>The status.</returns>
    public TelemetryStatus GetStatus()
    {
        lock (_gate)
        {
            StatisticsStore? store = StoreOrNull();
            StoredConsent consent = _consent.Current;
            QueueState queue = store is null ? default : ReadQueueState(store);
            return new TelemetryStatus
            {
                StoreAvailable = store is not null || _consent.StoreAbsent,
                Consent = _consent.State(store),
                OptedIn = consent.OptedIn,
                NeedsConsent = consent.OptedIn && _consent.NeedsConsent(consent),
                ConsentedSchemaVersion = consent.OptedIn ? consent.SchemaVersion : null,
                CurrentSchemaVersion = SchemaVersion,
                InstallationId = consent.OptedIn ? consent.InstallationId : null,
                FirstSeen = consent.OptedIn ? consent.FirstSeen : null,
                Endpoint = _endpoint,
                PendingWeeks = queue.Pending,
                SubmittedWeeks = queue.Sent,
                DroppedWeeks = queue.Dropped,
                RejectedWeeks = queue.Rejected,
                NextSubmissionNotBefore = queue.NextSubmission,
                PendingRemoteDeletions = queue.Deletions,
            };
        }
    }

    /// <summary>
    /// Records the user's consent to the current payload schema version and starts recording. The first opt-in makes
    /// a random installation id (a UUIDv4, never derived from the hardware). This is where the statistics folder and
    /// database file are created, if the user has not decided before.
    /// </summary>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable.</exception>
    public void OptIn()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _consent.OptIn();
        }

        TelemetryLog.OptedIn(_logger, SchemaVersion);
    }

    /// <summary>
    /// Stops at once: no statistic is recorded or sent any more, and a submission in flight is cancelled. The one thing
    /// still sent is a deletion request for the installation's data, queued to the collector and retried until it is
    /// acknowledged. Local statistics
    /// are deleted unless <paramref name="keepLocalData"/> says otherwise; the installation id is forgotten either way.
    /// The decision is stored (in the statistics database, created if the user says no at the first prompt: it then
    /// holds only the opt-out), so that <see cref="GetStatus"/> reports <see cref="ConsentState.OptedOut"/>, not
    /// <see cref="ConsentState.NotAsked"/>.
    /// </summary>
    /// <param name="keepLocalData">Whether to keep the local statistics (the user can still view, export or delete them).</param>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable (recording has stopped all the same).</exception>
    public void OptOut(bool keepLocalData = false)
    {
        _consent.StopRecording();
        CancelSubmissionInFlight();
        bool queued;
        lock (_gate)
        {
            if (keepLocalData)
            {
                FlushCore(force: true);
            }

            _aggregator.Clear();
            ObjectDisposedException.ThrowIf(_disposed, this);
            queued = _consent.OptOut(keepLocalData);
        }

        TelemetryLog.OptedOut(_logger, keepLocalData ? "kept" : "deleted", queued ? "queued" : "not needed (no endpoint)");
        WakeScheduler();
    }

    /// <summary>
    /// Replaces the installation id with a new random one: from now on, submissions cannot be linked to earlier ones.
    /// </summary>
    /// <param name="deleteRemoteData">Whether to also ask the collector to delete what it holds under the old id.</param>
    /// <returns>The new id.</returns>
    /// <exception cref="InvalidOperationException">The user has not opted in: there is no id.</exception>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable.</exception>
    public Guid RegenerateInstallationId(bool deleteRemoteData = false)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Guid id = _consent.RegenerateInstallationId(deleteRemoteData);
            WakeScheduler();
            return id;
        }
    }

    /// <summary>Adds one to the counter <paramref name="key"/> for today. Never throws; does nothing unless recording.</summary>
    /// <typeparam name="TKey">The app's enum of counters, such as <c>Jobs</c>, <c>Files</c>, <c>Uploads</c>.</typeparam>
    /// <param name="key">The counter.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Increment<TKey>(TKey key)
        where TKey : struct, Enum => Add(key, 1);

    /// <summary>Adds <paramref name="amount"/> to the counter <paramref name="key"/> for today. Never throws; does nothing unless recording.</summary>
    /// <typeparam name="TKey">The app's enum of counters.</typeparam>
    /// <param name="key">The counter; a value the enum does not define is ignored.</param>
    /// <param name="amount">How much to add.</param>
    public void Add<TKey>(TKey key, long amount)
        where TKey : struct, Enum
    {
        if (!_consent.IsRecording)
        {
            return;
        }

        int index = EnumKeys<TKey>.IndexOf(key);
        if (index >= 0)
        {
            _aggregator.Add(Aggregator.Pack(StatisticKind.Counter, EnumKeys<TKey>.TypeId, index), amount);
        }
    }

    /// <summary>Sets the gauge <paramref name="key"/> (such as the number of printers of one type) for today. Never throws.</summary>
    /// <typeparam name="TKey">The app's enum of gauges.</typeparam>
    /// <param name="key">The gauge; a value the enum does not define is ignored.</param>
    /// <param name="value">Its value.</param>
    public void SetGauge<TKey>(TKey key, long value)
        where TKey : struct, Enum => Set(StatisticKind.Gauge, key, value);

    /// <summary>Records whether the feature <paramref name="key"/> is enabled, for today. Never throws.</summary>
    /// <typeparam name="TKey">The app's enum of features.</typeparam>
    /// <param name="key">The feature; a value the enum does not define is ignored.</param>
    /// <param name="enabled">Whether it is enabled.</param>
    public void SetFlag<TKey>(TKey key, bool enabled)
        where TKey : struct, Enum => Set(StatisticKind.Flag, key, enabled ? 1 : 0);

    /// <summary>
    /// Counts one error in <paramref name="component"/>, of the type <see cref="PiiGuardTelemetryOptions.ErrorClassifier"/>
    /// maps <paramref name="exception"/> to. Only the type, the component and a count are stored: never the message,
    /// the stack trace, a path or anything else the exception holds. Never throws.
    /// </summary>
    /// <typeparam name="TComponent">The app's enum of components, such as <c>PrinterService</c>.</typeparam>
    /// <param name="exception">The exception; null is ignored.</param>
    /// <param name="component">Where it happened.</param>
    public void RecordError<TComponent>(Exception exception, TComponent component)
        where TComponent : struct, Enum
    {
        if (!_consent.IsRecording || exception is null)
        {
            return;
        }

        try
        {
            (int typeId, int index) = _options.ErrorClassifier.ClassifyKey(exception);
            RecordErrorKey(typeId, index, component);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A classifier rule cannot break the app that records: the error is not counted.
        }
    }

    /// <summary>Counts one error of a type the app already knows in <paramref name="component"/>. Never throws.</summary>
    /// <typeparam name="TError">The app's error types.</typeparam>
    /// <typeparam name="TComponent">The app's components.</typeparam>
    /// <param name="errorType">The error type.</param>
    /// <param name="component">Where it happened.</param>
    public void RecordError<TError, TComponent>(TError errorType, TComponent component)
        where TError : struct, Enum
        where TComponent : struct, Enum
    {
        if (_consent.IsRecording)
        {
            RecordErrorKey(EnumKeys<TError>.TypeId, EnumKeys<TError>.IndexOf(errorType), component);
        }
    }

    /// <summary>
    /// Writes what was recorded in memory to the database now (it also happens every
    /// <see cref="PiiGuardTelemetryOptions.FlushInterval"/> and on dispose). Never throws.
    /// </summary>
    /// <returns>Whether everything recorded is now in the database; when not, it stays in memory for the next flush.</returns>
    public bool Flush()
    {
        lock (_gate)
        {
            return FlushCore(force: false);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _consent.StopOpening();
        }

        _flushTimer.Dispose();
        CancelSubmissionInFlight();
        lock (_gate)
        {
            FlushCore(force: false);
            _consent.Dispose();
        }

        _uploader?.Dispose();
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The open database, for tests that simulate a full disk.</summary>
    internal TelemetryDatabase? DatabaseForTesting => _consent.CurrentStore?.Database;

    private void Set<TKey>(StatisticKind kind, TKey key, long value)
        where TKey : struct, Enum
    {
        if (!_consent.IsRecording)
        {
            return;
        }

        int index = EnumKeys<TKey>.IndexOf(key);
        if (index >= 0)
        {
            _aggregator.Set(Aggregator.Pack(kind, EnumKeys<TKey>.TypeId, index), value);
        }
    }

    private void RecordErrorKey<TComponent>(int errorTypeId, int errorIndex, TComponent component)
        where TComponent : struct, Enum
    {
        int componentIndex = EnumKeys<TComponent>.IndexOf(component);
        if (errorIndex >= 0 && componentIndex >= 0)
        {
            _aggregator.Add(Aggregator.Pack(StatisticKind.Error, errorTypeId, errorIndex, EnumKeys<TComponent>.TypeId, componentIndex), 1);
        }
    }

    private void FlushFromTimer()
    {
        try
        {
            Flush();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Flush already keeps failures from escaping; nothing may escape a timer callback either.
        }
    }

    // Under _gate. Returns whether memory is empty afterwards.
    private bool FlushCore(bool force)
    {
        if (_disposed && !force && _consent.CurrentStore is null)
        {
            return false;
        }

        List<Aggregator.Delta> deltas = _aggregator.Take();
        if (deltas.Count == 0)
        {
            return true;
        }

        if (!_consent.Current.OptedIn)
        {
            // Recorded just before an opt-out: not the user's wish any more.
            return true;
        }

        if (StoreOrNull() is not { } store)
        {
            _aggregator.Restore(deltas);
            return false;
        }

        try
        {
            // Another process on the same file (a settings tool) may have opted out since: its word counts.
            store.AddAggregates(deltas, _consent.Sync);
            _flushFailing = false;
            return true;
        }
        catch (Exception e) when (StoreConnection.IsStorageFailure(e))
        {
            _aggregator.Restore(deltas);
            if (!_flushFailing)
            {
                // Once per run of failures, not at every flush.
                TelemetryLog.FlushFailed(_logger, StoreConnection.Describe(e), deltas.Count);
                _flushFailing = true;
            }

            if (StoreConnection.IsDamage(e))
            {
                // Damaged under our feet: reopen, which moves the file aside.
                _consent.CloseStore();
            }

            return false;
        }
    }

    // Under _gate: the open store (an existing file is opened again when it is time, never after Dispose began), or null.
    private StatisticsStore? StoreOrNull() => _consent.StoreOrNull();

    /// <summary>Writes a week's submission body: the app's payload, built from the week, in its envelope.</summary>
    private sealed record PayloadSource(PiiGuard.SchemaVersion Version, Action<StatisticsWeek, IBufferWriter<byte>, DateTimeOffset> Write);
}

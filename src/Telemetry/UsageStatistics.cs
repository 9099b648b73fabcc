using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PiiGuard.Telemetry.Recording;
using PiiGuard.Telemetry.Storage;

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
/// </remarks>
public sealed partial class UsageStatistics : IDisposable, IAsyncDisposable
{
    private const string OptedInKey = "opted_in";
    private const string ConsentVersionKey = "consent_schema_version";
    private const string InstallationIdKey = "installation_id";
    private const string FirstSeenKey = "first_seen";
    private const string NextSubmissionKey = "next_submission_at";
    private const string FailuresKey = "submission_failures";

    private static readonly TimeSpan s_reopenInterval = TimeSpan.FromMinutes(1);

    private readonly PiiGuardTelemetryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Aggregator _aggregator;
    private readonly PayloadSource _payload;
    private readonly CountryCode? _country;
    private readonly object _gate = new();
    private readonly ITimer _flushTimer;
    private TelemetryDatabase? _database;
    private DateTimeOffset _nextOpenAttempt;
    private string? _storeProblem;
    private Consent _consent = Consent.None;
    private volatile bool _recording;
    private bool _flushFailing;
    private bool? _pendingOptOut;
    private bool _storeAbsent;
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
        _transport = _endpoint is null ? null : CreateTransport(_endpoint, options, time, logger);
        lock (_gate)
        {
            // Opens an existing store only: before the user's first decision nothing is created.
            TryOpenDatabase(create: false);
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
    public bool IsRecording => _recording;

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
            TelemetryDatabase? database = DatabaseOrNull();
            Consent consent = _consent;
            (int pending, int sent, int dropped, int rejected, DateTimeOffset? next, int deletions) = database is null
                ? default
                : ReadQueueState(database);
            ConsentState state = _pendingOptOut is not null ? ConsentState.OptedOut
                : database is null ? (_storeAbsent ? ConsentState.NotAsked : ConsentState.Unknown)
                : consent.OptedIn ? ConsentState.OptedIn
                : consent.Decided ? ConsentState.OptedOut
                : ConsentState.NotAsked;
            return new TelemetryStatus(
                database is not null || _storeAbsent,
                state,
                consent.OptedIn,
                consent.OptedIn && NeedsConsent(consent),
                consent.OptedIn ? consent.SchemaVersion : null,
                SchemaVersion,
                consent.OptedIn ? consent.InstallationId : null,
                consent.OptedIn ? consent.FirstSeen : null,
                _endpoint,
                pending,
                sent,
                dropped,
                rejected,
                next,
                deletions);
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
            TelemetryDatabase database = RequireDatabase(create: true);
            Consent consent = _consent;
            DateTimeOffset now = _time.GetUtcNow();
            Guid id = consent.InstallationId ?? Guid.NewGuid();
            DateTimeOffset firstSeen = consent.FirstSeen ?? TelemetryPeriods.StartOf(now, Period.Week);
            database.Write((connection, transaction) =>
            {
                SetSetting(connection, transaction, OptedInKey, "1");
                SetSetting(connection, transaction, ConsentVersionKey, SchemaVersion);
                SetSetting(connection, transaction, InstallationIdKey, id.ToString("D"));
                SetSetting(connection, transaction, FirstSeenKey, FormatDay(firstSeen));
                return 0;
            });
            _consent = new Consent(true, true, SchemaVersion, id, firstSeen);
            _recording = true;
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
        _recording = false;
        CancelSubmissionInFlight();
        bool queued;
        lock (_gate)
        {
            if (keepLocalData)
            {
                FlushCore(force: true);
            }

            _aggregator.Clear();
            TelemetryDatabase database;
            try
            {
                // Opening reads the consent the file holds: taken after, so that the opt-out is what stays in memory.
                database = RequireDatabase(create: true);
            }
            catch (TelemetryStoreException)
            {
                // Applied when the store opens again, before anything else: the opt-out is never lost.
                _consent = _consent with { OptedIn = false, Decided = true, InstallationId = null, FirstSeen = null };
                _pendingOptOut = keepLocalData;
                throw;
            }

            Consent consent = _consent;
            _consent = consent with { OptedIn = false, Decided = true, InstallationId = null, FirstSeen = null };
            _recording = false;
            queued = WriteOptOut(database, consent, keepLocalData);
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
            TelemetryDatabase? database = ExistingDatabase();
            Consent consent = _consent;
            if (database is null || !consent.OptedIn || consent.InstallationId is not { } old)
            {
                throw new InvalidOperationException("There is no installation id to regenerate: the user has not opted in.");
            }

            Guid id = Guid.NewGuid();
            database.Write((connection, transaction) =>
            {
                SetSetting(connection, transaction, InstallationIdKey, id.ToString("D"));
                if (deleteRemoteData && _transport is not null)
                {
                    QueueDeletion(connection, transaction, old);
                }

                return 0;
            });
            database.Compact();
            _consent = consent with { InstallationId = id };
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
        if (!_recording)
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
        if (!_recording || exception is null)
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
        if (_recording)
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
        }

        _flushTimer.Dispose();
        CancelSubmissionInFlight();
        lock (_gate)
        {
            FlushCore(force: false);
            _recording = false;
            _database?.Dispose();
            _database = null;
        }

        _transport?.Dispose();
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The open database, for tests that simulate a full disk.</summary>
    internal TelemetryDatabase? DatabaseForTesting => _database;

    private static void SetSetting(SqliteConnection connection, SqliteTransaction transaction, string key, string value)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO settings (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value;";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    private static void DeleteSetting(SqliteConnection connection, SqliteTransaction transaction, string key)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM settings WHERE key = $key;";
        command.Parameters.AddWithValue("$key", key);
        command.ExecuteNonQuery();
    }

    private static Dictionary<string, string> ReadSettings(SqliteConnection connection, SqliteTransaction transaction)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT key, value FROM settings;";
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            settings[reader.GetString(0)] = reader.GetString(1);
        }

        return settings;
    }

    private static string FormatDay(DateTimeOffset day) => day.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string FormatDay(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset DayStart(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    // Consent given to a lower schema version, or to none the store can read (a file written by hand or damaged), is
    // asked for again: only the one schema-version type compares versions, never text.
    private bool NeedsConsent(Consent consent) =>
        !PiiGuard.SchemaVersion.TryParse(consent.SchemaVersion, out PiiGuard.SchemaVersion consented) || _payload.Version > consented;

    private void Set<TKey>(StatisticKind kind, TKey key, long value)
        where TKey : struct, Enum
    {
        if (!_recording)
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
        if (_disposed && !force && _database is null)
        {
            return false;
        }

        List<Aggregator.Delta> deltas = _aggregator.Take();
        if (deltas.Count == 0)
        {
            return true;
        }

        if (!_consent.OptedIn)
        {
            // Recorded just before an opt-out: not the user's wish any more.
            return true;
        }

        TelemetryDatabase? database = DatabaseOrNull();
        if (database is null)
        {
            _aggregator.Restore(deltas);
            return false;
        }

        try
        {
            database.Write((connection, transaction) =>
            {
                // Another process on the same file (a settings tool) may have opted out since: its word counts.
                if (SyncConsent(connection, transaction))
                {
                    WriteDeltas(connection, transaction, deltas);
                }

                return 0;
            });
            _flushFailing = false;
            return true;
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            _aggregator.Restore(deltas);
            if (!_flushFailing)
            {
                // Once per run of failures, not at every flush.
                TelemetryLog.FlushFailed(_logger, Describe(e), deltas.Count);
                _flushFailing = true;
            }

            if (e is SqliteException { SqliteErrorCode: 11 or 26 })
            {
                // Damaged under our feet: reopen, which moves the file aside.
                CloseDatabase();
            }

            return false;
        }
    }

    private static void WriteDeltas(SqliteConnection connection, SqliteTransaction transaction, List<Aggregator.Delta> deltas)
    {
        using SqliteCommand add = connection.CreateCommand();
        add.Transaction = transaction;
        add.CommandText =
            "INSERT INTO statistics (day, kind, metric, key, component_metric, component, value) VALUES ($day, $kind, $metric, $key, $cm, $c, $value) " +
            "ON CONFLICT (day, kind, metric, key, component_metric, component) DO UPDATE SET value = value + excluded.value;";
        using SqliteCommand set = connection.CreateCommand();
        set.Transaction = transaction;
        set.CommandText =
            "INSERT INTO statistics (day, kind, metric, key, component_metric, component, value) VALUES ($day, $kind, $metric, $key, $cm, $c, $value) " +
            "ON CONFLICT (day, kind, metric, key, component_metric, component) DO UPDATE SET value = excluded.value;";
        foreach (SqliteCommand command in new[] { add, set })
        {
            foreach (string name in new[] { "$day", "$kind", "$metric", "$key", "$cm", "$c", "$value" })
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
        }

        foreach (Aggregator.Delta delta in deltas)
        {
            (int typeId, int index, int componentTypeId, int componentIndex) = Aggregator.Unpack(delta.Key);
            EnumKeyType type = EnumKeys.Get(typeId);
            SqliteCommand command = delta.Kind is StatisticKind.Counter or StatisticKind.Error ? add : set;
            command.Parameters[0].Value = FormatDay(delta.Day);
            command.Parameters[1].Value = (int)delta.Kind;
            command.Parameters[2].Value = type.Metric;
            command.Parameters[3].Value = type.Names[index];
            if (delta.Kind == StatisticKind.Error)
            {
                EnumKeyType componentType = EnumKeys.Get(componentTypeId);
                command.Parameters[4].Value = componentType.Metric;
                command.Parameters[5].Value = componentType.Names[componentIndex];
            }
            else
            {
                command.Parameters[4].Value = "";
                command.Parameters[5].Value = "";
            }

            command.Parameters[6].Value = delta.Value;
            command.ExecuteNonQuery();
        }
    }

    private static bool IsStorageFailure(Exception e) => e is SqliteException or System.IO.IOException or UnauthorizedAccessException or TelemetryStoreException or InvalidOperationException;

    private static string Describe(Exception e) => e is SqliteException sqlite
        ? "SQLite error " + sqlite.SqliteErrorCode.ToString(CultureInfo.InvariantCulture) + (sqlite.SqliteErrorCode switch
        {
            5 => ", the file is locked",
            6 => ", a table is locked",
            8 => ", read-only",
            10 => ", I/O error",
            11 or 26 => ", the file is damaged",
            13 => ", the disk is full",
            _ => "",
        })
        : e is TelemetryStoreException ? e.Message : e.GetType().Name;

    // Under _gate.
    private TelemetryDatabase? DatabaseOrNull()
    {
        if (_database is null && !_disposed && _time.GetUtcNow() >= _nextOpenAttempt)
        {
            TryOpenDatabase(create: false);
        }

        return _database;
    }

    // Under _gate: the database, created (with its folder) when <paramref name="create"/> says so; a user's decision
    // (opt-in, opt-out) creates it, nothing else does.
    private TelemetryDatabase RequireDatabase(bool create)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (DatabaseOrNull() is { } database)
        {
            return database;
        }

        // A settings page may ask again at once: try again rather than wait for the reopen interval.
        TryOpenDatabase(create);
        return _database ?? throw new TelemetryStoreException(_storeProblem ?? "the statistics database is unavailable");
    }

    // Under _gate: the database if its file exists, null if it does not (the user has not decided yet).
    private TelemetryDatabase? ExistingDatabase()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (DatabaseOrNull() is { } database)
        {
            return database;
        }

        TryOpenDatabase(create: false);
        return _database ?? (_storeAbsent ? null : throw new TelemetryStoreException(_storeProblem ?? "the statistics database is unavailable"));
    }

    private void TryOpenDatabase(bool create)
    {
        try
        {
            // An opt-out that could not be written is the user's decision: it creates the store when it is applied.
            TelemetryDatabase? opened = TelemetryDatabase.Open(_options.DataDirectory, _options.DatabaseFileName, _options.BusyTimeout, _logger, create || _pendingOptOut is not null);
            if (opened is not { } database)
            {
                // No file: the user has not decided (or the file was deleted). Nothing is created, nothing is wrong.
                _database = null;
                _storeAbsent = true;
                _storeProblem = null;
                _consent = Consent.None;
                _recording = false;
                return;
            }

            _storeAbsent = false;
            Dictionary<string, string> settings = database.Read((connection, transaction) => ReadSettings(connection, transaction));
            _database = database;
            _storeProblem = null;
            _consent = Consent.From(settings);
            if (_pendingOptOut is { } keepLocalData)
            {
                WriteOptOut(database, _consent, keepLocalData);
                _consent = _consent with { OptedIn = false, Decided = true, InstallationId = null, FirstSeen = null };
                _pendingOptOut = null;
            }

            _recording = _consent.OptedIn && !NeedsConsent(_consent);
            if (_consent.OptedIn && !_recording)
            {
                TelemetryLog.NeedsConsent(
                    _logger,
                    SchemaVersion,
                    _consent.SchemaVersion is null ? "none" : PiiGuard.SchemaVersion.TryParse(_consent.SchemaVersion, out _) ? _consent.SchemaVersion : "unreadable");
            }
        }
        catch (Exception e) when (e is TelemetryStoreException or SqliteException or System.IO.IOException or UnauthorizedAccessException)
        {
            _database = null;
            _storeAbsent = false;
            _recording = false;
            _nextOpenAttempt = _time.GetUtcNow() + s_reopenInterval;
            string problem = Describe(e);
            if (problem != _storeProblem)
            {
                // Once per problem, not at every attempt to reopen.
                TelemetryLog.StoreUnavailable(_logger, problem);
            }

            _storeProblem = problem;
        }
    }

    // Under _gate, in a transaction: takes the consent the file holds (another process may have changed it) and says
    // whether recording is allowed.
    private bool SyncConsent(SqliteConnection connection, SqliteTransaction transaction)
    {
        Consent stored = Consent.From(ReadSettings(connection, transaction));
        bool allowed = stored.OptedIn && !NeedsConsent(stored);
        if (stored != _consent)
        {
            _consent = stored;
            _recording = allowed;
        }

        return allowed;
    }

    // Under _gate: the opt-out's writes. Returns whether a deletion request was queued.
    private bool WriteOptOut(TelemetryDatabase database, Consent consent, bool keepLocalData)
    {
        bool queue = consent.InstallationId is not null && _transport is not null;
        database.Write((connection, transaction) =>
        {
            SetSetting(connection, transaction, OptedInKey, "0");
            DeleteSetting(connection, transaction, InstallationIdKey);
            DeleteSetting(connection, transaction, FirstSeenKey);
            if (queue)
            {
                QueueDeletion(connection, transaction, consent.InstallationId!.Value);
            }

            if (keepLocalData)
            {
                // Kept for the user to see, never to send: a later opt-in starts afresh.
                WithdrawWeeks(connection, transaction);
            }
            else
            {
                DeleteLocalRows(connection, transaction);
            }

            return 0;
        });
        database.Compact();
        return queue;
    }

    private void CloseDatabase()
    {
        _database?.Dispose();
        _database = null;
        _recording = false;
        _nextOpenAttempt = default;
    }

    private static void DeleteLocalRows(SqliteConnection connection, SqliteTransaction transaction)
    {
        TelemetryDatabase.Execute(connection, transaction,
            "DELETE FROM statistics; DELETE FROM weeks; DELETE FROM submission_log; " +
            "DELETE FROM settings WHERE key IN ('" + NextSubmissionKey + "', '" + FailuresKey + "');");
    }

    /// <summary>The user's consent as the store holds it; <paramref name="Decided"/> tells "never asked" from "opted out".</summary>
    private sealed record Consent(bool Decided, bool OptedIn, string? SchemaVersion, Guid? InstallationId, DateTimeOffset? FirstSeen)
    {
        public static readonly Consent None = new(false, false, null, null, null);

        public static Consent From(Dictionary<string, string> settings) => new(
            settings.ContainsKey(OptedInKey),
            settings.GetValueOrDefault(OptedInKey) == "1",
            settings.GetValueOrDefault(ConsentVersionKey),
            settings.TryGetValue(InstallationIdKey, out string? id) && Guid.TryParseExact(id, "D", out Guid parsed) ? parsed : null,
            settings.TryGetValue(FirstSeenKey, out string? day) && DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly firstSeen)
                ? DayStart(firstSeen)
                : null);
    }

    /// <summary>Writes a week's submission body: the app's payload, built from the week, in its envelope.</summary>
    private sealed record PayloadSource(PiiGuard.SchemaVersion Version, Action<StatisticsWeek, IBufferWriter<byte>, DateTimeOffset> Write);
}

using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
using PiiGuard.Telemetry.Storage;
using PiiGuard.Telemetry.Submission;

namespace PiiGuard;

public sealed partial class UsageStatistics
{
    /// <summary>Every stored statistic, day by day: the user's right to see what is kept (after a flush of what is in memory).</summary>
    /// <returns>The statistics, ordered by day, kind, metric and key.</returns>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable.</exception>
    public IReadOnlyList<StoredStatistic> ReadStatistics()
    {
        lock (_gate)
        {
            FlushCore(force: false);
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _consent.ExistingStore() is { } store ? store.ReadStatistics() : [];
        }
    }

    /// <summary>
    /// The exact bytes the next submission would send: the oldest completed week waiting to be sent or, when none is
    /// waiting, the week in progress so far. Null when the user has not opted in (there is nothing to send).
    /// </summary>
    /// <returns>The preview, or null.</returns>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable.</exception>
    public SubmissionPreview? PreviewNextSubmission()
    {
        lock (_gate)
        {
            FlushCore(force: false);
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_consent.ExistingStore() is not { } store || !_consent.Current.OptedIn)
            {
                return null;
            }

            DateTimeOffset now = _time.GetUtcNow();
            DateTimeOffset currentWeek = UploadPolicy.CurrentWeek(now);
            List<DateTimeOffset> pending = store.ReadPendingWeeks(currentWeek);
            bool complete = pending.Count > 0;
            DateTimeOffset week = complete ? pending[0] : currentWeek;
            byte[] body = BuildBody(store, week, complete, now);
            return new SubmissionPreview { WeekStart = week, IsComplete = complete, Body = body };
        }
    }

    /// <summary>
    /// Everything the store holds, as indented JSON: consent, the installation id, every statistic, the state of each
    /// week, the submission log and pending deletion requests. The user's right to a complete, machine-readable copy.
    /// </summary>
    /// <returns>The export.</returns>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable.</exception>
    public string ExportJson() => Encoding.UTF8.GetString(ExportBytes().WrittenSpan);

    /// <summary>Writes <see cref="ExportJson"/>'s export as UTF-8 to <paramref name="output"/>.</summary>
    /// <param name="output">Where it goes; not closed.</param>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable.</exception>
    public void Export(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(ExportBytes().WrittenSpan);
    }

    private ArrayBufferWriter<byte> ExportBytes()
    {
        var buffer = new ArrayBufferWriter<byte>();
        Export(buffer);
        return buffer;
    }

    /// <summary>
    /// Deletes every local statistic, the submission log and the installation id, then rebuilds the file
    /// (<c>secure_delete</c>, <c>VACUUM</c>, WAL truncated) so that nothing of it remains on disk. A user who stays
    /// opted in gets a new random installation id. Deletion requests still waiting for the collector keep their id
    /// until the collector acknowledges them. The file itself stays, holding the user's decision (an opt-out is
    /// remembered) and those requests; before any decision there is no file and nothing is created.
    /// </summary>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable.</exception>
    public void DeleteLocalData()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _aggregator.Clear();
            _consent.DeleteLocalData();
        }

        TelemetryLog.LocalDataDeleted(_logger);
    }

    private void Export(IBufferWriter<byte> output)
    {
        lock (_gate)
        {
            FlushCore(force: false);
            ObjectDisposedException.ThrowIf(_disposed, this);
            StatisticsStore? store = _consent.ExistingStore();
            DateTimeOffset now = _time.GetUtcNow();
            StoredConsent consent = _consent.Current;

            // No file (the user has not decided): the export says so and lists nothing, and nothing is created.
            StoreSnapshot snapshot = store is null ? StoreSnapshot.Empty : store.ExportAll(UploadPolicy.CurrentWeek(now));
            var header = new StatisticsExport.Header(consent, _consent.NeedsConsent(consent), SchemaVersion, _country, _endpoint, now);
            StatisticsExport.Write(output, header, snapshot);
        }
    }

    // Under _gate.
    private byte[] BuildBody(StatisticsStore store, DateTimeOffset weekStart, bool complete, DateTimeOffset now)
    {
        StoredConsent consent = _consent.Current;
        DateOnly from = DateOnly.FromDateTime(weekStart.UtcDateTime);
        List<StoredStatistic> rows = store.ReadStatistics(from, from.AddDays(7));
        var week = new StatisticsWeek(
            consent.InstallationId ?? Guid.Empty,
            consent.FirstSeen ?? weekStart,
            weekStart,
            complete,
            _country,
            rows);
        var buffer = new ArrayBufferWriter<byte>(2048);
        try
        {
            _payload.Write(week, buffer, now);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException(
                $"Building the usage statistics payload of the week of {StatisticsStore.FormatDay(weekStart)} failed ({e.GetType().Name}); the app's payload builder or its payload type has a bug.",
                e);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private QueueState ReadQueueState(StatisticsStore store)
    {
        try
        {
            return store.ReadQueueState(UploadPolicy.CurrentWeek(_time.GetUtcNow()));
        }
        catch (Exception e) when (StoreConnection.IsStorageFailure(e))
        {
            return default;
        }
    }
}

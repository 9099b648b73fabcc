using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PiiGuard;

// The asynchronous forms of every method that touches the disk. SQLite has no asynchronous I/O, and
// Microsoft.Data.Sqlite's async methods complete synchronously on the calling thread, so there is no truly
// asynchronous core to await: each method below runs the synchronous work on the thread pool (Task.Run), so that a UI
// thread never waits on the disk and no caller ever blocks on a task (no sync-over-async). The token is honoured until
// the work starts; once started, a write runs to its commit (a half-done opt-out or deletion would be worse than a late
// one). Writing an export to a stream is asynchronous all the way.
public sealed partial class UsageStatistics
{
    /// <summary>The asynchronous form of <see cref="GetStatus"/>.</summary>
    /// <param name="cancellationToken">Cancels the call before it reads the store.</param>
    /// <returns>The status.</returns>
    public Task<TelemetryStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        RunStoreWorkAsync(static statistics => statistics.GetStatus(), cancellationToken);

    /// <summary>The asynchronous form of <see cref="OptIn"/>.</summary>
    /// <param name="cancellationToken">Cancels the call before it writes the consent.</param>
    /// <returns>A task that completes when the consent is stored.</returns>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable.</exception>
    public Task OptInAsync(CancellationToken cancellationToken = default) =>
        RunStoreWorkAsync(
            static statistics =>
            {
                statistics.OptIn();
                return true;
            },
            cancellationToken);

    /// <summary>The asynchronous form of <see cref="OptOut"/>.</summary>
    /// <param name="keepLocalData">Whether to keep the local statistics.</param>
    /// <param name="cancellationToken">Cancels the call before it starts; once started, the opt-out is completed.</param>
    /// <returns>A task that completes when the opt-out is stored.</returns>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable (recording has stopped all the same).</exception>
    public Task OptOutAsync(bool keepLocalData = false, CancellationToken cancellationToken = default) =>
        RunStoreWorkAsync(
            statistics =>
            {
                statistics.OptOut(keepLocalData);
                return true;
            },
            cancellationToken);

    /// <summary>The asynchronous form of <see cref="RegenerateInstallationId"/>.</summary>
    /// <param name="deleteRemoteData">Whether to also ask the collector to delete what it holds under the old id.</param>
    /// <param name="cancellationToken">Cancels the call before it starts.</param>
    /// <returns>The new id.</returns>
    /// <exception cref="InvalidOperationException">The user has not opted in: there is no id.</exception>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable.</exception>
    public Task<Guid> RegenerateInstallationIdAsync(bool deleteRemoteData = false, CancellationToken cancellationToken = default) =>
        RunStoreWorkAsync(statistics => statistics.RegenerateInstallationId(deleteRemoteData), cancellationToken);

    /// <summary>The asynchronous form of <see cref="ReadStatistics"/>.</summary>
    /// <param name="cancellationToken">Cancels the call before it reads the store.</param>
    /// <returns>The statistics, ordered by day, kind, metric and key.</returns>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable.</exception>
    public Task<IReadOnlyList<StoredStatistic>> ReadStatisticsAsync(CancellationToken cancellationToken = default) =>
        RunStoreWorkAsync(static statistics => statistics.ReadStatistics(), cancellationToken);

    /// <summary>The asynchronous form of <see cref="PreviewNextSubmission"/>.</summary>
    /// <param name="cancellationToken">Cancels the call before it reads the store.</param>
    /// <returns>The preview, or null when the user has not opted in.</returns>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable.</exception>
    public Task<SubmissionPreview?> PreviewNextSubmissionAsync(CancellationToken cancellationToken = default) =>
        RunStoreWorkAsync(static statistics => statistics.PreviewNextSubmission(), cancellationToken);

    /// <summary>The asynchronous form of <see cref="ExportJson"/>.</summary>
    /// <param name="cancellationToken">Cancels the call before it reads the store.</param>
    /// <returns>The export.</returns>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable.</exception>
    public Task<string> ExportJsonAsync(CancellationToken cancellationToken = default) =>
        RunStoreWorkAsync(static statistics => Encoding.UTF8.GetString(statistics.ExportBytes().WrittenSpan), cancellationToken);

    /// <summary>The asynchronous form of <see cref="Export(Stream)"/>: writes the export as UTF-8 to <paramref name="output"/>.</summary>
    /// <param name="output">Where it goes; not closed.</param>
    /// <param name="cancellationToken">Cancels reading the store (before it starts) and writing to <paramref name="output"/>.</param>
    /// <returns>A task that completes when the export is written.</returns>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable.</exception>
    public async Task ExportAsync(Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArrayBufferWriter<byte> buffer = await RunStoreWorkAsync(static statistics => statistics.ExportBytes(), cancellationToken).ConfigureAwait(false);
        await output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The asynchronous form of <see cref="DeleteLocalData"/>.</summary>
    /// <param name="cancellationToken">Cancels the call before it starts; once started, the deletion is completed.</param>
    /// <returns>A task that completes when the data is deleted and the file rebuilt.</returns>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable.</exception>
    public Task DeleteLocalDataAsync(CancellationToken cancellationToken = default) =>
        RunStoreWorkAsync(
            static statistics =>
            {
                statistics.DeleteLocalData();
                return true;
            },
            cancellationToken);

    /// <summary>The asynchronous form of <see cref="Flush"/>. Never throws, except when cancelled before it starts.</summary>
    /// <param name="cancellationToken">Cancels the call before it starts.</param>
    /// <returns>Whether everything recorded is now in the database.</returns>
    public Task<bool> FlushAsync(CancellationToken cancellationToken = default) =>
        RunStoreWorkAsync(static statistics => statistics.Flush(), cancellationToken);

    private Task<T> RunStoreWorkAsync<T>(Func<UsageStatistics, T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        return Task.Run(() => work(this), cancellationToken);
    }
}

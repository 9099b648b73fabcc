using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using PiiGuard;

namespace Printernizer.Cli;

/// <summary>
/// The commands that work on the statistics store. Each one opens <see cref="UsageStatistics"/> on the data folder,
/// does one thing through its public API, and disposes it (which writes what was recorded to the database).
/// </summary>
internal sealed class StatisticsCommands
{
    /// <summary>What <c>record-error</c> puts in its exception's message: made up, and exactly what must never be stored.</summary>
    public const string FakeIpAddress = "192.168.1.5";

    public const string FakeEmail = "jane.doe@example.com";

    public const string FakePath = "/home/jane/prints/benchy.gcode";

    private readonly CommandArguments _commandLine;
    private readonly TextWriter _out;
    private readonly TextWriter _error;

    public StatisticsCommands(CommandArguments commandLine, TextWriter output, TextWriter error)
    {
        _commandLine = commandLine;
        _out = output;
        _error = error;
        _time = ShiftedClock.From(commandLine.AsOf);
    }

    private readonly TimeProvider _time;

    private DateOnly Today => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        string folder = DataFolder();
        PiiGuardTelemetryOptions options = Options(folder);
        using UsageStatistics statistics = UsageStatistics.Open(options, week => UsageReports.Build(week), _time, new ErrorConsoleLogger(_error));
        return _commandLine.Command switch
        {
            "status" => Status(statistics, folder),
            "opt-in" => OptIn(statistics),
            "opt-out" => OptOut(statistics, options),
            "regenerate-id" => RegenerateId(statistics),
            "record-job" => RecordJob(statistics),
            "record-error" => RecordError(statistics),
            "preview" => Preview(statistics),
            "export" => Export(statistics),
            "delete" => Delete(statistics),
            "submit" => await SubmitAsync(statistics, cancellationToken).ConfigureAwait(false),
            _ => throw new UsageException($"'{_commandLine.Command}' is not a statistics command."),
        };
    }

    private static string Day(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Throws what makes the store unavailable (exit code 2), if it is.</summary>
    private static void RequireStore(UsageStatistics statistics)
    {
        if (!statistics.GetStatus().StoreAvailable)
        {
            // Asks the store to open once more; when it still cannot, this throws a TelemetryStoreException that says why.
            _ = statistics.ReadStatistics();
        }
    }

    private static long Sum(IEnumerable<StoredStatistic> rows, DateOnly day, StatisticKind kind, Type metric, string key) =>
        rows.Where(r => r.Day == day && r.Kind == kind && r.Metric == metric.FullName && r.Key == key).Sum(r => r.Value);

    private string DataFolder()
    {
        if (_commandLine.Data is { } data)
        {
            return Path.GetFullPath(data);
        }

        string folder = Path.Combine(Path.GetTempPath(), "printernizer-data");
        _error.WriteLine($"Data folder: {folder} (the default; choose another with --data DIR)");
        return folder;
    }

    private PiiGuardTelemetryOptions Options(string folder)
    {
        var options = new PiiGuardTelemetryOptions
        {
            DataDirectory = folder,
            TimeZoneId = _commandLine.TimeZone,
            ErrorClassifier = UsageReports.ErrorClassifier(),
            UserAgent = "Printernizer-sample/1.0",
        };

        string? endpoint = _commandLine.Endpoint;
        if (endpoint is null)
        {
            foreach ((string needsEndpoint, bool given) in new[]
            {
                ("--allow-insecure-loopback", _commandLine.AllowInsecureLoopback),
                ("--trust-root-cert", _commandLine.TrustRootCert is not null),
                ("--delete-remote-data", _commandLine.DeleteRemoteData),
            })
            {
                if (given)
                {
                    throw new UsageException($"{needsEndpoint} needs --endpoint URL: it concerns the collector, and none is given.");
                }
            }

            return options;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri))
        {
            throw new UsageException($"--endpoint must be an absolute URL such as https://stats.example.org/; got '{endpoint}'.");
        }

        options.Endpoint = uri;
        options.AllowInsecureLoopbackEndpointForTesting = _commandLine.AllowInsecureLoopback;
        if (_commandLine.TrustRootCert is { } pem)
        {
            options.TrustedRootCertificates = LoadCertificates(pem);
        }

        return options;
    }

    private static X509Certificate2Collection LoadCertificates(string path)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            // The error's type, not its message: an exception's message is personal data to PiiGuard (PII110).
            throw new UsageException($"--trust-root-cert: '{path}' could not be read as PEM certificates ({e.GetType().Name}).");
        }

        return certificates.Count > 0
            ? certificates
            : throw new UsageException($"--trust-root-cert: '{path}' holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
    }

    private int Status(UsageStatistics statistics, string folder)
    {
        TelemetryStatus status = statistics.GetStatus();
        _out.WriteLine($"Data folder:       {folder}");
        _out.WriteLine($"Database:          {statistics.DatabasePath}");
        _out.WriteLine($"Store:             {(status.StoreAvailable ? "available" : "UNAVAILABLE (nothing can be recorded)")}");
        if (!status.StoreAvailable)
        {
            // Consent, the id and the queues are in the store: nothing more can be said without it.
            RequireStore(statistics);
        }

        _out.WriteLine("Usage statistics:  " + (
            status.NeedsConsent ? $"paused: you agreed to schema version {status.ConsentedSchemaVersion}, the app now sends {status.CurrentSchemaVersion} (run opt-in to agree)"
            : status.OptedIn ? "on (opted in)"
            : "off (not opted in: no statistics are recorded or sent)"));
        _out.WriteLine($"Installation id:   {(status.InstallationId is { } id ? id.ToString("D") + " (random, not derived from this machine)" : "none")}");
        _out.WriteLine($"First seen:        {(status.FirstSeen is { } firstSeen ? "the week of " + Day(firstSeen) : "-")}");
        // The store remembers the version agreed to before an opt-out; an opted-out user agrees to none.
        _out.WriteLine($"Schema version:    {status.CurrentSchemaVersion} (agreed to: {status.ConsentedSchemaVersion ?? "none"})");
        _out.WriteLine($"Weeks:             {status.PendingWeeks} waiting to be sent, {status.SubmittedWeeks} sent, {status.DroppedWeeks} dropped, {status.RejectedWeeks} refused");
        _out.WriteLine($"Next submission:   {(status.NextSubmissionNotBefore is { } next ? "not before " + Time(next) : "no limit pending")}");
        _out.WriteLine($"Remote deletions:  {status.PendingRemoteDeletions} waiting for the collector");
        return PrinternizerCli.Ok;
    }

    private int OptIn(UsageStatistics statistics)
    {
        RequireStore(statistics);
        bool already = statistics.GetStatus() is { OptedIn: true, NeedsConsent: false };
        statistics.OptIn();
        TelemetryStatus status = statistics.GetStatus();
        _out.WriteLine($"Opted in to Printernizer's usage statistics (schema version {statistics.SchemaVersion}).");
        _out.WriteLine($"Installation id: {status.InstallationId:D} " + (already ? "(you had already opted in: unchanged)" : "(random, not derived from this machine)"));
        _out.WriteLine("Recording is on. Nothing is sent unless you run 'submit'; 'preview' shows exactly what it would send.");
        return PrinternizerCli.Ok;
    }

    private int OptOut(UsageStatistics statistics, PiiGuardTelemetryOptions options)
    {
        RequireStore(statistics);
        TelemetryStatus before = statistics.GetStatus();
        bool keep = _commandLine.KeepLocalData;
        statistics.OptOut(keepLocalData: keep);
        TelemetryStatus after = statistics.GetStatus();
        _out.WriteLine(before.OptedIn ? "Opted out: no more statistics are recorded or sent." : "You had not opted in: no statistics are recorded or sent.");
        _out.WriteLine(before.InstallationId is { } old ? $"The installation id {old:D} is forgotten." : "There was no installation id to forget.");
        _out.WriteLine(keep
            ? "Local statistics are kept: 'export' shows them, 'delete' removes them."
            : "Local statistics are deleted.");
        _out.WriteLine(
            after.PendingRemoteDeletions > before.PendingRemoteDeletions
                ? $"A deletion request for the old id is queued for {options.Endpoint!.GetLeftPart(UriPartial.Authority)}: 'submit --endpoint ...' sends it."
            : before.InstallationId is null
                ? "There was no installation id, so no deletion request is needed."
            : options.Endpoint is null
                ? "No collector given (--endpoint), so no deletion request was queued: whatever a collector received under the old id stays there."
                : "No deletion request was queued.");
        return PrinternizerCli.Ok;
    }

    private int RegenerateId(UsageStatistics statistics)
    {
        RequireStore(statistics);
        TelemetryStatus before = statistics.GetStatus();
        if (!before.OptedIn || before.InstallationId is not { } old)
        {
            throw new CommandFailedException("there is no installation id to regenerate: you have not opted in (run 'opt-in' first).");
        }

        bool deleteRemote = _commandLine.DeleteRemoteData;
        Guid id = statistics.RegenerateInstallationId(deleteRemoteData: deleteRemote);
        _out.WriteLine($"New installation id: {id:D} (was {old:D}).");
        _out.WriteLine("From now on, submissions cannot be linked to earlier ones." + (deleteRemote
            ? " A request to delete what the collector holds under the old id is queued: 'submit' sends it."
            : string.Empty));
        return PrinternizerCli.Ok;
    }

    private int RecordJob(UsageStatistics statistics)
    {
        int count = _commandLine.Count;
        RequireStore(statistics);
        if (!statistics.IsRecording)
        {
            return NotRecording(statistics);
        }

        DateOnly today = Today;
        bool fleetRecorded = statistics.ReadStatistics().Any(r => r.Day == today && r.Kind == StatisticKind.Gauge && r.Metric == typeof(PrinterType).FullName);
        if (!fleetRecorded)
        {
            // What Printernizer reports once a day, at start-up: how many printers of each type, and which features are on.
            statistics.SetGauge(PrinterType.BambuLab, 2);
            statistics.SetGauge(PrinterType.Prusa, 1);
            statistics.SetFlag(Feature.Library, true);
            statistics.SetFlag(Feature.Timelapse, false);
            statistics.SetFlag(Feature.AutoJobCreation, true);
            statistics.SetFlag(Feature.GermanCompliance, false);
            statistics.SetFlag(Feature.WatchFolders, true);
        }

        statistics.Add(UsageCounter.Jobs, count);
        statistics.Add(UsageCounter.Files, count);

        // Reading flushes what was recorded in memory to the database first.
        IReadOnlyList<StoredStatistic> rows = statistics.ReadStatistics();
        _out.WriteLine($"Recorded {count} print job(s) and {count} file(s) for today ({today:yyyy-MM-dd}, UTC).");
        if (!fleetRecorded)
        {
            _out.WriteLine("Also recorded today's printer fleet (2 Bambu Lab, 1 Prusa) and feature flags (library, auto job creation and watch folders on).");
        }

        _out.WriteLine(
            $"Stored for today: {Sum(rows, today, StatisticKind.Counter, typeof(UsageCounter), nameof(UsageCounter.Jobs))} jobs, " +
            $"{Sum(rows, today, StatisticKind.Counter, typeof(UsageCounter), nameof(UsageCounter.Files))} files: counts per day, never an event or a time.");
        return PrinternizerCli.Ok;
    }

    private int RecordError(UsageStatistics statistics)
    {
        string kind = _commandLine.Kind ?? throw new UsageException("'record-error' needs --kind timeout|io|http|unknown.");
        Component component = _commandLine.Component switch
        {
            "file" => Component.FileService,
            "library" => Component.LibraryService,
            _ => Component.PrinterService,
        };
        RequireStore(statistics);
        if (!statistics.IsRecording)
        {
            return NotRecording(statistics);
        }

        Exception exception = ThrowAndCatch(kind);
        statistics.RecordError(exception, component);

        ErrorType errorType = UsageReports.ErrorClassifier().Classify(exception);
        DateOnly today = Today;
        long stored = statistics.ReadStatistics()
            .Where(r => r.Day == today && r.Kind == StatisticKind.Error && r.Key == errorType.ToString() && r.Component == component.ToString())
            .Sum(r => r.Value);
        string export = statistics.ExportJson();
        // Which parts leaked, by name: the message must not repeat them (PII110).
        var leaked = new List<string>();
        if (export.Contains(FakeIpAddress, StringComparison.Ordinal))
        {
            leaked.Add("the IP address");
        }

        if (export.Contains(FakeEmail, StringComparison.Ordinal))
        {
            leaked.Add("the e-mail address");
        }

        if (export.Contains(FakePath, StringComparison.Ordinal))
        {
            leaked.Add("the path");
        }

        if (export.Contains(exception.Message, StringComparison.Ordinal))
        {
            leaked.Add("the whole message");
        }

        if (leaked.Count > 0)
        {
            throw new CommandFailedException($"the store holds part of the exception's message ({string.Join(", ", leaked)}): that is a bug in PiiGuard.");
        }

        _out.WriteLine($"Thrown and caught: {exception.GetType().FullName}: {exception.Message}");
        _out.WriteLine($"Kept:     error type {errorType} in {component}, and a count: {stored} today ({today:yyyy-MM-dd}, UTC).");
        _out.WriteLine("Not kept: the message, the IP address, the e-mail address, the path and the stack trace (the export holds none of them: checked).");
        return PrinternizerCli.Ok;
    }

    private static Exception ThrowAndCatch(string kind)
    {
        try
        {
            // A real exception, thrown and caught, with a stack trace: the kind of message an app's errors carry.
            throw kind switch
            {
                "timeout" => new TimeoutException($"Printer 'Garage MK4' at {FakeIpAddress} did not answer within 30 s (owner {FakeEmail}, job {FakePath})."),
                "io" => new IOException($"Could not write {FakePath} for {FakeEmail}: the disk is full (printer at {FakeIpAddress})."),
                "http" => new HttpRequestException($"Downloading {FakePath} from http://{FakeIpAddress}/api/files failed for {FakeEmail}.", null, HttpStatusCode.BadGateway),
                _ => new InvalidOperationException($"Unexpected state of the job '{FakePath}' sent from {FakeIpAddress} by {FakeEmail}."),
            };
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private int NotRecording(UsageStatistics statistics)
    {
        _out.WriteLine(statistics.GetStatus().NeedsConsent
            ? "Nothing recorded: the app sends a newer schema version than you agreed to (run 'opt-in' to agree)."
            : "Nothing recorded: usage statistics are off until you opt in (run 'opt-in').");
        return PrinternizerCli.Ok;
    }

    private int Preview(UsageStatistics statistics)
    {
        RequireStore(statistics);
        if (statistics.PreviewNextSubmission() is not { } preview)
        {
            _out.WriteLine("No submission: you have not opted in, so there is nothing to send.");
            return PrinternizerCli.Ok;
        }

        TelemetryStatus status = statistics.GetStatus();
        if (status.NeedsConsent)
        {
            _out.WriteLine($"Submission is paused: you agreed to schema version {status.ConsentedSchemaVersion}, the app now sends {status.CurrentSchemaVersion} (run 'opt-in' to agree).");
        }

        _out.WriteLine(preview.IsComplete
            ? $"The next submission: the week of {Day(preview.WeekStart)} (complete, waiting to be sent), {preview.Body.Length} bytes exactly as sent:"
            : $"No completed week is waiting. The week of {Day(preview.WeekStart)} so far (in progress), {preview.Body.Length} bytes exactly as they would be sent:");
        _out.Flush();
        using (Stream stdout = Console.OpenStandardOutput())
        {
            stdout.Write(preview.Body.Span);
            stdout.Flush();
        }

        _out.WriteLine();
        return PrinternizerCli.Ok;
    }

    private int Export(UsageStatistics statistics)
    {
        RequireStore(statistics);
        if (_commandLine.Out is { } file)
        {
            string path = Path.GetFullPath(file);
            using (FileStream stream = File.Create(path))
            {
                statistics.Export(stream);
            }

            _out.WriteLine($"Wrote the export ({new FileInfo(path).Length} bytes of JSON) to {path}.");
        }
        else
        {
            _out.WriteLine(statistics.ExportJson());
        }

        return PrinternizerCli.Ok;
    }

    private int Delete(UsageStatistics statistics)
    {
        RequireStore(statistics);
        TelemetryStatus before = statistics.GetStatus();
        statistics.DeleteLocalData();
        TelemetryStatus after = statistics.GetStatus();
        _out.WriteLine("Deleted every local statistic and the submission log; the database file was rebuilt, so nothing of them remains on disk.");
        _out.WriteLine(after.InstallationId is { } id
            ? $"You are still opted in, under a new random installation id: {id:D} (was {before.InstallationId:D})."
            : "No installation id is kept: you have not opted in.");
        if (after.PendingRemoteDeletions > 0)
        {
            _out.WriteLine($"{after.PendingRemoteDeletions} deletion request(s) for the collector still wait to be sent ('submit').");
        }

        return PrinternizerCli.Ok;
    }

    private async Task<int> SubmitAsync(UsageStatistics statistics, CancellationToken cancellationToken)
    {
        RequireStore(statistics);
        SubmissionResult result = await statistics.SubmitAsync(cancellationToken).ConfigureAwait(false);
        TelemetryStatus after = statistics.GetStatus();

        // The deletion requests go first, whatever then happens to the statistics: say what was done with each.
        int unacknowledged = result.DeletionRequests.Count(d => d.Outcome != DeletionRequestOutcome.Acknowledged);
        _out.WriteLine("Deletion requests: " + (result.DeletionRequests.Count > 0
            ? $"{result.DeletionRequests.Count} sent: {string.Join("; ", result.DeletionRequests.Select(Describe))}."
            : after.PendingRemoteDeletions > 0
                ? $"none sent: {after.PendingRemoteDeletions} wait(s) for the time of a retry."
                : "none to send."));

        string meaning = result.Outcome switch
        {
            SubmissionOutcome.NotOptedIn => "you have not opted in: no statistics were sent",
            SubmissionOutcome.NeedsConsent => "the app sends a newer schema version than you agreed to: no statistics were sent",
            SubmissionOutcome.NoEndpoint => "no collector is configured: nothing was sent",
            SubmissionOutcome.StoreUnavailable => "the statistics store is unavailable",
            SubmissionOutcome.NothingDue => "no completed week is waiting (the week in progress goes after it ends; 'preview' shows it)",
            SubmissionOutcome.NotYet => "a week is waiting, but the rate limit (one submission an hour) or a backoff says not yet",
            SubmissionOutcome.Sent => "the week was sent and the collector acknowledged it",
            SubmissionOutcome.RetryScheduled => "sending failed (network, busy collector, 429): the week stays waiting and a retry is scheduled",
            SubmissionOutcome.Rejected => "the collector refused the week for good: it will not be sent again",
            _ => result.Outcome.ToString(),
        };
        _out.WriteLine($"Statistics:        {result.Outcome}: {meaning}.");
        _out.WriteLine($"Week:              {(result.WeekStart is { } week ? "the week of " + Day(week) : "-")}");
        _out.WriteLine("HTTP status:       " + (
            result.StatusCode is { } code ? code.ToString(CultureInfo.InvariantCulture)
            : result.Outcome == SubmissionOutcome.RetryScheduled ? "- (no answer)"
            : "- (no week was sent)"));
        _out.WriteLine($"Next attempt:      {(result.NextSubmissionNotBefore is { } next ? "not before " + Time(next) : "no limit pending")}");
        _out.WriteLine($"Remote deletions:  {after.PendingRemoteDeletions} still waiting for the collector");

        int exitCode = PrinternizerCli.Ok;
        if (unacknowledged > 0)
        {
            _error.WriteLine($"{PrinternizerCli.ProgramName}: submit: the collector did not acknowledge {unacknowledged} deletion request(s): they stay queued and are retried.");
            exitCode = PrinternizerCli.Failed;
        }

        if (result.Outcome is SubmissionOutcome.RetryScheduled or SubmissionOutcome.Rejected or SubmissionOutcome.StoreUnavailable)
        {
            _error.WriteLine($"{PrinternizerCli.ProgramName}: submit: {meaning}.");
            exitCode = PrinternizerCli.Failed;
        }

        return exitCode;
    }

    private static string Describe(DeletionRequestResult deletion) => deletion.Outcome == DeletionRequestOutcome.Acknowledged
        ? $"acknowledged by the collector (HTTP {deletion.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "-"})"
        : $"not acknowledged ({(deletion.StatusCode is { } code ? "HTTP " + code.ToString(CultureInfo.InvariantCulture) : "no answer")}), " +
          (deletion.NextAttemptNotBefore is { } next ? $"tried again not before {Time(next)}" : "tried again at the next submit");
}

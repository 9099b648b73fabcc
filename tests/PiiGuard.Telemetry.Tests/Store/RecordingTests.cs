using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using PiiGuard;
using Printernizer;

namespace PiiGuard.Telemetry.Tests;

public sealed class RecordingTests : IDisposable
{
    private readonly TestFolder _folder = new();
    private readonly FakeTimeProvider _time = TestStore.Clock();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Recording_allocates_nothing_once_a_value_has_its_slot()
    {
        using UsageStatistics statistics = TestStore.Open(_folder, _time);
        statistics.OptIn();

        // The first values of each key on a day take its slot, and the first calls do their one-time set-up; after
        // that, recording is counted in bytes: none.
        for (int warmUp = 0; warmUp < 3; warmUp++)
        {
            AllocatedWhileRecording(statistics, 1_000);
        }

        Assert.Equal(0, AllocatedWhileRecording(statistics, 1_000));

        // And what was recorded is all there.
        statistics.Flush();
        IReadOnlyList<StoredStatistic> rows = statistics.ReadStatistics();
        Assert.Equal(4_000, rows.Single(row => row.Key == "Jobs").Value);
        Assert.Equal(12_000, rows.Single(row => row.Key == "Files").Value);
    }

    // Optimized from the first call (no tiering, no on-stack replacement in its loop), so that only recording is counted.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static long AllocatedWhileRecording(UsageStatistics statistics, int times)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < times; i++)
        {
            statistics.Increment(UsageCounter.Jobs);
            statistics.Add(UsageCounter.Files, 3);
            statistics.SetGauge(PrinterType.BambuLab, 2);
            statistics.SetFlag(Feature.Timelapse, true);
            statistics.RecordError(ErrorType.ConnectionTimeout, Component.PrinterService);
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Values_are_stored_per_UTC_day_and_combine_per_week()
    {
        using UsageStatistics statistics = TestStore.Open(_folder, _time);
        statistics.OptIn();

        // Thursday 10:17 UTC.
        statistics.Add(UsageCounter.Jobs, 2);
        statistics.SetGauge(PrinterType.BambuLab, 1);
        statistics.SetFlag(Feature.Timelapse, true);
        statistics.Flush();
        statistics.Increment(UsageCounter.Jobs);
        statistics.SetGauge(PrinterType.BambuLab, 2);

        // Past midnight, without a flush in between: Friday's values must not land on Thursday.
        _time.Advance(TimeSpan.FromHours(14));
        statistics.Add(UsageCounter.Jobs, 10);
        statistics.SetFlag(Feature.Timelapse, false);
        statistics.SetGauge(PrinterType.Prusa, 1);
        statistics.Flush();

        IReadOnlyList<StoredStatistic> rows = statistics.ReadStatistics();
        var thursday = new DateOnly(2024, 11, 14);
        var friday = new DateOnly(2024, 11, 15);
        Assert.Equal(3, rows.Single(row => row.Day == thursday && row.Key == "Jobs").Value);
        Assert.Equal(10, rows.Single(row => row.Day == friday && row.Key == "Jobs").Value);
        Assert.Equal(2, rows.Single(row => row.Day == thursday && row.Key == "BambuLab").Value);
        StoredStatistic flag = rows.Single(row => row.Day == friday && row.Key == "Timelapse");
        Assert.Equal((StatisticKind.Flag, "Printernizer.Feature", 0L), (flag.Kind, flag.Metric, flag.Value));
        Assert.All(rows, row => Assert.True(row.Day == thursday || row.Day == friday));

        SubmissionPreview preview = statistics.PreviewNextSubmission()!;
        Assert.False(preview.IsComplete);
        Assert.Equal(new DateTimeOffset(2024, 11, 11, 0, 0, 0, TimeSpan.Zero), preview.WeekStart);
        Assert.Contains("\"job_count\":13", preview.BodyText, StringComparison.Ordinal);
        Assert.Contains("\"timelapse_enabled\":false", preview.BodyText, StringComparison.Ordinal);
        // Gauges: each type's last value in the week.
        Assert.Contains("\"printer_count\":3", preview.BodyText, StringComparison.Ordinal);
        Assert.Contains("\"printer_type_counts\":{\"bambu_lab\":2,\"prusa\":1}", preview.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_finer_than_a_day_is_stored()
    {
        using (UsageStatistics statistics = TestStore.Open(_folder, _time))
        {
            statistics.OptIn();
            statistics.Increment(UsageCounter.Jobs);
            statistics.RecordError(new TimeoutException(), Component.PrinterService);
        }

        string raw = _folder.RawBytes();
        Assert.Contains("2024-11-14", raw, StringComparison.Ordinal);
        foreach (string precise in new[] { "10:17", "T10:", "1731579443" })
        {
            Assert.DoesNotContain(precise, raw, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_value_the_enum_does_not_define_is_ignored()
    {
        using UsageStatistics statistics = TestStore.Open(_folder, _time);
        statistics.OptIn();
        statistics.Increment((UsageCounter)42);
        statistics.SetGauge((PrinterType)(-1), 3);
        statistics.Increment(UsageCounter.Uploads);
        Assert.Equal(["Uploads"], statistics.ReadStatistics().Select(row => row.Key));
    }

    [Fact]
    public void Enums_with_sparse_values_and_aliases_are_keyed_by_member()
    {
        using UsageStatistics statistics = TestStore.Open(_folder, _time);
        statistics.OptIn();
        statistics.Increment(Sparse.Hundred);
        statistics.Increment(Sparse.AliasOfHundred);
        statistics.Add(Sparse.Negative, 5);
        statistics.Increment((Sparse)7);
        IReadOnlyList<StoredStatistic> rows = statistics.ReadStatistics();
        Assert.Equal(2, rows.Single(row => row.Key is "Hundred" or "AliasOfHundred").Value);
        Assert.Equal(5, rows.Single(row => row.Key == "Negative").Value);
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public void Many_threads_recording_at_once_lose_no_count()
    {
        using UsageStatistics statistics = TestStore.Open(_folder, _time);
        statistics.OptIn();
        const int Threads = 8;
        const int PerThread = 50_000;
        using var start = new Barrier(Threads + 1);
        var workers = Enumerable.Range(0, Threads).Select(n => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < PerThread; i++)
            {
                statistics.Increment(UsageCounter.Jobs);
                if (i % 1000 == 0)
                {
                    statistics.RecordError(new IOException(), Component.FileService);
                }
            }
        })).ToList();
        workers.ForEach(worker => worker.Start());
        start.SignalAndWait();

        // Flushes race the recording threads: a count is either in a flush or stays for the next one.
        while (workers.Any(worker => worker.IsAlive))
        {
            Assert.True(statistics.Flush());
        }

        workers.ForEach(worker => worker.Join());
        IReadOnlyList<StoredStatistic> rows = statistics.ReadStatistics();
        Assert.Equal(Threads * PerThread, rows.Total(StatisticKind.Counter, "Jobs"));
        Assert.Equal(Threads * (PerThread / 1000), rows.Where(row => row.Kind == StatisticKind.Error).Sum(row => row.Value));
    }

    [Fact]
    public void Errors_keep_only_type_component_and_count_never_what_the_exception_says()
    {
        string[] personal =
        [
            "192.168.1.5", "jane.doe@example.org", "/home/jane/prints/secret_project.3mf", @"C:\Users\jane\secret.gcode",
            "printer-serial-XYZ123", "Failed to connect", "StackTraceMarker",
        ];
        using (UsageStatistics statistics = TestStore.Open(_folder, _time, options => options.ErrorClassifier = UsageReports.ErrorClassifier()))
        {
            statistics.OptIn();
            statistics.RecordError(new TimeoutException("Failed to connect to printer at 192.168.1.5"), Component.PrinterService);
            statistics.RecordError(Thrown(new IOException("Could not read /home/jane/prints/secret_project.3mf", new FileNotFoundException(@"C:\Users\jane\secret.gcode"))), Component.FileService);
            statistics.RecordError(new HttpRequestException("403 for jane.doe@example.org on printer-serial-XYZ123"), Component.FileService);
            statistics.RecordError(new InvalidOperationException("StackTraceMarker jane.doe@example.org", new SocketException()), Component.LibraryService);
            Assert.True(statistics.Flush());

            var errors = statistics.ReadStatistics().Where(row => row.Kind == StatisticKind.Error)
                .Select(row => (row.Key, row.Component, row.Value)).ToList();
            Assert.Equal(
                [("ConnectionTimeout", "PrinterService", 1L), ("FileDownloadFailed", "FileService", 2L), ("UnknownError", "LibraryService", 1L)],
                errors);
            string export = statistics.ExportJson();
            Assert.All(personal, text => Assert.DoesNotContain(text, export, StringComparison.Ordinal));
        }

        string raw = _folder.RawBytes();
        Assert.Contains("ConnectionTimeout", raw, StringComparison.Ordinal);
        Assert.All(personal, text => Assert.DoesNotContain(text, raw, StringComparison.Ordinal));
    }

    [Fact]
    public void Recording_an_error_reads_nothing_but_the_exception_type()
    {
        var classifier = new ErrorClassifier<ErrorType>(ErrorType.UnknownError);
        using UsageStatistics statistics = TestStore.Open(_folder, _time, options => options.ErrorClassifier = classifier);
        statistics.OptIn();
        statistics.RecordError(new ExplodingException(), Component.PrinterService);
        statistics.RecordError(null!, Component.PrinterService);
        statistics.RecordError(ErrorType.ConnectionTimeout, Component.PrinterService);
        Assert.Equal(
            [("ConnectionTimeout", 1L), ("UnknownError", 1L)],
            statistics.ReadStatistics().Select(row => (row.Key, row.Value)).Order());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_default_classifier_knows_timeouts_IO_HTTP_network_and_cancellation(Exception exception, ErrorKind expected)
    {
        Assert.Equal(expected, ErrorClassifier.KindOf(exception));
        Assert.Equal(expected, new ErrorClassifier<ErrorKind>(ErrorKind.Unknown)
            .Map(ErrorKind.Timeout, ErrorKind.Timeout).Map(ErrorKind.IO, ErrorKind.IO).Map(ErrorKind.Http, ErrorKind.Http)
            .Map(ErrorKind.Network, ErrorKind.Network).Map(ErrorKind.Cancellation, ErrorKind.Cancellation).Classify(exception));
    }

    public static TheoryData<Exception, ErrorKind> Kinds() => new()
    {
        { new TimeoutException(), ErrorKind.Timeout },
        { new TaskCanceledException("HttpClient timed out", new TimeoutException()), ErrorKind.Timeout },
        { new SocketException((int)SocketError.TimedOut), ErrorKind.Timeout },
        { new HttpRequestException("x", new SocketException((int)SocketError.TimedOut)), ErrorKind.Timeout },
        { new OperationCanceledException(), ErrorKind.Cancellation },
        { new TaskCanceledException(), ErrorKind.Cancellation },
        { new HttpRequestException(), ErrorKind.Http },
        { new SocketException((int)SocketError.ConnectionRefused), ErrorKind.Network },
        { new IOException("reset", new SocketException((int)SocketError.ConnectionReset)), ErrorKind.Network },
        { new FileNotFoundException(), ErrorKind.IO },
        { new DirectoryNotFoundException(), ErrorKind.IO },
        { new UnauthorizedAccessException(), ErrorKind.IO },
        { new AggregateException(new TimeoutException()), ErrorKind.Timeout },
        { new System.Reflection.TargetInvocationException(new IOException()), ErrorKind.IO },
        { new AggregateException(new TimeoutException(), new IOException()), ErrorKind.Unknown },
        { new InvalidOperationException(), ErrorKind.Unknown },
    };

    [Fact]
    public void Type_rules_win_over_kinds_and_match_derived_exceptions()
    {
        ErrorClassifier<ErrorType> classifier = new ErrorClassifier<ErrorType>(ErrorType.UnknownError)
            .Map(ErrorKind.IO, ErrorType.FileDownloadFailed)
            .Map<FileNotFoundException>(ErrorType.UnknownError)
            .Map<ArgumentException>(ErrorType.ConnectionTimeout);
        Assert.Equal(ErrorType.UnknownError, classifier.Classify(new FileNotFoundException()));
        Assert.Equal(ErrorType.FileDownloadFailed, classifier.Classify(new DirectoryNotFoundException()));
        Assert.Equal(ErrorType.ConnectionTimeout, classifier.Classify(new ArgumentNullException()));
        Assert.Equal(ErrorType.UnknownError, classifier.Classify(new FormatException()));
    }

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception caught)
        {
            return caught;
        }
    }

    public enum Sparse : short
    {
        Negative = -3,
        Hundred = 100,
        AliasOfHundred = 100,
        Thousand = 1000,
    }

    private sealed class ExplodingException : Exception
    {
        public override string Message => throw new InvalidOperationException("no");

        public override System.Collections.IDictionary Data => throw new InvalidOperationException("no");

        public override string? StackTrace => throw new InvalidOperationException("no");
    }
}

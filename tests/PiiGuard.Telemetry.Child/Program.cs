using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using PiiGuard;
using Printernizer;

// The child process of CrashTests: `dotnet PiiGuard.Telemetry.Child.dll FOLDER [--batch N] [--threads T]`.
// Opens the statistics in FOLDER, opts in, prints `start <stored total>`, then forever: records a batch of N jobs
// (and N files) on T threads (T = 1: on the main thread itself), prints `flushing <total after the flush>`, flushes,
// and after each successful flush prints `committed <total>`. Jobs and Files go into the same flush, so a partial flush would show as Jobs != Files.
// Nothing is ever flushed except by this loop (the flush timer's interval is a day), so the stored total is always
// one the child announced. It never stops by itself: the test kills it.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: PiiGuard.Telemetry.Child FOLDER [--batch N] [--threads T]");
    return 1;
}

string folder = args[0];
int batch = Option("--batch", 1000);
int threads = Option("--threads", 1);

var options = new PiiGuardTelemetryOptions
{
    DataDirectory = folder,
    FlushInterval = TimeSpan.FromDays(1),
    TimeZoneId = "Europe/Berlin",
};

using UsageStatistics statistics = UsageStatistics.Open(options, week => UsageReports.Build(week));
if (!statistics.GetStatus().StoreAvailable)
{
    Console.Error.WriteLine("the statistics store is unavailable");
    return 2;
}

statistics.OptIn();
long total = statistics.ReadStatistics()
    .Where(row => row.Kind == StatisticKind.Counter && row.Metric == typeof(UsageCounter).FullName && row.Key == nameof(UsageCounter.Jobs))
    .Sum(row => row.Value);
Console.Out.WriteLine("start " + total.ToString(CultureInfo.InvariantCulture));
Console.Out.Flush();

long pending = 0;
using var go = new Barrier(threads + 1);
using var done = new Barrier(threads + 1);
for (int t = 0; threads > 1 && t < threads; t++)
{
    int share = batch / threads + (t < batch % threads ? 1 : 0);
    var thread = new Thread(() =>
    {
        while (true)
        {
            go.SignalAndWait();
            Record(share);
            done.SignalAndWait();
        }
    })
    {
        IsBackground = true,
        Name = "recorder " + t.ToString(CultureInfo.InvariantCulture),
    };
    thread.Start();
}

while (true)
{
    if (threads > 1)
    {
        // Every recording thread finishes its share before the flush: the flush takes exactly this batch.
        go.SignalAndWait();
        done.SignalAndWait();
    }
    else
    {
        Record(batch);
    }

    pending += batch;
    Console.Out.WriteLine("flushing " + (total + pending).ToString(CultureInfo.InvariantCulture));
    Console.Out.Flush();
    if (statistics.Flush())
    {
        total += pending;
        pending = 0;
        Console.Out.WriteLine("committed " + total.ToString(CultureInfo.InvariantCulture));
        Console.Out.Flush();
    }
}

void Record(int count)
{
    for (int i = 0; i < count; i++)
    {
        statistics.Increment(UsageCounter.Jobs);
        statistics.Increment(UsageCounter.Files);
    }
}

int Option(string name, int fallback)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PiiGuard.Benchmarks.Shared;
using PiiGuard.EntityFrameworkCore.Tests.App;

// The rights benchmark:
//   dotnet run -c Release --project benchmarks/Rights [-- --rows N] [--results FILE|-]
// seeds a SQLite database (WAL) with one subject who has N notes (default 100,000) and another with a few, then measures,
// each in a fresh process of this program, (1) the export of that subject to a stream that only counts, and (2) for
// comparison, reading the same notes into a list, as an export that is not streamed would. It prints a table and writes
// it to benchmarks/Rights/results-<date>.md (or FILE; '-' writes none).
// The internal modes `measure-export DB ID` and `measure-load DB ID` are the measuring processes; they print one JSON line.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length == 3 && args[0] is "measure-export" or "measure-load")
{
    return await Measure.RunAsync(args[0], args[1], Guid.Parse(args[2]));
}

int rows = 100_000;
string results = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "results-" + DateTime.UtcNow.ToString("yyyy-MM-dd") + ".md");
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--rows" when i + 1 < args.Length && int.TryParse(args[i + 1], out int count) && count > 0:
            rows = count;
            i++;
            break;
        case "--results" when i + 1 < args.Length:
            results = args[++i];
            break;
        default:
            Console.Error.WriteLine("usage: PiiGuard.Benchmarks.Rights [--rows N] [--results FILE|-]");
            return 2;
    }
}

string folder = Path.Combine(Path.GetTempPath(), "piiguard-rights-benchmark-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
try
{
    string database = Path.Combine(folder, "rights.db");
    Console.WriteLine($"Seeding {rows:N0} notes of one subject into {database} ...");
    (Guid subject, long rowBytes) = await Seed.RunAsync(database, rows);
    long databaseBytes = new FileInfo(database).Length + (File.Exists(database + "-wal") ? new FileInfo(database + "-wal").Length : 0);

    var export = Measurement.Run("measure-export", database, subject);
    var load = Measurement.Run("measure-load", database, subject);

    var table = new StringBuilder();
    table.AppendLine($"Rows: {rows:N0} notes of one subject (Note: Id, OwnerId, Title, a 96-character Body), besides its user row; another subject has 10 notes.");
    table.AppendLine($"Size of the rows: {Mib(rowBytes)} of classified text and keys as the export writes them; the notes' JSON file holds {Mib(export.EntryBytes)} uncompressed; the ZIP is {Mib(export.OutputBytes)}; the database file and log {Mib(databaseBytes)}.");
    table.AppendLine();
    table.AppendLine("| Measured in a fresh process | Export (streamed) | Reading the notes into a list |");
    table.AppendLine("|---|---:|---:|");
    table.AppendLine($"| Largest managed heap after a GC (the work's own, and a full one at its end with its result held), above the start | {Mib(export.PeakHeapAfterGc)} | {Mib(load.PeakHeapAfterGc)} |");
    table.AppendLine($"| Largest managed heap seen (sampled every ms, garbage included), above the start | {Mib(export.PeakHeapSampled)} | {Mib(load.PeakHeapSampled)} |");
    table.AppendLine($"| Peak working set of the process | {Mib(export.PeakWorkingSet)} | {Mib(load.PeakWorkingSet)} |");
    table.AppendLine($"| Bytes allocated | {Mib(export.Allocated)} | {Mib(load.Allocated)} |");
    table.AppendLine($"| Garbage collections (gen 0 / 1 / 2; the full one at the end included) | {export.Gen0} / {export.Gen1} / {export.Gen2} | {load.Gen0} / {load.Gen1} / {load.Gen2} |");
    table.AppendLine($"| Wall time | {export.Milliseconds:N0} ms | {load.Milliseconds:N0} ms |");
    table.AppendLine();
    table.AppendLine($"Machine: {Machine()}; load average before: {Measurements.LoadAverage()}.");
    Console.WriteLine();
    Console.WriteLine(table);
    if (results != "-")
    {
        File.WriteAllText(results, "# Rights benchmark: export memory (" + DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm") + " UTC)\n\n" + table);
        Console.WriteLine("Written to " + Path.GetFullPath(results));
    }

    return 0;
}
finally
{
    SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}

static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N1") + " MiB";

static string Machine()
{
    string cpu = File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
        : "unknown CPU";
    long memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    return $"{cpu}, {Environment.ProcessorCount} cores, {memory / 1024 / 1024 / 1024} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
}

/// <summary>Fills the benchmark's database.</summary>
internal static class Seed
{
    public static async Task<(Guid Subject, long RowBytes)> RunAsync(string path, int rows)
    {
        var subject = Guid.NewGuid();
        var other = Guid.NewGuid();
        long rowBytes = 0;
        var random = new Random(20261207);
        await using (RightsTestContext context = Contexts.New(path))
        {
            await context.Database.EnsureCreatedAsync();
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
            foreach ((Guid id, string who) in new[] { (subject, "subject"), (other, "other") })
            {
                context.Users.Add(new User { Id = id, Email = who + "@example.test", Name = "The " + who, Username = who, Bio = "A bio.", PasswordHash = "AQAAAAIAAYagAAAAEhash", CreatedAt = DateTimeOffset.UtcNow });
            }

            await context.SaveChangesAsync();
            for (int done = 0; done < rows; done += 5_000)
            {
                for (int i = done; i < Math.Min(rows, done + 5_000); i++)
                {
                    var note = new Note { Id = Guid.NewGuid(), OwnerId = subject, Title = "Note " + i.ToString(CultureInfo.InvariantCulture), Body = Text(random, 96), CreatedAt = DateTimeOffset.UtcNow };
                    rowBytes += 36 + 36 + Encoding.UTF8.GetByteCount(note.Title) + Encoding.UTF8.GetByteCount(note.Body);
                    context.Notes.Add(note);
                }

                await context.SaveChangesAsync();
                context.ChangeTracker.Clear();
            }

            for (int i = 0; i < 10; i++)
            {
                context.Notes.Add(new Note { Id = Guid.NewGuid(), OwnerId = other, Title = "Other " + i, Body = Text(random, 96), CreatedAt = DateTimeOffset.UtcNow });
            }

            await context.SaveChangesAsync();
        }

        return (subject, rowBytes);
    }

    // Words of random letters: text that compresses about as well as people's notes do.
    private static string Text(Random random, int length)
    {
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            int word = random.Next(2, 9);
            for (int i = 0; i < word && text.Length < length; i++)
            {
                text.Append((char)('a' + random.Next(26)));
            }

            if (text.Length < length)
            {
                text.Append(' ');
            }
        }

        return text.ToString();
    }
}

/// <summary>The benchmark's contexts: SQLite, with the rights.</summary>
internal static class Contexts
{
    private static readonly IDataProtectionProvider DataProtection = new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider();

    public static RightsTestContext New(string path) =>
        new(new DbContextOptionsBuilder<RightsTestContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = path }.ToString())
            .UsePersonalDataRights(options => options.DataProtectionProvider = DataProtection)
            .Options);
}

/// <summary>What one measuring process reports.</summary>
internal sealed record Measurement(long PeakHeapAfterGc, long PeakHeapSampled, long PeakWorkingSet, long Allocated, int Gen0, int Gen1, int Gen2, long Milliseconds, long OutputBytes, long EntryBytes)
{
    public static Measurement Run(string mode, string database, Guid subject)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (!Environment.ProcessPath!.EndsWith("PiiGuard.Benchmarks.Rights", StringComparison.Ordinal) && !Environment.ProcessPath.EndsWith(".exe", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(Measurement).Assembly.Location); // run through the dotnet host
        }

        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(database);
        start.ArgumentList.Add(subject.ToString());
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{mode} failed with exit code {process.ExitCode}: {output}");
        }

        Console.WriteLine(mode + ": " + output.Trim());
        return JsonSerializer.Deserialize<Measurement>(output.Trim().Split('\n')[^1])!;
    }
}

/// <summary>The measuring process: one export, or one read into a list, with the heap watched.</summary>
internal static class Measure
{
    public static async Task<int> RunAsync(string mode, string database, Guid subject)
    {
        // Warm up on the other subject's few rows, so that what is measured is the work, not the JIT and EF Core's model.
        await using (RightsTestContext context = Contexts.New(database))
        {
            Guid other = await context.Users.Where(user => user.Id != subject).Select(user => user.Id).FirstAsync();
            _ = await Work(mode, context, other, new CountingStream());
        }

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        long lastGc = GC.GetGCMemoryInfo(GCKind.Any).Index;
        long peakAfterGc = 0, peakSampled = 0;
        using var done = new CancellationTokenSource();
        var sampler = new Thread(() =>
        {
            while (!done.IsCancellationRequested)
            {
                peakSampled = Math.Max(peakSampled, GC.GetTotalMemory(forceFullCollection: false));
                GCMemoryInfo info = GC.GetGCMemoryInfo(GCKind.Any);
                if (info.Index != lastGc)
                {
                    lastGc = info.Index;
                    long after = 0;
                    foreach (GCGenerationInfo generation in info.GenerationInfo)
                    {
                        after += generation.SizeAfterBytes;
                    }

                    peakAfterGc = Math.Max(peakAfterGc, after);
                }

                Thread.Sleep(1);
            }
        })
        { IsBackground = true, Priority = ThreadPriority.AboveNormal };
        sampler.Start();

        var output = new CountingStream();
        var watch = Stopwatch.StartNew();
        long heldAtEnd;
        await using (RightsTestContext context = Contexts.New(database))
        {
            heldAtEnd = await Work(mode, context, subject, output);
        }

        watch.Stop();
        done.Cancel();
        sampler.Join();
        peakAfterGc = Math.Max(peakAfterGc, heldAtEnd);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        long entryBytes = output.NotesEntryBytes;
        var measurement = new Measurement(
            Math.Max(0, peakAfterGc - baseline),
            Math.Max(0, peakSampled - baseline),
            Process.GetCurrentProcess().PeakWorkingSet64,
            allocated,
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(1) - gen1,
            GC.CollectionCount(2) - gen2,
            watch.ElapsedMilliseconds,
            output.Length,
            entryBytes);
        Console.WriteLine(JsonSerializer.Serialize(measurement));
        return 0;
    }

    // Does the work, then a full collection while what the work holds is still held (the list of notes; nothing, for
    // the export): the heap after it counts among the heaps after a GC, so that the list's size is seen even when no
    // collection happened while it filled.
    private static async Task<long> Work(string mode, RightsTestContext context, Guid subject, CountingStream output)
    {
        if (mode == "measure-export")
        {
            if (!await context.ExportPersonalDataAsync(subject, output))
            {
                throw new InvalidOperationException("The subject was not found.");
            }

            return GC.GetTotalMemory(forceFullCollection: true);
        }

        List<Note> notes = await context.Notes.IgnoreQueryFilters().AsNoTracking().Where(note => note.OwnerId == subject).ToListAsync();
        long held = GC.GetTotalMemory(forceFullCollection: true);
        output.Rows = notes.Count;
        return held;
    }
}

/// <summary>A destination that counts what it gets, and keeps just enough to read the size of the notes' entry from the ZIP's end.</summary>
internal sealed class CountingStream : Stream
{
    private readonly MemoryStream _tail = new();

    public int Rows { get; set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => Written;

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The uncompressed size of Note.json, from the ZIP's central directory (the last bytes).</summary>
    public long NotesEntryBytes
    {
        get
        {
            byte[] tail = _tail.ToArray();
            byte[] name = Encoding.UTF8.GetBytes("Note.json");
            for (int at = tail.Length - 46; at >= 0; at--)
            {
                if (tail[at] == 0x50 && tail[at + 1] == 0x4B && tail[at + 2] == 0x01 && tail[at + 3] == 0x02
                    && BitConverter.ToUInt16(tail, at + 28) == name.Length && tail.AsSpan(at + 46, name.Length).SequenceEqual(name))
                {
                    return BitConverter.ToUInt32(tail, at + 24);
                }
            }

            return 0;
        }
    }

    private long Written { get; set; }

    public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous writes are not expected.");

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        Written += buffer.Length;

        // Keep the last 64 KiB: the central directory is at the end.
        if (_tail.Length + buffer.Length > 64 * 1024)
        {
            byte[] kept = _tail.ToArray();
            int keep = Math.Max(0, 64 * 1024 - buffer.Length);
            _tail.SetLength(0);
            _tail.Write(kept, Math.Max(0, kept.Length - keep), Math.Min(keep, kept.Length));
        }

        _tail.Write(buffer.Span);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

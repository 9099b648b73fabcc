using System;
using System.Data.Common;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using PiiGuard.Collector.Tests;
using PiiGuard.EntityFrameworkCore;
using PiiGuard.EntityFrameworkCore.Tests.App;
using PiiGuard.EntityFrameworkCore.Tests.Infrastructure;

// The child process of CrashTests:
//   dotnet PiiGuard.EntityFrameworkCore.Child.dll sqlite|postgresql CONNECTION_STRING KEYS_FOLDER NOW_UNIX_MS COMMITS
// Runs the personal data maintenance on the test app's database at the given time. After the COMMITS-th transaction
// commits (an erasure commits one per table), it prints `committed COMMITS` and waits forever: the test kills it there,
// between two tables. A run with fewer transactions prints `finished <subjects erased>` and exits.
if (args.Length != 5
    || args[0] is not ("sqlite" or "postgresql")
    || !long.TryParse(args[3], NumberStyles.None, CultureInfo.InvariantCulture, out long now)
    || !int.TryParse(args[4], NumberStyles.None, CultureInfo.InvariantCulture, out int commits))
{
    Console.Error.WriteLine("usage: PiiGuard.EntityFrameworkCore.Child sqlite|postgresql CONNECTION_STRING KEYS_FOLDER NOW_UNIX_MS COMMITS");
    return 2;
}

TestStorage storage = args[0] == "sqlite" ? TestStorage.Sqlite : TestStorage.PostgreSql;
var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(now));
DbContextOptions<RightsTestContext> options = RightsDatabase.Options(storage, args[1], clock, RightsDatabase.DataProtection(args[2]))
    .AddInterceptors(new PauseAfterCommit(commits))
    .Options;
await using var context = new RightsTestContext(options);
PersonalDataMaintenanceReport report = await context.RunPersonalDataMaintenanceAsync();
Console.Out.WriteLine("finished " + report.SubjectsErased.ToString(CultureInfo.InvariantCulture));
return 0;

/// <summary>After the n-th commit: says so, then never returns.</summary>
internal sealed class PauseAfterCommit(int n) : DbTransactionInterceptor
{
    private int _commits;

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (Interlocked.Increment(ref _commits) == n)
        {
            Announce();
            Thread.Sleep(Timeout.Infinite);
        }
    }

    public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _commits) == n)
        {
            Announce();
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
        }
    }

    private void Announce()
    {
        Console.Out.WriteLine("committed " + n.ToString(CultureInfo.InvariantCulture));
        Console.Out.Flush();
    }
}

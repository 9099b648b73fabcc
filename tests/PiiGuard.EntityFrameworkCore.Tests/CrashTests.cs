using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using PiiGuard.Collector.Tests;
using PiiGuard.EntityFrameworkCore.Tests.App;
using PiiGuard.EntityFrameworkCore.Tests.Infrastructure;
using PiiGuard.Tests.Shared;

namespace PiiGuard.EntityFrameworkCore.Tests;

/// <summary>
/// A maintenance run killed between two tables of an erasure: a child process (tests/PiiGuard.EntityFrameworkCore.Child)
/// runs it on the test's database and is killed right after the N-th table's transaction committed. The tables before
/// are erased, the ones after are not, the subject is still there and still hidden; the next run finishes the erasure.
/// </summary>
public abstract class CrashTests(TestStorage storage) : RightsTests(storage)
{
    /// <summary>How long to wait for the child: a guard against a hung test, not a measurement.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    /// <summary>The erasure order of the test app: one transaction per table.</summary>
    private static readonly string[] Order = ["Comment", "ApiConnection", "LoginRecord", "NoteAttachment", "Note", "User"];

    [Theory]
    [InlineData(1)] // after the anonymised comments
    [InlineData(4)] // after the attachments, before the notes they point to
    [InlineData(5)] // after everything but the subject's own row
    public async Task A_run_killed_between_two_tables_leaves_a_state_the_next_run_finishes(int committed)
    {
        await using (RightsTestContext context = Database.NewContext())
        {
            await context.RequestErasureAsync(Alice.Id);
        }

        Database.Clock.Advance(TimeSpan.FromDays(31));
        await RunChildUntilKilledAsync(committed);

        string[] done = Order.Take(committed).ToArray();
        await using (RightsTestContext context = Database.NewContext())
        {
            Assert.Equal(
                (1,
                 done.Contains("Note") ? 0 : 3,
                 done.Contains("NoteAttachment") ? 0 : 1,
                 done.Contains("Comment") ? 0 : 2,
                 done.Contains("LoginRecord") ? 0 : 2,
                 done.Contains("ApiConnection") ? 0 : 1),
                await TestData.CountAsync(context, Alice.Id));
            Assert.False(await context.Users.AnyAsync(user => user.Id == Alice.Id));
            Assert.Equal(
                RightsDatabase.Start.ToUnixTimeMilliseconds(),
                await context.Users.IgnoreQueryFilters().Where(user => user.Id == Alice.Id).Select(user => EF.Property<long?>(user, PersonalDataModel.ErasureRequestedAtProperty)).SingleAsync());
        }

        await using (RightsTestContext context = Database.NewContext())
        {
            PersonalDataMaintenanceReport report = await context.RunPersonalDataMaintenanceAsync();
            Assert.Equal(1, report.SubjectsErased);
            Assert.Empty(report.Failures);
            Assert.Equal(Order.Skip(committed).Where(name => name != "Comment").Order(StringComparer.Ordinal), report.RowsErased.Keys.Select(name => name[RightsTestNames.Namespace.Length..]).Order(StringComparer.Ordinal));
            Assert.Equal((0, 0, 0, 0, 0, 0), await TestData.CountAsync(context, Alice.Id));
            Assert.Equal(2, await context.Comments.CountAsync(comment => comment.AuthorId == null && comment.Body == "[removed]"));
        }

        await AssertBobUntouchedAsync();
    }

    private async Task RunChildUntilKilledAsync(int commits)
    {
        var start = new ProcessStartInfo(DotnetExecutable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ChildAssemblyPath());
        start.ArgumentList.Add(Storage == TestStorage.Sqlite ? "sqlite" : "postgresql");
        start.ArgumentList.Add(Database.ConnectionString);
        start.ArgumentList.Add(RightsDatabase.KeysFolder);
        start.ArgumentList.Add(Database.Clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(commits.ToString(CultureInfo.InvariantCulture));

        using var child = Process.Start(start)!;
        var errors = new StringBuilder();
        child.ErrorDataReceived += (_, line) =>
        {
            lock (errors)
            {
                errors.AppendLine(line.Data);
            }
        };
        child.BeginErrorReadLine();
        string expected = "committed " + commits.ToString(CultureInfo.InvariantCulture);
        try
        {
            while (true)
            {
                string? line = await child.StandardOutput.ReadLineAsync().WaitAsync(HangGuard);
                if (line == expected)
                {
                    break;
                }

                if (line is null)
                {
                    await child.WaitForExitAsync();
                    lock (errors)
                    {
                        Assert.Fail($"The child ended (exit code {child.ExitCode}) before '{expected}'. Its errors: {errors}");
                    }
                }
            }
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }
    }

    private static string ChildAssemblyPath() => ChildProcess.AssemblyPath(typeof(CrashTests).Assembly, "PiiGuardRightsChildPath");

    private static string DotnetExecutable() => ChildProcess.DotnetExecutable();
}

/// <summary>The crash tests on SQLite.</summary>
public sealed class CrashTestsOnSqlite() : CrashTests(TestStorage.Sqlite);

/// <summary>The crash tests on PostgreSQL.</summary>
public sealed class CrashTestsOnPostgreSql() : CrashTests(TestStorage.PostgreSql);

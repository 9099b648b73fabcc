using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PiiGuard.Collector.Tests;
using PiiGuard.EntityFrameworkCore.Tests.App;
using PiiGuard.EntityFrameworkCore.Tests.Infrastructure;
using PiiGuard.Telemetry.Tests;

namespace PiiGuard.EntityFrameworkCore.Tests;

/// <summary>
/// AddPersonalDataMaintenance: a hosted service that runs the maintenance when it starts and every interval on the
/// injected (fake) clock, with a context from its own scope; a failing run is logged and the next interval runs again;
/// its messages hold counts and type names, never a key or a value.
/// </summary>
public abstract class MaintenanceServiceTests(TestStorage storage) : RightsTests(storage)
{
    private static readonly TimeSpan Interval = TimeSpan.FromDays(35);

    [Fact]
    public async Task The_service_runs_at_start_and_every_interval_on_the_injected_clock_and_survives_a_failing_run()
    {
        await using (RightsTestContext context = Database.NewContext())
        {
            await context.RequestErasureAsync(Alice.Id);
        }

        // The first run's query for due erasures fails.
        var failing = new FailingCommands("FROM \"Users\"");
        failing.Arm();
        var log = new RunLog();
        // An interval longer than the grace period: each step of the fake clock below is one interval, one tick. (A
        // fake clock moved by many intervals at once fires the timer once per interval, and the service may wake more
        // than once, where a real clock that missed ticks wakes it once.)
        await using ServiceProvider provider = MaintenanceServices(log, failing, options => options.Interval = Interval);
        IHostedService service = Assert.Single(provider.GetServices<IHostedService>());

        await service.StartAsync(CancellationToken.None);
        try
        {
            await log.WaitForRunsAsync(1);
            LogEntry failed = Assert.Single(log.Logs.Entries, entry => entry.EventId.Id == 1);
            Assert.Equal(LogLevel.Error, failed.Level);
            Assert.Contains(typeof(InjectedFailureException).FullName!, failed.Message, StringComparison.Ordinal);
            Assert.Null(failed.Exception);

            // An interval on, past the grace period: the second run erases Alice.
            Database.Clock.Advance(Interval);
            await log.WaitForRunsAsync(2);
            LogEntry ran = Assert.Single(log.Logs.Entries, entry => entry.EventId.Id == 3);
            Assert.Contains("1 subjects erased", ran.Message, StringComparison.Ordinal);
            Assert.Contains(typeof(Note).FullName + " 3", ran.Message, StringComparison.Ordinal);
            await using (RightsTestContext context = Database.NewContext())
            {
                Assert.Equal((0, 0, 0, 0, 0, 0), await TestData.CountAsync(context, Alice.Id));
            }

            // The next interval: a run with nothing due.
            Database.Clock.Advance(Interval);
            await log.WaitForRunsAsync(3);
            Assert.Equal([1, 3, 2], log.Logs.Entries.Where(entry => entry.EventId.Id is >= 1 and <= 3).Select(entry => entry.EventId.Id));
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }

        await AssertBobUntouchedAsync();
        string everything = string.Join("\n", log.Logs.Entries.Select(entry => entry.AllText));
        foreach (string value in Alice.Identifying.Append(Alice.Id.ToString()).Append(Alice.Token).Append(Alice.Bio))
        {
            Assert.DoesNotContain(value, everything, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_part_that_fails_is_logged_as_a_warning_with_its_entity_and_the_next_run_finishes_it()
    {
        await using (RightsTestContext context = Database.NewContext())
        {
            await context.RequestErasureAsync(Alice.Id);
        }

        Database.Clock.Advance(TimeSpan.FromDays(31));
        var failing = new FailingCommands("DELETE FROM \"Notes\"");
        failing.Arm();
        var log = new RunLog();
        await using ServiceProvider provider = MaintenanceServices(log, failing, configure: null);
        IHostedService service = Assert.Single(provider.GetServices<IHostedService>());
        await service.StartAsync(CancellationToken.None);
        try
        {
            await log.WaitForRunsAsync(1);
            LogEntry warning = Assert.Single(log.Logs.Entries, entry => entry.EventId.Id == 4);
            Assert.Equal(LogLevel.Warning, warning.Level);
            Assert.Contains($"Erasure in {typeof(Note).FullName} failed ({typeof(InjectedFailureException).FullName})", warning.Message, StringComparison.Ordinal);

            Database.Clock.Advance(TimeSpan.FromHours(1));
            await log.WaitForRunsAsync(2);
            await using RightsTestContext context = Database.NewContext();
            Assert.Equal((0, 0, 0, 0, 0, 0), await TestData.CountAsync(context, Alice.Id));
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }

        await AssertBobUntouchedAsync();
    }

    /// <summary>The maintenance service as an app registers it: the test clock, <paramref name="log"/> at Debug, and contexts whose commands go through <paramref name="failing"/>.</summary>
    private ServiceProvider MaintenanceServices(RunLog log, FailingCommands failing, Action<PersonalDataMaintenanceOptions>? configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Database.Clock);
        services.AddLogging(logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Debug));
        services.AddScoped(_ => Database.NewContext(null, failing));
        services.AddPersonalDataMaintenance<RightsTestContext>(configure);
        return services.BuildServiceProvider();
    }
}

/// <summary>The maintenance service's tests on SQLite.</summary>
public sealed class MaintenanceServiceTestsOnSqlite() : MaintenanceServiceTests(TestStorage.Sqlite);

/// <summary>The maintenance service's tests on PostgreSQL.</summary>
public sealed class MaintenanceServiceTestsOnPostgreSql() : MaintenanceServiceTests(TestStorage.PostgreSql);

/// <summary>The service's registration.</summary>
public sealed class MaintenanceRegistrationTests
{
    [Fact]
    public void An_interval_out_of_range_is_refused_with_a_message_that_names_it()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddPersonalDataMaintenance<RightsTestContext>(options => options.Interval = TimeSpan.Zero));
        Assert.StartsWith("PersonalDataMaintenanceOptions.Interval must", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddPersonalDataMaintenance<RightsTestContext>(options => options.Interval = TimeSpan.FromDays(50)));
    }

    [Fact]
    public void Adding_it_twice_for_one_context_is_a_clear_error()
    {
        var services = new ServiceCollection().AddPersonalDataMaintenance<RightsTestContext>();
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => services.AddPersonalDataMaintenance<RightsTestContext>());
        Assert.Contains("was called twice", error.Message, StringComparison.Ordinal);
    }
}

using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using PiiGuard.Collector.Tests;
using PiiGuard.EntityFrameworkCore.Tests.Infrastructure;

namespace PiiGuard.EntityFrameworkCore.Tests;

/// <summary>
/// Retention by a <see cref="DateTime"/> clock, as many apps keep their times: on PostgreSQL in a
/// <c>timestamp with time zone</c> column (Npgsql's default, written in UTC), in a <c>timestamp without time zone</c>
/// column (a UTC wall-clock time without a kind, the usual older schema), and nullable (a row without a time is kept). Each of
/// them expires its rows past their days and keeps the newer ones, and no table fails the run.
/// </summary>
public abstract class DateTimeClockTests(TestStorage storage) : IAsyncLifetime
{
    private RightsDatabase _database = null!;

    private static DateTimeOffset Now => RightsDatabase.Start;

    public async Task InitializeAsync()
    {
        _database = await RightsDatabase.CreateEmptyAsync(storage);
        await using ClockTestContext context = NewContext();
        await context.Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Rows_past_their_days_go_by_a_DateTime_clock_of_either_column_type()
    {
        DateTime utc = Now.UtcDateTime;
        DateTime wallClock = DateTime.SpecifyKind(utc, DateTimeKind.Unspecified);
        var visitor = new Visitor { Id = Guid.NewGuid(), Name = "Ada" };
        await using (ClockTestContext context = NewContext())
        {
            context.Visitors.Add(visitor);
            // Past 30 days by a second (goes), 30 days less a second and 29 days old (stay).
            foreach (TimeSpan age in new[] { TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1), TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1), TimeSpan.FromDays(29) })
            {
                context.Visits.Add(new Visit { Id = Guid.NewGuid(), VisitorId = visitor.Id, SeenAt = utc - age });
                context.WallClockVisits.Add(new WallClockVisit { Id = Guid.NewGuid(), VisitorId = visitor.Id, SeenAt = wallClock - age });
                context.OpenVisits.Add(new OpenVisit { Id = Guid.NewGuid(), VisitorId = visitor.Id, EndedAt = utc - age });
            }

            context.OpenVisits.Add(new OpenVisit { Id = Guid.NewGuid(), VisitorId = visitor.Id, EndedAt = null });
            await context.SaveChangesAsync();
        }

        await using (ClockTestContext context = NewContext())
        {
            PersonalDataMaintenanceReport report = await context.RunPersonalDataMaintenanceAsync();

            Assert.Empty(report.Failures.Select(failure => $"{failure.EntityName}: {failure.Exception.Message}"));
            Assert.Equal(1, report.RowsExpired[typeof(Visit).FullName!]);
            Assert.Equal(1, report.RowsExpired[typeof(WallClockVisit).FullName!]);
            Assert.Equal(1, report.RowsExpired[typeof(OpenVisit).FullName!]);
        }

        await using (ClockTestContext context = NewContext())
        {
            Assert.Equal(2, await context.Visits.CountAsync());
            Assert.Equal(2, await context.WallClockVisits.CountAsync());
            Assert.Equal(3, await context.OpenVisits.CountAsync()); // the open one, without a time, is kept
            Assert.Equal(1, await context.OpenVisits.CountAsync(visit => visit.EndedAt == null));
        }
    }

    private ClockTestContext NewContext()
    {
        var builder = new DbContextOptionsBuilder<ClockTestContext>();
        if (storage == TestStorage.Sqlite)
        {
            builder.UseSqlite(_database.ConnectionString);
        }
        else
        {
            builder.UseNpgsql(_database.ConnectionString);
        }

        return new ClockTestContext(builder.UsePersonalDataRights(options => options.TimeProvider = _database.Clock).Options, storage);
    }
}

/// <summary>The DateTime clock tests on SQLite.</summary>
public sealed class DateTimeClockTestsOnSqlite() : DateTimeClockTests(TestStorage.Sqlite);

/// <summary>The DateTime clock tests on PostgreSQL.</summary>
public sealed class DateTimeClockTestsOnPostgreSql() : DateTimeClockTests(TestStorage.PostgreSql);

/// <summary>Which columns hold timestamps without a time zone, by their store type.</summary>
public sealed class ClockColumnTests
{
    [Theory]
    [InlineData("timestamp without time zone", true)]
    [InlineData("timestamp", true)]
    [InlineData("timestamp(3) without time zone", true)]
    [InlineData("TIMESTAMP", true)]
    [InlineData("timestamp with time zone", false)]
    [InlineData("timestamp(6) with time zone", false)]
    [InlineData("timestamptz", false)]
    [InlineData("TEXT", false)]
    [InlineData("datetime2", false)]
    [InlineData(null, false)]
    public void A_timestamp_column_without_a_time_zone_is_told_apart(string? storeType, bool withoutTimeZone) =>
        Assert.Equal(withoutTimeZone, PersonalDataEntity.IsTimestampWithoutTimeZone(storeType));
}

/// <summary>A visitor: the data subject of the clock tests.</summary>
[DataSubject]
public sealed class Visitor
{
    public Guid Id { get; set; }

    [PersonalData(PersonalDataKind.Identity, Purpose = "to greet you")]
    public required string Name { get; set; }
}

/// <summary>A visit, kept 30 days by a DateTime in UTC (<c>timestamp with time zone</c> on PostgreSQL).</summary>
[Retention(30, nameof(SeenAt))]
public sealed class Visit
{
    public Guid Id { get; set; }

    [SubjectKey(typeof(Visitor))]
    public Guid VisitorId { get; set; }

    public DateTime SeenAt { get; set; }
}

/// <summary>A visit, kept 30 days by a UTC wall-clock DateTime without a kind (<c>timestamp without time zone</c> on PostgreSQL).</summary>
[Retention(30, nameof(SeenAt))]
public sealed class WallClockVisit
{
    public Guid Id { get; set; }

    [SubjectKey(typeof(Visitor))]
    public Guid VisitorId { get; set; }

    public DateTime SeenAt { get; set; }
}

/// <summary>A visit, kept 30 days after it ended; one that has not ended is kept.</summary>
[Retention(30, nameof(EndedAt))]
public sealed class OpenVisit
{
    public Guid Id { get; set; }

    [SubjectKey(typeof(Visitor))]
    public Guid VisitorId { get; set; }

    public DateTime? EndedAt { get; set; }
}

/// <summary>The clock tests' database.</summary>
public sealed class ClockTestContext(DbContextOptions<ClockTestContext> options, TestStorage storage) : DbContext(options)
{
    public DbSet<Visitor> Visitors => Set<Visitor>();

    public DbSet<Visit> Visits => Set<Visit>();

    public DbSet<WallClockVisit> WallClockVisits => Set<WallClockVisit>();

    public DbSet<OpenVisit> OpenVisits => Set<OpenVisit>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (storage == TestStorage.PostgreSql)
        {
            modelBuilder.Entity<WallClockVisit>().Property(visit => visit.SeenAt).HasColumnType("timestamp without time zone");
        }
    }
}

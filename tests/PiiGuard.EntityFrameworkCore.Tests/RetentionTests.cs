using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using PiiGuard.Collector.Tests;
using PiiGuard.EntityFrameworkCore.Tests.App;
using PiiGuard.EntityFrameworkCore.Tests.Infrastructure;

namespace PiiGuard.EntityFrameworkCore.Tests;

/// <summary>
/// Retention: the maintenance run deletes the rows of a [Retention] entity older than their days by the clock member,
/// in statements of at most BatchSize rows until one is short, and at most MaxBatchesPerRun statements per entity and
/// run (counted with an interceptor); newer rows, and Bob's newer rows, stay.
/// </summary>
public abstract class RetentionTests(TestStorage storage) : RightsTests(storage)
{
    [Fact]
    public async Task Rows_past_their_retention_go_in_bounded_batches_and_newer_ones_stay()
    {
        // 37 sign-ins older than 90 days (35 of Alice's, 2 of Bob's) and 5 newer ones of Alice's, besides the seeded ones.
        DateTimeOffset now = Database.Clock.GetUtcNow();
        await using (RightsTestContext context = Database.NewContext())
        {
            for (int i = 0; i < 35; i++)
            {
                context.LoginRecords.Add(new LoginRecord { Id = Guid.NewGuid(), UserId = Alice.Id, OccurredAt = now.AddDays(-91).AddMinutes(-i), IpAddress = Alice.IpAddress });
            }

            for (int i = 0; i < 5; i++)
            {
                context.LoginRecords.Add(new LoginRecord { Id = Guid.NewGuid(), UserId = Alice.Id, OccurredAt = now.AddDays(-89).AddMinutes(-i), IpAddress = Alice.IpAddress });
            }

            context.LoginRecords.Add(new LoginRecord { Id = Guid.NewGuid(), UserId = Bob.Id, OccurredAt = now.AddDays(-200), IpAddress = Bob.IpAddress });
            context.LoginRecords.Add(new LoginRecord { Id = Guid.NewGuid(), UserId = Bob.Id, OccurredAt = now.AddDays(-90).AddSeconds(-1), IpAddress = Bob.IpAddress });
            await context.SaveChangesAsync();
        }

        var statements = new StatementLog();
        Action<PersonalDataRightsOptions> small = options => (options.BatchSize, options.MaxBatchesPerRun) = (10, 3);
        await using (RightsTestContext context = Database.NewContext(small, statements))
        {
            PersonalDataMaintenanceReport first = await context.RunPersonalDataMaintenanceAsync();
            Assert.Equal(30, first.RowsExpired[typeof(LoginRecord).FullName!]);
            Assert.True(first.MoreDue);
            Assert.Equal(3, statements.DeletesOn("LoginRecords"));
            Assert.Equal(7, await context.LoginRecords.CountAsync(login => login.OccurredAt < now.AddDays(-90)));

            statements.Clear();
            PersonalDataMaintenanceReport second = await context.RunPersonalDataMaintenanceAsync();
            Assert.Equal(7, second.RowsExpired[typeof(LoginRecord).FullName!]);
            Assert.False(second.MoreDue);
            Assert.Equal(1, statements.DeletesOn("LoginRecords"));

            statements.Clear();
            PersonalDataMaintenanceReport third = await context.RunPersonalDataMaintenanceAsync();
            Assert.Empty(third.RowsExpired);
            Assert.Equal(0, statements.DeletesOn("LoginRecords")); // nothing expired: the batch's query finds no key to delete
            Assert.Equal(0, statements.DeletesOn("Notes"));
        }

        await using (RightsTestContext context = Database.NewContext())
        {
            // Alice: her 5 newer ones and the two seeded (10 days and an hour old); Bob: his two seeded ones.
            Assert.Equal(7, await context.LoginRecords.CountAsync(login => login.UserId == Alice.Id));
            Assert.Equal(2, await context.LoginRecords.CountAsync(login => login.UserId == Bob.Id));
            Assert.Equal((1, 3, 1, 2, 7, 1), await TestData.CountAsync(context, Alice.Id));
        }

        await AssertBobUntouchedAsync();
    }

    [Fact]
    public async Task Retention_follows_the_clock_a_row_goes_once_it_is_past_its_days()
    {
        // The seeded sign-ins are 10 days and an hour old: at 80 days on, the older one is past 90 days, the other not.
        // Bob's older one goes too: retention applies to everyone.
        BobChangesOnPurpose = true;
        Database.Clock.Advance(TimeSpan.FromDays(80));
        await using (RightsTestContext context = Database.NewContext())
        {
            Assert.Empty((await context.RunPersonalDataMaintenanceAsync()).RowsExpired);
        }

        Database.Clock.Advance(TimeSpan.FromMinutes(1));
        await using (RightsTestContext context = Database.NewContext())
        {
            PersonalDataMaintenanceReport report = await context.RunPersonalDataMaintenanceAsync();
            Assert.Equal(2, report.RowsExpired[typeof(LoginRecord).FullName!]); // Alice's and Bob's older ones
            Assert.Equal(1, await context.LoginRecords.CountAsync(login => login.UserId == Alice.Id));
            Assert.Equal(1, await context.LoginRecords.CountAsync(login => login.UserId == Bob.Id));
        }
    }
}

/// <summary>The retention tests on SQLite.</summary>
public sealed class RetentionTestsOnSqlite() : RetentionTests(TestStorage.Sqlite);

/// <summary>The retention tests on PostgreSQL.</summary>
public sealed class RetentionTestsOnPostgreSql() : RetentionTests(TestStorage.PostgreSql);

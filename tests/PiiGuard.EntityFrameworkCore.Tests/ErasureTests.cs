using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using PiiGuard.Collector.Tests;
using PiiGuard.EntityFrameworkCore.Tests.App;
using PiiGuard.EntityFrameworkCore.Tests.Infrastructure;

namespace PiiGuard.EntityFrameworkCore.Tests;

/// <summary>
/// RequestErasureAsync hides the subject at once (query filters) and is idempotent; RestoreAsync takes it back during
/// the grace period; the maintenance run erases nothing before the grace period ends and everything after it: deleted
/// rows gone, anonymised rows kept with their text replaced and their subject key cleared; Bob's rows untouched.
/// </summary>
public abstract class ErasureTests(TestStorage storage) : RightsTests(storage)
{
    [Fact]
    public async Task A_request_hides_the_subject_and_everything_of_theirs_at_once_and_IgnoreQueryFilters_still_sees_it()
    {
        await using (RightsTestContext context = Database.NewContext())
        {
            Assert.Equal(RightsDatabase.Start.AddDays(30), await context.RequestErasureAsync(Alice.Id));
        }

        await using (RightsTestContext context = Database.NewContext())
        {
            Assert.Equal([Bob.Id], await context.Users.Select(user => user.Id).ToListAsync());
            Assert.False(await context.Notes.AnyAsync(note => note.OwnerId == Alice.Id));
            Assert.False(await context.NoteAttachments.AnyAsync(attachment => attachment.OwnerId == Alice.Id));
            Assert.False(await context.Comments.AnyAsync(comment => comment.AuthorId == Alice.Id));
            Assert.False(await context.LoginRecords.AnyAsync(login => login.UserId == Alice.Id));
            Assert.False(await context.ApiConnections.AnyAsync(connection => connection.UserId == Alice.Id));
            Assert.Equal(3, await context.Notes.CountAsync(note => note.OwnerId == Bob.Id));
            Assert.Equal((1, 3, 1, 2, 2, 1), await TestData.CountAsync(context, Alice.Id));
        }

        await AssertBobUntouchedAsync();
    }

    [Fact]
    public async Task A_second_request_keeps_the_first_time_and_marks_rows_added_since()
    {
        await using (RightsTestContext context = Database.NewContext())
        {
            Assert.Equal(RightsDatabase.Start.AddDays(30), await context.RequestErasureAsync(Alice.Id));
        }

        Database.Clock.Advance(TimeSpan.FromDays(5));
        await using (RightsTestContext context = Database.NewContext())
        {
            context.LoginRecords.Add(new LoginRecord { Id = Guid.NewGuid(), UserId = Alice.Id, OccurredAt = Database.Clock.GetUtcNow(), IpAddress = Alice.IpAddress });
            await context.SaveChangesAsync();
        }

        await using (RightsTestContext context = Database.NewContext())
        {
            Assert.Equal(RightsDatabase.Start.AddDays(30), await context.RequestErasureAsync(Alice.Id));
        }

        await using (RightsTestContext context = Database.NewContext())
        {
            Assert.False(await context.LoginRecords.AnyAsync(login => login.UserId == Alice.Id));
            long start = RightsDatabase.Start.ToUnixTimeMilliseconds();
            Assert.All(
                await context.LoginRecords.IgnoreQueryFilters().Where(login => login.UserId == Alice.Id).Select(login => EF.Property<long?>(login, PersonalDataModel.ErasureRequestedAtProperty)).ToListAsync(),
                mark => Assert.Equal(start, mark));
        }
    }

    [Fact]
    public async Task An_unknown_subject_gets_no_erasure_and_no_restore()
    {
        await using RightsTestContext context = Database.NewContext();
        Assert.Null(await context.RequestErasureAsync(Guid.NewGuid()));
        Assert.False(await context.RestoreAsync(Guid.NewGuid()));
        Assert.False(await context.RestoreAsync(Alice.Id)); // no erasure was requested
    }

    [Fact]
    public async Task Restore_within_the_grace_period_shows_everything_again()
    {
        await using (RightsTestContext context = Database.NewContext())
        {
            await context.RequestErasureAsync(Alice.Id);
        }

        Database.Clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMilliseconds(1));
        await using (RightsTestContext context = Database.NewContext())
        {
            Assert.True(await context.RestoreAsync(Alice.Id));
            Assert.False(await context.RestoreAsync(Alice.Id));
        }

        await using (RightsTestContext context = Database.NewContext())
        {
            Assert.Equal(2, await context.Users.CountAsync());
            Assert.Equal(3, await context.Notes.CountAsync(note => note.OwnerId == Alice.Id));
            Assert.Equal(2, await context.Comments.CountAsync(comment => comment.AuthorId == Alice.Id));
            Assert.Equal(2, await context.LoginRecords.CountAsync(login => login.UserId == Alice.Id));
            Assert.Equal(1, await context.NoteAttachments.CountAsync(attachment => attachment.OwnerId == Alice.Id));
            Assert.Equal(1, await context.ApiConnections.CountAsync(connection => connection.UserId == Alice.Id));
        }

        // Restored for good: a maintenance run long after the grace period (before her sign-ins' retention) erases nothing of hers.
        Database.Clock.Advance(TimeSpan.FromDays(40));
        await using (RightsTestContext context = Database.NewContext())
        {
            PersonalDataMaintenanceReport report = await context.RunPersonalDataMaintenanceAsync();
            Assert.Equal(0, report.SubjectsErased);
            Assert.Empty(report.RowsErased);
            Assert.Equal((1, 3, 1, 2, 2, 1), await TestData.CountAsync(context, Alice.Id));
        }
    }

    [Fact]
    public async Task Once_the_grace_period_is_over_there_is_nothing_to_restore()
    {
        await using (RightsTestContext context = Database.NewContext())
        {
            await context.RequestErasureAsync(Alice.Id);
        }

        Database.Clock.Advance(TimeSpan.FromDays(30));
        await using (RightsTestContext context = Database.NewContext())
        {
            Assert.False(await context.RestoreAsync(Alice.Id));
            Assert.False(await context.Users.AnyAsync(user => user.Id == Alice.Id));
        }
    }

    [Fact]
    public async Task Nothing_is_erased_before_the_grace_period_ends_and_everything_right_after()
    {
        await using (RightsTestContext context = Database.NewContext())
        {
            await context.RequestErasureAsync(Alice.Id);
        }

        Database.Clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMilliseconds(1));
        await using (RightsTestContext context = Database.NewContext())
        {
            PersonalDataMaintenanceReport early = await context.RunPersonalDataMaintenanceAsync();
            Assert.Equal(0, early.SubjectsErased);
            Assert.Empty(early.RowsErased);
            Assert.Equal((1, 3, 1, 2, 2, 1), await TestData.CountAsync(context, Alice.Id));
        }

        Database.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await using (RightsTestContext context = Database.NewContext())
        {
            PersonalDataMaintenanceReport due = await context.RunPersonalDataMaintenanceAsync();
            Assert.Equal(1, due.SubjectsErased);
            Assert.Empty(due.Failures);
        }

        await AssertAliceErasedAsync();
        await AssertBobUntouchedAsync();
    }

    [Fact]
    public async Task The_hard_delete_deletes_what_is_deleted_and_anonymises_what_is_anonymised()
    {
        Guid[] aliceComments;
        await using (RightsTestContext context = Database.NewContext())
        {
            aliceComments = await context.Comments.Where(comment => comment.AuthorId == Alice.Id).Select(comment => comment.Id).ToArrayAsync();
            await context.RequestErasureAsync(Alice.Id);
        }

        Database.Clock.Advance(TimeSpan.FromDays(31));
        await using (RightsTestContext context = Database.NewContext())
        {
            PersonalDataMaintenanceReport report = await context.RunPersonalDataMaintenanceAsync();
            Assert.Equal(1, report.SubjectsErased);
            Assert.Equal(
                new[] { ("ApiConnection", 1), ("Comment", 2), ("LoginRecord", 2), ("Note", 3), ("NoteAttachment", 1), ("User", 1) },
                report.RowsErased.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => (pair.Key[RightsTestNames.Namespace.Length..], pair.Value)));
            Assert.Empty(report.RowsExpired);
            Assert.False(report.MoreDue);
            Assert.Equal(Database.Clock.GetUtcNow(), report.RanAt);

            // The comments stay, visible again, with nothing of hers: no author, the replacement for their text.
            var comments = await context.Comments.Where(comment => aliceComments.Contains(comment.Id)).ToListAsync();
            Assert.Equal(2, comments.Count);
            Assert.All(comments, comment => Assert.Equal((null, "[removed]"), (comment.AuthorId, comment.Body)));
            Assert.Equal(["kites", "paint"], comments.Select(comment => comment.Topic).Order(StringComparer.Ordinal));
        }

        await AssertAliceErasedAsync();
        await AssertBobUntouchedAsync();

        // Erased is erased: the next run finds nothing.
        await using (RightsTestContext context = Database.NewContext())
        {
            PersonalDataMaintenanceReport again = await context.RunPersonalDataMaintenanceAsync();
            Assert.Equal(0, again.SubjectsErased);
            Assert.Empty(again.RowsErased);
        }
    }

    [Fact]
    public async Task Due_erasures_are_taken_in_bounded_batches_and_the_rest_waits_for_the_next_run()
    {
        Person carol = Person.Alice() with { Id = Guid.NewGuid(), Email = "carol@example.test", Username = "carol" };
        Person dave = Person.Alice() with { Id = Guid.NewGuid(), Email = "dave@example.test", Username = "dave" };
        await using (RightsTestContext context = Database.NewContext())
        {
            await TestData.SeedAsync(context, carol, Database.Clock.GetUtcNow(), notes: 1);
            await TestData.SeedAsync(context, dave, Database.Clock.GetUtcNow(), notes: 1);
            await context.RequestErasureAsync(Alice.Id);
            await context.RequestErasureAsync(carol.Id);
            await context.RequestErasureAsync(dave.Id);
        }

        Database.Clock.Advance(TimeSpan.FromDays(31));
        Action<PersonalDataRightsOptions> small = options => (options.BatchSize, options.MaxBatchesPerRun) = (1, 2);
        await using (RightsTestContext context = Database.NewContext(small))
        {
            PersonalDataMaintenanceReport first = await context.RunPersonalDataMaintenanceAsync();
            Assert.Equal(2, first.SubjectsErased);
            Assert.True(first.MoreDue);
            PersonalDataMaintenanceReport second = await context.RunPersonalDataMaintenanceAsync();
            Assert.Equal(1, second.SubjectsErased);
            Assert.False(second.MoreDue);
            Assert.Equal([Bob.Id], await context.Users.IgnoreQueryFilters().Select(user => user.Id).ToListAsync());
        }

        await AssertBobUntouchedAsync();
    }

    [Fact]
    public async Task A_failed_erasure_is_reported_the_others_go_on_and_the_next_run_finishes_it()
    {
        Person carol = Person.Alice() with { Id = Guid.NewGuid(), Email = "carol@example.test", Username = "carol" };
        await using (RightsTestContext context = Database.NewContext())
        {
            await TestData.SeedAsync(context, carol, Database.Clock.GetUtcNow(), notes: 1);
            await context.RequestErasureAsync(Alice.Id);
            Database.Clock.Advance(TimeSpan.FromMinutes(1));
            await context.RequestErasureAsync(carol.Id);
        }

        // The first erasure's delete of notes fails (Alice's: the oldest request goes first), after four tables committed.
        Database.Clock.Advance(TimeSpan.FromDays(31));
        var failing = new FailingCommands("DELETE FROM \"Notes\"");
        failing.Arm();
        await using (RightsTestContext context = Database.NewContext(null, failing))
        {
            PersonalDataMaintenanceReport report = await context.RunPersonalDataMaintenanceAsync();
            Assert.Equal(1, report.SubjectsErased);
            PersonalDataMaintenanceFailure failure = Assert.Single(report.Failures);
            Assert.Equal((PersonalDataMaintenanceStep.Erasure, typeof(Note).FullName), (failure.Step, failure.EntityName));
            Assert.IsType<InjectedFailureException>(failure.Exception);
            Assert.Equal((0, 0, 0, 0, 0, 0), await TestData.CountAsync(context, carol.Id));

            // Alice: the tables before notes are erased, her notes and her own row are not, and she is still marked.
            Assert.Equal((1, 3, 0, 0, 0, 0), await TestData.CountAsync(context, Alice.Id));
            Assert.False(await context.Users.AnyAsync(user => user.Id == Alice.Id));
        }

        await using (RightsTestContext context = Database.NewContext())
        {
            PersonalDataMaintenanceReport next = await context.RunPersonalDataMaintenanceAsync();
            Assert.Equal(1, next.SubjectsErased);
            Assert.Empty(next.Failures);
        }

        await AssertAliceErasedAsync();
        await AssertBobUntouchedAsync();
    }

    [Fact]
    public async Task A_type_that_is_not_a_subject_is_a_clear_error()
    {
        await using RightsTestContext context = Database.NewContext();
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => context.RequestErasureAsync<Note>(Alice.Id));
        Assert.Contains($"'{typeof(Note).FullName}' is not a data subject", error.Message, StringComparison.Ordinal);
        Assert.Equal(RightsDatabase.Start.AddDays(30), await context.RequestErasureAsync<User>(Alice.Id));
        Assert.True(await context.RestoreAsync<User>(Alice.Id));
    }

    private async Task AssertAliceErasedAsync()
    {
        await using RightsTestContext context = Database.NewContext();
        Assert.Equal((0, 0, 0, 0, 0, 0), await TestData.CountAsync(context, Alice.Id));
    }
}

/// <summary>The erasure tests on SQLite.</summary>
public sealed class ErasureTestsOnSqlite() : ErasureTests(TestStorage.Sqlite);

/// <summary>The erasure tests on PostgreSQL.</summary>
public sealed class ErasureTestsOnPostgreSql() : ErasureTests(TestStorage.PostgreSql);

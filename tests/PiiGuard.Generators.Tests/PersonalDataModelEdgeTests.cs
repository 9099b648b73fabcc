using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PiiGuard.EntityFrameworkCore;

namespace PiiGuard.Generators.Tests;

/// <summary>
/// What the generated models do where the declarations leave them no way through (PII106 refuses those builds; the
/// generated code still compiles and says what is wrong when run), with inheritance hierarchies, and what the runtime's
/// query filter helper does with bad input.
/// </summary>
public sealed class PersonalDataModelEdgeTests
{
    private const string Refused = """
        using System;
        using Microsoft.EntityFrameworkCore;
        using PiiGuard;

        namespace Forum;

        [DataSubject]
        public class Person
        {
            public Guid Id { get; set; }
            [PersonalData(PersonalDataKind.Identity)] public string Name { get; set; } = "";
        }

        // Anonymising clears the subject key, which a Guid cannot hold.
        [Erasure(ErasureAction.Anonymise)]
        public class Comment
        {
            public int Id { get; set; }
            [SubjectKey(typeof(Person))] public Guid PersonId { get; set; }
            [PersonalData(PersonalDataKind.UserContent)] public string Text { get; set; } = "";
        }

        // Its key is configured in OnModelCreating, where PiiGuard does not look.
        [DataSubject]
        public class Guest
        {
            public string Handle { get; set; } = "";
            [PersonalData(PersonalDataKind.Contact)] public string? Email { get; set; }
        }

        public class ForumContext : DbContext
        {
            public ForumContext(DbContextOptions options) : base(options) { }

            public DbSet<Person> People => Set<Person>();
            public DbSet<Comment> Comments => Set<Comment>();
            public DbSet<Guest> Guests => Set<Guest>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Guest>().HasKey(g => g.Handle);
                foreach (var entity in PiiGuard.EntityFrameworkCore.PersonalDataModel.For(GetType()).Entities)
                {
                    entity.ConfigureModel(modelBuilder);
                }
            }

            public static ForumContext Open(System.Data.Common.DbConnection connection) =>
                new(new DbContextOptionsBuilder<ForumContext>().UseSqlite(connection).Options);
        }
        """;

    [Fact]
    public async Task What_cannot_be_done_compiles_and_throws_what_is_wrong_when_run()
    {
        (Compilation output, _) = EntityFrameworkHarness.Generate(EntityFrameworkHarness.Compile(EntityFrameworkHarness.EntityFramework8, Refused));
        Assert.Empty(EntityFrameworkHarness.Problems(output));

        using LoadedApp app = EntityFrameworkHarness.Load(output);
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var context = (DbContext)app.Call("Forum.ForumContext", "Open", connection)!;
        context.Database.EnsureCreated();

        PersonalDataEntity comment = app.Entity("Forum.ForumContext", "Forum.Comment");
        InvalidOperationException anonymise = await Assert.ThrowsAsync<InvalidOperationException>(() => comment.EraseAsync(context, Guid.NewGuid(), CancellationToken.None));
        Assert.Contains("'Forum.Comment'", anonymise.Message, StringComparison.Ordinal);
        Assert.Contains("'PersonId' cannot hold null", anonymise.Message, StringComparison.Ordinal);

        // The rest of the comment's operations work.
        Assert.Equal(0, await comment.MarkErasureRequestedAsync(context, Guid.NewGuid(), 1, CancellationToken.None));

        PersonalDataEntity guest = app.Entity("Forum.ForumContext", "Forum.Guest");
        Assert.Null(guest.SubjectKeyMember);
        foreach (Func<Task> operation in new Func<Task>[]
        {
            () => guest.WriteRowsAsync(context, "someone", new System.Text.Json.Utf8JsonWriter(System.IO.Stream.Null), CancellationToken.None),
            () => guest.MarkErasureRequestedAsync(context, "someone", 1, CancellationToken.None),
            () => guest.EraseAsync(context, "someone", CancellationToken.None),
            () => guest.FindSubjectAsync(context, "someone", CancellationToken.None),
            () => guest.FindErasuresRequestedAsync(context, 1, 10, CancellationToken.None),
        })
        {
            InvalidOperationException noKey = await Assert.ThrowsAsync<InvalidOperationException>(operation);
            Assert.Contains("the data subject 'Forum.Guest'", noKey.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("someone", noKey.Message, StringComparison.Ordinal);
        }
    }

    private const string Hierarchy = """
        using System;
        using System.Linq;
        using Microsoft.EntityFrameworkCore;
        using PiiGuard;

        namespace Board;

        [DataSubject]
        public class Member
        {
            public int Id { get; set; }
            [PersonalData(PersonalDataKind.Identity)] public string Name { get; set; } = "";
        }

        // The root of a hierarchy, not tied to anyone itself; one of its types is.
        public class Entry
        {
            public int Id { get; set; }
            public string Kind { get; set; } = "";
        }

        public class Notice : Entry { }

        public class Reply : Entry
        {
            [SubjectKey(typeof(Member))] public int? MemberId { get; set; }
            [PersonalData(PersonalDataKind.UserContent)] public string Text { get; set; } = "";
        }

        // Two types of a hierarchy tied to a subject: the root's configuration holds for both.
        public class Message
        {
            public int Id { get; set; }
            [SubjectKey(typeof(Member))] public int SenderId { get; set; }
            [PersonalData(PersonalDataKind.UserContent)] public string Body { get; set; } = "";
        }

        public class DirectMessage : Message { }

        public class BoardContext : DbContext
        {
            public BoardContext(DbContextOptions options) : base(options) { }

            public DbSet<Member> Members => Set<Member>();
            public DbSet<Entry> Entries => Set<Entry>();
            public DbSet<Notice> Notices => Set<Notice>();
            public DbSet<Reply> Replies => Set<Reply>();
            public DbSet<DirectMessage> DirectMessages => Set<DirectMessage>();
            public DbSet<Message> Messages => Set<Message>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Entry>().HasQueryFilter(e => e.Kind != "hidden");
                foreach (var entity in PiiGuard.EntityFrameworkCore.PersonalDataModel.For(GetType()).Entities)
                {
                    entity.ConfigureModel(modelBuilder);
                }
            }

            public static BoardContext Open(System.Data.Common.DbConnection connection) =>
                new(new DbContextOptionsBuilder<BoardContext>().UseSqlite(connection).Options);

            public static void Seed(BoardContext context)
            {
                context.Members.Add(new Member { Id = 1, Name = "One" });
                context.Notices.AddRange(new Notice { Id = 1, Kind = "notice" }, new Notice { Id = 2, Kind = "hidden" });
                context.Replies.AddRange(new Reply { Id = 3, Kind = "reply", MemberId = 1, Text = "Yes" }, new Reply { Id = 4, Kind = "reply", MemberId = 2, Text = "No" });
                context.Messages.Add(new Message { Id = 1, SenderId = 1, Body = "Hi" });
                context.DirectMessages.Add(new DirectMessage { Id = 2, SenderId = 1, Body = "Psst" });
                context.SaveChanges();
                context.ChangeTracker.Clear();
            }

            public static int[] Visible(BoardContext context) =>
                new[] { context.Entries.Count(), context.Replies.Count(), context.Messages.Count(), context.DirectMessages.Count() };
        }
        """;

    [Fact]
    public async Task In_a_hierarchy_the_filter_goes_on_its_root_beside_the_apps_own()
    {
        (Compilation output, _) = EntityFrameworkHarness.Generate(EntityFrameworkHarness.Compile(EntityFrameworkHarness.EntityFramework8, Hierarchy));
        Assert.Empty(EntityFrameworkHarness.Problems(output));

        using LoadedApp app = EntityFrameworkHarness.Load(output);
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var context = (DbContext)app.Call("Board.BoardContext", "Open", connection)!;
        context.Database.EnsureCreated();
        app.Call("Board.BoardContext", "Seed", context);
        Assert.Equal([3, 2, 2, 1], (int[])app.Call("Board.BoardContext", "Visible", context)!);

        Assert.Equal(1, await app.Entity("Board.BoardContext", "Board.Reply").MarkErasureRequestedAsync(context, 1, 5, CancellationToken.None));
        Assert.Equal(2, await app.Entity("Board.BoardContext", "Board.Message").MarkErasureRequestedAsync(context, 1, 5, CancellationToken.None));
        Assert.Equal([2, 1, 0, 0], (int[])app.Call("Board.BoardContext", "Visible", context)!);

        Assert.Equal(1, await app.Entity("Board.BoardContext", "Board.Reply").EraseAsync(context, 1, CancellationToken.None));
        Assert.Equal([2, 1, 0, 0], (int[])app.Call("Board.BoardContext", "Visible", context)!);
        Assert.Equal(1, await app.Entity("Board.BoardContext", "Board.DirectMessage").EraseAsync(context, 1, CancellationToken.None));
        Assert.Equal(1, await app.Entity("Board.BoardContext", "Board.Message").EraseAsync(context, 1, CancellationToken.None));
    }

    [Fact]
    public void The_query_filter_helper_joins_filters_over_one_parameter_and_refuses_others()
    {
        Expression<Func<string, bool>> declared = s => s.Length > 1;
        Expression<Func<string, bool>> added = t => t.StartsWith('a');
        var combined = (Expression<Func<string, bool>>)PersonalDataQueryFilters.Combine(declared, added);

        Assert.Equal([false, false, true, false], new[] { "a", "b", "ab", "ba" }.Select(combined.Compile()));
        Assert.Same(declared.Parameters[0], Assert.Single(combined.Parameters));
        Assert.Same(added, PersonalDataQueryFilters.Combine(null, added));

        Expression<Func<int, bool>> other = i => i > 0;
        Assert.Contains("different types", Assert.Throws<ArgumentException>(() => PersonalDataQueryFilters.Combine(declared, other)).Message, StringComparison.Ordinal);
        Expression<Func<string, int>> notPredicate = s => s.Length;
        Assert.Throws<ArgumentException>(() => PersonalDataQueryFilters.Combine(declared, notPredicate));

        LambdaExpression filter = PersonalDataQueryFilters.ErasureNotRequested(typeof(Uri));
        Assert.Equal(typeof(Func<Uri, bool>), filter.Type);
        Assert.Contains(PersonalDataModel.ErasureRequestedAtProperty, filter.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PersonalDataQueryFilters.ErasureNotRequested(typeof(int)));
    }
}

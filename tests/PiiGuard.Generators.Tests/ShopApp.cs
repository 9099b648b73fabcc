namespace PiiGuard.Generators.Tests;

/// <summary>
/// A realistic app for the personal data model tests: two data subjects (a <c>Guid</c> and an <c>int</c> key) and a
/// third keyed by text, entities that are deleted, anonymised (with a replacement) and expired, a credential, bytes,
/// enums, dates, lists and nullable members, several key types and conventions, an app's own query filter, a member
/// EF Core maps by name only, nested namespaces, two contexts that share an entity, one without mapped entities, and
/// the contexts that get no model (abstract, generic).
/// </summary>
internal static class ShopApp
{
    public const string Entities = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using Microsoft.EntityFrameworkCore;
        using PiiGuard;

        namespace Shop.Accounts
        {
            public enum Tier { Basic, Gold }

            [DataSubject]
            public class Customer
            {
                public Guid Id { get; set; }
                [PersonalData(PersonalDataKind.Contact, Purpose = "To send order confirmations")] public string Email { get; set; } = "";
                [PersonalData(PersonalDataKind.Identity)] public string DisplayName { get; set; } = "";
                [PersonalData(PersonalDataKind.Profile)] public string? Bio { get; set; }
                [PersonalData(PersonalDataKind.Profile)] public byte[]? Avatar { get; set; }
                [PersonalData(PersonalDataKind.Profile)] public Tier Tier { get; set; }
                [PersonalData(PersonalDataKind.Identity)] public DateOnly? BirthDate { get; set; }
                [PersonalData(PersonalDataKind.Profile)] public List<string> Interests { get; set; } = new();
                // Mapped by name in OnModelCreating: generated code reads it through EF.Property.
                [PersonalData(PersonalDataKind.Contact)] private string? BackupEmail { get; set; }
                public DateTimeOffset CreatedAt { get; set; }
                // Not stored: exported as the app computes it, never anonymised.
                [PersonalData(PersonalDataKind.Identity)] public string Initial => DisplayName.Length > 0 ? DisplayName.Substring(0, 1) : "";

                public void SetBackupEmail(string? value) => BackupEmail = value;
            }

            public class ApiToken
            {
                public int Id { get; set; }
                [SubjectKey(typeof(Customer))] public Guid CustomerId { get; set; }
                [PersonalData(PersonalDataKind.Credential)] public string? RefreshToken { get; set; }
                [PersonalData(PersonalDataKind.Device)] public string DeviceName { get; set; } = "";
                [PersonalData(PersonalDataKind.Behaviour)] public TimeSpan? SessionLength { get; set; }
                [PersonalData(PersonalDataKind.Behaviour)] public TimeOnly LastSeenTime { get; set; }
            }

            [DataSubject]
            public class Member
            {
                public int MemberId { get; set; }
                [PersonalData(PersonalDataKind.Identity)] public string Nickname { get; set; } = "";
            }

            [DataSubject]
            public class Author
            {
                [Key] public string Handle { get; set; } = "";
                [PersonalData(PersonalDataKind.Identity)] public string? RealName { get; set; }
            }
        }

        namespace Shop.Sales
        {
            using Shop.Accounts;

            [Retention(30, nameof(PlacedAt))]
            public class Order
            {
                public long Id { get; set; }
                [SubjectKey(typeof(Customer))] public Guid CustomerId { get; set; }
                public DateTimeOffset PlacedAt { get; set; }
                [PersonalData(PersonalDataKind.Contact, Purpose = "To deliver the order")] public string DeliveryAddress { get; set; } = "";
                [PersonalData(PersonalDataKind.Financial)] public decimal Total { get; set; }
                [PersonalData(PersonalDataKind.Location)] public double? Latitude { get; set; }
            }

            [Erasure(ErasureAction.Anonymise, Replacement = "[removed]")]
            public class Review
            {
                [Key] public string Code { get; set; } = "";
                [SubjectKey(typeof(Customer))] public Guid? AuthorId { get; set; }
                [PersonalData(PersonalDataKind.UserContent)] public string Text { get; set; } = "";
                [PersonalData(PersonalDataKind.UserContent)] public string? Title { get; set; }
                [PersonalData(PersonalDataKind.Behaviour)] public int? Stars { get; set; }
                [PersonalData(PersonalDataKind.Location)] public float Distance { get; set; }
                [PersonalData(PersonalDataKind.UserContent)] public byte[] Photo { get; set; } = Array.Empty<byte>();
                public DateTime WrittenAt { get; set; }
            }

            public class Visit
            {
                public int Id { get; set; }
                // A member's subject keyed by an int, held as a long: a boxed int is accepted too.
                [SubjectKey(typeof(Member))] public long MemberId { get; set; }
                [PersonalData(PersonalDataKind.Behaviour)] public Tier SeenAs { get; set; }
            }

            [Erasure(ErasureAction.Anonymise)]
            public class Post
            {
                public Guid Id { get; set; }
                [SubjectKey(typeof(Author))] public string? AuthorHandle { get; set; }
                [PersonalData(PersonalDataKind.UserContent)] public string Body { get; set; } = "";
                [PersonalData(PersonalDataKind.UserContent)] public string? Signature { get; set; }
            }
        }

        namespace Shop.Logs.Requests
        {
            [NoSubjectKey("requests are counted per day, never linked to a customer")]
            [Retention(7, nameof(SeenAt))]
            public class RequestLog
            {
                public int RequestLogId { get; set; }
                [PersonalData(PersonalDataKind.NetworkIdentifier)] public string RemoteIp { get; set; } = "";
                public DateTime? SeenAt { get; set; }
            }

            // No single-member key: the retention's batch is bounded by its clock.
            [NoSubjectKey("counted per day")]
            [Retention(1, nameof(At))]
            [PrimaryKey(nameof(Day), nameof(Ip))]
            public class DailyHit
            {
                public int Day { get; set; }
                [PersonalData(PersonalDataKind.NetworkIdentifier)] public string Ip { get; set; } = "";
                public DateTime At { get; set; }
            }

            // A DateTimeOffset clock the app stores as a number (a value converter): SQLite compares it.
            [NoSubjectKey("security events are kept apart from accounts")]
            [Retention(90, nameof(OccurredAt))]
            public class SignIn
            {
                public int Id { get; set; }
                [PersonalData(PersonalDataKind.NetworkIdentifier)] public string Ip { get; set; } = "";
                public DateTimeOffset OccurredAt { get; set; }
            }
        }
        """;

    public const string Contexts = """
        using System;
        using System.Collections.Generic;
        using Microsoft.EntityFrameworkCore;
        using PiiGuard.EntityFrameworkCore;
        using Shop.Accounts;
        using Shop.Logs.Requests;
        using Shop.Sales;

        namespace Shop.Data
        {
            public class ShopContext : DbContext
            {
                public ShopContext(DbContextOptions options) : base(options) { }

                public DbSet<Customer> Customers => Set<Customer>();
                public DbSet<ApiToken> Tokens => Set<ApiToken>();
                public DbSet<Member> Members => Set<Member>();
                public DbSet<Author> Authors => Set<Author>();
                public DbSet<Order> Orders => Set<Order>();
                public DbSet<Review> Reviews => Set<Review>();
                public DbSet<Visit> Visits => Set<Visit>();
                public DbSet<Post> Posts => Set<Post>();
                public DbSet<RequestLog> Requests => Set<RequestLog>();
                public DbSet<DailyHit> DailyHits => Set<DailyHit>();
                public DbSet<SignIn> SignIns => Set<SignIn>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<Customer>().Property<string?>("BackupEmail");
                    modelBuilder.Entity<SignIn>().Property(s => s.OccurredAt).HasConversion(new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter());
                    // The app's own filter, which the erasure filter joins.
                    modelBuilder.Entity<Review>().HasQueryFilter(r => r.Text != "spam");

                    // What PiiGuard.EntityFrameworkCore's model customizer does after OnModelCreating.
                    foreach (PersonalDataEntity entity in PersonalDataModel.For(GetType()).Entities)
                    {
                        entity.ConfigureModel(modelBuilder);
                    }
                }
            }

            namespace Reporting
            {
                public sealed class ReportingContext : DbContext
                {
                    public ReportingContext(DbContextOptions options) : base(options) { }

                    public DbSet<RequestLog> Requests { get; set; } = null!;
                }
            }

            public static class Nested
            {
                public sealed class CacheContext : DbContext
                {
                    public CacheContext(DbContextOptions options) : base(options) { }
                }
            }

            public abstract class ContextBase : DbContext
            {
                protected ContextBase(DbContextOptions options) : base(options) { }

                public DbSet<Customer> Customers => Set<Customer>();
            }

            public class GenericContext<TEntity> : DbContext where TEntity : class
            {
                public DbSet<TEntity> Items => Set<TEntity>();
            }

        }
        """;

    /// <summary>What the execution tests ask of the app (EF Core 8 and its SQLite provider): a context over a connection, rows, and what queries see.</summary>
    public const string Helpers = """
        using System;
        using System.Collections.Generic;
        using System.Data.Common;
        using System.Linq;
        using Microsoft.EntityFrameworkCore;
        using Shop.Accounts;
        using Shop.Logs.Requests;
        using Shop.Sales;

        namespace Shop.Data
        {
            public static class App
            {
                public static readonly Guid Alice = new("a11ce000-0000-0000-0000-000000000001");
                public static readonly Guid Bob = new("b0b00000-0000-0000-0000-000000000002");

                public static ShopContext Open(DbConnection connection) =>
                    new(new DbContextOptionsBuilder<ShopContext>().UseSqlite(connection).Options);

                public static void Seed(ShopContext context, DateTimeOffset now)
                {
                    var alice = new Customer
                    {
                        Id = Alice, Email = "alice@example.test", DisplayName = "Alice", Bio = null, Avatar = new byte[] { 1, 2, 3 },
                        Tier = Tier.Gold, BirthDate = new DateOnly(1990, 4, 1), Interests = new List<string> { "knitting", "chess" }, CreatedAt = now,
                    };
                    alice.SetBackupEmail("alice.backup@example.test");
                    var bob = new Customer { Id = Bob, Email = "bob@example.test", DisplayName = "Bob", Tier = Tier.Basic, CreatedAt = now };
                    context.Customers.AddRange(alice, bob);
                    context.Tokens.AddRange(
                        new ApiToken { Id = 1, CustomerId = Alice, RefreshToken = "secret-refresh-token", DeviceName = "Alice's phone", SessionLength = TimeSpan.FromMinutes(90), LastSeenTime = new TimeOnly(13, 45, 30) },
                        new ApiToken { Id = 2, CustomerId = Alice, RefreshToken = null, DeviceName = "Alice's laptop" },
                        new ApiToken { Id = 3, CustomerId = Bob, RefreshToken = "bob-token", DeviceName = "Bob's phone" });
                    context.Members.Add(new Member { MemberId = 7, Nickname = "seven" });
                    context.Visits.AddRange(new Visit { Id = 1, MemberId = 7, SeenAs = Tier.Gold }, new Visit { Id = 2, MemberId = 8, SeenAs = Tier.Basic });
                    context.Authors.AddRange(new Author { Handle = "alice", RealName = "Alice A." }, new Author { Handle = "bob" });
                    context.Posts.AddRange(
                        new Post { Id = Guid.NewGuid(), AuthorHandle = "alice", Body = "First post", Signature = "-- A" },
                        new Post { Id = Guid.NewGuid(), AuthorHandle = "bob", Body = "Hello" });
                    context.Reviews.AddRange(
                        new Review { Code = "r1", AuthorId = Alice, Text = "Great yarn", Title = "Lovely", Stars = 5, Distance = 1.5f, Photo = new byte[] { 9 }, WrittenAt = now.UtcDateTime },
                        new Review { Code = "r2", AuthorId = Alice, Text = "spam", Distance = float.PositiveInfinity },
                        new Review { Code = "r3", AuthorId = Bob, Text = "Fine", Stars = 3 });

                    // Orders of Alice: two recent, five older than 30 days at different offsets (oldest first: o3, o1, o5, o2, o4).
                    context.Orders.AddRange(
                        new Order { Id = 1, CustomerId = Alice, PlacedAt = now.AddDays(-40).ToOffset(TimeSpan.FromHours(2)), DeliveryAddress = "1 Main St", Total = 12.50m, Latitude = 51.5 },
                        new Order { Id = 2, CustomerId = Alice, PlacedAt = now.AddDays(-35).ToOffset(TimeSpan.FromHours(-7)), DeliveryAddress = "1 Main St", Total = 3m },
                        new Order { Id = 3, CustomerId = Alice, PlacedAt = now.AddDays(-50).ToOffset(TimeSpan.FromHours(9)), DeliveryAddress = "1 Main St", Total = 7m },
                        new Order { Id = 4, CustomerId = Alice, PlacedAt = now.AddDays(-31), DeliveryAddress = "1 Main St", Total = 1m },
                        new Order { Id = 5, CustomerId = Alice, PlacedAt = now.AddDays(-38).ToOffset(TimeSpan.FromHours(-3)), DeliveryAddress = "1 Main St", Total = 2m },
                        new Order { Id = 6, CustomerId = Alice, PlacedAt = now.AddDays(-2), DeliveryAddress = "2 Side St", Total = 4m },
                        new Order { Id = 7, CustomerId = Bob, PlacedAt = now.AddDays(-1), DeliveryAddress = "3 Bob Rd", Total = 5m });
                    context.Requests.AddRange(
                        new RequestLog { RequestLogId = 1, RemoteIp = "192.0.2.1", SeenAt = now.UtcDateTime.AddDays(-10) },
                        new RequestLog { RequestLogId = 2, RemoteIp = "192.0.2.2", SeenAt = now.UtcDateTime.AddDays(-8) },
                        new RequestLog { RequestLogId = 3, RemoteIp = "192.0.2.3", SeenAt = null },
                        new RequestLog { RequestLogId = 4, RemoteIp = "192.0.2.4", SeenAt = now.UtcDateTime.AddDays(-1) });
                    context.DailyHits.AddRange(
                        new DailyHit { Day = 1, Ip = "a", At = now.UtcDateTime.AddDays(-5) },
                        new DailyHit { Day = 1, Ip = "b", At = now.UtcDateTime.AddDays(-5) },
                        new DailyHit { Day = 2, Ip = "a", At = now.UtcDateTime.AddDays(-4) },
                        new DailyHit { Day = 3, Ip = "a", At = now.UtcDateTime.AddHours(-1) });
                    context.SignIns.AddRange(
                        new SignIn { Id = 1, Ip = "198.51.100.1", OccurredAt = now.AddDays(-100) },
                        new SignIn { Id = 2, Ip = "198.51.100.2", OccurredAt = now.AddDays(-95).ToOffset(TimeSpan.FromHours(5)) },
                        new SignIn { Id = 3, Ip = "198.51.100.3", OccurredAt = now.AddDays(-10) });
                    context.SaveChanges();
                    context.ChangeTracker.Clear();
                }

                /// <summary>How many rows of each entity the app's queries see (query filters applied).</summary>
                public static Dictionary<string, int> Visible(ShopContext context) => new()
                {
                    ["Customer"] = context.Customers.Count(),
                    ["ApiToken"] = context.Tokens.Count(),
                    ["Order"] = context.Orders.Count(),
                    ["Review"] = context.Reviews.Count(),
                    ["Post"] = context.Posts.Count(),
                    ["Visit"] = context.Visits.Count(),
                    ["Member"] = context.Members.Count(),
                };

                /// <summary>The reviews as stored: code, author, text, title, stars, distance, photo length.</summary>
                public static List<string> Reviews(ShopContext context) =>
                    context.Reviews.IgnoreQueryFilters().AsNoTracking().OrderBy(r => r.Code).AsEnumerable()
                        .Select(r => $"{r.Code}|{r.AuthorId}|{r.Text}|{r.Title ?? "null"}|{(r.Stars is { } s ? s.ToString() : "null")}|{r.Distance}|{r.Photo.Length}")
                        .ToList();

                /// <summary>The posts as stored: author, body, signature.</summary>
                public static List<string> Posts(ShopContext context) =>
                    context.Posts.IgnoreQueryFilters().AsNoTracking().OrderBy(p => p.Body).AsEnumerable()
                        .Select(p => $"{p.AuthorHandle ?? "null"}|{p.Body}|{p.Signature ?? "null"}")
                        .ToList();

                public static List<long> OrderIds(ShopContext context) => context.Orders.IgnoreQueryFilters().OrderBy(o => o.Id).Select(o => o.Id).ToList();

                public static List<int> RequestIds(ShopContext context) => context.Requests.OrderBy(r => r.RequestLogId).Select(r => r.RequestLogId).ToList();

                public static List<string> DailyHits(ShopContext context) => context.DailyHits.OrderBy(h => h.Day).ThenBy(h => h.Ip).AsEnumerable().Select(h => h.Day + h.Ip).ToList();

                public static List<int> SignInIds(ShopContext context) => context.SignIns.OrderBy(s => s.Id).Select(s => s.Id).ToList();
            }
        }
        """;
}

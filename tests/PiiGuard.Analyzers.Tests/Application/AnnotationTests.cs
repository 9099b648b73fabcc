using System.Threading.Tasks;
using PiiGuard.Analyzers.Tests.Application.Stubs;
using Verify = PiiGuard.Analyzers.Tests.Application.ApplicationDataVerifier;

namespace PiiGuard.Analyzers.Tests.Application;

/// <summary>PII106: the application-data annotations say something checkable.</summary>
public class AnnotationTests
{
    [Fact]
    public Task Reports_malformed_annotations() =>
        Verify.VerifyAsync("""
            [DataSubject]
            public class User
            {
                public int Id { get; set; }
                [{|#0:NotPersonalData("  ")|}] public string Nickname { get; set; } = "";
                [{|#1:PersonalData((PersonalDataKind)42)|}] public string Email { get; set; } = "";
            }

            public class Ticket
            {
                [{|#2:SubjectKey(typeof(Ticket))|}] public int OwnerId { get; set; }
            }

            [{|#3:NoSubjectKey("")|}]
            public class Brand
            {
                public int Id { get; set; }
            }

            [{|#4:Erasure(ErasureAction.Anonymise, Replacement = "[removed]")|}]
            [NoSubjectKey("shared by everyone")]
            public class Thread
            {
                public int Id { get; set; }
            }

            [{|#5:Erasure((ErasureAction)7)|}]
            public class Review
            {
                [SubjectKey(typeof(User))] public int UserId { get; set; }
            }
            """,
            Verify.Diagnostic(Descriptors.EmptyReason).WithLocation(0).WithArguments("NotPersonalData", "Nickname"),
            Verify.Diagnostic(Descriptors.KindOutOfRange).WithLocation(1).WithArguments("Email", "42"),
            Verify.Diagnostic(Descriptors.SubjectKeyNotSubject).WithLocation(2).WithArguments("OwnerId", "Ticket"),
            Verify.Diagnostic(Descriptors.EmptyReason).WithLocation(3).WithArguments("NoSubjectKey", "Brand"),
            Verify.Diagnostic(Descriptors.AnonymiseWithoutSubjectKey).WithLocation(4).WithArguments("Thread"),
            Verify.Diagnostic(Descriptors.ErasureActionOutOfRange).WithLocation(5).WithArguments("Review", "7"));

    [Fact]
    public Task Well_formed_annotations_are_not_reported() =>
        Verify.VerifyAsync("""
            [DataSubject]
            [Erasure(ErasureAction.Delete)]
            public class User
            {
                public int Id { get; set; }
                [NotPersonalData("a count of the app's own jobs")] public string JobName { get; set; } = "";
            }

            [Erasure(ErasureAction.Anonymise, Replacement = "[removed]")]
            public class Comment
            {
                public int Id { get; set; }
                [SubjectKey(typeof(User))] public int? AuthorId { get; set; }
                [PersonalData(PersonalDataKind.UserContent)] public string Body { get; set; } = "";
            }
            """);

    [Fact]
    public Task Annotations_are_checked_in_a_project_without_a_data_subject_too() =>
        Verify.VerifyAsync("""
            public class Ticket
            {
                [{|PII106:SubjectKey(typeof(Ticket))|}] public int OwnerId { get; set; }
                [{|PII106:NotPersonalData(null!)|}] public string Email { get; set; } = "";
            }
            """);

    [Fact]
    public Task Reports_an_anonymised_type_whose_subject_key_cannot_hold_null() =>
        Verify.VerifyAsync("""
            #nullable enable
            [DataSubject]
            public class User
            {
                public int Id { get; set; }
            }

            [{|#0:Erasure(ErasureAction.Anonymise)|}]
            public class Comment
            {
                public int Id { get; set; }
                [SubjectKey(typeof(User))] public int AuthorId { get; set; }
            }

            [{|#1:Erasure(ErasureAction.Anonymise, Replacement = "[removed]")|}]
            public class Review
            {
                public int Id { get; set; }
                [SubjectKey(typeof(User))] public string AuthorCode { get; set; } = "";
            }

            [{|#2:Erasure(ErasureAction.Anonymise)|}]
            public class Note
            {
                public int Id { get; set; }
                [SubjectKey(typeof(User)), System.ComponentModel.DataAnnotations.Required] public string? AuthorCode { get; set; }
            }

            // Inherited: reported where the key is declared (the base has no key to clear: reported as such).
            [{|#4:Erasure(ErasureAction.Anonymise)|}]
            public abstract class Post
            {
                public int Id { get; set; }
            }

            public class Reply : Post
            {
                [SubjectKey(typeof(User))] public long {|#3:AuthorId|} { get; set; }
            }

            // Keys that can hold null, and deleted rows: nothing to report.
            [Erasure(ErasureAction.Anonymise)]
            public class Like
            {
                public int Id { get; set; }
                [SubjectKey(typeof(User))] public int? UserId { get; set; }
            }

            [Erasure(ErasureAction.Anonymise)]
            public class Tag
            {
                public int Id { get; set; }
                [SubjectKey(typeof(User))] public string? UserCode { get; set; }
            }

            [Erasure(ErasureAction.Delete)]
            public class Visit
            {
                public int Id { get; set; }
                [SubjectKey(typeof(User))] public int UserId { get; set; }
            }

            #nullable disable
            [Erasure(ErasureAction.Anonymise)]
            public class OldNote
            {
                public int Id { get; set; }
                [SubjectKey(typeof(User))] public string UserCode { get; set; }
            }
            """,
            Verify.Diagnostic(Descriptors.AnonymisedSubjectKeyNotNullable).WithLocation(0).WithArguments("Comment", "AuthorId", "int"),
            Verify.Diagnostic(Descriptors.AnonymisedSubjectKeyNotNullable).WithLocation(1).WithArguments("Review", "AuthorCode", "non-nullable string"),
            Verify.Diagnostic(Descriptors.AnonymisedSubjectKeyNotNullable).WithLocation(2).WithArguments("Note", "AuthorCode", "[Required] string?"),
            Verify.Diagnostic(Descriptors.AnonymisedSubjectKeyNotNullable).WithLocation(3).WithArguments("Reply", "AuthorId", "long"),
            Verify.Diagnostic(Descriptors.AnonymiseWithoutSubjectKey).WithLocation(4).WithArguments("Post"));

    [Fact]
    public Task Reports_a_data_subject_entity_without_a_key_to_find_its_rows_by() =>
        Verify.VerifyAsync("""
            using Microsoft.EntityFrameworkCore;

            [DataSubject]
            public class {|#0:Guest|}
            {
                public int Number { get; set; }
            }

            [DataSubject]
            [PrimaryKey(nameof(Region), nameof(Number))]
            public class {|#1:Tenant|}
            {
                public int Region { get; set; }
                public int Number { get; set; }
            }

            [DataSubject]
            [Keyless]
            public class {|#2:Watcher|}
            {
                public int Number { get; set; }
            }

            // Keys EF Core finds, or a [SubjectKey]: nothing to report.
            [DataSubject]
            public class Member
            {
                public int MemberId { get; set; }
            }

            [DataSubject]
            public class Account
            {
                [System.ComponentModel.DataAnnotations.Key] public int Number { get; set; }
            }

            [DataSubject]
            [PrimaryKey(nameof(Number))]
            public class Shopper
            {
                public int Number { get; set; }
            }

            [DataSubject]
            [PrimaryKey(nameof(Region), nameof(Number))]
            public class Seller
            {
                public int Region { get; set; }
                [SubjectKey(typeof(Seller))] public int Number { get; set; }
            }

            // Not an entity: no rows to find.
            [DataSubject]
            public class Caller
            {
                public int Number { get; set; }
            }

            public class AppContext : DbContext
            {
                public DbSet<Guest> Guests { get; set; } = null!;
                public DbSet<Tenant> Tenants { get; set; } = null!;
                public DbSet<Watcher> Watchers { get; set; } = null!;
                public DbSet<Member> Members { get; set; } = null!;
                public DbSet<Account> Accounts { get; set; } = null!;
                public DbSet<Shopper> Shoppers { get; set; } = null!;
                public DbSet<Seller> Sellers { get; set; } = null!;
            }
            """, [EntityFrameworkCore.Source],
            Verify.Diagnostic(Descriptors.DataSubjectWithoutKey).WithLocation(0).WithArguments("Guest"),
            Verify.Diagnostic(Descriptors.DataSubjectWithoutKey).WithLocation(1).WithArguments("Tenant"),
            Verify.Diagnostic(Descriptors.DataSubjectWithoutKey).WithLocation(2).WithArguments("Watcher"));
}

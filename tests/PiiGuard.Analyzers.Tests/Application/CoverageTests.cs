using System.Threading.Tasks;
using PiiGuard.Analyzers.Tests.Application.Stubs;
using Verify = PiiGuard.Analyzers.Tests.Application.ApplicationDataVerifier;

namespace PiiGuard.Analyzers.Tests.Application;

/// <summary>PII100: every member named like personal data, of a type in scope, is classified or marked not personal.</summary>
public class CoverageTests
{
    [Fact]
    public Task Nothing_is_reported_in_a_project_without_a_data_subject() =>
        Verify.VerifyAsync("""
            public class Customer
            {
                public int Id { get; set; }
                public string Email { get; set; } = "";
                public string Password { get; set; } = "";
                public string IpAddress { get; set; } = "";
            }

            public class ShopContext : Microsoft.EntityFrameworkCore.DbContext
            {
                public Microsoft.EntityFrameworkCore.DbSet<Customer> Customers { get; set; } = null!;
            }
            """, [EntityFrameworkCore.Source]);

    [Fact]
    public Task Reports_an_unclassified_member_of_a_data_subject_with_the_kind_to_classify_it_as() =>
        Verify.VerifyAsync("""
            [DataSubject]
            public class User
            {
                public int Id { get; set; }
                public string {|#0:Email|} { get; set; } = "";
                public string {|#1:DisplayName|} { get; set; } = "";
                public int Credits { get; set; }
            }
            """,
            Verify.Diagnostic(Descriptors.UnclassifiedPersonalMember).WithLocation(0)
                .WithArguments("Email", "identity or contact data", "email", "Contact"),
            Verify.Diagnostic(Descriptors.UnclassifiedPersonalMember).WithLocation(1)
                .WithArguments("DisplayName", "identity or contact data", "display name", "Identity"));

    [Fact]
    public Task Classified_and_not_personal_members_are_not_reported() =>
        Verify.VerifyAsync("""
            [DataSubject]
            public class User
            {
                public int UserId { get; set; }

                [PersonalData(PersonalDataKind.Contact, Purpose = "sign-in and notices")]
                public string Email { get; set; } = "";

                [NotPersonalData("the name of the app's theme, chosen from a list")]
                public string ThemeName { get; set; } = "";

                [PersonalData(PersonalDataKind.Profile)]
                public string? Bio;
            }
            """);

    [Fact]
    public Task Reports_members_of_an_EF_Core_entity_and_of_a_type_keyed_to_a_subject() =>
        Verify.VerifyAsync("""
            using Microsoft.EntityFrameworkCore;

            [DataSubject]
            public class User
            {
                public int Id { get; set; }

                [PersonalData(PersonalDataKind.Contact)]
                public string Email { get; set; } = "";
            }

            [NoSubjectKey("reference data shared by every user")]
            public class Vendor
            {
                public int Id { get; set; }
                public string {|PII100:ContactEmail|} { get; set; } = "";
            }

            public class Comment
            {
                public int Id { get; set; }

                [SubjectKey(typeof(User))]
                public int AuthorId { get; set; }

                public string {|PII100:Description|} { get; set; } = "";
            }

            public class Unrelated
            {
                public string Email { get; set; } = "";
            }

            public class AppContext : DbContext
            {
                public DbSet<User> Users { get; set; } = null!;
                public DbSet<Vendor> Vendors { get; set; } = null!;
            }
            """, [EntityFrameworkCore.Source]);

    [Fact]
    public Task Row_keys_subject_keys_foreign_keys_and_navigations_are_not_members_to_classify() =>
        Verify.VerifyAsync("""
            using System.ComponentModel.DataAnnotations;
            using Microsoft.EntityFrameworkCore;

            [DataSubject]
            public class User
            {
                public string Id { get; set; } = "";
                public List<Ticket> Tickets { get; set; } = new();
            }

            public class Ticket
            {
                [Key] public string SerialKey { get; set; } = "";

                [SubjectKey(typeof(User))] public string OwnerId { get; set; } = "";

                public User? Owner { get; set; }

                public string VendorId { get; set; } = "";

                public Vendor? Vendor { get; set; }

                public string BoardId { get; set; } = "";

                public string {|PII100:ExternalUserId|} { get; set; } = "";
            }

            [NoSubjectKey("reference data")]
            public class Vendor
            {
                public string VendorId { get; set; } = "";
            }

            [NoSubjectKey("reference data")]
            public class Board
            {
                public string Id { get; set; } = "";
            }

            public class AppContext : DbContext
            {
                public DbSet<User> Users { get; set; } = null!;
                public DbSet<Ticket> Tickets { get; set; } = null!;
                public DbSet<Vendor> Vendors { get; set; } = null!;
                public DbSet<Board> Boards { get; set; } = null!;
            }
            """, [EntityFrameworkCore.Source]);

    [Fact]
    public Task Inherited_members_are_reported_once_on_the_base_type_that_declares_them() =>
        Verify.VerifyAsync("""
            using Microsoft.EntityFrameworkCore;

            [DataSubject]
            public class User
            {
                public int Id { get; set; }
            }

            public abstract class Owned
            {
                [SubjectKey(typeof(User))] public int UserId { get; set; }

                public string {|PII100:Description|} { get; set; } = "";
            }

            public class Note : Owned
            {
                public int Id { get; set; }
                public string {|PII100:Title|} { get; set; } = "";
            }

            public class Board : Owned
            {
                public int Id { get; set; }
            }

            public class AppContext : DbContext
            {
                public DbSet<Note> Notes { get; set; } = null!;
                public DbSet<Board> Boards { get; set; } = null!;
            }
            """, [EntityFrameworkCore.Source]);

    [Fact]
    public Task Partial_types_and_records_with_primary_constructors_are_covered() =>
        Verify.VerifyAsync("""
            [DataSubject]
            public partial class User
            {
                public int Id { get; set; }
                public string {|PII100:Email|} { get; set; } = "";
            }

            public partial class User
            {
                [PersonalData(PersonalDataKind.Identity)] public string UserName { get; set; } = "";
                public string {|PII100:FullName|} { get; set; } = "";
            }

            public record Review([property: SubjectKey(typeof(User))] int UserId, string {|PII100:Description|}, [property: PersonalData(PersonalDataKind.UserContent)] string Title, int Stars);
            """);

    [Fact]
    public Task Identity_and_Compliance_classifications_count() =>
        Verify.VerifyAsync("""
            using Taxonomy;

            [DataSubject]
            public class AppUser : Microsoft.AspNetCore.Identity.IdentityUser
            {
                [Microsoft.AspNetCore.Identity.PersonalData] public string DisplayName { get; set; } = "";

                [PrivateData] public string? Bio { get; set; }

                [Microsoft.AspNetCore.Identity.ProtectedPersonalData] public string? RecoveryEmail { get; set; }

                public string {|#0:AvatarUrl|} { get; set; } = "";
            }
            """, [AspNetCoreIdentity.Source, Compliance.Source],
            Verify.Diagnostic(Descriptors.UnclassifiedPersonalMember).WithLocation(0)
                .WithArguments("AvatarUrl", "a network address or name", "url", "Profile"));

    [Fact]
    public Task Suggests_NetworkIdentifier_only_for_what_a_network_knows_of_a_device() =>
        Verify.VerifyAsync("""
            [DataSubject]
            [Retention(30, nameof(LastSeen))]
            public class User
            {
                public int Id { get; set; }
                public DateTimeOffset LastSeen { get; set; }
                public string {|#0:Address|} { get; set; } = "";
                public string {|#1:WebsiteUrl|} { get; set; } = "";
                public string {|#2:LastIpAddress|} { get; set; } = "";
            }
            """,
            Verify.Diagnostic(Descriptors.UnclassifiedPersonalMember).WithLocation(0)
                .WithArguments("Address", "a network address or name", "address", "Contact"),
            Verify.Diagnostic(Descriptors.UnclassifiedPersonalMember).WithLocation(1)
                .WithArguments("WebsiteUrl", "a network address or name", "url", "Profile"),
            Verify.Diagnostic(Descriptors.UnclassifiedPersonalMember).WithLocation(2)
                .WithArguments("LastIpAddress", "a network address or name", "ip address", "NetworkIdentifier"));

    [Fact]
    public Task An_unclassified_network_identifier_is_reported_by_coverage_and_by_retention() =>
        Verify.VerifyAsync("""
            [DataSubject]
            public class {|PII104:User|}
            {
                public int Id { get; set; }
                public string {|PII100:UserAgent|} { get; set; } = "";
                [NotPersonalData("the address of the app's own mail server")] public string SmtpHost { get; set; } = "";
            }
            """);
}

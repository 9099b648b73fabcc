using System.Threading.Tasks;
using PiiGuard.Analyzers.Tests.Application.Stubs;
using Verify = PiiGuard.Analyzers.Tests.Application.ApplicationDataVerifier;

namespace PiiGuard.Analyzers.Tests.Application;

/// <summary>PII101: a type that holds personal data leads to its data subject through a [SubjectKey] member.</summary>
public class SubjectKeyTests
{
    [Fact]
    public Task Reports_an_entity_with_unclassified_personal_members_and_a_type_with_classified_members_that_lead_to_no_subject_but_not_a_lookup_table() =>
        Verify.VerifyAsync("""
            using Microsoft.EntityFrameworkCore;

            [DataSubject]
            public class User
            {
                public int Id { get; set; }
            }

            public class {|#0:Ticket|}
            {
                public int Id { get; set; }
                public int Grams { get; set; }
                public string {|#2:ContactEmail|} { get; set; } = "";
            }

            public class Material
            {
                public int Id { get; set; }
                public string Code { get; set; } = "";
                public int Grams { get; set; }
            }

            public class {|#1:Upload|}
            {
                [PersonalData(PersonalDataKind.UserContent)] public byte[] Photo { get; set; } = [];
            }

            public class AppContext : DbContext
            {
                public DbSet<User> Users { get; set; } = null!;
                public DbSet<Ticket> Tickets { get; set; } = null!;
                public DbSet<Material> Materials { get; set; } = null!;
            }
            """, [EntityFrameworkCore.Source],
            Verify.Diagnostic(Descriptors.NoWayToSubject).WithLocation(0).WithArguments("Ticket", "holds data named like personal data ('ContactEmail')"),
            Verify.Diagnostic(Descriptors.UnclassifiedPersonalMember).WithLocation(2).WithArguments("ContactEmail", "identity or contact data", "email", "Contact"),
            Verify.Diagnostic(Descriptors.NoWayToSubject).WithLocation(1).WithArguments("Upload", "holds classified personal data ('Photo')"));

    [Fact]
    public Task A_subject_key_own_or_inherited_or_NoSubjectKey_is_a_way_to_the_subject() =>
        Verify.VerifyAsync("""
            using Microsoft.EntityFrameworkCore;

            [DataSubject]
            public class User
            {
                public int Id { get; set; }

                [PersonalData(PersonalDataKind.Contact)] public string Email { get; set; } = "";
            }

            public abstract class Owned
            {
                [SubjectKey(typeof(User))] public int UserId { get; set; }
            }

            public class Ticket : Owned
            {
                public int Id { get; set; }
            }

            public class Note
            {
                public int Id { get; set; }

                [SubjectKey(typeof(User))] public int UserId;

                [PersonalData(PersonalDataKind.UserContent)] public string Title { get; set; } = "";
            }

            [NoSubjectKey("a catalogue, the same for everyone")]
            public class Brand
            {
                public int Id { get; set; }
            }

            public abstract class Audited
            {
                [PersonalData(PersonalDataKind.Identity)] public string CreatedBy { get; set; } = "";
            }

            public class AppContext : DbContext
            {
                public DbSet<User> Users { get; set; } = null!;
                public DbSet<Ticket> Tickets { get; set; } = null!;
                public DbSet<Note> Notes { get; set; } = null!;
                public DbSet<Brand> Brands { get; set; } = null!;
            }
            """, [EntityFrameworkCore.Source]);

    [Fact]
    public Task Entities_of_an_inherited_DbSet_are_in_scope() =>
        Verify.VerifyAsync("""
            using Microsoft.EntityFrameworkCore;

            [DataSubject]
            public class User
            {
                public int Id { get; set; }
            }

            public class {|#0:Session|}
            {
                public int Id { get; set; }
                public string {|#1:IpAddress|} { get; set; } = "";
            }

            public abstract class BaseContext<TRow> : DbContext
                where TRow : class
            {
                public DbSet<TRow> Rows { get; set; } = null!;
            }

            public class AppContext : BaseContext<Session>
            {
            }
            """, [EntityFrameworkCore.Source],
            Verify.Diagnostic(Descriptors.NoWayToSubject).WithLocation(0).WithArguments("Session", "holds data named like personal data ('IpAddress')"),
            Verify.Diagnostic(Descriptors.NetworkIdentifiersWithoutRetention).WithLocation(0).WithArguments("Session", "'IpAddress'"),
            Verify.Diagnostic(Descriptors.UnclassifiedPersonalMember).WithLocation(1).WithArguments("IpAddress", "a network address or name", "ip address", "NetworkIdentifier"));
}

using System.Threading.Tasks;
using PiiGuard.Analyzers.Tests.Application.Stubs;
using Verify = PiiGuard.Analyzers.Tests.Application.ApplicationDataVerifier;

namespace PiiGuard.Analyzers.Tests.Application;

/// <summary>PII104: a type that holds network identifiers says how long it keeps them.</summary>
public class RetentionTests
{
    [Fact]
    public Task Reports_a_type_with_network_identifiers_named_or_classified_and_no_retention() =>
        Verify.VerifyAsync("""
            using Microsoft.EntityFrameworkCore;

            [DataSubject]
            public class User
            {
                public int Id { get; set; }
            }

            public class {|#0:AuthLog|}
            {
                public int Id { get; set; }
                [SubjectKey(typeof(User))] public int UserId { get; set; }
                public DateTimeOffset At { get; set; }
                [PersonalData(PersonalDataKind.NetworkIdentifier)] public string IpAddress { get; set; } = "";
                [PersonalData(PersonalDataKind.NetworkIdentifier)] public string UserAgent { get; set; } = "";
                [PersonalData(PersonalDataKind.Location)] public string Country { get; set; } = "";
            }

            public class {|#1:ReferralVisit|}
            {
                public int Id { get; set; }
                [SubjectKey(typeof(User))] public int UserId { get; set; }
                public DateTime At { get; set; }
                public DateTime? Confirmed { get; set; }
                [PersonalData(PersonalDataKind.Behaviour)] public string? Referrer { get; set; }
                [Microsoft.AspNetCore.Identity.PersonalData] public string? ClientIp { get; set; }
            }

            public class AppContext : DbContext
            {
                public DbSet<AuthLog> AuthLogs { get; set; } = null!;
                public DbSet<ReferralVisit> Visits { get; set; } = null!;
            }
            """, [EntityFrameworkCore.Source, AspNetCoreIdentity.Source],
            Verify.Diagnostic(Descriptors.NetworkIdentifiersWithoutRetention).WithLocation(0).WithArguments("AuthLog", "'IpAddress', 'UserAgent'"),
            Verify.Diagnostic(Descriptors.NetworkIdentifiersWithoutRetention).WithLocation(1).WithArguments("ReferralVisit", "'ClientIp'"));

    [Fact]
    public Task Retention_own_or_inherited_is_enough_and_urls_and_postal_addresses_are_not_network_identifiers() =>
        Verify.VerifyAsync("""
            [DataSubject]
            public class User
            {
                public int Id { get; set; }
                [PersonalData(PersonalDataKind.Profile)] public string AvatarUrl { get; set; } = "";
                [PersonalData(PersonalDataKind.Contact)] public string Address { get; set; } = "";
            }

            [Retention(90, nameof(At))]
            public abstract class SecurityRecord
            {
                [SubjectKey(typeof(User))] public int UserId { get; set; }
                public DateTimeOffset At { get; set; }
            }

            public class AuthLog : SecurityRecord
            {
                public int Id { get; set; }
                [PersonalData(PersonalDataKind.NetworkIdentifier)] public string IpAddress { get; set; } = "";
            }

            [Retention(30, nameof(Seen))]
            public class Visit
            {
                [SubjectKey(typeof(User))] public int UserId { get; set; }
                public DateTime? Seen { get; set; }
                [PersonalData(PersonalDataKind.NetworkIdentifier)] public string UserAgent { get; set; } = "";
            }
            """);
}

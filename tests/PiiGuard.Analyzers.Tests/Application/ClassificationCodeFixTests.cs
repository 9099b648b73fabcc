using System.Threading.Tasks;
using PiiGuard.Analyzers.Tests.Application.Stubs;
using AddRetention = PiiGuard.Analyzers.Tests.Application.ApplicationCodeFixVerifier<PiiGuard.CodeFixes.AddRetentionCodeFixProvider>;
using Classify = PiiGuard.Analyzers.Tests.Application.ApplicationCodeFixVerifier<PiiGuard.CodeFixes.ClassifyPersonalDataCodeFixProvider>;

namespace PiiGuard.Analyzers.Tests.Application;

/// <summary>The code fixes of PII100 (classify with the suggested kind), PII103 (classify as a credential) and PII104 (add a retention).</summary>
public class ClassificationCodeFixTests
{
    [Fact]
    public Task Classifies_every_member_with_its_own_suggested_kind_with_Fix_All() =>
        Classify.VerifyAsync("""
            [DataSubject]
            public class User
            {
                public int Id { get; set; }
                public string {|PII100:Email|} { get; set; } = "";

                [Obsolete]
                public string {|PII100:FullName|} { get; set; } = "";

                public string {|PII100:Description|} = "";
            }

            public record Review([property: SubjectKey(typeof(User))] int UserId, string {|PII100:Title|});
            """, """
            [DataSubject]
            public class User
            {
                public int Id { get; set; }
                [PersonalData(PersonalDataKind.Contact)]
                public string Email { get; set; } = "";

                [Obsolete]
                [PersonalData(PersonalDataKind.Identity)]
                public string FullName { get; set; } = "";

                [PersonalData(PersonalDataKind.UserContent)]
                public string Description = "";
            }

            public record Review([property: SubjectKey(typeof(User))] int UserId, [property: PersonalData(PersonalDataKind.UserContent)] string Title);
            """);

    [Fact]
    public Task Adds_the_PiiGuard_using_when_the_file_lacks_it() =>
        Classify.VerifyAsync("""
            [PiiGuard.DataSubject]
            public class User
            {
                public int Id { get; set; }
                public string {|PII100:Email|} { get; set; } = "";
            }
            """, """
            using PiiGuard;

            [PiiGuard.DataSubject]
            public class User
            {
                public int Id { get; set; }
                [PersonalData(PersonalDataKind.Contact)]
                public string Email { get; set; } = "";
            }
            """, addUsings: false);

    [Fact]
    public Task Writes_PiiGuard_PersonalData_where_Identitys_namespace_is_imported() =>
        Classify.VerifyAsync("""
            using Microsoft.AspNetCore.Identity;

            [PiiGuard.DataSubject]
            public class User : IdentityUser
            {
                public string {|PII100:DisplayName|} { get; set; } = "";
            }
            """, """
            using Microsoft.AspNetCore.Identity;
            using PiiGuard;

            [PiiGuard.DataSubject]
            public class User : IdentityUser
            {
                [PiiGuard.PersonalData(PersonalDataKind.Identity)]
                public string DisplayName { get; set; } = "";
            }
            """, [AspNetCoreIdentity.Source], addUsings: false);

    [Fact]
    public Task Classifies_credentials_adding_the_attribute_or_changing_the_kind_and_keeping_the_purpose() =>
        Classify.VerifyAsync("""
            [DataSubject]
            public class User
            {
                public int Id { get; set; }
                public string {|PII103:RefreshToken|} { get; set; } = "";

                [PersonalData(PersonalDataKind.Identity, Purpose = "calls the partner API")]
                public string {|PII103:ApiKey|} { get; set; } = "";
            }
            """, """
            [DataSubject]
            public class User
            {
                public int Id { get; set; }
                [PersonalData(PersonalDataKind.Credential)]
                public string RefreshToken { get; set; } = "";

                [PersonalData(PersonalDataKind.Credential, Purpose = "calls the partner API")]
                public string ApiKey { get; set; } = "";
            }
            """);

    [Fact]
    public Task Does_not_classify_one_variable_of_a_field_declaration_of_several() =>
        Classify.VerifyNotOfferedAsync("""
            [DataSubject]
            public class User
            {
                public int Id { get; set; }
                public string {|PII100:Email|}, {|PII100:Phone|};
            }
            """);

    [Fact]
    public Task Adds_a_retention_counted_from_the_one_point_in_time_member() =>
        AddRetention.VerifyAsync("""
            [DataSubject]
            public class User
            {
                public int Id { get; set; }
            }

            /// <summary>Sign-ins.</summary>
            public class {|PII104:SignInLog|}
            {
                [SubjectKey(typeof(User))] public int UserId { get; set; }
                public DateTimeOffset At { get; set; }
                [PersonalData(PersonalDataKind.NetworkIdentifier)] public string IpAddress { get; set; } = "";
            }

            [NoSubjectKey("the server's own requests")]
            public sealed class {|PII104:Outbound|}
            {
                public DateTime? Sent;
                [PersonalData(PersonalDataKind.NetworkIdentifier)] public string UserAgent { get; set; } = "";
            }
            """, """
            [DataSubject]
            public class User
            {
                public int Id { get; set; }
            }

            /// <summary>Sign-ins.</summary>
            [Retention(90, nameof(At))]
            public class SignInLog
            {
                [SubjectKey(typeof(User))] public int UserId { get; set; }
                public DateTimeOffset At { get; set; }
                [PersonalData(PersonalDataKind.NetworkIdentifier)] public string IpAddress { get; set; } = "";
            }

            [NoSubjectKey("the server's own requests")]
            [Retention(90, nameof(Sent))]
            public sealed class Outbound
            {
                public DateTime? Sent;
                [PersonalData(PersonalDataKind.NetworkIdentifier)] public string UserAgent { get; set; } = "";
            }
            """);

    [Fact]
    public Task Offers_no_retention_when_the_type_has_no_or_several_points_in_time() =>
        AddRetention.VerifyNotOfferedAsync("""
            [DataSubject]
            public class User
            {
                public int Id { get; set; }
            }

            public class {|PII104:SignInLog|}
            {
                [SubjectKey(typeof(User))] public int UserId { get; set; }
                public DateTimeOffset At { get; set; }
                public DateTimeOffset? SignedOut { get; set; }
                [PersonalData(PersonalDataKind.NetworkIdentifier)] public string IpAddress { get; set; } = "";
            }

            public class {|PII104:Visit|}
            {
                [SubjectKey(typeof(User))] public int UserId { get; set; }
                [PersonalData(PersonalDataKind.NetworkIdentifier)] public string IpAddress { get; set; } = "";
            }
            """);
}

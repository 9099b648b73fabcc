using System.Threading.Tasks;
using PiiGuard.Analyzers.Tests.Application.Stubs;
using Verify = PiiGuard.Analyzers.Tests.Application.ApplicationDataVerifier;

namespace PiiGuard.Analyzers.Tests.Application;

/// <summary>PII103: tokens, secrets and keys are classified as credentials, and reported once (not also by PII100).</summary>
public class CredentialTests
{
    [Fact]
    public Task Reports_unclassified_and_misclassified_credentials_once_each() =>
        Verify.VerifyAsync("""
            [DataSubject]
            public class User
            {
                public int Id { get; set; }
                public string {|#0:RefreshToken|} { get; set; } = "";
                [PersonalData(PersonalDataKind.Identity)] public string {|#1:ApiKey|} { get; set; } = "";
                public string {|#2:PasswordHash|} { get; set; } = "";
                public string {|#3:ClientSecret|};
            }
            """,
            Verify.Diagnostic(Descriptors.UnclassifiedCredential).WithLocation(0).WithArguments("RefreshToken", "refresh token"),
            Verify.Diagnostic(Descriptors.MisclassifiedCredential).WithLocation(1).WithArguments("ApiKey", "api key", "PersonalDataKind.Identity"),
            Verify.Diagnostic(Descriptors.UnclassifiedCredential).WithLocation(2).WithArguments("PasswordHash", "password hash"),
            Verify.Diagnostic(Descriptors.UnclassifiedCredential).WithLocation(3).WithArguments("ClientSecret", "client secret"));

    [Fact]
    public Task Credential_kind_and_Identitys_ProtectedPersonalData_are_credential_grade() =>
        Verify.VerifyAsync("""
            [DataSubject]
            public class User
            {
                public int Id { get; set; }
                [PersonalData(PersonalDataKind.Credential, Purpose = "call the partner API")] public string RefreshToken { get; set; } = "";
                [Microsoft.AspNetCore.Identity.ProtectedPersonalData] public string? AuthenticatorKey { get; set; }
                [Microsoft.AspNetCore.Identity.ProtectedPersonalData] public string? SessionCookie { get; set; }
                public DateTimeOffset TokenExpiresAt { get; set; }
                public int TokenCount { get; set; }
            }
            """, [AspNetCoreIdentity.Source]);

    [Fact]
    public Task Identitys_plain_PersonalData_and_a_Compliance_classification_do_not_say_credential() =>
        Verify.VerifyAsync("""
            [DataSubject]
            public class User
            {
                public int Id { get; set; }
                [Microsoft.AspNetCore.Identity.PersonalData] public string? {|#0:AccessToken|} { get; set; }
                [Taxonomy.PrivateData] public string? {|#1:SessionToken|} { get; set; }
            }
            """, [AspNetCoreIdentity.Source, Compliance.Source],
            Verify.Diagnostic(Descriptors.MisclassifiedCredential).WithLocation(0).WithArguments(
                "AccessToken", "access token", "ASP.NET Core Identity's [PersonalData] (which exports it but does not protect it; [ProtectedPersonalData] does)"),
            Verify.Diagnostic(Descriptors.MisclassifiedCredential).WithLocation(1).WithArguments(
                "SessionToken", "session token", "'PrivateDataAttribute' (a Microsoft.Extensions.Compliance classification, which says nothing of a credential)"));

    [Fact]
    public Task A_credential_marked_not_personal_and_an_id_of_a_token_are_not_reported() =>
        Verify.VerifyAsync("""
            [DataSubject]
            public class User
            {
                public int Id { get; set; }
                [NotPersonalData("the app's own public client id for the partner's sign-in page")] public string ClientToken { get; set; } = "";
                public int TokenCount { get; set; }
                public bool HasApiKey { get; set; }
            }
            """);
}

using System.Threading.Tasks;
using Verify = PiiGuard.Analyzers.Tests.Application.ApplicationDataVerifier;

namespace PiiGuard.Analyzers.Tests.Application;

/// <summary>PII102: no persisted member holds a password; a hash from a password hasher does.</summary>
public class PasswordTests
{
    [Fact]
    public Task Reports_members_named_as_a_password_even_when_classified() =>
        Verify.VerifyAsync("""
            [DataSubject]
            public class User
            {
                public int Id { get; set; }
                public string {|#0:Password|} { get; set; } = "";
                [PersonalData(PersonalDataKind.Credential)] public string {|#1:VendorPwd|} { get; set; } = "";
                public byte[] {|#2:Passphrase|} = [];
            }
            """,
            Verify.Diagnostic(Descriptors.StoredPassword).WithLocation(0).WithArguments("Password", "password"),
            Verify.Diagnostic(Descriptors.StoredPassword).WithLocation(1).WithArguments("VendorPwd", "pwd"),
            Verify.Diagnostic(Descriptors.StoredPassword).WithLocation(2).WithArguments("Passphrase", "passphrase"));

    [Fact]
    public Task A_hash_or_salt_of_a_password_is_not_a_password() =>
        Verify.VerifyAsync("""
            [DataSubject]
            public class User
            {
                public int Id { get; set; }
                [PersonalData(PersonalDataKind.Credential)] public string PasswordHash { get; set; } = "";
                [PersonalData(PersonalDataKind.Credential)] public byte[] PasswordSalt { get; set; } = [];
                public DateTimeOffset PasswordChangedAt { get; set; }
                public bool HasPassword { get; set; }
            }
            """);

    [Fact]
    public Task Reports_a_classified_password_in_a_type_otherwise_out_of_scope() =>
        Verify.VerifyAsync("""
            [DataSubject]
            public class User
            {
                public int Id { get; set; }
            }

            [NoSubjectKey("a device's own account, not a person's")]
            public class DeviceLogin
            {
                [PersonalData(PersonalDataKind.Credential)] public string {|PII102:Password|} { get; set; } = "";
            }

            public class LoginForm
            {
                public string Password { get; set; } = "";
            }
            """);
}

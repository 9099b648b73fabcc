using System.Threading.Tasks;
using Verify = PiiGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<PiiGuard.Analyzers.IdentifierAnalyzer>;

namespace PiiGuard.Analyzers.Tests;

public class IdentifierAnalyzerTests
{
    [Fact]
    public Task One_installation_id_is_fine() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField, InstallationId] public Guid InstallationId { get; set; }
                [TelemetryField] public int JobCount { get; set; }
            }
            """);

    [Fact]
    public Task Other_Guids_are_identifiers() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField, InstallationId] public Guid InstallationId { get; set; }
                [TelemetryField] public Guid {|PII004:SessionGuid|} { get; set; }
                [TelemetryField] public Guid? {|PII004:PrinterGuid|} { get; set; }
                [TelemetryField] public List<Guid> {|PII004:JobIds|} { get; set; } = new();
                [TelemetryField] public Dictionary<Guid, int> {|PII004:CountsByUser|} { get; set; } = new();
            }
            """);

    [Fact]
    public Task InstallationId_must_be_a_Guid() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField, InstallationId] public string {|PII004:Id|} { get; set; } = "";
            }

            [TelemetryPayload]
            public record Other([property: TelemetryField, InstallationId] Guid? {|PII004:Id|});
            """);

    [Fact]
    public Task A_second_installation_id_anywhere_in_the_payload_is_an_error() =>
        Verify.VerifyAsync("""
            public class Installation
            {
                [TelemetryField, InstallationId] public Guid Id { get; set; }
            }

            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField, InstallationId] public Guid InstallationId { get; set; }
                [TelemetryField] public Installation Installation { get; set; } = new();
            }
            """,
            Verify.Diagnostic(Descriptors.SecondInstallationId).WithSpan(8, 50, 8, 52).WithArguments("Id", "Stats", "InstallationId"));

    [Fact]
    public Task Nested_installation_id_once_is_fine_and_shared_types_report_once() =>
        Verify.VerifyAsync("""
            public class Installation
            {
                [TelemetryField, InstallationId] public Guid Id { get; set; }
            }

            [TelemetryPayload]
            public class Weekly
            {
                [TelemetryField] public Installation Installation { get; set; } = new();
            }

            [TelemetryPayload]
            public class Daily
            {
                [TelemetryField] public Installation Installation { get; set; } = new();
            }
            """);

    [Theory]
    [InlineData("long", "UserId")]
    [InlineData("int", "AccountId")]
    [InlineData("long", "SessionId")]
    [InlineData("int", "PrinterSerialNumber")]
    [InlineData("ulong", "DeviceId")]
    [InlineData("uint", "IpAddress")]
    public Task Numbers_named_like_identifiers_of_people_or_devices(string type, string name) =>
        Verify.VerifyAsync($$"""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public {{type}} {|PII004:{{name}}|} { get; set; }
            }
            """);

    [Theory]
    [InlineData("int", "JobCount")]
    [InlineData("int", "SchemaId")]
    [InlineData("int", "Sessions")]
    [InlineData("string", "ErrorCode")]
    [InlineData("string", "ServiceId")]
    public Task Other_numbers_and_text_are_not_this_rules(string type, string name) =>
        Verify.VerifyAsync($$"""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public {{type}} {{name}} { get; set; } = default!;
            }
            """);

    [Theory]
    [InlineData("string", "UserId")]
    [InlineData("string", "AccountHandle")]
    [InlineData("string", "VisitorHash")]
    [InlineData("string", "ProfileIdentifier")]
    [InlineData("List<string>", "CustomerIds")]
    [InlineData("string", "EmailHash")]
    [InlineData("string", "ResourceArn")]
    [InlineData("long", "FirebaseUserId")]
    [InlineData("string", "OrderNumber")]
    public Task Text_and_numbers_named_as_identifiers_of_people_accounts_or_records_are_reported(string type, string name) =>
        Verify.VerifyAsync($$"""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public {{type}} {|PII004:{{name}}|} { get; set; } = default!;
            }
            """);
}

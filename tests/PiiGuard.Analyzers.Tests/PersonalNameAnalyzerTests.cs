using System.Threading.Tasks;
using PiiGuard.Analyzers.Tests.Verifiers;
using Verify = PiiGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<PiiGuard.Analyzers.PersonalNameAnalyzer>;

namespace PiiGuard.Analyzers.Tests;

public class PersonalNameAnalyzerTests
{
    [Theory]
    // network
    [InlineData("PrinterIp")]
    [InlineData("RemoteIP")]
    [InlineData("remote_ip")]
    [InlineData("IPv6Address")]
    [InlineData("Ipv4")]
    [InlineData("HostName")]
    [InlineData("Hostname")]
    [InlineData("ServerFqdn")]
    [InlineData("MacAddress")]
    [InlineData("PrinterMac")]
    [InlineData("WifiSsid")]
    [InlineData("Bssid")]
    [InlineData("NetworkName")]
    [InlineData("CallbackUrl")]
    [InlineData("ServiceUri")]
    [InlineData("UserAgent")]
    [InlineData("Referrer")]
    // file system
    [InlineData("FilePath")]
    [InlineData("Paths")]
    [InlineData("FileName")]
    [InlineData("fileName")]
    [InlineData("LibraryDirectory")]
    [InlineData("WatchFolder")]
    // device and hardware
    [InlineData("SerialNo")]
    [InlineData("PrinterSerialNumber")]
    [InlineData("PiSerial")]
    [InlineData("MachineName")]
    [InlineData("DeviceId")]
    [InlineData("HardwareId")]
    // identity and contact
    [InlineData("Email")]
    [InlineData("EMailAddress")]
    [InlineData("e_mail")]
    [InlineData("UserName")]
    [InlineData("Username")]
    [InlineData("LoginName")]
    [InlineData("FirstName")]
    [InlineData("DisplayName")]
    [InlineData("Nickname")]
    [InlineData("Name")]
    [InlineData("PrinterLabel")]
    [InlineData("PhoneNumber")]
    [InlineData("StreetAddress")]
    [InlineData("PostalCode")]
    [InlineData("ZipCode")]
    [InlineData("Msisdn")]
    [InlineData("Nationality")]
    [InlineData("MaritalStatus")]
    // credentials
    [InlineData("Password")]
    [InlineData("RefreshToken")]
    [InlineData("ApiKey")]
    [InlineData("AccessCode")]
    [InlineData("ClientSecret")]
    [InlineData("Passcode")]
    // user content
    [InlineData("Message")]
    [InlineData("Comments")]
    [InlineData("Review")]
    [InlineData("Bio")]
    [InlineData("Description")]
    [InlineData("Notes")]
    // error detail
    [InlineData("ExceptionMessage")]
    [InlineData("StackTrace")]
    [InlineData("ErrorMessage")]
    [InlineData("StdErr")]
    public Task Reports_personal_names_on_strings(string name) =>
        Verify.VerifyAsync($$"""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public string {|PII001:{{name}}|} { get; set; } = "";
            }
            """);

    [Theory]
    [InlineData("SerializerVersion")]
    [InlineData("IpcTransport")]
    [InlineData("TooltipsEnabled")]
    [InlineData("ZipExportEnabled")]
    [InlineData("HostingModel")]
    [InlineData("AppVersion")]
    [InlineData("Platform")]
    [InlineData("DeploymentMode")]
    [InlineData("CountryCode")]
    [InlineData("MacOsVersion")]
    [InlineData("FileType")]
    [InlineData("SchemaName")]
    [InlineData("Shipping")]
    [InlineData("Hostile")]
    [InlineData("Tipping")]
    public Task Whole_words_only(string name) =>
        Verify.VerifyAsync($$"""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public string {{name}} { get; set; } = "";
            }
            """);

    [Fact]
    public Task Numbers_and_enums_with_such_names_are_not_text() =>
        Verify.VerifyAsync("""
            public enum PathKind { Relative, Absolute }

            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public int FilePathCount { get; set; }
                [TelemetryField] public PathKind PathKind { get; set; }
                [TelemetryField] public bool HostNameResolutionEnabled { get; set; }
            }
            """);

    [Fact]
    public Task Members_without_TelemetryField_are_not_part_of_the_payload() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public class Stats
            {
                public string FilePath { get; set; } = "";
                [TelemetryField] public int JobCount { get; set; }
            }
            """);

    [Fact]
    public Task Reports_the_explicit_json_name_too() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField("printer_ip")] public string {|PII001:Target|} { get; set; } = "";
            }
            """);

    [Fact]
    public Task Message_names_member_category_and_fix() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public string PrinterIp { get; set; } = "";
            }
            """,
            Verify.Diagnostic("PII001").WithSpan(9, 36, 9, 45).WithArguments(
                "PrinterIp", "a network address or name", "ip", "it points at a person's device or the places they reach",
                "send a count, a flag or an enum (for example a connection kind) instead"));

    [Fact]
    public Task Text_like_members_include_chars_collections_and_dictionary_keys_and_values() =>
        Verify.VerifyAsync("""
            using System.Collections.Immutable;

            public enum Kind { A, B }

            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public List<string> {|PII001:FileNames|} { get; set; } = new();
                [TelemetryField] public string[] {|PII001:Hosts|} { get; set; } = [];
                [TelemetryField] public Dictionary<string, int> {|PII001:CountsByPath|} { get; set; } = new();
                [TelemetryField] public IReadOnlyDictionary<Kind, string> {|PII001:EmailByKind|} { get; set; } = new Dictionary<Kind, string>();
                [TelemetryField] public HashSet<string> {|PII001:SerialNumbers|} { get; set; } = new();
                [TelemetryField] public ImmutableArray<string> {|PII001:Usernames|} { get; set; }
                [TelemetryField] public char {|PII001:UserNameInitial|};
                [TelemetryField] public Dictionary<Kind, int> CountsByPath2 { get; set; } = new();
            }
            """);

    [Fact]
    public Task Fields_structs_records_and_primary_constructors() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public record Stats([property: TelemetryField] string {|PII001:HostName|}, [property: TelemetryField] int JobCount);

            [TelemetryPayload]
            public struct Fleet
            {
                [TelemetryField] public string {|PII001:SerialNumber|};
                [TelemetryField] public string {|PII001:Ssid|}, {|PII001:Bssid|};
            }

            [TelemetryPayload]
            public record struct Usage([property: TelemetryField] string {|PII001:UserName|});
            """);

    [Fact]
    public Task Inherited_nested_and_partial_members() =>
        Verify.VerifyAsync("""
            public abstract class Base
            {
                [TelemetryField] public string {|PII001:InstallPath|} { get; set; } = "";
            }

            public class Printer
            {
                [TelemetryField] public string {|PII001:PrinterName|} { get; set; } = "";
            }

            public partial class Job
            {
                [TelemetryField] public string {|PII001:OwnerName|} { get; set; } = "";
            }

            public partial class Job
            {
                [TelemetryField] public int Count { get; set; }
            }

            [TelemetryPayload]
            public class Stats : Base
            {
                [TelemetryField] public List<Printer> Printers { get; set; } = new();
                [TelemetryField] public Dictionary<string, Job> Jobs { get; set; } = new();

                public class Inner
                {
                    [TelemetryField] public string {|PII001:Token|} { get; set; } = "";
                }
            }
            """);

    [Fact]
    public Task Project_forbidden_words_apply_to_any_type() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public int {|PII001:BadgeId|} { get; set; }
                [TelemetryField] public string {|PII001:TenantName|} { get; set; } = "";
                [TelemetryField] public int JobCount { get; set; }
            }
            """,
            TestReferences.EditorConfig("piiguard.forbidden_words = badge_id, Tenant"));

    [Fact]
    public Task Project_allowed_words_are_never_personal() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public string SerialPortProtocol { get; set; } = "";
                [TelemetryField] public string {|PII001:SerialNumber|} { get; set; } = "";
            }
            """,
            TestReferences.EditorConfig("piiguard.allowed_words = serial_port"));

    [Fact]
    public Task Nothing_without_a_PiiGuard_reference()
    {
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PersonalNameAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
        {
            TestCode = """
                namespace Other;
                public sealed class TelemetryPayloadAttribute : System.Attribute { }
                public sealed class TelemetryFieldAttribute : System.Attribute { }

                [TelemetryPayload]
                public class Stats
                {
                    [TelemetryField] public string FilePath { get; set; } = "";
                }
                """,
            ReferenceAssemblies = TestReferences.Net10,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task Suppressions_work_as_usual() =>
        Verify.VerifyAsync("""
            using System.Diagnostics.CodeAnalysis;

            [TelemetryPayload]
            public class Stats
            {
            #pragma warning disable PII001
                [TelemetryField] public string HostName { get; set; } = "";
            #pragma warning restore PII001

                [TelemetryField]
                [SuppressMessage("Privacy", "PII001", Justification = "Only ever the constant 'localhost' in tests.")]
                public string Host { get; set; } = "";
            }
            """);
}

public class PersonalNameAnyTypeTests
{
    [Fact]
    public Task Birth_dates_are_personal_whatever_their_type() =>
        AnalyzerVerifier<PersonalNameAnalyzer>.VerifyAsync("""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField, Aggregated(Week)] public DateTimeOffset {|PII001:DateOfBirth|} { get; set; }
                [TelemetryField] public int {|PII001:BirthYear|} { get; set; }
                [TelemetryField] public bool GreetingEnabled { get; set; }
            }
            """);

    [Fact]
    public Task Text_builders_and_character_sequences_are_text() =>
        AnalyzerVerifier<PersonalNameAnalyzer>.VerifyAsync("""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public char[] {|PII001:Password|} { get; set; } = [];
                [TelemetryField] public System.Text.StringBuilder {|PII001:Message|} { get; set; } = new();
                [TelemetryField] public ReadOnlyMemory<char> {|PII001:HostName|} { get; set; }
            }
            """);

    [Fact]
    public Task Generated_payload_members_are_checked_too() =>
        AnalyzerVerifier<PersonalNameAnalyzer>.VerifyAsync("""
            // <auto-generated/>
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public string {|PII001:HostName|} { get; set; } = "";
            }
            """);

    [Theory]
    [InlineData("HomeAssistantUrl")]
    [InlineData("HassToken")]
    [InlineData("PrintSettings")]
    [InlineData("SlicingParameters")]
    [InlineData("GcodeFile")]
    public Task An_applications_own_words_are_not_the_products_but_a_project_can_forbid_them(string name) =>
        Task.WhenAll(
            // The default profile speaks for no application: its own words are the application's to declare.
            AnalyzerVerifier<PersonalNameAnalyzer>.VerifyAsync($$"""
                [TelemetryPayload]
                public class Stats
                {
                    [TelemetryField] public int {{name}} { get; set; }
                }
                """),
            AnalyzerVerifier<PersonalNameAnalyzer>.VerifyAsync(
                $$"""
                [TelemetryPayload]
                public class Stats
                {
                    [TelemetryField] public int {|PII001:{{name}}|} { get; set; }
                }
                """,
                TestReferences.EditorConfig("piiguard.forbidden_words = home_assistant, hass, print_settings, slicing_parameters, gcode")));
}

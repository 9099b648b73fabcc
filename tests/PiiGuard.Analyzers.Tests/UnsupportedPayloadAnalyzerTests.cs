using System.Linq;
using System.Threading.Tasks;
using Verify = PiiGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<PiiGuard.Analyzers.UnsupportedPayloadAnalyzer>;

namespace PiiGuard.Analyzers.Tests;

public class UnsupportedPayloadAnalyzerTests
{
    [Fact]
    public Task Every_supported_member_type_is_fine() =>
        Verify.VerifyAsync("""
            public enum Kind { A, B }

            public record Nested([property: TelemetryField] int Count);

            public struct Pair
            {
                [TelemetryField] public int Left;
                [TelemetryField] public bool Right;
            }

            [TelemetryPayload(SchemaVersion = "1.2")]
            public class Stats
            {
                [TelemetryField, InstallationId] public Guid Id { get; init; }
                [TelemetryField] public bool Flag { get; set; }
                [TelemetryField] public byte B { get; set; }
                [TelemetryField] public ulong U { get; set; }
                [TelemetryField] public double D { get; set; }
                [TelemetryField] public decimal M { get; set; }
                [TelemetryField] public Kind Kind { get; set; }
                [TelemetryField] public Kind? MaybeKind { get; set; }
                [TelemetryField] public string? Text { get; set; }
                [TelemetryField, Aggregated(Week)] public DateTimeOffset Start { get; set; }
                [TelemetryField, Aggregated(Day)] public DateTime? LastDay { get; set; }
                [TelemetryField] public Version Version { get; set; } = new(1, 0);
                [TelemetryField] public TimeSpan Uptime { get; set; }
                [TelemetryField] public CountryCode Country { get; set; }
                [TelemetryField] public Nested Nested { get; set; } = new(1);
                [TelemetryField] public Pair Pair { get; set; }
                [TelemetryField] public int[] Array { get; set; } = [];
                [TelemetryField] public List<Kind> List { get; set; } = new();
                [TelemetryField] public IReadOnlyList<Nested> ReadOnlyList { get; set; } = new List<Nested>();
                [TelemetryField] public HashSet<Kind> Set { get; set; } = new();
                [TelemetryField] public Dictionary<Kind, int> ByKind { get; set; } = new();
                [TelemetryField] public IReadOnlyDictionary<string, List<int>> ByName { get; set; } = new Dictionary<string, List<int>>();
            }
            """);

    [Fact]
    public Task Reports_what_the_generator_cannot_write_or_read_back() =>
        Verify.VerifyAsync("""
            [Flags] public enum Options { None = 0, A = 1, B = 2 }
            public enum Aliased { One = 1, Uno = 1 }

            public abstract class Shape
            {
                [TelemetryField] public int Sides { get; set; }
            }

            public class {|PII007:Node|}
            {
                [TelemetryField] public List<Node> Children { get; set; } = new();
            }

            public class NoConstructor
            {
                private NoConstructor() { }

                [TelemetryField] public int Count { get; set; }
            }

            [TelemetryPayload(SchemaVersion = "v1")]
            public class {|PII007:Stats|}
            {
                [TelemetryField] public System.Text.StringBuilder {|PII007:Builder|} { get; set; } = new();
                [TelemetryField] public Queue<int> {|PII007:Queue|} { get; set; } = new();
                [TelemetryField] public int[,] {|PII007:Grid|} { get; set; } = new int[0, 0];
                [TelemetryField] private int {|PII007:Hidden|} { get; set; }
                [TelemetryField] public int {|PII007:ReadOnly|} { get; }
                [TelemetryField] public static int {|PII007:Shared|} { get; set; }
                [TelemetryField] public Options {|PII007:Flags|} { get; set; }
                [TelemetryField] public Aliased {|PII007:Alias|} { get; set; }
                [TelemetryField] public Dictionary<int, int> {|PII007:ByNumber|} { get; set; } = new();
                [TelemetryField] public Shape {|PII007:Shape|} { get; set; } = null!;
                [TelemetryField] public Node Tree { get; set; } = new();
                [TelemetryField] public NoConstructor {|PII007:Locked|} { get; set; } = null!;
                [TelemetryField("count")] public int Count { get; set; }
                [TelemetryField("count")] public int {|PII007:Other|} { get; set; }
            }
            """.Replace("public abstract class Shape", "public abstract class {|PII007:Shape|}")
               .Replace("public class NoConstructor\n", "public class {|PII007:NoConstructor|}\n")
               .Replace("[TelemetryField] public Shape {|PII007:Shape|}", "[TelemetryField] public Shape Shape")
               .Replace("[TelemetryField] public NoConstructor {|PII007:Locked|}", "[TelemetryField] public NoConstructor Locked"));

    [Fact]
    public Task An_enum_read_once_for_the_compilation_is_reported_on_every_member_that_reaches_it() =>
        // The analyzers read each enum once per compilation and share it between payloads: its problems must still
        // land on each payload's own member, with that member's name.
        Verify.VerifyAsync("""
            [Flags] public enum Options { None = 0, A = 1, B = 2 }
            public enum Aliased { One = 1, Uno = 1 }

            [TelemetryPayload(Name = "first")]
            public class First
            {
                [TelemetryField] public Options {|PII007:Chosen|} { get; set; }
                [TelemetryField] public Aliased {|PII007:Alias|} { get; set; }
            }

            [TelemetryPayload(Name = "second")]
            public class Second
            {
                [TelemetryField] public Options {|PII007:Picked|} { get; set; }
                [TelemetryField] public List<Aliased> {|PII007:Aliases|} { get; set; } = new();
                [TelemetryField] public int Count { get; set; }
            }
            """);

    [Fact]
    public Task Leaves_what_a_privacy_rule_reports_to_that_rule() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public DateTime At { get; set; }
                [TelemetryField] public object Anything { get; set; } = new();
                [TelemetryField] public Exception? Error { get; set; }
                [TelemetryField] public byte[] Blob { get; set; } = [];
                [TelemetryField, Aggregated(Week)] public int Count { get; set; }
            }
            """);

    [Fact]
    public Task The_root_cannot_use_the_submission_envelope_names_but_nested_objects_can() =>
        Verify.VerifyAsync("""
            public class Details
            {
                [TelemetryField] public int SchemaVersion { get; set; }
                [TelemetryField("submission_timestamp")] public int Sent { get; set; }
            }

            [TelemetryPayload(SchemaVersion = "1.0")]
            public class Stats
            {
                [TelemetryField] public string {|PII007:SchemaVersion|} { get; set; } = "";
                [TelemetryField("submission_timestamp")] public int {|PII007:Sent|} { get; set; }
                [TelemetryField] public Details Details { get; set; } = new();
            }
            """);

    [Fact]
    public Task Generic_payload_types_are_reported() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public class {|PII007:Stats|}<TKind>
                where TKind : struct, Enum
            {
                [TelemetryField] public Dictionary<TKind, int> {|PII007:Counts|} { get; set; } = new();
            }
            """);

    [Theory]
    [InlineData("usage stats")]
    [InlineData("../usage")]
    [InlineData("usage/v1")]
    [InlineData(".hidden")]
    public Task Payload_names_must_be_usable_as_file_names(string name) =>
        Verify.VerifyAsync($$"""
            [TelemetryPayload(Name = "{{name}}")]
            public class {|PII007:Stats|}
            {
                [TelemetryField] public int Count { get; set; }
            }
            """);

    [Theory]
    [InlineData("v1", "it has a character that is neither an ASCII digit nor a dot")]
    [InlineData("1..0", "it has an empty part (two dots in a row, or a dot at the start or end)")]
    [InlineData("1.01", "a part has a leading zero (write \"1.1\", not \"1.01\")")]
    [InlineData("99999999999", "a part is larger than 2147483647")]
    [InlineData("", "it is empty")]
    public Task A_malformed_schema_version_is_reported_where_it_is_declared(string version, string reason) =>
        Verify.VerifyAsync(
            $$"""
            [TelemetryPayload(SchemaVersion = "{{version}}")]
            public class {|#0:Stats|}
            {
                [TelemetryField] public int Count { get; set; }
            }
            """,
            Verify.Diagnostic(Descriptors.InvalidSchemaVersion).WithLocation(0).WithArguments(version, reason));

    [Fact]
    public Task A_file_local_payload_is_reported() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            file class {|PII007:FileLocal|}
            {
                [TelemetryField] public int Count { get; set; }
            }
            """);

    [Fact]
    public Task A_ref_struct_payload_is_reported() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public ref struct {|PII007:Stats|}
            {
                [TelemetryField] public int Count { get; set; }
            }
            """);

    [Fact]
    public Task A_required_member_that_is_not_a_field_is_reported_unless_a_constructor_sets_it() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public int Count { get; set; }
                public required string {|PII007:Note|} { get; init; }
            }

            [TelemetryPayload]
            public class Set
            {
                [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
                public Set() { Note = ""; }

                [TelemetryField] public required int Count { get; init; }
                public required string Note { get; init; }
            }
            """);

    [Fact]
    public Task A_json_name_taken_twice_is_reported_on_the_later_member_in_small_types_and_in_types_with_too_many_fields() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public class Small
            {
                [TelemetryField] public int JobCount { get; set; }
                [TelemetryField("")] public int {|PII007:Empty|} { get; set; }
                [TelemetryField("")] public int {|PII007:AlsoEmpty|} { get; set; }
                [TelemetryField("job_count")] public int {|PII007:Jobs|} { get; set; }
                [TelemetryField("total")] public int Total { get; set; }
            }

            [TelemetryPayload]
            public class {|PII007:Large|}
            {
                [TelemetryField] public int Count0 { get; set; }
                [TelemetryField] public int Count1 { get; set; }
                [TelemetryField] public int Count2 { get; set; }
                [TelemetryField] public int Count3 { get; set; }
                [TelemetryField] public int Count4 { get; set; }
                [TelemetryField] public int Count5 { get; set; }
                [TelemetryField] public int Count6 { get; set; }
                [TelemetryField] public int Count7 { get; set; }
                [TelemetryField] public int Count8 { get; set; }
                [TelemetryField] public int Count9 { get; set; }
                [TelemetryField] public int Count10 { get; set; }
                [TelemetryField] public int Count11 { get; set; }
                [TelemetryField] public int Count12 { get; set; }
                [TelemetryField] public int Count13 { get; set; }
                [TelemetryField] public int Count14 { get; set; }
                [TelemetryField] public int Count15 { get; set; }
                [TelemetryField] public int Count16 { get; set; }
                [TelemetryField] public int Count17 { get; set; }
                [TelemetryField] public int Count18 { get; set; }
                [TelemetryField] public int Count19 { get; set; }
                [TelemetryField] public int Count20 { get; set; }
                [TelemetryField] public int Count21 { get; set; }
                [TelemetryField] public int Count22 { get; set; }
                [TelemetryField] public int Count23 { get; set; }
                [TelemetryField] public int Count24 { get; set; }
                [TelemetryField] public int Count25 { get; set; }
                [TelemetryField] public int Count26 { get; set; }
                [TelemetryField] public int Count27 { get; set; }
                [TelemetryField] public int Count28 { get; set; }
                [TelemetryField] public int Count29 { get; set; }
                [TelemetryField] public int Count30 { get; set; }
                [TelemetryField] public int Count31 { get; set; }
                [TelemetryField] public int Count32 { get; set; }
                [TelemetryField] public int Count33 { get; set; }
                [TelemetryField] public int Count34 { get; set; }
                [TelemetryField] public int Count35 { get; set; }
                [TelemetryField] public int Count36 { get; set; }
                [TelemetryField] public int Count37 { get; set; }
                [TelemetryField] public int Count38 { get; set; }
                [TelemetryField] public int Count39 { get; set; }
                [TelemetryField] public int Count40 { get; set; }
                [TelemetryField] public int Count41 { get; set; }
                [TelemetryField] public int Count42 { get; set; }
                [TelemetryField] public int Count43 { get; set; }
                [TelemetryField] public int Count44 { get; set; }
                [TelemetryField] public int Count45 { get; set; }
                [TelemetryField] public int Count46 { get; set; }
                [TelemetryField] public int Count47 { get; set; }
                [TelemetryField] public int Count48 { get; set; }
                [TelemetryField] public int Count49 { get; set; }
                [TelemetryField] public int Count50 { get; set; }
                [TelemetryField] public int Count51 { get; set; }
                [TelemetryField] public int Count52 { get; set; }
                [TelemetryField] public int Count53 { get; set; }
                [TelemetryField] public int Count54 { get; set; }
                [TelemetryField] public int Count55 { get; set; }
                [TelemetryField] public int Count56 { get; set; }
                [TelemetryField] public int Count57 { get; set; }
                [TelemetryField] public int Count58 { get; set; }
                [TelemetryField] public int Count59 { get; set; }
                [TelemetryField] public int Count60 { get; set; }
                [TelemetryField] public int Count61 { get; set; }
                [TelemetryField] public int Count62 { get; set; }
                [TelemetryField] public int Count63 { get; set; }
                [TelemetryField] public int Count64 { get; set; }
                [TelemetryField] public int Count65 { get; set; }
                [TelemetryField("count_3")] public int {|PII007:Third|} { get; set; }
                [TelemetryField("")] public int {|PII007:Empty|} { get; set; }
                [TelemetryField("")] public int {|PII007:AlsoEmpty|} { get; set; }
                [TelemetryField("total")] public int Total { get; set; }
                [TelemetryField("total")] public int {|PII007:Sum|} { get; set; }
            }
            """);

    [Fact]
    public Task A_required_member_of_a_base_type_or_of_a_struct_that_is_not_a_field_is_reported() =>
        Verify.VerifyAsync("""
            public class Base
            {
                public required string {|PII007:Note|} { get; init; }
                [TelemetryField] public required int Total { get; init; }
            }

            [TelemetryPayload]
            public class Derived : Base
            {
                [TelemetryField] public int Count { get; set; }
            }

            [TelemetryPayload]
            public struct Counts
            {
                [TelemetryField] public int Count { get; set; }
                public required int {|PII007:Hidden|} { get; init; }
            }
            """);

    [Fact]
    public Task A_field_hidden_by_a_derived_member_is_reported() =>
        Verify.VerifyAsync("""
            public class Weekly
            {
                [TelemetryField("weekly_jobs")] public int {|PII007:Jobs|} { get; set; }
            }

            [TelemetryPayload]
            public class Daily : Weekly
            {
                [TelemetryField] public new int Jobs { get; set; }
            }
            """);

    [Fact]
    public Task An_object_holds_at_most_64_fields()
    {
        static string Members(int count) =>
            string.Concat(System.Linq.Enumerable.Range(0, count).Select(i => $"    [TelemetryField] public int Count{i:00} {{ get; set; }}\n"));

        return Verify.VerifyAsync(
            "[TelemetryPayload(SchemaVersion = \"1\")]\npublic class Full\n{\n" + Members(64) + "}\n\n" +
            "[TelemetryPayload(SchemaVersion = \"1\")]\npublic class {|#0:Over|}\n{\n" + Members(65) + "}\n",
            Verify.Diagnostic(Descriptors.TooManyFields).WithLocation(0).WithArguments("Over", 65));
    }
}

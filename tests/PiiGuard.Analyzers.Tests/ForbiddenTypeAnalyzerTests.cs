using System.Threading.Tasks;
using Verify = PiiGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<PiiGuard.Analyzers.ForbiddenTypeAnalyzer>;

namespace PiiGuard.Analyzers.Tests;

public class ForbiddenTypeAnalyzerTests
{
    [Theory]
    [InlineData("System.Net.IPAddress")]
    [InlineData("System.Net.IPEndPoint")]
    [InlineData("System.Net.DnsEndPoint")]
    [InlineData("Uri")]
    [InlineData("System.Net.NetworkInformation.PhysicalAddress")]
    [InlineData("System.Net.Mail.MailAddress")]
    [InlineData("System.IO.FileInfo")]
    [InlineData("System.IO.DirectoryInfo")]
    [InlineData("System.IO.FileSystemInfo")]
    [InlineData("Exception")]
    [InlineData("System.IO.IOException")]
    [InlineData("System.Net.Http.HttpRequestException")]
    [InlineData("byte[]")]
    [InlineData("List<byte>")]
    [InlineData("Memory<byte>")]
    [InlineData("ReadOnlyMemory<byte>")]
    [InlineData("ArraySegment<byte>")]
    [InlineData("System.IO.Stream")]
    [InlineData("System.IO.MemoryStream")]
    [InlineData("object")]
    [InlineData("dynamic")]
    [InlineData("System.Text.Json.JsonElement")]
    [InlineData("System.Text.Json.Nodes.JsonNode")]
    [InlineData("System.Text.Json.Nodes.JsonObject")]
    [InlineData("System.Text.Json.JsonDocument")]
    [InlineData("System.Collections.ArrayList")]
    [InlineData("System.Collections.Hashtable")]
    [InlineData("ValueType")]
    [InlineData("Enum")]
    [InlineData("List<Exception>")]
    [InlineData("Dictionary<int, System.Net.IPAddress>")]
    [InlineData("Dictionary<Uri, int>")]
    [InlineData("object[]")]
    [InlineData("List<object?>")]
    public Task Reports_forbidden_types_whatever_the_name(string type) =>
        Verify.VerifyAsync($$"""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public {{type}}? {|PII003:Value|} { get; set; }
            }
            """);

    [Theory]
    [InlineData("int")]
    [InlineData("bool")]
    [InlineData("double")]
    [InlineData("Version")]
    [InlineData("TimeSpan")]
    [InlineData("DayOfWeek")]
    [InlineData("List<int>")]
    [InlineData("Dictionary<DayOfWeek, int>")]
    [InlineData("int[]")]
    [InlineData("(int Jobs, int Files)")]
    public Task Bounded_types_are_fine(string type) =>
        Verify.VerifyAsync($$"""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public {{type}} Value { get; set; }
            }
            """);

    [Fact]
    public Task Message_names_member_type_and_fix() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public List<Exception> Errors { get; set; } = new();
            }
            """,
            Verify.Diagnostic("PII003").WithSpan(9, 45, 9, 51).WithArguments(
                "Errors", "Exception", "an exception (its message, stack trace and data can hold paths, addresses and user input)", "send an error type enum and a count instead"));

    [Fact]
    public Task Type_parameters_are_unbounded_unless_constrained_to_an_enum() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public class Stats<T, TKind>
                where TKind : struct, Enum
            {
                [TelemetryField] public T {|PII003:Value|} { get; set; } = default!;
                [TelemetryField] public Dictionary<TKind, int> Counts { get; set; } = new();
            }
            """);

    [Fact]
    public Task Reached_types_are_checked_too() =>
        Verify.VerifyAsync("""
            public record Printer([property: TelemetryField] System.Net.IPAddress {|PII003:Endpoint|});

            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public List<Printer> Printers { get; set; } = new();
            }
            """);
}

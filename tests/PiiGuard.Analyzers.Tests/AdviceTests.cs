using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using PiiGuard.Shared;

namespace PiiGuard.Analyzers.Tests;

/// <summary>
/// Every finding ends with a fix (<see cref="Category.Fix"/>), and the fix must be one the rules accept: advice that
/// draws the same error again is no advice. For each category of the default profile, a member the rules report with
/// that category, and the same information sent as the category's fix says (a count, a flag, an enum of the same
/// subject): the first draws one error whose message carries the fix, the second draws nothing at all.
/// </summary>
public class AdviceTests
{
    private const string Enums = """
        public enum ConnectionKind { Wired, Wireless }
        public enum FileType { Text, Image }
        public enum ModelFamily { Desktop, Laptop }
        public enum SearchKind { Simple, Advanced }
        public enum ErrorType { Timeout, Refused }
        public enum AccountTier { Free, Paid }
        public enum Theme { Light, Dark }

        """;

    public static TheoryData<string, string, string> Cases => new()
    {
        // category, the member the rules report, the same information as the fix says
        { "network", "string ClientIp", "int ClientIpCount; bool HasClientIp; ConnectionKind ClientConnectionKind" },
        { "network", "string ProxyUrl", "bool ProxyEnabled; int ProxyUrlLength; ConnectionKind ProxyKind" },
        { "file_system", "string FilePath", "int FileCount; FileType FileType; int FilePathLength" },
        { "file_system", "List<string> FileNames", "int FileNameCount; List<FileType> FileTypes" },
        { "device", "string DeviceSerialNumber", "int DeviceCount; ModelFamily DeviceModelFamily" },
        { "device", "string MachineName", "int MachineCount; ModelFamily MachineModelFamily" },
        { "identity", "string UserEmail", "int UserEmailCount; bool UserEmailVerified" },
        { "identity", "string DisplayName", "bool DisplayNameSet; int DisplayNameLength" },
        { "location", "double Latitude", "CountryCode CountryCode" },
        { "location", "string City", "CountryCode CountryCode" },
        { "user_content", "string SearchQuery", "int SearchCount; bool SearchQueryEmpty; SearchKind SearchKind" },
        { "user_content", "string CommentText", "int CommentCount; int CommentTextLength" },
        { "error_detail", "string ErrorMessage", "ErrorType ErrorType; int ErrorCount" },
        { "error_detail", "string StackTrace", "ErrorType ErrorType; int CrashCount" },
        { "behaviour", "int ClickCount", "bool DarkModeEnabled; int JobCount; Theme Theme" },
        { "behaviour", "TimeSpan ScreenTime", "bool DarkModeEnabled; int ExportCount" },
        { "identifier", "string UserId", "int UserCount; AccountTier AccountTier" },
        { "identifier", "long SessionId", "int SessionCount; TimeSpan SessionDuration" },
        { "blob", "string SettingsJson", "int SettingCount; bool SettingsCustomized; Theme Theme" },
        { "blob", "Dictionary<string, string> ExtraData", "int ExtraDataCount; bool HasExtraData" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_findings_fix_is_one_the_rules_accept(string categoryId, string reported, string fixes)
    {
        Category category = Category.FromId(categoryId)!;

        ImmutableArray<Diagnostic> before = await AllAnalyzers.AnalyzeAsync(Enums + Payload(reported));
        Diagnostic finding = Assert.Single(before);
        Assert.Equal(DiagnosticSeverity.Error, finding.Severity);
        Assert.Contains(category.Description, finding.GetMessage(), System.StringComparison.Ordinal);
        Assert.Contains(category.Fix, finding.GetMessage(), System.StringComparison.Ordinal);

        ImmutableArray<Diagnostic> after = await AllAnalyzers.AnalyzeAsync(Enums + Payload(fixes.Split("; ")));
        Assert.Empty(after.Select(d => $"{d.Id} {d.GetMessage()}"));
    }

    [Fact]
    public async Task A_credentials_fix_is_to_remove_it()
    {
        Diagnostic finding = Assert.Single(await AllAnalyzers.AnalyzeAsync(Payload("string ApiToken")));
        Assert.Equal(DiagnosticSeverity.Error, finding.Severity);
        Assert.EndsWith("never send it; remove the member", finding.GetMessage().TrimEnd('.'), System.StringComparison.Ordinal);
    }

    private static string Payload(params string[] members) =>
        "[TelemetryPayload]\npublic sealed class Stats\n{\n" +
        string.Concat(members.Select(m => $"    [TelemetryField] public {m} {{ get; set; }} = default!;\n")) +
        "}\n";
}

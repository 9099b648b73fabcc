using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PiiGuard.Analyzers.Tests.Verifiers;

namespace PiiGuard.Analyzers.Tests.Application;

/// <summary>
/// PII120: the data map may not collect more than piiguard.datamap.lock records (a new kind, a new personal member,
/// another kind, a longer or lost retention, another retention clock, a weaker erasure); narrowing passes, a
/// malformed lock is reported line by line, and without a lock or while the lock is rewritten nothing is checked.
/// </summary>
public class DataMapLockAnalyzerTests
{
    private const string LockName = "piiguard.datamap.lock";

    private const string Lock = """
        # PiiGuard data map lock

        type Shop.Account
          retention: none
          erasure: delete
          member Email: contact
          member Name: identity

        type Shop.Visit
          retention: 30 days from At
          erasure: delete
          member Address: network_identifier

        """;

    private const string Code = """
        namespace Shop
        {
            [DataSubject]
            public sealed class {|#0:Account|}
            {
                [SubjectKey(typeof(Account))] public Guid Id { get; set; }
                [PersonalData(PersonalDataKind.Contact)] public string {|#1:Email|} { get; set; } = "";
                [PersonalData(PersonalDataKind.Identity)] public string {|#2:Name|} { get; set; } = "";
            }

            [Retention(30, nameof(At))]
            public sealed class {|#3:Visit|}
            {
                [SubjectKey(typeof(Account))] public Guid AccountId { get; set; }
                [PersonalData(PersonalDataKind.NetworkIdentifier)] public string {|#4:Address|} { get; set; } = "";
                public DateTimeOffset At { get; set; }
                public DateTimeOffset Until { get; set; }
            }
        }
        """;

    [Fact]
    public Task Code_that_matches_its_lock_is_fine() => RunAsync(Code, Lock);

    [Fact]
    public Task A_member_of_a_kind_the_lock_has_nowhere_is_a_new_kind() =>
        RunAsync(
            Code.Replace("public string {|#2:Name|} { get; set; } = \"\";", "public string {|#2:Name|} { get; set; } = \"\";\n        [PersonalData(PersonalDataKind.Location)] public string {|#5:City|} { get; set; } = \"\";"),
            Lock,
            Expect(Descriptors.DataMapNewKind, 5, "Shop.Account.City", "location", LockName));

    [Fact]
    public Task A_new_member_of_a_kind_already_collected_is_a_new_personal_member() =>
        RunAsync(
            Code.Replace("public string {|#2:Name|} { get; set; } = \"\";", "public string {|#2:Name|} { get; set; } = \"\";\n        [PersonalData(PersonalDataKind.Contact)] public string {|#5:Phone|} { get; set; } = \"\";"),
            Lock,
            Expect(Descriptors.DataMapNewMember, 5, "Shop.Account.Phone", "contact", LockName));

    [Fact]
    public Task A_type_the_lock_does_not_know_brings_new_personal_members() =>
        RunAsync(
            Code + "\nnamespace Shop { public sealed class Note { [SubjectKey(typeof(Account))] public Guid AccountId { get; set; } [PersonalData(PersonalDataKind.Identity)] public string {|#5:Author|} { get; set; } = \"\"; } }",
            Lock,
            Expect(Descriptors.DataMapNewMember, 5, "Shop.Note.Author", "identity", LockName));

    [Fact]
    public Task A_member_classified_as_another_kind_is_reported() =>
        RunAsync(
            Code.Replace("[PersonalData(PersonalDataKind.Identity)] public string {|#2:Name|}", "[PersonalData(PersonalDataKind.Contact)] public string {|#2:Name|}"),
            Lock,
            Expect(Descriptors.DataMapKindChanged, 2, "Shop.Account.Name", "contact", "identity", LockName));

    [Fact]
    public Task A_classification_without_a_kind_is_a_new_kind_unspecified()
    {
        string identity = "\nnamespace Microsoft.AspNetCore.Identity { [AttributeUsage(AttributeTargets.Property)] public class PersonalDataAttribute : Attribute { } }";
        return RunAsync(
            Code.Replace("[PersonalData(PersonalDataKind.Identity)] public string {|#2:Name|}", "[Microsoft.AspNetCore.Identity.PersonalData] public string {|#2:Name|}") + identity,
            Lock,
            Expect(Descriptors.DataMapNewKind, 2, "Shop.Account.Name", "unspecified", LockName));
    }

    [Fact]
    public Task A_longer_retention_is_reported() =>
        RunAsync(Code.Replace("[Retention(30,", "[Retention(31,"), Lock,
            Expect(Descriptors.DataMapLongerRetention, 3, "Shop.Visit", "31", "30", LockName));

    [Fact]
    public Task Losing_the_retention_is_reported() =>
        RunAsync(Code.Replace("[Retention(30, nameof(At))]", ""), Lock,
            Expect(Descriptors.DataMapLostRetention, 3, "Shop.Visit", "30", LockName));

    [Fact]
    public Task Counting_the_retention_from_another_member_is_reported() =>
        RunAsync(Code.Replace("nameof(At)", "nameof(Until)"), Lock,
            Expect(Descriptors.DataMapRetentionClockChanged, 3, "Shop.Visit", "Until", "At", LockName));

    [Fact]
    public Task Anonymising_what_was_deleted_is_a_weaker_erasure() =>
        RunAsync(Code.Replace("[Retention(30, nameof(At))]", "[Retention(30, nameof(At)), Erasure(ErasureAction.Anonymise)]"), Lock,
            Expect(Descriptors.DataMapWeakerErasure, 3, "Shop.Visit", "anonymise", "delete", LockName));

    [Fact]
    public Task A_type_that_loses_its_subject_key_is_no_longer_deleted() =>
        RunAsync(Code.Replace("[SubjectKey(typeof(Account))] public Guid AccountId", "public Guid AccountId"), Lock,
            Expect(Descriptors.DataMapWeakerErasure, 3, "Shop.Visit", "none", "delete", LockName));

    [Fact]
    public Task Narrowing_passes_fewer_members_shorter_retention_stronger_erasure_and_types_that_are_gone() =>
        RunAsync(
            Code.Replace("        [PersonalData(PersonalDataKind.Identity)] public string {|#2:Name|} { get; set; } = \"\";\n", "")
                .Replace("[Retention(30,", "[Retention(7,"),
            Lock.Replace("erasure: delete\n  member Address", "erasure: anonymise\n  member Address") + "type Shop.Gone\n  retention: 5 days\n  erasure: none\n  member Secret: credential\n");

    [Fact]
    public Task Adding_a_retention_where_the_lock_has_none_passes() =>
        RunAsync(Code.Replace("[DataSubject]", "[DataSubject, Retention(365, nameof(Id))]"), Lock);

    [Fact]
    public Task Rewriting_the_lock_switches_the_rule_off() =>
        RunAsync(Code.Replace("[Retention(30,", "[Retention(31,"), Lock, updateLock: true);

    [Fact]
    public Task Without_a_lock_nothing_is_checked() =>
        RunAsync(Code.Replace("[Retention(30,", "[Retention(31,"), lockText: null);

    [Theory]
    [InlineData("type Shop.Account\n  retention: forever\n  erasure: delete\n", 2, "a retention is 'none', 'DAYS days' or 'DAYS days from MEMBER', with DAYS a whole number")]
    [InlineData("type Shop.Account\n  retention: 9.5 days\n  erasure: delete\n", 2, "a retention is 'none', 'DAYS days' or 'DAYS days from MEMBER', with DAYS a whole number")]
    [InlineData("type Shop.Account\n  retention: none\n  erasure: shred\n", 3, "an erasure is 'delete', 'anonymise' or 'none'")]
    [InlineData("type Shop.Account\n  retention: none\n  erasure: delete\n  member Email: shoe_size\n", 4, "a member line is 'member NAME: KIND', with KIND one of contact, identity, profile, user_content, credential, network_identifier, location, device, financial, behaviour, unspecified")]
    [InlineData("type Shop.Account\n  retention: none\n  erasure: delete\n  member Email: contact\n  member Email: contact\n", 5, "member 'Email' of type 'Shop.Account' is listed twice")]
    [InlineData("type Shop.Account\n  retention: none\n", 1, "type 'Shop.Account' needs a 'retention:' and an 'erasure:' line")]
    [InlineData("payload usage 1.0\n", 1, "the line is neither a comment, a 'type NAME' line nor an indented 'retention:', 'erasure:' or 'member NAME: KIND' line")]
    [InlineData("  member Email: contact\n", 1, "an indented line comes before any 'type NAME' line")]
    public Task A_malformed_lock_is_reported_at_its_line_and_checks_nothing(string lockText, int line, string problem)
    {
        // The code collects more than any lock would allow: a lock that cannot be read still reports only itself.
        string grown = Code.Replace("[Retention(30,", "[Retention(31,");
        return RunAsync(grown, lockText, new DiagnosticResult(Descriptors.DataMapMalformedLock)
            .WithSpan("/0/" + LockName, line, 1, line, 1 + lockText.Split('\n')[line - 1].Length)
            .WithArguments(LockName, line, problem));
    }

    [Fact]
    public Task Binary_garbage_in_the_lock_is_a_diagnostic_not_a_crash() =>
        RunAsync(Code, "\u0000\u0001garbage\u00ff\n", new DiagnosticResult(Descriptors.DataMapMalformedLock)
            .WithSpan("/0/" + LockName, 1, 1, 1, 11)
            .WithArguments(LockName, 1, "the line is neither a comment, a 'type NAME' line nor an indented 'retention:', 'erasure:' or 'member NAME: KIND' line"));

    private static DiagnosticResult Expect(DiagnosticDescriptor descriptor, int location, params object[] arguments) =>
        AnalyzerVerifier<DataMapLockAnalyzer>.Diagnostic(descriptor).WithLocation(location).WithArguments(arguments);

    private static Task RunAsync(string source, string? lockText, params DiagnosticResult[] expected) => RunAsync(source, lockText, updateLock: false, expected);

    private static Task RunAsync(string source, string? lockText, bool updateLock, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<DataMapLockAnalyzer, DefaultVerifier>
        {
            TestCode = TestReferences.Usings + source,
            ReferenceAssemblies = TestReferences.Net10,
        };
        test.TestState.AdditionalReferences.Add(TestReferences.PiiGuard);
        string globalConfig = "is_global = true\n" + (updateLock ? "build_property.PiiGuardUpdateDataMapLock = true\n" : "");
        if (lockText != null)
        {
            test.TestState.AdditionalFiles.Add(("/0/" + LockName, lockText));
            globalConfig += "\n[/0/" + LockName + "]\nbuild_metadata.AdditionalFiles.PiiGuardDataMapLock = true\n";
        }

        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", globalConfig));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}

using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using PiiGuard.EndToEnd.Tests.Infrastructure;

namespace PiiGuard.EndToEnd.Tests;

/// <summary>
/// The data map in a consumer's build: personal-data.json and personal-data.md beside the schema docs, the data map
/// lock created by the first build, PII120 when the code collects more than the lock records, the lock rewritten on
/// purpose with PiiGuardUpdateDataMapLock, and the files removed when the project maps nothing any more.
/// </summary>
public sealed partial class PackageTests
{
    private const string DataMapConsumer = "DataMap";

    private const string DataMapApp = """
        using System;
        using PiiGuard;

        namespace Consumer;

        [DataSubject]
        public sealed class Account
        {
            [SubjectKey(typeof(Account))] public Guid Id { get; set; }

            [PersonalData(PersonalDataKind.Contact, Purpose = "To sign in")] public string EmailAddress { get; set; } = "";
        }

        [Retention(90, nameof(SignedInAt))]
        public sealed class SignIn
        {
            [SubjectKey(typeof(Account))] public Guid AccountId { get; set; }

            [PersonalData(PersonalDataKind.NetworkIdentifier, Purpose = "To warn of unusual sign-ins")] public string RemoteIp { get; set; } = "";

            public DateTimeOffset SignedInAt { get; set; }
        }
        """;

    private const string NewMember = "    [PersonalData(PersonalDataKind.Contact, Purpose = \"To reach you\")] public string PhoneNumber { get; set; } = \"\";\n";

    [Fact]
    public void The_data_map_is_written_beside_the_schema_docs_and_its_lock_fails_an_expanded_map_until_updated()
    {
        DotnetResult first = _package.BuildConsumer(DataMapConsumer);

        Assert.True(first.Succeeded, "An annotated app must build. " + first.Describe());
        Assert.True(BuildDiagnostic.Parse(first.Output).Count == 0, "An annotated app must build without diagnostics. " + first.Describe());
        string folder = DefaultSchemaFolder(DataMapConsumer);
        string jsonPath = Path.Combine(folder, "personal-data.json");
        string markdownPath = Path.Combine(folder, "personal-data.md");
        string lockPath = _package.ConsumerFile(DataMapConsumer, "piiguard.datamap.lock");
        foreach (string path in new[] { jsonPath, markdownPath, lockPath })
        {
            Assert.True(File.Exists(path), $"The build wrote no {path}. Files there: {Listing(Path.GetDirectoryName(path)!)}. {first.Describe()}");
        }

        using (JsonDocument map = JsonDocument.Parse(File.ReadAllText(jsonPath)))
        {
            Assert.Equal(1, map.RootElement.GetProperty("version").GetInt32());
            Assert.Equal(["Consumer.Account", "Consumer.SignIn"], map.RootElement.GetProperty("types").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        }

        Assert.Contains("| Remote IP (sign in) | To warn of unusual sign-ins | 90 days, counted from \"signed in at\" | Deleted |", File.ReadAllText(markdownPath), StringComparison.Ordinal);
        string locked = File.ReadAllText(lockPath);
        Assert.Contains("type Consumer.SignIn\n  retention: 90 days from SignedInAt\n  erasure: delete\n  member RemoteIp: network_identifier\n", locked, StringComparison.Ordinal);

        // A new personal member: PII120 at the member, and the lock stays as it was.
        string source = _package.WriteConsumerFile(DataMapConsumer, "Payload.cs",
            DataMapApp.Replace("    [PersonalData(PersonalDataKind.Contact, Purpose = \"To sign in\")]", NewMember + "\n    [PersonalData(PersonalDataKind.Contact, Purpose = \"To sign in\")]", StringComparison.Ordinal));
        DotnetResult grown = _package.BuildConsumer(DataMapConsumer);

        Assert.False(grown.Succeeded, "A personal member the lock does not record must fail the build. " + grown.Describe());
        BuildDiagnostic pii120 = Assert.Single(BuildDiagnostic.Parse(grown.Output), d => d.Id == "PII120");
        Assert.Equal(("error", source), (pii120.Severity, pii120.File));
        Assert.Contains("'Consumer.Account.PhoneNumber'", pii120.Message, StringComparison.Ordinal);
        Assert.Equal(locked, File.ReadAllText(lockPath));

        // Updated on purpose: the build passes and the lock records the member; a plain build then writes nothing.
        DotnetResult update = _package.BuildConsumer(DataMapConsumer, "-p:PiiGuardUpdateDataMapLock=true");

        Assert.True(update.Succeeded, "With PiiGuardUpdateDataMapLock=true an expanded map must build. " + update.Describe());
        Assert.Contains("  member PhoneNumber: contact\n", File.ReadAllText(lockPath), StringComparison.Ordinal);
        var written = new[] { jsonPath, markdownPath, lockPath }.Select(p => (Path: p, Bytes: File.ReadAllBytes(p), Time: File.GetLastWriteTimeUtc(p))).ToList();
        File.SetLastWriteTimeUtc(source, DateTime.UtcNow);

        DotnetResult plain = _package.BuildConsumer(DataMapConsumer);

        Assert.True(plain.Succeeded, "After the lock was updated, a plain build must pass. " + plain.Describe());
        foreach ((string path, byte[] bytes, DateTime time) in written)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(path)), $"The rebuild changed {path}.");
            Assert.True(time == File.GetLastWriteTimeUtc(path), $"The rebuild rewrote {path} with the same content: its timestamp moved.");
        }

        // No application data any more: the stale map goes; the lock stays for review.
        _package.WriteConsumerFile(DataMapConsumer, "Payload.cs", "namespace Consumer;\n\npublic sealed class Plain { public int Count { get; set; } }\n");
        DotnetResult none = _package.BuildConsumer(DataMapConsumer);

        Assert.True(none.Succeeded, "A project without application data must build. " + none.Describe());
        Assert.False(File.Exists(jsonPath) || File.Exists(markdownPath), $"The stale data map is still there: {Listing(folder)}. {none.Describe()}");
        Assert.True(File.Exists(lockPath), "The data map lock is the project's file: the build never deletes it.");
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using PiiGuard.Shared;
using PiiGuard.Shared.DataMap;

namespace PiiGuard.Generators.Tests;

/// <summary>
/// The data map: PersonalDataMapGenerator compiles personal-data.json, personal-data.md and the data map lock's text
/// into one assembly attribute, from the application-data attributes, byte-identical across builds.
/// </summary>
public sealed class DataMapTests
{
    private const string App = """
        using System;
        using PiiGuard;

        namespace Shop;

        [DataSubject]
        public sealed class Customer
        {
            [SubjectKey(typeof(Customer))] public Guid Id { get; set; }
            [PersonalData(PersonalDataKind.Contact, Purpose = "To send order confirmations")] public string EmailAddress { get; set; } = "";
            [PersonalData(PersonalDataKind.Identity)] public string DisplayName { get; set; } = "";
            public int OrderCount { get; set; }
        }

        [Retention(30, nameof(PlacedAt))]
        public sealed class Order
        {
            [SubjectKey(typeof(Customer))] public Guid CustomerId { get; set; }
            public DateTimeOffset PlacedAt { get; set; }
            [PersonalData(PersonalDataKind.Contact, Purpose = "To deliver the order")] public string DeliveryAddress { get; set; } = "";
        }

        [Erasure(ErasureAction.Anonymise, Replacement = "[removed]")]
        public sealed class Review
        {
            [SubjectKey(typeof(Customer))] public Guid AuthorId { get; set; }
            [PersonalData(PersonalDataKind.UserContent, Purpose = "Shown with the product | public")] public string Text { get; set; } = "";
        }

        [NoSubjectKey("requests are counted per day, never linked to a customer")]
        [Retention(7, nameof(SeenAt))]
        public sealed class RequestLog
        {
            [PersonalData(PersonalDataKind.NetworkIdentifier, Purpose = "To stop abuse")] public string RemoteIp { get; set; } = "";
            public DateTimeOffset SeenAt { get; set; }
        }
        """;

    [Fact]
    public void The_json_lists_every_subject_type_and_member_with_kind_purpose_retention_and_erasure()
    {
        JObject map = JObject.Parse(Generate(App)!.Json);

        Assert.Equal(1, (int)map["version"]!);
        Assert.Equal(["Shop.Customer"], map["subjects"]!.Select(s => (string)s["name"]!));
        Assert.Equal(["Shop.Customer", "Shop.Order", "Shop.RequestLog", "Shop.Review"], map["types"]!.Select(t => (string)t["name"]!));

        JToken customer = Type(map, "Shop.Customer");
        Assert.Equal("Shop.Customer", (string?)customer["subject"]);
        Assert.Equal("Id", (string?)customer["subject_key"]);
        Assert.Equal(JTokenType.Null, customer["retention"]!.Type);
        Assert.Equal("delete", (string?)customer["erasure"]!["action"]);
        Assert.Equal(
            ["EmailAddress:contact:To send order confirmations:piiguard", "DisplayName:identity::piiguard"],
            customer["members"]!.Select(m => $"{m["name"]}:{m["kind"]}:{m["purpose"]}:{m["source"]}"));

        JToken order = Type(map, "Shop.Order");
        Assert.Equal("Shop.Customer", (string?)order["subject"]);
        Assert.Equal(30, (int)order["retention"]!["days"]!);
        Assert.Equal("PlacedAt", (string?)order["retention"]!["from"]);
        Assert.Equal("delete", (string?)order["erasure"]!["action"]);

        JToken review = Type(map, "Shop.Review");
        Assert.Equal("anonymise", (string?)review["erasure"]!["action"]);
        Assert.Equal("[removed]", (string?)review["erasure"]!["replacement"]);

        JToken log = Type(map, "Shop.RequestLog");
        Assert.Equal(JTokenType.Null, log["subject"]!.Type);
        Assert.Equal("requests are counted per day, never linked to a customer", (string?)log["no_subject_key"]);
        Assert.Equal("none", (string?)log["erasure"]!["action"]);
        Assert.Equal("network_identifier", (string?)log["members"]![0]!["kind"]);
    }

    [Fact]
    public async Task The_json_is_valid_against_the_documented_schema()
    {
        JsonSchema schema = await JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(RepoRoot(), "docs", "personal-data.schema.json")));
        foreach (string[] sources in new[] { [App], [App, EntityFramework, Context], new[] { Identity, IdentityUser } })
        {
            Assert.Empty(schema.Validate(Generate(sources)!.Json));
        }

        // The schema is strict enough to mean something: an unknown kind and a missing version are errors.
        string json = Generate(App)!.Json;
        Assert.NotEmpty(schema.Validate(json.Replace("\"kind\": \"contact\"", "\"kind\": \"shoe_size\"", StringComparison.Ordinal)));
        Assert.NotEmpty(schema.Validate(json.Replace("\"version\": 1,", "", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_page_groups_by_kind_in_kind_order_with_what_why_how_long_and_deletion()
    {
        string markdown = Generate(App)!.Markdown;

        string[] headings = markdown.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["## Contact details", "## Identity", "## Content you create", "## Network identifiers"], headings);
        Assert.StartsWith("# What we collect\n", markdown, StringComparison.Ordinal);
        string[] rows = markdown.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| What", StringComparison.Ordinal) && !l.StartsWith("| ---", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
            [
                "| E-mail address (customer) | To send order confirmations | Kept while your account exists | Deleted |",
                "| Delivery address (order) | To deliver the order | 30 days, counted from \"placed at\" | Deleted |",
                "| Display name (customer) | Purpose not stated | Kept while your account exists | Deleted |",
                "| Text (review) | Shown with the product \\| public | Kept while your account exists | Anonymised (replaced with \"[removed]\") |",
                "| Remote IP (request log) | To stop abuse | 7 days, counted from \"seen at\" | Not linked to your account, so not deleted with it (requests are counted per day, never linked to a customer) |",
            ],
            rows);
    }

    [Fact]
    public void Every_file_is_byte_identical_across_builds_and_source_orders()
    {
        string[] parts = App.Split("\n\n[", StringSplitOptions.None);
        string header = parts[0];
        string[] types = parts.Skip(1).Select(p => "[" + p).ToArray();
        Assert.Equal(4, types.Length);
        Generated first = Generate(App)!;
        Generated again = Generate(App)!;
        Generated reordered = Generate(types.Reverse().Select(t => header + "\n" + t).ToArray())!;

        foreach (Generated other in new[] { again, reordered })
        {
            Assert.Equal(first.Source, other.Source);
        }

        Assert.DoesNotContain("/src/", first.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EmailAddress", "e-mail address")]
    [InlineData("EMailAddress", "e-mail address")]
    [InlineData("RemoteIP", "remote IP")]
    [InlineData("IPv6Address", "IPv6 address")]
    [InlineData("UserId", "user ID")]
    [InlineData("avatar_url", "avatar URL")]
    public void Member_names_read_as_words(string name, string words) => Assert.Equal(words, HumanWords.Of(name));

    [Theory]
    [InlineData("CreatedAt", "created at")]
    [InlineData("LastLoginUtc", "last login")]
    [InlineData("Utc", "UTC")]
    public void Retention_clocks_read_as_words_without_a_time_zone(string name, string words) => Assert.Equal(words, HumanWords.Clock(name));

    [Fact]
    public void The_lock_text_records_each_type_and_reads_back_without_problems()
    {
        string lockText = Generate(App)!.Lock;

        Assert.Contains("type Shop.Order\n  retention: 30 days from PlacedAt\n  erasure: delete\n  member DeliveryAddress: contact\n", lockText, StringComparison.Ordinal);
        Assert.Contains("type Shop.RequestLog\n  retention: 7 days from SeenAt\n  erasure: none\n  member RemoteIp: network_identifier\n", lockText, StringComparison.Ordinal);
        var problems = new List<LockProblem>();
        Dictionary<string, DataMapLock.Entry> entries = DataMapLock.Parse(lockText, problems);
        Assert.Empty(problems);
        Assert.Equal(["Shop.Customer", "Shop.Order", "Shop.RequestLog", "Shop.Review"], entries.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_lock_of_a_retention_under_a_day_reads_back()
    {
        // [Retention(0, …)] is PII105's error; the lock an update writes from it must not be one PII120 cannot read.
        string lockText = Generate("using PiiGuard; namespace Shop; [DataSubject, Retention(0, nameof(At))] public sealed class Member { [PersonalData(PersonalDataKind.Contact)] public string Email { get; set; } = \"\"; public System.DateTimeOffset At { get; set; } }")!.Lock;
        var problems = new List<LockProblem>();

        Assert.Equal(0, DataMapLock.Parse(lockText, problems)["Shop.Member"].RetentionDays);
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("namespace Shop; public sealed class Plain { public string Name { get; set; } = \"\"; }")]
    [InlineData("using PiiGuard; namespace Shop; [TelemetryPayload(Name = \"usage\")] public sealed class Usage { [TelemetryField] public int Jobs { get; set; } }")]
    [InlineData("using PiiGuard; namespace Shop; [Retention(30, \"At\")] public sealed class Log { public System.DateTimeOffset At { get; set; } }")]
    public void Nothing_is_emitted_without_a_subject_or_a_classified_member(string source) =>
        Assert.Null(Generate(source));

    [Fact]
    public void A_classified_member_without_any_subject_is_mapped()
    {
        Generated map = Generate("using PiiGuard; namespace Shop; public sealed class Note { [PersonalData(PersonalDataKind.UserContent)] public string Body { get; set; } = \"\"; }")!;
        Assert.Equal("none", (string?)Type(JObject.Parse(map.Json), "Shop.Note")["erasure"]!["action"]);
        Assert.Contains("| Body (note) | Purpose not stated | No time limit stated | Not linked to your account, so not deleted with it |", map.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Identity_and_compliance_classifications_are_mapped_as_unspecified_never_guessed()
    {
        Generated map = Generate(Identity, IdentityUser)!;
        JToken user = Type(JObject.Parse(map.Json), "Shop.ShopUser");

        Assert.Equal(
            ["UserName:unspecified:aspnetcore_identity", "Email:unspecified:aspnetcore_identity", "PhoneNumber:unspecified:compliance", "Nickname:profile:piiguard"],
            user["members"]!.Select(m => $"{m["name"]}:{m["kind"]}:{m["source"]}"));
        Assert.Contains("## Other personal data (kind not specified)", map.Markdown, StringComparison.Ordinal);
        Assert.Contains("| User name (shop user) | Purpose not stated |", map.Markdown, StringComparison.Ordinal);
        Assert.Contains("  member Email: unspecified\n", map.Lock, StringComparison.Ordinal);
    }

    [Fact]
    public void The_entities_of_a_DbContext_are_in_the_map_even_without_annotations()
    {
        JObject map = JObject.Parse(Generate(App, EntityFramework, Context)!.Json);

        JToken basket = Type(map, "Shop.Basket");
        Assert.Empty(basket["members"]!);
        Assert.Equal("none", (string?)basket["erasure"]!["action"]);
        Assert.Equal(["Shop.Basket", "Shop.Customer", "Shop.Order", "Shop.RequestLog", "Shop.Review"], map["types"]!.Select(t => (string)t["name"]!));
    }

    [Fact]
    public void Positional_record_members_and_inherited_members_are_mapped()
    {
        const string source = """
            using PiiGuard;
            namespace Shop;
            public abstract class Person { [PersonalData(PersonalDataKind.Identity)] public string FullName { get; set; } = ""; }
            [DataSubject] public sealed class Member : Person { [PersonalData(PersonalDataKind.Contact)] public string Phone { get; set; } = ""; }
            public sealed record Message([property: PersonalData(PersonalDataKind.UserContent)] string Body);
            """;
        JObject map = JObject.Parse(Generate(source)!.Json);

        Assert.Equal(["FullName", "Phone"], Type(map, "Shop.Member")["members"]!.Select(m => (string)m["name"]!));
        Assert.Equal(["Body"], Type(map, "Shop.Message")["members"]!.Select(m => (string)m["name"]!));
    }

    [Fact]
    public void The_generated_attribute_compiles_and_carries_the_three_files()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(App);
        GeneratorDriver driver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var diagnostics);

        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        AttributeData attribute = Assert.Single(output.Assembly.GetAttributes(), a => a.AttributeClass?.Name == "PersonalDataMapAttribute");
        Generated generated = Generate(App)!;
        Assert.Equal([generated.Json, generated.Markdown, generated.Lock], attribute.ConstructorArguments.Select(a => (string)a.Value!));
    }

    private const string EntityFramework = """

        namespace Microsoft.EntityFrameworkCore
        {
            public class DbContext { }
            public class DbSet<TEntity> where TEntity : class { }
        }
        """;

    private const string Context = """

        namespace Shop
        {
            public sealed class Basket { public int Items { get; set; } }
            public sealed class ShopContext : Microsoft.EntityFrameworkCore.DbContext
            {
                public Microsoft.EntityFrameworkCore.DbSet<Basket> Baskets { get; set; } = null!;
                public Microsoft.EntityFrameworkCore.DbSet<Order> Orders { get; set; } = null!;
            }
        }
        """;

    private const string Identity = """
        namespace Microsoft.AspNetCore.Identity
        {
            [System.AttributeUsage(System.AttributeTargets.Property)]
            public class PersonalDataAttribute : System.Attribute { }
            public class ProtectedPersonalDataAttribute : PersonalDataAttribute { }
            public class IdentityUser
            {
                public virtual string Id { get; set; } = "";
                [ProtectedPersonalData] public virtual string UserName { get; set; } = "";
                [ProtectedPersonalData] public virtual string Email { get; set; } = "";
            }
        }

        namespace Microsoft.Extensions.Compliance.Classification
        {
            public abstract class DataClassificationAttribute : System.Attribute { }
        }
        """;

    private const string IdentityUser = """
        using PiiGuard;
        namespace Shop
        {
            public sealed class PrivateDataAttribute : Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute { }

            [DataSubject]
            public sealed class ShopUser : Microsoft.AspNetCore.Identity.IdentityUser
            {
                [PrivateData] public string PhoneNumber { get; set; } = "";
                [PersonalData(PersonalDataKind.Profile)] public string Nickname { get; set; } = "";
            }
        }
        """;

    private sealed record Generated(string Source, string Json, string Markdown, string Lock);

    private static GeneratorDriver Driver() =>
        CSharpGeneratorDriver.Create(
            new[] { new PersonalDataMapGenerator().AsSourceGenerator() },
            parseOptions: GeneratorHarness.ParseOptions);

    /// <summary>The generated data map of the sources, or null when the generator emits none.</summary>
    private static Generated? Generate(params string[] sources)
    {
        GeneratorRunResult run = Driver().RunGenerators(GeneratorHarness.Compile(sources)).GetRunResult().Results.Single();
        Assert.Null(run.Exception);
        if (run.GeneratedSources.IsEmpty)
        {
            return null;
        }

        GeneratedSourceResult file = Assert.Single(run.GeneratedSources);
        Assert.Equal(PersonalDataMapGenerator.HintName, file.HintName);
        string source = file.SourceText.ToString();

        // The attribute's arguments, read back as the compiler reads them.
        var tree = CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions);
        string[] arguments = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax>()
            .Select(l => (string)l.Token.Value!).ToArray();
        Assert.Equal(3, arguments.Length);
        return new Generated(source, arguments[0], arguments[1], arguments[2]);
    }

    private static JToken Type(JObject map, string name) => map["types"]!.Single(t => (string?)t["name"] == name);

    private static string RepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PiiGuard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PiiGuard.sln not found above " + AppContext.BaseDirectory);
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using PiiGuard.EndToEnd.Tests.Infrastructure;

namespace PiiGuard.EndToEnd.Tests;

/// <summary>
/// Each violations sample breaks every rule of its family: samples/Violations the payload rules, and
/// samples/FilamentTracker.Violations the application-data rules. Its build must fail, and say why on the console
/// and in SARIF.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ViolationsSampleTests
{
    public static TheoryData<string, string[]> Samples => new()
    {
        { "samples/Violations", ["PII001", "PII002", "PII003", "PII004", "PII005", "PII006", "PII007", "PII008"] },
        { "samples/FilamentTracker.Violations", ["PII100", "PII101", "PII102", "PII103", "PII104", "PII105", "PII106", "PII110", "PII111", "PII120"] },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Build_fails_and_reports_every_rule_on_the_console_and_in_the_sarif_log(string folder, string[] ruleIdsOfSample)
    {
        using var work = new TempDirectory("piiguard-e2e-violations");
        string sarifPath = work.Combine("violations.sarif");
        string project = Directory.GetFiles(Repository.PathOf(folder), "*.csproj").Single();

        // A comma separates properties on MSBuild's command line, so the one inside ErrorLog is escaped.
        DotnetResult build = Dotnet.Run(Repository.Root,
            "build", project, $"-p:ErrorLog={sarifPath}%2Cversion=2.1", "-nodeReuse:false", "-tl:off");

        Assert.False(build.Succeeded, $"{folder} must fail to build. " + build.Describe());
        var diagnostics = BuildDiagnostic.Parse(build.Output);
        Assert.All(diagnostics, d => Assert.True(d.IsPiiGuard, $"{folder} must fail only because of PiiGuard, not {d}. {build.Describe()}"));
        foreach (string id in ruleIdsOfSample)
        {
            // Strict mode is off in the sample: free text is a warning, every other rule an error.
            string severity = id == "PII006" ? "warning" : "error";
            Assert.True(diagnostics.Any(d => d.Id == id && d.Severity == severity),
                $"The build output has no {severity} {id}. {build.Describe()}");
        }

        Assert.True(File.Exists(sarifPath), $"The build wrote no SARIF log at {sarifPath}. {build.Describe()}");
        using JsonDocument sarif = JsonDocument.Parse(File.ReadAllText(sarifPath));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        List<(string RuleId, string Level, string Uri, int StartLine)> results = ReadResults(sarif.RootElement);
        string sample = Repository.PathOf(folder);
        foreach (string id in ruleIdsOfSample)
        {
            var ofRule = results.Where(r => r.RuleId == id).ToList();
            Assert.True(ofRule.Count > 0, $"The SARIF log has no result for {id}. Results: {string.Join(", ", results)}");
            Assert.All(ofRule, r =>
            {
                Assert.True(Uri.TryCreate(r.Uri, UriKind.Absolute, out Uri? uri) && uri.IsFile, $"{id} result has no file URI: '{r.Uri}'.");
                Assert.StartsWith(sample, uri!.LocalPath, StringComparison.Ordinal);
                Assert.True(File.Exists(uri.LocalPath), $"{id} result points to a missing file: {uri.LocalPath}.");
                Assert.True(r.StartLine > 0, $"{id} result at {r.Uri} has no start line.");
            });
        }

        // A rule that says different things has a descriptor per message, all with its id, title and description: the
        // log describes each rule once.
        string[] ruleIds = sarif.RootElement.GetProperty("runs").EnumerateArray()
            .SelectMany(run => run.GetProperty("tool").GetProperty("driver").TryGetProperty("rules", out JsonElement rules) ? rules.EnumerateArray() : [])
            .Select(rule => rule.GetProperty("id").GetString() ?? "")
            .Where(id => id.StartsWith("PII", StringComparison.Ordinal))
            .ToArray();
        // The log describes the rules of every loaded analyzer (the other family's too, with no result here).
        Assert.Equal(ruleIds.Distinct(StringComparer.Ordinal).Count(), ruleIds.Length);
        Assert.All(ruleIdsOfSample, id => Assert.Contains(id, ruleIds));

        Assert.All(results.Where(r => r.RuleId == "PII006"), r => Assert.Equal("warning", r.Level));
        Assert.All(results.Where(r => r.RuleId.StartsWith("PII", StringComparison.Ordinal) && r.RuleId != "PII006"), r => Assert.Equal("error", r.Level));
    }

    private static List<(string RuleId, string Level, string Uri, int StartLine)> ReadResults(JsonElement sarif)
    {
        var results = new List<(string, string, string, int)>();
        foreach (JsonElement run in sarif.GetProperty("runs").EnumerateArray())
        {
            foreach (JsonElement result in run.GetProperty("results").EnumerateArray())
            {
                string ruleId = result.GetProperty("ruleId").GetString() ?? "";
                string level = result.TryGetProperty("level", out JsonElement l) ? l.GetString() ?? "" : "warning";
                string uri = "";
                int startLine = 0;
                if (result.TryGetProperty("locations", out JsonElement locations) && locations.GetArrayLength() > 0 &&
                    locations[0].TryGetProperty("physicalLocation", out JsonElement physical))
                {
                    uri = physical.GetProperty("artifactLocation").GetProperty("uri").GetString() ?? "";
                    startLine = physical.TryGetProperty("region", out JsonElement region) && region.TryGetProperty("startLine", out JsonElement line)
                        ? line.GetInt32()
                        : 0;
                }

                results.Add((ruleId, level, uri, startLine));
            }
        }

        return results;
    }
}

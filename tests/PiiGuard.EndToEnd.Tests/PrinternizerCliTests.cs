using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using PiiGuard.EndToEnd.Tests.Infrastructure;

namespace PiiGuard.EndToEnd.Tests;

/// <summary>
/// samples/Printernizer's commands, the way a person tries each right by hand: the built sample run as
/// <c>dotnet Printernizer.dll --data DIR COMMAND</c> against a fresh data folder.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class PrinternizerCliTests
{
    [Fact]
    public void A_session_opts_in_records_previews_exports_deletes_and_opts_out()
    {
        using var temp = new TempDirectory("printernizer-cli");
        string data = temp.Combine("data");

        // Before opt-in: off, and recording stores nothing.
        CliResult status = Run(data, "status");
        Assert.Contains("Usage statistics:  off", status.Output, StringComparison.Ordinal);
        Assert.Contains("Installation id:   none", status.Output, StringComparison.Ordinal);
        Assert.Contains("Nothing recorded", Run(data, "record-job").Output, StringComparison.Ordinal);
        using (JsonDocument export = Json(Run(data, "export").Output))
        {
            Assert.Equal(0, export.RootElement.GetProperty("statistics").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, export.RootElement.GetProperty("installation_id").ValueKind);
            Assert.False(export.RootElement.GetProperty("consent").GetProperty("opted_in").GetBoolean());
        }

        // Opt-in: status shows a random id.
        Run(data, "opt-in");
        status = Run(data, "status");
        Assert.Contains("Usage statistics:  on (opted in)", status.Output, StringComparison.Ordinal);
        Match id = InstallationId().Match(status.Output);
        Assert.True(id.Success, "status shows no installation id after opt-in. " + status.Describe());
        string installationId = id.Groups[1].Value;

        // Record: 3 jobs (and files), and an error whose message holds a fake IP, e-mail and path.
        Assert.Contains("Stored for today: 3 jobs, 3 files", Run(data, "record-job", "--count", "3").Output, StringComparison.Ordinal);
        CliResult error = Run(data, "record-error", "--kind", "timeout", "--component", "printer");
        Assert.Contains("Kept:     error type ConnectionTimeout in PrinterService, and a count: 1 today", error.Output, StringComparison.Ordinal);

        // Preview: the week in progress, the exact bytes a submission would send, on the line after the description.
        CliResult preview = Run(data, "preview");
        string[] previewLines = Lines(preview.Output);
        Assert.True(previewLines.Length == 2 && previewLines[0].Contains("(in progress)", StringComparison.Ordinal), "preview prints a description and the body. " + preview.Describe());
        Assert.Contains("\"job_count\":3,", previewLines[1], StringComparison.Ordinal);
        using (JsonDocument body = Json(previewLines[1]))
        {
            JsonElement root = body.RootElement;
            Assert.Equal("1.0", root.GetProperty("schema_version").GetString());
            Assert.Equal(installationId, root.GetProperty("installation").GetProperty("installation_id").GetString());
            Assert.Equal(3, root.GetProperty("usage_stats").GetProperty("job_count").GetInt32());
            Assert.Equal(3, root.GetProperty("usage_stats").GetProperty("file_count").GetInt32());
            Assert.Equal(3, root.GetProperty("printer_fleet").GetProperty("printer_count").GetInt32());
            Assert.Equal(1, root.GetProperty("error_summary").GetProperty("connection_timeout").GetInt32());
            Assert.Contains($", {Encoding.UTF8.GetByteCount(previewLines[1])} bytes exactly as", previewLines[0], StringComparison.Ordinal);
        }

        // Export: the counts and the installation id, and nothing of the exception's message.
        CliResult exported = Run(data, "export");
        using (JsonDocument export = Json(exported.Output))
        {
            Assert.Equal(installationId, export.RootElement.GetProperty("installation_id").GetString());
            Dictionary<string, long> values = Values(export);
            Assert.Equal(3, values["counter Jobs"]);
            Assert.Equal(3, values["counter Files"]);
            Assert.Equal(1, values["error ConnectionTimeout PrinterService"]);
        }

        foreach (string secret in new[] { "192.168.1.5", "jane.doe@example.com", "/home/jane/prints/benchy.gcode" })
        {
            Assert.Contains(secret, error.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, exported.Output, StringComparison.Ordinal);
        }

        // Delete: no statistics left, and a new id (still opted in).
        Run(data, "delete");
        using (JsonDocument export = Json(Run(data, "export").Output))
        {
            Assert.Equal(0, export.RootElement.GetProperty("statistics").GetArrayLength());
            string? newId = export.RootElement.GetProperty("installation_id").GetString();
            Assert.True(Guid.TryParse(newId, out _), "After delete an opted-in user has a new id; export says " + newId);
            Assert.NotEqual(installationId, newId);
        }

        // Opt-out: off again, and the id is gone.
        Run(data, "opt-out");
        status = Run(data, "status");
        Assert.Contains("Usage statistics:  off", status.Output, StringComparison.Ordinal);
        Assert.Contains("Installation id:   none", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_usage_exits_1_and_an_unavailable_store_exits_2_each_with_a_message()
    {
        using var temp = new TempDirectory("printernizer-cli");
        string data = temp.Combine("data");

        foreach ((string[] arguments, string message) in new[]
        {
            (new[] { "frobnicate" }, "Unrecognized command or argument 'frobnicate'"),
            (new[] { "record-job", "--count", "many" }, "--count must be a whole number"),
            (new[] { "submit" }, "'submit' needs --endpoint URL"),
            (new[] { "submit", "--endpoint", "http://stats.example.org/" }, "must use https"),
            (new[] { "record-error", "--kind", "fire" }, "--kind must be one of timeout, io, http, unknown"),
            (new[] { "record-error" }, "'record-error' needs --kind timeout|io|http|unknown"),
            (new[] { "export", "--out=" }, "--out needs a value that is not empty"),
            (new[] { "status", "--count", "3" }, "Unrecognized command or argument '--count'"),
        })
        {
            CliResult result = Run(data, expectedExitCode: 1, arguments);
            Assert.True(result.Error.Contains(message, StringComparison.Ordinal), $"stderr must say \"{message}\". " + result.Describe());
            Assert.True(result.Output.Length == 0, "Bad usage prints nothing on stdout. " + result.Describe());
        }

        // A data folder that cannot be created (its parent is a file). Before the user decides nothing touches the disk,
        // so recording is simply dropped (exit 0); opting in creates the store: exit 2, a message, no stack trace.
        string file = temp.Write("not-a-folder", "");
        Run(Path.Combine(file, "data"), expectedExitCode: 0, "record-job");
        CliResult unavailable = Run(Path.Combine(file, "data"), expectedExitCode: 2, "opt-in");
        Assert.True(unavailable.Error.Contains("the statistics store is unavailable", StringComparison.Ordinal), unavailable.Describe());
        Assert.DoesNotContain("   at ", unavailable.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_the_commands_and_each_commands_options_on_stdout_and_exits_0()
    {
        using var temp = new TempDirectory("printernizer-cli");
        string data = temp.Combine("data");

        CliResult help = Run(data, "--help");
        foreach (string command in new[] { "status", "opt-in", "opt-out", "regenerate-id", "record-job", "record-error", "preview", "export", "delete", "submit", "demo", "help" })
        {
            Assert.True(help.Output.Contains("  " + command + " ", StringComparison.Ordinal), $"--help does not list '{command}'. " + help.Describe());
        }

        Assert.True(help.Error.Length == 0, "Help prints nothing on stderr. " + help.Describe());
        Assert.Equal(help.Output, Run(data, "help").Output);
        CliResult recordError = Run(data, "record-error", "--help");
        Assert.True(recordError.Output.Contains("--kind <timeout|io|http|unknown>", StringComparison.Ordinal) && recordError.Output.Contains("--data <DIR>", StringComparison.Ordinal),
            "record-error --help shows its own options and the global ones. " + recordError.Describe());
    }

    private static string SamplePath()
    {
        string path = typeof(PrinternizerCliTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "PrinternizerSamplePath").Value!;
        Assert.True(File.Exists(path), $"samples/Printernizer was not built: {path}.");
        return path;
    }

    private static CliResult Run(string data, params string[] arguments) => Run(data, 0, arguments);

    /// <summary>Runs <c>dotnet Printernizer.dll --data DATA ARGUMENTS</c> and checks its exit code.</summary>
    private static CliResult Run(string data, int expectedExitCode, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(Dotnet.DotnetExecutable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { SamplePath(), "--data", data }.Concat(arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        using var process = Process.Start(startInfo)!;
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Dotnet.DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`printernizer {string.Join(" ", arguments)}` did not finish within {Dotnet.DefaultTimeout.TotalMinutes:F0} minutes.");
        }

        var result = new CliResult(string.Join(" ", arguments), process.ExitCode, output.Result, error.Result);
        Assert.True(result.ExitCode == expectedExitCode, $"Expected exit code {expectedExitCode}. " + result.Describe());
        return result;
    }

    private static string[] Lines(string output) => output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    private static JsonDocument Json(string text) => JsonDocument.Parse(text);

    /// <summary>The export's statistics as "kind key [component]" → value, summed over days.</summary>
    private static Dictionary<string, long> Values(JsonDocument export)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (JsonElement row in export.RootElement.GetProperty("statistics").EnumerateArray())
        {
            string name = row.GetProperty("kind").GetString() + " " + row.GetProperty("key").GetString() +
                (row.TryGetProperty("component", out JsonElement component) ? " " + component.GetString() : "");
            values[name] = values.GetValueOrDefault(name) + row.GetProperty("value").GetInt64();
        }

        return values;
    }

    [GeneratedRegex(@"Installation id:\s+([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})")]
    private static partial Regex InstallationId();

    private sealed record CliResult(string Command, int ExitCode, string Output, string Error)
    {
        public string Describe() =>
            $"`printernizer {Command}` exited with {ExitCode}.{Environment.NewLine}stdout:{Environment.NewLine}{Output}{Environment.NewLine}stderr:{Environment.NewLine}{Error}";
    }
}

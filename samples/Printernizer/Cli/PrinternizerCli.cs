using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PiiGuard;

namespace Printernizer.Cli;

/// <summary>
/// The sample's command line: every user right and every step of PiiGuard's usage statistics (consent, recording,
/// preview, export, deletion, submission) against a data folder, so that a person can try each one by hand.
/// </summary>
/// <remarks>Exit codes: 0 done, 1 bad usage (the message on stderr names the problem), 2 the store is unavailable or another failure.</remarks>
internal static class PrinternizerCli
{
    public const int Ok = 0;
    public const int BadUsage = 1;
    public const int Failed = 2;

    public const string ProgramName = "printernizer";

    public static readonly OptionSpec Data = new("--data", "DIR", "The folder of the statistics database (default: printernizer-data in the system's temp folder).");
    public static readonly OptionSpec TimeZone = new("--time-zone", "ID", "The time zone the country code comes from, such as Europe/Berlin (default: the system's).");
    public static readonly OptionSpec AsOf = new("--as-of", "yyyy-MM-dd", "Run as if today were that day (UTC), to try a weekly submission without waiting a week.");
    public static readonly OptionSpec KeepLocalData = new("--keep-local-data", null, "Keep the local statistics (you can still export or delete them).");
    public static readonly OptionSpec DeleteRemoteData = new("--delete-remote-data", null, "Also ask the collector to delete what it holds under the old id (needs --endpoint).");
    public static readonly OptionSpec Count = new("--count", "N", "How many print jobs (default 1).");
    public static readonly OptionSpec Kind = new("--kind", "timeout|io|http|unknown", "What failed.", Required: true);
    public static readonly OptionSpec Component = new("--component", "printer|file|library", "Where it failed (default printer).");
    public static readonly OptionSpec Out = new("--out", "FILE", "Write the export to FILE instead of the console.");
    public static readonly OptionSpec Endpoint = new("--endpoint", "URL", "The collector's base address (https).");
    public static readonly OptionSpec RequiredEndpoint = Endpoint with { Required = true };
    public static readonly OptionSpec AllowInsecureLoopback = new("--allow-insecure-loopback", null, "Accept http://127.0.0.1, ::1 or localhost, for a local test collector.");
    public static readonly OptionSpec TrustRootCert = new("--trust-root-cert", "FILE.pem", "Trust the root certificate(s) in FILE.pem for the collector's TLS certificate.");

    public static readonly CommandSpec Demo = new("demo", "Print the policy's sample payload as a submission sends it, then this help (also: no command).", []);
    public static readonly CommandSpec Help = new("help", "Print this help (also: --help).", []);

    public static readonly IReadOnlyList<OptionSpec> GlobalOptions = [Data, TimeZone, AsOf];

    public static readonly IReadOnlyList<CommandSpec> Commands =
    [
        new("status", "Show consent, the installation id and the submission state.", []),
        new("opt-in", "Agree to usage statistics: makes a random installation id and starts recording.", []),
        new("opt-out", "Stop at once and forget the installation id; deletes local statistics unless told to keep them.", [KeepLocalData, Endpoint, AllowInsecureLoopback, TrustRootCert]),
        new("regenerate-id", "Replace the installation id with a new random one.", [DeleteRemoteData, Endpoint, AllowInsecureLoopback, TrustRootCert]),
        new("record-job", "Record print jobs and their files for today (and, once a day, the printer fleet and feature flags).", [Count]),
        new("record-error", "Throw an exception whose message holds a fake IP, e-mail and path, and record it: only its type, component and a count are kept.", [Kind, Component]),
        new("preview", "Print the exact bytes the next submission would send.", []),
        new("export", "Print everything stored, as JSON.", [Out]),
        new("delete", "Delete every local statistic and the submission log (a new id if you stay opted in).", []),
        new("submit", "Send deletion requests and the oldest completed week to a collector, if due.", [RequiredEndpoint, AllowInsecureLoopback, TrustRootCert]),
        Demo,
        Help,
    ];

    /// <summary>Runs the command line; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ParsedCommandLine commandLine;
        try
        {
            commandLine = CommandLineParser.Parse(args, Commands, GlobalOptions, Demo);
        }
        catch (UsageException e)
        {
            return ReportUsageError(error, e.Message);
        }

        if (commandLine.Help || commandLine.Command == Help)
        {
            PrintUsage(output);
            return Ok;
        }

        if (commandLine.Command == Demo)
        {
            SeedPayloadDemo.Print(output);
            output.WriteLine();
            PrintUsage(output);
            return Ok;
        }

        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var commands = new StatisticsCommands(commandLine, output, error);
            return await commands.RunAsync(cancellation.Token).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            return ReportUsageError(error, e.Message);
        }
        catch (ArgumentException e)
        {
            // An option PiiGuard refuses, such as an http endpoint that is not on this machine.
            string message = e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;
            return ReportUsageError(error, message);
        }
        catch (TelemetryStoreException e)
        {
            error.WriteLine($"{ProgramName}: the statistics store is unavailable: {e.Message}.");
            return Failed;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            error.WriteLine($"{ProgramName}: cancelled.");
            return Failed;
        }
        catch (CommandFailedException e)
        {
            error.WriteLine($"{ProgramName}: {e.Message}");
            return Failed;
        }
        catch (Exception e)
        {
            // No stack trace for a person at a console: what failed and why.
            error.WriteLine($"{ProgramName}: '{commandLine.Command.Name}' failed: {e.Message} ({e.GetType().Name})");
            return Failed;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    public static void PrintUsage(TextWriter output)
    {
        output.WriteLine($"Usage: {ProgramName} [--data DIR] [--time-zone ID] [--as-of yyyy-MM-dd] COMMAND [options]");
        output.WriteLine("       (from the repository: dotnet run --project samples/Printernizer -- COMMAND [options])");
        output.WriteLine();
        output.WriteLine("Printernizer's usage statistics, kept by PiiGuard in one SQLite file in DIR. Nothing is recorded");
        output.WriteLine("before opt-in, and nothing is ever sent except by 'submit'.");
        output.WriteLine();
        output.WriteLine("Commands:");
        int width = Commands.Max(c => c.Name.Length) + 2;
        foreach (CommandSpec command in Commands)
        {
            output.WriteLine($"  {command.Name.PadRight(width)}{command.Description}");
            if (command.Options.Count > 0)
            {
                output.WriteLine($"  {"".PadRight(width)}{command.Synopsis}");
            }
        }

        output.WriteLine();
        output.WriteLine("Options:");
        IEnumerable<OptionSpec> options = GlobalOptions.Concat(Commands.SelectMany(c => c.Options)).DistinctBy(o => o.Name);
        int optionWidth = options.Max(o => o.Synopsis.Length) + 2;
        foreach (OptionSpec option in options)
        {
            output.WriteLine($"  {option.Synopsis.PadRight(optionWidth)}{option.Description}");
        }

        output.WriteLine();
        output.WriteLine("Exit codes: 0 done, 1 bad usage, 2 the store is unavailable or the command failed.");
    }

    private static int ReportUsageError(TextWriter error, string message)
    {
        error.WriteLine($"{ProgramName}: {message}");
        error.WriteLine($"Run '{ProgramName} --help' for the commands and their options.");
        return BadUsage;
    }
}

/// <summary>A command could not do what it was asked; the message says why, for the user.</summary>
internal sealed class CommandFailedException : Exception
{
    public CommandFailedException(string message)
        : base(message)
    {
    }
}

using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PiiGuard;

namespace Printernizer.Cli;

/// <summary>
/// The sample's command line (System.CommandLine): every user right and every step of PiiGuard's usage statistics
/// (consent, recording, preview, export, deletion, submission) against a data folder, so that a person can try each
/// one by hand.
/// </summary>
/// <remarks>Exit codes: 0 done, 1 bad usage (the message on stderr names the problem), 2 the store is unavailable or another failure.</remarks>
internal static class PrinternizerCli
{
    public const int Ok = 0;
    public const int BadUsage = 1;
    public const int Failed = 2;

    public const string ProgramName = "printernizer";

    /// <summary>Runs the command line; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var invocation = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // Exceptions reach the handlers below (a message, no stack trace); Ctrl+C is handled below as well.
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        // System.CommandLine drops the empty value of "--data=" and takes the next argument as the value instead.
        if (args.FirstOrDefault(arg => arg.Length > 3 && arg.StartsWith("--", StringComparison.Ordinal) && arg[^1] is '=' or ':' && arg[2..^1].All(c => c is '-' or (>= 'a' and <= 'z'))) is { } empty)
        {
            string name = empty[..^1];
            return ReportUsageError(error, [$"{name} needs a value that is not empty."]);
        }

        var commandLine = new PrinternizerCommandLine(output, error, invocation);
        ParseResult parse = commandLine.Root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            return ReportUsageError(error, parse.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal));
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
            return await parse.InvokeAsync(invocation, cancellation.Token).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            return ReportUsageError(error, [e.Message]);
        }
        catch (ArgumentException e)
        {
            // An option PiiGuard refuses, such as an http endpoint that is not on this machine.
            string message = e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;
            return ReportUsageError(error, [message]);
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
            error.WriteLine($"{ProgramName}: '{parse.CommandResult.Command.Name}' failed: {e.Message} ({e.GetType().Name})");
            return Failed;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static int ReportUsageError(TextWriter error, IEnumerable<string> messages)
    {
        foreach (string message in messages)
        {
            error.WriteLine($"{ProgramName}: {message}");
        }

        error.WriteLine($"Run '{ProgramName} --help' for the commands and their options.");
        return BadUsage;
    }
}

/// <summary>
/// The commands and options, as System.CommandLine symbols: <c>[global options] COMMAND [options]</c>, where the global
/// options may come before or after the command, and an option's value follows it (<c>--count 3</c>) or is joined
/// with <c>=</c> or <c>:</c> (<c>--count=3</c>). A new instance per run, so no symbol belongs to two command trees.
/// </summary>
internal sealed class PrinternizerCommandLine
{
    private readonly Option<string?> _data = Text("--data", "DIR", "The folder of the statistics database (default: printernizer-data in the system's temp folder).", recursive: true);
    private readonly Option<string?> _timeZone = Text("--time-zone", "ID", "The time zone the country code comes from, such as Europe/Berlin (default: the system's).", recursive: true);
    private readonly Option<string?> _asOf = Text("--as-of", "yyyy-MM-dd", "Run as if today were that day (UTC), to try a weekly submission without waiting a week.", recursive: true);
    private readonly Option<bool> _keepLocalData = new("--keep-local-data") { Description = "Keep the local statistics (you can still export or delete them)." };
    private readonly Option<bool> _deleteRemoteData = new("--delete-remote-data") { Description = "Also ask the collector to delete what it holds under the old id (needs --endpoint)." };
    private readonly Option<int> _count = WholeNumber("--count", "N", "How many print jobs.", fallback: 1, min: 1, max: 1_000_000);
    private readonly Option<string?> _kind = Choice("--kind", "What failed (required).", "timeout", "io", "http", "unknown");
    private readonly Option<string?> _component = Choice("--component", "Where it failed (default printer).", "printer", "file", "library");
    private readonly Option<string?> _out = Text("--out", "FILE", "Write the export to FILE instead of the console.");
    private readonly Option<string?> _endpoint = Text("--endpoint", "URL", "The collector's base address (https).");
    private readonly Option<string?> _requiredEndpoint = Text("--endpoint", "URL", "The collector's base address (https; required).");
    private readonly Option<bool> _allowInsecureLoopback = new("--allow-insecure-loopback") { Description = "Accept http://127.0.0.1, ::1 or localhost, for a local test collector." };
    private readonly Option<string?> _trustRootCert = Text("--trust-root-cert", "FILE.pem", "Trust the root certificate(s) in FILE.pem for the collector's TLS certificate.");

    public PrinternizerCommandLine(TextWriter output, TextWriter error, InvocationConfiguration invocation)
    {
        Root = new RootCommand(
            "Printernizer's usage statistics, kept by PiiGuard in one SQLite file in DIR (--data). Nothing is recorded " +
            "before opt-in, and nothing is ever sent except by 'submit'. With no command it prints the policy's sample " +
            "payload as a submission sends it, then this help. From the repository: dotnet run --project " +
            "samples/Printernizer -- COMMAND [options]. Exit codes: 0 done, 1 bad usage, 2 the store is unavailable or " +
            "the command failed.")
        {
            _data,
            _timeZone,
            _asOf,
        };

        int PrintHelp() => Root.Parse(["--help"]).Invoke(invocation);

        Statistics("status", "Show consent, the installation id and the submission state.");
        Statistics("opt-in", "Agree to usage statistics: makes a random installation id and starts recording.");
        Statistics("opt-out", "Stop at once and forget the installation id; deletes local statistics unless told to keep them.", _keepLocalData, _endpoint, _allowInsecureLoopback, _trustRootCert);
        Statistics("regenerate-id", "Replace the installation id with a new random one.", _deleteRemoteData, _endpoint, _allowInsecureLoopback, _trustRootCert);
        Statistics("record-job", "Record print jobs and their files for today (and, once a day, the printer fleet and feature flags).", _count);
        Command recordError = Statistics("record-error", "Throw an exception whose message holds a fake IP, e-mail and path, and record it: only its type, component and a count are kept.", _kind, _component);
        Require(recordError, _kind, "--kind timeout|io|http|unknown");
        Statistics("preview", "Print the exact bytes the next submission would send.");
        Statistics("export", "Print everything stored, as JSON.", _out);
        Statistics("delete", "Delete every local statistic and the submission log (a new id if you stay opted in).");
        Command submit = Statistics("submit", "Send deletion requests and the oldest completed week to a collector, if due.", _requiredEndpoint, _allowInsecureLoopback, _trustRootCert);
        Require(submit, _requiredEndpoint, "--endpoint URL");

        var demo = new Command("demo", "Print the policy's sample payload as a submission sends it, then this help (also: no command).");
        demo.SetAction(_ => Demo(output, PrintHelp));
        Root.Subcommands.Add(demo);
        var help = new Command("help", "Print this help (also: --help).");
        help.SetAction(_ => PrintHelp());
        Root.Subcommands.Add(help);
        Root.SetAction(_ => Demo(output, PrintHelp));

        Command Statistics(string name, string description, params Option[] options)
        {
            var command = new Command(name, description);
            foreach (Option option in options)
            {
                command.Options.Add(option);
            }

            command.SetAction(async (parse, cancellationToken) =>
            {
                var commands = new StatisticsCommands(Arguments(parse), output, error);
                return await commands.RunAsync(cancellationToken).ConfigureAwait(false);
            });
            Root.Subcommands.Add(command);
            return command;
        }
    }

    /// <summary>Gets the root command, with every command and option.</summary>
    public RootCommand Root { get; }

    private static int Demo(TextWriter output, Func<int> printHelp)
    {
        SeedPayloadDemo.Print(output);
        output.WriteLine();
        return printHelp();
    }

    private CommandArguments Arguments(ParseResult parse) => new(
        parse.CommandResult.Command.Name,
        parse.GetValue(_data),
        parse.GetValue(_timeZone),
        parse.GetValue(_asOf),
        parse.GetValue(_keepLocalData),
        parse.GetValue(_deleteRemoteData),
        parse.GetValue(_count),
        parse.GetValue(_kind),
        parse.GetValue(_component),
        parse.GetValue(_out),
        parse.GetValue(_endpoint) ?? parse.GetValue(_requiredEndpoint),
        parse.GetValue(_allowInsecureLoopback),
        parse.GetValue(_trustRootCert));

    /// <summary>A command that cannot run without <paramref name="option"/>: a usage error that names the command and the option.</summary>
    private static void Require(Command command, Option option, string synopsis) =>
        command.Validators.Add(result =>
        {
            if (result.GetResult(option) is null)
            {
                result.AddError($"'{command.Name}' needs {synopsis}.");
            }
        });

    /// <summary>An option with a value that must not be empty.</summary>
    private static Option<string?> Text(string name, string valueName, string description, bool recursive = false)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = valueName, Recursive = recursive };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Any(token => token.Value.Length == 0))
            {
                result.AddError($"{name} needs a value that is not empty: {name} {valueName}.");
            }
        });
        return option;
    }

    /// <summary>An option whose value is a whole number in [<paramref name="min"/>, <paramref name="max"/>]; <paramref name="fallback"/> when not given.</summary>
    private static Option<int> WholeNumber(string name, string valueName, string description, int fallback, int min, int max) => new(name)
    {
        Description = description,
        HelpName = valueName,
        DefaultValueFactory = _ => fallback,
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
            {
                result.AddError($"{name} must be a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}; got '{text}'.");
                return fallback;
            }

            return value;
        },
    };

    /// <summary>An option whose value is one of <paramref name="choices"/> (ignoring case), as spelled there; null when not given.</summary>
    private static Option<string?> Choice(string name, string description, params string[] choices) => new(name)
    {
        Description = description,
        HelpName = string.Join('|', choices),
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            string? choice = choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
            if (choice is null)
            {
                result.AddError($"{name} must be one of {string.Join(", ", choices)}; got '{text}'.");
            }

            return choice;
        },
    };
}

/// <summary>What the command line asked a statistics command to do: its name and the options given with it.</summary>
internal sealed record CommandArguments(
    string Command,
    string? Data,
    string? TimeZone,
    string? AsOf,
    bool KeepLocalData,
    bool DeleteRemoteData,
    int Count,
    string? Kind,
    string? Component,
    string? Out,
    string? Endpoint,
    bool AllowInsecureLoopback,
    string? TrustRootCert);

/// <summary>The command line is wrong: the message names the problem (an option that needs another, a value it cannot use).</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
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

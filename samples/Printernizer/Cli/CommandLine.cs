using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Printernizer.Cli;

/// <summary>The command line is wrong: the message names the problem (an unknown command or option, a missing value).</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}

/// <summary>One option a command accepts.</summary>
/// <param name="Name">The option, with its dashes: <c>--count</c>.</param>
/// <param name="ValueName">What its value is called in the usage text (<c>N</c>), or null for a flag that takes no value.</param>
/// <param name="Description">One line for the usage text.</param>
/// <param name="Required">Whether the command cannot run without it.</param>
internal sealed record OptionSpec(string Name, string? ValueName, string Description, bool Required = false)
{
    public bool IsFlag => ValueName is null;

    public string Synopsis => IsFlag ? Name : Name + " " + ValueName;
}

/// <summary>One command: its name, a one-line description and the options it accepts besides the global ones.</summary>
internal sealed record CommandSpec(string Name, string Description, IReadOnlyList<OptionSpec> Options)
{
    /// <summary>Gets the command as the usage text shows it: <c>record-job [--count N]</c>; required options without brackets.</summary>
    public string Synopsis => string.Join(" ", Options.Select(o => o.Required ? o.Synopsis : "[" + o.Synopsis + "]").Prepend(Name));
}

/// <summary>What the command line asked for: one command and the options given with it.</summary>
internal sealed class ParsedCommandLine
{
    private readonly Dictionary<string, string?> _options;

    public ParsedCommandLine(CommandSpec command, Dictionary<string, string?> options, bool help)
    {
        Command = command;
        _options = options;
        Help = help;
    }

    public CommandSpec Command { get; }

    /// <summary>Gets whether <c>--help</c> (or <c>-h</c>) was given.</summary>
    public bool Help { get; }

    /// <summary>Whether the option (a flag or an option with a value) was given.</summary>
    public bool Has(string option) => _options.ContainsKey(option);

    /// <summary>The option's value, or null when it was not given.</summary>
    public string? Value(string option) => _options.TryGetValue(option, out string? value) ? value : null;

    /// <summary>The option's value; a usage error when it was not given.</summary>
    public string Required(string option) =>
        Value(option) ?? throw new UsageException($"'{Command.Name}' needs {Find(option).Synopsis}.");

    /// <summary>The option's value as a whole number in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/> when not given.</summary>
    public int Int32(string option, int fallback, int min, int max)
    {
        string? text = Value(option);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw new UsageException($"{option} must be a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}; got '{text}'.");
        }

        return value;
    }

    /// <summary>
    /// The option's value, which must be one of <paramref name="choices"/> (ignoring case), as spelled there; null
    /// when the option was not given.
    /// </summary>
    public string? Choice(string option, params string[] choices)
    {
        string? text = Value(option);
        if (text is null)
        {
            return null;
        }

        return choices.FirstOrDefault(choice => string.Equals(choice, text, StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"{option} must be one of {string.Join(", ", choices)}; got '{text}'.");
    }

    private OptionSpec Find(string option) => Command.Options.First(o => o.Name == option);
}

/// <summary>
/// A small command-line parser: <c>[global options] COMMAND [options]</c>, where options may come before or after the
/// command, and an option's value follows it (<c>--count 3</c>) or is joined with <c>=</c> (<c>--count=3</c>).
/// </summary>
internal static class CommandLineParser
{
    public const string HelpOption = "--help";

    /// <summary>Parses <paramref name="args"/>; an empty command line is <paramref name="defaultCommand"/>.</summary>
    /// <exception cref="UsageException">An unknown command or option, a flag with a value, an option without one, an option given twice, or an extra argument.</exception>
    public static ParsedCommandLine Parse(
        IReadOnlyList<string> args,
        IReadOnlyList<CommandSpec> commands,
        IReadOnlyList<OptionSpec> globalOptions,
        CommandSpec defaultCommand)
    {
        CommandSpec? command = null;
        bool help = false;
        var given = new List<(string Name, string? Value)>();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg is "-h" or HelpOption or "-?")
            {
                help = true;
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                int equals = arg.IndexOf('=', StringComparison.Ordinal);
                string name = equals < 0 ? arg : arg[..equals];
                string? inline = equals < 0 ? null : arg[(equals + 1)..];
                given.Add((name, inline));
                // Whether the next argument is this option's value is known only once the command is: look it up now
                // among every option that takes a value, since no option is a flag for one command and valued for another.
                if (inline is null && TakesValue(name, commands, globalOptions) && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    given[^1] = (name, args[++i]);
                }
            }
            else if (arg.StartsWith('-') && arg.Length > 1)
            {
                throw new UsageException($"unknown option '{arg}' (options start with two dashes, such as --data).");
            }
            else if (command is null)
            {
                command = commands.FirstOrDefault(c => c.Name == arg)
                    ?? throw new UsageException($"unknown command '{arg}'. Commands: {string.Join(", ", commands.Select(c => c.Name))}.");
            }
            else
            {
                throw new UsageException($"unexpected argument '{arg}': '{command.Name}' takes no arguments, only options.");
            }
        }

        command ??= defaultCommand;
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach ((string name, string? value) in given)
        {
            OptionSpec spec = globalOptions.Concat(command.Options).FirstOrDefault(o => o.Name == name)
                ?? throw new UsageException(UnknownOption(name, command, commands));
            if (spec.IsFlag && value is not null)
            {
                throw new UsageException($"{name} is a flag and takes no value; got '{value}'.");
            }

            if (!spec.IsFlag && value is null)
            {
                throw new UsageException($"{name} needs a value: {spec.Synopsis}.");
            }

            if (!spec.IsFlag && value!.Length == 0)
            {
                throw new UsageException($"{name} needs a value that is not empty: {spec.Synopsis}.");
            }

            if (!options.TryAdd(name, value))
            {
                throw new UsageException($"{name} is given more than once.");
            }
        }

        if (!help && command.Options.FirstOrDefault(o => o.Required && !options.ContainsKey(o.Name)) is { } missing)
        {
            throw new UsageException($"'{command.Name}' needs {missing.Synopsis}.");
        }

        return new ParsedCommandLine(command, options, help);
    }

    private static bool TakesValue(string name, IReadOnlyList<CommandSpec> commands, IReadOnlyList<OptionSpec> globalOptions) =>
        globalOptions.Concat(commands.SelectMany(c => c.Options)).Any(o => o.Name == name && !o.IsFlag);

    private static string UnknownOption(string name, CommandSpec command, IReadOnlyList<CommandSpec> commands)
    {
        List<string> owners = commands.Where(c => c.Options.Any(o => o.Name == name)).Select(c => "'" + c.Name + "'").ToList();
        return owners.Count > 0
            ? $"'{command.Name}' has no option {name} (it belongs to {string.Join(", ", owners)})."
            : $"unknown option '{name}'.";
    }
}

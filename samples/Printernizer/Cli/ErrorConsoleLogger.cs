using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Extensions.Logging;

namespace Printernizer.Cli;

/// <summary>
/// Shows PiiGuard's warnings (a damaged database moved aside, a store that cannot be opened) on stderr, each once.
/// PiiGuard's log messages carry no statistic, id or path.
/// </summary>
internal sealed class ErrorConsoleLogger : ILogger
{
    private readonly TextWriter _error;
    private readonly HashSet<string> _shown = new(StringComparer.Ordinal);

    public ErrorConsoleLogger(TextWriter error)
    {
        _error = error;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        string message = formatter(state, exception);
        lock (_shown)
        {
            if (_shown.Add(message))
            {
                _error.WriteLine($"{PrinternizerCli.ProgramName}: PiiGuard {(logLevel >= LogLevel.Error ? "error" : "warning")}: {message}");
            }
        }
    }
}

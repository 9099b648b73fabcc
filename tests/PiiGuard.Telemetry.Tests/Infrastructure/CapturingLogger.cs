using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace PiiGuard.Telemetry.Tests;

/// <summary>One message a <see cref="CapturingLogger"/> received.</summary>
/// <param name="Level">Its level.</param>
/// <param name="EventId">Its event id.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Values">The structured values (including the message template as <c>{OriginalFormat}</c>), as text.</param>
/// <param name="Exception">The exception passed along, if any.</param>
public sealed record LogEntry(LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, string?>> Values, Exception? Exception)
{
    /// <summary>Everything a log sink could write for this entry: message, values, event name and exception.</summary>
    public string AllText =>
        string.Join(
            "\n",
            new[] { Message, EventId.Name ?? string.Empty, Exception?.ToString() ?? string.Empty }
                .Concat(Values.Select(value => value.Key + "=" + value.Value)));
}

/// <summary>An <see cref="ILogger"/> that keeps every message at every level, and every scope, thread-safely.</summary>
public sealed class CapturingLogger : ILogger
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private readonly ConcurrentQueue<string> _scopes = new();

    /// <summary>The messages so far, oldest first.</summary>
    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

    /// <summary>The scopes begun so far, as text.</summary>
    public IReadOnlyList<string> Scopes => _scopes.ToArray();

    /// <inheritdoc/>
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        _scopes.Enqueue(Describe(state));
        return null;
    }

    /// <inheritdoc/>
    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    /// <inheritdoc/>
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        KeyValuePair<string, string?>[] values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.Select(pair => KeyValuePair.Create(pair.Key, Convert.ToString(pair.Value, CultureInfo.InvariantCulture))).ToArray()
            : [];
        _entries.Enqueue(new LogEntry(logLevel, eventId, formatter(state, exception), values, exception));
    }

    private static string Describe<TState>(TState state) =>
        state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join("; ", pairs.Select(pair => pair.Key + "=" + Convert.ToString(pair.Value, CultureInfo.InvariantCulture)))
            : Convert.ToString(state, CultureInfo.InvariantCulture) ?? string.Empty;
}

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PiiGuard.Telemetry.Tests;

namespace PiiGuard.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>
/// A logger provider that keeps every message (<see cref="Logs"/>) and counts the maintenance service's runs: each run
/// ends with exactly one message of event 1 (failed), 2 (nothing due) or 3 (erased or expired rows).
/// </summary>
public sealed class RunLog : ILoggerProvider
{
    /// <summary>How long to wait for a run before giving up: a guard against a hung test, not a measurement.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private readonly List<(int Runs, TaskCompletionSource Done)> _waiting = [];
    private int _runs;

    /// <summary>Gets every message.</summary>
    public CapturingLogger Logs { get; } = new();

    /// <summary>Waits until <paramref name="runs"/> runs have ended.</summary>
    public Task WaitForRunsAsync(int runs)
    {
        lock (_waiting)
        {
            if (_runs >= runs)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((runs, done));
            return done.Task.WaitAsync(HangGuard);
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private void Logged(EventId eventId)
    {
        if (eventId.Id is < 1 or > 3)
        {
            return;
        }

        lock (_waiting)
        {
            _runs++;
            foreach ((int runs, TaskCompletionSource done) in _waiting.ToArray())
            {
                if (runs <= _runs)
                {
                    done.TrySetResult();
                    _waiting.Remove((runs, done));
                }
            }
        }
    }

    private sealed class Logger(RunLog owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner.Logs.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner.Logs.Log(logLevel, eventId, state, exception, formatter);
            if (eventId.Name?.StartsWith("PersonalDataMaintenance", StringComparison.Ordinal) == true)
            {
                owner.Logged(eventId);
            }
        }
    }
}

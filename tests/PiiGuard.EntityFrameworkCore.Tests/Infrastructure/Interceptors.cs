using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PiiGuard.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>Keeps the text of every command the context executes, in order.</summary>
public sealed class StatementLog : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _statements = new();

    /// <summary>Gets the statements so far.</summary>
    public IReadOnlyList<string> Statements => _statements.ToArray();

    /// <summary>The DELETE statements on <paramref name="table"/>.</summary>
    public int DeletesOn(string table) =>
        Statements.Count(statement => statement.TrimStart().StartsWith("DELETE FROM", StringComparison.OrdinalIgnoreCase) && statement.Contains('"' + table + '"', StringComparison.Ordinal));

    /// <summary>Forgets the statements so far.</summary>
    public void Clear() => _statements.Clear();

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        _statements.Enqueue(command.CommandText);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        _statements.Enqueue(command.CommandText);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        _statements.Enqueue(command.CommandText);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _statements.Enqueue(command.CommandText);
        return ValueTask.FromResult(result);
    }
}

/// <summary>Calls back when the data reader of a command whose text holds <paramref name="marker"/> closes.</summary>
public sealed class ReaderClosed(string marker, Action onClosed) : DbCommandInterceptor
{
    private int _called;

    public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Called(command);
        return result;
    }

    public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Called(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Called(command);
        return result;
    }

    private void Called(DbCommand command)
    {
        if (command.CommandText.Contains(marker, StringComparison.Ordinal) && Interlocked.Exchange(ref _called, 1) == 0)
        {
            onClosed();
        }
    }
}

/// <summary>Throws, while armed, instead of running a command whose text holds <paramref name="marker"/>; disarms itself after <paramref name="times"/> failures.</summary>
public sealed class FailingCommands(string marker) : DbCommandInterceptor
{
    private int _remaining;

    /// <summary>Fails the next <paramref name="times"/> matching commands.</summary>
    public void Arm(int times = 1) => Volatile.Write(ref _remaining, times);

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    private void Check(DbCommand command)
    {
        if (command.CommandText.Contains(marker, StringComparison.Ordinal) && Interlocked.Decrement(ref _remaining) >= 0)
        {
            throw new InjectedFailureException();
        }
    }
}

/// <summary>The failure <see cref="FailingCommands"/> throws.</summary>
public sealed class InjectedFailureException() : Exception("A failure the test injected.");

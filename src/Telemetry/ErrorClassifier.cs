using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Reflection;
using PiiGuard.Telemetry.Recording;

namespace PiiGuard;

/// <summary>The broad kinds of failure that <see cref="ErrorClassifier{TError}"/> recognises without being told.</summary>
public enum ErrorKind
{
    /// <summary>Anything not recognised.</summary>
    Unknown = 0,

    /// <summary>A <see cref="TimeoutException"/>, a socket timeout, or an <see cref="HttpClient"/> request that timed out.</summary>
    Timeout = 1,

    /// <summary>An <see cref="IOException"/> (files, pipes, streams) or an <see cref="UnauthorizedAccessException"/>.</summary>
    IO = 2,

    /// <summary>An <see cref="HttpRequestException"/>.</summary>
    Http = 3,

    /// <summary>A <see cref="SocketException"/> that is not a timeout: refused, unreachable, reset.</summary>
    Network = 4,

    /// <summary>An <see cref="OperationCanceledException"/> that is not a timeout.</summary>
    Cancellation = 5,
}

/// <summary>
/// Maps an exception to an error type of the app's own enum, so that <see cref="UsageStatistics.RecordError{TComponent}"/>
/// stores only that type, the component and a count: never the message, the stack trace, a path or anything inside
/// the exception, which is where personal data hides ("Failed to connect to printer at 192.168.1.5").
/// </summary>
/// <remarks>
/// Rules, most specific first: an exception type mapped with <see cref="ErrorClassifier{TError}.Map{TException}(TError)"/> (the exception's own type,
/// then its base types); then its <see cref="ErrorKind"/>, when that kind is mapped with <see cref="ErrorClassifier{TError}.Map(ErrorKind, TError)"/>;
/// then the fallback. <see cref="AggregateException"/> with one inner exception and
/// <see cref="TargetInvocationException"/> are unwrapped first.
/// </remarks>
public abstract class ErrorClassifier
{
    private protected ErrorClassifier()
    {
    }

    /// <summary>The kind of failure <paramref name="exception"/> is.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>Its kind.</returns>
    public static ErrorKind KindOf(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        exception = Unwrap(exception);
        return exception switch
        {
            TimeoutException => ErrorKind.Timeout,
            SocketException { SocketErrorCode: SocketError.TimedOut } => ErrorKind.Timeout,
            // HttpClient reports its own timeout as a TaskCanceledException around a TimeoutException.
            OperationCanceledException { InnerException: TimeoutException } => ErrorKind.Timeout,
            OperationCanceledException => ErrorKind.Cancellation,
            HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.TimedOut } } => ErrorKind.Timeout,
            HttpRequestException => ErrorKind.Http,
            SocketException => ErrorKind.Network,
            IOException { InnerException: SocketException { SocketErrorCode: SocketError.TimedOut } } => ErrorKind.Timeout,
            IOException { InnerException: SocketException } => ErrorKind.Network,
            IOException or UnauthorizedAccessException => ErrorKind.IO,
            _ => ErrorKind.Unknown,
        };
    }

    /// <summary>The error type <paramref name="exception"/> maps to, as a packed statistic key part: (type id, member index).</summary>
    internal abstract (int TypeId, int Index) ClassifyKey(Exception exception);

    private protected static Exception Unwrap(Exception exception)
    {
        for (int i = 0; i < 8; i++)
        {
            if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
            {
                exception = aggregate.InnerExceptions[0];
            }
            else if (exception is TargetInvocationException { InnerException: { } inner })
            {
                exception = inner;
            }
            else
            {
                break;
            }
        }

        return exception;
    }
}

/// <summary>Maps exceptions to the app's error enum <typeparamref name="TError"/>; see <see cref="ErrorClassifier"/>.</summary>
/// <typeparam name="TError">The app's error types, such as <c>ConnectionTimeout</c>, <c>FileDownloadFailed</c>, <c>UnknownError</c>.</typeparam>
public sealed class ErrorClassifier<TError> : ErrorClassifier
    where TError : struct, Enum
{
    private readonly TError _fallback;
    private readonly Dictionary<ErrorKind, TError> _kinds = [];
    private readonly Dictionary<Type, TError> _types = [];

    /// <summary>Creates a classifier that maps every exception it has no rule for to <paramref name="fallback"/>.</summary>
    /// <param name="fallback">The error type of an exception no rule matches, such as <c>UnknownError</c>.</param>
    public ErrorClassifier(TError fallback)
    {
        _fallback = fallback;
    }

    /// <summary>Maps every exception of <paramref name="kind"/> (unless a type rule matches first) to <paramref name="errorType"/>.</summary>
    /// <param name="kind">The kind, such as <see cref="ErrorKind.Timeout"/>.</param>
    /// <param name="errorType">The app's error type.</param>
    /// <returns>This classifier.</returns>
    public ErrorClassifier<TError> Map(ErrorKind kind, TError errorType)
    {
        lock (_kinds)
        {
            _kinds[kind] = errorType;
        }

        return this;
    }

    /// <summary>Maps <typeparamref name="TException"/> and the exceptions derived from it to <paramref name="errorType"/>.</summary>
    /// <typeparam name="TException">The exception type.</typeparam>
    /// <param name="errorType">The app's error type.</param>
    /// <returns>This classifier.</returns>
    public ErrorClassifier<TError> Map<TException>(TError errorType)
        where TException : Exception
    {
        lock (_kinds)
        {
            _types[typeof(TException)] = errorType;
        }

        return this;
    }

    /// <summary>The error type of <paramref name="exception"/>.</summary>
    /// <param name="exception">The exception; only its type (and, for <see cref="ErrorKind"/>, its inner exception's type) is looked at.</param>
    /// <returns>The app's error type.</returns>
    public TError Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Exception unwrapped = Unwrap(exception);
        lock (_kinds)
        {
            for (Type? type = unwrapped.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            {
                if (_types.TryGetValue(type, out TError mapped))
                {
                    return mapped;
                }
            }

            return _kinds.TryGetValue(KindOf(unwrapped), out TError byKind) ? byKind : _fallback;
        }
    }

    internal override (int TypeId, int Index) ClassifyKey(Exception exception) =>
        (EnumKeys<TError>.TypeId, EnumKeys<TError>.IndexOf(Classify(exception)));
}

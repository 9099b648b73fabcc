using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Reflection;

namespace PiiGuard;

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

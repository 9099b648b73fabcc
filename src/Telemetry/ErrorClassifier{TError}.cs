using System;
using System.Collections.Generic;
using PiiGuard.Telemetry.Recording;

namespace PiiGuard;

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

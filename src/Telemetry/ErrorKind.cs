using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;

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

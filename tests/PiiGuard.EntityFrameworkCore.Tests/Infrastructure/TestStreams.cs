using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PiiGuard.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>
/// A destination like ASP.NET Core's response body: write-only, not seekable, and refusing synchronous writes and
/// flushes. It keeps what it received, and can mark how much had arrived at a moment.
/// </summary>
public sealed class AsyncOnlyStream : Stream
{
    private readonly MemoryStream _received = new();

    /// <summary>Gets how many bytes had arrived when <see cref="Mark"/> was called, or -1.</summary>
    public long Marked { get; private set; } = -1;

    /// <summary>Gets every byte received.</summary>
    public byte[] Received => _received.ToArray();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Records how many bytes have arrived so far.</summary>
    public void Mark()
    {
        lock (_received)
        {
            Marked = _received.Length;
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");

    public override void Write(ReadOnlySpan<byte> buffer) => throw new InvalidOperationException("Synchronous operations are disallowed.");

    public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        lock (_received)
        {
            _received.Write(buffer.Span);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

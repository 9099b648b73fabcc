using System.Buffers;

namespace PiiGuard.EntityFrameworkCore.Rights;

/// <summary>
/// The stream an export's <see cref="System.IO.Compression.ZipArchive"/> writes to: write-only and not seekable (so
/// the archive streams, with a data descriptor after each entry), passing asynchronous writes straight on to the
/// destination and holding the few small synchronous ones (the archive writes its headers, trailers and central
/// directory synchronously) until the next asynchronous write or <see cref="DrainAsync"/>. The destination therefore
/// only ever sees asynchronous writes, as ASP.NET Core's response body requires, and at most one entry's headers wait
/// in memory.
/// </summary>
internal sealed class ZipOutputStream(Stream destination) : Stream
{
    private readonly ArrayBufferWriter<byte> _pending = new(1024);

    /// <inheritdoc/>
    public override bool CanRead => false;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _pending.Write(buffer);
    }

    /// <inheritdoc/>
    public override void WriteByte(byte value) => Write([value]);

    /// <inheritdoc/>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <inheritdoc/>
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await DrainAsync(cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes what the archive wrote synchronously on to the destination.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        if (_pending.WrittenCount > 0)
        {
            await destination.WriteAsync(_pending.WrittenMemory, cancellationToken).ConfigureAwait(false);
            _pending.ResetWrittenCount();
        }
    }

    /// <inheritdoc/>
    public override void Flush()
    {
        // The archive flushes synchronously; what it wrote reaches the destination at the next asynchronous write or drain.
    }

    /// <inheritdoc/>
    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await DrainAsync(cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();
}

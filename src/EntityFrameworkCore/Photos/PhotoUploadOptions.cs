namespace PiiGuard.EntityFrameworkCore.Photos;

/// <summary>
/// The limits and the quality of <see cref="PhotoUploader"/>. The limits guard against decompression bombs: an upload
/// larger than <see cref="MaxBytes"/> is not read to its end, and one whose header declares more than
/// <see cref="MaxPixels"/> pixels is refused before any pixel is decoded.
/// </summary>
public sealed class PhotoUploadOptions
{
    /// <summary>The default <see cref="MaxBytes"/>: 20 MiB, more than a phone camera's full-size JPEG.</summary>
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    /// <summary>
    /// The default <see cref="MaxPixels"/>: 50 million (a 50-megapixel photo); decoding one takes 200 MB of memory,
    /// and turning it upright as much again.
    /// </summary>
    public const long DefaultMaxPixels = 50_000_000;

    /// <summary>The default <see cref="JpegQuality"/>: 90.</summary>
    public const int DefaultJpegQuality = 90;

    /// <summary>
    /// The most bytes an upload may have (default <see cref="DefaultMaxBytes"/>); at most <see cref="Array.MaxLength"/>.
    /// Reading stops at the first byte past it.
    /// </summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>
    /// The most pixels (width times height, as the image's header declares them) an upload may have (default
    /// <see cref="DefaultMaxPixels"/>), checked before anything is decoded.
    /// </summary>
    public long MaxPixels { get; set; } = DefaultMaxPixels;

    /// <summary>The quality, 1 to 100, at which a JPEG is encoded again (default <see cref="DefaultJpegQuality"/>).</summary>
    public int JpegQuality { get; set; } = DefaultJpegQuality;
}

using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace PiiGuard.EntityFrameworkCore.Photos;

/// <summary>
/// Stores an uploaded JPEG or PNG photo without its metadata: the image is decoded and encoded again by SkiaSharp
/// (Google's Skia), so that nothing but its pixels reaches the destination: no EXIF (camera, time, GPS position), XMP,
/// IPTC, comments, PNG text chunks or embedded colour profile. The EXIF orientation is applied to the pixels first, so a
/// portrait photo stays portrait. Thread-safe: one instance serves every upload.
/// </summary>
/// <remarks>
/// <para>
/// The format is judged by the upload's bytes, never by its file name or declared content type; anything but a
/// complete JPEG or PNG is refused with a <see cref="PhotoRejectedException"/>. The limits of
/// <see cref="PhotoUploadOptions"/> are checked before the pixels are decoded. A JPEG is stored as a JPEG (encoded
/// again at <see cref="PhotoUploadOptions.JpegQuality"/>, so with some loss), a PNG as a PNG (lossless, transparency
/// kept).
/// </para>
/// <para>
/// The embedded ICC colour profile is dropped too: the pixels are converted to sRGB, the colour space of the web, and
/// stored untagged. A profile describes a device's colours rather than a person, but it is a free-form block whose
/// description and copyright texts can carry anything (a device or software name, a user's own words), and a store
/// that keeps nothing but pixels needs no judgement of each block. A photo taken in a wider gamut (Display P3) loses
/// the colours outside sRGB. A multi-frame PNG (APNG) is stored as its first frame.
/// </para>
/// </remarks>
public sealed class PhotoUploader
{
    private const int ReadChunk = 81920;

    private readonly long _maxBytes;
    private readonly long _maxPixels;
    private readonly int _jpegQuality;

    /// <summary>Creates the uploader.</summary>
    /// <param name="options">The limits and quality; null for the defaults. Read once, here.</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit is not positive, <see cref="PhotoUploadOptions.MaxBytes"/> is above <see cref="Array.MaxLength"/>, or the quality is outside 1 to 100.</exception>
    public PhotoUploader(PhotoUploadOptions? options = null)
    {
        options ??= new PhotoUploadOptions();
        if (options.MaxBytes <= 0 || options.MaxBytes > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxBytes, $"{nameof(PhotoUploadOptions)}.{nameof(PhotoUploadOptions.MaxBytes)} must be between 1 and {Array.MaxLength}.");
        }

        if (options.MaxPixels <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxPixels, $"{nameof(PhotoUploadOptions)}.{nameof(PhotoUploadOptions.MaxPixels)} must be positive.");
        }

        if (options.JpegQuality is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.JpegQuality, $"{nameof(PhotoUploadOptions)}.{nameof(PhotoUploadOptions.JpegQuality)} must be between 1 and 100.");
        }

        _maxBytes = options.MaxBytes;
        _maxPixels = options.MaxPixels;
        _jpegQuality = options.JpegQuality;
    }

    /// <summary>
    /// Reads an uploaded photo from <paramref name="photo"/> (to its end, at most
    /// <see cref="PhotoUploadOptions.MaxBytes"/> bytes) and writes it to <paramref name="destination"/> upright and
    /// without metadata. Neither stream is closed; nothing is written when the upload is refused.
    /// </summary>
    /// <param name="photo">The upload, read from its current position.</param>
    /// <param name="destination">Where the stored image is written, from its current position.</param>
    /// <param name="cancellationToken">Cancels the reading and the writing.</param>
    /// <returns>What was stored: its content type, size in pixels and length in bytes.</returns>
    /// <exception cref="PhotoRejectedException">The upload is not a complete JPEG or PNG within the limits; <see cref="PhotoRejectedException.Reason"/> says why.</exception>
    public async Task<StoredPhoto> StoreAsync(Stream photo, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(destination);
        if (!photo.CanRead)
        {
            throw new ArgumentException("The photo stream cannot be read.", nameof(photo));
        }

        if (!destination.CanWrite)
        {
            throw new ArgumentException("The destination stream cannot be written.", nameof(destination));
        }

        using MemoryStream upload = await ReadBoundedAsync(photo, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        (SKData encoded, StoredPhoto stored) = Reencode(upload);
        using (encoded)
        {
            using Stream encodedStream = encoded.AsStream();
            await encodedStream.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        }

        return stored;
    }

    private async Task<MemoryStream> ReadBoundedAsync(Stream photo, CancellationToken cancellationToken)
    {
        if (photo.CanSeek && photo.Length - photo.Position > _maxBytes)
        {
            throw TooManyBytes();
        }

        var upload = new MemoryStream();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ReadChunk);
        try
        {
            while (true)
            {
                // Never more than one byte past the limit: that byte is enough to know the upload is too large.
                int wanted = (int)Math.Min(chunk.Length, _maxBytes + 1 - upload.Length);
                int read = await photo.ReadAsync(chunk.AsMemory(0, wanted), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                upload.Write(chunk, 0, read);
                if (upload.Length > _maxBytes)
                {
                    throw TooManyBytes();
                }
            }
        }
        catch
        {
            upload.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        upload.Position = 0;
        return upload;
    }

    private (SKData Encoded, StoredPhoto Stored) Reencode(MemoryStream upload)
    {
        if (upload.Length == 0)
        {
            throw NotAnImage();
        }

        using SKCodec? codec = SKCodec.Create(new MemoryStream(upload.GetBuffer(), 0, (int)upload.Length, writable: false), out SKCodecResult created);
        if (codec is null)
        {
            // The decoder says "incomplete" of any upload too short to tell its format: only one that starts as a JPEG
            // or a PNG does is a damaged photo; a short text or other file is no image at all.
            throw created == SKCodecResult.IncompleteInput && StartsLikeJpegOrPng(upload.GetBuffer().AsSpan(0, (int)upload.Length))
                ? new PhotoRejectedException(PhotoRejectionReason.Corrupt, "The upload ends before the image's header is complete; it is truncated or damaged and cannot be stored.")
                : NotAnImage();
        }

        SKEncodedImageFormat format = codec.EncodedFormat;
        if (format is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png))
        {
            throw new PhotoRejectedException(
                PhotoRejectionReason.UnsupportedFormat,
                $"The upload is a {FormatName(format)} image; only JPEG and PNG photos are accepted.");
        }

        // The limit is judged by the header's dimensions, before a pixel is decoded or memory is taken for them.
        int width = codec.Info.Width;
        int height = codec.Info.Height;
        if (width <= 0 || height <= 0)
        {
            throw Corrupt(format);
        }

        if ((long)width * height > _maxPixels)
        {
            throw new PhotoRejectedException(
                PhotoRejectionReason.TooManyPixels,
                string.Create(CultureInfo.InvariantCulture, $"The {FormatName(format)} photo is {width} x {height} pixels, more than the {_maxPixels} pixels an upload may have."));
        }

        SKAlphaType alpha = format == SKEncodedImageFormat.Jpeg || codec.Info.AlphaType == SKAlphaType.Opaque
            ? SKAlphaType.Opaque
            : SKAlphaType.Unpremul;

        // Decoded into sRGB: an embedded colour profile is applied to the pixels here, then dropped.
        using SKColorSpace srgb = SKColorSpace.CreateSrgb();
        var decodeInfo = new SKImageInfo(width, height, SKColorType.Rgba8888, alpha, srgb);
        using var decoded = new SKBitmap();
        if (!decoded.TryAllocPixels(decodeInfo))
        {
            throw new InsufficientMemoryException($"There is not enough memory to decode a photo of {width} x {height} pixels.");
        }

        SKCodecResult result = codec.GetPixels(decodeInfo, decoded.GetPixels());
        if (result != SKCodecResult.Success)
        {
            // IncompleteInput (truncated) and ErrorInInput (damaged) leave part of the image blank: never stored.
            throw Corrupt(format);
        }

        using SKBitmap? turned = Orient(decoded, codec.EncodedOrigin);
        SKBitmap upright = turned ?? decoded;

        // Untagged: no colour profile is written (the pixels are sRGB).
        var encodeInfo = new SKImageInfo(upright.Width, upright.Height, SKColorType.Rgba8888, alpha);
        using var pixmap = new SKPixmap(encodeInfo, upright.GetPixels(), upright.RowBytes);
        SKData? encoded = format == SKEncodedImageFormat.Jpeg
            ? pixmap.Encode(new SKJpegEncoderOptions(_jpegQuality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
            : pixmap.Encode(SKPngEncoderOptions.Default);
        if (encoded is null)
        {
            throw new InvalidOperationException($"SkiaSharp could not encode the {FormatName(format)} photo of {upright.Width} x {upright.Height} pixels again.");
        }

        return format == SKEncodedImageFormat.Jpeg
            ? (encoded, new StoredPhoto("image/jpeg", ".jpg", upright.Width, upright.Height, encoded.Size))
            : (encoded, new StoredPhoto("image/png", ".png", upright.Width, upright.Height, encoded.Size));
    }

    /// <summary>
    /// The pixels turned as the EXIF orientation says (mirrored, rotated, or both), so that the stored image needs no
    /// orientation tag; null when they are upright already.
    /// </summary>
    private static SKBitmap? Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or < SKEncodedOrigin.TopLeft or > SKEncodedOrigin.LeftBottom)
        {
            return null;
        }

        int w = source.Width;
        int h = source.Height;
        bool swaps = origin >= SKEncodedOrigin.LeftTop;
        int outWidth = swaps ? h : w;
        int outHeight = swaps ? w : h;
        var turned = new SKBitmap();
        if (!turned.TryAllocPixels(new SKImageInfo(outWidth, outHeight, source.ColorType, source.AlphaType, source.ColorSpace)))
        {
            turned.Dispose();
            throw new InsufficientMemoryException($"There is not enough memory to turn a photo of {w} x {h} pixels upright.");
        }

        // Rgba8888: one 32-bit value per pixel. Each orientation maps the source pixel (x, y) to an index of the
        // turned bitmap that is affine in x and y: first + x * stepX + y * stepY.
        int fromStride = source.RowBytes / sizeof(uint);
        int toStride = turned.RowBytes / sizeof(uint);
        (int first, int stepX, int stepY) = origin switch
        {
            SKEncodedOrigin.TopRight => (w - 1, -1, toStride),                                   // mirrored left to right
            SKEncodedOrigin.BottomRight => (((h - 1) * toStride) + w - 1, -1, -toStride),        // turned half round
            SKEncodedOrigin.BottomLeft => ((h - 1) * toStride, 1, -toStride),                    // mirrored top to bottom
            SKEncodedOrigin.LeftTop => (0, toStride, 1),                                         // transposed
            SKEncodedOrigin.RightTop => (h - 1, toStride, -1),                                   // turned a quarter clockwise
            SKEncodedOrigin.RightBottom => (((w - 1) * toStride) + h - 1, -toStride, -1),        // transversed
            _ => ((w - 1) * toStride, -toStride, 1),                                             // LeftBottom: a quarter anticlockwise
        };
        ReadOnlySpan<uint> from = MemoryMarshal.Cast<byte, uint>(source.GetPixelSpan());
        Span<uint> to = MemoryMarshal.Cast<byte, uint>(turned.GetPixelSpan());
        for (int y = 0; y < h; y++)
        {
            ReadOnlySpan<uint> row = from.Slice(y * fromStride, w);
            int target = first + (y * stepY);
            for (int x = 0; x < w; x++, target += stepX)
            {
                to[target] = row[x];
            }
        }

        return turned;
    }

    private PhotoRejectedException TooManyBytes() =>
        new(PhotoRejectionReason.TooManyBytes, string.Create(CultureInfo.InvariantCulture, $"The upload is larger than {_maxBytes} bytes, the most a photo may have."));

    /// <summary>Whether <paramref name="upload"/> starts with (at least two bytes of) a JPEG's or a PNG's signature.</summary>
    private static bool StartsLikeJpegOrPng(ReadOnlySpan<byte> upload) =>
        upload.Length >= 2 && (StartsLike(upload, [0xFF, 0xD8, 0xFF]) || StartsLike(upload, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]));

    /// <summary>Whether <paramref name="upload"/> and <paramref name="signature"/> agree as far as the shorter goes.</summary>
    private static bool StartsLike(ReadOnlySpan<byte> upload, ReadOnlySpan<byte> signature)
    {
        int length = Math.Min(upload.Length, signature.Length);
        return upload[..length].SequenceEqual(signature[..length]);
    }

    private static PhotoRejectedException NotAnImage() =>
        new(PhotoRejectionReason.NotAnImage, "The upload is not a JPEG or PNG image: its content is not an image format that can be read.");

    private static PhotoRejectedException Corrupt(SKEncodedImageFormat format) =>
        new(PhotoRejectionReason.Corrupt, $"The {FormatName(format)} photo is truncated or damaged and cannot be decoded completely.");

    private static string FormatName(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => "JPEG",
        SKEncodedImageFormat.Png => "PNG",
        SKEncodedImageFormat.Gif => "GIF",
        SKEncodedImageFormat.Webp => "WebP",
        SKEncodedImageFormat.Bmp => "BMP",
        SKEncodedImageFormat.Ico => "ICO",
        SKEncodedImageFormat.Wbmp => "WBMP",
        SKEncodedImageFormat.Heif => "HEIF",
        SKEncodedImageFormat.Avif => "AVIF",
        SKEncodedImageFormat.Dng => "DNG",
        SKEncodedImageFormat.Jpegxl => "JPEG XL",
        _ => format.ToString().ToUpperInvariant(),
    };
}

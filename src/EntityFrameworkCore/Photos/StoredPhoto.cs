namespace PiiGuard.EntityFrameworkCore.Photos;

/// <summary>What <see cref="PhotoUploader"/> wrote: an image without metadata, upright.</summary>
public sealed class StoredPhoto
{
    internal StoredPhoto(string contentType, string fileExtension, int width, int height, long length)
    {
        ContentType = contentType;
        FileExtension = fileExtension;
        Width = width;
        Height = height;
        Length = length;
    }

    /// <summary>The stored image's media type: <c>image/jpeg</c> or <c>image/png</c>, the upload's own format.</summary>
    public string ContentType { get; }

    /// <summary>The file extension that goes with <see cref="ContentType"/>: <c>.jpg</c> or <c>.png</c>.</summary>
    public string FileExtension { get; }

    /// <summary>The stored image's width in pixels, after its orientation was applied.</summary>
    public int Width { get; }

    /// <summary>The stored image's height in pixels, after its orientation was applied.</summary>
    public int Height { get; }

    /// <summary>The number of bytes written to the destination.</summary>
    public long Length { get; }
}

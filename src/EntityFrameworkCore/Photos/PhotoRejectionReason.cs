namespace PiiGuard.EntityFrameworkCore.Photos;

/// <summary>Why <see cref="PhotoUploader"/> refused an upload.</summary>
public enum PhotoRejectionReason
{
    /// <summary>The bytes are not an image that the imaging library recognises (the upload's name and declared type are never looked at).</summary>
    NotAnImage,

    /// <summary>The bytes are an image of another format than JPEG or PNG (GIF, WebP, BMP, HEIF, ...).</summary>
    UnsupportedFormat,

    /// <summary>The image is JPEG or PNG but its data is truncated or damaged, so it cannot be decoded completely.</summary>
    Corrupt,

    /// <summary>The upload has more bytes than <see cref="PhotoUploadOptions.MaxBytes"/>.</summary>
    TooManyBytes,

    /// <summary>The image's header declares more pixels than <see cref="PhotoUploadOptions.MaxPixels"/>.</summary>
    TooManyPixels,
}

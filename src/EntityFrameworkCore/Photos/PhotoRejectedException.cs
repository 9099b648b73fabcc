namespace PiiGuard.EntityFrameworkCore.Photos;

/// <summary>
/// Thrown by <see cref="PhotoUploader"/> when an upload is not a JPEG or PNG photo it can store: the message says why
/// in words fit to show the person who uploaded it (it names formats, sizes and limits, never the upload's content).
/// Nothing is written to the destination stream when it is thrown.
/// </summary>
public sealed class PhotoRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why the upload was refused.</param>
    /// <param name="message">The reason in words.</param>
    public PhotoRejectedException(PhotoRejectionReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>Why the upload was refused.</summary>
    public PhotoRejectionReason Reason { get; }
}

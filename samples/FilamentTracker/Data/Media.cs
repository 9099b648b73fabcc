using PiiGuard;

namespace FilamentTracker.Data;

/// <summary>What a photo shows.</summary>
public enum PhotoKind
{
    Print,
    Avatar,
    StorageZone,
}

/// <summary>A photo someone uploaded. Stored without its metadata (location, camera).</summary>
public sealed class Photo
{
    public Guid Id { get; set; }

    [SubjectKey(typeof(User))]
    public Guid OwnerId { get; set; }

    public PhotoKind Kind { get; set; }

    [PersonalData(PersonalDataKind.UserContent, Purpose = "to show the photo you uploaded")]
    public required byte[] Content { get; set; }

    [NotPersonalData("an image format (image/jpeg, image/png), the same for everyone")]
    public required string ContentType { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>A connected Bambu Lab cloud account: the refresh token that follows the person's prints, never their password.</summary>
public sealed class BambuConnection
{
    public Guid Id { get; set; }

    [SubjectKey(typeof(User))]
    public Guid UserId { get; set; }

    [PersonalData(PersonalDataKind.Credential, Purpose = "to subscribe to your print telemetry in the Bambu Lab cloud until you disconnect")]
    public required string RefreshToken { get; set; }

    public DateTimeOffset ConnectedAt { get; set; }
}

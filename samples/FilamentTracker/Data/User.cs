using PiiGuard;

namespace FilamentTracker.Data;

/// <summary>An account: the person the app's personal data belongs to.</summary>
[DataSubject]
public sealed class User
{
    public Guid Id { get; set; }

    [PersonalData(PersonalDataKind.Contact, Purpose = "to sign you in and to send you account e-mails")]
    public required string Email { get; set; }

    [PersonalData(PersonalDataKind.Identity, Purpose = "to show who you are to the people you share with")]
    public required string Name { get; set; }

    [PersonalData(PersonalDataKind.Identity, Purpose = "to sign you in and to name your public profile")]
    public required string Username { get; set; }

    [PersonalData(PersonalDataKind.Profile, Purpose = "to show on your public profile, if you write one")]
    public string? Bio { get; set; }

    /// <summary>The avatar photo, if any (a row of <see cref="Photo"/>).</summary>
    public Guid? AvatarPhotoId { get; set; }

    /// <summary>A hash from ASP.NET Core Identity's password hasher: the password itself is never stored.</summary>
    [PersonalData(PersonalDataKind.Credential, Purpose = "to check your password when you sign in")]
    public required string PasswordHash { get; set; }

    public bool ProfileIsPublic { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

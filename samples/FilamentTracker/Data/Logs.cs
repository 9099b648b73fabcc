using PiiGuard;

namespace FilamentTracker.Data;

/// <summary>How a sign-in went.</summary>
public enum SignInOutcome
{
    Succeeded,
    WrongPassword,
    UnknownAccount,
}

/// <summary>A sign-in, kept for security alerts.</summary>
[Retention(90, nameof(OccurredAt))]
public sealed class AuthLogEntry
{
    public Guid Id { get; set; }

    [SubjectKey(typeof(User))]
    public Guid UserId { get; set; }

    [PersonalData(PersonalDataKind.Behaviour, Purpose = "to alert you to sign-ins at an unusual time")]
    public DateTimeOffset OccurredAt { get; set; }

    public SignInOutcome Outcome { get; set; }

    [PersonalData(PersonalDataKind.NetworkIdentifier, Purpose = "to alert you to sign-ins from a new place")]
    public string? IpAddress { get; set; }

    [PersonalData(PersonalDataKind.NetworkIdentifier, Purpose = "to alert you to sign-ins from a new device")]
    public string? UserAgent { get; set; }

    [PersonalData(PersonalDataKind.Location, Purpose = "to alert you to sign-ins from a new country (looked up from the address)")]
    public string? Country { get; set; }
}

/// <summary>A click on a "Buy" link, kept for revenue accounting.</summary>
[Retention(90, nameof(ClickedAt))]
public sealed class AffiliateClick
{
    public Guid Id { get; set; }

    [SubjectKey(typeof(User))]
    public Guid UserId { get; set; }

    [PersonalData(PersonalDataKind.Behaviour, Purpose = "to account for affiliate revenue")]
    public DateTimeOffset ClickedAt { get; set; }

    [NotPersonalData("the shop's product number, the same for everyone")]
    public required string ProductSku { get; set; }

    [PersonalData(PersonalDataKind.NetworkIdentifier, Purpose = "to account for affiliate revenue")]
    public string? Referrer { get; set; }

    [PersonalData(PersonalDataKind.NetworkIdentifier, Purpose = "to account for affiliate revenue")]
    public string? IpAddress { get; set; }

    [PersonalData(PersonalDataKind.NetworkIdentifier, Purpose = "to account for affiliate revenue")]
    public string? UserAgent { get; set; }
}

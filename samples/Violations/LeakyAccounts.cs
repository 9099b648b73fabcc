using System;
using PiiGuard;

namespace Violations;

// A filament tracker's accounts and logs, with every mistake the application-data classification rules (PII100 to
// PII106) catch. Each member or type names the rule it breaks.

[DataSubject]
public sealed class Account
{
    public Guid Id { get; set; }

    // PII100: named like personal data, not classified.
    public string Email { get; set; } = "";

    // PII102: the password itself, not a hash of it.
    public string Password { get; set; } = "";

    // PII103: a token that is not classified as a credential.
    public string BambuRefreshToken { get; set; } = "";
}

// PII101: classified personal data with no [SubjectKey] to its account. PII104: IP addresses with no [Retention].
public sealed class AuthLog
{
    public Guid Id { get; set; }

    public DateTimeOffset At { get; set; }

    [PersonalData(PersonalDataKind.NetworkIdentifier)] public string IpAddress { get; set; } = "";
}

// PII105: a retention of no days, counted from a member that does not exist.
[Retention(0, "ClickedAt")]
public sealed class AffiliateClick
{
    public Guid Id { get; set; }

    [SubjectKey(typeof(Account))] public Guid AccountId { get; set; }

    public DateTimeOffset At { get; set; }

    [PersonalData(PersonalDataKind.NetworkIdentifier)] public string UserAgent { get; set; } = "";
}

public sealed class SpoolReview
{
    public Guid Id { get; set; }

    // PII106: a subject key that names a type that is not a [DataSubject].
    [SubjectKey(typeof(SpoolReview))] public Guid AuthorId { get; set; }

    [PersonalData(PersonalDataKind.UserContent)] public string Comment { get; set; } = "";
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PiiGuard;
using Sentry;

namespace FilamentTracker.Violations;

[DataSubject]
public sealed class Member
{
    public Guid Id { get; set; }

    [PersonalData(PersonalDataKind.Contact, Purpose = "to sign you in")]
    public required string Email { get; set; }

    // PII100: read as a phone number, neither classified nor [NotPersonalData].
    public string? PhoneNumber { get; set; }

    // PII102: a password, stored.
    public string? Password { get; set; }
}

public sealed class PrinterLink
{
    public Guid Id { get; set; }

    [SubjectKey(typeof(Member))]
    public Guid MemberId { get; set; }

    // PII103: a token, not classified as a credential.
    public string? AccessToken { get; set; }
}

// PII101: personal members, and no way to the member they belong to.
public sealed class ShippingLabel
{
    public Guid Id { get; set; }

    [PersonalData(PersonalDataKind.Contact, Purpose = "to ship your order")]
    public required string StreetAddress { get; set; }
}

// PII104: network identifiers, kept with no retention.
public sealed class VisitLog
{
    public Guid Id { get; set; }

    [SubjectKey(typeof(Member))]
    public Guid MemberId { get; set; }

    [PersonalData(PersonalDataKind.NetworkIdentifier, Purpose = "security")]
    public string? IpAddress { get; set; }

    public DateTimeOffset At { get; set; }
}

// PII105: the retention counts from a member that does not exist.
[Retention(90, "CreatedOn")]
public sealed class LoginLog
{
    public Guid Id { get; set; }

    [SubjectKey(typeof(Member))]
    public Guid MemberId { get; set; }

    [PersonalData(PersonalDataKind.NetworkIdentifier, Purpose = "security")]
    public string? UserAgent { get; set; }

    public DateTimeOffset OccurredAt { get; set; }
}

public sealed class Warehouse
{
    public Guid Id { get; set; }
}

public sealed class Parcel
{
    public Guid Id { get; set; }

    // PII106: a subject key of a type that is not a [DataSubject].
    [SubjectKey(typeof(Warehouse))]
    public Guid WarehouseId { get; set; }
}

public sealed class LeakyDbContext(DbContextOptions<LeakyDbContext> options) : DbContext(options)
{
    public DbSet<Member> Members => Set<Member>();

    public DbSet<PrinterLink> PrinterLinks => Set<PrinterLink>();

    public DbSet<VisitLog> Visits => Set<VisitLog>();

    public DbSet<LoginLog> Logins => Set<LoginLog>();
}

public static class LeakyCode
{
    // PII110: a classified member reaches a log line.
    public static void Welcome(ILogger logger, Member member) => logger.LogInformation("Welcome {Email}", member.Email);

    // PII111: Sentry sends the client's address and user with every event.
    public static void ConfigureSentry(SentryOptions options) => options.SendDefaultPii = true;
}

using System.Net;
using FilamentTracker.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PiiGuard.EntityFrameworkCore;

namespace FilamentTracker;

/// <summary>
/// Sign-up, sign-in and restore: passwords go through ASP.NET Core Identity's hasher, sign-ins into the auth log. An
/// account whose deletion was requested is hidden from every query (PiiGuard's query filter); the queries here look
/// past the filter on purpose, to tell its owner why they cannot sign in and to let them restore it.
/// </summary>
public sealed class Accounts(TrackerDbContext db, TimeProvider clock, ILogger<Accounts> logger)
{
    /// <summary>How long a deleted account can be restored before it is erased: the privacy summary's 30 days.</summary>
    public static readonly TimeSpan DeletionGracePeriod = TimeSpan.FromDays(30);

    private static readonly PasswordHasher<User> Hasher = new();

    /// <summary>The new account, or null when its e-mail address or user name is taken.</summary>
    public async Task<User?> SignUpAsync(SignUpRequest request, CancellationToken cancellationToken)
    {
        // An account waiting for its erasure still holds its e-mail address and user name (unique in the database).
        if (await db.Users.IgnoreQueryFilters().AnyAsync(u => u.Email == request.Email || u.Username == request.Username, cancellationToken))
        {
            return null;
        }

        var user = new User
        {
            Id = Guid.NewGuid(),
            Email = request.Email,
            Name = request.Name,
            Username = request.Username,
            PasswordHash = string.Empty,
            CreatedAt = clock.GetUtcNow(),
        };
        user.PasswordHash = Hasher.HashPassword(user, request.Password);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("An account was created; {AccountCount} accounts in all", await db.Users.CountAsync(cancellationToken));
        return user;
    }

    /// <summary>Checks the password and writes the auth log: the account, or when its deletion is pending, when it is due.</summary>
    public async Task<SignInAttempt> SignInAsync(SignInRequest request, HttpContext http, CancellationToken cancellationToken)
    {
        (User User, DateTimeOffset? DeletionDueAt)? account = await FindAsync(request.Email, cancellationToken);
        if (account is not { } found)
        {
            logger.LogInformation("Sign-in: {Outcome}", SignInOutcome.UnknownAccount);
            return new SignInAttempt(null, null);
        }

        bool passwordMatches = PasswordMatches(found.User, request.Password);
        if (found.DeletionDueAt is { } due)
        {
            // Nothing is logged for a hidden account: a new row would not be hidden with it.
            logger.LogInformation("Sign-in refused: the account's deletion is pending");
            return passwordMatches ? new SignInAttempt(null, due) : new SignInAttempt(null, null);
        }

        SignInOutcome outcome = passwordMatches ? SignInOutcome.Succeeded : SignInOutcome.WrongPassword;
        IPAddress? address = http.Connection.RemoteIpAddress;
        db.AuthLog.Add(new AuthLogEntry
        {
            Id = Guid.NewGuid(),
            UserId = found.User.Id,
            OccurredAt = clock.GetUtcNow(),
            Outcome = outcome,
            IpAddress = address?.ToString(),
            UserAgent = http.Request.Headers.UserAgent.ToString(),
            Country = Countries.Of(address),
        });
        await db.SaveChangesAsync(cancellationToken);

        // The outcome is an enum: a count of outcomes in the log, nothing about who signed in or from where.
        logger.LogInformation("Sign-in: {Outcome}", outcome);
        return new SignInAttempt(passwordMatches ? found.User : null, null);
    }

    /// <summary>Restores an account during its grace period, given its e-mail address and password.</summary>
    public async Task<RestoreOutcome> RestoreAsync(SignInRequest request, CancellationToken cancellationToken)
    {
        if (await FindAsync(request.Email, cancellationToken) is not { } found || !PasswordMatches(found.User, request.Password))
        {
            return RestoreOutcome.WrongEmailOrPassword;
        }

        // False when no deletion is pending, or when its grace period is over.
        return await db.RestoreAsync(found.User.Id, cancellationToken) ? RestoreOutcome.Restored : RestoreOutcome.NothingToRestore;
    }

    private async Task<(User User, DateTimeOffset? DeletionDueAt)?> FindAsync(string email, CancellationToken cancellationToken)
    {
        var found = await db.Users.IgnoreQueryFilters()
            .Where(u => u.Email == email)
            .Select(u => new { User = u, DeletionRequestedAt = EF.Property<long?>(u, PersonalDataModel.ErasureRequestedAtProperty) })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null
            ? null
            : (found.User, found.DeletionRequestedAt is { } requestedAt ? DateTimeOffset.FromUnixTimeMilliseconds(requestedAt) + DeletionGracePeriod : null);
    }

    private static bool PasswordMatches(User user, string password) =>
        Hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
}

/// <summary>What a sign-in found: the account when the password matched, or the date its pending deletion is due.</summary>
public sealed record SignInAttempt(User? User, DateTimeOffset? DeletionDueAt);

/// <summary>How a restore went.</summary>
public enum RestoreOutcome
{
    Restored,
    WrongEmailOrPassword,
    NothingToRestore,
}

/// <summary>The auth log's country, from a fixed table standing in for a geo-IP database (the sample has none).</summary>
public static class Countries
{
    // The documentation address blocks (RFC 5737), the ones the README's walk-through and the tests sign in from.
    private static readonly (IPNetwork Network, string Country)[] Table =
    [
        (IPNetwork.Parse("192.0.2.0/24"), "FR"),
        (IPNetwork.Parse("198.51.100.0/24"), "DE"),
        (IPNetwork.Parse("203.0.113.0/24"), "NZ"),
    ];

    /// <summary>The country of an address, or null when the table does not know it.</summary>
    public static string? Of(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach ((IPNetwork network, string country) in Table)
        {
            if (network.Contains(address))
            {
                return country;
            }
        }

        return null;
    }
}

public sealed record SignUpRequest(string Email, string Name, string Username, string Password)
{
    /// <summary>What is wrong with the request, or null.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Email) || string.IsNullOrWhiteSpace(Name) || string.IsNullOrWhiteSpace(Username) || string.IsNullOrEmpty(Password)
            ? "email, name, username and password are required."
            : !Email.Contains('@', StringComparison.Ordinal)
                ? "email must be an e-mail address."
                : Password.Length < 8
                    ? "password must be at least 8 characters long."
                    : null;
}

public sealed record SignInRequest(string Email, string Password)
{
    /// <summary>What is wrong with the request, or null.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password) ? "email and password are required." : null;
}

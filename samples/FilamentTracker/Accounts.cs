using FilamentTracker.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FilamentTracker;

/// <summary>Sign-up and sign-in: passwords go through ASP.NET Core Identity's hasher, sign-ins into the auth log.</summary>
public sealed class Accounts(TimeProvider clock, ILogger<Accounts> logger)
{
    private readonly PasswordHasher<User> _hasher = new();

    public async Task<User?> SignUpAsync(TrackerDbContext db, SignUpRequest request, CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(u => u.Email == request.Email || u.Username == request.Username, cancellationToken))
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
        user.PasswordHash = _hasher.HashPassword(user, request.Password);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("An account was created; {AccountCount} accounts in all", await db.Users.CountAsync(cancellationToken));
        return user;
    }

    public async Task<User?> SignInAsync(TrackerDbContext db, SignInRequest request, HttpContext http, CancellationToken cancellationToken)
    {
        User? user = await db.Users.SingleOrDefaultAsync(u => u.Email == request.Email, cancellationToken);
        SignInOutcome outcome = user is null
            ? SignInOutcome.UnknownAccount
            : _hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password) == PasswordVerificationResult.Failed
                ? SignInOutcome.WrongPassword
                : SignInOutcome.Succeeded;
        if (user != null)
        {
            db.AuthLog.Add(new AuthLogEntry
            {
                Id = Guid.NewGuid(),
                UserId = user.Id,
                OccurredAt = clock.GetUtcNow(),
                Outcome = outcome,
                IpAddress = http.Connection.RemoteIpAddress?.ToString(),
                UserAgent = http.Request.Headers.UserAgent.ToString(),
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        // The outcome is an enum: a count of outcomes in the log, nothing about who signed in or from where.
        logger.LogInformation("Sign-in: {Outcome}", outcome);
        return outcome == SignInOutcome.Succeeded ? user : null;
    }
}

public sealed record SignUpRequest(string Email, string Name, string Username, string Password);

public sealed record SignInRequest(string Email, string Password);

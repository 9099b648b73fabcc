using FilamentTracker.Data;
using Microsoft.EntityFrameworkCore;

namespace FilamentTracker;

/// <summary>The app's HTTP endpoints.</summary>
public static class Endpoints
{
    public static void MapTrackerEndpoints(this WebApplication app)
    {
        app.MapPost("/signup", async (SignUpRequest request, TrackerDbContext db, Accounts accounts, CancellationToken ct) =>
            await accounts.SignUpAsync(db, request, ct) is { } user
                ? Results.Created($"/users/{user.Id}", new { user.Id, user.Username })
                : Results.Conflict());

        app.MapPost("/login", async (SignInRequest request, TrackerDbContext db, Accounts accounts, HttpContext http, CancellationToken ct) =>
            await accounts.SignInAsync(db, request, http, ct) is { } user
                ? Results.Ok(new { user.Id })
                : Results.Unauthorized());

        app.MapGet("/users/{userId:guid}/spools", async (Guid userId, TrackerDbContext db, CancellationToken ct) =>
            await db.Spools.Where(s => s.OwnerId == userId).Select(s => new { s.Id, s.Brand, s.Material, s.Label, s.RemainingGrams }).ToListAsync(ct));

        app.MapPost("/users/{userId:guid}/spools", async (Guid userId, NewSpool request, TrackerDbContext db, CancellationToken ct) =>
        {
            var spool = new Spool { Id = Guid.NewGuid(), OwnerId = userId, Brand = request.Brand, Material = request.Material, Label = request.Label, RemainingGrams = request.RemainingGrams };
            db.Spools.Add(spool);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/users/{userId}/spools/{spool.Id}", new { spool.Id });
        });
    }
}

public sealed record NewSpool(string Brand, Material Material, string? Label, int RemainingGrams);

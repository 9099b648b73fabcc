using System.Globalization;
using System.Security.Claims;
using FilamentTracker.Data;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PiiGuard.EntityFrameworkCore.Photos;

namespace FilamentTracker;

/// <summary>
/// The app's HTTP endpoints: accounts, the signed-in person's own data under <c>/me</c> (their rights too: export and
/// deletion), and the public listings.
/// </summary>
public static class Endpoints
{
    public static void MapTrackerEndpoints(this WebApplication app)
    {
        // Accounts.
        app.MapPost("/signup", async (SignUpRequest request, Accounts accounts, CancellationToken ct) =>
            request.Problem() is { } problem ? Error(400, problem)
            : await accounts.SignUpAsync(request, ct) is { } user ? Results.Created("/me", new { user.Id, user.Username })
            : Error(409, "That e-mail address or user name is taken."));

        app.MapPost("/login", async (SignInRequest request, Accounts accounts, HttpContext http, CancellationToken ct) =>
        {
            if (request.Problem() is { } problem)
            {
                return Error(400, problem);
            }

            SignInAttempt attempt = await accounts.SignInAsync(request, http, ct);
            if (attempt.DeletionDueAt is { } due)
            {
                return Error(403, $"This account is deleted and will be erased on {Format(due)}. To keep it, restore it before then: POST /account/restore with your e-mail and password.");
            }

            if (attempt.User is not { } user)
            {
                return Error(401, "Wrong e-mail or password.");
            }

            // The token holds the account's id and nothing else.
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id.ToString())], BearerTokenDefaults.AuthenticationScheme);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
        });

        app.MapPost("/account/restore", async (SignInRequest request, Accounts accounts, CancellationToken ct) =>
            request.Problem() is { } problem ? Error(400, problem) : await accounts.RestoreAsync(request, ct) switch
            {
                RestoreOutcome.Restored => Results.Ok(new { restored = true, message = "Your account is back, with everything in it. Log in again." }),
                RestoreOutcome.NothingToRestore => Error(409, "Nothing to restore: this account's deletion was not requested, or its 30 days are over."),
                _ => Error(401, "Wrong e-mail or password."),
            });

        // The signed-in person's own data. A bearer token stays valid for its hour whatever happens to the account, so
        // every request checks that the account is still there: once its deletion is requested it is hidden, and signed out.
        RouteGroupBuilder me = app.MapGroup("/me").RequireAuthorization().AddEndpointFilter(async (context, next) =>
        {
            HttpContext http = context.HttpContext;
            TrackerDbContext db = http.RequestServices.GetRequiredService<TrackerDbContext>();
            Guid id = Me(http.User);
            return await db.Users.AnyAsync(u => u.Id == id, http.RequestAborted)
                ? await next(context)
                : Error(401, "Signed out: this account is deleted. Log in to see until when it can be restored.");
        });

        me.MapGet("", async (ClaimsPrincipal user, TrackerDbContext db, CancellationToken ct) =>
        {
            Guid id = Me(user);
            return await db.Users.Where(u => u.Id == id)
                .Select(u => new { u.Id, u.Email, u.Name, u.Username, u.Bio, u.CreatedAt, BambuConnected = db.BambuConnections.Any(c => c.UserId == id) })
                .SingleAsync(ct);
        });

        me.MapGet("/spools", async (ClaimsPrincipal user, TrackerDbContext db, CancellationToken ct) =>
        {
            Guid id = Me(user);
            return await db.Spools.Where(s => s.OwnerId == id).Select(s => new { s.Id, s.Brand, s.Material, s.Label, s.StorageZone, s.RemainingGrams }).ToListAsync(ct);
        });

        me.MapPost("/spools", async (NewSpool request, ClaimsPrincipal user, TrackerDbContext db, CancellationToken ct) =>
        {
            if (Missing(("brand", request.Brand)) is { } problem)
            {
                return problem;
            }

            var spool = new Spool { Id = Guid.NewGuid(), OwnerId = Me(user), Brand = request.Brand, Material = request.Material, Label = request.Label, StorageZone = request.StorageZone, RemainingGrams = request.RemainingGrams };
            db.Spools.Add(spool);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/me/spools/{spool.Id}", new { spool.Id });
        });

        me.MapGet("/prints", async (ClaimsPrincipal user, TrackerDbContext db, CancellationToken ct) =>
        {
            Guid id = Me(user);
            return await db.Prints.Where(p => p.OwnerId == id).Select(p => new { p.Id, p.Title, p.Notes, p.GramsUsed, p.SpoolId, p.IsPublic }).ToListAsync(ct);
        });

        me.MapPost("/prints", async (NewPrint request, ClaimsPrincipal user, TrackerDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            if (Missing(("title", request.Title)) is { } problem)
            {
                return problem;
            }

            var print = new Print { Id = Guid.NewGuid(), OwnerId = Me(user), SpoolId = request.SpoolId, Title = request.Title, Notes = request.Notes, GramsUsed = request.GramsUsed, PrintedAt = clock.GetUtcNow(), IsPublic = request.IsPublic };
            db.Prints.Add(print);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/me/prints/{print.Id}", new { print.Id });
        });

        me.MapPost("/reviews", async (NewReview request, ClaimsPrincipal user, TrackerDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            if (Missing(("brand", request.Brand), ("body", request.Body)) is { } problem)
            {
                return problem;
            }

            if (request.Rating is < 1 or > 5)
            {
                return Error(400, "rating must be between 1 and 5.");
            }

            var review = new Review { Id = Guid.NewGuid(), AuthorId = Me(user), Brand = request.Brand, Rating = request.Rating, Body = request.Body, CreatedAt = clock.GetUtcNow() };
            db.Reviews.Add(review);
            await db.SaveChangesAsync(ct);
            return Results.Created("/reviews", new { review.Id });
        });

        me.MapPost("/comments", async (NewComment request, ClaimsPrincipal user, TrackerDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            if (Missing(("body", request.Body)) is { } problem)
            {
                return problem;
            }

            Guid id = Me(user);
            if (!await db.Prints.AnyAsync(p => p.Id == request.PrintId && (p.IsPublic || p.OwnerId == id), ct))
            {
                return Error(404, "No print you can see has that printId.");
            }

            var comment = new Comment { Id = Guid.NewGuid(), AuthorId = id, PrintId = request.PrintId, Body = request.Body, CreatedAt = clock.GetUtcNow() };
            db.Comments.Add(comment);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/prints/{request.PrintId}/comments", new { comment.Id });
        });

        // The refresh token is classified as a credential: PiiGuard encrypts it at rest, and never exports it.
        me.MapPost("/bambu", async (BambuAccount request, ClaimsPrincipal user, TrackerDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            if (Missing(("refreshToken", request.RefreshToken)) is { } problem)
            {
                return problem;
            }

            Guid id = Me(user);
            await db.BambuConnections.Where(c => c.UserId == id).ExecuteDeleteAsync(ct); // connecting again replaces the token
            var connection = new BambuConnection { Id = Guid.NewGuid(), UserId = id, RefreshToken = request.RefreshToken, ConnectedAt = clock.GetUtcNow() };
            db.BambuConnections.Add(connection);
            await db.SaveChangesAsync(ct);
            return Results.Ok(new { connected = true, connection.ConnectedAt });
        });

        me.MapDelete("/bambu", async (ClaimsPrincipal user, TrackerDbContext db, CancellationToken ct) =>
        {
            Guid id = Me(user);
            await db.BambuConnections.Where(c => c.UserId == id).ExecuteDeleteAsync(ct);
            return Results.NoContent();
        });

        // The body is the photo (JPEG or PNG), stored without its metadata: no GPS position, no camera.
        me.MapPost("/photos", async (HttpRequest request, string? kind, ClaimsPrincipal user, TrackerDbContext db, PhotoUploader uploader, TimeProvider clock, CancellationToken ct) =>
        {
            if (!Enum.TryParse(kind ?? nameof(PhotoKind.Print), ignoreCase: true, out PhotoKind photoKind) || !Enum.IsDefined(photoKind))
            {
                return Error(400, "kind must be print, avatar or storagezone.");
            }

            using var stored = new MemoryStream();
            StoredPhoto photo;
            try
            {
                photo = await uploader.StoreAsync(request.Body, stored, ct);
            }
            catch (PhotoRejectedException rejected)
            {
                return Error(400, rejected.Message);
            }

            var row = new Photo { Id = Guid.NewGuid(), OwnerId = Me(user), Kind = photoKind, Content = stored.ToArray(), ContentType = photo.ContentType, UploadedAt = clock.GetUtcNow() };
            db.Photos.Add(row);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/photos/{row.Id}", new { row.Id, photo.ContentType, photo.Width, photo.Height, photo.Length });
        });

        // The rights: everything as a ZIP, and deletion (30 days to change one's mind, then the erasure).
        me.MapGet("/export", (ClaimsPrincipal user, TrackerDbContext db) =>
            Results.Stream(body => db.ExportPersonalDataAsync(Me(user), body), "application/zip", "filament-tracker-export.zip"));

        me.MapPost("/deletion", async (ClaimsPrincipal user, TrackerDbContext db, CancellationToken ct) =>
        {
            DateTimeOffset? due = await db.RequestErasureAsync(Me(user), ct);
            return Results.Json(
                new
                {
                    deletionDueAt = due,
                    message = $"Your account is deleted: hidden now, erased on {(due is { } at ? Format(at) : "?")}, when your reviews and comments become \"{Discussion.DeletedUser}\". You are signed out. To keep it, POST /account/restore with your e-mail and password before then.",
                },
                statusCode: StatusCodes.Status202Accepted);
        });

        // Public listings: an erased author reads as "[deleted user]"; a deleted one's posts are hidden meanwhile.
        app.MapGet("/reviews", async (TrackerDbContext db, CancellationToken ct) =>
        {
            var reviews = await db.Reviews
                .Select(r => new { r.Id, r.Brand, r.Rating, r.Body, Author = db.Users.Where(u => u.Id == r.AuthorId).Select(u => u.Username).FirstOrDefault() ?? Discussion.DeletedUser, r.CreatedAt })
                .ToListAsync(ct);
            return reviews.OrderBy(r => r.CreatedAt);
        });

        app.MapGet("/prints/{printId:guid}/comments", async (Guid printId, TrackerDbContext db, CancellationToken ct) =>
        {
            if (!await db.Prints.AnyAsync(p => p.Id == printId && p.IsPublic, ct))
            {
                return Error(404, "No public print has that id.");
            }

            var comments = await db.Comments.Where(c => c.PrintId == printId)
                .Select(c => new { c.Id, Author = db.Users.Where(u => u.Id == c.AuthorId).Select(u => u.Username).FirstOrDefault() ?? Discussion.DeletedUser, c.Body, c.CreatedAt })
                .ToListAsync(ct);
            return Results.Ok(comments.OrderBy(c => c.CreatedAt));
        });

        // A photo's address is its random id, as on a CDN.
        app.MapGet("/photos/{photoId:guid}", async (Guid photoId, TrackerDbContext db, CancellationToken ct) =>
            await db.Photos.Where(p => p.Id == photoId).Select(p => new { p.Content, p.ContentType }).SingleOrDefaultAsync(ct) is { } photo
                ? Results.File(photo.Content, photo.ContentType)
                : Error(404, "No photo has that id."));
    }

    /// <summary>
    /// The answer to a request that failed: a request the endpoints cannot read (no body, JSON that does not fit) gets
    /// 400 and what is wrong; anything else 500, with nothing of the request or the exception in it.
    /// </summary>
    public static Task WriteErrorAsync(HttpContext http)
    {
        Exception? exception = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        (int status, string message) = exception is BadHttpRequestException badRequest
            ? (badRequest.StatusCode, badRequest.Message)
            : (StatusCodes.Status500InternalServerError, "Something went wrong on our side.");
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new { error = message });
    }

    private static Guid Me(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);

    private static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);

    private static IResult? Missing(params (string Name, string? Value)[] fields) =>
        fields.Where(field => string.IsNullOrWhiteSpace(field.Value)).Select(field => field.Name).ToList() is { Count: > 0 } missing
            ? Error(400, string.Join(" and ", missing) + (missing.Count == 1 ? " is required." : " are required."))
            : null;

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

public sealed record NewSpool(string Brand, Material Material, string? Label, string? StorageZone, int RemainingGrams);

public sealed record NewPrint(string Title, string? Notes, int GramsUsed, Guid? SpoolId, bool IsPublic);

public sealed record NewReview(string Brand, int Rating, string Body);

public sealed record NewComment(Guid PrintId, string Body);

public sealed record BambuAccount(string RefreshToken);

using System.Security.Cryptography;
using System.Text;

namespace PiiGuard.Collector;

/// <summary>
/// The admin's endpoints: population-level statistics (JSON), their export (JSON and CSV), and the deletion check of
/// one installation (how many rows it still has, nothing of their content). Each needs the admin's bearer token, which
/// no client holds.
/// </summary>
public static class AdminEndpoints
{
    /// <summary>Maps the admin endpoints under <c>/v1/admin</c>.</summary>
    /// <param name="app">The app.</param>
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder admin = app.MapGroup("/v1/admin").AddEndpointFilter(RequireAdmin);
        admin.MapGet("/statistics", (CollectorStore store, CollectorOptions options) =>
            Results.Json(new { weeks = PopulationStatistics.Compute(store, options.MinimumGroupSize) }));
        admin.MapGet("/export.json", (HttpContext context, CollectorStore store, CollectorOptions options) =>
        {
            context.Response.Headers.ContentDisposition = "attachment; filename=\"statistics.json\"";
            return Results.Json(new { weeks = PopulationStatistics.Compute(store, options.MinimumGroupSize) });
        });
        admin.MapGet("/export.csv", (HttpContext context, CollectorStore store, CollectorOptions options) =>
        {
            context.Response.Headers.ContentDisposition = "attachment; filename=\"statistics.csv\"";
            return Results.Text(PopulationStatistics.ToCsv(PopulationStatistics.Compute(store, options.MinimumGroupSize)), "text/csv; charset=utf-8");
        });
        admin.MapGet("/installations/{id}", (string id, CollectorStore store) =>
            Guid.TryParseExact(id, "D", out Guid installationId)
                ? Results.Json(new { installation_id = installationId, submissions = store.CountInstallation(installationId) })
                : SubmissionEndpoints.Problem(StatusCodes.Status400BadRequest, "Invalid installation id", "expected a UUID"));
    }

    private static async ValueTask<object?> RequireAdmin(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        AdminCredential credential = context.HttpContext.RequestServices.GetRequiredService<AdminCredential>();
        string? header = context.HttpContext.Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.Ordinal) || !credential.Matches(header["Bearer ".Length..]))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return SubmissionEndpoints.Problem(StatusCodes.Status401Unauthorized, "Admin credential required", "these endpoints need the collector's admin token");
        }

        return await next(context);
    }
}

/// <summary>The admin's bearer token, compared in constant time.</summary>
public sealed class AdminCredential
{
    private readonly byte[] _hash;

    /// <summary>Creates the credential.</summary>
    /// <param name="token">The token; at least 32 characters.</param>
    public AdminCredential(string token)
    {
        if (token.Length < 32)
        {
            throw new ArgumentException("Collector:AdminToken must be at least 32 characters long.");
        }

        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>Whether <paramref name="token"/> is the admin's token.</summary>
    /// <param name="token">What the request presented.</param>
    /// <returns>Whether it matches.</returns>
    public bool Matches(string token) => CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

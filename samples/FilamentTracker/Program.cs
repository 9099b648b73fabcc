using System.Text.Json.Serialization;
using FilamentTracker;
using FilamentTracker.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PiiGuard.EntityFrameworkCore.Photos;

// The filament tracker. Its data folder (--DataFolder, default ./tracker-data) holds the SQLite database and, next to
// it, the Data Protection keys that encrypt the Bambu refresh tokens and the bearer tokens: back them up together.
// --Clock:AsOf=2027-01-10 runs the app's clock from that date (README.md: trying the 30- and 90-day promises by hand).
WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (AppClock.From(builder.Configuration, out string? problem) is not { } clock)
{
    Console.Error.WriteLine(problem);
    return 2;
}

string dataFolder = Path.GetFullPath(builder.Configuration["DataFolder"] ?? "tracker-data");
Directory.CreateDirectory(dataFolder);

builder.Services.AddSingleton(clock);
builder.Services.AddDataProtection()
    .SetApplicationName("FilamentTracker")
    .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "keys")));
builder.Services.AddDbContext<TrackerDbContext>((services, options) => options
    .UseSqlite(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataFolder, "filament-tracker.db") }.ToString())
    .UsePersonalDataRights(rights =>
    {
        rights.GracePeriod = Accounts.DeletionGracePeriod;
        rights.TimeProvider = services.GetRequiredService<TimeProvider>();
        rights.DataProtectionProvider = services.GetRequiredService<IDataProtectionProvider>();
    }));

// Erases the accounts whose grace period is over and deletes the logs past their 90 days: at start, then every hour.
builder.Services.AddPersonalDataMaintenance<TrackerDbContext>();

// Bearer tokens: self-contained and protected by Data Protection, nothing stored; valid for an hour.
builder.Services.AddAuthentication().AddBearerToken();
builder.Services.AddAuthorization();
builder.Services.AddScoped<Accounts>();
builder.Services.AddSingleton(new PhotoUploader());
builder.Services.AddHealthChecks();
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);

WebApplication app = builder.Build();
using (IServiceScope scope = app.Services.CreateScope())
{
    scope.ServiceProvider.GetRequiredService<TrackerDbContext>().Database.EnsureCreated();
}

app.UseExceptionHandler(new ExceptionHandlerOptions
{
    ExceptionHandler = Endpoints.WriteErrorAsync,
    // A request the endpoints cannot read is the client's mistake, answered with 400; not logged (a JSON parser's message quotes the request).
    SuppressDiagnosticsCallback = error => error.Exception is BadHttpRequestException,
});

// Behind a reverse proxy the client's address comes in X-Forwarded-For (trusted from the loopback address only).
app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor });
app.MapHealthChecks("/health");
app.MapTrackerEndpoints();
app.Run();
return 0;

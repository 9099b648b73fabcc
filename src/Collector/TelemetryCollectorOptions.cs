using System;
using System.IO;
using PiiGuard;

namespace PiiGuard.Collector;

/// <summary>Where the collector keeps its submissions: the <c>Collector:Storage</c> setting.</summary>
public enum CollectorStorage
{
    /// <summary>One SQLite file in <see cref="TelemetryCollectorOptions.DataDirectory"/>, owner-only: one collector process.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (<c>ConnectionStrings:Collector</c>): any number of collector instances on it.</summary>
    PostgreSql,
}

/// <summary>
/// The collector's settings that do not depend on the payload: the <c>Collector</c> section of the configuration
/// (appsettings.json, environment variables, command line). Checked when the app starts; a message names the setting
/// at fault.
/// </summary>
public class TelemetryCollectorOptions
{
    /// <summary>The configuration section the settings are read from.</summary>
    public const string SectionName = "Collector";

    /// <summary>The name of the PostgreSQL connection string: <c>ConnectionStrings:Collector</c>.</summary>
    public const string ConnectionStringName = "Collector";

    /// <summary>The least time between two accepted submissions of one installation.</summary>
    public static readonly TimeSpan SubmissionInterval = TimeSpan.FromHours(1);

    /// <summary>How far a client's clock may run ahead of the collector's.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromHours(1);

    /// <summary>Gets or sets where submissions are kept: <see cref="CollectorStorage.Sqlite"/> by default.</summary>
    public CollectorStorage Storage { get; set; } = CollectorStorage.Sqlite;

    /// <summary>
    /// Gets or sets the folder for the SQLite database and the generated admin token (and, in apps that use
    /// <see cref="CollectorCertificates"/>, the generated certificate): made owner-only.
    /// </summary>
    public string DataDirectory { get; set; } = "collector-data";

    /// <summary>Gets or sets the SQLite database file; by default <c>collector.db</c> in <see cref="DataDirectory"/>.</summary>
    public string? DatabasePath { get; set; }

    /// <summary>
    /// Gets or sets the PostgreSQL connection string; by default <c>ConnectionStrings:Collector</c> of the configuration.
    /// Required when <see cref="Storage"/> is <see cref="CollectorStorage.PostgreSql"/>. Never logged.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Gets or sets the admin credential (a bearer token, at least 32 characters) that reading statistics and checking
    /// deletions need. Clients never hold it. When not set, a random one is made on first start and kept in
    /// <c>admin-token</c> in <see cref="DataDirectory"/>, readable by its owner only; several instances behind one
    /// load balancer need it set, to the same value.
    /// </summary>
    public string? AdminToken { get; set; }

    /// <summary>Gets or sets how long submissions are kept: 2 years by default; 7 days to 100 years.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(730);

    /// <summary>Gets or sets how often the retention job runs: 6 hours by default; 1 minute to 30 days.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Gets or sets the largest submission body accepted, in bytes; larger ones get 413. 1024 to 1048576.</summary>
    public int MaxBodyBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// Gets or sets the least number of installations a group in the statistics must have to be shown on its own;
    /// smaller groups are reported together as <c>other</c>, and a week with fewer installations shows only its count.
    /// </summary>
    public int MinimumGroupSize { get; set; } = 5;

    /// <summary>
    /// Gets or sets whether a request that did not come over HTTPS is refused (421) rather than served: true by
    /// default. Set it to false only behind a proxy that terminates TLS on the same host.
    /// </summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>Gets the SQLite database path, resolved.</summary>
    public string ResolvedDatabasePath => Path.GetFullPath(DatabasePath ?? Path.Combine(DataDirectory, "collector.db"));

    /// <summary>The first problem of these settings, naming the setting; null when they are fine.</summary>
    /// <returns>The problem, or null.</returns>
    public virtual string? Check()
    {
        // Bounded above too: the retention is subtracted from the current time, which must stay after 0001-01-01.
        if (Retention < TimeSpan.FromDays(7) || Retention > TimeSpan.FromDays(36_500))
        {
            return "Collector:Retention must be between 7 days and 100 years (36500 days).";
        }

        if (RetentionInterval < TimeSpan.FromMinutes(1) || RetentionInterval > TimeSpan.FromDays(30))
        {
            return "Collector:RetentionInterval must be between 1 minute and 30 days.";
        }

        if (MaxBodyBytes is < 1024 or > 1024 * 1024)
        {
            return "Collector:MaxBodyBytes must be between 1024 and 1048576.";
        }

        if (MinimumGroupSize < 1)
        {
            return "Collector:MinimumGroupSize must be at least 1.";
        }

        if (!Enum.IsDefined(Storage))
        {
            return "Collector:Storage must be Sqlite or PostgreSql.";
        }

        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            return "Collector:DataDirectory is required.";
        }

        if (Storage == CollectorStorage.PostgreSql && string.IsNullOrWhiteSpace(ConnectionString))
        {
            return "ConnectionStrings:Collector is required when Collector:Storage is PostgreSql.";
        }

        if (AdminToken is not null && AdminToken.Length < 32)
        {
            return "Collector:AdminToken must be at least 32 characters long.";
        }

        return null;
    }
}

/// <summary>
/// The collector's settings for one payload type: those of <see cref="TelemetryCollectorOptions"/> and what only the
/// app can say about its payload: which week a submission covers, and the app's own checks.
/// </summary>
/// <typeparam name="TPayload">The <c>[TelemetryPayload]</c> type the collector receives.</typeparam>
public sealed class TelemetryCollectorOptions<TPayload> : TelemetryCollectorOptions
{
    /// <summary>
    /// Gets or sets the week a submission covers: the Monday 00:00 UTC its counts start, such as
    /// <c>stats =&gt; stats.PeriodStart</c>. Required. The collector refuses a submission whose week does not start
    /// on a Monday at 00:00 UTC, is not over yet (allowing <see cref="TelemetryCollectorOptions.ClockSkew"/>), or is
    /// older than <see cref="TelemetryCollectorOptions.Retention"/>; it keeps one submission per installation and week.
    /// </summary>
    public Func<TPayload, DateTimeOffset>? Week { get; set; }

    /// <summary>
    /// Gets or sets the JSON path that problems with the week name, such as <c>$.period_start</c>: <c>$</c> by default.
    /// </summary>
    public string WeekPath { get; set; } = "$";

    /// <summary>
    /// Gets or sets the app's own checks of a payload the strict reader read, such as counts that cannot be negative:
    /// the first problem as <c>"$.path: problem"</c> (never a value from the payload), or null when it is fine. It runs
    /// after the installation id check and before the week checks; a problem is answered 400.
    /// </summary>
    public Func<TPayload, string?>? Validate { get; set; }

    /// <inheritdoc/>
    public override string? Check()
    {
        if (base.Check() is { } problem)
        {
            return problem;
        }

        if (Week is null)
        {
            return $"The collector of '{typeof(TPayload).FullName}' needs its Week option: the week a submission covers (for example options.Week = stats => stats.PeriodStart).";
        }

        return string.IsNullOrWhiteSpace(WeekPath) || !WeekPath.StartsWith('$') ? "The collector's WeekPath must be a JSON path that starts with '$'." : null;
    }
}

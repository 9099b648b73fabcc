namespace PiiGuard.Collector;

/// <summary>The collector's settings: the <c>Collector</c> section of the configuration (appsettings.json, environment, command line).</summary>
public sealed class CollectorOptions
{
    /// <summary>Gets or sets the folder for the database, the generated certificate and the admin token.</summary>
    public string DataDirectory { get; set; } = "collector-data";

    /// <summary>Gets or sets the SQLite database file; by default <c>collector.db</c> in <see cref="DataDirectory"/>.</summary>
    public string? DatabasePath { get; set; }

    /// <summary>
    /// Gets or sets the admin credential (a bearer token) that reading statistics and checking deletions need. Clients
    /// never hold it. When not set, a random one is made on first start and kept in <c>admin-token</c> in
    /// <see cref="DataDirectory"/>, readable by its owner only.
    /// </summary>
    public string? AdminToken { get; set; }

    /// <summary>Gets or sets how long submissions are kept: 2 years by default, as the policy says; 7 days to 100 years.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(730);

    /// <summary>Gets or sets how often the retention job runs.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Gets or sets the largest submission body accepted; larger ones get 413.</summary>
    public int MaxBodyBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// Gets or sets the least number of installations a group in the statistics must have to be shown on its own
    /// (a country, a version, a platform); smaller groups are reported together as <c>other</c>.
    /// </summary>
    public int MinimumGroupSize { get; set; } = 5;

    /// <summary>Checks the settings, with a message that names the one at fault.</summary>
    /// <exception cref="InvalidOperationException">A setting is out of range.</exception>
    public void Validate()
    {
        // Bounded above too: the retention is subtracted from the current time, which must stay after 0001-01-01.
        Require(Retention >= TimeSpan.FromDays(7) && Retention <= TimeSpan.FromDays(36_500), "Collector:Retention must be between 7 days and 100 years (36500 days).");
        Require(RetentionInterval >= TimeSpan.FromMinutes(1) && RetentionInterval <= TimeSpan.FromDays(30), "Collector:RetentionInterval must be between 1 minute and 30 days.");
        Require(MaxBodyBytes is >= 1024 and <= 1024 * 1024, "Collector:MaxBodyBytes must be between 1024 and 1048576.");
        Require(MinimumGroupSize >= 1, "Collector:MinimumGroupSize must be at least 1.");
        Require(!string.IsNullOrWhiteSpace(DataDirectory), "Collector:DataDirectory is required.");

        static void Require(bool condition, string message)
        {
            if (!condition)
            {
                throw new InvalidOperationException(message);
            }
        }
    }

    /// <summary>The database path, resolved.</summary>
    public string ResolvedDatabasePath => Path.GetFullPath(DatabasePath ?? Path.Combine(DataDirectory, "collector.db"));
}

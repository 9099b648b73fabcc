using Npgsql;
using PiiGuard.Collector.Storage;

namespace PiiGuard.Collector.Tests;

/// <summary>
/// The PostgreSQL store's own connection pool: no DISCARD ALL when a connection goes back (a second transaction per
/// submission otherwise) and statements prepared automatically, unless the connection string says otherwise. Building
/// the pool connects to nothing, so these need no server.
/// </summary>
public sealed class PostgreSqlPoolTests
{
    [Fact]
    public void The_pool_skips_the_reset_and_prepares_statements_by_default()
    {
        using var store = new PostgreSqlCollectorStore("Host=127.0.0.1;Port=1;Database=collector;Username=collector");
        var settings = new NpgsqlConnectionStringBuilder(store.PoolSettings);

        Assert.True(settings.NoResetOnClose);
        Assert.Equal(16, settings.MaxAutoPrepare);
        Assert.Equal("collector", settings.Database);
    }

    [Theory]
    [InlineData("No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("NoResetOnClose=false;MaxAutoPrepare=0")]
    public void What_the_connection_string_says_wins(string explicitSettings)
    {
        using var store = new PostgreSqlCollectorStore("Host=127.0.0.1;Port=1;Database=collector;Username=collector;" + explicitSettings);
        var settings = new NpgsqlConnectionStringBuilder(store.PoolSettings);

        Assert.False(settings.NoResetOnClose);
        Assert.Equal(0, settings.MaxAutoPrepare);
    }
}

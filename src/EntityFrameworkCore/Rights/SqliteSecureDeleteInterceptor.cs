using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PiiGuard.EntityFrameworkCore.Rights;

/// <summary>
/// Turns on SQLite's <c>secure_delete</c> on every connection the context opens, so that deleted and overwritten
/// content is overwritten with zeros in the database file instead of staying in free space. It does nothing on other
/// providers. A connection the app opened itself and handed to <c>UseSqlite</c> is not opened by EF Core: the
/// maintenance run turns it on for its own statements all the same.
/// </summary>
internal sealed class SqliteSecureDeleteInterceptor : DbConnectionInterceptor
{
    internal const string Pragma = "PRAGMA secure_delete = ON;";

    public static readonly SqliteSecureDeleteInterceptor Instance = new();

    private SqliteSecureDeleteInterceptor()
    {
    }

    /// <inheritdoc/>
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsSqlite(connection, eventData))
        {
            using DbCommand command = connection.CreateCommand();
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
        }
    }

    /// <inheritdoc/>
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsSqlite(connection, eventData))
        {
            DbCommand command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = Pragma;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsSqlite(DbConnection connection, ConnectionEndEventData eventData) =>
        eventData.Context is { } context
            ? context.Database.ProviderName == PersonalDataModelCustomizer.SqliteProviderName
            : connection.GetType().FullName == "Microsoft.Data.Sqlite.SqliteConnection";
}

using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PiiGuard.Tests.Shared;

namespace PiiGuard.EntityFrameworkCore.Tests.Media;

/// <summary>
/// <see cref="CredentialEncryption"/> on SQLite with real key rings: what the database file holds, and what happens when
/// the key that encrypted a credential is gone, revoked or rotated.
/// </summary>
public sealed class CredentialEncryptionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("piiguard-credentials-").FullName;
    private readonly string _token = "rt_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    private readonly byte[] _signingKey = RandomNumberGenerator.GetBytes(32);

    private string Database => Path.Combine(_folder, "app.db");

    private string Keys(string name) => Path.Combine(_folder, "keys-" + name);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Credentials_round_trip_and_the_database_file_holds_neither_in_plain_text()
    {
        using var keys = new KeyRing(Keys("a"));
        await WriteAccountAsync(keys);

        using (CredentialsContext context = Open(keys))
        {
            Account account = await context.Accounts.SingleAsync();
            Assert.Equal(_token, account.RefreshToken);
            Assert.Equal(_signingKey, account.SigningKey);
            Assert.IsType<ValueConverter<string, string>>(context.Model.FindEntityType(typeof(Account))!.FindProperty(nameof(Account.RefreshToken))!.GetValueConverter(), exactMatch: false);
            Assert.Null(context.Model.FindEntityType(typeof(Account))!.FindProperty(nameof(Account.Email))!.GetValueConverter());
        }

        string stored = (string)Scalar("SELECT RefreshToken FROM Accounts")!;
        Assert.NotEqual(_token, stored);
        Assert.DoesNotContain(_token, stored, StringComparison.Ordinal);
        Assert.NotEqual(_signingKey, (byte[])Scalar("SELECT SigningKey FROM Accounts")!);

        // The scan sees plain text where there is some: the e-mail address, which is not a credential.
        Assert.True(SqliteFileBytes.Holds(Database, "ada@example.com"));
        Assert.False(SqliteFileBytes.Holds(Database, _token), "The token is in the database file or its log in UTF-8 or UTF-16.");
        Assert.False(SqliteFileBytes.Holds(Database, _signingKey), "The signing key is in the database file or its log.");
    }

    [Fact]
    public async Task Null_stays_null()
    {
        using var keys = new KeyRing(Keys("a"));
        using (CredentialsContext context = Open(keys))
        {
            await context.Database.EnsureCreatedAsync();
            context.Accounts.Add(new Account { Email = "ada@example.com" });
            await context.SaveChangesAsync();
        }

        Assert.Equal(DBNull.Value, Scalar("SELECT RefreshToken FROM Accounts"));
        Assert.Equal(DBNull.Value, Scalar("SELECT SigningKey FROM Accounts"));
        using (CredentialsContext context = Open(keys))
        {
            Account account = await context.Accounts.SingleAsync();
            Assert.Null(account.RefreshToken);
            Assert.Null(account.SigningKey);
        }
    }

    [Fact]
    public async Task A_key_ring_without_the_key_gives_a_clear_error_never_an_empty_value()
    {
        using (var keys = new KeyRing(Keys("a")))
        {
            await WriteAccountAsync(keys);
        }

        string ciphertext = (string)Scalar("SELECT RefreshToken FROM Accounts")!;
        using var other = new KeyRing(Keys("b"));
        using CredentialsContext context = Open(other);
        PersonalDataProtectionException error = await Assert.ThrowsAsync<PersonalDataProtectionException>(() => context.Accounts.SingleAsync());

        Assert.Equal("Tests.Account", error.EntityName);
        Assert.Equal(nameof(Account.RefreshToken), error.MemberName);
        Assert.Contains("Tests.Account.RefreshToken", error.Message, StringComparison.Ordinal);
        Assert.Contains("Restore the key ring", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<CryptographicException>(error.InnerException);
        AssertNoSecret(error, ciphertext);

        // The bytes credential, read on its own, fails the same way.
        PersonalDataProtectionException bytesError = await Assert.ThrowsAsync<PersonalDataProtectionException>(() => context.Accounts.Select(a => a.SigningKey).SingleAsync());
        Assert.Equal(nameof(Account.SigningKey), bytesError.MemberName);
    }

    [Fact]
    public async Task A_revoked_key_gives_the_same_error()
    {
        using (var keys = new KeyRing(Keys("a")))
        {
            await WriteAccountAsync(keys);
            keys.Keys.RevokeAllKeys(DateTimeOffset.UtcNow, "compromised");
        }

        // The app after a restart, with the revocation in its key ring.
        using var restarted = new KeyRing(Keys("a"));
        using CredentialsContext context = Open(restarted);
        PersonalDataProtectionException error = await Assert.ThrowsAsync<PersonalDataProtectionException>(() => context.Accounts.Select(a => a.RefreshToken).SingleAsync());
        Assert.Equal(("Tests.Account", nameof(Account.RefreshToken)), (error.EntityName, error.MemberName));
        Assert.IsAssignableFrom<CryptographicException>(error.InnerException);
        AssertNoSecret(error, (string)Scalar("SELECT RefreshToken FROM Accounts")!);
    }

    [Fact]
    public async Task A_rotated_key_ring_that_still_holds_the_old_key_reads_old_and_new_values()
    {
        using (var keys = new KeyRing(Keys("a")))
        {
            await WriteAccountAsync(keys);
            keys.Keys.CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));
            Assert.Equal(2, keys.Keys.GetAllKeys().Count);
        }

        string newToken = "rt_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        using var rotated = new KeyRing(Keys("a"));
        using (CredentialsContext context = Open(rotated))
        {
            context.Accounts.Add(new Account { Email = "grace@example.com", RefreshToken = newToken });
            await context.SaveChangesAsync();
        }

        using (CredentialsContext context = Open(rotated))
        {
            string?[] tokens = await context.Accounts.OrderBy(a => a.Id).Select(a => a.RefreshToken).ToArrayAsync();
            Assert.Equal(new string?[] { _token, newToken }, tokens);
        }
    }

    [Fact]
    public async Task A_value_that_was_never_encrypted_is_refused()
    {
        using var keys = new KeyRing(Keys("a"));
        await WriteAccountAsync(keys);
        Execute("UPDATE Accounts SET RefreshToken = 'plain-token-0123456789'");

        using CredentialsContext context = Open(keys);
        PersonalDataProtectionException error = await Assert.ThrowsAsync<PersonalDataProtectionException>(() => context.Accounts.Select(a => a.RefreshToken).SingleAsync());
        Assert.Equal(nameof(Account.RefreshToken), error.MemberName);
        AssertNoSecret(error, "plain-token-0123456789");
    }

    [Fact]
    public async Task A_ciphertext_copied_into_another_credentials_column_does_not_decrypt()
    {
        using var keys = new KeyRing(Keys("a"));
        await WriteAccountAsync(keys);
        Execute("INSERT INTO Devices (Id, AccountId, PushToken) SELECT 1, Id, RefreshToken FROM Accounts");

        using CredentialsContext context = Open(keys);
        PersonalDataProtectionException error = await Assert.ThrowsAsync<PersonalDataProtectionException>(() => context.Devices.SingleAsync());
        Assert.Equal(("Tests.Device", nameof(Device.PushToken)), (error.EntityName, error.MemberName));
        AssertNoSecret(error, (string)Scalar("SELECT PushToken FROM Devices")!);
    }

    [Fact]
    public async Task With_detailed_errors_EF_Core_wraps_the_error()
    {
        using (var keys = new KeyRing(Keys("a")))
        {
            await WriteAccountAsync(keys);
        }

        using var other = new KeyRing(Keys("b"));
        using CredentialsContext context = CredentialsContext.Open(Database, other.Provider, detailedErrors: true);
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => context.Accounts.Select(a => a.RefreshToken).SingleAsync());
        Assert.IsType<PersonalDataProtectionException>(error.InnerException);
        Assert.DoesNotContain(_token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_credential_that_is_not_text_or_bytes_is_refused_naming_entity_and_member()
    {
        using var keys = new KeyRing(Keys("a"));
        using CredentialsContext context = CredentialsContext.Open(Database, keys.Provider, StandInDataModel.NumericCredential);
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => context.Model);
        Assert.Contains("Tests.Badge.Pin", error.Message, StringComparison.Ordinal);
        Assert.Contains("System.Int32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credential_with_a_converter_of_the_apps_own_is_refused()
    {
        using var keys = new KeyRing(Keys("a"));
        using CredentialsContext context = CredentialsContext.Open(
            Database,
            keys.Provider,
            configure: model => model.Entity<Account>().Property(a => a.RefreshToken).HasConversion(v => v!.ToUpperInvariant(), v => v.ToLowerInvariant()));
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => context.Model);
        Assert.Contains("Tests.Account.RefreshToken", error.Message, StringComparison.Ordinal);
        Assert.Contains("value converter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credential_the_model_does_not_map_is_not_stored_and_needs_no_converter()
    {
        using var keys = new KeyRing(Keys("a"));
        using CredentialsContext context = CredentialsContext.Open(Database, keys.Provider, configure: model => model.Entity<Account>().Ignore(a => a.SigningKey));
        Assert.Null(context.Model.FindEntityType(typeof(Account))!.FindProperty(nameof(Account.SigningKey)));
        Assert.NotNull(context.Model.FindEntityType(typeof(Account))!.FindProperty(nameof(Account.RefreshToken))!.GetValueConverter());
    }

    private CredentialsContext Open(KeyRing keys) => CredentialsContext.Open(Database, keys.Provider);

    private async Task WriteAccountAsync(KeyRing keys)
    {
        using CredentialsContext context = Open(keys);
        await context.Database.EnsureCreatedAsync();
        context.Accounts.Add(new Account { Email = "ada@example.com", RefreshToken = _token, SigningKey = _signingKey });
        await context.SaveChangesAsync();
    }

    private void AssertNoSecret(Exception error, string stored)
    {
        for (Exception? e = error; e != null; e = e.InnerException)
        {
            Assert.DoesNotContain(_token, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(stored, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(stored[..Math.Min(24, stored.Length)], e.Message, StringComparison.Ordinal);
        }
    }

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

using System.Security.Cryptography;
using System.Text;

namespace PiiGuard.Collector;

/// <summary>The admin's bearer token, compared in constant time.</summary>
internal sealed class AdminCredential
{
    private readonly byte[] _hash;

    /// <summary>Creates the credential.</summary>
    /// <param name="token">The token; at least 32 characters.</param>
    public AdminCredential(string token)
    {
        if (token.Length < 32)
        {
            throw new InvalidOperationException("Collector:AdminToken must be at least 32 characters long.");
        }

        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>Whether <paramref name="token"/> is the admin's token.</summary>
    public bool Matches(string token) => CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

using System.Security.Cryptography;

namespace PiiGuard.Collector;

/// <summary>The collector's admin token when none is configured: made once, kept owner-only in the data folder.</summary>
public static class AdminTokens
{
    /// <summary>The file in the data folder that holds the generated token.</summary>
    public const string FileName = "admin-token";

    /// <summary>Reads the token from <paramref name="dataDirectory"/>, making it on first start.</summary>
    /// <param name="dataDirectory">The collector's data folder.</param>
    /// <returns>The token.</returns>
    public static string LoadOrCreate(string dataDirectory)
    {
        string path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            OwnerOnly.Restrict(path);
            return File.ReadAllText(path).Trim();
        }

        OwnerOnly.CreateFolder(dataDirectory);
        string token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        OwnerOnly.WriteFile(path, System.Text.Encoding.UTF8.GetBytes(token + "\n"));
        return token;
    }
}

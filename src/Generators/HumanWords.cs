using System.Collections.Generic;
using System.Linq;
using PiiGuard.Shared;

namespace PiiGuard.Generators;

/// <summary>
/// Member and type names as words for people, for the data map's page: <see cref="NameWords"/> splits the name,
/// then the words are written as prose writes them: <c>EmailAddress</c> → "e-mail address", <c>RemoteIp</c> →
/// "remote IP", <c>IPv6Address</c> → "IPv6 address", <c>UserId</c> → "user ID".
/// </summary>
internal static class HumanWords
{
    private static readonly Dictionary<string, string> Spelled = new()
    {
        ["email"] = "e-mail",
        ["ip"] = "IP",
        ["id"] = "ID",
        ["ids"] = "IDs",
        ["url"] = "URL",
        ["uri"] = "URI",
        ["gps"] = "GPS",
        ["iban"] = "IBAN",
        ["bic"] = "BIC",
        ["api"] = "API",
        ["sms"] = "SMS",
        ["utc"] = "UTC",
        ["mac"] = "MAC",
        ["imei"] = "IMEI",
        ["vat"] = "VAT",
        ["dob"] = "date of birth",
    };

    /// <summary>The words of an identifier, as prose writes them.</summary>
    public static string Of(string identifier)
    {
        List<string> words = NameWords.Split(identifier);
        var result = new List<string>(words.Count);
        for (int i = 0; i < words.Count; i++)
        {
            string word = words[i];
            if (word == "e" && i + 1 < words.Count && words[i + 1] == "mail")
            {
                result.Add("e-mail");
                i++;
            }
            else if (word == "ipv" && i + 1 < words.Count && words[i + 1].All(char.IsDigit))
            {
                result.Add("IPv" + words[i + 1]);
                i++;
            }
            else
            {
                result.Add(Spelled.TryGetValue(word, out string? spelled) ? spelled : word);
            }
        }

        return string.Join(" ", result);
    }

    /// <summary>
    /// A retention clock member's words, without a trailing "utc": <c>CreatedAt</c> → "created at",
    /// <c>LastLoginUtc</c> → "last login".
    /// </summary>
    public static string Clock(string identifier)
    {
        List<string> words = NameWords.Split(identifier);
        if (words.Count > 1 && words[words.Count - 1] == "utc")
        {
            words.RemoveAt(words.Count - 1);
        }

        return Of(string.Join("_", words));
    }
}

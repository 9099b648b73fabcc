using System.Collections.Generic;

namespace PiiGuard.Shared;

/// <summary>
/// Splits identifiers into lower-case words, so that rules can match whole words:
/// <c>RemoteIP</c> → remote, ip; <c>remote_ip</c> → remote, ip; <c>IPv6Address</c> → ipv, 6, address;
/// <c>EMailAddress</c> → e, mail, address; <c>SerialNo</c> → serial, no.
/// Shared by the analyzers (name rules) and the generator (snake_case JSON names).
/// </summary>
internal static class NameWords
{
    public static List<string> Split(string identifier) => SplitSnakeCase(ToSnakeCase(identifier));

    /// <summary>The words of a name that <see cref="ToSnakeCase"/> wrote: <c>printer_type_counts</c> → printer, type, counts.</summary>
    public static List<string> SplitSnakeCase(string snakeCase) =>
        // The words are what ToSnakeCase joins with '_': letters and digits only, so splitting at '_' gives them back.
        snakeCase.Length == 0 ? new List<string>(0) : new List<string>(snakeCase.Split('_'));

    /// <summary>Converts an identifier to snake_case: <c>PrinterTypeCounts</c> → <c>printer_type_counts</c>.</summary>
    /// <remarks>
    /// Where the words of an identifier begin and end is decided here alone (<see cref="Split"/> splits the result):
    /// written straight into one buffer, no list, no string per word (every payload's name and every distinct member
    /// name goes through here).
    /// </remarks>
    public static string ToSnakeCase(string identifier)
    {
        if (string.IsNullOrEmpty(identifier))
        {
            return string.Empty;
        }

        // At most one '_' before each character but the first.
        var buffer = new char[(identifier.Length * 2) - 1];
        int length = 0;
        int word = 0; // the length of the word being written
        bool wordsBefore = false;
        for (int i = 0; i < identifier.Length; i++)
        {
            char c = identifier[i];
            if (!char.IsLetterOrDigit(c))
            {
                wordsBefore |= word > 0;
                word = 0;
                continue;
            }

            if (word > 0 && IsBoundary(identifier, i))
            {
                wordsBefore = true;
                word = 0;
            }

            if (word == 0 && wordsBefore)
            {
                buffer[length++] = '_';
            }

            buffer[length++] = char.ToLowerInvariant(c);
            word++;
        }

        return new string(buffer, 0, length);
    }

    private static bool IsBoundary(string s, int i)
    {
        char prev = s[i - 1];
        char c = s[i];
        if (!char.IsLetterOrDigit(prev))
        {
            return false;
        }

        if (char.IsDigit(prev) != char.IsDigit(c))
        {
            return true;
        }

        if (char.IsLower(prev) && char.IsUpper(c))
        {
            return true;
        }

        // The end of an acronym: "IPAddress" splits before the 'A' of "Address".
        if (char.IsUpper(prev) && char.IsUpper(c) && i + 1 < s.Length && char.IsLower(s[i + 1]))
        {
            // "IPv4" / "IPv6": a lower-case 'v' followed by a digit continues the acronym.
            bool versionSuffix = s[i + 1] == 'v' && i + 2 < s.Length && char.IsDigit(s[i + 2]);
            return !versionSuffix;
        }

        return false;
    }
}

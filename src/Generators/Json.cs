using System.Globalization;
using System.Text;

namespace PiiGuard.Generators;

/// <summary>JSON text helpers for the generator's schema docs and pre-encoded property names.</summary>
internal static class Json
{
    /// <summary>A JSON string literal of <paramref name="text"/>.</summary>
    public static string Quote(string text) => Quote(text, escapeNonAscii: false);

    /// <summary>
    /// A double-quoted literal of <paramref name="text"/>, escaped the way JSON and C# both read it (the escapes
    /// <c>\"</c>, <c>\\</c>, <c>\n</c>, <c>\r</c>, <c>\t</c> and <c>\uXXXX</c> mean the same in both).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="escapeNonAscii">Whether to escape everything outside printable ASCII too (for C# source).</param>
    public static string Quote(string text, bool escapeNonAscii)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20 || (escapeNonAscii && c > 0x7E))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}

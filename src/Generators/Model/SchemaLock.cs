using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace PiiGuard.Generators.Model;

/// <summary>
/// The schema lock: a text file, committed with the project, that records every payload's schema version and
/// fields. A build whose payload collects more than its lock records (a new field, a new enum value, a wider type)
/// without a higher schema version fails (rule PII008), because expanded collection needs the users' consent again.
/// </summary>
/// <remarks>
/// The format, one payload after another, sorted:
/// <code>
/// payload printernizer_usage 1.0
///   installation.platform: enum(linux|windows|mac_os)
///   period.start: timestamp:week
/// </code>
/// Roslyn-free, so the analyzers, the generator and the MSBuild task that writes the file share it.
/// </remarks>
internal static class SchemaLock
{
    public const string Header =
        "# PiiGuard schema lock: every payload's schema version and fields. Commit this file.\n" +
        "# A build whose payload collects more than recorded here without a higher SchemaVersion fails (PII008).\n" +
        "# Rewrite it on purpose with: dotnet build -p:PiiGuardUpdateSchemaLock=true\n";

    /// <summary>One payload's entry.</summary>
    public sealed class Entry
    {
        public Entry(string name, string? version, IReadOnlyList<KeyValuePair<string, string>> fields)
        {
            Name = name;
            Version = version;
            Fields = fields;
        }

        public string Name { get; }

        public string? Version { get; }

        /// <summary>Field path and type signature, in path order.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Fields { get; }

        public string ToText()
        {
            var text = new StringBuilder();
            text.Append("payload ").Append(Name).Append(' ').Append(Version ?? "-").Append('\n');
            foreach (KeyValuePair<string, string> field in Fields)
            {
                text.Append("  ").Append(field.Key).Append(": ").Append(field.Value).Append('\n');
            }

            return text.ToString();
        }
    }

    /// <summary>The lock entry of a payload model.</summary>
    public static Entry EntryOf(PayloadModel payload)
    {
        var fields = new List<KeyValuePair<string, string>>();
        AddObject(payload, payload.Find(payload.Root), "", fields);
        fields.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new Entry(payload.Name, payload.SchemaVersion, fields);
    }

    /// <summary>Reads a lock file; lines it does not understand are ignored.</summary>
    public static Dictionary<string, Entry> Parse(string text)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        string? name = null;
        string? version = null;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.StartsWith("payload ", StringComparison.Ordinal))
            {
                Flush();
                string[] parts = line.Substring("payload ".Length).Trim().Split(' ');
                name = parts[0];
                version = parts.Length > 1 && parts[1] != "-" ? parts[1] : null;
            }
            else if (name != null && line.StartsWith("  ", StringComparison.Ordinal) && line.IndexOf(": ", StringComparison.Ordinal) is var colon and > 0)
            {
                fields.Add(new KeyValuePair<string, string>(line.Substring(2, colon - 2), line.Substring(colon + 2).Trim()));
            }
        }

        Flush();
        return entries;

        void Flush()
        {
            if (name != null)
            {
                entries[name] = new Entry(name, version, fields.ToArray());
            }

            name = null;
            fields.Clear();
        }
    }

    /// <summary>Writes a whole lock file from its entries, sorted by payload name.</summary>
    public static string Format(IEnumerable<Entry> entries)
    {
        var text = new StringBuilder(Header);
        foreach (Entry entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            text.Append('\n').Append(entry.ToText());
        }

        return text.ToString();
    }

    /// <summary>
    /// What <paramref name="current"/> collects beyond <paramref name="locked"/>: new fields, new enum values and wider
    /// types. Removed fields, removed enum values and narrower types are not expansions.
    /// </summary>
    public static List<string> Expansions(Entry current, Entry locked)
    {
        var lockedFields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> field in locked.Fields)
        {
            lockedFields[field.Key] = field.Value;
        }

        var expansions = new List<string>();
        foreach (KeyValuePair<string, string> field in current.Fields)
        {
            if (!lockedFields.TryGetValue(field.Key, out string? before))
            {
                expansions.Add($"new field '{field.Key}'");
            }
            else if (!Narrows(field.Value, before))
            {
                expansions.Add($"'{field.Key}' widened from {before} to {field.Value}");
            }
        }

        return expansions;
    }

    /// <summary>Whether a value of signature <paramref name="now"/> can only hold what <paramref name="before"/> could.</summary>
    public static bool Narrows(string now, string before)
    {
        if (now == before)
        {
            return true;
        }

        bool nowNullable = now.EndsWith("?", StringComparison.Ordinal);
        bool beforeNullable = before.EndsWith("?", StringComparison.Ordinal);
        if (nowNullable && !beforeNullable)
        {
            return false;
        }

        now = nowNullable ? now.Substring(0, now.Length - 1) : now;
        before = beforeNullable ? before.Substring(0, before.Length - 1) : before;
        if (now == before)
        {
            return true;
        }

        if (Inner(now, "enum(", ")") is { } nowValues && Inner(before, "enum(", ")") is { } beforeValues)
        {
            var allowed = new HashSet<string>(beforeValues.Split('|'), StringComparer.Ordinal);
            return nowValues.Split('|').All(allowed.Contains);
        }

        if (Inner(now, "integer:", "") is { } nowInteger && Inner(before, "integer:", "") is { } beforeInteger)
        {
            return IntegerRank(nowInteger) <= IntegerRank(beforeInteger);
        }

        if (now == "timestamp:week" && before == "timestamp:day")
        {
            return true;
        }

        if (Inner(now, "array<", ">") is { } nowElement && Inner(before, "array<", ">") is { } beforeElement)
        {
            return Narrows(nowElement, beforeElement);
        }

        if (Inner(now, "map<", ">") is { } nowMap && Inner(before, "map<", ">") is { } beforeMap)
        {
            (string nowKey, string nowValue) = SplitTopLevel(nowMap);
            (string beforeKey, string beforeValue) = SplitTopLevel(beforeMap);
            return Narrows(nowKey, beforeKey) && Narrows(nowValue, beforeValue);
        }

        return false;
    }

    private static void AddObject(PayloadModel payload, ObjectModel model, string prefix, List<KeyValuePair<string, string>> fields)
    {
        foreach (FieldModel field in model.Fields)
        {
            string path = prefix + field.JsonName;
            fields.Add(new KeyValuePair<string, string>(path, Signature(field.Value)));
            AddNested(payload, field.Value, path, fields);
        }
    }

    private static void AddNested(PayloadModel payload, ValueModel value, string path, List<KeyValuePair<string, string>> fields)
    {
        switch (value.Kind)
        {
            case ValueKind.Object when value.ObjectId != null:
                AddObject(payload, payload.Find(value.ObjectId), path + ".", fields);
                break;
            case ValueKind.Array when value.Element != null:
                AddNested(payload, value.Element, path + "[]", fields);
                break;
            case ValueKind.Map when value.Element != null:
                AddNested(payload, value.Element, path + "{}", fields);
                break;
        }
    }

    /// <summary>A value's type signature, such as <c>integer:int</c>, <c>enum(a|b)</c> or <c>map&lt;enum(a|b),integer:int&gt;?</c>.</summary>
    public static string Signature(ValueModel value)
    {
        string signature = value.Kind switch
        {
            ValueKind.Boolean => "boolean",
            ValueKind.Integer => "integer:" + value.Primitive,
            ValueKind.Number => "number:" + value.Primitive,
            ValueKind.String => "string",
            ValueKind.Enum => "enum(" + string.Join("|", value.EnumMembers.Select(m => m.JsonName)) + ")",
            ValueKind.Timestamp => "timestamp:" + (value.Aggregation ?? "Week").ToLowerInvariant(),
            ValueKind.Guid => "uuid",
            ValueKind.Version => "version",
            ValueKind.CountryCode => "country",
            ValueKind.Duration => "duration",
            ValueKind.Array => "array<" + Signature(value.Element!) + ">",
            ValueKind.Map => "map<" + Signature(value.Key!) + "," + Signature(value.Element!) + ">",
            _ => "object",
        };
        return value.IsNullable ? signature + "?" : signature;
    }

    private static string? Inner(string text, string prefix, string suffix) =>
        text.StartsWith(prefix, StringComparison.Ordinal) && text.EndsWith(suffix, StringComparison.Ordinal) && text.Length >= prefix.Length + suffix.Length
            ? text.Substring(prefix.Length, text.Length - prefix.Length - suffix.Length)
            : null;

    private static (string Left, string Right) SplitTopLevel(string text)
    {
        int depth = 0;
        for (int i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '<' or '(':
                    depth++;
                    break;
                case '>' or ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    return (text.Substring(0, i), text.Substring(i + 1));
            }
        }

        return (text, "");
    }

    private static int IntegerRank(string keyword) => keyword switch
    {
        "sbyte" or "byte" => 1,
        "short" or "ushort" => 2,
        "int" or "uint" => 3,
        _ => 4,
    };
}

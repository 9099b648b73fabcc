using System.Collections.Generic;

namespace PiiGuard.Fuzzing.Sources;

/// <summary>What source mutants are made of: names, types, attributes and junk.</summary>
internal static class SourceVocabulary
{
    /// <summary>Member names: personal data of every kind PiiGuard knows, harmless names, and awkward identifiers.</summary>
    public static readonly string[] Names =
    {
        "Email", "EmailAddress", "UserEmail", "Ip", "IpAddress", "ClientIp", "FilePath", "Path", "Directory", "UserName", "Username",
        "FirstName", "LastName", "FullName", "DisplayName", "Name", "Host", "HostName", "MachineName", "ComputerName", "Latitude",
        "Longitude", "Location", "City", "Street", "Address", "ZipCode", "Country", "CountryCode", "DeviceId", "MacAddress",
        "SerialNumber", "HardwareId", "InstallationId", "SessionId", "UserId", "AccountId", "Timestamp", "CreatedAt", "LastLogin",
        "LastSeen", "StartedAt", "Birthday", "DateOfBirth", "Age", "Comment", "Notes", "Message", "Description", "ErrorMessage",
        "Title", "Url", "Referrer", "UserAgent", "Token", "Password", "ApiKey", "Phone", "PhoneNumber", "Ssn", "ClickCount",
        "PageViews", "JobCount", "PrinterCount", "Count", "Total", "Enabled", "Duration", "Uptime", "Week", "Day", "Value", "X",
        "@class", "_", "__Ip__", "ÉmailAdresse", "主机名", "Ip2", "schema_version", "submission_timestamp", "SchemaVersion",
        "SubmissionTimestamp", "P", "Installation", "Period",
    };

    /// <summary>Leaf types: every scalar PiiGuard supports, types it forbids, and types that do not exist.</summary>
    public static readonly string[] LeafTypes =
    {
        "string", "string?", "int", "long", "short", "byte", "sbyte", "uint", "ulong", "ushort", "float", "double", "decimal", "bool",
        "char", "object", "dynamic", "Guid", "DateTime", "DateTimeOffset", "TimeSpan", "DateOnly", "TimeOnly", "Version", "CountryCode",
        "Exception", "Uri", "System.Net.IPAddress", "System.Net.Mail.MailAddress", "System.IO.FileInfo", "System.Globalization.CultureInfo",
        "TimeZoneInfo", "byte[]", "Period", "nint", "Type", "Action", "int*", "Unknown", "T", "System.Text.Json.JsonElement",
        "System.Half", "Int128", "System.Numerics.BigInteger", "PiiGuard.TelemetryFieldAttribute",
    };

    /// <summary>Constructed types, with one or two holes ({0}, {1}) for element, key and value types.</summary>
    public static readonly string[] Constructions =
    {
        "List<{0}>", "Dictionary<{0}, {1}>", "IReadOnlyDictionary<{0}, {1}>", "HashSet<{0}>", "ISet<{0}>", "IEnumerable<{0}>", "{0}[]",
        "{0}[,]", "{0}[][]", "{0}?", "({0}, {1})", "({0} Email, {1} Path)", "({0}, {1}, {0}, {1}, {0}, {1}, {0}, {1})", "Nullable<{0}>",
        "KeyValuePair<{0}, {1}>", "Lazy<{0}>", "System.Threading.Tasks.Task<{0}>", "Func<{0}>", "System.Collections.Immutable.ImmutableArray<{0}>",
        "Memory<{0}>", "Span<{0}>", "SortedDictionary<{0}, {1}>", "Queue<{0}>", "IList<{0}>", "ICollection<{0}>", "IReadOnlySet<{0}>",
        "IAsyncEnumerable<{0}>", "Tuple<{0}, {1}>", "System.Collections.ObjectModel.ReadOnlyCollection<{0}>", "ValueTuple<{0}>",
    };

    /// <summary>Attributes to add to a member or a type.</summary>
    public static readonly string[] Attributes =
    {
        "[TelemetryField]", "[TelemetryField(\"x\")]", "[TelemetryField(\"\")]", "[TelemetryField(null)]", "[TelemetryField(\"schema_version\")]",
        "[TelemetryField(\"submission_timestamp\")]", "[TelemetryField(\"email\")]", "[TelemetryField(\"a.b\")]", "[TelemetryField(\"installation_id\")]",
        "[TelemetryField(Purpose = \"why\")]", "[TelemetryField(Purpose = null)]", "[TelemetryField, InstallationId]", "[InstallationId]",
        "[Aggregated(Period.Day)]", "[Aggregated(Period.Week)]", "[Aggregated(Week)]", "[Aggregated((Period)2)]", "[Aggregated((Period)(-1))]",
        "[Aggregated]", "[TelemetryPayload]", "[TelemetryPayload(Name = \"p\")]", "[TelemetryPayload(Name = \"\")]", "[TelemetryPayload(Name = \"bad name!\")]",
        "[TelemetryPayload(SchemaVersion = \"1.0\")]", "[TelemetryPayload(SchemaVersion = \"1..0\")]", "[TelemetryPayload(SchemaVersion = \"99999999999999999999.1\")]",
        "[TelemetryPayload(SchemaVersion = \"\")]", "[TelemetryPayload(Name = \"printernizer_usage\", SchemaVersion = \"0.9\")]",
        "[TelemetryPayload(Name = \"wide_payload\", SchemaVersion = \"3.2\")]", "[TelemetryValue(\"v\")]", "[TelemetryValue(\"\")]", "[TelemetryValue(null)]",
        "[TelemetryValue(\"linux\")]", "[property: TelemetryField]", "[field: TelemetryField]", "[param: TelemetryField]", "[TelemetryField][TelemetryField]",
        "[Obsolete]", "[PiiGuard.TelemetryField]", "[global::PiiGuard.TelemetryFieldAttribute]", "[TelemetryFieldAttribute]",
        "[System.Runtime.CompilerServices.CompilerGenerated]", "[TelemetryField, Aggregated(Period.Week), InstallationId]",
    };

    /// <summary>Argument lists that replace an attribute's own.</summary>
    public static readonly string[] AttributeArguments =
    {
        "", "()", "(null)", "(\"\")", "(\"x y\")", "(42)", "(Period.Day)", "(Period.Week)", "((Period)7)", "(Name = \"日本\")", "(Name = null)",
        "(SchemaVersion = \"1..0\")", "(SchemaVersion = \"2\")", "(SchemaVersion = \"1.0.0.0.0.0.0\")", "(Purpose = \"\")", "(\"a\", \"b\")",
        "(Name = \"p\", Name = \"q\")", "(\"schema_version\")", "(Name = \"printernizer_usage\")", "(\"\\ud800\")", "(\"a\\u0000b\")",
    };

    /// <summary>Tokens and text that typing in an editor leaves behind.</summary>
    public static readonly string[] Junk =
    {
        "{", "}", "(", ")", "<", ">", "[", "]", ";", ",", "?", "*", "=>", "\"", "'", "/*", "//", "\n#if X\n", "\n#endif\n", "\\u0041", "@",
        "default", "new()", "partial", "static", "required", "record", "struct", "class", "enum", "interface", "abstract", "readonly",
        "ref", "file", "unsafe", "fixed", "this", "base", "\u200B", "\u202E", "É", "😀", "\0", "\r", "\"\"\"", "$\"{", "#nullable disable\n",
        "#pragma warning disable\n", "global::", "::", "..", "?.", "!", "= default!;", "{ get; }", "{ get; init; }", "[", "]]", "namespace N;",
    };
}

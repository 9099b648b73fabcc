using System;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Shared.Names;

namespace PiiGuard.Shared;

/// <summary>
/// A project's PiiGuard settings, read from <c>.editorconfig</c> (or a global config):
/// <list type="bullet">
/// <item><c>piiguard.strict = true</c>: free-text members (PII006) are errors. The MSBuild property
/// <c>PiiGuardStrict</c> does the same.</item>
/// <item><c>piiguard.forbidden_words = badge_id, TenantName</c> (comma-separated): the project's own words of personal data,
/// reported as PII001 on members of any type.</item>
/// <item><c>piiguard.allowed_words = serial_port</c>: words that never count as personal data in this project.</item>
/// </list>
/// The analyzers judge a member with the settings of its file; the generator writes a payload's disclosure with the
/// settings of the payload's file, so that the page promises what the analyzers enforced. Two settings are equal when
/// they say the same (the generator's incremental steps compare them).
/// </summary>
internal sealed class PiiGuardOptions : IEquatable<PiiGuardOptions>
{
    public const string StrictKey = "piiguard.strict";
    public const string ForbiddenWordsKey = "piiguard.forbidden_words";
    public const string AllowedWordsKey = "piiguard.allowed_words";
    public const string StrictBuildProperty = "build_property.PiiGuardStrict";

    private static readonly ConditionalWeakTable<AnalyzerConfigOptions, PiiGuardOptions> Cache = new();

    public static readonly PiiGuardOptions Default = new(strict: false, Array.Empty<string>(), Array.Empty<string>());

    private readonly string[] _forbiddenEntries;
    private readonly string[] _allowedEntries;

    private PiiGuardOptions(bool strict, string[] forbiddenEntries, string[] allowedEntries)
    {
        Strict = strict;
        _forbiddenEntries = forbiddenEntries;
        _allowedEntries = allowedEntries;
        ForbiddenWords = Words(forbiddenEntries, TermRole.Personal, Category.ProjectWord);
        AllowedWords = Words(allowedEntries, TermRole.NeutralSubject, null);
    }

    public bool Strict { get; }

    public Vocabulary ForbiddenWords { get; }

    public Vocabulary AllowedWords { get; }

    /// <summary>Reads (once per distinct configuration) the options that apply to one file.</summary>
    public static PiiGuardOptions For(AnalyzerConfigOptions options) => Cache.GetValue(options, Parse);

    public bool Equals(PiiGuardOptions? other) =>
        other is not null &&
        (ReferenceEquals(this, other) ||
         (Strict == other.Strict && _forbiddenEntries.SequenceEqual(other._forbiddenEntries, StringComparer.Ordinal) &&
          _allowedEntries.SequenceEqual(other._allowedEntries, StringComparer.Ordinal)));

    public override bool Equals(object? obj) => Equals(obj as PiiGuardOptions);

    public override int GetHashCode()
    {
        int hash = Strict ? 1 : 0;
        foreach (string entry in _forbiddenEntries)
        {
            hash = unchecked((hash * 31) + StringComparer.Ordinal.GetHashCode(entry));
        }

        return unchecked((hash * 31) + _allowedEntries.Length);
    }

    private static PiiGuardOptions Parse(AnalyzerConfigOptions options)
    {
        bool strict = IsTrue(options, StrictKey) || IsTrue(options, StrictBuildProperty);
        string[] forbidden = Entries(options, ForbiddenWordsKey);
        string[] allowed = Entries(options, AllowedWordsKey);
        return !strict && forbidden.Length == 0 && allowed.Length == 0 ? Default : new PiiGuardOptions(strict, forbidden, allowed);
    }

    private static bool IsTrue(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out string? value) && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private static string[] Entries(AnalyzerConfigOptions options, string key) =>
        !options.TryGetValue(key, out string? value) || string.IsNullOrWhiteSpace(value)
            ? Array.Empty<string>()
            : value
                .Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(e => e.Trim())
                .Where(e => NameWords.Split(e).Count > 0)
                .ToArray();

    private static Vocabulary Words(string[] entries, TermRole role, Category? category) =>
        entries.Length == 0 ? Vocabulary.Empty : Vocabulary.Of(entries, role, category);
}

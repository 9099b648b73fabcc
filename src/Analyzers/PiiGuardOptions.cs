using System;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Shared;
using PiiGuard.Shared.Names;

namespace PiiGuard.Analyzers;

/// <summary>
/// A project's PiiGuard settings, read from <c>.editorconfig</c> (or a global config):
/// <list type="bullet">
/// <item><c>piiguard.strict = true</c>: free-text members (PII006) are errors. The MSBuild property
/// <c>PiiGuardStrict</c> does the same.</item>
/// <item><c>piiguard.forbidden_words = badge_id, TenantName</c> (comma-separated): the project's own words of personal data,
/// reported as PII001 on members of any type.</item>
/// <item><c>piiguard.allowed_words = serial_port</c>: words that never count as personal data in this project.</item>
/// </list>
/// </summary>
internal sealed class PiiGuardOptions
{
    public const string StrictKey = "piiguard.strict";
    public const string ForbiddenWordsKey = "piiguard.forbidden_words";
    public const string AllowedWordsKey = "piiguard.allowed_words";
    public const string StrictBuildProperty = "build_property.PiiGuardStrict";

    private static readonly ConditionalWeakTable<AnalyzerConfigOptions, PiiGuardOptions> Cache = new();

    public static readonly PiiGuardOptions Default = new(strict: false, Vocabulary.Empty, Vocabulary.Empty);

    private PiiGuardOptions(bool strict, Vocabulary forbidden, Vocabulary allowed)
    {
        Strict = strict;
        ForbiddenWords = forbidden;
        AllowedWords = allowed;
    }

    public bool Strict { get; }

    public Vocabulary ForbiddenWords { get; }

    public Vocabulary AllowedWords { get; }

    /// <summary>Reads (once per distinct configuration) the options that apply to one file.</summary>
    public static PiiGuardOptions For(AnalyzerConfigOptions options) => Cache.GetValue(options, Parse);

    private static PiiGuardOptions Parse(AnalyzerConfigOptions options)
    {
        bool strict = IsTrue(options, StrictKey) || IsTrue(options, StrictBuildProperty);
        Vocabulary forbidden = ReadWords(options, ForbiddenWordsKey, TermRole.Personal, Category.ProjectWord);
        Vocabulary allowed = ReadWords(options, AllowedWordsKey, TermRole.NeutralSubject, null);
        return !strict && forbidden.IsEmpty && allowed.IsEmpty ? Default : new PiiGuardOptions(strict, forbidden, allowed);
    }

    private static bool IsTrue(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out string? value) && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private static Vocabulary ReadWords(AnalyzerConfigOptions options, string key, TermRole role, Category? category)
    {
        if (!options.TryGetValue(key, out string? value) || string.IsNullOrWhiteSpace(value))
        {
            return Vocabulary.Empty;
        }

        string[] entries = value
            .Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Trim())
            .Where(e => NameWords.Split(e).Count > 0)
            .ToArray();
        return Vocabulary.Of(entries, role, category);
    }
}

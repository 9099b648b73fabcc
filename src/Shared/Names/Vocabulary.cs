using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace PiiGuard.Shared.Names;

/// <summary>
/// A set of terms looked up by their first word, longest first: the default profile (the policy as data, from
/// <c>default-profile.txt</c>), or a project's own words.
/// </summary>
internal sealed class Vocabulary
{
    /// <summary>The name of the default profile, embedded in each assembly that links this file.</summary>
    public const string DefaultProfileResource = "PiiGuard.default-profile.txt";

    private static readonly Lazy<Vocabulary> s_default = new(LoadDefault);

    private readonly Dictionary<string, Term[]> _byFirstWord;

    private Vocabulary(IEnumerable<Term> terms)
    {
        Terms = terms.ToArray();
        _byFirstWord = Terms
            .GroupBy(t => t.Words[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Words.Length).ToArray(), StringComparer.Ordinal);
    }

    public static readonly Vocabulary Empty = new(Array.Empty<Term>());

    /// <summary>The default profile: the general vocabulary of personal data that PiiGuard ships.</summary>
    public static Vocabulary Default => s_default.Value;

    public IReadOnlyList<Term> Terms { get; }

    public bool IsEmpty => Terms.Count == 0;

    public static Vocabulary Of(IEnumerable<Term> terms) => new(terms);

    /// <summary>A project's words (<c>piiguard.forbidden_words</c>, <c>piiguard.allowed_words</c>): terms of one role and category.</summary>
    public static Vocabulary Of(IEnumerable<string> entries, TermRole role, Category? category) =>
        new(entries.Select(e => NameWords.Split(e).ToArray()).Where(w => w.Length > 0)
            .Select(w => new Term(w, role, category, anyType: true, reason: "this project's own word")));

    /// <summary>The longest term that stands at <paramref name="start"/>, or null.</summary>
    public Term? FindAt(IReadOnlyList<string> words, int start, bool[]? masked)
    {
        string word = words[start];
        return Find(word)
            ?? (Term.YSingular(word) is { } y ? Find(y, singleWordOnly: true) : null)
            ?? (Term.Singular(word) is { } singular ? Find(singular, singleWordOnly: true) : null);

        Term? Find(string key, bool singleWordOnly = false)
        {
            if (!_byFirstWord.TryGetValue(key, out Term[]? candidates))
            {
                return null;
            }

            foreach (Term term in candidates)
            {
                if ((!singleWordOnly || term.Words.Length == 1) && term.MatchesAt(words, start, masked))
                {
                    return term;
                }
            }

            return null;
        }
    }

    /// <summary>The first term in <paramref name="words"/> (leftmost, then longest), or null.</summary>
    public (Term Term, int Start)? FindFirst(IReadOnlyList<string> words, bool[]? masked)
    {
        for (int start = 0; start < words.Count; start++)
        {
            if (FindAt(words, start, masked) is { } term)
            {
                return (term, start);
            }
        }

        return null;
    }

    /// <summary>Marks every word that belongs to an occurrence of one of the terms.</summary>
    public bool[]? Mask(IReadOnlyList<string> words)
    {
        bool[]? mask = null;
        for (int start = 0; start < words.Count; start++)
        {
            if (FindAt(words, start, null) is not { } term)
            {
                continue;
            }

            mask ??= new bool[words.Count];
            for (int i = 0; i < term.Words.Length; i++)
            {
                mask[start + i] = true;
            }
        }

        return mask;
    }

    /// <summary>
    /// Reads a profile: sections <c>[role category? any?]</c>, then one term a line, <c>words | reason</c>; <c>#</c>
    /// starts a comment line.
    /// </summary>
    /// <exception cref="FormatException">A line is not in the profile format; the message names the line.</exception>
    public static Vocabulary Parse(string text)
    {
        var terms = new List<Term>();
        var lineOfTerm = new Dictionary<string, int>(StringComparer.Ordinal);
        TermRole? role = null;
        Category? category = null;
        bool anyType = false;
        bool soft = false;
        SubjectScope scope = SubjectScope.None;
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '[')
            {
                string[] header = line.Trim('[', ']').Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                role = ParseRole(header[0], header.Length > 1 ? header[1] : null, i + 1);
                category = header.Skip(1).Select(Category.FromId).FirstOrDefault(c => c != null);
                // "any": personal on members of any type (for identifier heads: on numbers too); for documents, "map":
                // only an open map of text.
                anyType = header.Contains("any") || (role == TermRole.Blob && !header.Contains("map"));
                soft = header.Contains("soft");
                // For subjects of the software: "published", its ids and hashes are public; "whole", everything
                // under it is the software's; "occurrence", its ids single out one occurrence; "named", its names are
                // the name of the file it runs from.
                scope = header.Contains("whole") ? SubjectScope.Software
                    : header.Contains("published") ? SubjectScope.PublishedIds
                    : header.Contains("occurrence") ? SubjectScope.Occurrence
                    : header.Contains("named") ? SubjectScope.NamedAfterFile
                    : SubjectScope.None;
                if (scope != SubjectScope.None && role != TermRole.NeutralSubject)
                {
                    throw new FormatException($"Profile line {i + 1}: 'published', 'whole', 'occurrence' and 'named' qualify only [subject neutral].");
                }

                continue;
            }

            int bar = line.IndexOf('|');
            if (role is null || bar <= 0)
            {
                throw new FormatException($"Profile line {i + 1}: expected 'words | reason' under a [role] section.");
            }

            string[] words = NameWords.Split(line.Substring(0, bar)).ToArray();
            if (words.Length == 0)
            {
                throw new FormatException($"Profile line {i + 1}: the term has no words.");
            }

            // A term listed twice would have two roles, and which one a name met would depend on the order of the list.
            var term = new Term(words, role.Value, category, anyType, line.Substring(bar + 1).Trim(), soft, scope);
            if (lineOfTerm.TryGetValue(term.Text, out int first))
            {
                throw new FormatException($"Profile line {i + 1}: '{term.Text}' is already a term (line {first}).");
            }

            lineOfTerm.Add(term.Text, i + 1);
            terms.Add(term);
        }

        return new Vocabulary(terms);
    }

    private static TermRole ParseRole(string role, string? qualifier, int line) => role switch
    {
        "personal" => TermRole.Personal,
        "subject" when qualifier == "neutral" => TermRole.NeutralSubject,
        "subject" => TermRole.Subject,
        "head" => qualifier switch
        {
            "identifier" => TermRole.IdentifierHead,
            "name" => TermRole.NameHead,
            "category" => TermRole.CategoryHead,
            "measure" => TermRole.MeasureHead,
            "flag" => TermRole.FlagHead,
            _ => throw new FormatException($"Profile line {line}: unknown head '{qualifier}'."),
        },
        "behaviour" => TermRole.Behaviour,
        "location" => TermRole.Location,
        "blob" => TermRole.Blob,
        "connector" => TermRole.Connector,
        "question" => TermRole.Question,
        "setting" => TermRole.Setting,
        "container" => TermRole.Container,
        _ => throw new FormatException($"Profile line {line}: unknown role '{role}'."),
    };

    private static Vocabulary LoadDefault()
    {
        Assembly assembly = typeof(Vocabulary).Assembly;
        using Stream stream = assembly.GetManifestResourceStream(DefaultProfileResource)
            ?? throw new InvalidOperationException($"The default profile ({DefaultProfileResource}) is not embedded in {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}

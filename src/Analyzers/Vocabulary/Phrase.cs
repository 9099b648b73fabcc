using System;
using System.Collections.Generic;
using PiiGuard.Shared;

namespace PiiGuard.Analyzers.Vocabulary;

/// <summary>
/// A sequence of whole words (lower case) that marks a member name, with the category it belongs to.
/// </summary>
internal sealed class Phrase
{
    public Phrase(string[] words, Category category, bool wholeNameOnly = false, string[]? notFollowedBy = null)
    {
        Words = words;
        Category = category;
        WholeNameOnly = wholeNameOnly;
        NotFollowedBy = notFollowedBy ?? Array.Empty<string>();
        Text = string.Join(" ", words);
    }

    public string[] Words { get; }

    public Category Category { get; }

    /// <summary>The phrase matches only when it is the whole name (<c>Name</c>, but not <c>SchemaName</c>).</summary>
    public bool WholeNameOnly { get; }

    /// <summary>Words that, right after the phrase, make it something else (<c>mac</c> + <c>os</c>).</summary>
    public string[] NotFollowedBy { get; }

    /// <summary>The phrase as written in messages.</summary>
    public string Text { get; }

    /// <summary>
    /// Whether the phrase stands at <paramref name="start"/> in <paramref name="words"/>, skipping words that
    /// <paramref name="masked"/> marks as allowed. The last word also matches its plural (<c>paths</c>, <c>addresses</c>).
    /// </summary>
    public bool MatchesAt(IReadOnlyList<string> words, int start, bool[]? masked)
    {
        if (start + Words.Length > words.Count)
        {
            return false;
        }

        if (WholeNameOnly && (start != 0 || Words.Length != words.Count))
        {
            return false;
        }

        for (int i = 0; i < Words.Length; i++)
        {
            int at = start + i;
            if (masked != null && masked[at])
            {
                return false;
            }

            bool last = i == Words.Length - 1;
            if (!(last ? IsWordOrPlural(words[at], Words[i]) : words[at] == Words[i]))
            {
                return false;
            }
        }

        int next = start + Words.Length;
        return next >= words.Count || Array.IndexOf(NotFollowedBy, words[next]) < 0;
    }

    private static bool IsWordOrPlural(string actual, string word)
    {
        if (actual == word)
        {
            return true;
        }

        if (actual.Length == word.Length + 1 && actual[actual.Length - 1] == 's')
        {
            return actual.StartsWith(word, StringComparison.Ordinal);
        }

        return actual.Length == word.Length + 2 && actual.EndsWith("es", StringComparison.Ordinal) &&
            actual.StartsWith(word, StringComparison.Ordinal);
    }
}

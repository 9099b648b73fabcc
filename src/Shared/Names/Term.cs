using System;
using System.Collections.Generic;

namespace PiiGuard.Shared.Names;

/// <summary>What a term says about the value of a member whose name holds it.</summary>
internal enum TermRole
{
    /// <summary>The value itself is personal data of the term's category (<c>email</c>, <c>ip address</c>, <c>latitude</c>).</summary>
    Personal,

    /// <summary>A person, or a thing of a person's (<c>user</c>, <c>customer</c>, <c>device</c>): its ids and names are personal.</summary>
    Subject,

    /// <summary>A thing of the software or the system (<c>os</c>, <c>service</c>, <c>feature</c>): its ids and names are not personal.</summary>
    NeutralSubject,

    /// <summary>A head that names an identifier (<c>id</c>, <c>key</c>, <c>hash</c>): personal unless its subject is neutral.</summary>
    IdentifierHead,

    /// <summary>A head that names a name or a label (<c>name</c>, <c>title</c>, <c>label</c>): personal unless its subject is neutral.</summary>
    NameHead,

    /// <summary>A head that says the value is a category of something (<c>kind</c>, <c>type</c>, <c>format</c>, <c>code</c>).</summary>
    CategoryHead,

    /// <summary>A head that says the value measures something (<c>count</c>, <c>size</c>, <c>duration</c>, <c>ratio</c>).</summary>
    MeasureHead,

    /// <summary>A head that says the value is a yes or no about something (<c>enabled</c>, <c>verified</c>).</summary>
    FlagHead,

    /// <summary>Behavioural tracking (<c>click</c>, <c>keystroke</c>, <c>scroll</c>): personal even when counted.</summary>
    Behaviour,

    /// <summary>Where a thing is (<c>geo</c>): what a member under it holds is a location.</summary>
    Location,

    /// <summary>A document or dump that can hold anything (<c>json</c>, <c>dump</c>, <c>raw</c>).</summary>
    Blob,

    /// <summary>A word that joins a head to its subject (<c>of</c>, <c>for</c>) or starts a qualifier (<c>per</c>, <c>by</c>).</summary>
    Connector,

    /// <summary>A word that makes a name a question (<c>is</c>, <c>has</c>): the value is a flag.</summary>
    Question,

    /// <summary>
    /// A verb that makes a yes-or-no name a setting of the app (<c>enable</c>, <c>send</c>, <c>track</c>): the value says
    /// whether the app does something (<c>SendPageView</c>), not what a person did.
    /// </summary>
    Setting,

    /// <summary>A collection (<c>list</c>, <c>array</c>): as a name's last word, or first before <c>of</c>, it holds what the rest of the name says.</summary>
    Container,
}

/// <summary>What a subject of the software says about everything named under it, not only about its own ids and names.</summary>
internal enum SubjectScope
{
    /// <summary>Nothing more: the nearest subject decides.</summary>
    None,

    /// <summary>
    /// Identifiers, hashes and references under it are published (<c>threat</c>: the ids of threat intelligence
    /// records, the links to them and the hashes of malware samples are public knowledge), whatever they are of; its
    /// addresses and names are not.
    /// </summary>
    PublishedIds,

    /// <summary>
    /// Whatever a name under it holds describes the software itself (<c>elf</c>, <c>pe</c>, <c>macho</c>: a binary's
    /// header and sections are the program's, the same on every machine it runs on).
    /// </summary>
    Software,

    /// <summary>
    /// An identifier of it singles out one occurrence (<c>event</c>, <c>task</c>, <c>deployment</c>: one event, one run
    /// of a task, one roll-out), which belongs to whoever it happened to or was started by: its ids and hashes are
    /// personal, while its names, kinds and types are the developer's (an event's name is one of a closed set).
    /// </summary>
    Occurrence,

    /// <summary>
    /// It is named after the file it runs from (<c>process</c>: a process's name is its executable's file name, and a
    /// person's own script or program carries whatever name they gave it): its names and titles are a file's name, and
    /// an id of it as text singles out one run, while its hashes (of its file), kinds and measures are the program's.
    /// </summary>
    NamedAfterFile,
}

/// <summary>One entry of a profile: a term of one or more words, its role, and why.</summary>
internal sealed class Term
{
    public Term(string[] words, TermRole role, Category? category, bool anyType, string reason, bool soft = false, SubjectScope scope = SubjectScope.None)
    {
        Soft = soft;
        Scope = scope;
        Words = words;
        Role = role;
        Category = category;
        AnyType = anyType;
        Reason = reason;
        Text = string.Join(" ", words);
    }

    /// <summary>The words, lower case.</summary>
    public string[] Words { get; }

    public TermRole Role { get; }

    /// <summary>
    /// For <see cref="TermRole.Personal"/> and <see cref="TermRole.Subject"/> terms: the kind of personal data; for
    /// heads, the kind their value is when their subject is personal or unknown.
    /// </summary>
    public Category? Category { get; }

    /// <summary>Whether the term is personal on a member of any type (a phone number is one as a number too), not only on text.</summary>
    public bool AnyType { get; }

    /// <summary>
    /// For personal terms: whether the term names a thing's name or words about it (<c>title</c>, <c>description</c>,
    /// <c>organization</c>), which belong to a thing of the software when the name's subject is one
    /// (<c>IssuerOrganization</c>, <c>PackageDescription</c>). For subjects: whether the subject, as a head, can be a
    /// thing of the software's (<c>host</c>, <c>account</c>, <c>group</c>: <c>ServiceAccount</c>) where a person
    /// (<c>owner</c>, <c>author</c>) is a person whatever they belong to.
    /// </summary>
    public bool Soft { get; }

    /// <summary>
    /// For subjects of the software: what a name under the term (the term before its head) says about the head, beyond
    /// the term's own ids and names.
    /// </summary>
    public SubjectScope Scope { get; }

    /// <summary>Why the term has its role: the profile's documentation.</summary>
    public string Reason { get; }

    /// <summary>The term as written in messages: its words separated by spaces.</summary>
    public string Text { get; }

    /// <summary>Whether the term stands at <paramref name="start"/>; its last word also matches a plural.</summary>
    public bool MatchesAt(IReadOnlyList<string> words, int start, bool[]? masked)
    {
        if (start + Words.Length > words.Count)
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

            if (!(i == Words.Length - 1 ? IsWordOrPlural(words[at], Words[i]) : words[at] == Words[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="actual"/> is <paramref name="word"/> or a regular plural of it (<c>paths</c>,
    /// <c>addresses</c>, <c>identities</c>): <c>YSingular(actual) == word || Singular(actual) == word</c>, the plurals
    /// <see cref="Vocabulary.FindAt"/> looks single words up by, worked out without a string.
    /// </summary>
    public static bool IsWordOrPlural(string actual, string word)
    {
        if (actual == word)
        {
            return true;
        }

        int extra = actual.Length - word.Length;

        // identity -> identities
        if (extra == 2 && word.Length > 2 && word[word.Length - 1] == 'y' && actual.EndsWith("ies", StringComparison.Ordinal) &&
            string.CompareOrdinal(actual, 0, word, 0, word.Length - 1) == 0)
        {
            return true;
        }

        if (extra is < 1 or > 2 || string.CompareOrdinal(actual, 0, word, 0, word.Length) != 0)
        {
            return false;
        }

        // address -> addresses, hash -> hashes; path -> paths, but not box -> boxes as "boxe" + "s".
        bool esPlural = IsEsPlural(actual);
        return extra == 2 ? esPlural : !esPlural && actual.Length > 2 && actual[actual.Length - 1] == 's' && word[word.Length - 1] != 's';
    }

    /// <summary>The singular of a plural in <c>-ies</c> of a word in <c>-y</c> (<c>identities</c>), or null.</summary>
    internal static string? YSingular(string word) =>
        word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal) ? word.Substring(0, word.Length - 3) + "y" : null;

    /// <summary>
    /// The singular of a regular plural in <c>-es</c> or <c>-s</c> (<c>addresses</c>, <c>paths</c>, and <c>cookies</c>
    /// when it is not a plural in <c>-ies</c> of a word in <c>-y</c>, <see cref="YSingular"/>), or null.
    /// </summary>
    internal static string? Singular(string word)
    {
        // "addresses" -> "address"; "names" -> "name" is found by dropping the "s".
        if (IsEsPlural(word))
        {
            return word.Substring(0, word.Length - 2);
        }

        return word.Length > 2 && word[word.Length - 1] == 's' && word[word.Length - 2] != 's' ? word.Substring(0, word.Length - 1) : null;
    }

    /// <summary>Whether <paramref name="word"/> is a plural in <c>-es</c> of a word in <c>-ss</c>, <c>-sh</c>, <c>-ch</c> or <c>-x</c>.</summary>
    private static bool IsEsPlural(string word)
    {
        int stem = word.Length - 2;
        if (word.Length <= 3 || !word.EndsWith("es", StringComparison.Ordinal))
        {
            return false;
        }

        char last = word[stem - 1];
        return last == 'x' || (stem >= 2 && (last == 'h' ? word[stem - 2] is 's' or 'c' : last == 's' && word[stem - 2] == 's'));
    }
}

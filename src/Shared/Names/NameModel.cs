using System;
using System.Collections.Generic;

namespace PiiGuard.Shared.Names;

/// <summary>What a member's type can hold, as far as the name model cares.</summary>
[Flags]
internal enum ValueShapes
{
    None = 0,

    /// <summary>Text: a string, string elements, string dictionary keys or values, characters in a collection.</summary>
    Text = 1,

    /// <summary>A number (integer or floating point), alone or in a collection.</summary>
    Number = 2,

    /// <summary>A <c>bool</c>.</summary>
    Boolean = 4,

    /// <summary>An enum.</summary>
    Enum = 8,

    /// <summary>Anything else: a point in time, a record, a Guid, a duration.</summary>
    Other = 16,

    /// <summary>An open map of text: a dictionary whose keys and values are strings (or string collections).</summary>
    TextMap = 32,
}

/// <summary>What the name model found in a member's name: the kind of personal data, and the words that say so.</summary>
/// <param name="Category">The kind of personal data.</param>
/// <param name="Found">The words of the name that decided it (<c>email</c>, <c>user … name</c>).</param>
internal sealed record NameFinding(Category Category, string Found);

/// <summary>
/// Reads a member name's structure, not just its words: the name is split into words, the profile's multi-word terms
/// are taken as units (<c>user agent</c>, <c>family name</c>, <c>font family</c>), then the <b>head</b> (what the
/// value is: usually the last term, or the one before <c>of</c>/<c>for</c>) and its <b>subject</b> (whose or what it
/// is about: the nearest term before it that names a thing) decide the verdict together:
/// <list type="bullet">
/// <item>a personal head (<c>email</c>, <c>ip address</c>, <c>latitude</c>) is personal, on text, or on any type for the
/// terms that are personal as numbers too (<c>phone number</c>, <c>zip code</c>);</item>
/// <item>a categorical, measuring or flag head (<c>kind</c>, <c>count</c>, <c>enabled</c>) is not, whatever its subject
/// (an error's type is not an error message), except for behavioural tracking: a count of clicks is still tracking;
/// and a measure is a number: text named like one (<c>string RegistryDataBytes</c>) is judged by what it is about;</item>
/// <item>an identifier head (<c>id</c>, <c>key</c>, <c>hash</c>) on text or a number, and a name head (<c>name</c>,
/// <c>title</c>, <c>label</c>) on text, are personal unless their subject is a thing of the software or the system
/// (<c>ServiceName</c>, <c>OsName</c>): a personal or an unknown subject makes them personal;</item>
/// <item>a document or dump (<c>json</c>, <c>raw</c>) on text is personal, and so is text whose head the profile does
/// not know after one (<c>CrashDumpStrings</c>: part of a document); anything under <c>geo</c> is a location.</item>
/// <item>a subject of the software can say more about what is named under it: under a binary's header (<c>elf</c>,
/// <c>pe</c>, <c>macho</c>) every value describes the program; under threat intelligence (<c>threat</c>) ids and
/// hashes are published; an occurrence (<c>event</c>, <c>task</c>) has the developer's names and kinds, but an id of
/// one occurrence is personal; a process and a loaded library (<c>process</c>, <c>dll</c>) are named after the file
/// they run from, so their names and titles are file names, while their ids and hashes are the program's.</item>
/// </list>
/// </summary>
internal static class NameModel
{
    /// <summary>Judges a name, or the explicit JSON name when the member name says nothing.</summary>
    public static NameFinding? Judge(IReadOnlyList<string> words, ValueShapes shape, Vocabulary profile, Vocabulary forbidden, Vocabulary allowed)
    {
        bool[]? mask = allowed.IsEmpty ? null : allowed.Mask(words);
        if (!forbidden.IsEmpty && forbidden.FindFirst(words, mask) is { } project)
        {
            return new NameFinding(Category.ProjectWord, project.Term.Text);
        }

        return Judge(Read(words, profile, mask), shape);
    }

    /// <summary>
    /// Whether a name is about a thing of the software or the system (<c>BuildTimestamp</c>, <c>ReleaseCreatedAt</c>):
    /// its nearest subject is one (not an occurrence, whose time is whoever it happened to's) or a word the project
    /// allows. A point in time of such a thing is the same for every user of the software.
    /// </summary>
    public static bool IsAboutSoftware(IReadOnlyList<string> words, Vocabulary profile, Vocabulary allowed)
    {
        bool[]? mask = allowed.IsEmpty ? null : allowed.Mask(words);
        List<Token> tokens = Read(words, profile, mask);
        tokens.Reverse();

        // A kind's or a status's time ("StatusChangedAt") is whoever's status it is: a category names nothing here.
        Token? subject = FindSubject(tokens, categoryNamesSoftware: false);
        return BelongsToSoftware(subject) && ScopeOf(subject) != SubjectScope.Occurrence;
    }

    /// <summary>One term of a name, or one word the profile does not know (<see cref="Term"/> null).</summary>
    internal readonly struct Token
    {
        public Token(Term? term, string text, bool allowed)
        {
            Term = term;
            Text = text;
            Allowed = allowed;
        }

        public Term? Term { get; }

        public string Text { get; }

        /// <summary>A word the project allows: never personal, and a known, neutral subject.</summary>
        public bool Allowed { get; }

        public TermRole? Role => Term?.Role;
    }

    /// <summary>The name as terms, longest first, left to right; allowed words stand alone.</summary>
    internal static List<Token> Read(IReadOnlyList<string> words, Vocabulary profile, bool[]? allowed)
    {
        var tokens = new List<Token>(words.Count);
        for (int i = 0; i < words.Count;)
        {
            if (allowed != null && allowed[i])
            {
                tokens.Add(new Token(null, words[i], allowed: true));
                i++;
                continue;
            }

            Term? term = profile.FindAt(words, i, allowed);
            if (term is null)
            {
                tokens.Add(new Token(null, words[i], allowed: false));
                i++;
            }
            else
            {
                tokens.Add(new Token(term, string.Join(" ", Slice(words, i, term.Words.Length)), allowed: false));
                i += term.Words.Length;
            }
        }

        return tokens;
    }

    private static IEnumerable<string> Slice(IReadOnlyList<string> words, int start, int count)
    {
        for (int i = start; i < start + count; i++)
        {
            yield return words[i];
        }
    }

    private static NameFinding? Judge(List<Token> tokens, ValueShapes shape)
    {
        if (tokens.Count == 0)
        {
            return null;
        }

        // "UserIdList", "ListOfUserIds": a list holds what the rest of its name says it holds.
        if (tokens.Count > 1 && tokens[tokens.Count - 1].Role == TermRole.Container)
        {
            tokens = tokens.GetRange(0, tokens.Count - 1);
        }
        else if (tokens.Count > 2 && tokens[0].Role == TermRole.Container && tokens[1] is { Role: TermRole.Connector, Text: "of" })
        {
            tokens = tokens.GetRange(2, tokens.Count - 2);
        }

        // "UrlOriginal", "AgentBuildOriginal": the original form of a value holds what the value holds, so the name is
        // judged without the word; after an occurrence ("EventOriginal"), a word the profile does not know
        // ("LogRecordOriginal") or nothing, it is the whole original document.
        if (tokens.Count > 1 && tokens[tokens.Count - 1] is { Role: TermRole.Blob, Term.Soft: true } &&
            tokens[tokens.Count - 2] is var form && (form.Allowed || form.Term is { Scope: not SubjectScope.Occurrence }))
        {
            tokens = tokens.GetRange(0, tokens.Count - 1);
        }

        // "OrderBy", "GroupBy": a name that ends in "by" names what something is ordered or grouped by, a field of
        // the developer's ("CreatedBy", who did it, is a subject of the profile, read as one term).
        if (tokens.Count > 1 && tokens[tokens.Count - 1] is { Role: TermRole.Connector, Text: "by" })
        {
            return null;
        }

        bool text = (shape & ValueShapes.Text) != 0;
        bool number = (shape & ValueShapes.Number) != 0;
        bool question = tokens[0].Role == TermRole.Question;

        // "CountOfUsers": the head comes before "of" or "for", the subject after it; "ErrorsPerDay", "JobsByPlatform":
        // what comes after "per" or "by" only qualifies the head.
        int connector = tokens.FindIndex(t => t.Role == TermRole.Connector);
        int headEnd = connector > 0 ? connector : tokens.Count;
        var subjects = new List<Token>(tokens.Count);
        if (connector > 0 && connector + 1 < tokens.Count && tokens[connector].Text is "of" or "for")
        {
            for (int i = tokens.Count - 1; i > connector; i--)
            {
                subjects.Add(tokens[i]);
            }
        }

        // "CountsByPath" on a dictionary keyed by text: its keys are what comes after "by".
        if (connector > 0 && connector + 1 < tokens.Count && (shape & ValueShapes.Text) != 0 && tokens[connector].Text is "by" or "per" &&
            Judge(tokens.GetRange(connector + 1, tokens.Count - connector - 1), ValueShapes.Text) is { } keys)
        {
            return keys;
        }

        Token head = tokens[headEnd - 1];
        for (int i = headEnd - 2; i >= (question ? 1 : 0); i--)
        {
            subjects.Add(tokens[i]);
        }

        TermRole? headRole = head.Allowed ? TermRole.NeutralSubject : head.Role;
        bool flagLike = headRole is TermRole.FlagHead or TermRole.CategoryHead;

        // "SendPageView", "EnableClickTracking" as yes or no: a setting of the app says whether it does something,
        // not what a person did.
        if (shape == ValueShapes.Boolean && tokens[0].Role == TermRole.Setting)
        {
            return null;
        }

        // Behavioural tracking anywhere in the name, unless the value only says whether or which kind. A soft term
        // ("last activity") tracks a person only: a machine's or a service's last activity is the system's.
        // A thing of the software named after the tracking word, when the value does not measure, is what the value
        // is of: "LastClickCampaignName" is a campaign's name (the campaign of the last click), not a click.
        for (int i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Role == TermRole.Behaviour && (!tokens[i].Term!.Soft || IsAPersons(tokens, i)) &&
                !(headRole != TermRole.MeasureHead && NamesThingOfSoftware(tokens, i + 1, headEnd - 1)))
            {
                return flagLike ? null : new NameFinding(Category.Behaviour, tokens[i].Text);
            }
        }

        if (shape == ValueShapes.Boolean || question)
        {
            return null;
        }

        // Under a part of a binary (its ELF, PE or Mach-O header), every value describes the program, not who runs it.
        for (int i = 0; i < tokens.Count; i++)
        {
            if (i != headEnd - 1 && tokens[i].Term?.Scope == SubjectScope.Software)
            {
                return null;
            }
        }

        // A score, a risk or a rating of a person profiles them, whatever comes after it ("UserRiskScoreNorm").
        for (int i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Role == TermRole.MeasureHead && tokens[i].Term!.Category is { } profiling)
            {
                for (int j = i - 1; j >= 0; j--)
                {
                    if (tokens[j].Role == TermRole.Subject && tokens[j].Term!.Category == Category.Identity)
                    {
                        return new NameFinding(profiling, tokens[j].Text + " " + tokens[i].Text);
                    }
                }
            }
        }

        // Anything under "geo" is a location, a country's or a region's code too, unless it only measures or says whether.
        if (headRole is not (TermRole.MeasureHead or TermRole.FlagHead) && tokens.Find(t => t.Role == TermRole.Location) is { Term: not null } geo)
        {
            return new NameFinding(Category.Location, geo.Text);
        }

        NameFinding? finding = JudgeHead(head, headRole, subjects, shape, text, number);

        // An open map of text has no schema: its keys and values can hold anything, whatever it is called, unless its
        // name says it is a kind, a flag or a thing of the software. A measure is a number: text values named "Items"
        // or "Totals" are not one.
        return finding ?? ((shape & ValueShapes.TextMap) != 0 && headRole is not (TermRole.CategoryHead or TermRole.FlagHead or TermRole.NeutralSubject)
            ? new NameFinding(Category.Blob, "open map of text")
            : null);
    }

    private static NameFinding? JudgeHead(Token head, TermRole? headRole, List<Token> subjects, ValueShapes shape, bool text, bool number)
    {
        switch (headRole)
        {
            case TermRole.Personal:
                if (!head.Term!.AnyType && !text)
                {
                    return null;
                }

                // The name of a thing of the software ("IssuerOrganization", "PeOriginalFileName", "ScreenTitle") is
                // not a person's: names, files and titles take their subject's side; addresses, credentials,
                // devices and locations are personal whatever they belong to. A process's title is its file's name.
                // An occurrence's names are the developer's, but the file it handled is a person's ("JobFileName").
                // A reference or a link under threat intelligence locates one of its published records.
                if (head.Term.Soft && head.Term.Category == Category.Network && IsUnderPublishedIds(subjects))
                {
                    return null;
                }

                Token? owner = FindSubject(subjects);
                SubjectScope ownerScope = ScopeOf(owner);
                if (head.Term.Soft && BelongsToSoftware(owner) && ownerScope != SubjectScope.NamedAfterFile &&
                    !(head.Term.Category == Category.FileSystem && ownerScope == SubjectScope.Occurrence))
                {
                    return null;
                }

                // A record of what a person did with something personal is that thing ("ChatHistory", "LocationHistory").
                if (head.Term.Soft && head.Term.Category == Category.Behaviour && owner is { Allowed: false, Role: TermRole.Personal } kept)
                {
                    return new NameFinding(kept.Term!.Category!, Describe(kept, head));
                }

                return new NameFinding(head.Term.Category!, head.Text);

            case TermRole.MeasureHead when (shape & (ValueShapes.Number | ValueShapes.Other)) == 0 && text:
                // A measure is a number: text named "DataBytes" or "EmailLength" is not one, so what it is about
                // decides, as for a head the profile does not know (below).
                break;

            case TermRole.CategoryHead or TermRole.MeasureHead or TermRole.FlagHead or TermRole.NeutralSubject:
                // What the value is says it is not personal: a kind, a measure, a flag, or a thing of the software
                // (an error's type is not an error message).
                return null;

            case TermRole.IdentifierHead when text || (number && head.Term!.AnyType):
            {
                // Under threat intelligence, ids and hashes are published: a malware sample's hash is public knowledge.
                if (IsUnderPublishedIds(subjects))
                {
                    return null;
                }

                // An event's or a task run's id singles out one occurrence, and so whoever it happened to, although
                // the event's name and kind are the developer's.
                Token? subject = FindSubject(subjects);

                // A process is one run of a program: its id as text singles out that run ("ProcessEntityId"), while a
                // hash of it is of its file, the program's (a soft identifier head). Its number is a transient pid.
                if (ScopeOf(subject) == SubjectScope.NamedAfterFile)
                {
                    return text && !head.Term!.Soft ? new NameFinding(Category.Identifier, Describe(subject, head)) : null;
                }

                return BelongsToSoftware(subject) && ScopeOf(subject) != SubjectScope.Occurrence
                    ? null
                    : new NameFinding(Category.Identifier, Describe(subject, head));
            }

            case TermRole.NameHead when text:
            {
                // A process's name is the name of the file it runs from, which a person may have named.
                Token? subject = FindSubject(subjects);
                if (ScopeOf(subject) == SubjectScope.NamedAfterFile)
                {
                    return new NameFinding(Category.FileSystem, Describe(subject, head));
                }

                if (BelongsToSoftware(subject))
                {
                    return null;
                }

                Category category = subject?.Term?.Category is { } subjectCategory && subject.Value.Role != TermRole.Location
                    ? subjectCategory
                    : subject?.Role == TermRole.Location ? Category.Location : head.Term!.Category!;
                return new NameFinding(category, Describe(subject, head));
            }

            case TermRole.Blob:
                return (head.Term!.AnyType ? text : (shape & ValueShapes.TextMap) != 0) ? new NameFinding(Category.Blob, head.Text) : null;

            case TermRole.Subject when text && head.Term!.Category is { } subjectCategory:
                // "string User", "string[] Hosts": a person or a machine, as text, is their name; "string Session",
                // "string FunctionExecution": one occurrence, as text, is its id. A person stays a
                // person whatever they own or wrote ("ProcessOwner", "RuleAuthor"); the soft subjects, a machine, a
                // group or an account, take the side of the thing of the software they belong to ("ServiceAccount").
                return head.Term.Soft && BelongsToSoftware(subjects) ? null : new NameFinding(subjectCategory, head.Text);

            case TermRole.Location:
                return new NameFinding(Category.Location, head.Text);
        }

        // A head the profile does not know, or a neutral one: what it is about decides ("UserAgentOriginal",
        // "ClientGeoRegion", "EventRaw").
        // The nearest thing of the software ends the search: "UserAgentOsFull" is about the OS.
        foreach (Token modifier in subjects)
        {
            if (modifier.Allowed || modifier.Role is TermRole.NeutralSubject or TermRole.Container)
            {
                break;
            }

            switch (modifier.Role)
            {
                case TermRole.Personal when modifier.Term!.AnyType || text:
                    return new NameFinding(modifier.Term.Category!, modifier.Text);
                case TermRole.Location:
                    return new NameFinding(Category.Location, modifier.Text);
                case TermRole.Blob when text && modifier.Term!.AnyType:
                    // Part of a document or dump ("RegistryDataStrings", "PayloadJsonText") is the document's content.
                    return new NameFinding(Category.Blob, modifier.Text);
            }
        }

        return null;
    }

    /// <summary>Whether a thing of the software (not an occurrence of it) stands in <paramref name="tokens"/> from <paramref name="start"/> up to <paramref name="end"/>.</summary>
    private static bool NamesThingOfSoftware(List<Token> tokens, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            if (tokens[i] is { Allowed: false, Role: TermRole.NeutralSubject, Term.Scope: not SubjectScope.Occurrence })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a subject whose ids are published (<c>threat</c>) stands anywhere before the head.</summary>
    private static bool IsUnderPublishedIds(List<Token> subjects) => subjects.Exists(t => t.Term?.Scope == SubjectScope.PublishedIds);

    /// <summary>Whether the nearest thing named before <paramref name="at"/> is a person (<c>user</c>, <c>customer</c>).</summary>
    private static bool IsAPersons(List<Token> tokens, int at)
    {
        var before = new List<Token>(at);
        for (int i = at - 1; i >= 0; i--)
        {
            before.Add(tokens[i]);
        }

        return FindSubject(before) is { Allowed: false, Role: TermRole.Subject } subject && subject.Term!.Category == Category.Identity;
    }

    /// <summary>Whether the nearest thing the name is about belongs to the software or the system, not to a person.</summary>
    private static bool BelongsToSoftware(List<Token> subjects) => BelongsToSoftware(FindSubject(subjects));

    /// <summary>What the profile says more about a subject (<c>process</c>: named after its file; <c>event</c>: an occurrence); none for an allowed word.</summary>
    private static SubjectScope ScopeOf(Token? subject) =>
        subject is { Allowed: false, Term: { } term } ? term.Scope : SubjectScope.None;

    private static bool BelongsToSoftware(Token? subject) =>
        subject is { } found && (found.Allowed || found.Role == TermRole.NeutralSubject);

    /// <summary>
    /// The nearest term of <paramref name="candidates"/> (nearest first) that names a thing: a subject, a personal value
    /// or a location; with <paramref name="categoryNamesSoftware"/>, a kind or a list is taken as the software's own.
    /// </summary>
    private static Token? FindSubject(List<Token> candidates, bool categoryNamesSoftware = true)
    {
        foreach (Token token in candidates)
        {
            if (token.Allowed || token.Role is TermRole.Subject or TermRole.NeutralSubject or TermRole.Personal or TermRole.Location)
            {
                return token;
            }

            // The name of a kind, a plan or a status ("PlanName", "ErrorCodeName") is one of a closed set; a list's
            // ("ListName", "ItemListId") is the developer's own.
            if (categoryNamesSoftware && token.Role is TermRole.CategoryHead or TermRole.Container)
            {
                return new Token(null, token.Text, allowed: true);
            }
        }

        return null;
    }

    private static string Describe(Token? subject, Token head) => subject is { } s ? s.Text + " " + head.Text : head.Text;
}

using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using PiiGuard.Shared;

namespace PiiGuard.Analyzers;

/// <summary>
/// What can make the application-data rules report in one compilation, worked out without binding anything: the
/// words of its source text (each syntax tree read once, for as long as the tree lives) and the libraries it
/// references. In a project with no application data and no known personal source, such as one of payloads alone,
/// <see cref="ApplicationDataAnalyzer"/> and <see cref="Flow.PersonalDataFlowAnalyzer"/> register no action: the
/// compiler then neither calls them per type nor builds an operation tree per body for them.
/// </summary>
/// <remarks>
/// <para>
/// Why words. Every rule reports on source the compilation holds, and a source can only apply an attribute by naming
/// it (with or without <c>Attribute</c>, or through an alias whose declaration names it) and only read a member by
/// its name. So the text of a project that applies no <c>[DataSubject]</c> has no <c>DataSubject</c> in it, and one
/// that reads no <c>Environment.UserName</c> has no <c>UserName</c>. A name can also be spelled with Unicode escapes
/// (<c>User\u004Eame</c>): any escape counts as every word. Words in comments and strings count too, which can only
/// make the rules run where they then find nothing. Reading a tree's text is a search of a string already in
/// memory: no syntax node is made, no symbol bound.
/// </para>
/// <para>
/// What is looked for. PII100 to PII104 apply only where the compilation declares a <c>[DataSubject]</c>
/// (<see cref="MayDeclareDataSubjects"/>); PII105 and PII106 check PiiGuard's own annotations where they are written
/// (<see cref="MayHaveAnnotations"/>). PII110 needs a personal source (<see cref="MayReadPersonalData"/>): a member
/// classified or of a data subject (PiiGuard's attributes named here, or applied in a referenced assembly, which then
/// references PiiGuard; ASP.NET Core Identity's and Microsoft.Extensions.Compliance's classifications wherever they
/// are referenced, since IdentityUser's members and a taxonomy's attributes come with them), ASP.NET Core's request
/// headers and client address (where referenced), or a known source of the platform, which every project references
/// and which is therefore found by its words: the machine and user names (<c>UserName</c>, <c>MachineName</c>,
/// <c>UserDomainName</c>), an exception's text (<c>Message</c>, <c>StackTrace</c>, and an exception value, whose type
/// or member says <c>Exception</c>, or <c>Error</c> as a word of its own, as <c>AsyncCompletedEventArgs.Error</c>
/// does), an IP address (<c>Address</c>, as in <c>IPAddress</c>, <c>RemoteIpAddress</c>, <c>GetHostAddresses</c>), a
/// signed-in user's name (<c>Identity</c>, <c>ClaimsIdentity</c>) and claims (<c>FindFirst</c>, <c>FindAll</c>).
/// PII111 needs Sentry's <c>SentryOptions</c> (<see cref="MayConfigureSentry"/>).
/// </para>
/// <para>
/// Every tree of the compilation is read, generated ones too, but those of PiiGuard's own payload generator: its
/// serializers and strict readers (internal types of <c>PiiGuard.Generated</c>, which the runtime calls) say
/// <c>Exception</c> in every <c>catch</c> that adds a field's path to a serialization error, and would otherwise make
/// every project that declares a nested payload look as if it read exceptions. The rules do not analyse generated
/// code, so what such a tree holds could only matter through a method of it that hand-written code calls and that
/// hands a personal value back or on; PiiGuard's serializers read payloads and JSON only, which are not personal
/// sources.
/// </para>
/// <para>
/// The limit: an exception, an identity or an IP address can reach a project as the value of a library's member
/// whose name says none of those words (a library's exception class that breaks .NET's naming convention, returned
/// from a method whose name does not say so either): a project that names no other source would not be analysed for
/// it.
/// </para>
/// </remarks>
internal sealed class ApplicationEvidence
{
    private const string ConnectionInfoMetadataName = "Microsoft.AspNetCore.Http.ConnectionInfo";
    private const string HeaderDictionaryMetadataName = "Microsoft.AspNetCore.Http.IHeaderDictionary";
    private const string SentryOptionsMetadataName = "Sentry.SentryOptions";

    // A generated tree's path is <generator assembly>/<generator type>/<hint name>, under the compiler's base directory.
    private const string PayloadGeneratorFolder = "PiiGuard.Generators.TelemetryPayloadGenerator";

    // The words by which a project reads a known source of the platform (see the remarks): any one, anywhere.
    private static readonly string[] PlatformSourceWords =
    {
        "Exception", "Message", "StackTrace", "UserName", "MachineName", "UserDomainName", "Address", "Identit", "FindFirst", "FindAll",
    };

    private static readonly ConditionalWeakTable<SyntaxTree, TreeWords> Trees = new();
    private static readonly ConditionalWeakTable<Compilation, ApplicationEvidence> Compilations = new();

    private ApplicationEvidence(Words words, bool referencedApplicationData, bool sentry)
    {
        bool escaped = (words & Words.Escape) != 0;
        MayDeclareDataSubjects = escaped || (words & Words.DataSubject) != 0;
        MayHaveAnnotations = escaped || (words & (Words.PersonalData | Words.Annotation)) != 0;
        MayReadPersonalData = escaped || referencedApplicationData || (words & (Words.DataSubject | Words.PersonalData | Words.PlatformSource)) != 0;
        MayConfigureSentry = sentry;
    }

    /// <summary>Which words a text holds.</summary>
    [Flags]
    internal enum Words
    {
        None = 0,

        /// <summary><c>DataSubject</c>.</summary>
        DataSubject = 1,

        /// <summary><c>PersonalData</c>: <c>[PersonalData]</c>, <c>[NotPersonalData]</c>, Identity's <c>[ProtectedPersonalData]</c>.</summary>
        PersonalData = 2,

        /// <summary>PiiGuard's other annotations: <c>Retention</c>, <c>Erasure</c>, <c>SubjectKey</c> (and <c>NoSubjectKey</c>).</summary>
        Annotation = 4,

        /// <summary>A word by which code reads a known personal source of the platform.</summary>
        PlatformSource = 8,

        /// <summary>A Unicode escape (<c>\u0041</c>, <c>\U00000041</c>), which may spell any word.</summary>
        Escape = 16,
    }

    /// <summary>Whether the compilation may declare a <c>[DataSubject]</c> type: PII100 to PII104 apply only then.</summary>
    public bool MayDeclareDataSubjects { get; }

    /// <summary>Whether the compilation may apply one of PiiGuard's annotations that PII105 and PII106 check.</summary>
    public bool MayHaveAnnotations { get; }

    /// <summary>Whether code of the compilation may read a personal value (PII110's sources).</summary>
    public bool MayReadPersonalData { get; }

    /// <summary>Whether the compilation references Sentry's <c>SentryOptions</c> (PII111).</summary>
    public bool MayConfigureSentry { get; }

    /// <summary>The evidence of <paramref name="compilation"/>, worked out once per compilation (a cancelled reading stores nothing).</summary>
    public static ApplicationEvidence For(Compilation compilation, ApplicationSymbols application, CancellationToken cancellationToken) =>
        Compilations.TryGetValue(compilation, out ApplicationEvidence? evidence)
            ? evidence
            : Compilations.GetValue(compilation, c => Read(c, application, cancellationToken));

    /// <summary>The words <paramref name="tree"/>'s text holds, read once per tree.</summary>
    public static Words WordsOf(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (Trees.TryGetValue(tree, out TreeWords? known))
        {
            return known.Words;
        }

        Words words = Scan(tree.GetText(cancellationToken).ToString());
        return Trees.GetValue(tree, _ => new TreeWords(words)).Words;
    }

    /// <summary>The words <paramref name="text"/> holds.</summary>
    internal static Words Scan(string text)
    {
        Words words = Words.None;
        if (Contains(text, "DataSubject"))
        {
            words |= Words.DataSubject;
        }

        if (Contains(text, "PersonalData"))
        {
            words |= Words.PersonalData;
        }

        if (Contains(text, "Retention") || Contains(text, "Erasure") || Contains(text, "SubjectKey"))
        {
            words |= Words.Annotation;
        }

        if (Array.Exists(PlatformSourceWords, word => Contains(text, word)) || ContainsWord(text, "Error"))
        {
            words |= Words.PlatformSource;
        }

        if (ContainsEscape(text))
        {
            words |= Words.Escape;
        }

        return words;
    }

    private static ApplicationEvidence Read(Compilation compilation, ApplicationSymbols application, CancellationToken cancellationToken)
    {
        Words words = Words.None;
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (!IsWrittenByThePayloadGenerator(tree))
            {
                words |= WordsOf(tree, cancellationToken);
            }
        }

        bool referenced = application.IdentityPersonalDataAttribute != null || application.DataClassificationAttribute != null ||
            compilation.GetTypeByMetadataName(ConnectionInfoMetadataName) != null ||
            compilation.GetTypeByMetadataName(HeaderDictionaryMetadataName) != null ||
            IsReferencedByAReference(compilation, application.DataSubjectAttribute.ContainingAssembly);
        return new ApplicationEvidence(words, referenced, compilation.GetTypeByMetadataName(SentryOptionsMetadataName) != null);
    }

    /// <summary>Whether PiiGuard's payload generator wrote <paramref name="tree"/> (see the remarks).</summary>
    internal static bool IsWrittenByThePayloadGenerator(SyntaxTree tree)
    {
        string path = tree.FilePath;
        int at = path.IndexOf(PayloadGeneratorFolder, StringComparison.Ordinal);
        int end = at + PayloadGeneratorFolder.Length;
        return at > 0 && end < path.Length && (path[at - 1] is '/' or '\\') && (path[end] is '/' or '\\') &&
            path.EndsWith(".g.cs", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether an assembly the compilation references is itself built against PiiGuard, and so may apply its attributes.</summary>
    private static bool IsReferencedByAReference(Compilation compilation, IAssemblySymbol piiGuard)
    {
        if (SymbolEqualityComparer.Default.Equals(piiGuard, compilation.Assembly))
        {
            return false;
        }

        string name = piiGuard.Identity.Name;
        foreach (IAssemblySymbol assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (SymbolEqualityComparer.Default.Equals(assembly, piiGuard))
            {
                continue;
            }

            foreach (IModuleSymbol module in assembly.Modules)
            {
                foreach (AssemblyIdentity identity in module.ReferencedAssemblies)
                {
                    if (string.Equals(identity.Name, name, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool Contains(string text, string word) => text.IndexOf(word, StringComparison.Ordinal) >= 0;

    /// <summary>Whether <paramref name="word"/> stands in <paramref name="text"/> as a word of its own (<c>args.Error</c>, not <c>ParserErrors</c>).</summary>
    private static bool ContainsWord(string text, string word)
    {
        for (int at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            int end = at + word.Length;
            if ((at == 0 || !IsIdentifierPart(text[at - 1])) && (end == text.Length || !IsIdentifierPart(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the text holds a Unicode escape: <c>\u</c> and four hexadecimal digits, or <c>\U</c> and eight.</summary>
    private static bool ContainsEscape(string text)
    {
        for (int at = text.IndexOf('\\'); at >= 0 && at + 1 < text.Length; at = text.IndexOf('\\', at + 1))
        {
            int digits = text[at + 1] == 'u' ? 4 : text[at + 1] == 'U' ? 8 : 0;
            if (digits > 0 && at + 1 + digits < text.Length && AreHexDigits(text, at + 2, digits))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AreHexDigits(string text, int start, int count)
    {
        for (int i = start; i < start + count; i++)
        {
            char c = text[i];
            if (!(c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private sealed class TreeWords
    {
        public TreeWords(Words words) => Words = words;

        public Words Words { get; }
    }
}

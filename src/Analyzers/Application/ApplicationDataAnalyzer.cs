using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Shared;
using PiiGuard.Shared.Names;

namespace PiiGuard.Analyzers;

/// <summary>
/// The classification rules of application data (PII100 to PII106), in a project that holds personal data on purpose
/// and says so with <c>[DataSubject]</c>: every personal member of its data subjects, its EF Core entities and the
/// types keyed to a subject is classified (PII100), every such type leads to its subject (PII101), no password is
/// stored (PII102), credentials are classified as such (PII103), network identifiers are kept for a stated time
/// (PII104), and the annotations themselves are well formed (PII105, PII106).
/// </summary>
/// <remarks>
/// PII100 to PII104 apply only in a compilation that declares a <c>[DataSubject]</c> type; PII105 and PII106 check
/// the annotations wherever they are written. Everything is worked out per type, from one callback per named type,
/// over facts about each member read once per compilation. A compilation whose text names no data subject and none of
/// the annotations (<see cref="ApplicationEvidence"/>) gets no callback at all; one that names annotations but no data
/// subject gets its types' and members' attributes read, and nothing else.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ApplicationDataAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The property of a PII100 or PII103 diagnostic that names the <c>PersonalDataKind</c> a code fix writes.</summary>
    public const string KindProperty = "PiiGuard.Kind";

    /// <summary>The property of a PII104 diagnostic that names the type's one point-in-time member, when it has exactly one.</summary>
    public const string ClockProperty = "PiiGuard.Clock";

    private const string ProtectedPersonalDataMetadataName = "Microsoft.AspNetCore.Identity.ProtectedPersonalDataAttribute";

    /// <summary>The work counters of this analyzer instance, when a test set them.</summary>
    internal ApplicationCounters? Counters { get; set; }

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors.Classification;

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (ApplicationSymbols.TryCreate(start.Compilation) is not { } app)
            {
                return;
            }

            ApplicationEvidence evidence = ApplicationEvidence.For(start.Compilation, app, start.CancellationToken);
            if (!evidence.MayDeclareDataSubjects && !evidence.MayHaveAnnotations)
            {
                return;
            }

            var analysis = new CompilationAnalysis(start.Compilation, app, AnalysisCache.For(start.Compilation).Symbols, evidence.MayDeclareDataSubjects, Counters);
            start.RegisterSymbolAction(analysis.AnalyzeType, SymbolKind.NamedType);
        });
    }

    /// <summary>What one member is, as the rules see it: read once per compilation.</summary>
    private sealed class MemberFacts
    {
        public MemberFacts(ISymbol symbol, ITypeSymbol type, Classification? classification, bool notPersonal, bool subjectKey, NameFinding? finding, bool passwordHead, bool credential)
        {
            Symbol = symbol;
            Type = type;
            Classification = classification;
            NotPersonal = notPersonal;
            SubjectKey = subjectKey;
            Finding = finding;
            PasswordHead = passwordHead;
            Credential = credential;
        }

        public ISymbol Symbol { get; }

        public ITypeSymbol Type { get; }

        public Classification? Classification { get; }

        public bool NotPersonal { get; }

        public bool SubjectKey { get; }

        /// <summary>What the name model reads in the name, or null.</summary>
        public NameFinding? Finding { get; }

        /// <summary>The name's head is a password (not a hash or a salt of one).</summary>
        public bool PasswordHead { get; }

        /// <summary>The name reads as a credential: a token, a secret, a key, or a hash or key of one.</summary>
        public bool Credential { get; }
    }

    /// <summary>The types in scope by declaration (<see cref="ApplicationScope"/>), with what the rules ask of them, worked out once.</summary>
    private sealed class Scope
    {
        public Scope(Dictionary<INamedTypeSymbol, ScopeReasons> types)
        {
            Types = types;
            HasDataSubject = ApplicationScope.HasDataSubject(types);
            EntityNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (KeyValuePair<INamedTypeSymbol, ScopeReasons> entry in types)
            {
                if ((entry.Value & ScopeReasons.Entity) != 0 && (entry.Value & ScopeReasons.DataSubject) == 0)
                {
                    EntityNames.Add(entry.Key.Name);
                }
            }
        }

        public Dictionary<INamedTypeSymbol, ScopeReasons> Types { get; }

        /// <summary>Whether the compilation declares a <c>[DataSubject]</c>: PII100 to PII104 apply only then.</summary>
        public bool HasDataSubject { get; }

        /// <summary>The names of the entities that are not data subjects: a member <c>&lt;Name&gt;Id</c> is a foreign key to one.</summary>
        public HashSet<string> EntityNames { get; }
    }

    private sealed class CompilationAnalysis
    {
        private static readonly HashSet<string> PasswordTerms = new(StringComparer.Ordinal) { "password", "passwd", "pwd", "passphrase" };

        // The heads under which a credential subject is still a credential: a password's hash, a secret key. An id or
        // a number of a token only points at it.
        private static readonly HashSet<string> SecretHeads = new(StringComparer.Ordinal)
        {
            "key", "hash", "digest", "md5", "sha1", "sha256", "sha384", "sha512",
        };

        // The words of the network terms that name what a network knows of a device: its addresses, its browser, where
        // it came from, its names on the network.
        private static readonly HashSet<string> ConnectionWords = new(StringComparer.Ordinal)
        {
            "ip", "ipv4", "ipv6", "mac", "agent", "useragent", "referrer", "referer", "forwarded", "hostname", "host", "ssid", "bssid", "fqdn", "dns",
        };

        private readonly Compilation _compilation;
        private readonly ApplicationSymbols _app;
        private readonly PiiGuardSymbols? _symbols;
        private readonly INamedTypeSymbol? _keyAttribute;
        private readonly INamedTypeSymbol? _protectedPersonalData;
        private readonly EntityConventions _conventions;
        private readonly bool _mayDeclareDataSubjects;
        private readonly ApplicationCounters? _counters;
        private readonly ConcurrentDictionary<ISymbol, MemberFacts> _members = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _locallyInScope = new(SymbolEqualityComparer.Default);
        private readonly object _scopeLock = new();
        private Scope? _scope;

        public CompilationAnalysis(Compilation compilation, ApplicationSymbols app, PiiGuardSymbols? symbols, bool mayDeclareDataSubjects, ApplicationCounters? counters)
        {
            _compilation = compilation;
            _mayDeclareDataSubjects = mayDeclareDataSubjects;
            _counters = counters;
            _app = app;
            _symbols = symbols;
            _keyAttribute = compilation.GetTypeByMetadataName(ApplicationScope.KeyAttributeMetadataName);
            _protectedPersonalData = compilation.GetTypeByMetadataName(ProtectedPersonalDataMetadataName);
            _conventions = new EntityConventions(compilation);
        }

        public void AnalyzeType(SymbolAnalysisContext context)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            _counters?.Type();
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct or TypeKind.Interface))
            {
                return;
            }

            CheckTypeAnnotations(type, context);
            foreach (ISymbol member in type.GetMembers())
            {
                if (ApplicationScope.IsDataMember(member))
                {
                    CheckMemberAnnotations(member, context);
                }
            }

            // Without the word, no type here is a [DataSubject]: the scope is not walked for one.
            if (!_mayDeclareDataSubjects)
            {
                return;
            }

            Scope scope = GetScope(context.CancellationToken);
            if (!scope.HasDataSubject)
            {
                return;
            }

            // In scope: a data subject, an entity or a base of one, or a type that holds (or inherits) a subject key or
            // a classified member. Only then are its members' names read.
            scope.Types.TryGetValue(type, out ScopeReasons reasons);
            if (reasons == ScopeReasons.None && !IsLocallyInScope(type))
            {
                return;
            }

            List<MemberFacts> own = OwnMembers(type, context);
            List<MemberFacts> all = AllMembers(type, own, context);
            bool holdsSubjectKey = all.Exists(m => m.SubjectKey);
            bool holdsClassified = all.Exists(m => m.Classification != null);
            foreach (MemberFacts member in own)
            {
                CheckMember(member, all, scope, context);
            }

            bool concrete = !type.IsAbstract && !type.IsStatic && type.TypeKind != TypeKind.Interface;
            if (!concrete)
            {
                return;
            }

            // A type with personal members (classified, or named like personal data and left unclassified) needs a way to
            // its subject: a lookup or join table with none has no rows of anyone to export or erase.
            MemberFacts? unclassified = holdsClassified ? null : all.Find(m => m.Finding != null && !m.NotPersonal && !IsNotAMemberToClassify(m, all, scope));
            if ((reasons & ScopeReasons.DataSubject) == 0 && !holdsSubjectKey && (holdsClassified || unclassified != null) &&
                ApplicationSymbols.FindAttribute(type, _app.NoSubjectKeyAttribute, subclasses: false) is null)
            {
                MemberFacts? classified = all.Find(m => m.Classification != null);
                string why = classified != null
                    ? "holds classified personal data ('" + classified.Symbol.Name + "')"
                    : "holds data named like personal data ('" + unclassified!.Symbol.Name + "')";
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.NoWayToSubject, type.Locations[0], type.Name, why));
            }

            CheckRetentionNeeded(type, all, scope, context);

            // A data subject's rows are found by its key: its [SubjectKey] member, else the key EF Core finds.
            if ((reasons & (ScopeReasons.DataSubject | ScopeReasons.Entity)) == (ScopeReasons.DataSubject | ScopeReasons.Entity) &&
                !holdsSubjectKey && _conventions.RowKey(type) is null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.DataSubjectWithoutKey, type.Locations[0], type.Name));
            }
        }

        private void CheckMember(MemberFacts member, List<MemberFacts> all, Scope scope, SymbolAnalysisContext context)
        {
            if (member.Finding is not { } finding)
            {
                return;
            }

            Location location = member.Symbol.Locations[0];
            string name = member.Symbol.Name;

            // A password is reported whatever it is classified as: storing it is the fault.
            if (member.PasswordHead)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.StoredPassword, location, name, finding.Found));
                return;
            }

            if (IsNotAMemberToClassify(member, all, scope))
            {
                return;
            }

            Classification? classification = member.Classification;
            if (member.Credential && !member.NotPersonal)
            {
                if (classification is null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.UnclassifiedCredential, location, KindProperties(DataKind.Credential), name, finding.Found));
                    return;
                }

                if (classification.Source == ClassificationSource.PiiGuard && classification.Kind != DataKind.Credential)
                {
                    string kind = classification.Kind is { } k ? DataKinds.ToSource(k) : "a kind that is not a PersonalDataKind";
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.MisclassifiedCredential, location, KindProperties(DataKind.Credential), name, finding.Found, kind));
                    return;
                }

                if (classification.Source == ClassificationSource.AspNetCoreIdentity && !IsProtected(classification))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.MisclassifiedCredential, location, KindProperties(DataKind.Credential), name, finding.Found,
                        "ASP.NET Core Identity's [PersonalData] (which exports it but does not protect it; [ProtectedPersonalData] does)"));
                    return;
                }

                if (classification.Source == ClassificationSource.Compliance)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.MisclassifiedCredential, location, KindProperties(DataKind.Credential), name, finding.Found,
                        "'" + classification.Attribute.AttributeClass?.Name + "' (a Microsoft.Extensions.Compliance classification, which says nothing of a credential)"));
                    return;
                }

                return;
            }

            if (classification is null && !member.NotPersonal)
            {
                DataKind kind = Suggest(finding);
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.UnclassifiedPersonalMember, location, KindProperties(kind),
                    name, finding.Category.Description, finding.Found, kind.ToString()));
            }
        }

        private void CheckRetentionNeeded(INamedTypeSymbol type, List<MemberFacts> all, Scope scope, SymbolAnalysisContext context)
        {
            var network = new List<string>();
            foreach (MemberFacts member in all)
            {
                if (IsNetworkIdentifier(member) && !IsNotAMemberToClassify(member, all, scope))
                {
                    network.Add(member.Symbol.Name);
                }
            }

            if (network.Count == 0 || HasRetention(type))
            {
                return;
            }

            string? clock = null;
            int clocks = 0;
            foreach (MemberFacts member in all)
            {
                if (IsPointInTime(member.Type))
                {
                    clock = member.Symbol.Name;
                    clocks++;
                }
            }

            ImmutableDictionary<string, string?> properties = clocks == 1
                ? ImmutableDictionary<string, string?>.Empty.Add(ClockProperty, clock)
                : ImmutableDictionary<string, string?>.Empty;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.NetworkIdentifiersWithoutRetention, type.Locations[0], properties, type.Name, Quote(network)));
        }

        private static bool IsNetworkIdentifier(MemberFacts member)
        {
            if (member.Classification is { Source: ClassificationSource.PiiGuard } piiGuard)
            {
                return piiGuard.Kind == DataKind.NetworkIdentifier;
            }

            // Unclassified, or classified without a kind: the name decides, when it names what a network knows of a
            // device (an IP address, a user agent, a referrer). A bare "Address" is a person's postal one as often as a
            // host's, and a URL the person gave ("AvatarUrl", "WebsiteUrl") is their profile's: those count only once
            // classified as network identifiers.
            return !member.NotPersonal && member.Finding is { } finding && finding.Category == Category.Network && IsConnectionIdentifier(finding.Found);
        }

        private bool HasRetention(INamedTypeSymbol type)
        {
            // [Retention] is inherited.
            for (INamedTypeSymbol? current = type; current != null; current = current.BaseType)
            {
                if (ApplicationSymbols.FindAttribute(current, _app.RetentionAttribute, subclasses: false) != null)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether the member is the row's own key, a subject key, a navigation to another entity, or the foreign key
        /// of one (<c>OrderId</c> beside <c>Order</c>, or naming an entity): none holds personal data of its own.
        /// </summary>
        private bool IsNotAMemberToClassify(MemberFacts member, List<MemberFacts> all, Scope scope)
        {
            if (member.SubjectKey || IsRowKey(member))
            {
                return true;
            }

            if (IsNavigation(member.Type, scope))
            {
                return true;
            }

            string name = member.Symbol.Name;
            if (name.Length > 2 && name.EndsWith("Id", StringComparison.OrdinalIgnoreCase))
            {
                string target = name.Substring(0, name.Length - 2);
                foreach (MemberFacts other in all)
                {
                    if (string.Equals(other.Symbol.Name, target, StringComparison.Ordinal) && IsNavigation(other.Type, scope))
                    {
                        return true;
                    }
                }

                // The key of a row of another entity; the key of a data subject leads to a person, and is a [SubjectKey].
                return scope.EntityNames.Contains(target);
            }

            return false;
        }

        private bool IsRowKey(MemberFacts member) => ApplicationScope.IsRowKey(member.Symbol, _keyAttribute);

        /// <summary>Whether a member of <paramref name="memberType"/> leads to another entity, or a collection of them.</summary>
        private bool IsNavigation(ITypeSymbol memberType, Scope scope)
        {
            ITypeSymbol element = ElementOf(memberType);
            if (element is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, SpecialType: SpecialType.None } named ||
                named.ContainingNamespace?.ToDisplayString() is "System" or "System.Net")
            {
                return false;
            }

            // A type declared elsewhere is an entity when a DbSet says so; one declared here, also by its own members.
            INamedTypeSymbol definition = named.OriginalDefinition;
            return (scope.Types.TryGetValue(definition, out ScopeReasons reasons) && (reasons & (ScopeReasons.DataSubject | ScopeReasons.Entity)) != 0) ||
                (definition.Locations.Length > 0 && definition.Locations[0].IsInSource && IsLocallyInScope(definition));
        }

        private static ITypeSymbol ElementOf(ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol array)
            {
                return array.ElementType;
            }

            if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic &&
                (generic.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T || IsEnumerable(generic)))
            {
                return generic.TypeArguments[0];
            }

            return type;
        }

        private static bool IsEnumerable(INamedTypeSymbol type)
        {
            if (type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                return true;
            }

            foreach (INamedTypeSymbol face in type.AllInterfaces)
            {
                if (face.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the type holds (or inherits) a <c>[SubjectKey]</c> member or a classified member.</summary>
        private bool IsLocallyInScope(INamedTypeSymbol type)
        {
            if (_locallyInScope.TryGetValue(type, out bool inScope))
            {
                return inScope;
            }

            bool found = ApplicationScope.IsInScopeByMembers(type, _app);
            return _locallyInScope.GetOrAdd(type, found);
        }

        private Scope GetScope(CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _scope) is { } scope)
            {
                return scope;
            }

            lock (_scopeLock)
            {
                // A cancelled walk throws before it stores anything: the next caller walks again.
                if (_scope is null)
                {
                    _counters?.Scope();
                    Volatile.Write(ref _scope, new Scope(ApplicationScope.TypesInScope(_compilation, _app, cancellationToken)));
                }

                return _scope!;
            }
        }

        private List<MemberFacts> OwnMembers(INamedTypeSymbol type, SymbolAnalysisContext context)
        {
            var members = new List<MemberFacts>();
            foreach (ISymbol member in type.GetMembers())
            {
                if (ApplicationScope.IsDataMember(member))
                {
                    members.Add(GetFacts(member, type, context));
                }
            }

            return members;
        }

        /// <summary>The type's own data members, then those it inherits (hidden ones left out).</summary>
        private List<MemberFacts> AllMembers(INamedTypeSymbol type, List<MemberFacts> own, SymbolAnalysisContext context)
        {
            var all = new List<MemberFacts>(own);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (MemberFacts member in own)
            {
                names.Add(member.Symbol.Name);
            }

            for (INamedTypeSymbol? current = type.BaseType; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (ISymbol member in current.GetMembers())
                {
                    if (ApplicationScope.IsDataMember(member) && member.DeclaredAccessibility != Accessibility.Private && names.Add(member.Name))
                    {
                        all.Add(GetFacts(member, type, context));
                    }
                }
            }

            return all;
        }

        private MemberFacts GetFacts(ISymbol member, INamedTypeSymbol analyzed, SymbolAnalysisContext context) =>
            _members.TryGetValue(member, out MemberFacts? facts) ? facts : _members.GetOrAdd(member, ReadFacts(member, analyzed, context));

        private MemberFacts ReadFacts(ISymbol member, INamedTypeSymbol analyzed, SymbolAnalysisContext context)
        {
            _counters?.Facts();
            ITypeSymbol type = member is IPropertySymbol property ? property.Type : ((IFieldSymbol)member).Type;
            Classification? classification = _app.Classify(member);
            bool notPersonal = _app.IsMarkedNotPersonal(member);
            bool subjectKey = _app.HasSubjectKey(member);

            NameFinding? finding = null;
            bool passwordHead = false;
            bool credential = false;
            SyntaxTree? tree = member.Locations.Length > 0 && member.Locations[0].SourceTree is { } own ? own
                : analyzed.Locations.Length > 0 ? analyzed.Locations[0].SourceTree : null;
            if (_symbols != null && tree != null)
            {
                PiiGuardOptions options = PiiGuardOptions.For(context.Options.AnalyzerConfigOptionsProvider.GetOptions(tree));
                finding = PersonalMemberReader.Read(member, _symbols, options);
                if (finding != null)
                {
                    (passwordHead, credential, bool credentialHead) = ReadCredential(member.Name, finding, options);

                    // "PasswordChangedAt", "TokenExpiresAt": the model reads a password or a PIN on any type, so a
                    // point in time, a number or a flag named after one reads as the credential. Under another head,
                    // only text or bytes can hold a secret; anything else only says something about it.
                    if (credential && !passwordHead && finding.Category == Category.Credential && !credentialHead && !CanHoldSecret(type))
                    {
                        finding = null;
                        credential = false;
                    }
                }
            }

            return new MemberFacts(member, type, classification, notPersonal, subjectKey, finding, passwordHead, credential);
        }

        /// <summary>
        /// Whether a name the model reads as <paramref name="finding"/> is a password (its head is one: not
        /// <c>PasswordHash</c> or <c>PasswordSalt</c>), and whether it is a credential at all: read as one, or a hash
        /// or key over one (<c>PasswordHash</c>, <c>SecretKey</c>), which the model reads as an identifier.
        /// </summary>
        private static (bool PasswordHead, bool Credential, bool CredentialHead) ReadCredential(string name, NameFinding finding, PiiGuardOptions options)
        {
            if (finding.Category != Category.Credential && finding.Category != Category.Identifier)
            {
                return (false, false, false);
            }

            IReadOnlyList<string> words = NameWords.Split(name);
            bool[]? mask = options.AllowedWords.IsEmpty ? null : options.AllowedWords.Mask(words);
            List<NameModel.Token> tokens = NameModel.Read(words, Vocabulary.Default, mask);
            int connector = tokens.FindIndex(t => t.Role == TermRole.Connector);
            int headEnd = connector > 0 ? connector : tokens.Count;
            if (headEnd == 0)
            {
                return (false, false, false);
            }

            NameModel.Token head = tokens[headEnd - 1];
            bool headIsCredential = !head.Allowed && head.Term?.Category == Category.Credential;
            if (finding.Category == Category.Credential)
            {
                return (headIsCredential && PasswordTerms.Contains(head.Term!.Text), true, headIsCredential);
            }


            if (head.Term is null || !SecretHeads.Contains(head.Term.Text))
            {
                return (false, false, false);
            }

            for (int i = 0; i < headEnd - 1; i++)
            {
                if (!tokens[i].Allowed && tokens[i].Term?.Category == Category.Credential)
                {
                    return (false, true, false);
                }
            }

            return (false, false, false);
        }

        /// <summary>Whether a value of <paramref name="type"/> can hold a secret: text, or bytes or characters.</summary>
        private static bool CanHoldSecret(ITypeSymbol type) =>
            type.SpecialType == SpecialType.System_String ||
            (type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte or SpecialType.System_Char });

        private bool IsProtected(Classification classification)
        {
            for (INamedTypeSymbol? current = classification.Attribute.AttributeClass; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, _protectedPersonalData))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The kind a member named like <paramref name="finding"/> is classified as, by default: <see cref="DataKinds.For"/>,
        /// but of the names the model reads as network data, only what a network knows of a device (an IP address, a
        /// user agent, a referrer) is a network identifier; a bare address is a postal one, and a URL (an avatar's, a
        /// website's) belongs to the person's profile.
        /// </summary>
        private static DataKind Suggest(NameFinding finding)
        {
            if (finding.Category != Category.Network || IsConnectionIdentifier(finding.Found))
            {
                return DataKinds.For(finding.Category, finding.Found);
            }

            return finding.Found is "address" or "addr" or "addresses" or "addrs" ? DataKind.Contact : DataKind.Profile;
        }

        /// <summary>Whether the words found name what a network knows of a person's device or connection.</summary>
        private static bool IsConnectionIdentifier(string found)
        {
            foreach (string word in found.Split(' '))
            {
                if (ConnectionWords.Contains(word) || (word.EndsWith("s", StringComparison.Ordinal) && ConnectionWords.Contains(word.Substring(0, word.Length - 1))))
                {
                    return true;
                }
            }

            return false;
        }

        private static ImmutableDictionary<string, string?> KindProperties(DataKind kind) =>
            ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind.ToString());

        private static bool IsPointInTime(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return type.SpecialType == SpecialType.System_DateTime ||
                (type.Name == "DateTimeOffset" && type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true });
        }

        private static string Quote(List<string> names)
        {
            var text = new StringBuilder();
            for (int i = 0; i < names.Count && i < 3; i++)
            {
                text.Append(i == 0 ? "'" : ", '").Append(names[i]).Append('\'');
            }

            return names.Count > 3 ? text.Append(" and ").Append(names.Count - 3).Append(" more").ToString() : text.ToString();
        }

        // PII105 and PII106: the annotations themselves, wherever they are written.

        private void CheckTypeAnnotations(INamedTypeSymbol type, SymbolAnalysisContext context)
        {
            if (ApplicationSymbols.FindAttribute(type, _app.RetentionAttribute, subclasses: false) is { AttributeConstructor: not null, ConstructorArguments.Length: 2 } retention)
            {
                CheckRetention(type, retention, context);
            }

            if (ApplicationSymbols.FindAttribute(type, _app.NoSubjectKeyAttribute, subclasses: false) is { AttributeConstructor: not null, ConstructorArguments.Length: 1 } noKey &&
                string.IsNullOrWhiteSpace(noKey.ConstructorArguments[0].Value as string))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.EmptyReason, LocationOf(noKey, type, context), "NoSubjectKey", type.Name));
            }

            if (ApplicationSymbols.FindAttribute(type, _app.ErasureAttribute, subclasses: false) is { AttributeConstructor: not null, ConstructorArguments.Length: 1 } erasure &&
                erasure.ConstructorArguments[0].Value is int action)
            {
                if (action is < 0 or > 1)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.ErasureActionOutOfRange, LocationOf(erasure, type, context), type.Name, action));
                }
                else if (action == 1 && !HoldsSubjectKey(type))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.AnonymiseWithoutSubjectKey, LocationOf(erasure, type, context), type.Name));
                }
            }

            CheckAnonymisedSubjectKey(type, context);
        }

        /// <summary>
        /// PII106: rows anonymised keep their subject key cleared, so it must hold null. Reported where the erasure is
        /// declared, or where a type that inherits it declares its subject key.
        /// </summary>
        private void CheckAnonymisedSubjectKey(INamedTypeSymbol type, SymbolAnalysisContext context)
        {
            AttributeData? own = ApplicationSymbols.FindAttribute(type, _app.ErasureAttribute, subclasses: false);
            AttributeData? erasure = own;
            for (INamedTypeSymbol? current = type.BaseType; erasure is null && current != null; current = current.BaseType)
            {
                erasure = ApplicationSymbols.FindAttribute(current, _app.ErasureAttribute, subclasses: false);
            }

            if (erasure is not { AttributeConstructor: not null, ConstructorArguments.Length: 1 } || erasure.ConstructorArguments[0].Value is not 1)
            {
                return;
            }

            ISymbol? key = null;
            foreach (ISymbol member in EntityConventions.DataMembers(type))
            {
                if (_app.HasSubjectKey(member))
                {
                    key = member;
                    break;
                }
            }

            if (key is null || _conventions.CanHoldNull(key) || (own is null && !SymbolEqualityComparer.Default.Equals(key.ContainingType, type)))
            {
                return;
            }

            ITypeSymbol keyType = EntityConventions.TypeOf(key);
            string shown = keyType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            string what = keyType.IsValueType ? shown
                : _conventions.IsRequired(key) ? "[Required] " + shown
                : "non-nullable " + shown;
            Location location = own != null ? LocationOf(own, type, context) : key.Locations[0];
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.AnonymisedSubjectKeyNotNullable, location, type.Name, key.Name, what));
        }

        private void CheckRetention(INamedTypeSymbol type, AttributeData retention, SymbolAnalysisContext context)
        {
            Location location = LocationOf(retention, type, context);
            if (retention.ConstructorArguments[0].Value is int days && days < 1)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.RetentionDays, location, type.Name, days));
            }

            string from = retention.ConstructorArguments[1].Value as string ?? string.Empty;
            ISymbol? clock = null;
            for (INamedTypeSymbol? current = type; current != null && clock is null; current = current.BaseType)
            {
                foreach (ISymbol member in current.GetMembers(from))
                {
                    if (member is IFieldSymbol { IsStatic: false } or IPropertySymbol { IsStatic: false, IsIndexer: false })
                    {
                        clock = member;
                        break;
                    }
                }
            }

            if (clock is null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.RetentionClockMissing, location, type.Name, from));
                return;
            }

            ITypeSymbol clockType = clock is IPropertySymbol property ? property.Type : ((IFieldSymbol)clock).Type;
            if (!IsPointInTime(clockType))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.RetentionClockNotPointInTime, location, type.Name, from, clockType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
            }
        }

        private void CheckMemberAnnotations(ISymbol symbol, SymbolAnalysisContext context)
        {
            _counters?.Member();
            if (ApplicationSymbols.FindAttribute(symbol, _app.SubjectKeyAttribute, subclasses: false) is { AttributeConstructor: not null, ConstructorArguments.Length: 1 } key &&
                key.ConstructorArguments[0].Value is INamedTypeSymbol subject && subject.TypeKind != TypeKind.Error && !_app.IsDataSubject(subject))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.SubjectKeyNotSubject, LocationOf(key, symbol, context), symbol.Name, subject.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
            }

            if (ApplicationSymbols.FindAttribute(symbol, _app.NotPersonalDataAttribute, subclasses: false) is { AttributeConstructor: not null, ConstructorArguments.Length: 1 } notPersonal &&
                string.IsNullOrWhiteSpace(notPersonal.ConstructorArguments[0].Value as string))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.EmptyReason, LocationOf(notPersonal, symbol, context), "NotPersonalData", symbol.Name));
            }

            if (_app.Classify(symbol) is { Source: ClassificationSource.PiiGuard, Kind: null, Attribute: { AttributeConstructor: not null, ConstructorArguments.Length: 1 } data } &&
                data.ConstructorArguments[0].Value is int kind)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.KindOutOfRange, LocationOf(data, symbol, context), symbol.Name, kind));
            }
        }

        private bool HoldsSubjectKey(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (ISymbol member in current.GetMembers())
                {
                    if (ApplicationScope.IsDataMember(member) && _app.HasSubjectKey(member))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static Location LocationOf(AttributeData attribute, ISymbol owner, SymbolAnalysisContext context) =>
            attribute.ApplicationSyntaxReference is { } reference
                ? reference.GetSyntax(context.CancellationToken).GetLocation()
                : owner.Locations[0];
    }
}

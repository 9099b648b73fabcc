using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PiiGuard.Shared;
using PiiGuard.Shared.DataMap;

namespace PiiGuard.Analyzers;

/// <summary>
/// PII120: the data map collects more than the project's data map lock records: a member of a kind the lock has
/// nowhere, a personal member the lock lacks, a member of another kind, a longer or lost retention, retention counted
/// from another member, or a weaker erasure. The lock is the additional file marked <c>PiiGuardDataMapLock="true"</c>
/// (PiiGuard's MSBuild targets add <c>piiguard.datamap.lock</c>); without one nothing is checked, and with the MSBuild
/// property <c>PiiGuardUpdateDataMapLock=true</c> the rule is off, because the build rewrites the lock. A lock that
/// cannot be read is reported line by line, and nothing is compared with it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DataMapLockAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The additional-file metadata that marks the data map lock.</summary>
    public const string LockMetadata = "build_metadata.AdditionalFiles.PiiGuardDataMapLock";

    /// <summary>The MSBuild property, visible to the compiler, that rewrites the lock.</summary>
    public const string UpdateProperty = "build_property.PiiGuardUpdateDataMapLock";

    /// <summary>At most this many lines of a malformed lock are reported.</summary>
    private const int MaxReportedProblems = 20;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.DataMapNewKind, Descriptors.DataMapNewMember, Descriptors.DataMapKindChanged, Descriptors.DataMapLongerRetention,
        Descriptors.DataMapLostRetention, Descriptors.DataMapRetentionClockChanged, Descriptors.DataMapWeakerErasure, Descriptors.DataMapMalformedLock);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (ApplicationSymbols.TryCreate(start.Compilation) is not { } symbols ||
                SchemaLockAnalyzer.IsTrue(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions, UpdateProperty) ||
                FindLock(start.Options, start.CancellationToken) is not { } found)
            {
                return;
            }

            var problems = new List<LockProblem>();
            Dictionary<string, DataMapLock.Entry> entries = DataMapLock.Parse(found.Text.ToString(), problems);
            string name = Path.GetFileName(found.Path);
            if (problems.Count > 0)
            {
                start.RegisterCompilationEndAction(end =>
                {
                    foreach (LockProblem problem in problems.Take(MaxReportedProblems))
                    {
                        end.ReportDiagnostic(Diagnostic.Create(Descriptors.DataMapMalformedLock, LineLocation(found.Path, found.Text, problem.Line), name, problem.Line, problem.Message));
                    }
                });
                return;
            }

            HashSet<string> kinds = DataMapLock.KindsOf(entries.Values);
            start.RegisterSymbolAction(c => Analyze(c, symbols, entries, kinds, name), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, ApplicationSymbols symbols, Dictionary<string, DataMapLock.Entry> entries, HashSet<string> kinds, string lockName)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (DataMapBuilder.Describe(type, symbols, include: false, out ImmutableArray<ISymbol> members) is not { } mapped)
        {
            return;
        }

        entries.TryGetValue(mapped.Name, out DataMapLock.Entry? locked);
        List<DataMapLock.Change> changes = DataMapLock.Expansions(mapped, locked, kinds);
        if (changes.Count == 0)
        {
            return;
        }

        Location typeLocation = type.Locations.FirstOrDefault(l => l.IsInSource) ?? Location.None;
        foreach (DataMapLock.Change change in changes)
        {
            Location location = typeLocation;
            string what = mapped.Name;
            if (change.Member is { } index)
            {
                what = mapped.Name + "." + mapped.Members[index].Name;
                if (members[index].Locations.FirstOrDefault(l => l.IsInSource && l.SourceTree != null && context.Compilation.ContainsSyntaxTree(l.SourceTree)) is { } memberLocation)
                {
                    location = memberLocation;
                }
            }

            context.ReportDiagnostic(change.Kind switch
            {
                DataMapLock.ChangeKind.NewKind => Diagnostic.Create(Descriptors.DataMapNewKind, location, what, change.Now, lockName),
                DataMapLock.ChangeKind.NewMember => Diagnostic.Create(Descriptors.DataMapNewMember, location, what, change.Now, lockName),
                DataMapLock.ChangeKind.KindChanged => Diagnostic.Create(Descriptors.DataMapKindChanged, location, what, change.Now, change.Before, lockName),
                DataMapLock.ChangeKind.LongerRetention => Diagnostic.Create(Descriptors.DataMapLongerRetention, location, what, change.Now, change.Before, lockName),
                DataMapLock.ChangeKind.LostRetention => Diagnostic.Create(Descriptors.DataMapLostRetention, location, what, change.Before, lockName),
                DataMapLock.ChangeKind.RetentionClockChanged => Diagnostic.Create(Descriptors.DataMapRetentionClockChanged, location, what, change.Now, change.Before, lockName),
                _ => Diagnostic.Create(Descriptors.DataMapWeakerErasure, location, what, change.Now, change.Before, lockName),
            });
        }
    }

    private static (string Path, SourceText Text)? FindLock(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        foreach (AdditionalText file in options.AdditionalFiles)
        {
            if (SchemaLockAnalyzer.IsTrue(options.AnalyzerConfigOptionsProvider.GetOptions(file), LockMetadata) &&
                file.GetText(cancellationToken) is SourceText text)
            {
                return (file.Path, text);
            }
        }

        return null;
    }

    private static Location LineLocation(string path, SourceText text, int line)
    {
        if (line < 1 || line > text.Lines.Count)
        {
            return Location.None;
        }

        TextLine textLine = text.Lines[line - 1];
        return Location.Create(path, textLine.Span, text.Lines.GetLinePositionSpan(textLine.Span));
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PiiGuard.Generators.Model;
using PiiGuard.Shared;

namespace PiiGuard.Analyzers;

/// <summary>
/// PII008: a payload collects more than the project's schema lock records (a new field, a new enum value, a wider
/// type) without a SchemaVersion higher than the locked one. The lock is the additional file marked
/// <c>PiiGuardSchemaLock="true"</c> (PiiGuard's MSBuild targets add <c>piiguard.lock</c>); with the MSBuild
/// property <c>PiiGuardUpdateSchemaLock=true</c> the rule is off, because the build rewrites the lock.
/// </summary>
public sealed class SchemaLockAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The additional-file metadata that marks the schema lock.</summary>
    public const string LockMetadata = "build_metadata.AdditionalFiles.PiiGuardSchemaLock";

    /// <summary>The MSBuild property, visible to the compiler, that rewrites the lock.</summary>
    public const string UpdateProperty = "build_property.PiiGuardUpdateSchemaLock";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SchemaExpanded);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            AnalysisCache cache = AnalysisCache.For(start.Compilation);
            if (cache.Symbols is not { } symbols || FindActiveLock(start.Options, start.CancellationToken) is not { } lockFile)
            {
                return;
            }

            start.RegisterSymbolAction(c => Analyze(c, cache, symbols, lockFile), SymbolKind.NamedType);
        });
    }

    internal static void Analyze(SymbolAnalysisContext context, AnalysisCache cache, PiiGuardSymbols symbols, (string Name, Dictionary<string, SchemaLock.Entry> Entries) lockFile)
    {
        var payload = (INamedTypeSymbol)context.Symbol;
        if (!symbols.HasAttribute(payload, symbols.TelemetryPayloadAttribute) ||
            PayloadTypes.SourceLocation(payload, context.Compilation) is not { } location)
        {
            return;
        }

        (PayloadModel model, var problems) = cache.GetModel(payload, context.CancellationToken);
        if (problems.Count > 0 || !lockFile.Entries.TryGetValue(model.Name, out SchemaLock.Entry? locked))
        {
            // A payload with problems is PII007's; a payload the lock does not know yet is added to it by the build.
            return;
        }

        // A payload with a malformed version has problems (PII007) and returned above. A malformed version in the lock
        // file (which the build's lock check reports) allows nothing: every expansion is still reported.
        SchemaVersion current = SchemaVersion.Parse(model.SchemaVersion ?? "0");
        if (SchemaVersion.TryParse(locked.Version ?? "0", out SchemaVersion before) && current > before)
        {
            return;
        }

        List<string> expansions = SchemaLock.Expansions(SchemaLock.EntryOf(model), locked);
        if (expansions.Count > 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SchemaExpanded, location,
                model.Name, lockFile.Name, string.Join("; ", expansions), locked.Version ?? "none"));
        }
    }

    /// <summary>The lock to check against, or null when there is none or the build rewrites it.</summary>
    internal static (string Name, Dictionary<string, SchemaLock.Entry> Entries)? FindActiveLock(AnalyzerOptions options, System.Threading.CancellationToken cancellationToken) =>
        IsTrue(options.AnalyzerConfigOptionsProvider.GlobalOptions, UpdateProperty) ? null : FindLock(options, cancellationToken);

    private static (string Name, Dictionary<string, SchemaLock.Entry> Entries)? FindLock(AnalyzerOptions options, System.Threading.CancellationToken cancellationToken)
    {
        foreach (AdditionalText file in options.AdditionalFiles)
        {
            if (IsTrue(options.AnalyzerConfigOptionsProvider.GetOptions(file), LockMetadata) &&
                file.GetText(cancellationToken) is SourceText text)
            {
                return (Path.GetFileName(file.Path), SchemaLock.Parse(text.ToString()));
            }
        }

        return null;
    }

    /// <summary>Whether an MSBuild property or item metadata visible to the compiler is <c>true</c>.</summary>
    internal static bool IsTrue(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out string? value) && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}

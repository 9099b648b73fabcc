namespace PiiGuard.CodeFixes;

/// <summary>Display names of PiiGuard's attribute classes, as the semantic model prints them.</summary>
internal static class PiiGuardSymbolNames
{
    public const string TelemetryField = "PiiGuard.TelemetryFieldAttribute";
}

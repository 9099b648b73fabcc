using System.Threading;

namespace PiiGuard.Analyzers;

/// <summary>
/// The classification rules' work, counted (never timed): tests bound it. Only set on an analyzer that a test made;
/// the analyzer the compiler loads counts nothing.
/// </summary>
internal sealed class ApplicationCounters
{
    private long _types;
    private long _members;
    private long _facts;
    private long _scopes;

    /// <summary>Types the compiler handed to the rules (one callback each).</summary>
    public long TypesAnalysed => Interlocked.Read(ref _types);

    /// <summary>Members whose annotations were read (PII105, PII106).</summary>
    public long MembersLooked => Interlocked.Read(ref _members);

    /// <summary>Members whose names and classification were read for PII100 to PII104.</summary>
    public long MemberFactsRead => Interlocked.Read(ref _facts);

    /// <summary>Walks over the compilation's types for the scope (data subjects, entities).</summary>
    public long ScopeWalks => Interlocked.Read(ref _scopes);

    public void Type() => Interlocked.Increment(ref _types);

    public void Member() => Interlocked.Increment(ref _members);

    public void Facts() => Interlocked.Increment(ref _facts);

    public void Scope() => Interlocked.Increment(ref _scopes);
}

namespace PiiGuard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Every end-to-end test is in this collection, so they run one after another: they build the same projects
/// (src/ and the samples) into the same bin and obj folders, and each build already keeps both cores busy.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "dotnet processes";
}

namespace PiiGuard.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>The data map's names of the test app's types.</summary>
public static class RightsTestNames
{
    /// <summary>The namespace every name starts with.</summary>
    public const string Namespace = "PiiGuard.EntityFrameworkCore.Tests.App.";
}

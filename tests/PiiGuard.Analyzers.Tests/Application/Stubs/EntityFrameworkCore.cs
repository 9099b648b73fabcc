namespace PiiGuard.Analyzers.Tests.Application.Stubs;

/// <summary>EF Core's <c>DbContext</c> and <c>DbSet&lt;T&gt;</c>, as small stubs with their real names (tests need no packages).</summary>
internal static class EntityFrameworkCore
{
    public const string Source = """
        namespace Microsoft.EntityFrameworkCore
        {
            public class DbContext
            {
            }

            public abstract class DbSet<TEntity>
                where TEntity : class
            {
            }
        }
        """;
}

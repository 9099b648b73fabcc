namespace PiiGuard.Analyzers.Tests.Application.Stubs;

/// <summary>EF Core's <c>DbContext</c>, <c>DbSet&lt;T&gt;</c> and key attributes, as small stubs with their real names (tests need no packages).</summary>
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

            [System.AttributeUsage(System.AttributeTargets.Class)]
            public sealed class PrimaryKeyAttribute : System.Attribute
            {
                public PrimaryKeyAttribute(string propertyName, params string[] additionalPropertyNames)
                {
                }
            }

            [System.AttributeUsage(System.AttributeTargets.Class)]
            public sealed class KeylessAttribute : System.Attribute
            {
            }
        }
        """;
}

namespace PiiGuard.Analyzers.Tests.Application.Stubs;

/// <summary>
/// ASP.NET Core Identity's <c>[PersonalData]</c>, <c>[ProtectedPersonalData]</c> and <c>IdentityUser</c> (its
/// members classified as Identity's are), as small stubs with their real names.
/// </summary>
internal static class AspNetCoreIdentity
{
    public const string Source = """
        namespace Microsoft.AspNetCore.Identity
        {
            [System.AttributeUsage(System.AttributeTargets.Property)]
            public class PersonalDataAttribute : System.Attribute
            {
            }

            public class ProtectedPersonalDataAttribute : PersonalDataAttribute
            {
            }

            public class IdentityUser<TKey>
                where TKey : System.IEquatable<TKey>
            {
                [PersonalData] public virtual TKey Id { get; set; } = default!;

                [ProtectedPersonalData] public virtual string? UserName { get; set; }

                [ProtectedPersonalData] public virtual string? Email { get; set; }

                public virtual string? PasswordHash { get; set; }

                public virtual string? SecurityStamp { get; set; }

                [ProtectedPersonalData] public virtual string? PhoneNumber { get; set; }
            }

            public class IdentityUser : IdentityUser<string>
            {
            }
        }
        """;
}
